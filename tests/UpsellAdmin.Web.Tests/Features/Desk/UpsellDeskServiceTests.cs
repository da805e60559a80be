using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Tests.Features.Desk;

/// <summary>The Upsell Desk service against the simulator after a real sync and the demo rule seed.</summary>
public sealed class UpsellDeskServiceTests : IAsyncLifetime
{
    private DeskHarness _harness = default!;
    private Property _property = default!;
    private DateOnly _today;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _harness = await DeskHarness.StartAsync(ct: Ct);
        _property = await _harness.PropertyOfAsync(_harness.Simulator.Store.FullNight!.EnterpriseId, Ct);
        _today = DeskHarness.TodayIn(_property);
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private IUpsellDeskService Desk => _harness.Get<IUpsellDeskService>();

    /// <summary>No hierarchy, and one plain rule from the full-night reservation's room type to the type that is full on
    /// one night, so the only thing that can stop that offer is availability.</summary>
    private async Task<(string From, string Full)> RuleToTheFullRoomTypeAsync(int minimumFreeRooms)
    {
        var scenario = _harness.Simulator.Store.FullNight!;
        await using var db = await _harness.Db.CreateDbContextAsync(Ct);
        var from = await db.RoomTypes.Where(t => t.PropertyId == _property.Id && t.MewsId == scenario.FromCategoryId).Select(t => t.Code).SingleAsync(Ct);
        var full = await db.RoomTypes.Where(t => t.PropertyId == _property.Id && t.MewsId == scenario.FullCategoryId).Select(t => t.Code).SingleAsync(Ct);
        await db.RoomHierarchy.Where(h => h.PropertyId == _property.Id).ExecuteDeleteAsync(Ct);
        var rule = new UpsellRule { PropertyId = _property.Id, CreatedUtc = DateTimeOffset.UtcNow, UpdatedUtc = DateTimeOffset.UtcNow };
        rule.Apply(new UpsellRuleDefinition
        {
            Code = "DESKFULL",
            Description = "desk test",
            UpsellByRoomType = true,
            From = from,
            To = full,
            Formula = UpsellFormula.FlatAmountAddedToOriginalRate,
            UpsellAmount = 20m,
            CurrencyCode = _property.CurrencyCode,
            RoundingRule = RoundingRule.None,
        });
        db.UpsellRules.Add(rule);
        var config = await db.UpsellConfigurations.SingleAsync(c => c.PropertyId == _property.Id, Ct);
        config.MinimumFreeRooms = minimumFreeRooms;
        config.MaximumNumberOfOffers = null;
        config.Version = Guid.NewGuid();
        await db.SaveChangesAsync(Ct);
        return (from, full);
    }

    [Fact]
    public async Task Offers_TargetFullOnOneNight_NotOffered_AndWhyNotSaysWhichNight()
    {
        var (_, full) = await RuleToTheFullRoomTypeAsync(minimumFreeRooms: 1);
        var scenario = _harness.Simulator.Store.FullNight!;

        var offers = await Desk.GetOffersAsync(_property.Id, DeskWindow.Arrivals(_today), scenario.ReservationId.ToString(), explain: true, cancellationToken: Ct);

        Assert.NotNull(offers);
        Assert.DoesNotContain(offers.Offers, o => o.Offer.ToRoomType == full);
        var why = Assert.Single(offers.NotOffered, n => n.RuleCode == "DESKFULL" && n.TargetRoomType == full);
        Assert.Contains($"No free {full} room on {scenario.FullNight:yyyy-MM-dd} (0 free, at least 1 needed)", why.Reasons);
        Assert.All(offers.Offers.SelectMany(o => o.Nights), n => Assert.True(n.FreeRooms >= 1, $"{n.Date}: {n.FreeRooms} free"));
    }

