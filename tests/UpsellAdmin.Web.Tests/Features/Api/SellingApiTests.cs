using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Api;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Features.Sync;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>
/// <see cref="DeskApiFactory"/> for selling: the app's own posting worker runs (as in production); the simulator seeds
/// <see cref="BulkArrivalCount"/> extra arrivals at enterprise A <see cref="Tomorrow"/>, and A gets (once the start-up
/// sync is done) its Upgrade accounting category (the simulator's accommodation category, whatever the demo seed set),
/// minimum free rooms 0 and one plain rule per room type to the next, so every confirmed arrival below the top room type
/// has an upgrade offer (the demo data alone has one upgradeable arrival today: too few for a class of sales). A second,
/// named API client is configured. Reads are retried once, 50 ms later, so a Mews outage is a quick 503. Each test
/// sells to reservations no other test of the class used (<see cref="TakeReservation"/>).
/// </summary>
public sealed class SellingApiFactory : DeskApiFactory
{
    public const string NamedClient = "booking-engine";
    public const string NamedClientKey = "booking-engine-test-key";

    private readonly SemaphoreSlim _setUp = new(1, 1);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private bool _isSetUp;

    public const int BulkArrivalCount = 40;

    /// <summary>The bulk arrivals' day: no same-day room-readiness check, a pre-arrival offer as a booking engine makes it.</summary>
    public DateOnly Tomorrow => Today.AddDays(1);

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("ConnectorSimulator:BulkArrivals:Count", BulkArrivalCount.ToString(CultureInfo.InvariantCulture)),
        new("ConnectorSimulator:BulkArrivals:Date", Tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("Api:Clients:0:Name", NamedClient),
        new("Api:Clients:0:Key", NamedClientKey),
        new("Connector:MaxRetryAttempts", "1"),
        new("Connector:RetryBaseDelay", "00:00:00.050"),
        new("Selling:PollInterval", "00:00:00.500"),
    ];

    /// <summary>What the app's in-process Mews holds (its own store, not the app's view of it).</summary>
    public SimulatorServer Simulator => Services.GetRequiredService<DemoConnectorSimulator>().Server
        ?? throw new InvalidOperationException("The demo simulator has not started (the start-up sync starts it).");

    public IDbContextFactory<AppDbContext> Db => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    /// <summary>Sets A's Upgrade accounting category (once; the demo seed may set it too, this does not rely on it).</summary>
    public async Task SetUpAsync(CancellationToken ct)
    {
        await _setUp.WaitAsync(ct);
        try
        {
            if (_isSetUp)
            {
                return;
            }
            await SetUpgradeCategoryAsync(DemoIds.AccommodationAccountingCategoryA, ct);
            await AddRulesAsync(ct);
            _isSetUp = true;
        }
        finally
        {
            _setUp.Release();
        }
    }

    /// <summary>Minimum free rooms 0 (the bulk arrivals overbook the night) and one rule per active room type to the next, +25 a night.</summary>
    private async Task AddRulesAsync(CancellationToken ct)
    {
        var code = await PropertyCodeAsync(ct);
        await using var db = await Db.CreateDbContextAsync(ct);
        var property = await db.Properties.AsNoTracking().SingleAsync(p => p.Code == code, ct);
        var config = await db.UpsellConfigurations.SingleAsync(c => c.PropertyId == property.Id, ct);
        config.MinimumFreeRooms = 0;
        var types = await db.RoomTypes.AsNoTracking().Where(t => t.PropertyId == property.Id && t.IsActive)
            .OrderBy(t => t.Sequence).ThenBy(t => t.Code).ToListAsync(ct);
        for (var i = 0; i + 1 < types.Count; i++)
        {
            var rule = DemoRules.Create(property.CurrencyCode, $"API-{types[i].Code}-{types[i + 1].Code}", $"API test: {types[i].Name} to {types[i + 1].Name}",
                true, types[i].Code, types[i + 1].Code, UpsellFormula.FlatAmountAddedToOriginalRate, 25m, RoundingRule.None);
            rule.PropertyId = property.Id;
            rule.RefreshFilterKinds();
            db.UpsellRules.Add(rule);
        }
        await db.SaveChangesAsync(ct);
        Services.GetRequiredService<PropertySetupCache>().Invalidate(property.Id);
    }

