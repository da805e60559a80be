using System.Diagnostics;
using System.Globalization;
using UpsellAdmin.Bench.Engine;
using UpsellAdmin.Domain.Quotes;

// Quote engine benchmark: the compiled PropertyUpsellContext against the naive engine (every rule through the
// single-rule evaluator with plain LINQ), single-threaded, on one property of 1,000 rules.
//   dotnet run -c Release --project bench/UpsellAdmin.Bench.Engine [-- <fast stays> <naive stays>]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var fastCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var naiveCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3_000;

var data = new BenchData(seed: 2027);
var stays = data.Stays(fastCount, seed: 7);
var compileWatch = Stopwatch.StartNew();
var context = PropertyUpsellContext.Compile(data.Setup);
compileWatch.Stop();
var naive = new NaiveQuoteEngine(data.Setup);

Console.WriteLine($"Property: {data.Setup.Rules.Count} rules ({context.RuleCount} compiled, {context.SkippedRules.Count} skipped), {data.Setup.RoomTypes.Count} room types, {data.Setup.Hierarchy.Count} hierarchy rows; compiled in {compileWatch.Elapsed.TotalMilliseconds:0.0} ms");
Console.WriteLine($"Stays: {stays.Length:N0} random, 1–14 nights (avg {stays.Average(s => s.NightCount):0.0}); naive baseline on the first {Math.Min(naiveCount, stays.Length):N0}");
Console.WriteLine($"Runtime: .NET {Environment.Version}, {Environment.ProcessorCount} logical CPUs (machine shared), Server GC {System.Runtime.GCSettings.IsServerGC}, Stopwatch {Stopwatch.Frequency:N0} ticks/s");

// Same answers first: a benchmark of a wrong engine is worthless.
var mismatches = 0;
for (var i = 0; i < Math.Min(naiveCount, stays.Length); i++)
{
    var request = new QuoteRequest(stays[i], data.Prices);
    if (Describe(context.Quote(request)) != Describe(naive.Quote(request)))
    {
        mismatches++;
    }
}

Console.WriteLine($"Agreement check: {mismatches} mismatching quotes out of {Math.Min(naiveCount, stays.Length):N0}");

var fast = Measure("compiled context", stays, fastCount, context, data.Prices, warmUp: 20_000);
var baseline = Measure("naive (LINQ + RuleEvaluator)", stays, naiveCount, naive, data.Prices, warmUp: 300);

Console.WriteLine();
Console.WriteLine("Wall clock, one thread, every quote timed with Stopwatch (includes time the OS gives to other processes):");
Console.WriteLine($"| {"engine",-30} | {"quotes",8} | {"quotes/s",10} | {"mean µs",8} | {"p50 µs",8} | {"p99 µs",8} | {"max µs",9} | {"bytes/quote",11} | {"offers/quote",12} |");
Console.WriteLine($"|{new string('-', 32)}|{new string('-', 10)}|{new string('-', 12)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 11)}|{new string('-', 13)}|{new string('-', 14)}|");
foreach (var r in new[] { fast, baseline })
{
    Console.WriteLine($"| {r.Name,-30} | {r.Count,8:N0} | {r.QuotesPerSecond,10:N0} | {r.MeanMicros,8:0.00} | {r.P50Micros,8:0.00} | {r.P99Micros,8:0.00} | {r.MaxMicros,9:0.0} | {r.BytesPerQuote,11:N0} | {r.OffersPerQuote,12:0.00} |");
}

Console.WriteLine();
Console.WriteLine("Same stays, each quoted 3 times in a row, fastest of the 3 kept (filters out pre-emption on a shared machine):");
Console.WriteLine($"| {"engine",-30} | {"quotes",8} | {"quotes/s",10} | {"mean µs",8} | {"p50 µs",8} | {"p99 µs",8} | {"max µs",9} |");
Console.WriteLine($"|{new string('-', 32)}|{new string('-', 10)}|{new string('-', 12)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 11)}|");
foreach (var r in new[] { fast.BestOfThree, baseline.BestOfThree })
{
    Console.WriteLine($"| {r.Name,-30} | {r.Count,8:N0} | {r.QuotesPerSecond,10:N0} | {r.MeanMicros,8:0.00} | {r.P50Micros,8:0.00} | {r.P99Micros,8:0.00} | {r.MaxMicros,9:0.0} |");
}