    [Fact]
    public async Task Offers_MinimumZero_TheSameTargetIsOffered_WithPerNightAmountsAndFreeRooms()
    {
        var (_, full) = await RuleToTheFullRoomTypeAsync(minimumFreeRooms: 0);
        var scenario = _harness.Simulator.Store.FullNight!;

        var offers = await Desk.GetOffersAsync(_property.Id, DeskWindow.Arrivals(_today), scenario.ReservationId.ToString(), explain: false, cancellationToken: Ct);

        var offer = Assert.Single(offers!.Offers, o => o.Offer.ToRoomType == full);
        Assert.Equal("DESKFULL", offer.Offer.RuleCode);
        Assert.Equal(3, offer.Nights.Count);
        Assert.All(offer.Nights, n => Assert.Equal(20m, n.UpsellAmount));
        Assert.Equal(60m, offer.Offer.TotalUpsellAmount);
        Assert.Equal(0, Assert.Single(offer.Nights, n => n.Date == scenario.FullNight).FreeRooms);
        Assert.Empty(offers.NightsPricedFromSyncedRates);
    }

    [Fact]
    public async Task Board_TodaysArrivals_FewMewsRequests_RowsCountOffersAndSayWhyNot()
    {
        var board = await Desk.GetBoardAsync(_property.Id, DeskWindow.Arrivals(_today), refresh: true, Ct);

        Assert.NotNull(board);
        Assert.InRange(board.Rows.Count, 10, 40);
        // 9 for the reservations and their details, plus configuration and services on the first load of an enterprise.
        Assert.InRange(board.MewsRequests, 9, 11);
        Assert.Contains(board.Rows, r => r.OfferCount > 0 && r.BestUpsellAmount > 0);
        // The demo rules filter by channel, so the booking channels were read (Airbnb, Amadeus, ... as Channel codes).
        Assert.Contains(board.Rows, r => r.Reservation.Channel == "AIRBNB");
        var canceled = Assert.Single(board.Rows, r => r.Reservation.State == UpsellAdmin.Connector.Models.ReservationState.Canceled);
        Assert.Equal(0, canceled.OfferCount);
        Assert.Equal("The reservation is canceled.", canceled.Note);
    }

    [Fact]
    public async Task Board_SecondLoadWithinAMinute_ReusesTheRead_RefreshReadsAgain()
    {
        var first = await Desk.GetBoardAsync(_property.Id, DeskWindow.Arrivals(_today), refresh: true, Ct);
        var requests = _harness.Simulator.Statistics.RequestsFor("reservations/getAll/2023-06-06");

        var again = await Desk.GetBoardAsync(_property.Id, DeskWindow.Arrivals(_today), refresh: false, Ct);
        Assert.Equal(requests, _harness.Simulator.Statistics.RequestsFor("reservations/getAll/2023-06-06"));
        Assert.Equal(first!.ReadAt, again!.ReadAt);

        var sources = _harness.Simulator.Statistics.RequestsFor("sourceAssignments/getAll/2024-09-20");
        Assert.True(sources > 0, "the demo rules filter by channel, so the first read asks for the booking channels");
        await Desk.GetBoardAsync(_property.Id, DeskWindow.Arrivals(_today), refresh: true, Ct);
        // A reservation's channel is known for an hour: the refresh does not ask again.
        Assert.Equal(sources, _harness.Simulator.Statistics.RequestsFor("sourceAssignments/getAll/2024-09-20"));
        // The arrivals, and the in-house guests' rooms for the room status of today's arrivals.
        Assert.Equal(requests + 2, _harness.Simulator.Statistics.RequestsFor("reservations/getAll/2023-06-06"));
    }

