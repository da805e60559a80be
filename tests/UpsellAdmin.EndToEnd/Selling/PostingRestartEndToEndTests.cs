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
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.EndToEnd.Selling;

/// <summary>
/// Issue 13's proof, end to end: the real app (Kestrel, its own posting worker) pointed at a Connector API simulator of
/// our own through its ordinary <c>Connector:*</c> settings — so that the simulator outlives the app — sells upgrades
/// through the selling API while every write may land and then fail (post-write 500s and dropped connections), is
/// stopped in the middle of posting, and a new app on the same SQLite file and the same simulator finishes: every sale
/// Posted or Rejected, and in the simulator's own store each Posted upgrade has its room type and exactly its lines.
/// </summary>
[Trait("Category", "E2E")]
public sealed class PostingRestartEndToEndTests : IAsyncLifetime
{
    private const string ApiKey = "posting-restart-e2e-key";

    private static readonly HashSet<string> Writes = new(StringComparer.Ordinal)
    {
        "reservations/update", "orders/add", "reservations/addProduct", "orderItems/cancel",
    };

    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"upsell-e2e-restart-{Guid.NewGuid():N}.db");
    private readonly ITestOutputHelper _output;
    private SimulatorServer _simulator = default!;

    public PostingRestartEndToEndTests(ITestOutputHelper output) => _output = output;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _simulator = await SimulatorServer.StartAsync(o => o.RateLimit = 0, Ct);

    public async ValueTask DisposeAsync()
    {
        await _simulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _dbPath, _dbPath + "-wal", _dbPath + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>The app as deployed against a Mews: only settings differ (no test hooks inside it).</summary>
    private WebApplicationFactory<App> StartApp(int parallelism = 4)
    {
        var factory = new WebApplicationFactory<App>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:ConnectionString", $"Data Source={_dbPath}");
            b.UseSetting("Database:MigrateOnStartup", "true");
            b.UseSetting("DemoMode", "true"); // demo users and rules, synced from our simulator
            b.UseSetting("RateLimiting:ApiPerKey", "0"); // not what this test is about
            b.UseSetting("Connector:BaseUrl", _simulator.BaseAddress.ToString().TrimEnd('/'));
            b.UseSetting("Connector:ClientToken", DemoTokens.PortfolioClientToken);
            b.UseSetting("Connector:AccessToken", DemoTokens.PortfolioAccessToken);
            b.UseSetting("Connector:RequestsPerWindow", "100000");
            b.UseSetting("Sync:Interval", "00:00:00");
            b.UseSetting("Api:Keys:0", ApiKey);
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            // Back-off after a failure of at most a second, so the test does not wait the production 5 s, 10 s, 20 s …
            b.UseSetting("Selling:MaxBackoff", "00:00:01");
            b.UseSetting("Selling:InFlightGrace", "00:00:01"); // the simulator answers in milliseconds; Mews gets the default 30 s
            b.UseSetting("Selling:PollInterval", "00:00:00.500");
            b.UseSetting("Selling:Parallelism", parallelism.ToString(CultureInfo.InvariantCulture));
        });
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return factory;
    }

    private static HttpClient ClientOf(WebApplicationFactory<App> app)
    {
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return http;
    }

    [Fact(Timeout = 180_000)]
    public async Task SalesThroughTheApi_AppStoppedMidPosting_RestartedAppSettlesEveryOneExactlyOnceInMews()
    {
        const int wanted = 8;
        var sold = new List<Guid>();
        string code;
        DateTimeOffset stoppedAt;
        var first = StartApp(parallelism: 2); // a slower first poster: the stop must find work in flight
        try
        {
            code = await OpenRulesToEveryoneAsync(first);
            // From now on every write may be applied by Mews and then answered 500 or cut off, and each takes a moment
            // (so that the app can be stopped while some are in flight).
            _simulator.Options.FaultOperations = Writes;
            _simulator.Options.PostWriteServerErrorRate = 0.25;
            _simulator.Options.PostWriteDropConnectionRate = 0.25;
            _simulator.Options.PostWriteDelay = TimeSpan.FromMilliseconds(250);

            using var http = ClientOf(first);
            var today = await TodayAsync(first, code);
            var list = await http.GetFromJsonAsync<JsonElement>($"/api/properties/{code}/reservations?arrivalFrom={today}&arrivalTo={today}", Ct);
            foreach (var reservation in list.EnumerateArray().Where(r => r.GetProperty("state").GetString() == "Confirmed" && r.GetProperty("offerCount").GetInt32() > 0))
            {
                var id = reservation.GetProperty("reservationId").GetString()!;
                var offers = await http.GetFromJsonAsync<JsonElement>($"/api/properties/{code}/reservations/{id}/offers", Ct);
                var upgrade = offers.GetProperty("offers").EnumerateArray().FirstOrDefault(o => o.GetProperty("kind").GetString() == "RoomUpgrade");
                if (upgrade.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }
                using var post = new HttpRequestMessage(HttpMethod.Post, $"/api/properties/{code}/reservations/{id}/upsells")
                {
                    Content = JsonContent.Create(new { offerId = upgrade.GetProperty("offerId").GetString(), note = "restart E2E" }),
                };
                post.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
                using var response = await http.SendAsync(post, Ct);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                if (response.StatusCode == HttpStatusCode.Conflict && body.GetProperty("code").GetString() == "offer-changed")
                {
                    continue; // an earlier upgrade took the last free room of that type since the offers were read
                }
                Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
                sold.Add(body.GetProperty("upsellId").GetGuid());
                if (sold.Count == wanted)
                {
                    break;
                }
            }
            Assert.True(sold.Count >= 6, $"only {sold.Count} upgrades could be sold");

            // Stop the app while it posts: once some sales are in Mews, and before all of them are.
            var expectedWrites = await ExpectedWritesAsync(first, sold);
            while (_simulator.Statistics.WritesApplied < expectedWrites / 2)
            {
                await Task.Delay(10, Ct);
            }
        }
        finally
        {
            await first.DisposeAsync();
        }
        stoppedAt = DateTimeOffset.UtcNow;
        var appliedWhenStopped = _simulator.Statistics.WritesApplied;
        var pendingWhenStopped = (await SalesAsync(sold)).Count(s => s.Status == UpsellStatus.Pending);
        _output.WriteLine($"stopped with {appliedWhenStopped} writes applied, {pendingWhenStopped} of {sold.Count} sales Pending, {_simulator.Statistics.FaultsInjected} faults so far");
        Assert.True(pendingWhenStopped > 0, "every sale was settled before the app stopped: the restart had nothing to do");

        // The restarted app: same database, same Mews. Its worker reconciles what the first one left in flight.
        await using var second = StartApp();
        using (var http = ClientOf(second))
        {
            foreach (var id in sold)
            {
                string status;
                do
                {
                    var view = await http.GetFromJsonAsync<JsonElement>($"/api/upsells/{id}", Ct);
                    status = view.GetProperty("status").GetString()!;
                    if (status == "Pending")
                    {
                        await Task.Delay(100, Ct); // polling the API, as a client would
                    }
                }
                while (status == "Pending");
            }
        }

        var sales = await SalesAsync(sold);
        var stats = _simulator.Statistics;
        _output.WriteLine($"{sales.Count} sales: {string.Join(", ", sales.GroupBy(s => s.Status).Select(g => $"{g.Count()} {g.Key}"))}, {sales.Sum(s => s.Nights.Count)} nights, "
            + $"settled {(DateTimeOffset.UtcNow - stoppedAt).TotalSeconds:0.0} s after the stop; faults injected {stats.FaultsInjected} (post-write {stats.PostWriteFaultsInjected}); "
            + $"requests {string.Join(", ", stats.RequestsByOperation.Where(p => Writes.Contains(p.Key) || p.Key == "orderItems/getAll").Select(p => $"{p.Key} {p.Value}"))}");
        Assert.True(stats.PostWriteFaultsInjected > 0);
        Assert.All(sales, AssertExactlyOnceInMews);
    }

    // ---- set-up and reading ----

    /// <summary>Property A's demo rules without their filters (every arrival with a free room above its own gets an
    /// offer) and its property set-up cache dropped; returns A's code.</summary>
    private static async Task<string> OpenRulesToEveryoneAsync(WebApplicationFactory<App> app)
    {
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(Ct);
        var property = await db.Properties.AsNoTracking().SingleAsync(p => p.MewsEnterpriseId == DemoIds.EnterpriseA, Ct);
        var rules = db.UpsellRules.Where(r => r.PropertyId == property.Id).Select(r => r.Id);
        await db.UpsellRuleFilterValues.Where(f => rules.Contains(f.RuleId)).ExecuteDeleteAsync(Ct);
        Assert.NotNull(await db.UpsellConfigurations.Where(c => c.PropertyId == property.Id).Select(c => c.UpgradeAccountingCategoryId).SingleAsync(Ct));
        app.Services.GetRequiredService<PropertySetupCache>().Invalidate(property.Id);
        return property.Code;
    }

    private static async Task<string> TodayAsync(WebApplicationFactory<App> app, string code)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var zone = await db.Properties.Where(p => p.Code == code).Select(p => p.TimeZone).SingleAsync(Ct);
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone));
        return DateOnly.FromDateTime(now.DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>What posting the sales takes without faults: a room change and one line per night each.</summary>
    private static async Task<long> ExpectedWritesAsync(WebApplicationFactory<App> app, IReadOnlyCollection<Guid> ids)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var sales = (await db.UpsellSales.AsNoTracking().Include(s => s.Nights).ToListAsync(Ct)).Where(s => ids.Contains(s.Id)).ToList();
        return sales.Sum(s => 1 + s.Nights.Count);
    }

    /// <summary>The sales as the database has them (read without any app running).</summary>
    private async Task<List<UpsellSale>> SalesAsync(IReadOnlyCollection<Guid> ids)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={_dbPath}").Options;
        await using var db = new AppDbContext(options);
        return (await db.UpsellSales.AsNoTracking().Include(s => s.Nights).ToListAsync(Ct)).Where(s => ids.Contains(s.Id)).ToList();
    }

    /// <summary>Posted: the target room type and exactly one open line per night with its ExternalIdentifier, adding
    /// up to the total to the cent. Rejected: the original room type and no open line.</summary>
    private void AssertExactlyOnceInMews(UpsellSale sale)
    {
        var store = _simulator.Store;
        var reservation = store.Reservations.Single(r => r.Id == Guid.Parse(sale.ReservationId));
        var prefix = sale.Id.ToString("D") + ":";
        var lines = store.Orders.SelectMany(o => o.Items).Where(i => i.ExternalIdentifier?.StartsWith(prefix, StringComparison.Ordinal) == true).ToList();
        decimal Value(UpsellAdmin.ConnectorSimulator.Model.OrderItem l) => (sale.PricesAreGross ? l.UnitAmount.GrossValue : l.UnitAmount.NetValue) * l.UnitCount;
        switch (sale.Status)
        {
            case UpsellStatus.Posted:
                Assert.Equal(sale.ToCategoryId, reservation.RequestedResourceCategoryId.ToString(), ignoreCase: true);
                Assert.Equal(sale.Nights.Select(n => sale.LineIdentifier(n.Date)).Order(StringComparer.Ordinal),
                    lines.Select(l => l.ExternalIdentifier!).Order(StringComparer.Ordinal));
                Assert.All(lines, l => Assert.Null(l.CanceledUtc));
                foreach (var night in sale.Nights)
                {
                    Assert.Equal(night.UpsellAmount, Value(lines.Single(l => l.ExternalIdentifier == sale.LineIdentifier(night.Date))));
                }
                Assert.Equal(sale.TotalAmount, lines.Sum(Value));
                break;
            case UpsellStatus.Rejected:
                Assert.Equal(sale.FromCategoryId, reservation.RequestedResourceCategoryId.ToString(), ignoreCase: true);
                Assert.All(lines, l => Assert.NotNull(l.CanceledUtc));
                break;
            default:
                Assert.Fail($"Upsell {sale.Id} is {sale.Status}.");
                break;
        }
    }
}
