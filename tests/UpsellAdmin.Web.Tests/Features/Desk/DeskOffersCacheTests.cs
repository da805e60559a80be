using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Tests.Features.Desk;

/// <summary>The offers of one reservation (the offers API) reuse the board that listed it a moment ago, whatever its
/// window — not only today's arrivals — so a client listing next week and reading offers spends no extra Mews requests.</summary>
public sealed class DeskOffersCacheTests : IAsyncLifetime
{
    private DeskHarness _harness = default!;
    private Property _property = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _harness = await DeskHarness.StartAsync(ct: Ct);
        _property = await _harness.PropertyOfAsync(_harness.Simulator.Store.FullNight!.EnterpriseId, Ct);
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task GetOffersAsync_OneReservationListedByAnyBoard_ReusesThatRead()
    {
        var desk = _harness.Get<IUpsellDeskService>();
        var today = DeskHarness.TodayIn(_property);
        var week = new DeskWindow(today.AddDays(1), today.AddDays(7));
        var board = await desk.GetBoardAsync(_property.Id, week, refresh: true, Ct);
        var row = board!.Rows.First(r => r.Reservation.NotOfferableReason is null);

        var before = _harness.Simulator.Statistics.TotalRequests;
        var offers = await desk.GetOffersAsync(_property.Id, DeskWindow.OneReservation(row.Reservation.ReservationId, today),
            row.Reservation.ReservationId, explain: false, cancellationToken: Ct);
        Assert.NotNull(offers);
        Assert.Equal(row.Reservation.ReservationId, offers.Reservation.ReservationId);
        Assert.Equal(board.ReadAt, offers.ReadAt);
        Assert.Equal(before, _harness.Simulator.Statistics.TotalRequests);

        // The re-check at the moment of sale never reuses it.
        var fresh = await desk.GetOffersAsync(_property.Id, DeskWindow.OneReservation(row.Reservation.ReservationId, today),
            row.Reservation.ReservationId, explain: false, refresh: true, Ct);
        Assert.True(_harness.Simulator.Statistics.TotalRequests > before);
        Assert.True(fresh!.ReadAt >= offers.ReadAt);
    }
}
