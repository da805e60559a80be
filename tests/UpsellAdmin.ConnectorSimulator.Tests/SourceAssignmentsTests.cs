using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace UpsellAdmin.ConnectorSimulator.Tests;

/// <summary>The seeded source assignments: one primary per reservation, deterministic, fixed for the desk's arrivals.</summary>
public sealed class SourceAssignmentSeedTests
{
    /// <summary>The sources of enterprise A's desk arrivals nos. 500–515 (README, seed table).</summary>
    private static readonly string[] DeskSources =
    [
        "Airbnb", "Amadeus", "Booking.com", "Expedia",
        "Airbnb", "Mews Booking Engine", "Amadeus", "Corporate travel agent",
        "Booking.com", "Front desk", "Airbnb", "Amadeus",
        "Lobby kiosk", "Expedia", "SynXis", "Booking.com",
    ];

    private static SimulatorStore NewStore(int seed = 20261122, int bulk = 0) =>
        new(new SimulatorOptions { Seed = seed, Today = TestDates.Today, BulkArrivals = new BulkArrivalsOptions { Count = bulk } });

    private static Dictionary<Guid, string> SourceNames(SimulatorStore store) => store.Sources.ToDictionary(s => s.Id, s => s.Name);

    [Fact]
    public void Seed_EveryReservationIncludingBulkArrivals_HasOnePrimaryAssignmentToAGlobalSource()
    {
        var store = NewStore(bulk: 40);
        var sources = SourceNames(store);

        var byReservation = store.SourceAssignments.GroupBy(a => a.ReservationId).ToDictionary(g => g.Key, g => g.ToList());

        Assert.Equal(store.Reservations.Count, byReservation.Count);
        Assert.All(store.Reservations, r =>
        {
            var assignment = Assert.Single(byReservation[r.Id]);
            Assert.True(assignment.IsPrimary);
            Assert.Equal(r.EnterpriseId, assignment.EnterpriseId);
            Assert.Equal(r.CreatedUtc, assignment.UpdatedUtc);
            Assert.True(sources.ContainsKey(assignment.SourceId));
        });
        Assert.Equal(store.SourceAssignments.Count, store.SourceAssignments.Select(a => a.Id).Distinct().Count());
        // The weighted draw uses many of the 12 sources, Booking.com the most.
        var counts = store.SourceAssignments.GroupBy(a => sources[a.SourceId]).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(counts.Count >= 10, string.Join(", ", counts));
        Assert.Equal("Booking.com", counts.MaxBy(kv => kv.Value).Key);
    }

