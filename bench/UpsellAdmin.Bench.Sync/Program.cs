using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Sync;

// Sync benchmark: a cold full sync of the demo chain (3 enterprises, 400 nights of prices and occupancy), then a
// warm one (nothing changed). The simulator keeps Mews' rate limit (200 requests / 30 s per token) and the
// gateway its client-side budget; --latency-ms adds a delay per request to look like a real network.
//
// Measured 2026-11-22 on the shared 2-core box (Release, other builds running; 61 requests every run: 42
// rates/getPricing, 6 availability, 3 configuration/get, 10 code lists; cold run adds 68,619 rows incl. 67,200
// nightly prices, warm run changes nothing):
//   latency  0 ms: cold 16.1 s, warm 3.2-4.2 s
//   latency 40 ms: cold 14.1 s, warm 5.6 s
var latencyMs = args.SkipWhile(a => a is not ("--latency-ms" or "latency-ms")).Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault();
var runs = args.SkipWhile(a => a is not ("--runs" or "runs")).Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(2);

await using var simulator = await SimulatorServer.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(latencyMs));
var path = Path.Combine(Path.GetTempPath(), $"upsell-bench-sync-{Guid.NewGuid():N}.db");
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Connector:BaseUrl"] = simulator.BaseAddress.ToString().TrimEnd('/'),
    ["Connector:ClientToken"] = DemoTokens.PortfolioClientToken,
    ["Connector:AccessToken"] = DemoTokens.PortfolioAccessToken,
    ["Sync:Interval"] = "00:00:00",
}).Build();
var services = new ServiceCollection();
services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
services.AddSingleton<IConfiguration>(configuration);
services.AddAppDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" });
services.AddMewsSync(configuration);
await using var provider = services.BuildServiceProvider();
try
{
    var dbFactory = provider.GetRequiredService<IDbContextFactory<AppDbContext>>();
    await using (var db = await dbFactory.CreateDbContextAsync())
    {
        await db.Database.MigrateAsync();
    }
    var coordinator = provider.GetRequiredService<SyncCoordinator>();
    Console.WriteLine($"Sync benchmark: demo chain from the simulator at {simulator.BaseAddress}, latency {latencyMs} ms/request, {Environment.ProcessorCount} cores");
    Console.WriteLine("run   | wall ms | requests (meter / simulator) | added  | updated | deactivated | price rows | errors");
    for (var i = 1; i <= runs; i++)
    {
        simulator.Statistics.Reset();
        var sw = Stopwatch.StartNew();
        var result = await coordinator.RunAsync(SyncTrigger.Manual, "bench", CancellationToken.None);
        sw.Stop();
        Console.WriteLine($"{(i == 1 ? "cold" : "warm"),-5} | {sw.ElapsedMilliseconds,7} | {result.Requests,8} / {simulator.Statistics.TotalRequests,-17} | {result.Counts.Added,6} | {result.Counts.Updated,7} | {result.Counts.Deactivated,11} | {result.PricesWritten,10} | {result.Errors.Count}");
        foreach (var error in result.Errors)
        {
            Console.WriteLine("  error: " + error);
        }
        if (i == 1)
        {
            foreach (var (operation, count) in simulator.Statistics.RequestsByOperation.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {operation,-40} {count,4}");
            }
        }
    }
    await using (var db = await dbFactory.CreateDbContextAsync())
    {
        Console.WriteLine($"rows: {await db.Properties.CountAsync()} properties, {await db.RoomTypes.CountAsync()} room types, {await db.RateCodes.CountAsync()} rate codes, "
            + $"{await db.NightlyPrices.CountAsync()} nightly prices, {await db.NightlyOccupancies.CountAsync()} nightly occupancies");
    }
}
finally
{
    SqliteConnection.ClearAllPools();
    File.Delete(path);
}