    [Fact]
    public async Task Offers_EveryReservation_EqualTheQuotePagesOffersForTheSameTypedStay()
    {
        // Availability off, so both ask exactly the same question: the reservation's stay, typed.
        await using (var db = await _harness.Db.CreateDbContextAsync(Ct))
        {
            var config = await db.UpsellConfigurations.SingleAsync(c => c.PropertyId == _property.Id, Ct);
            config.MinimumFreeRooms = 0;
            config.Version = Guid.NewGuid();
            await db.SaveChangesAsync(Ct);
        }
        var board = await Desk.GetBoardAsync(_property.Id, DeskWindow.Arrivals(_today), refresh: true, Ct);
        var quotes = _harness.Get<IQuoteService>();
        var compared = 0;
        foreach (var row in board!.Rows.Where(r => r.Reservation.NotOfferableReason is null))
        {
            var r = row.Reservation;
            var desk = await Desk.GetOffersAsync(_property.Id, DeskWindow.Arrivals(_today), r.ReservationId, explain: false, cancellationToken: Ct);
            var typed = await quotes.QuoteAsync(new StayQuoteInput
            {
                PropertyId = _property.Id,
                Arrival = r.Arrival.ToDateTime(TimeOnly.MinValue),
                Nights = r.NightCount,
                BookedOn = r.BookedOn.ToDateTime(TimeOnly.MinValue),
                RoomType = r.RoomType,
                RateCode = r.RateCode,
                MembershipType = r.MembershipType,
                MembershipLevel = r.MembershipLevel,
                Market = r.Market,
                Source = r.Channel,
            }, explain: false, Ct);

            Assert.Equal(Describe(typed.Offers), Describe(desk!.Offers.Select(o => o.Offer)));
            Assert.Equal(row.OfferCount, desk.Offers.Count);
            compared++;
        }
        Assert.InRange(compared, 8, 40);
        Assert.Contains(board.Rows, r => r.OfferCount > 0);
    }

    private static List<string> Describe(IEnumerable<OfferView> offers) =>
        offers.Select(o => $"{o.ToRoomType} {o.RuleCode} " + string.Join(",", o.Nights.Select(n =>
            FormattableString.Invariant($"{n.Date:yyyy-MM-dd}:{n.OriginalRate:0.00}->{n.UpsellRate:0.00}")))).ToList();
}

