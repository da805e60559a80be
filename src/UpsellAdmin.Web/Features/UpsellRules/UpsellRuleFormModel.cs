using UpsellAdmin.Domain.Rules;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>
/// The Upsell Rules New/Edit form, field by field in OPERA's order. Mutable for binding; validated by
/// <see cref="UpsellRuleFormValidator"/> in the form and again in the service.
/// </summary>
public sealed class UpsellRuleFormModel
{
    public int? Id { get; set; }
    public int PropertyId { get; set; }

    /// <summary>The rule's own code (OPERA's form labels it "Rate Code"), ≤ 20, unique per property.</summary>
    public string Code { get; set; } = "";
    public string Description { get; set; } = "";
    public DateTime? BeginDate { get; set; }
    public DateTime? EndDate { get; set; }

    /// <summary>Days of week: the weekdays every night of the stay must fall on; empty = every day.</summary>
    public IReadOnlyCollection<DayOfWeek> DaysOfWeek { get; set; } = [];

    /// <summary>Room Type (true) or Room Class (false).</summary>
    public bool UpsellByRoomType { get; set; } = true;
    public string From { get; set; } = "";
    public string To { get; set; } = "";

    /// <summary>Filters: Rate Code (false) or Rate Category (true) radio.</summary>
    public bool UseRateCategories { get; set; }
    public IEnumerable<string> RateCodes { get; set; } = [];
    public IEnumerable<string> RateCategories { get; set; } = [];

    /// <summary>Membership entries as "TYPE" (any level) or "TYPE/LEVEL".</summary>
    public IEnumerable<string> Memberships { get; set; } = [];
    public IEnumerable<string> ReservationTypes { get; set; } = [];
    public IEnumerable<string> Markets { get; set; } = [];
    public IEnumerable<string> Sources { get; set; } = [];

    private UpsellFormula _formula = UpsellFormula.FlatAmountAddedToOriginalRate;

    /// <summary>Changing the formula clears Upsell Amount and every occupancy level amount (OPERA's behaviour).</summary>
    public UpsellFormula Formula
    {
        get => _formula;
        set
        {
            if (_formula == value)
            {
                return;
            }
            _formula = value;
            UpsellAmount = null;
            foreach (var row in OccupancyAmounts)
            {
                row.Amount = null;
            }
        }
    }

    public decimal? UpsellAmount { get; set; }
    public string CurrencyCode { get; set; } = "";
    public RoundingRule RoundingRule { get; set; } = RoundingRule.None;
    public int? DaysInAdvance { get; set; }
    public bool UseOccupancyLevels { get; set; }
    public List<OccupancyAmountModel> OccupancyAmounts { get; set; } = [];

    /// <summary>Concurrency version as loaded (Guid.Empty for a new rule).</summary>
    public Guid Version { get; set; }

    /// <summary>"Upsell Percentage" for the two % formulas, else "Upsell Amount".</summary>
    public string AmountLabel => Formula.IsPercentage() ? "Upsell Percentage" : "Upsell Amount";

    public const char MembershipLevelSeparator = '/';

    public static string MembershipKey(string type, string? level) =>
        string.IsNullOrEmpty(level) ? type : $"{type}{MembershipLevelSeparator}{level}";

    public static MembershipFilter ParseMembership(string key)
    {
        var i = key.IndexOf(MembershipLevelSeparator);
        return i < 0 ? new MembershipFilter(key) : new MembershipFilter(key[..i], key[(i + 1)..]);
    }

    /// <summary>
    /// The form for a rule (<see cref="UpsellRuleMapping.ToDefinition"/> of a stored one): lists sorted by code, the
    /// property's occupancy level rows given their amounts. Id, property and version are the caller's.
    /// </summary>
    public static UpsellRuleFormModel FromDefinition(UpsellRuleDefinition rule, List<OccupancyAmountModel> levels)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(levels);
        static string[] Sorted(IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToArray();
        var model = new UpsellRuleFormModel
        {
            Code = rule.Code,
            Description = rule.Description,
            BeginDate = rule.BeginDate?.ToDateTime(TimeOnly.MinValue),
            EndDate = rule.EndDate?.ToDateTime(TimeOnly.MinValue),
            DaysOfWeek = Weekdays.FromMask(Weekdays.ToMask(rule.DaysOfWeek)),
            UpsellByRoomType = rule.UpsellByRoomType,
            From = rule.From,
            To = rule.To,
            UseRateCategories = rule.RateCategories.Count > 0,
            RateCodes = Sorted(rule.RateCodes),
            RateCategories = Sorted(rule.RateCategories),
            Memberships = rule.Memberships.OrderBy(m => m.Type, StringComparer.Ordinal).ThenBy(m => m.Level, StringComparer.Ordinal)
                .Select(m => MembershipKey(m.Type, m.Level)).ToArray(),
            ReservationTypes = Sorted(rule.ReservationTypes),
            Markets = Sorted(rule.MarketCodes),
            Sources = Sorted(rule.Channels),
            // Formula before the amounts: setting it clears them.
            Formula = rule.Formula,
            CurrencyCode = rule.CurrencyCode,
            RoundingRule = rule.RoundingRule,
            DaysInAdvance = rule.DaysInAdvance,
            UseOccupancyLevels = rule.UpsellByOccupancyLevels,
        };
        // The same number without the storage's trailing zeros: 45 shows as "45", not "45.0" (12.345678 stays as it is).
        static decimal? Plain(decimal? value) => value is { } v ? UpsellRuleSnapshot.Normalize(v) : null;
        model.UpsellAmount = Plain(rule.UpsellAmount);
        foreach (var row in levels)
        {
            row.Amount = Plain(rule.OccupancyLevelAmounts.FirstOrDefault(a => a.Level == row.Level)?.Amount);
        }
        model.OccupancyAmounts = levels;
        return model;
    }

    /// <summary>The rule as the engine sees it (used by the Test dialog on unsaved edits too).</summary>
    public UpsellRuleDefinition ToDefinition() => new()
    {
        Code = Code,
        Description = Description,
        BeginDate = BeginDate is { } b ? DateOnly.FromDateTime(b) : null,
        EndDate = EndDate is { } e ? DateOnly.FromDateTime(e) : null,
        DaysOfWeek = Weekdays.InWeekOrder.Where(DaysOfWeek.Contains).ToList(),
        UpsellByRoomType = UpsellByRoomType,
        From = From,
        To = To,
        RateCodes = UseRateCategories ? [] : RateCodes.ToList(),
        RateCategories = UseRateCategories ? RateCategories.ToList() : [],
        Memberships = Memberships.Select(ParseMembership).ToList(),
        Channels = Sources.ToList(),
        ReservationTypes = ReservationTypes.ToList(),
        MarketCodes = Markets.ToList(),
        Formula = Formula,
        UpsellAmount = UseOccupancyLevels ? null : UpsellAmount,
        CurrencyCode = CurrencyCode,
        RoundingRule = RoundingRule,
        DaysInAdvance = DaysInAdvance,
        UpsellByOccupancyLevels = UseOccupancyLevels,
        OccupancyLevelAmounts = UseOccupancyLevels
            ? OccupancyAmounts.Where(a => a.Amount is not null).Select(a => new OccupancyLevelAmount(a.Level, a.Amount!.Value)).ToList()
            : [],
    };
}

/// <summary>One row of the Amount Per Occupancy Level grid.</summary>
public sealed class OccupancyAmountModel
{
    public int Level { get; set; }
    public string Description { get; set; } = "";
    public decimal? Amount { get; set; }
}
