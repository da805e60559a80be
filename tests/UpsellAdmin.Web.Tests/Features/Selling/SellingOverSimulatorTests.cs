using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Tests.Features.Selling;

/// <summary>Selling an upgrade end to end against the simulator: recorded Pending, posted by the poster (room type
/// changed, one line per night adding up to the total), undone (room type back, lines cancelled).</summary>
public sealed class SellingOverSimulatorTests : IAsyncLifetime
{
    private SellingHarness _h = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _h = await SellingHarness.StartAsync(ct: Ct);

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task SellUpgrade_PostsRoomChangeAndOneLinePerNight_ThenUndoReversesBoth()
    {
        var offers = (await _h.UpgradeableAsync(Ct)).First(o => o.Reservation.State == UpsellAdmin.Connector.Models.ReservationState.Confirmed);
        var offer = offers.Offers[0];
        var reservationId = Guid.Parse(offers.Reservation.ReservationId);
        var before = _h.Simulator.Store.Reservations.Single(r => r.Id == reservationId).RequestedResourceCategoryId;

        var sold = await _h.Selling.SellAsync(new SaleRequest(_h.Property.Id, offers.Reservation.ReservationId, offer.OfferId, "guest asked for more space", SaleChannel.Desk), Ct);
        Assert.Equal(SaleResultKind.Accepted, sold.Kind);
        Assert.Equal(UpsellStatus.Pending, sold.Sale!.Status);
        Assert.Equal(offer.Offer.TotalUpsellAmount, sold.Sale.TotalAmount);
        Assert.Empty(_h.LinesOf(sold.Sale.UpsellId)); // nothing in Mews before the worker runs

        Assert.Equal(1, await _h.PostAsync(Ct));
        var posted = await _h.Selling.GetAsync(sold.Sale.UpsellId, Ct);
        Assert.Equal(UpsellStatus.Posted, posted!.Status);
        var reservation = _h.Simulator.Store.Reservations.Single(r => r.Id == reservationId);
        Assert.NotEqual(before, reservation.RequestedResourceCategoryId);
        var lines = _h.LinesOf(sold.Sale.UpsellId);
        Assert.Equal(offer.Nights.Count, lines.Count);
        Assert.Equal(offer.Offer.TotalUpsellAmount, lines.Sum(l => l.UnitAmount.GrossValue * l.UnitCount));
        Assert.Equal(offer.Nights.Count, posted.MewsOrderIds.Distinct().Count());
        Assert.All(lines, l => Assert.Equal(DemoIds.AccommodationAccountingCategoryA, l.AccountingCategoryId));

        // Selling the same reservation another upgrade is refused while this one stands.
        var again = await _h.Selling.SellAsync(new SaleRequest(_h.Property.Id, offers.Reservation.ReservationId, offer.OfferId, null, SaleChannel.Desk), Ct);
        Assert.NotEqual(SaleResultKind.Accepted, again.Kind);

        var undo = await _h.Selling.UndoAsync(sold.Sale.UpsellId, Ct);
        Assert.True(undo.Kind == SaleResultKind.Accepted, undo.Message);
        await _h.PostAsync(Ct);
        Assert.Equal(UpsellStatus.Reversed, (await _h.Selling.GetAsync(sold.Sale.UpsellId, Ct))!.Status);
        Assert.Equal(before, _h.Simulator.Store.Reservations.Single(r => r.Id == reservationId).RequestedResourceCategoryId);
        Assert.All(_h.LinesOf(sold.Sale.UpsellId), l => Assert.NotNull(l.CanceledUtc));
    }

    /// <summary>Two agents (or two API clients with different keys) sell the same upgrade at the same moment: one sale
    /// is recorded, the other is refused, and Mews gets one set of lines.</summary>
    [Fact]
    public async Task SellAsync_TwoAtOnceForOneReservation_RecordsOneSale()
    {
        var offers = (await _h.UpgradeableAsync(Ct)).First(o => o.Reservation.State == UpsellAdmin.Connector.Models.ReservationState.Confirmed);
        var offer = offers.Offers[0];
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            _h.Selling.SellAsync(new SaleRequest(_h.Property.Id, offers.Reservation.ReservationId, offer.OfferId, null, SaleChannel.Api, $"key-{i}"), Ct)));

        var accepted = Assert.Single(results, r => r.Kind == SaleResultKind.Accepted);
        Assert.All(results.Where(r => r != accepted), r => Assert.Equal(SaleResultKind.Conflict, r.Kind));
        await _h.PostAsync(Ct);
        Assert.Equal(offer.Nights.Count, _h.LinesOf(accepted.Sale!.UpsellId).Count);
        Assert.Equal(offer.Nights.Count, _h.Simulator.Store.Orders.SelectMany(o => o.Items).Count(i => i.ExternalIdentifier is { } x && results.Any(r => r.Sale is { } s && x.StartsWith(s.UpsellId.ToString("D"), StringComparison.Ordinal))));
    }
}
