namespace UpsellAdmin.Domain.Rules;

/// <summary>A membership filter entry: a type, optionally narrowed to one level. No level = any level of the type.</summary>
public sealed record MembershipFilter(string Type, string? Level = null);

/// <summary>One row of the "Amount Per Occupancy Level" grid.</summary>
public sealed record OccupancyLevelAmount(int Level, decimal Amount);

/// <summary>
/// An upsell rule as the engine sees it: everything the OPERA New/Edit form holds, and nothing about storage.
/// Lists are never null; an empty list means "any".
/// </summary>
public sealed record UpsellRuleDefinition
{
    public required string Code { get; init; }
    public string Description { get; init; } = "";
    public DateOnly? BeginDate { get; init; }
    public DateOnly? EndDate { get; init; }

    /// <summary>
    /// Days of week: every night of the stay must fall on one of these weekdays (like Begin/End, the whole stay).
    /// Empty means every day; all seven mean the same. Each day at most once (see <c>UpsellInputValidator.ValidateRule</c>);
    /// stored as a <see cref="Weekdays"/> mask.
    /// </summary>
    public IReadOnlyList<DayOfWeek> DaysOfWeek { get; init; } = [];

    /// <summary>True: From/To are room types. False: From/To are room classes.</summary>
    public bool UpsellByRoomType { get; init; } = true;
    public required string From { get; init; }
    public required string To { get; init; }

    public IReadOnlyList<string> RateCodes { get; init; } = [];
    public IReadOnlyList<string> RateCategories { get; init; } = [];
    public IReadOnlyList<MembershipFilter> Memberships { get; init; } = [];
    public IReadOnlyList<string> Channels { get; init; } = [];
    public IReadOnlyList<string> ReservationTypes { get; init; } = [];
    public IReadOnlyList<string> MarketCodes { get; init; } = [];

    public UpsellFormula Formula { get; init; }

    /// <summary>The amount (Flat) or the percentage (the two % formulas); null when occupancy levels are used.</summary>
    public decimal? UpsellAmount { get; init; }
    public required string CurrencyCode { get; init; }
    public RoundingRule RoundingRule { get; init; }
    public int? DaysInAdvance { get; init; }
    public bool UpsellByOccupancyLevels { get; init; }
    public IReadOnlyList<OccupancyLevelAmount> OccupancyLevelAmounts { get; init; } = [];
}