/// <summary>The room status check for guests arriving today, against the simulator's rooms.</summary>
public sealed class UpsellDeskRoomStatusTests : IAsyncLifetime
{
    private DeskHarness _harness = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await DeskHarness.StartAsync(ct: Ct);

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task Offers_SameDayArrival_OnlyRoomTypesWithAVacantRoomInTheConfiguredStatus()
    {
        var scenario = _harness.Simulator.Store.FullNight!;
        var property = await _harness.PropertyOfAsync(scenario.EnterpriseId, Ct);
        var today = DeskHarness.TodayIn(property);
        await using (var db = await _harness.Db.CreateDbContextAsync(Ct))
        {
            var config = await db.UpsellConfigurations.SingleAsync(c => c.PropertyId == property.Id, Ct);
            (config.UpsellRoomStatus, config.MinimumFreeRooms, config.MaximumNumberOfOffers) = (RoomStatus.Inspected, 0, null);
            config.Version = Guid.NewGuid();
            await db.RoomHierarchy.Where(h => h.PropertyId == property.Id).ExecuteDeleteAsync(Ct);
            await db.SaveChangesAsync(Ct);
        }
        var read = await _harness.Get<MewsReservationReader>().ReadAsync(property, DeskWindow.Arrivals(today), Ct);
        var rooms = Assert.IsType<RoomReadiness>(read.Rooms);
        var notReady = rooms.Rooms.Select(r => r.RoomType).Distinct().Where(t => rooms.Ready(t, RoomStatus.Inspected) == 0).ToList();
        Assert.NotEmpty(notReady); // the seed has a room type with no vacant inspected room (Executive Suite)

        var offers = await _harness.Get<IUpsellDeskService>().GetOffersAsync(property.Id, DeskWindow.Arrivals(today), scenario.ReservationId.ToString(), explain: true, cancellationToken: Ct);

        Assert.NotNull(offers);
        Assert.All(offers.Offers, o => Assert.True(rooms.Ready(o.Offer.ToRoomType, RoomStatus.Inspected) > 0, $"{o.Offer.ToRoomType} offered without an inspected vacant room"));
        var said = offers.NotOffered.SelectMany(n => n.Reasons).Where(r => r.Contains("is Inspected for a guest arriving today", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(said);
        Assert.All(offers.NotOffered.Where(n => n.Reasons.Any(r => r.Contains("is Inspected for a guest arriving today", StringComparison.Ordinal))),
            n => Assert.Contains(n.TargetRoomType, notReady));
        Assert.True(rooms.Rooms.Count > 50, $"only {rooms.Rooms.Count} rooms read");
        Assert.Contains(rooms.Rooms, r => r.Occupied);
    }

    [Theory]
    [InlineData(ResourceState.Dirty, RoomStatus.Dirty, false, 1)]
    [InlineData(ResourceState.Dirty, RoomStatus.Clean, false, 0)]
    [InlineData(ResourceState.Inspected, RoomStatus.Clean, false, 1)]
    [InlineData(ResourceState.Inspected, RoomStatus.Inspected, true, 0)]
    [InlineData(ResourceState.OutOfOrder, RoomStatus.Dirty, false, 0)]
    public void Ready_CountsVacantRoomsAtLeastThatClean(ResourceState state, RoomStatus required, bool occupied, int expected) =>
        Assert.Equal(expected, new RoomReadiness([new RoomState("SUP", "201", state, occupied)]).Ready("SUP", required));
}

/// <summary>What the review found: a property without Mews, in-house guests' past nights.</summary>
public sealed class UpsellDeskEdgeTests : IAsyncLifetime
{
    private DeskHarness _harness = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await DeskHarness.StartAsync(ct: Ct);

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task Board_PropertyNotLinkedToMews_SaysSoInsteadOfFailing()
    {
        int id;
        await using (var db = await _harness.Db.CreateDbContextAsync(Ct))
        {
            var local = new Property { Code = "LOCAL", Name = "Local only", CurrencyCode = "EUR", TimeZone = "Europe/Paris" };
            db.Properties.Add(local);
            await db.SaveChangesAsync(Ct);
            id = local.Id;
        }

        var error = await Assert.ThrowsAsync<DeskUnavailableException>(() =>
            _harness.Get<IUpsellDeskService>().GetBoardAsync(id, DeskWindow.Arrivals(new DateOnly(2027, 1, 1)), refresh: true, Ct));

        Assert.Contains("LOCAL is not linked to a Mews enterprise", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offers_InHouseGuest_OnlyForTheNightsStillToCome()
    {
        var property = await _harness.PropertyOfAsync(_harness.Simulator.Store.FullNight!.EnterpriseId, Ct);
        var today = DeskHarness.TodayIn(property);
        await using (var db = await _harness.Db.CreateDbContextAsync(Ct))
        {
            var config = await db.UpsellConfigurations.SingleAsync(c => c.PropertyId == property.Id, Ct);
            (config.MinimumFreeRooms, config.MaximumNumberOfOffers) = (0, null);
            config.Version = Guid.NewGuid();
            await db.SaveChangesAsync(Ct);
        }
        var desk = _harness.Get<IUpsellDeskService>();
        var board = await desk.GetBoardAsync(property.Id, DeskWindow.InHouseOn(today), refresh: true, Ct);
        var earlier = board!.Rows.Where(r => r.Reservation.Arrival < today && r.OfferCount > 0).ToList();
        Assert.NotEmpty(earlier);

        foreach (var row in earlier)
        {
            var offers = await desk.GetOffersAsync(property.Id, DeskWindow.InHouseOn(today), row.Reservation.ReservationId, explain: false, cancellationToken: Ct);
            Assert.All(offers!.Offers.SelectMany(o => o.Nights), n => Assert.True(n.Date >= today, $"{row.Reservation.Number}: night {n.Date} is behind"));
            Assert.All(offers.Offers, o => Assert.Equal(row.Reservation.Departure.DayNumber - today.DayNumber, o.Nights.Count));
        }
    }
}
