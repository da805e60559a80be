using System.Text.Json.Serialization;

namespace UpsellAdmin.Domain.Evaluation;

/// <summary>
/// A test a rule puts a stay to. A rule applies when none fails; an evaluation lists every one that failed.
/// The public API writes these as their names (strings), so never rename a member.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Criterion>))]
public enum Criterion
{
    /// <summary>Every night of the stay (arrival … departure − 1) lies within [Begin, End], both inclusive; a missing bound is open.</summary>
    StayDates = 0,

    /// <summary>(arrival − booked-on) ≥ Days in advance.</summary>
    DaysInAdvance = 1,

    /// <summary>A room-type rule needs the stay's room type = From; a room-class rule needs the stay's room class = From.</summary>
    Room = 2,

    /// <summary>The rule's rate-code list is empty or holds the stay's rate code.</summary>
    RateCode = 3,

    /// <summary>The rule's rate-category list is empty or holds the stay's rate category.</summary>
    RateCategory = 4,

    /// <summary>The rule's membership list is empty or has an entry of the stay's type whose level is empty (any) or the stay's level.</summary>
    Membership = 5,

    /// <summary>The rule's channel list is empty or holds the stay's channel.</summary>
    Channel = 6,

    /// <summary>The rule's reservation-type list is empty or holds the stay's reservation type.</summary>
    ReservationType = 7,

    /// <summary>The rule's market list is empty or holds the stay's market.</summary>
    Market = 8,

    /// <summary>The rule's currency equals the stay's.</summary>
    Currency = 9,

    /// <summary>With occupancy levels, every night's level has an amount in the rule.</summary>
    OccupancyLevel = 10,

    /// <summary>% of Difference only: every night has a target rate and it is above the original rate.</summary>
    TargetRate = 11,

    /// <summary>Every night of the stay (arrival … departure − 1) falls on one of the rule's Days of week; none chosen = every day.</summary>
    DaysOfWeek = 12,
}

/// <summary>One failed criterion and, in plain words, why it failed.</summary>
public sealed record CriterionFailure(Criterion Criterion, string Message)
{
    public override string ToString() => $"{Criterion}: {Message}";
}
