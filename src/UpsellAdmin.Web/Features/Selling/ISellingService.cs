using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Desk;

namespace UpsellAdmin.Web.Features.Selling;

/// <summary>What an agent or a system asks to sell: the offer (by its OfferId from the desk or the offers API) of one
/// reservation; the API adds its Idempotency-Key.</summary>
public sealed record SaleRequest(int PropertyId, string ReservationId, string OfferId, string? Note, SaleChannel Channel, string? IdempotencyKey = null);

public enum SaleResultKind
{
    /// <summary>Recorded (Pending) and queued for Mews; or, for undo and retry, queued.</summary>
    Accepted,
    /// <summary>The same Idempotency-Key and request again: the upsell recorded the first time.</summary>
    Replayed,
    NotFound,
    Forbidden,
    /// <summary>Bad input or a set-up that cannot post (e.g. no upgrade accounting category): the message says what.</summary>
    Invalid,
    /// <summary>The offer is no longer what the guest was shown (price, availability, the reservation changed):
    /// <see cref="SaleResult.CurrentOffers"/> holds what can be sold now.</summary>
    OfferChanged,
    /// <summary>The upsell is not in a state that allows it (undo after check-in, retry of a posted one).</summary>
    Conflict,
    /// <summary>The Idempotency-Key was used before with another request.</summary>
    KeyReused,
    /// <summary>Mews could not be read to re-check the offer; nothing was recorded.</summary>
    MewsUnavailable,
}

public sealed record SaleResult(SaleResultKind Kind, string Message, UpsellSaleView? Sale = null, DeskOffers? CurrentOffers = null)
{
    public bool Succeeded => Kind is SaleResultKind.Accepted or SaleResultKind.Replayed;
}

public sealed record UpsellSaleNightView(DateOnly Date, decimal? OriginalRate, decimal UpsellRate, decimal UpsellAmount, string? MewsOrderId);

/// <summary>One upsell as the activity log, the desk and the API show it.</summary>
public sealed record UpsellSaleView(
    Guid UpsellId,
    int PropertyId,
    string PropertyCode,
    string ReservationId,
    string ReservationNumber,
    string GuestName,
    UpsellKind Kind,
    string? FromRoomType,
    string? ToRoomType,
    string? ProductId,
    string? ProductName,
    string? RuleCode,
    IReadOnlyList<UpsellSaleNightView> Nights,
    decimal TotalAmount,
    string CurrencyCode,
    UpsellStatus Status,
    SaleChannel Channel,
    string AgentName,
    DateTimeOffset SoldUtc,
    string? Note,
    int Attempts,
    string? LastError,
    string? LastRequestId,
    string? Attention,
    IReadOnlyList<string> MewsOrderIds,
    IReadOnlyList<string> MewsItemIds,
    DateTimeOffset? PostedUtc,
    DateTimeOffset? ReversedUtc,
    DateTimeOffset? UndoRequestedUtc,
    string? AccountingCategoryCode)
{
    /// <summary>"Standard → Superior" or the add-on's name.</summary>
    public string What => Kind == UpsellKind.RoomUpgrade ? $"{FromRoomType} → {ToRoomType}" : ProductName ?? ProductId ?? "";

    /// <summary>Undo is queued and not yet done.</summary>
    public bool UndoPending => UndoRequestedUtc is not null && Status == UpsellStatus.Posted;
}

/// <summary>The Upsell Activity log's filter: property (null = every visible one), sale dates (property-local days,
/// inclusive), agent (contains), status.</summary>
public sealed record UpsellActivityFilter(int? PropertyId = null, DateOnly? From = null, DateOnly? To = null, string? Agent = null,
    UpsellStatus? Status = null, string? ReservationId = null);

/// <summary>
/// Selling: turns an offer the guest accepted into an upsell recorded in the database and posted to Mews exactly once
/// by the <see cref="UpsellPostingWorker"/>; records declines and presentations (conversion), undoes and retries.
/// </summary>
public interface ISellingService
{
    /// <summary>Re-checks the offer against Mews now (reservation state and room type, availability, price); records the
    /// sale and its posting work in one transaction, or refuses with the current offers.</summary>
    Task<SaleResult> SellAsync(SaleRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records that the guest declined an offer (from the offers just shown; nothing is sent to Mews).</summary>
    Task<SaleResult> DeclineAsync(int propertyId, DeskOffers offers, string offerId, string? note, SaleChannel channel, CancellationToken cancellationToken = default);

    /// <summary>Records that a reservation's offers were presented, once per reservation, property-local day and channel.</summary>
    Task RecordPresentedAsync(int propertyId, DeskOffers offers, SaleChannel channel, CancellationToken cancellationToken = default);

    /// <summary>Undo (OPERA's Remove Upgrade): until the guest checks in, restores the room type and cancels the lines.</summary>
    Task<SaleResult> UndoAsync(Guid upsellId, CancellationToken cancellationToken = default);

    /// <summary>Posts a Rejected upsell again (after the configuration was fixed), as a new attempt of the same upsell.</summary>
    Task<SaleResult> RetryAsync(Guid upsellId, CancellationToken cancellationToken = default);

    /// <summary>One upsell, when the user may see its property.</summary>
    Task<UpsellSaleView?> GetAsync(Guid upsellId, CancellationToken cancellationToken = default);

    /// <summary>The activity log: newest first, one page.</summary>
    Task<PagedResult<UpsellSaleView>> ListAsync(UpsellActivityFilter filter, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>The same log as <see cref="ListAsync"/>, newest first, read as it is enumerated (exports: constant memory,
    /// one query, no count); the sales come without their nights and Mews order ids (those live on the nights).</summary>
    IAsyncEnumerable<UpsellSaleView> StreamAsync(UpsellActivityFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The upsells of these reservations (the desk's "sold" column), by reservation id.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<UpsellSaleView>>> ForReservationsAsync(int propertyId, IReadOnlyCollection<string> reservationIds,
        CancellationToken cancellationToken = default);
}
