using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Bench.Web;

/// <summary>
/// Seeds N rules into one property of a SQLite file (N = 1,000 and 100,000), then times
/// <see cref="IUpsellRuleService.SearchAsync"/> (the whole server side: access check, count, page, lists, warnings)
/// for five typical criteria sets. Goal: p95 ≤ 50 ms at 100,000 and p95(100k) / p95(1k) ≤ 3.
/// </summary>
internal static class RulesSearchBenchmark
{
    private sealed record Case(string Name, UpsellRuleCriteria Criteria, PageRequest Page);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchOptions(args);
        var runs = options.Int("runs", 60);
        var warmup = options.Int("warmup", 20);
        var dir = options.Text("dir", Path.Combine(Path.GetTempPath(), "upselladmin-bench"));
        int[] sizes = [options.Int("small", 1_000), options.Int("large", 100_000)];
        Directory.CreateDirectory(dir);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Case[] cases =
        [
            new("1 default screen (no criteria)", new UpsellRuleCriteria(), new PageRequest(0, 50)),
            new("2 from STDK + stay date", new UpsellRuleCriteria { FromRoomType = "STDK", StayDate = today.AddDays(30) }, new PageRequest(0, 50)),
            new("3 rate BAR + channel WEB", new UpsellRuleCriteria { RateCodeOrCategory = "BAR", Channel = "WEB" }, new PageRequest(0, 50)),
            new("4 code/desc 'junior'", new UpsellRuleCriteria { CodeOrDescription = "junior" }, new PageRequest(0, 50)),
            new("5 PC01/GOLD+TRANS+GUA, RT, by begin desc, p3",
                new UpsellRuleCriteria { MembershipType = "PC01", MembershipLevel = "GOLD", Market = "TRANS", ReservationType = "GUA", RoomTypeRules = true },
                new PageRequest(2, 50, nameof(UpsellRuleRow.BeginDate), Descending: true)),
        ];

        // Both databases first, then warm-up, then the runs of both sizes interleaved (1k, 100k, 1k, …) so that JIT
        // tiering and the load of a shared machine weigh on both sides alike.
        var databases = new List<(int Size, BenchDatabase Database, int PropertyId)>();
        foreach (var size in sizes)
        {
            var path = Path.Combine(dir, $"rules-{size}.db");
            var seedWatch = Stopwatch.StartNew();
            var database = await BenchDatabase.CreateAsync(path);
            var propertyId = await database.WithContextAsync(db => db.Properties.Where(p => p.Code == "HVNYC").Select(p => p.Id).SingleAsync());
            RuleGenerator.Insert(database, propertyId, size, today);
            databases.Add((size, database, propertyId));
            Console.WriteLine($"seeded {size:N0} rules into {path} in {seedWatch.Elapsed.TotalSeconds:0.0} s");
            if (options.Flag("plans"))
            {
                await QueryPlans.PrintAsync(database, propertyId, cases.Select(c => (c.Name, c.Criteria, c.Page)));
            }
        }

        async Task<(double Ms, PagedResult<UpsellRuleRow> Result)> TimeAsync(BenchDatabase database, int propertyId, Case c)
        {
            await using var scope = database.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<IUpsellRuleService>();
            var watch = Stopwatch.StartNew();
            var result = await service.SearchAsync(propertyId, c.Criteria, c.Page);
            return (watch.Elapsed.TotalMilliseconds, result);
        }

        for (var i = 0; i < warmup; i++)
        {
            foreach (var c in cases)
            {
                foreach (var (_, database, propertyId) in databases)
                {
                    await TimeAsync(database, propertyId, c);
                }
            }
        }

        // Yardstick for a shared machine: the same scope + context + one trivial indexed query, no search.
        var baseline = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            await using var scope = databases[0].Database.Services.CreateAsyncScope();
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<UpsellAdmin.Web.Data.AppDbContext>>();
            var watch = Stopwatch.StartNew();
            await using (var db = await factory.CreateDbContextAsync())
            {
                await db.Properties.AnyAsync(p => p.Id == databases[0].PropertyId);
            }
            baseline[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(baseline);

        var results = new Dictionary<(int Size, string Case), (double P50, double P95, string Total)>();
        foreach (var c in cases)
        {
            var timings = databases.ToDictionary(d => d.Size, _ => new double[runs]);
            var totals = new Dictionary<int, string>();
            for (var i = 0; i < runs; i++)
            {
                foreach (var (size, database, propertyId) in databases)
                {
                    var (ms, result) = await TimeAsync(database, propertyId, c);
                    timings[size][i] = ms;
                    totals[size] = result.TotalIsLowerBound ? $"{result.TotalItems}+" : $"{result.TotalItems}";
                }
            }
            foreach (var size in sizes)
            {
                Array.Sort(timings[size]);
                results[(size, c.Name)] = (Percentile(timings[size], 0.50), Percentile(timings[size], 0.95), totals[size]);
            }
        }
        foreach (var (_, database, _) in databases)
        {
            await database.DisposeAsync();
        }

        Console.WriteLine();
        Console.WriteLine($"UpsellRuleService.SearchAsync, SQLite file, {runs} runs per case and size after {warmup} warm-up rounds, sizes interleaved (ms); load average {LoadAverage()}");
        var header = $"{"criteria set",-48} | {"1k p50",7} {"1k p95",7} {"1k hits",7} | {"100k p50",8} {"100k p95",8} {"100k hits",9} | {"p95 ratio",9}";
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        var ok = true;
        foreach (var c in cases)
        {
            var small = results[(sizes[0], c.Name)];
            var large = results[(sizes[1], c.Name)];
            var ratio = large.P95 / small.P95;
            ok &= large.P95 <= 50 && ratio <= 3;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Name,-48} | {small.P50,7:0.00} {small.P95,7:0.00} {small.Total,7} | {large.P50,8:0.00} {large.P95,8:0.00} {large.Total,9} | {ratio,9:0.00}"));
        }
        var worstSmall = cases.Max(c => results[(sizes[0], c.Name)].P95);
        var worstLarge = cases.Max(c => results[(sizes[1], c.Name)].P95);
        Console.WriteLine(new string('-', header.Length));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"worst p95: {worstSmall:0.00} ms at {sizes[0]:N0}, {worstLarge:0.00} ms at {sizes[1]:N0}; ratio of worst p95 {worstLarge / worstSmall:0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"yardstick (new context + one trivial query, no search): p50 {Percentile(baseline, 0.50):0.00} ms, p95 {Percentile(baseline, 0.95):0.00} ms; a search runs 5-6 queries"));
        Console.WriteLine(ok ? "GOAL MET: every p95 at 100k <= 50 ms and every p95 ratio <= 3" : "GOAL NOT MET");
        return ok ? 0 : 1;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Percentile(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