    [Fact]
    public void Seed_DeskArrivalsOfEnterpriseA_ComeThroughFixedSourcesIncludingAirbnbAndAmadeus()
    {
        var store = NewStore();
        var sources = SourceNames(store);
        var assignments = store.SourceAssignments.ToDictionary(a => a.ReservationId);

        var desk = store.Reservations
            .Where(r => r.EnterpriseId == DemoIds.EnterpriseA && int.Parse(r.Number, CultureInfo.InvariantCulture) is >= 500 and <= 515)
            .OrderBy(r => int.Parse(r.Number, CultureInfo.InvariantCulture))
            .ToList();

        Assert.Equal(16, desk.Count);
        Assert.Equal(DeskSources, desk.Select(r => sources[assignments[r.Id].SourceId]));
        var todayArrivals = desk.Where(r => r.State != "Canceled").Select(r => sources[assignments[r.Id].SourceId]).ToList();
        Assert.Equal(3, todayArrivals.Count(s => s == "Airbnb"));
        Assert.Equal(3, todayArrivals.Count(s => s == "Amadeus"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Seed_DeskArrivalSources_DoNotDependOnTheSeed(int seed)
    {
        var store = NewStore(seed);
        var sources = SourceNames(store);
        var assignments = store.SourceAssignments.ToDictionary(a => a.ReservationId);

        var desk = store.Reservations.Where(r => r.EnterpriseId == DemoIds.EnterpriseB && int.Parse(r.Number, CultureInfo.InvariantCulture) is >= 500 and <= 511)
            .OrderBy(r => int.Parse(r.Number, CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(DeskSources.Take(12), desk.Select(r => sources[assignments[r.Id].SourceId]));
    }

    [Fact]
    public void Seed_SameSeed_SameAssignments_OtherSeed_OtherDraws()
    {
        static List<(Guid, Guid, Guid, DateTimeOffset)> Of(SimulatorStore s) =>
            s.SourceAssignments.Select(a => (a.Id, a.ReservationId, a.SourceId, a.UpdatedUtc)).ToList();

        Assert.Equal(Of(NewStore()), Of(NewStore()));
        Assert.NotEqual(Of(NewStore(1)).Select(a => a.Item3), Of(NewStore(2)).Select(a => a.Item3));
    }

    [Fact]
    public void Seed_BulkArrivals_LeaveTheOtherReservationsSourcesAsTheyWere()
    {
        var plain = NewStore().SourceAssignments.ToDictionary(a => a.ReservationId, a => a.SourceId);
        var withBulk = NewStore(bulk: 100).SourceAssignments.ToDictionary(a => a.ReservationId, a => a.SourceId);

        Assert.Equal(plain.Count + 100, withBulk.Count);
        Assert.All(plain, kv => Assert.Equal(kv.Value, withBulk[kv.Key]));
    }
}

/// <summary><c>sourceAssignments/getAll/2024-09-20</c> over HTTP: filters, oldest-first paging, limits, portfolio scoping.</summary>
public sealed class SourceAssignmentsTests : SimulatorTestBase
{
    private const string Operation = "sourceAssignments/getAll/2024-09-20";

    private static JsonArray Ids(IEnumerable<Guid> ids) => new(ids.Select(id => (JsonNode)JsonValue.Create(id.ToString())).ToArray());

    private static string Message(ApiResponse response) => response.Object["Message"]!.GetValue<string>();

    [Fact]
    public async Task GetAll_ByReservationIds_ReturnsTheirPrimaryAssignmentsWithTheDocumentedFields()
    {
        var reservations = Server.Store.Reservations.Where(r => r.EnterpriseId == DemoIds.EnterpriseA).Take(5).Select(r => r.Id).Append(DemoIds.Reservation52).ToList();

        var response = await Client.PostAsync(Operation, new() { ["ReservationIds"] = Ids(reservations), ["Limitation"] = Limitation(100) }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var items = response.Array("SourceAssignments").Select(x => x!.AsObject()).ToList();
        Assert.Equal(reservations.Select(r => r.ToString()).Order(StringComparer.Ordinal), items.Select(x => x["ReservationId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var sources = Server.Store.Sources.Select(s => s.Id.ToString()).ToHashSet();
        Assert.All(items, x =>
        {
            Assert.Equal(["Id", "ReservationId", "SourceId", "IsPrimary", "UpdatedUtc"], x.Select(p => p.Key));
            Assert.True(x["IsPrimary"]!.GetValue<bool>());
            Assert.Contains(x["SourceId"]!.GetValue<string>(), sources);
            Assert.EndsWith("Z", x["UpdatedUtc"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        Assert.Equal(items[^1]["Id"]!.GetValue<string>(), response.Cursor);
    }

    [Fact]
    public async Task GetAll_WalkingAllPages_OldestFirstCursorFetchesNewerWithoutGapsAndEndsWithNullCursor()
    {
        var expected = Server.Store.SourceAssignments
            .Where(a => a.EnterpriseId == DemoIds.EnterpriseA)
            .OrderBy(a => a.Sequence)
            .Select(a => a.Id.ToString())
            .ToList();

        var ids = await ReadAllIdsAsync(Operation, "SourceAssignments", () => [], 7);

        Assert.True(expected.Count > 100);
        Assert.Equal(expected, ids);
        Assert.Equal(Server.Store.Reservations.Count(r => r.EnterpriseId == DemoIds.EnterpriseA), ids.Count);
    }

    [Fact]
    public async Task GetAll_ReservationOfAnotherEnterprise_IsNotReturned()
    {
        var other = Server.Store.Reservations.First(r => r.EnterpriseId == DemoIds.EnterpriseB).Id;

        var response = await Client.PostAsync(Operation, new() { ["ReservationIds"] = Ids([other, DemoIds.Reservation52]), ["Limitation"] = Limitation(10) }, Ct);

        var item = Assert.Single(response.Array("SourceAssignments"));
        Assert.Equal(DemoIds.Reservation52.ToString(), item!["ReservationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetAll_UpdatedUtcOfOneMonth_ReturnsTheAssignmentsUpdatedThen()
    {
        var end = new DateTimeOffset(TestDates.Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var start = end.AddMonths(-1);
        var expected = Server.Store.SourceAssignments
            .Where(a => a.EnterpriseId == DemoIds.EnterpriseA && a.UpdatedUtc >= start && a.UpdatedUtc < end)
            .Select(a => a.Id.ToString())
            .ToHashSet();

        var ids = await ReadAllIdsAsync(Operation, "SourceAssignments", () => new JsonObject
        {
            ["UpdatedUtc"] = new JsonObject { ["StartUtc"] = start.ToString("O", CultureInfo.InvariantCulture), ["EndUtc"] = end.ToString("O", CultureInfo.InvariantCulture) },
        }, 50);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids.ToHashSet());
    }

    [Fact]
    public async Task GetAll_UpdatedUtcLongerThanOneMonth_Returns400()
    {
        var response = await Client.PostAsync(Operation, Json("""
            {"UpdatedUtc":{"StartUtc":"2026-10-01T00:00:00Z","EndUtc":"2026-11-02T00:00:00Z"},"Limitation":{"Count":10}}
            """), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid UpdatedUtc", Message(response));
    }

    [Theory]
    [InlineData(100, HttpStatusCode.OK)]
    [InlineData(101, HttpStatusCode.BadRequest)]
    public async Task GetAll_ReservationIds_AtMost100(int count, HttpStatusCode expected)
    {
        var ids = Enumerable.Range(0, count).Select(i => DemoIds.Derive($"test/reservation/{i}"));

        var response = await Client.PostAsync(Operation, new() { ["ReservationIds"] = Ids(ids), ["Limitation"] = Limitation(10) }, Ct);

        Assert.Equal(expected, response.Status);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Equal("Invalid ReservationIds", Message(response));
        }
        else
        {
            Assert.Empty(response.Array("SourceAssignments"));
            Assert.Null(response.Cursor);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetAll_TwoEnterpriseIds_Returns400(bool portfolio)
    {
        var client = portfolio ? ClientFor(DemoTokens.PortfolioClientToken, DemoTokens.PortfolioAccessToken) : Client;

        var response = await client.PostAsync(Operation, new() { ["EnterpriseIds"] = Ids([DemoIds.EnterpriseA, DemoIds.EnterpriseB]), ["Limitation"] = Limitation(10) }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid EnterpriseIds", Message(response));
    }

    [Fact]
    public async Task GetAll_PortfolioTokenWithoutEnterpriseIds_Returns400()
    {
        var portfolio = ClientFor(DemoTokens.PortfolioClientToken, DemoTokens.PortfolioAccessToken);

        var response = await portfolio.PostAsync(Operation, new() { ["Limitation"] = Limitation(10) }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid EnterpriseIds", Message(response));
    }

    [Fact]
    public async Task GetAll_PortfolioTokenWithAnEnterpriseOutsideItsScope_Returns400()
    {
        var portfolio = ClientFor(DemoTokens.PortfolioClientToken, DemoTokens.PortfolioAccessToken);

        var response = await portfolio.PostAsync(Operation, new() { ["EnterpriseIds"] = Ids([DemoIds.Derive("enterprise/unknown")]), ["Limitation"] = Limitation(10) }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid EnterpriseIds", Message(response));
    }

    [Fact]
    public async Task GetAll_PortfolioTokenWithEnterpriseB_ReturnsOnlyB()
    {
        var portfolio = ClientFor(DemoTokens.PortfolioClientToken, DemoTokens.PortfolioAccessToken);
        var expected = Server.Store.SourceAssignments.Where(a => a.EnterpriseId == DemoIds.EnterpriseB).Select(a => a.Id.ToString()).ToList();

        var response = await portfolio.PostAsync(Operation, new() { ["EnterpriseIds"] = Ids([DemoIds.EnterpriseB]), ["Limitation"] = Limitation(1000) }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(expected, response.Array("SourceAssignments").Select(x => x!["Id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GetAll_SingleEnterpriseTokenWithAnotherEnterpriseId_IgnoresIt()
    {
        var response = await Client.PostAsync(Operation, new() { ["EnterpriseIds"] = Ids([DemoIds.EnterpriseB]), ["ReservationIds"] = Ids([DemoIds.Reservation52]), ["Limitation"] = Limitation(10) }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(DemoIds.Reservation52.ToString(), Assert.Single(response.Array("SourceAssignments"))!["ReservationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetAll_MissingLimitation_Returns400()
    {
        var response = await Client.PostAsync(Operation, ct: Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid Limitation", Message(response));
    }

    [Fact]
    public async Task GetAll_UnknownCursor_ReturnsAnEmptyPage()
    {
        var response = await Client.PostAsync(Operation, new() { ["Limitation"] = Limitation(10, Guid.NewGuid().ToString()) }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Empty(response.Array("SourceAssignments"));
        Assert.Null(response.Cursor);
    }
}
