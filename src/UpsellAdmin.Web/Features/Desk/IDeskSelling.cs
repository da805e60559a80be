namespace UpsellAdmin.Web.Features.Desk;

/// <summary>How far a sale got in Mews, as the desk shows it (the Selling feature's statuses, one to one).</summary>
public enum DeskSaleStatus
{
    Pending,
    Posted,
    Rejected,
    Reversed,
}

/// <summary>
/// Something already sold to a reservation, as the desk shows it: an upgrade (<see cref="ToRoomType"/>) or an add-on
/// (<see cref="ProductId"/>, <see cref="What"/> is its name), its total and status. <see cref="UndoPending"/>: undo is
/// queued, the sale is still Posted in Mews.
/// </summary>
public sealed record DeskSale(
    Guid UpsellId,
    string ReservationId,
    bool IsUpgrade,
    string What,
    string? ToRoomType,
    string? ProductId,
    decimal TotalAmount,
    string CurrencyCode,
    DeskSaleStatus Status,
    bool UndoPending,
    string? LastError)
{
    /// <summary>Pending or Posted: the sale stands (another upgrade cannot be sold beside it).</summary>
    public bool IsOpen => Status is DeskSaleStatus.Pending or DeskSaleStatus.Posted;

    /// <summary>"Pending", "Posted", "Posted, undo pending", …</summary>
    public string StatusText => UndoPending ? "Posted, undo pending" : Status.ToString();

    /// <summary>The grid's short form: "SUP ✓ Posted", "Breakfast · Pending".</summary>
    public string ShortText => $"{(IsUpgrade ? ToRoomType : What)} {(Status == DeskSaleStatus.Posted && !UndoPending ? "✓" : "·")} {StatusText}";
}

public enum DeskSaleOutcome
{
    /// <summary>Done: sold (Pending, posting to Mews), the decline recorded, or the undo queued.</summary>
    Done,
    /// <summary>The offer is no longer what the guest was shown; <see cref="DeskSaleResult.CurrentOffers"/> is what can be sold now.</summary>
    OfferChanged,
    /// <summary>Refused (not allowed, not possible now, Mews unreachable): the message says why.</summary>
    Refused,
}

public sealed record DeskSaleResult(DeskSaleOutcome Outcome, string Message, DeskSale? Sale = null, DeskOffers? CurrentOffers = null)
{
    public bool Succeeded => Outcome == DeskSaleOutcome.Done;
}

/// <summary>
/// Selling, as the Upsell Desk needs it. The desk (layer 7) only knows this interface; the Selling feature above it
/// implements it, so the desk never depends on Selling (as the rule form opens Test through IRuleTestLauncher).
/// </summary>
public interface IDeskSelling
{
    /// <summary>Records that the reservation's offers were shown on the desk (once per reservation and day; the service decides).</summary>
    Task RecordPresentedAsync(int propertyId, DeskOffers offers, CancellationToken cancellationToken = default);

    /// <summary>Sells the offer (upgrade or add-on) after re-checking it against Mews; posting to Mews happens in the background.</summary>
    Task<DeskSaleResult> SellAsync(int propertyId, string reservationId, string offerId, string? note, CancellationToken cancellationToken = default);

    /// <summary>Records that the guest declined the offer (nothing is sent to Mews).</summary>
    Task<DeskSaleResult> DeclineAsync(int propertyId, DeskOffers offers, string offerId, string? note, CancellationToken cancellationToken = default);

    /// <summary>What was sold to these reservations (one query for the whole board), oldest first per reservation.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<DeskSale>>> SalesOfAsync(int propertyId, IReadOnlyCollection<string> reservationIds,
        CancellationToken cancellationToken = default);

    /// <summary>Undoes a posted sale (until the guest checks in).</summary>
    Task<DeskSaleResult> UndoAsync(Guid upsellId, CancellationToken cancellationToken = default);
}
