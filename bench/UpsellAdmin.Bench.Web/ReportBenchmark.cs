using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Reports;
using UpsellAdmin.Web.Features.Reports.History;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Bench.Web;

/// <summary>
/// <c>report [--records 1000000] [--properties 50] [--years 3] [--runs 20] [--chain-runs 10] [--warmup 3] [--dir /tmp/x] [--keep]</c>:
/// the Upsell Performance report (<see cref="IUpsellReportService.RunAsync"/>, server side: scope, access, every grouped
/// query) over N upsell records (presentations + presented offers + sales + declines, written by
/// <see cref="ActivityHistoryGenerator"/> and bulk-inserted with <see cref="ActivityBulkWriter"/>) spread over 3 years
/// and 50 properties of a migrated SQLite file. Times one property × the last year and the chain (all properties) ×
/// the last year, for each grouping and for the page's set of groupings; p50/p95 after warm-up. Prints the SQL and
/// EXPLAIN QUERY PLAN of the slowest statement of the chain-wide page run.
/// Goals (issue 16): property-year p95 ≤ 300 ms, chain-year p95 ≤ 1 s.
/// </summary>
internal static class ReportBenchmark
{
    private const double PropertyGoalMs = 300;
    private const double ChainGoalMs = 1000;

    private static readonly string[] RoomTypes = ["STD", "SUP", "DLX", "JSU", "STE"];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchOptions(args);
        var records = options.Int("records", 1_000_000);
        var propertyCount = options.Int("properties", 50);
        var years = options.Int("years", 3);
        var runs = options.Int("runs", 20);
        var chainRuns = options.Int("chain-runs", 10);
        var warmup = options.Int("warmup", 3);
        var dir = options.Text("dir", Path.Combine(Path.GetTempPath(), "upselladmin-bench"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "report.db");

        var watch = Stopwatch.StartNew();
        await using var database = await BenchDatabase.CreateAsync(path, services => services.AddReports());
        Console.WriteLine($"migrated + demo reference data in {watch.Elapsed.TotalSeconds:0.0} s: {path}");

        var to = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var from = to.AddYears(-years).AddDays(1);
        var profiles = await AddPropertiesAsync(database, propertyCount);

        // Calibrate the daily volume so that the whole set comes to about N records.
        var sample = ActivityHistoryGenerator.Generate(profiles[0] with { PresentationsPerDay = 10 }, from, to)
            .Sum(d => d.Presentations.Sum(p => 1 + p.Offers.Count) + d.Sales.Count + d.Declines.Count);
        var perPresentation = sample / (10.0 * (to.DayNumber - from.DayNumber + 1));
        var perDay = records / (perPresentation * propertyCount * (to.DayNumber - from.DayNumber + 1));
        profiles = profiles.Select(p => p with { PresentationsPerDay = perDay }).ToList();

        watch.Restart();
        var generateTime = TimeSpan.Zero;
        using (var connection = database.OpenConnection())
        {
            await using var model = await database.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            using var writer = new ActivityBulkWriter(connection, model, firstPresentationId: 1);
            var generate = new Stopwatch();
            foreach (var profile in profiles)
            {
                generate.Start();
                var days = ActivityHistoryGenerator.Generate(profile, from, to, new HistoryOptions(Seed: 16, IncludePending: true)).ToList();
                generate.Stop();
                foreach (var day in days)
                {
                    writer.Write(day.Presentations, day.Sales, day.Declines);
                }
            }
            writer.Commit();
            generateTime = generate.Elapsed;
            var total = writer.Presentations + writer.Offers + writer.Sales + writer.Declines;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"records: {total:N0} = {writer.Presentations:N0} presentations + {writer.Offers:N0} presented offers + {writer.Sales:N0} sales + {writer.Declines:N0} declines (+ {writer.Nights:N0} sale nights); {propertyCount} properties, {from:yyyy-MM-dd}..{to:yyyy-MM-dd}, {perDay:0.00} reservations presented a property-day"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generated in {generateTime.TotalSeconds:0.0} s, inserted (raw ADO.NET, one transaction, prepared commands) in {(watch.Elapsed - generateTime).TotalSeconds:0.0} s: {(total + writer.Nights) / (watch.Elapsed - generateTime).TotalSeconds:N0} rows/s"));
        }
        Console.WriteLine($"database file: {new FileInfo(path).Length / 1024.0 / 1024.0:0} MB");

        // A round trip through EF: one generated sale reads back as EF wrote it.
        await database.WithContextAsync(async db =>
        {
            var sale = await db.UpsellSales.AsNoTracking().Include(s => s.Nights).Where(s => s.Kind == UpsellKind.RoomUpgrade).OrderBy(s => s.SoldUtc).FirstAsync();
            if (sale.Nights.Count != sale.UpgradeNights || sale.Nights.Sum(n => n.UpsellAmount) != sale.TotalAmount)
            {
                throw new InvalidOperationException("bulk-inserted sale does not read back through EF");
            }
            return 0;
        });

        var yearFrom = to.AddDays(-364);
        var chain = profiles.Select(p => p.Code).ToList();
        var one = new List<string> { profiles[0].Code };
        var cases = new List<(string Name, IReadOnlyList<string> Codes, ReportGrouping[] GroupBy, int Runs, double Goal)>();
        var page = new[] { ReportGrouping.Property, ReportGrouping.Day, ReportGrouping.RoomTypePair, ReportGrouping.Agent };
        foreach (var (scope, codes, n, goal) in new[] { ("property", one, runs, PropertyGoalMs), ("chain", chain, chainRuns, ChainGoalMs) })
        {
            cases.Add(($"{scope} × year, totals only", codes, [], n, goal));
            foreach (var grouping in Enum.GetValues<ReportGrouping>())
            {
                cases.Add(($"{scope} × year, by {grouping}", codes, [grouping], n, goal));
            }
            cases.Add(($"{scope} × year, page set (property, day, pair, agent)", codes, page, n, goal));
            cases.Add(($"{scope} × year, all 7 groupings", codes, Enum.GetValues<ReportGrouping>(), n, goal));
        }

        async Task<(double Ms, UpsellReportResult Result)> TimeAsync(IReadOnlyList<string> codes, ReportGrouping[] groupBy, ReportDateBasis basis = ReportDateBasis.SaleDate)
        {
            await using var scope = database.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<IUpsellReportService>();
            var query = new UpsellReportQuery(codes, yearFrom, to, basis, null, null, null, groupBy);
            var w = Stopwatch.StartNew();
            var result = await service.RunAsync(query);
            var ms = w.Elapsed.TotalMilliseconds;
            if (result.Status != UpsellReportStatus.Ok)
            {
                throw new InvalidOperationException($"report refused: {result.Status} {string.Join("; ", result.Errors)}");
            }
            return (ms, result);
        }

        Console.WriteLine();
        Console.WriteLine($"IUpsellReportService.RunAsync, sale-date basis, {yearFrom:yyyy-MM-dd}..{to:yyyy-MM-dd}; {warmup} warm-up runs, then property {runs} / chain {chainRuns} runs per case (ms); "
            + $"{Environment.ProcessorCount} cores, load average {DeskBenchmark.LoadAverage()}");
        var header = $"{"case",-58} | {"p50",8} {"p95",8} {"max",8} | {"presented",9} {"sold",7} {"groups",7} | goal";
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        var ok = true;
        foreach (var c in cases)
        {
            for (var i = 0; i < warmup; i++)
            {
                await TimeAsync(c.Codes, c.GroupBy);
            }
            var timings = new double[c.Runs];
            UpsellReportResult? last = null;
            for (var i = 0; i < c.Runs; i++)
            {
                (timings[i], last) = await TimeAsync(c.Codes, c.GroupBy);
            }
            Array.Sort(timings);
            var p95 = Percentile(timings, 0.95);
            var met = p95 <= c.Goal;
            ok &= met;
            var sections = last!.Report!.Sections;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Name,-58} | {Percentile(timings, 0.5),8:0.0} {p95,8:0.0} {timings[^1],8:0.0} | {sections.Sum(s => s.Totals.ReservationsPresented),9} {sections.Sum(s => s.Totals.Sold),7} {sections.Sum(s => s.Groups.Values.Sum(g => g.Count)),7} | {(met ? "ok" : "MISSED")} ≤ {c.Goal:0}"));
        }
        var stay = new double[chainRuns];
        for (var i = 0; i < chainRuns; i++)
        {
            (stay[i], _) = await TimeAsync(chain, page, ReportDateBasis.StayDate);
        }
        Array.Sort(stay);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"chain × year, page set, by STAY date",-58} | {Percentile(stay, 0.5),8:0.0} {Percentile(stay, 0.95),8:0.0} {stay[^1],8:0.0} |"));

        // The statements of one chain-wide page run, slowest first, and the plan of the slowest.
        using (var capture = new CommandCapture())
        {
            await TimeAsync(chain, page);
            Console.WriteLine();
            Console.WriteLine($"chain × year, page set: {capture.Commands.Count} statements, {capture.Commands.Sum(c => c.Ms):0.0} ms in the database; slowest:");
            foreach (var c in capture.Commands.OrderByDescending(c => c.Ms).Take(5))
            {
                Console.WriteLine($"  {c.Ms,7:0.0} ms  {Flatten(c.Sql)[..Math.Min(150, Flatten(c.Sql).Length)]}…");
            }
            var slowest = capture.Commands.OrderByDescending(c => c.Ms).First();
            Console.WriteLine($"-- slowest statement ({slowest.Ms:0.0} ms):\n{slowest.Sql}");
            using var connection = database.OpenConnection();
            using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + slowest.Sql;
            foreach (var (name, value) in slowest.Parameters)
            {
                explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
            using var reader = explain.ExecuteReader();
            while (reader.Read())
            {
                Console.WriteLine($"   plan: {reader.GetString(3)}");
            }
        }

        Console.WriteLine(ok ? $"GOAL MET: every property-year p95 <= {PropertyGoalMs} ms and every chain-year p95 <= {ChainGoalMs} ms" : "GOAL NOT MET (see MISSED)");
        if (!options.Flag("keep"))
        {
            await database.DisposeAsync();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
        return ok ? 0 : 1;
    }

    /// <summary>The chain: properties B01…B50 (every 5th in USD, New York; the rest in EUR, Berlin), each with the same
    /// five room types, seven upgrade pairs with their rules, four add-ons, eight desk agents and a booking engine.</summary>
    private static async Task<List<HistoryProperty>> AddPropertiesAsync(BenchDatabase database, int count)
    {
        var properties = Enumerable.Range(1, count).Select(i => new Property
        {
            Code = $"B{i:00}",
            Name = $"Bench Hotel {i:00}",
            CurrencyCode = i % 5 == 0 ? "USD" : "EUR",
            TimeZone = i % 5 == 0 ? "America/New_York" : "Europe/Berlin",
            MewsEnterpriseId = Guid.NewGuid(),
        }).ToList();
        await database.WithContextAsync(async db =>
        {
            db.Properties.AddRange(properties);
            return await db.SaveChangesAsync();
        });
        var upgrades = new List<HistoryUpgrade>();
        for (var i = 0; i < RoomTypes.Length; i++)
        {
            for (var j = i + 1; j < RoomTypes.Length && j <= i + 2; j++)
            {
                upgrades.Add(new HistoryUpgrade(RoomTypes[i], RoomTypes[j], $"UP-{RoomTypes[i]}-{RoomTypes[j]}", 18m * (j - i) + 7m * i));
            }
        }
        HistoryAddOn[] addOns =
        [
            new("Breakfast", null, 18m, PerNight: true), new("Late check-out", null, 30m, PerNight: false),
            new("Parking", null, 15m, PerNight: true), new("Spa access", null, 45m, PerNight: false),
        ];
        return properties.Select(p => new HistoryProperty(p.Id, p.Code, p.MewsEnterpriseId!.Value.ToString(), p.TimeZone, p.CurrencyCode, upgrades, addOns,
            Enumerable.Range(1, 8).Select(k => new HistoryAgent($"agent-{p.Code}-{k}", $"agent{k}@{p.Code.ToLowerInvariant()}.example", SaleChannel.Desk, 0.7 + k * 0.08))
                .Append(new HistoryAgent(null, "API: booking-engine", SaleChannel.Api)).ToList())).ToList();
    }

    private static string Flatten(string sql) => string.Join(' ', sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>EF's executed commands (text, parameter values, time to the first row) while it is alive, from EF's
    /// DiagnosticSource: nothing in the app is changed to measure it.</summary>
    private sealed class CommandCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable _all;
        private readonly List<IDisposable> _subscriptions = [];

        public List<(string Sql, List<(string Name, object? Value)> Parameters, double Ms)> Commands { get; } = [];

        public CommandCapture() => _all = DiagnosticListener.AllListeners.Subscribe(this);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is CommandExecutedEventData executed)
            {
                var parameters = executed.Command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList();
                lock (Commands)
                {
                    Commands.Add((executed.Command.CommandText, parameters, executed.Duration.TotalMilliseconds));
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
