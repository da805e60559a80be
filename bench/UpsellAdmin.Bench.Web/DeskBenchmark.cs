using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.Sync;

namespace UpsellAdmin.Bench.Web;

/// <summary>
/// <c>desk [--arrivals 400] [--runs 30] [--warmup 5] [--cold-runs 10]</c>: the Upsell Desk service on a day with N
/// arrivals at one property (the simulator's BulkArrivals on its Today, enterprise A), wired as the app wires it
/// (features, quotes, the Mews sync, the desk) against the Connector API simulator on 127.0.0.1, after one real sync
/// and the demo rule seed. Measures (issue 12's goals) the Mews requests of one desk load (≤ 10), the server-side
/// pricing of every reservation on the board (GetBoardAsync with the Mews read cached, ≤ 100 ms) and, for
/// reference, the load with the Mews read (refresh) and its parts.
/// </summary>
public static class DeskBenchmark
{
    private const int RequestGoal = 10;
    private const double PricingGoalMs = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchOptions(args);
        var arrivals = options.Int("arrivals", 400);
        var runs = options.Int("runs", 30);
        var warmup = options.Int("warmup", 5);
        var coldRuns = options.Int("cold-runs", 10);

        // No rate limit on either side: 40 refreshes would otherwise wait for Mews' 200 requests / 30 s window and
        // the waits would be measured as the read.
        await using var simulator = await SimulatorServer.StartAsync(o =>
        {
            o.RateLimit = 0;
            o.BulkArrivals = new BulkArrivalsOptions { Count = arrivals };
        });
        var path = Path.Combine(Path.GetTempPath(), $"upsell-bench-desk-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connector:BaseUrl"] = simulator.BaseAddress.ToString().TrimEnd('/'),
            ["Connector:ClientToken"] = DemoTokens.PortfolioClientToken,
            ["Connector:AccessToken"] = DemoTokens.PortfolioAccessToken,
            ["Connector:RequestsPerWindow"] = "100000",
            ["Sync:Interval"] = "00:00:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAppDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" });
        services.AddSingleton<ICurrentUser>(new FixedUser(new UserContext("bench", "bench@local", new HashSet<string> { Roles.Administrator })));
        services.AddUpsellFeatures().AddQuotes().AddMewsSync(configuration).AddDesk();
        var provider = services.BuildServiceProvider();
        try
        {
            var setup = Stopwatch.StartNew();
            var dbFactory = provider.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
            }
            await provider.GetRequiredService<DemoDataBootstrap>().SeedAsync(CancellationToken.None);
            Property property;
            int rules;
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                property = await db.Properties.AsNoTracking().SingleAsync(p => p.MewsEnterpriseId == DemoIds.EnterpriseA);
                rules = await db.UpsellRules.CountAsync(r => r.PropertyId == property.Id);
            }
            var day = simulator.Store.Today;
            var window = DeskWindow.Arrivals(day);
            Console.WriteLine($"desk: simulator at {simulator.BaseAddress} with {arrivals} bulk arrivals on {day:yyyy-MM-dd} at {property.Code} "
                + $"({rules} rules); synced and seeded in {setup.Elapsed.TotalSeconds:0.0} s; {Environment.ProcessorCount} cores, load average {LoadAverage()}");

            await using var scope = provider.CreateAsyncScope();
            var desk = scope.ServiceProvider.GetRequiredService<IUpsellDeskService>();
            var reader = scope.ServiceProvider.GetRequiredService<MewsReservationReader>();
            var process = Process.GetCurrentProcess();

            // 1. The first load of the process (JIT, EF model, connection pool, HTTP connection): Mews read + pricing.
            simulator.Statistics.Reset();
            var sw = Stopwatch.StartNew();
            var board = await desk.GetBoardAsync(property.Id, window, refresh: true) ?? throw new InvalidOperationException("no board");
            var firstMs = sw.Elapsed.TotalMilliseconds;
            var firstByOperation = simulator.Statistics.RequestsByOperation;
            var firstSimulator = simulator.Statistics.TotalRequests;
            var boardRequests = board.MewsRequests;
            PrintBoard(board);

            // 2. Loads with the Mews read (refresh: true), then the parts of the read alone.
            var cold = new List<double>();
            var coldCpu = new List<double>();
            var coldRequests = new HashSet<(int Board, long Simulator)>();
            for (var i = 0; i < coldRuns; i++)
            {
                simulator.Statistics.Reset();
                var cpu = process.TotalProcessorTime;
                sw.Restart();
                var b = await desk.GetBoardAsync(property.Id, window, refresh: true);
                cold.Add(sw.Elapsed.TotalMilliseconds);
                coldCpu.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
                coldRequests.Add((b!.MewsRequests, simulator.Statistics.TotalRequests));
            }
            var coldByOperation = simulator.Statistics.RequestsByOperation;
            var read = new List<double>();
            var free = new List<double>();
            for (var i = 0; i < coldRuns; i++)
            {
                sw.Restart();
                var r = await reader.ReadAsync(property, window);
                read.Add(sw.Elapsed.TotalMilliseconds);
                sw.Restart();
                await reader.ReadFreeRoomsAsync(property, r.Reservations.Min(x => x.Arrival), r.Reservations.Max(x => x.Departure));
                free.Add(sw.Elapsed.TotalMilliseconds);
            }

            // What-if: the three per-guest reads with every id in one filter (Mews allows 1000 CustomerIds,
            // AccountIds and ServiceOrderIds), counted by the simulator (a page of 1000 items is one request).
            var all = await reader.ReadAsync(property, window);
            var whatIf = await OneCallPerEntityAsync(scope.ServiceProvider.GetRequiredService<IMewsGateway>(), simulator, property, all);

            // 3. The pricing alone: the Mews read is cached for a minute, so refresh: false prices the cached read
            // (plus the access check and the configuration's minimum free rooms, two small queries). 400 arrivals
            // overbook the hotel, so every room type has 0 free rooms and the availability check removes every
            // offer; the second set turns the check off (minimum free rooms 0) so that every matching rule is priced
            // and offered: the heavier case.
            await desk.GetBoardAsync(property.Id, window, refresh: true);
            var (pricing, pricingCpu, allocated, pricingRequests) = await PricingAsync(desk, simulator, property.Id, window, warmup, runs);
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                await db.UpsellConfigurations.Where(c => c.PropertyId == property.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.MinimumFreeRooms, 0));
            }
            var open = await desk.GetBoardAsync(property.Id, window) ?? throw new InvalidOperationException("no board");
            Console.Write("minimum free rooms 0, ");
            PrintBoard(open);
            var (openPricing, openCpu, openAllocated, openRequests) = await PricingAsync(desk, simulator, property.Id, window, warmup, runs);
            var yardstick = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                sw.Restart();
                await using var db = await dbFactory.CreateDbContextAsync();
                await db.Properties.AsNoTracking().Where(p => p.Id == property.Id).Select(p => p.Code).FirstAsync();
                yardstick.Add(sw.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine();
            Console.WriteLine("Mews requests of the first load, by operation (simulator's count):");
            foreach (var (operation, count) in firstByOperation.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {operation,-42} {count,3}");
            }
            Console.WriteLine("Mews requests of a later load with the Mews read (refresh: true), by operation:");
            foreach (var (operation, count) in coldByOperation.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {operation,-42} {count,3}");
            }
            Console.WriteLine($"What-if, all {all.Reservations.Count} reservations' ids in one filter (≤ 1000 allowed): {whatIf}");
            Console.WriteLine();
            Console.WriteLine("| measure | runs | p50 ms | p95 ms | max ms | CPU p50 ms | note |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
            Console.WriteLine($"| first load of the process (refresh: true) | 1 | {firstMs:0.0} | | | | JIT, pools, HTTP connection |");
            Row("load with the Mews read (refresh: true)", cold, coldCpu, $"requests board/simulator: {string.Join(", ", coldRequests.Select(x => $"{x.Board}/{x.Simulator}"))}");
            Row("  of which: reservations read (MewsReservationReader.ReadAsync)", read, null, "");
            Row("  of which: free rooms read (ReadFreeRoomsAsync)", free, null, "");
            Row("**pricing: board from the cached read (refresh: false)**", pricing, pricingCpu,
                $"allocated p50 {Percentile(allocated, 0.5):0.0} MB; Mews requests during these runs: {pricingRequests}");
            Row("**pricing, availability check off (minimum free rooms 0)**", openPricing, openCpu,
                $"allocated p50 {Percentile(openAllocated, 0.5):0.0} MB; Mews requests during these runs: {openRequests}");
            Row("yardstick: new context + one trivial query", yardstick, null, "machine noise");
            Console.WriteLine();

            var requestsOk = boardRequests <= RequestGoal && firstSimulator == boardRequests && coldRequests.All(x => x.Board <= RequestGoal && x.Simulator == x.Board);
            var pricingOk = Percentile(pricing, 0.95) <= PricingGoalMs && Percentile(openPricing, 0.95) <= PricingGoalMs;
            Console.WriteLine($"Mews requests per desk load: board {boardRequests}, simulator {firstSimulator} (goal ≤ {RequestGoal}): {(requestsOk ? "MET" : "NOT MET")}");
            Console.WriteLine($"Pricing {board.Rows.Count} reservations: p50 {Percentile(pricing, 0.5):0.0} ms, p95 {Percentile(pricing, 0.95):0.0} ms and with every offer priced p50 {Percentile(openPricing, 0.5):0.0} ms, p95 {Percentile(openPricing, 0.95):0.0} ms (goal ≤ {PricingGoalMs} ms): {(pricingOk ? "MET" : "NOT MET")}");
            Console.WriteLine($"load average after: {LoadAverage()}");
            return requestsOk && pricingOk ? 0 : 1;
        }
        finally
        {
            await provider.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<(List<double> Wall, List<double> Cpu, List<double> AllocatedMb, long Requests)> PricingAsync(
        IUpsellDeskService desk, SimulatorServer simulator, int propertyId, DeskWindow window, int warmup, int runs)
    {
        for (var i = 0; i < warmup; i++)
        {
            await desk.GetBoardAsync(propertyId, window);
        }
        simulator.Statistics.Reset();
        var process = Process.GetCurrentProcess();
        var wall = new List<double>();
        var cpu = new List<double>();
        var allocated = new List<double>();
        var sw = new Stopwatch();
        for (var i = 0; i < runs; i++)
        {
            var cpuBefore = process.TotalProcessorTime;
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            sw.Restart();
            await desk.GetBoardAsync(propertyId, window);
            wall.Add(sw.Elapsed.TotalMilliseconds);
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1_048_576.0);
        }
        return (wall, cpu, allocated, simulator.Statistics.TotalRequests);
    }

    private static async Task<string> OneCallPerEntityAsync(IMewsGateway mews, SimulatorServer simulator, Property property, DeskRead read)
    {
        var chain = property.MewsChainId is { } c ? new[] { c.ToString() } : null;
        var accounts = read.Reservations.Select(r => r.CustomerId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var parts = new List<string>();
        simulator.Statistics.Reset();
        var customers = await mews.GetCustomersAsync(new CustomerFilter { ChainIds = chain, CustomerIds = accounts }).CountAsync();
        parts.Add($"customers/getAll {simulator.Statistics.TotalRequests} ({customers} customers)");
        simulator.Statistics.Reset();
        var memberships = await mews.GetLoyaltyMembershipsAsync(new LoyaltyMembershipFilter { ChainIds = chain, AccountIds = accounts }).CountAsync();
        parts.Add($"loyaltyMemberships/getAll {simulator.Statistics.TotalRequests} ({memberships} memberships)");
        simulator.Statistics.Reset();
        var items = await mews.GetOrderItemsAsync(new OrderItemFilter
        {
            EnterpriseIds = [property.MewsEnterpriseId!.Value.ToString()],
            ServiceOrderIds = read.Reservations.Select(r => r.ReservationId).ToList(),
            Types = [OrderItemTypes.SpaceOrder],
        }).CountAsync();
        parts.Add($"orderItems/getAll {simulator.Statistics.TotalRequests} ({items} nightly items, pages of 1000)");
        return string.Join("; ", parts);
    }

    private static void PrintBoard(DeskBoard board)
    {
        var rows = board.Rows;
        Console.WriteLine($"board: {rows.Count} rows, {rows.Count(r => r.OfferCount > 0)} with offers ({rows.Sum(r => r.OfferCount)} offers), "
            + $"{rows.Count(r => r.Note is not null)} with a note, {rows.Count(r => r.Reservation.HasMewsRates)} priced by Mews' nightly items, "
            + $"{rows.Sum(r => r.Reservation.NightCount)} nights; minimum free rooms {board.MinimumFreeRooms}");
        foreach (var (note, count) in rows.Where(r => r.Note is not null).GroupBy(r => r.Note!).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).Take(5))
        {
            Console.WriteLine($"  {count,4} × {note}");
        }
    }

    private static void Row(string name, List<double> times, List<double>? cpu, string note) =>
        Console.WriteLine($"| {name} | {times.Count} | {Percentile(times, 0.5):0.0} | {Percentile(times, 0.95):0.0} | {times.Max():0.0} | "
            + $"{(cpu is null ? "" : Percentile(cpu, 0.5).ToString("0", System.Globalization.CultureInfo.InvariantCulture))} | {note} |");

    internal static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed class FixedUser(UserContext user) : ICurrentUser
    {
        public ValueTask<UserContext> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(user);
    }
}