Console.WriteLine();
Console.WriteLine($"Speed-up (naive / compiled), wall clock: throughput ×{fast.QuotesPerSecond / baseline.QuotesPerSecond:0.0}, p50 ×{baseline.P50Micros / fast.P50Micros:0.0}, p99 ×{baseline.P99Micros / fast.P99Micros:0.0}; allocations ×{baseline.BytesPerQuote / fast.BytesPerQuote:0.0} fewer");
Console.WriteLine($"Speed-up (naive / compiled), best of 3: mean ×{baseline.BestOfThree.MeanMicros / fast.BestOfThree.MeanMicros:0.0}, p50 ×{baseline.BestOfThree.P50Micros / fast.BestOfThree.P50Micros:0.0}, p99 ×{baseline.BestOfThree.P99Micros / fast.BestOfThree.P99Micros:0.0}");
Console.WriteLine($"Goals: p99 ≤ 50 µs: wall clock {Verdict(fast.P99Micros <= 50)} ({fast.P99Micros:0.00} µs), best of 3 {Verdict(fast.BestOfThree.P99Micros <= 50)} ({fast.BestOfThree.P99Micros:0.00} µs); ≥ 10× baseline: {Verdict(fast.QuotesPerSecond / baseline.QuotesPerSecond >= 10)}; agreement: {Verdict(mismatches == 0)}");
return mismatches == 0 ? 0 : 1;

static Result Measure(string name, UpsellAdmin.Domain.Stays.Stay[] stays, int count, IUpsellQuoter quoter, INightlyPriceLookup prices, int warmUp)
{
    count = Math.Min(count, stays.Length);
    for (var i = 0; i < warmUp; i++)
    {
        quoter.Quote(new QuoteRequest(stays[i % stays.Length], prices));
    }

    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var ticks = new long[count];
    long offers = 0;
    var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
    var start = Stopwatch.GetTimestamp();
    for (var i = 0; i < count; i++)
    {
        var t0 = Stopwatch.GetTimestamp();
        var result = quoter.Quote(new QuoteRequest(stays[i], prices));
        ticks[i] = Stopwatch.GetTimestamp() - t0;
        offers += result.Offers.Count;
    }

    var elapsed = Stopwatch.GetElapsedTime(start);
    var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;

    var best = new long[count];
    for (var i = 0; i < count; i++)
    {
        var request = new QuoteRequest(stays[i], prices);
        best[i] = long.MaxValue;
        for (var repeat = 0; repeat < 3; repeat++)
        {
            var t0 = Stopwatch.GetTimestamp();
            quoter.Quote(request);
            best[i] = Math.Min(best[i], Stopwatch.GetTimestamp() - t0);
        }
    }

    var bestMean = best.Average(t => Micros(t));
    return new Result(name, count, count / elapsed.TotalSeconds, elapsed.TotalMicroseconds / count, ticks, (double)bytes / count, (double)offers / count)
    {
        BestOfThree = new Result(name, count, 1_000_000 / bestMean, bestMean, best, 0, 0),
    };
}

static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

static string Verdict(bool met) => met ? "MET" : "NOT MET";

static string Describe(QuoteResult result) => string.Join(
    "|",
    result.Offers.Select(o => $"{o.ToRoomType}#{o.DisplaySequence}:{o.Rule}:{o.TotalUpsellRate}:{string.Join(",", o.Nights)}:{string.Join(",", o.OtherMatchingRules)}"));

internal sealed record Result
{
    public Result(string name, int count, double quotesPerSecond, double meanMicros, long[] ticks, double bytesPerQuote, double offersPerQuote)
    {
        var sorted = ticks.Order().ToArray();
        Name = name;
        Count = count;
        QuotesPerSecond = quotesPerSecond;
        MeanMicros = meanMicros;
        P50Micros = ToMicros(sorted[(int)(sorted.Length * 0.50)]);
        P99Micros = ToMicros(sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]);
        MaxMicros = ToMicros(sorted[^1]);
        BytesPerQuote = bytesPerQuote;
        OffersPerQuote = offersPerQuote;
    }

    public string Name { get; }
    public int Count { get; }
    public double QuotesPerSecond { get; }
    public double MeanMicros { get; }
    public double P50Micros { get; }
    public double P99Micros { get; }
    public double MaxMicros { get; }
    public double BytesPerQuote { get; }
    public double OffersPerQuote { get; }
    public Result BestOfThree { get; init; } = null!;

    private static double ToMicros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
