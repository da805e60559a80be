namespace UpsellAdmin.Domain.Stays;

/// <summary>The guest's membership on a stay: a type (programme) and, optionally, a level (tier).</summary>
public sealed record StayMembership(string Type, string? Level = null);

/// <summary>
/// One night of a stay: its date, the original nightly rate (booked room type and rate code), the target room type's
/// nightly rate for the same rate code (needed only by "% of Difference"; quotes take it from the price lookup
/// instead) and the property's occupancy level for that night (needed only when a rule uses occupancy levels).
/// </summary>
public sealed record StayNight(DateOnly Date, decimal OriginalRate, decimal? TargetRate = null, int? OccupancyLevel = null);

/// <summary>
/// A reservation as the upsell engine sees it. <see cref="Nights"/> holds exactly one entry per night, from
/// <see cref="Arrival"/> to <see cref="Departure"/> − 1 day, in order (see <c>UpsellInputValidator.ValidateStay</c>).
/// Codes are compared ordinally (case-sensitive), as they come from the property's code lists.
/// Optional values (rate category, membership, channel, reservation type, market, room class) that are missing never
/// match a rule's non-empty filter list.
/// </summary>
public sealed record Stay
{
    public required DateOnly Arrival { get; init; }

    /// <summary>Departure date; must be after <see cref="Arrival"/>. The last night is the day before.</summary>
    public required DateOnly Departure { get; init; }

    /// <summary>The date the reservation was made; Days in advance counts from it to <see cref="Arrival"/>.</summary>
    public required DateOnly BookedOn { get; init; }

    /// <summary>The booked (original) room type.</summary>
    public required string RoomType { get; init; }

    /// <summary>The booked room type's room class; room-class rules match on it.</summary>
    public string? RoomClass { get; init; }

    public required string RateCode { get; init; }
    public string? RateCategory { get; init; }
    public StayMembership? Membership { get; init; }
    public string? Channel { get; init; }
    public string? ReservationType { get; init; }
    public string? Market { get; init; }
    public required string CurrencyCode { get; init; }
    public IReadOnlyList<StayNight> Nights { get; init; } = [];

    /// <summary>Number of nights between arrival and departure (not the count of <see cref="Nights"/>).</summary>
    public int NightCount => Departure.DayNumber - Arrival.DayNumber;

    /// <summary>Whole days between <see cref="BookedOn"/> and <see cref="Arrival"/> (negative if booked after arrival).</summary>
    public int DaysBookedInAdvance => Arrival.DayNumber - BookedOn.DayNumber;
}
