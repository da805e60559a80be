using UpsellAdmin.Connector.Models;

namespace UpsellAdmin.Web.Features.Desk;

/// <summary>Which reservations the Upsell Desk lists: arrivals on [From, To] (property-local dates, at most
/// <see cref="MaxDays"/> days), the guests in house now, or one reservation by its Mews id (the offers API).</summary>
public sealed record DeskWindow(DateOnly From, DateOnly To, bool InHouse = false, string? ReservationId = null)
{
    public const int MaxDays = 14;

    public static DeskWindow Arrivals(DateOnly day) => new(day, day);

    public static DeskWindow InHouseOn(DateOnly day) => new(day, day, InHouse: true);

    public static DeskWindow OneReservation(string reservationId, DateOnly today) => new(today, today, ReservationId: reservationId);

    /// <summary>Null when usable, else what is wrong, in words for the screen and the API's 400.</summary>
    public string? Problem => To < From
        ? $"The range ends ({To:yyyy-MM-dd}) before it starts ({From:yyyy-MM-dd})."
        : To.DayNumber - From.DayNumber + 1 > MaxDays
            ? $"A range may cover at most {MaxDays} days; {From:yyyy-MM-dd} to {To:yyyy-MM-dd} covers {To.DayNumber - From.DayNumber + 1}."
            : null;
}

/// <summary>One night of a reservation: what the guest pays for it in Mews (null when Mews has no nightly item), and
/// the tax codes Mews applied to it (an upgrade of the night is taxed the same way).</summary>
public sealed record DeskNight(DateOnly Date, decimal? OriginalRate, IReadOnlyList<string>? TaxCodes = null);

/// <summary>
/// A reservation as the desk shows and prices it, every Mews id already turned into the property's codes (null where
/// the property has no synced item with that id). <see cref="Persons"/> is the sum of Mews' PersonCounts over every age
/// category (the reader does not read age categories, so children count as persons too); null when Mews sent none.
/// </summary>
public sealed record DeskReservation(
    string ReservationId,
    string Number,
    ReservationState State,
    string GuestName,
    string? CustomerId,
    string? MembershipType,
    string? MembershipLevel,
    DateOnly Arrival,
    DateOnly Departure,
    DateOnly BookedOn,
    string? RoomType,
    string? AssignedRoomId,
    string? AssignedRoom,
    string? RateCode,
    string? Market,
    IReadOnlyList<DeskNight> Nights,
    IReadOnlySet<Guid>? ProductIds = null,
    int? Persons = null)
{
    /// <summary>The Mews ids of the products already posted to the reservation (ProductOrder items not canceled).</summary>
    public IReadOnlySet<Guid> Products => ProductIds ?? EmptyProducts;

    private static readonly HashSet<Guid> EmptyProducts = [];

    public int NightCount => Departure.DayNumber - Arrival.DayNumber;

    /// <summary>The booking channel: the property's Channel code of the reservation's primary Mews Source (null: none or unknown).</summary>
    public string? Channel { get; init; }

    /// <summary>The reservation's Mews service (the accommodation service), its requested room type's Mews id, and
    /// whether the enterprise quotes gross or net prices: what a sale posts with.</summary>
    public string? ServiceId { get; init; }

    public string? RequestedCategoryId { get; init; }

    public PricingMode? Pricing { get; init; }

    /// <summary>Canceled as a no-show (Mews' CancellationReason).</summary>
    public bool NoShow { get; init; }

    /// <summary>Whether Mews priced every night (else the desk falls back on the synced price and says so).</summary>
    public bool HasMewsRates => Nights.Count == NightCount && Nights.All(n => n.OriginalRate is not null);

    /// <summary>Why a reservation in this state is never offered anything, or null when it may be.</summary>
    public string? NotOfferableReason => State switch
    {
        ReservationState.Confirmed or ReservationState.Started or ReservationState.Optional => null,
        ReservationState.Canceled => NoShow ? "The guest did not arrive (no-show)." : "The reservation is canceled.",
        ReservationState.Processed => "The guest has checked out.",
        _ => $"A {State} reservation is not offered upsells.",
    };
}

/// <summary>What one desk read brought back, with how many Mews requests it cost; <see cref="Rooms"/> when some
/// reservation arrives <see cref="Today"/> (property-local), for the room status check.</summary>
public sealed record DeskRead(IReadOnlyList<DeskReservation> Reservations, int MewsRequests, DateTimeOffset ReadAt, DateOnly Today, RoomReadiness? Rooms = null);

/// <summary>A room of the property: its room type code, name, Mews state, and whether a checked-in guest holds it.</summary>
public sealed record RoomState(string RoomType, string Name, ResourceState State, bool Occupied);

/// <summary>The property's rooms as Mews reported them (resources, their room types, the in-house guests' rooms).</summary>
public sealed record RoomReadiness(IReadOnlyList<RoomState> Rooms)
{
    /// <summary>Vacant rooms of the type whose state is at least <paramref name="required"/> (Dirty &lt; Clean &lt;
    /// Inspected; out of service or out of order never count).</summary>
    public int Ready(string roomType, UpsellAdmin.Domain.Rules.RoomStatus required) =>
        Rooms.Count(r => r.RoomType == roomType && !r.Occupied && Rank(r.State) >= (int)required);

    private static int Rank(ResourceState state) => state switch
    {
        ResourceState.Dirty => (int)UpsellAdmin.Domain.Rules.RoomStatus.Dirty,
        ResourceState.Clean => (int)UpsellAdmin.Domain.Rules.RoomStatus.Clean,
        ResourceState.Inspected => (int)UpsellAdmin.Domain.Rules.RoomStatus.Inspected,
        _ => -1,
    };
}

/// <summary>Free rooms per room type and night as Mews reported them at <see cref="ReadAt"/> (absent = not reported).</summary>
public sealed record FreeRooms(IReadOnlyDictionary<(string RoomType, DateOnly Night), int> Counts, int MewsRequests, DateTimeOffset ReadAt)
{
    public int? Get(string roomType, DateOnly night) => Counts.TryGetValue((roomType, night), out var n) ? n : null;
}
