using UpsellAdmin.Web.Features.Desk;

namespace UpsellAdmin.Web.Features.Selling;

/// <summary>The desk's <see cref="IDeskSelling"/> over <see cref="ISellingService"/>: channel Desk, results in the desk's words.</summary>
public sealed class DeskSelling(ISellingService selling) : IDeskSelling
{
    public Task RecordPresentedAsync(int propertyId, DeskOffers offers, CancellationToken cancellationToken = default) =>
        selling.RecordPresentedAsync(propertyId, offers, SaleChannel.Desk, cancellationToken);

    public async Task<DeskSaleResult> SellAsync(int propertyId, string reservationId, string offerId, string? note, CancellationToken cancellationToken = default) =>
        ToDesk(await selling.SellAsync(new SaleRequest(propertyId, reservationId, offerId, note, SaleChannel.Desk), cancellationToken));

    public async Task<DeskSaleResult> DeclineAsync(int propertyId, DeskOffers offers, string offerId, string? note, CancellationToken cancellationToken = default) =>
        ToDesk(await selling.DeclineAsync(propertyId, offers, offerId, note, SaleChannel.Desk, cancellationToken));

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DeskSale>>> SalesOfAsync(int propertyId, IReadOnlyCollection<string> reservationIds,
        CancellationToken cancellationToken = default)
    {
        var sales = await selling.ForReservationsAsync(propertyId, reservationIds, cancellationToken);
        return sales.ToDictionary(p => p.Key, p => (IReadOnlyList<DeskSale>)p.Value.Select(ToDesk).ToList(), StringComparer.Ordinal);
    }

    public async Task<DeskSaleResult> UndoAsync(Guid upsellId, CancellationToken cancellationToken = default) =>
        ToDesk(await selling.UndoAsync(upsellId, cancellationToken));

    public static DeskSaleResult ToDesk(SaleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.Kind switch
        {
            SaleResultKind.Accepted or SaleResultKind.Replayed => DeskSaleOutcome.Done,
            SaleResultKind.OfferChanged => DeskSaleOutcome.OfferChanged,
            _ => DeskSaleOutcome.Refused,
        };
        return new DeskSaleResult(outcome, result.Message, result.Sale is { } sale ? ToDesk(sale) : null, result.CurrentOffers);
    }

    public static DeskSale ToDesk(UpsellSaleView s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new DeskSale(s.UpsellId, s.ReservationId, s.Kind == UpsellKind.RoomUpgrade, s.What, s.ToRoomType, s.ProductId, s.TotalAmount, s.CurrencyCode,
            s.Status switch
            {
                UpsellStatus.Posted => DeskSaleStatus.Posted,
                UpsellStatus.Rejected => DeskSaleStatus.Rejected,
                UpsellStatus.Reversed => DeskSaleStatus.Reversed,
                _ => DeskSaleStatus.Pending,
            },
            s.UndoPending, s.LastError);
    }
}
