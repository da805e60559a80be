using System.Net;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Connector.Tests.TestSupport;
using UpsellAdmin.ConnectorSimulator;

namespace UpsellAdmin.Connector.Tests.Simulator;

/// <summary>
/// <see cref="IMewsGateway.GetSourceAssignmentsAsync"/> against the simulator: paging with the operation's
/// newer-items cursor, batches of 100 reservations, portfolio tokens, errors, and today's arrivals joined to sources.
/// </summary>
public sealed class SourceAssignmentsOverSimulatorTests
{
    private const string Operation = "sourceAssignments/getAll/2024-09-20";
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly TimeZoneInfo Budapest = TimeZoneInfo.FindSystemTimeZoneById("Europe/Budapest");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<SimulatorSession> StartAsync(Action<ConnectorOptions>? gateway = null) =>
        SimulatorSession.StartAsync(o => { o.Today = Today; o.RateLimit = 0; }, o => { o.PageSize = 7; gateway?.Invoke(o); });

    private static DateTimeOffset NightUtc(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Budapest.GetUtcOffset(local)).ToUniversalTime();
    }

    [Fact]
    public async Task GetSourceAssignmentsAsync_PagedBySeven_ReturnsEveryAssignmentOfTheEnterpriseOldestFirst()
    {
        await using var s = await StartAsync();

        var assignments = await s.Gateway.GetSourceAssignmentsAsync(new SourceAssignmentFilter(), Ct).ToListAsync(Ct);

        var expected = s.Simulator.Store.SourceAssignments.Where(a => a.EnterpriseId == DemoIds.EnterpriseA).OrderBy(a => a.Sequence).ToList();
        Assert.Equal(expected.Select(a => a.Id.ToString()), assignments.Select(a => a.Id));
        Assert.Equal(expected.Select(a => (a.ReservationId.ToString(), a.SourceId.ToString(), a.IsPrimary, (DateTimeOffset?)a.UpdatedUtc)),
            assignments.Select(a => (a.ReservationId!, a.SourceId!, a.IsPrimary, a.UpdatedUtc)));
        Assert.Equal((expected.Count / 7) + 1, s.Simulator.Statistics.RequestsFor(Operation));
    }

    [Fact]
    public async Task GetSourceAssignmentsAsync_MoreThan100ReservationIds_SentInBatchesOf100()
    {
        await using var s = await StartAsync(o => o.PageSize = 1000);
        var reservations = s.Simulator.Store.Reservations.Where(r => r.EnterpriseId == DemoIds.EnterpriseA).Take(150).Select(r => r.Id.ToString()).ToList();

        var assignments = await s.Gateway.GetSourceAssignmentsAsync(new SourceAssignmentFilter { ReservationIds = reservations }, Ct).ToListAsync(Ct);

        Assert.Equal(reservations.Order(StringComparer.Ordinal), assignments.Select(a => a.ReservationId!).Order(StringComparer.Ordinal));
        Assert.Equal(2, s.Simulator.Statistics.RequestsFor(Operation));
    }

    [Fact]
    public async Task GetSourceAssignmentsAsync_PortfolioToken_EnterpriseIdsFilledFromOptions()
    {
        await using var s = await StartAsync(o =>
        {
            o.ClientToken = DemoTokens.PortfolioClientToken;
            o.AccessToken = DemoTokens.PortfolioAccessToken;
            o.EnterpriseId = DemoIds.EnterpriseB.ToString();
            o.ChainId = DemoIds.Chain.ToString();
        });

        var assignments = await s.Gateway.GetSourceAssignmentsAsync(new SourceAssignmentFilter(), Ct).ToListAsync(Ct);

        var expected = s.Simulator.Store.SourceAssignments.Where(a => a.EnterpriseId == DemoIds.EnterpriseB).Select(a => a.Id.ToString()).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, assignments.Select(a => a.Id));
    }

    [Fact]
    public async Task GetSourceAssignmentsAsync_UpdatedUtcLongerThanOneMonth_ThrowsMewsApiException400()
    {
        await using var s = await StartAsync();
        var end = NightUtc(Today);

        var failure = await Assert.ThrowsAsync<MewsApiException>(async () =>
            await s.Gateway.GetSourceAssignmentsAsync(new SourceAssignmentFilter { UpdatedUtc = new TimeInterval(end.AddDays(-40), end) }, Ct).ToListAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, failure.StatusCode);
        Assert.Equal("Invalid UpdatedUtc", failure.MewsMessage);
        Assert.Equal(Operation, failure.Operation);
    }

    [Fact]
    public async Task TodaysArrivals_JoinedToSources_ComeThroughAirbnbAmadeusAndTheBigChannels()
    {
        await using var s = await StartAsync();
        var arrivals = await s.Gateway.GetReservationsAsync(new ReservationFilter
        {
            ScheduledStartUtc = new TimeInterval(NightUtc(Today), NightUtc(Today.AddDays(1))),
            States = [ReservationState.Confirmed, ReservationState.Started, ReservationState.Optional],
        }, Ct).ToListAsync(Ct);
        var sources = (await s.Gateway.GetSourcesAsync(ct: Ct).ToListAsync(Ct)).ToDictionary(x => x.Id, x => x.Name!);

        var assignments = await s.Gateway.GetSourceAssignmentsAsync(new SourceAssignmentFilter { ReservationIds = arrivals.Select(r => r.Id).ToList() }, Ct).ToListAsync(Ct);

        Assert.Equal(arrivals.Select(r => r.Id).Order(StringComparer.Ordinal), assignments.Select(a => a.ReservationId!).Order(StringComparer.Ordinal));
        Assert.All(assignments, a => Assert.True(a.IsPrimary));
        var byNumber = arrivals.ToDictionary(r => r.Number!, r => sources[assignments.Single(a => a.ReservationId == r.Id).SourceId!]);
        Assert.Equal("Airbnb", byNumber["500"]);
        Assert.Equal("Amadeus", byNumber["501"]);
        Assert.Equal("Booking.com", byNumber["502"]);
        Assert.Equal(["500", "501", "504", "506", "510", "511"], byNumber.Where(kv => kv.Value is "Airbnb" or "Amadeus" && int.Parse(kv.Key, System.Globalization.CultureInfo.InvariantCulture) is >= 500 and <= 515)
            .Select(kv => kv.Key).Order(StringComparer.Ordinal));
    }
}
