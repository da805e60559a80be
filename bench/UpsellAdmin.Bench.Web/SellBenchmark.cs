using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Features.Sync;
using UpsellAdmin.Web.Features.UpsellConfiguration;

namespace UpsellAdmin.Bench.Web;

/// <summary>
/// <c>sell [--sales 1000] [--clients 8] [--rate-limit 200] [--arrivals 0] [--poll-ms 1000] [--worker-parallelism 0]</c>:
/// N room upgrades sold through the selling API (issue 13) against the Connector API simulator at Mews' rate limit.
/// The real app (WebApplicationFactory on Kestrel, 127.0.0.1, demo mode: it syncs the demo chain from the simulator and
/// seeds its rules and users at start) is pointed at a <see cref="SimulatorServer"/> of our own (its statistics and
/// store are read here) whose <c>BulkArrivals</c> put enough arrivals tomorrow at enterprise A; the bench gives A one
/// plain rule per room type (to the next one up, +25 a night, no filters) and minimum free rooms 0, so every confirmed
/// arrival below the top room type has an upgrade offer. Then, timed: the API client lists tomorrow's arrivals
/// (<c>GET …/reservations</c>, one board read) and <c>--clients</c> clients each take the next confirmed one, read its
/// offers (<c>GET …/offers</c>: a reservation not arriving today is read from Mews, as the guest would be shown it) and
/// POST its first upgrade offer with an Idempotency-Key, until N are accepted;
/// a poller reads <c>GET /api/upsells/{id}</c> until every upsell is Posted or Rejected. Measures the wall time to all
/// settled against the budget the Mews requests made in that time need (requests ÷ limit × 30 s), the requests by
/// operation (simulator statistics), 429s, and duplicates in the simulator's store (lines per ExternalIdentifier > 1,
/// lines ≠ nights, amounts ≠ the sale's total, room type not the target).
/// </summary>
public static class SellBenchmark
{
    private const string ApiKey = "bench-sell-api-key";
    private const double RatioGoal = 1.10;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchOptions(args);
        var sales = options.Int("sales", 1000);
        var clients = Math.Max(1, options.Int("clients", 8));
        var rateLimit = options.Int("rate-limit", 200);
        // 90 % of the bulk arrivals are Confirmed and about 4 in 5 are below the top room type: ~1.45 arrivals a sale.
        var arrivals = options.Int("arrivals", 0) is > 0 and var a ? a : (int)Math.Ceiling(sales * 1.6) + 20;
        var pollMs = options.Int("poll-ms", 1000);
        var workerParallelism = options.Int("worker-parallelism", 0);