    /// <summary>Sets (or, with null, clears) the Upgrade accounting category of A by the category's Mews id.</summary>
    public async Task SetUpgradeCategoryAsync(Guid? mewsId, CancellationToken ct)
    {
        var code = await PropertyCodeAsync(ct);
        await using var db = await Db.CreateDbContextAsync(ct);
        var property = await db.Properties.SingleAsync(p => p.Code == code, ct);
        int? categoryId = mewsId is null ? null
            : await db.AccountingCategories.Where(a => a.PropertyId == property.Id && a.MewsId == mewsId).Select(a => a.Id).SingleAsync(ct);
        var config = await db.UpsellConfigurations.SingleOrDefaultAsync(c => c.PropertyId == property.Id, ct);
        if (config is null)
        {
            config = new Web.Features.UpsellConfiguration.PropertyUpsellConfiguration { PropertyId = property.Id };
            db.UpsellConfigurations.Add(config);
        }
        config.UpgradeAccountingCategoryId = categoryId;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Claims a reservation for one test: false when another test of the class already sold to it.</summary>
    public bool TakeReservation(string reservationId)
    {
        lock (_taken)
        {
            return _taken.Add(reservationId);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _setUp.Dispose();
    }
}

/// <summary>
/// The selling API (issue 13) through the real app in demo mode: sales over the in-process Connector API simulator,
/// posted by the app's own worker (the tests poll with a deadline), checked in the simulator's own store; idempotency,
/// the refusals' problem details, undo, the activity list, and the offers endpoint recording what was presented.
/// </summary>
public sealed class SellingApiTests(SellingApiFactory factory) : IClassFixture<SellingApiFactory>, IAsyncLifetime
{
    private static readonly string[] UpsellFields =
    [
        "upsellId", "status", "kind", "propertyCode", "reservationId", "reservationNumber", "guestName", "fromRoomType", "toRoomType",
        "productId", "productName", "ruleCode", "nights", "totalAmount", "currencyCode", "channel", "agentName", "soldUtc", "note",
        "attempts", "mewsOrderIds", "mewsItemIds", "lastError", "lastRequestId", "attention", "postedUtc", "undoRequestedUtc", "reversedUtc",
    ];

    private static readonly string[] OffersFields = ["reservationId", "currencyCode", "offers", "message"];

    /// <summary>How long the worker may take to settle a sale or an undo against the simulator.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string _code = "";

    public async ValueTask InitializeAsync()
    {
        _code = await factory.PropertyCodeAsync(Ct);
        await factory.SetUpAsync(Ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed record Answer(HttpStatusCode Status, string? MediaType, JsonElement Json, HttpResponseMessage Response);

    /// <summary>A reservation of today's arrivals with an upgrade offer, that no other test used, and that offer.</summary>
    private sealed record Candidate(string ReservationId, JsonElement Offer, JsonElement Offers)
    {
        public string OfferId => Offer.GetProperty("offerId").GetString()!;
        public decimal Total => Offer.GetProperty("totalAmount").GetDecimal();
        public string ToRoomType => Offer.GetProperty("toRoomType").GetString()!;
        public int NightCount => Offer.GetProperty("nights").GetArrayLength();
    }

    private string SellUrl(string reservationId) => $"/api/properties/{_code}/reservations/{reservationId}/upsells";

    private string OffersUrl(string reservationId) => $"/api/properties/{_code}/reservations/{reservationId}/offers";

    private static async Task<Answer> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var json = body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, json, response);
    }

    private async Task<Answer> GetAsync(string url, string key = DeskApiFactory.Key)
    {
        using var client = factory.CreateApiClient(key);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(client, request);
    }

    private async Task<Answer> DeleteAsync(string url)
    {
        using var client = factory.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Delete, url);
        return await SendAsync(client, request);
    }

    private Task<Answer> SellAsync(string reservationId, string? idempotencyKey, object body, string key = DeskApiFactory.Key) =>
        SellRawAsync(reservationId, idempotencyKey, JsonSerializer.Serialize(body), key);

    private async Task<Answer> SellRawAsync(string reservationId, string? idempotencyKey, string body, string key = DeskApiFactory.Key)
    {
        using var client = factory.CreateApiClient(key);
        using var request = new HttpRequestMessage(HttpMethod.Post, SellUrl(reservationId))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(SellingApiEndpoints.IdempotencyKeyHeader, idempotencyKey);
        }
        return await SendAsync(client, request);
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>Tomorrow's confirmed arrivals (the bulk ones), their offers read through the API: the first reservation no
    /// other test used, with its upgrade offer.</summary>
    private async Task<Candidate> TakeUpgradeableAsync()
    {
        const string state = "Confirmed";
        var day = factory.Tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = await GetAsync($"/api/properties/{_code}/reservations?arrivalFrom={day}&arrivalTo={day}");
        foreach (var row in rows.Json.EnumerateArray()
            .Where(r => r.GetProperty("state").GetString() == state && r.GetProperty("offerCount").GetInt32() > 0))
        {
            var id = row.GetProperty("reservationId").GetString()!;
            var offers = await GetAsync(OffersUrl(id));
            Assert.Equal(HttpStatusCode.OK, offers.Status);
            var upgrade = offers.Json.GetProperty("offers").EnumerateArray().FirstOrDefault(o => o.GetProperty("kind").GetString() == "RoomUpgrade");
            if (upgrade.ValueKind == JsonValueKind.Object && factory.TakeReservation(id))
            {
                return new Candidate(id, upgrade, offers.Json);
            }
        }
        throw new InvalidOperationException($"No {state} arrival of {day} with an upgrade offer is left for this test: "
            + string.Join(", ", rows.Json.EnumerateArray().Select(r => $"{r.GetProperty("number").GetString()} {r.GetProperty("state").GetString()} {r.GetProperty("offerCount").GetInt32()}")));
    }

    /// <summary>Polls GET /api/upsells/{id} until the status is reached (or the deadline passes: then fails with the last answer).</summary>
    private async Task<JsonElement> WaitForStatusAsync(string upsellId, string status)
    {
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (true)
        {
            var answer = await GetAsync($"/api/upsells/{upsellId}");
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            var now = answer.Json.GetProperty("status").GetString();
            if (now == status)
            {
                return answer.Json;
            }
            Assert.True(now is "Pending" or "Posted", $"upsell {upsellId} became {now} while waiting for {status}: {answer.Json}");
            Assert.True(DateTimeOffset.UtcNow < deadline, $"upsell {upsellId} is still {now} after {Deadline.TotalSeconds} s: {answer.Json}");
            await Task.Delay(100, Ct);
        }
    }

    private Guid? CategoryInSimulator(string reservationId) =>
        factory.Simulator.Store.Reservations.Single(r => r.Id == Guid.Parse(reservationId)).RequestedResourceCategoryId;

    private Guid CategoryIdOf(string roomTypeCode)
    {
        using var db = factory.Db.CreateDbContext();
        var propertyId = db.Properties.AsNoTracking().Where(p => p.Code == _code).Select(p => p.Id).Single();
        return db.RoomTypes.AsNoTracking().Where(t => t.PropertyId == propertyId && t.Code == roomTypeCode).Select(t => t.MewsId!.Value).Single();
    }

    private IReadOnlyList<UpsellAdmin.ConnectorSimulator.Model.OrderItem> LinesOf(string upsellId) =>
        factory.Simulator.Store.Orders.SelectMany(o => o.Items)
            .Where(i => i.ExternalIdentifier?.StartsWith(upsellId, StringComparison.Ordinal) == true).ToList();

    private async Task<int> SalesOfAsync(string reservationId)
    {
        await using var db = await factory.Db.CreateDbContextAsync(Ct);
        return await db.UpsellSales.CountAsync(s => s.ReservationId == reservationId, Ct);
    }

    private static void AssertProblem(Answer answer, HttpStatusCode expected, params string[] detailContains)
    {
        Assert.True(answer.Status == expected, $"expected {expected}, got {answer.Status}: {answer.Json}");
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal((int)expected, answer.Json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(answer.Json.GetProperty("title").GetString()));
        var detail = answer.Json.GetProperty("detail").GetString() ?? "";
        foreach (var part in detailContains)
        {
            Assert.Contains(part, detail, StringComparison.Ordinal);
        }
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    // ---- POST → 202 → Posted; replay; 422 ----

    [Fact]
    public async Task Sell_Upgrade_Returns202ThenPostsTheRoomChangeAndExactlyOneLinePerNight_AndTheSameKeyReplaysIt()
    {
        var c = await TakeUpgradeableAsync();
        var before = CategoryInSimulator(c.ReservationId);
        var key = NewKey();

        var sold = await SellAsync(c.ReservationId, key, new { offerId = c.OfferId, note = "guest wants a view" });

        Assert.True(sold.Status == HttpStatusCode.Accepted, $"{sold.Status}: {sold.Json}");
        Assert.Equal("application/json", sold.MediaType);
        Assert.Equal(UpsellFields, Names(sold.Json));
        var upsellId = sold.Json.GetProperty("upsellId").GetString()!;
        Assert.Equal($"/api/upsells/{upsellId}", sold.Response.Headers.Location?.OriginalString);
        Assert.Equal("Pending", sold.Json.GetProperty("status").GetString());
        Assert.Equal("RoomUpgrade", sold.Json.GetProperty("kind").GetString());
        Assert.Equal(_code, sold.Json.GetProperty("propertyCode").GetString());
        Assert.Equal(c.ReservationId, sold.Json.GetProperty("reservationId").GetString());
        Assert.Equal(c.ToRoomType, sold.Json.GetProperty("toRoomType").GetString());
        Assert.Equal(JsonValueKind.Null, sold.Json.GetProperty("productId").ValueKind);
        Assert.Equal(c.Total, sold.Json.GetProperty("totalAmount").GetDecimal());
        Assert.Equal(c.Offers.GetProperty("currencyCode").GetString(), sold.Json.GetProperty("currencyCode").GetString());
        Assert.Equal("Api", sold.Json.GetProperty("channel").GetString());
        Assert.Equal($"API: {ApiOptions.DemoClientName}", sold.Json.GetProperty("agentName").GetString());
        Assert.Equal("guest wants a view", sold.Json.GetProperty("note").GetString());
        var nights = sold.Json.GetProperty("nights").EnumerateArray().ToList();
        Assert.Equal(c.Offer.GetProperty("nights").EnumerateArray().Select(n => (n.GetProperty("date").GetString(), n.GetProperty("upsellAmount").GetDecimal())),
            nights.Select(n => (n.GetProperty("date").GetString(), n.GetProperty("upsellAmount").GetDecimal())));
        Assert.All(nights, n => Assert.Equal(["date", "upsellAmount"], Names(n)));

        var posted = await WaitForStatusAsync(upsellId, "Posted");

        Assert.Equal(JsonValueKind.Null, posted.GetProperty("lastError").ValueKind);
        Assert.Equal(c.NightCount, posted.GetProperty("mewsOrderIds").GetArrayLength());
        Assert.NotEqual(before, CategoryInSimulator(c.ReservationId));
        Assert.Equal(CategoryIdOf(c.ToRoomType), CategoryInSimulator(c.ReservationId));
        var lines = LinesOf(upsellId);
        Assert.Equal(c.NightCount, lines.Count);
        Assert.Equal(c.Total, lines.Sum(l => l.UnitAmount.GrossValue * l.UnitCount));
        Assert.All(lines, l => Assert.Null(l.CanceledUtc));
        Assert.All(lines, l => Assert.Equal(DemoIds.AccommodationAccountingCategoryA, l.AccountingCategoryId));
        Assert.Equal(nights.Select(n => $"{upsellId}:{n.GetProperty("date").GetString()}").Order(StringComparer.Ordinal),
            lines.Select(l => l.ExternalIdentifier!).Order(StringComparer.Ordinal));

        // The same key and body again (a client that lost the first answer): the same upsell, as it is now; nothing new.
        var replay = await SellAsync(c.ReservationId, key, new { offerId = c.OfferId, note = "guest wants a view" });

        Assert.True(replay.Status == HttpStatusCode.OK, $"{replay.Status}: {replay.Json}");
        Assert.Equal(upsellId, replay.Json.GetProperty("upsellId").GetString());
        Assert.Equal("Posted", replay.Json.GetProperty("status").GetString());
        Assert.Equal($"/api/upsells/{upsellId}", replay.Response.Headers.Location?.OriginalString);
        Assert.Equal("true", replay.Response.Headers.GetValues(SellingApiEndpoints.ReplayedHeader).Single());
        Assert.Equal(1, await SalesOfAsync(c.ReservationId));
        Assert.Equal(c.NightCount, LinesOf(upsellId).Count);
        await using (var db = await factory.Db.CreateDbContextAsync(Ct))
        {
            var id = Guid.Parse(upsellId);
            Assert.All(await db.UpsellWork.Where(w => w.SaleId == id).ToListAsync(Ct), w => Assert.NotNull(w.CompletedUtc));
            Assert.Equal(1, await db.UpsellWork.CountAsync(w => w.SaleId == id, Ct));
        }

        // The same key with another body (another note, another reservation): 422, nothing recorded.
        var otherNote = await SellAsync(c.ReservationId, key, new { offerId = c.OfferId, note = "something else" });
        AssertProblem(otherNote, HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        Assert.Equal("idempotency-key-reused", otherNote.Json.GetProperty("code").GetString());
        var otherReservation = await SellAsync(Guid.NewGuid().ToString(), key, new { offerId = c.OfferId });
        AssertProblem(otherReservation, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await SalesOfAsync(c.ReservationId));

        // Another key for the same reservation: a second upgrade is refused while this one stands.
        var second = await SellAsync(c.ReservationId, NewKey(), new { offerId = c.OfferId });
        AssertProblem(second, HttpStatusCode.Conflict);
        Assert.Equal(1, await SalesOfAsync(c.ReservationId));
        Assert.Equal(c.NightCount, LinesOf(upsellId).Count);

        // GET answers the same shape.
        var got = await GetAsync($"/api/upsells/{upsellId}");
        Assert.Equal(HttpStatusCode.OK, got.Status);
        Assert.Equal(UpsellFields, Names(got.Json));
    }

    [Fact]
    public async Task Sell_TwoConcurrentRequestsWithTheSameKey_RecordOneUpsellAndBothAnswerIt()
    {
        var c = await TakeUpgradeableAsync();
        var key = NewKey();

        var answers = await Task.WhenAll(
            SellAsync(c.ReservationId, key, new { offerId = c.OfferId }),
            SellAsync(c.ReservationId, key, new { offerId = c.OfferId }));

        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{a.Status}: {a.Json}"));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Accepted);
        Assert.Single(answers.Select(a => a.Json.GetProperty("upsellId").GetString()).Distinct());
        var upsellId = answers[0].Json.GetProperty("upsellId").GetString()!;
        await WaitForStatusAsync(upsellId, "Posted");
        Assert.Equal(1, await SalesOfAsync(c.ReservationId));
        Assert.Equal(c.NightCount, LinesOf(upsellId).Count);
    }

    [Fact]
    public async Task Sell_IdempotencyKeysAreScopedPerApiClient_AndTheNamedClientIsTheAgent()
    {
        var c = await TakeUpgradeableAsync();
        var key = NewKey();

        var sold = await SellAsync(c.ReservationId, key, new { offerId = c.OfferId }, SellingApiFactory.NamedClientKey);

        Assert.True(sold.Status == HttpStatusCode.Accepted, $"{sold.Status}: {sold.Json}");
        Assert.Equal($"API: {SellingApiFactory.NamedClient}", sold.Json.GetProperty("agentName").GetString());
        await WaitForStatusAsync(sold.Json.GetProperty("upsellId").GetString()!, "Posted");

        // Another client with the same key and body is not replayed the named client's upsell: for it this is a new
        // sale, refused because the reservation already has this upgrade.
        var other = await SellAsync(c.ReservationId, key, new { offerId = c.OfferId });
        AssertProblem(other, HttpStatusCode.Conflict);
        Assert.Equal(1, await SalesOfAsync(c.ReservationId));
    }

    // ---- Refusals ----

    [Fact]
    public async Task Sell_StaleOfferId_Returns409WithTheCurrentOffers_AndRecordsNothing()
    {
        var c = await TakeUpgradeableAsync();
        var stale = Guid.NewGuid().ToString("N"); // an offerId of the right form that the reservation does not have (a price that changed)

        var answer = await SellAsync(c.ReservationId, NewKey(), new { offerId = stale });

        AssertProblem(answer, HttpStatusCode.Conflict, "no longer");
        Assert.Equal("offer-changed", answer.Json.GetProperty("code").GetString());
        var current = answer.Json.GetProperty("currentOffers");
        Assert.Equal(OffersFields, Names(current));
        Assert.Equal(c.ReservationId, current.GetProperty("reservationId").GetString());
        Assert.Contains(current.GetProperty("offers").EnumerateArray(), o => o.GetProperty("offerId").GetString() == c.OfferId);
        Assert.Equal(Names(c.Offer), Names(current.GetProperty("offers")[0]));
        Assert.Equal(0, await SalesOfAsync(c.ReservationId));
    }

    [Fact]
    public async Task Sell_NoUpgradeAccountingCategory_Returns409NamingTheSetting_ThenSellsOnceItIsSet()
    {
        var c = await TakeUpgradeableAsync();
        await factory.SetUpgradeCategoryAsync(null, Ct);
        Answer refused;
        try
        {
            refused = await SellAsync(c.ReservationId, NewKey(), new { offerId = c.OfferId });
        }
        finally
        {
            await factory.SetUpgradeCategoryAsync(DemoIds.AccommodationAccountingCategoryA, Ct);
        }

        AssertProblem(refused, HttpStatusCode.Conflict, "Upgrade accounting category");
        Assert.Equal("setup-incomplete", refused.Json.GetProperty("code").GetString());
        Assert.Equal(0, await SalesOfAsync(c.ReservationId));
    }

    [Fact]
    public async Task Sell_MewsUnreachableDuringTheRecheck_Returns503WithRetryAfter_AndRecordsNothing()
    {
        var c = await TakeUpgradeableAsync();
        var options = factory.Simulator.Options;
        options.FaultOperations = new HashSet<string>(StringComparer.Ordinal) { FailingMewsDeskApiFactory.FaultedOperation };
        options.ServerErrorRate = 1;
        Answer answer;
        try
        {
            answer = await SellAsync(c.ReservationId, NewKey(), new { offerId = c.OfferId });
        }
        finally
        {
            options.ServerErrorRate = 0;
            options.FaultOperations = new HashSet<string>(StringComparer.Ordinal);
        }

        AssertProblem(answer, HttpStatusCode.ServiceUnavailable, "Mews");
        Assert.Equal(TimeSpan.FromSeconds(SellingApiEndpoints.RetryAfterSeconds), answer.Response.Headers.RetryAfter?.Delta);
        Assert.Equal(0, await SalesOfAsync(c.ReservationId));
    }

    [Fact]
    public async Task Sell_NoIdempotencyKey_Returns400()
    {
        var answer = await SellAsync(Guid.NewGuid().ToString(), null, new { offerId = "abc" });

        AssertProblem(answer, HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    [Fact]
    public async Task Sell_IdempotencyKeyOver100Characters_Returns400()
    {
        var answer = await SellAsync(Guid.NewGuid().ToString(), new string('k', 101), new { offerId = "abc" });

        AssertProblem(answer, HttpStatusCode.BadRequest, "Idempotency-Key", "100");
    }

    [Theory]
    [InlineData("{}", "offerId")]
    [InlineData("{\"offerId\":\"   \"}", "offerId")]
    [InlineData("{\"offerId\":\"abc\",\"note\":\"NOTE501\"}", "500")]
    [InlineData("{\"offerId\":", "body")]
    [InlineData("not json", "body")]
    [InlineData("{\"offerId\":42}", "body")]
    [InlineData("", "body")]
    public async Task Sell_BadBody_Returns400Problem(string body, string detailContains)
    {
        var answer = await SellRawAsync(Guid.NewGuid().ToString(), NewKey(), body.Replace("NOTE501", new string('n', 501), StringComparison.Ordinal));

        AssertProblem(answer, HttpStatusCode.BadRequest, detailContains);
    }

    [Fact]
    public async Task Sell_UnknownPropertyOrReservation_Returns404()
    {
        using var client = factory.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/properties/NOSUCHHOTEL/reservations/{Guid.NewGuid()}/upsells")
        {
            Content = JsonContent.Create(new { offerId = "abc" }),
        };
        request.Headers.Add(SellingApiEndpoints.IdempotencyKeyHeader, NewKey());
        AssertProblem(await SendAsync(client, request), HttpStatusCode.NotFound, "NOSUCHHOTEL");

        AssertProblem(await SellAsync("not-a-guid", NewKey(), new { offerId = "abc" }), HttpStatusCode.NotFound, "not-a-guid");
        var unknown = Guid.NewGuid().ToString();
        AssertProblem(await SellAsync(unknown, NewKey(), new { offerId = "abc" }), HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task Sell_NoApiKey_Returns401()
    {
        using var client = factory.CreateApiClient(key: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, SellUrl(Guid.NewGuid().ToString())) { Content = JsonContent.Create(new { offerId = "abc" }) };
        request.Headers.Add(SellingApiEndpoints.IdempotencyKeyHeader, NewKey());

        AssertProblem(await SendAsync(client, request), HttpStatusCode.Unauthorized, "X-Api-Key");
    }

    // ---- GET / DELETE /api/upsells/{id} ----

    [Fact]
    public async Task GetAndDelete_UnknownUpsell_Return404()
    {
        var unknown = Guid.NewGuid().ToString();
        AssertProblem(await GetAsync($"/api/upsells/{unknown}"), HttpStatusCode.NotFound, unknown);
        AssertProblem(await GetAsync("/api/upsells/not-a-guid"), HttpStatusCode.NotFound, "not-a-guid");
        AssertProblem(await DeleteAsync($"/api/upsells/{unknown}"), HttpStatusCode.NotFound);
        AssertProblem(await DeleteAsync("/api/upsells/not-a-guid"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_PostedUpgrade_Returns202ThenReversedWithTheRoomTypeBackAndEveryLineCancelled_ThenDeleteAgainIs409()
    {
        var c = await TakeUpgradeableAsync();
        var before = CategoryInSimulator(c.ReservationId);
        var sold = await SellAsync(c.ReservationId, NewKey(), new { offerId = c.OfferId });
        Assert.True(sold.Status == HttpStatusCode.Accepted, $"{sold.Status}: {sold.Json}");
        var upsellId = sold.Json.GetProperty("upsellId").GetString()!;
        await WaitForStatusAsync(upsellId, "Posted");

        var undo = await DeleteAsync($"/api/upsells/{upsellId}");

        Assert.True(undo.Status == HttpStatusCode.Accepted, $"{undo.Status}: {undo.Json}");
        Assert.Equal(upsellId, undo.Json.GetProperty("upsellId").GetString());
        Assert.Equal($"/api/upsells/{upsellId}", undo.Response.Headers.Location?.OriginalString);
        Assert.NotEqual(JsonValueKind.Null, undo.Json.GetProperty("undoRequestedUtc").ValueKind);
        var reversed = await WaitForStatusAsync(upsellId, "Reversed");
        Assert.NotEqual(JsonValueKind.Null, reversed.GetProperty("reversedUtc").ValueKind);
        Assert.Equal(before, CategoryInSimulator(c.ReservationId));
        var lines = LinesOf(upsellId);
        Assert.NotEmpty(lines);
        Assert.All(lines.Where(l => l.UnitAmount.GrossValue > 0), l => Assert.NotNull(l.CanceledUtc));
        Assert.Equal(0m, lines.Where(l => l.CanceledUtc is null).Sum(l => l.UnitAmount.GrossValue * l.UnitCount));

        var again = await DeleteAsync($"/api/upsells/{upsellId}");
        AssertProblem(again, HttpStatusCode.Conflict, "already");
        Assert.Equal("not-undoable", again.Json.GetProperty("code").GetString());
        Assert.Equal("Reversed", again.Json.GetProperty("upsell").GetProperty("status").GetString());
    }

    // ---- GET /api/properties/{code}/upsells ----

    [Fact]
    public async Task List_TodaysSales_ReturnsThemNewestFirstInPages()
    {
        var c = await TakeUpgradeableAsync();
        var sold = await SellAsync(c.ReservationId, NewKey(), new { offerId = c.OfferId, note = "list me" });
        Assert.True(sold.Status == HttpStatusCode.Accepted, $"{sold.Status}: {sold.Json}");
        var upsellId = sold.Json.GetProperty("upsellId").GetString()!;
        var today = factory.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var page = await GetAsync($"/api/properties/{_code}/upsells?from={today}&to={today}");

        Assert.True(page.Status == HttpStatusCode.OK, $"{page.Status}: {page.Json}");
        Assert.Equal(["items", "totalCount", "page", "pageSize"], Names(page.Json));
        Assert.Equal(1, page.Json.GetProperty("page").GetInt32());
        Assert.Equal(SellingApiEndpoints.DefaultPageSize, page.Json.GetProperty("pageSize").GetInt32());
        var items = page.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(page.Json.GetProperty("totalCount").GetInt32(), items.Count);
        var mine = Assert.Single(items, i => i.GetProperty("upsellId").GetString() == upsellId);
        Assert.Equal(UpsellFields, Names(mine));
        Assert.Equal("list me", mine.GetProperty("note").GetString());
        var soldTimes = items.Select(i => i.GetProperty("soldUtc").GetDateTimeOffset()).ToList();
        Assert.Equal(soldTimes.OrderDescending(), soldTimes);

        var first = await GetAsync($"/api/properties/{_code}/upsells?pageSize=1");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Single(first.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(items.Count, first.Json.GetProperty("totalCount").GetInt32());
        Assert.Equal(items[0].GetProperty("upsellId").GetString(), first.Json.GetProperty("items")[0].GetProperty("upsellId").GetString());

        var byReservation = await GetAsync($"/api/properties/{_code}/upsells?reservationId={c.ReservationId}");
        Assert.Equal(upsellId, Assert.Single(byReservation.Json.GetProperty("items").EnumerateArray()).GetProperty("upsellId").GetString());

        var longAgo = await GetAsync($"/api/properties/{_code}/upsells?to=2000-01-01");
        Assert.Equal(0, longAgo.Json.GetProperty("totalCount").GetInt32());
        await WaitForStatusAsync(upsellId, "Posted");
    }

    [Theory]
    [InlineData("?from=2026-02-02&to=2026-02-01", "after")]
    [InlineData("?from=2026-13-01", "yyyy-MM-dd")]
    [InlineData("?to=yesterday", "yyyy-MM-dd")]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=201", "200")]
    [InlineData("?pageSize=x", "pageSize")]
    [InlineData("?status=Sold", "status")]
    public async Task List_BadQuery_Returns400Problem(string query, string detailContains)
    {
        AssertProblem(await GetAsync($"/api/properties/{_code}/upsells{query}"), HttpStatusCode.BadRequest, detailContains);
    }

    [Fact]
    public async Task List_UnknownProperty_Returns404()
    {
        AssertProblem(await GetAsync("/api/properties/NOSUCHHOTEL/upsells"), HttpStatusCode.NotFound, "NOSUCHHOTEL");
    }

    // ---- The offers endpoint records what was presented ----

    [Fact]
    public async Task Offers_ReadThreeTimes_RecordOnePresentationOfTheDayWithChannelApi()
    {
        var c = await TakeUpgradeableAsync(); // read its offers once already
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(OffersUrl(c.ReservationId))).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(OffersUrl(c.ReservationId), SellingApiFactory.NamedClientKey)).Status);

        await using var db = await factory.Db.CreateDbContextAsync(Ct);
        var presented = await db.UpsellPresentations.AsNoTracking().Where(p => p.ReservationId == c.ReservationId).ToListAsync(Ct);
        var row = Assert.Single(presented);
        Assert.Equal(SaleChannel.Api, row.Channel);
        Assert.True(row.OffersCount > 0);
        Assert.Equal($"API: {ApiOptions.DemoClientName}", row.AgentName);
    }
}