        // Tomorrow at enterprise A (Europe/Budapest): no same-day room-readiness check, a pre-arrival offer as a
        // booking engine or an e-mail campaign would make it.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Budapest");
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime).AddDays(1);
        await using var simulator = await SimulatorServer.StartAsync(o =>
        {
            o.RateLimit = rateLimit;
            o.BulkArrivals = new BulkArrivalsOptions { Count = arrivals, Date = tomorrow };
        });
        var dbPath = Path.Combine(Path.GetTempPath(), $"upsell-bench-sell-{Guid.NewGuid():N}.db");
        var start = Stopwatch.StartNew();
        await using var factory = new WebApplicationFactory<App>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseContentRoot(DeskBrowserBenchmark.ContentRoot());
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:ConnectionString", $"Data Source={dbPath}");
            b.UseSetting("Database:MigrateOnStartup", "true");
            b.UseSetting("DemoMode", "true"); // sync + demo rules + users at start, from our simulator
            b.UseSetting("RateLimiting:ApiPerKey", "0"); // 1,000 sales and their polling: far above 600 requests a minute
            b.UseSetting("Connector:BaseUrl", simulator.BaseAddress.ToString().TrimEnd('/'));
            b.UseSetting("Connector:ClientToken", DemoTokens.PortfolioClientToken);
            b.UseSetting("Connector:AccessToken", DemoTokens.PortfolioAccessToken);
            b.UseSetting("Connector:RequestsPerWindow", (rateLimit > 0 ? rateLimit : 100_000).ToString(CultureInfo.InvariantCulture));
            b.UseSetting("Sync:Interval", "00:00:00");
            b.UseSetting("Api:Keys:0", ApiKey);
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            if (workerParallelism > 0)
            {
                b.UseSetting("Selling:Parallelism", workerParallelism.ToString(CultureInfo.InvariantCulture));
            }
        });
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        try
        {
            var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            var (code, rules) = await PrepareAsync(dbFactory, factory.Services.GetRequiredService<PropertySetupCache>());
            var setupRequests = simulator.Statistics.TotalRequests;
            var selling = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SellingOptions>>().Value;
            Console.WriteLine($"sell: app at {baseUrl} (demo mode, Development) → simulator {simulator.BaseAddress}; {arrivals} bulk arrivals on {tomorrow:yyyy-MM-dd} at {code}; "
                + $"{rules}; started and synced in {start.Elapsed.TotalSeconds:0.0} s ({setupRequests} Mews requests)");
            Console.WriteLine($"Mews rate limit {(rateLimit > 0 ? $"{rateLimit} / 30 s on both sides" : "off")}; {clients} API clients; worker parallelism {selling.Parallelism}, "
                + $"poll interval {selling.PollInterval.TotalSeconds:0.#} s; {Environment.ProcessorCount} cores, load average {DeskBenchmark.LoadAverage()}");
            if (rateLimit > 0)
            {
                // Every timed request then starts from an empty window: the start-up sync's requests are not charged to it.
                Console.WriteLine($"waiting {Window.TotalSeconds + 1:0} s for the start-up sync's requests to leave the rate-limit window…");
                await Task.Delay(Window + TimeSpan.FromSeconds(1));
            }

            using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(15) };
            http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
            simulator.Statistics.Reset();
            var wall = Stopwatch.StartNew();

            // 1. List tomorrow's arrivals (one board read).
            var day = tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var list = await GetJsonAsync(http, $"/api/properties/{code}/reservations?arrivalFrom={day}&arrivalTo={day}");
            var candidates = list.EnumerateArray()
                .Where(r => r.GetProperty("state").GetString() == "Confirmed" && r.GetProperty("offerCount").GetInt32() > 0)
                .Select(r => r.GetProperty("reservationId").GetString()!)
                .ToList();
            var listAt = wall.Elapsed;
            var listRequests = simulator.Statistics.RequestsByOperation;
            Console.WriteLine($"{list.GetArrayLength()} arrivals listed, {candidates.Count} confirmed with offers, in {listAt.TotalSeconds:0.0} s with {listRequests.Values.Sum()} Mews requests");
            if (candidates.Count < sales)
            {
                Console.WriteLine($"only {candidates.Count} confirmed reservations have offers; run with --arrivals above {arrivals}");
                return 2;
            }

            // 2. Sell: each client takes the next reservation, reads its offers (the guest is shown them) and POSTs the
            // first upgrade with a new Idempotency-Key (a 5xx is retried once with the same key).
            var queue = new ConcurrentQueue<string>(candidates);
            var accepted = new ConcurrentQueue<(Guid Id, string Reservation)>();
            var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            var offersMs = new ConcurrentBag<double>();
            var postMs = new ConcurrentBag<double>();
            var remaining = sales;
            var settled = new ConcurrentDictionary<Guid, string>();
            var selling2 = Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    while (true)
                    {
                        if (!queue.TryDequeue(out var id))
                        {
                            outcomes.AddOrUpdate("no reservation left", 1, (_, n) => n + 1);
                            return;
                        }
                        var sw = Stopwatch.StartNew();
                        var o = await GetJsonAsync(http, $"/api/properties/{code}/reservations/{id}/offers");
                        offersMs.Add(sw.Elapsed.TotalMilliseconds);
                        var upgrade = o.GetProperty("offers").EnumerateArray().FirstOrDefault(x => x.GetProperty("kind").GetString() == "RoomUpgrade");
                        if (upgrade.ValueKind != JsonValueKind.Object)
                        {
                            outcomes.AddOrUpdate("no upgrade offer", 1, (_, n) => n + 1);
                            continue;
                        }
                        var offerId = upgrade.GetProperty("offerId").GetString()!;
                        var key = Guid.NewGuid().ToString("N");
                        sw.Restart();
                        var (status, body) = await PostSaleAsync(http, code, id, offerId, key);
                        if (status is HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable)
                        {
                            // Same key again: a retry the API must answer with the first upsell, never a second one.
                            (status, body) = await PostSaleAsync(http, code, id, offerId, key);
                        }
                        postMs.Add(sw.Elapsed.TotalMilliseconds);
                        outcomes.AddOrUpdate($"{(int)status} {status}", 1, (_, n) => n + 1);
                        if (status is HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.Created
                            && body.ValueKind == JsonValueKind.Object && body.TryGetProperty("upsellId", out var upsellId))
                        {
                            accepted.Enqueue((upsellId.GetGuid(), id));
                            break;
                        }
                        Console.WriteLine($"  POST {id}: {(int)status} {(body.ValueKind == JsonValueKind.Undefined ? "" : body.ToString())}");
                        if (status == HttpStatusCode.NotFound)
                        {
                            throw new InvalidOperationException("The selling API is not mapped (POST …/upsells answered 404).");
                        }
                    }
                }
            }));

            // 3. Poll until every accepted upsell is Posted or Rejected (in the order they were accepted: the worker
            // posts oldest first, so a round stops after a run of still-pending ones).
            var polls = 0L;
            var pollTask = Task.Run(async () =>
            {
                var order = new List<Guid>();
                while (true)
                {
                    var done = selling2.IsCompleted;
                    while (accepted.TryDequeue(out var sale))
                    {
                        order.Add(sale.Id);
                    }
                    var pendingRun = 0;
                    foreach (var id in order.Where(i => !settled.ContainsKey(i)).ToList())
                    {
                        var view = await GetJsonAsync(http, $"/api/upsells/{id}");
                        Interlocked.Increment(ref polls);
                        var status = view.GetProperty("status").ToString();
                        if (status is "Posted" or "Rejected" or "1" or "2")
                        {
                            settled[id] = status is "1" ? "Posted" : status is "2" ? "Rejected" : status;
                            pendingRun = 0;
                        }
                        else if (++pendingRun >= 16 && !done)
                        {
                            break;
                        }
                    }
                    if (done && accepted.IsEmpty && order.All(settled.ContainsKey))
                    {
                        return;
                    }
                    await Task.Delay(pollMs);
                }
            });
            await selling2;
            var soldAt = wall.Elapsed;
            await pollTask;
            var settledAt = wall.Elapsed;
            wall.Stop();

            // 4. What Mews got.
            var byOperation = simulator.Statistics.RequestsByOperation;
            var total = simulator.Statistics.TotalRequests;
            var tooMany = simulator.Statistics.ResponsesWithStatus(429);
            var statuses = simulator.Statistics.ResponsesByStatus;
            var check = await CheckStoreAsync(dbFactory, simulator, settled.Keys.ToHashSet());
            var limit = rateLimit > 0 ? rateLimit : 200; // with the limit off, still against Mews' budget
            var budget = total / (double)limit * Window.TotalSeconds;
            var fastest = (Math.Ceiling(total / (double)limit) - 1) * Window.TotalSeconds;
            var ratio = settledAt.TotalSeconds / budget;
            var posted = settled.Values.Count(s => s == "Posted");
            var rejected = settled.Values.Count(s => s == "Rejected");

            Console.WriteLine();
            Console.WriteLine("POST outcomes: " + string.Join(", ", outcomes.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key} ×{x.Value}")));
            Console.WriteLine($"GET offers latency p50 {DeskBenchmark.Percentile(offersMs, 0.5):0} ms, p95 {DeskBenchmark.Percentile(offersMs, 0.95):0} ms; POST latency p50 {DeskBenchmark.Percentile(postMs, 0.5):0} ms, p95 {DeskBenchmark.Percentile(postMs, 0.95):0} ms; "
                + $"{polls} status polls; Mews answers by status: {string.Join(", ", statuses.OrderBy(x => x.Key).Select(x => $"{x.Key} ×{x.Value}"))}");
            Console.WriteLine();
            Console.WriteLine("| Mews operation | list (board read) | offers + selling + posting | total | per sale (after the list) |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var op in byOperation.Keys.Order(StringComparer.Ordinal))
            {
                var before = listRequests.GetValueOrDefault(op);
                var n = byOperation[op];
                Console.WriteLine($"| {op} | {before} | {n - before} | {n} | {(n - before) / (double)Math.Max(1, settled.Count):0.00} |");
            }
            var reads = byOperation.Where(x => !IsWrite(x.Key)).Sum(x => x.Value) - listRequests.Where(x => !IsWrite(x.Key)).Sum(x => x.Value);
            var writes = byOperation.Where(x => IsWrite(x.Key)).Sum(x => x.Value);
            Console.WriteLine($"| **total** | {listRequests.Values.Sum()} | {total - listRequests.Values.Sum()} (reads {reads}, writes {writes}) | **{total}** | {(total - listRequests.Values.Sum()) / (double)Math.Max(1, settled.Count):0.00} |");
            Console.WriteLine();
            Console.WriteLine("| N | clients | wall time to all settled | Mews requests | budget (requests ÷ 200 × 30 s) | ratio | fastest schedule (200 at once, then 200 / 30 s) | posted / rejected | duplicates | 429s |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
            Console.WriteLine($"| {settled.Count} | {clients} | **{settledAt.TotalSeconds:0.0} s** (list {listAt.TotalSeconds:0.0} s, last POST answered {soldAt.TotalSeconds:0.0} s) | {total} | {budget:0.0} s | **{ratio:0.000}** | {fastest:0} s ({(fastest > 0 ? settledAt.TotalSeconds / fastest : double.NaN):0.000}) | {posted} / {rejected} | {check.Duplicates} | {tooMany} |");
            Console.WriteLine();
            Console.WriteLine($"store check: {check.Lines} lines for {check.Sales} upsells; ExternalIdentifiers on more than one line: {check.Duplicates}; "
                + $"upsells whose lines ≠ nights: {check.WrongCount}; whose lines do not add up to the total: {check.WrongAmount}; whose reservation is not on the target room type: {check.WrongRoom}");
            var ok = settled.Count == sales && posted == sales && check.Duplicates == 0 && check.WrongCount == 0 && check.WrongAmount == 0 && check.WrongRoom == 0
                && tooMany == 0 && (rateLimit <= 0 || ratio <= RatioGoal);
            Console.WriteLine($"{sales} sold, {settled.Count} settled ({posted} posted), {check.Duplicates} duplicates, {tooMany} 429s, wall {settledAt.TotalSeconds:0.0} s "
                + $"= {ratio:0.000} × the budget (goal ≤ {RatioGoal:0.00}): {(ok ? "MET" : "NOT MET")}; load average after: {DeskBenchmark.LoadAverage()}");
            return ok ? 0 : 1;
        }
        finally
        {
            await factory.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static bool IsWrite(string operation) => !operation.EndsWith("/getAll", StringComparison.Ordinal) && !operation.Contains("/getAll/", StringComparison.Ordinal)
        && !operation.EndsWith("/get", StringComparison.Ordinal) && !operation.Contains("getAvailability", StringComparison.Ordinal);

    /// <summary>Property A: its Upgrade accounting category (Accommodation unless the demo seed set one), minimum free
    /// rooms 0 (1,600 arrivals on one night overbook the hotel), and one plain rule per active room type to the next.</summary>
    private static async Task<(string Code, string Rules)> PrepareAsync(IDbContextFactory<AppDbContext> dbFactory, PropertySetupCache setups)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var property = await db.Properties.AsNoTracking().SingleAsync(p => p.MewsEnterpriseId == DemoIds.EnterpriseA);
        var config = await db.UpsellConfigurations.SingleOrDefaultAsync(c => c.PropertyId == property.Id);
        if (config is null)
        {
            config = new PropertyUpsellConfiguration { PropertyId = property.Id };
            db.UpsellConfigurations.Add(config);
        }
        config.UpgradeAccountingCategoryId ??= (await db.AccountingCategories.SingleAsync(a => a.PropertyId == property.Id && a.MewsId == DemoIds.AccommodationAccountingCategoryA)).Id;
        config.MinimumFreeRooms = 0;
        var types = await db.RoomTypes.AsNoTracking().Where(t => t.PropertyId == property.Id && t.IsActive).OrderBy(t => t.Sequence).ThenBy(t => t.Code).ToListAsync();
        for (var i = 0; i + 1 < types.Count; i++)
        {
            var rule = DemoRules.Create(property.CurrencyCode, $"BENCH-{types[i].Code}-{types[i + 1].Code}", $"Bench: {types[i].Name} to {types[i + 1].Name}", true,
                types[i].Code, types[i + 1].Code, UpsellFormula.FlatAmountAddedToOriginalRate, 25m, RoundingRule.None);
            rule.PropertyId = property.Id;
            rule.RefreshFilterKinds();
            db.UpsellRules.Add(rule);
        }
        await db.SaveChangesAsync();
        setups.Invalidate(property.Id);
        var count = await db.UpsellRules.CountAsync(r => r.PropertyId == property.Id);
        return (property.Code, $"{count} rules ({types.Count - 1} bench rules over {types.Count} room types)");
    }

    private sealed record StoreCheck(int Sales, int Lines, int Duplicates, int WrongCount, int WrongAmount, int WrongRoom);

    /// <summary>The simulator's store against the app's upsells: one line per night per upsell, adding up to its total,
    /// and the reservation on the target room type.</summary>
    private static async Task<StoreCheck> CheckStoreAsync(IDbContextFactory<AppDbContext> dbFactory, SimulatorServer simulator, HashSet<Guid> ids)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var sales = (await db.UpsellSales.AsNoTracking().Include(s => s.Nights).ToListAsync()).Where(s => ids.Contains(s.Id)).ToList();
        var lines = simulator.Store.Orders.SelectMany(o => o.Items).Where(i => i.ExternalIdentifier is not null && i.CanceledUtc is null).ToList();
        var byIdentifier = lines.GroupBy(i => i.ExternalIdentifier!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var reservations = simulator.Store.Reservations.ToDictionary(r => r.Id);
        int ours = 0, wrongCount = 0, wrongAmount = 0, wrongRoom = 0;
        foreach (var sale in sales.Where(s => s.Status == UpsellStatus.Posted))
        {
            var prefix = sale.Id.ToString("D") + ":";
            var mine = lines.Where(l => l.ExternalIdentifier!.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            ours += mine.Count;
            if (mine.Count != sale.Nights.Count)
            {
                wrongCount++;
            }
            if (mine.Sum(l => (sale.PricesAreGross ? l.UnitAmount.GrossValue : l.UnitAmount.NetValue) * l.UnitCount) != sale.TotalAmount)
            {
                wrongAmount++;
            }
            if (!reservations.TryGetValue(Guid.Parse(sale.ReservationId), out var r) || !string.Equals(r.RequestedResourceCategoryId.ToString(), sale.ToCategoryId, StringComparison.OrdinalIgnoreCase))
            {
                wrongRoom++;
            }
        }
        return new StoreCheck(sales.Count, ours, byIdentifier.Count(x => x.Value.Count > 1), wrongCount, wrongAmount, wrongRoom);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path, CancellationToken ct = default)
    {
        using var response = await http.GetAsync(path, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostSaleAsync(HttpClient http, string code, string reservationId, string offerId, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/properties/{code}/reservations/{reservationId}/upsells")
        {
            Content = JsonContent.Create(new { offerId, note = "bench" }),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement body = default;
        if (!string.IsNullOrWhiteSpace(text) && text.TrimStart()[0] is '{' or '[')
        {
            body = JsonDocument.Parse(text).RootElement.Clone();
        }
        return (response.StatusCode, body);
    }
}
