using System.Globalization;
using System.Text.Json;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>
/// A rule as the audit trail keeps each version of it: every field of the New/Edit form, in the form's order, lists
/// sorted, occupancy level amounts keyed by level. Stored as JSON (camelCase) in <see cref="AuditEntry.Before"/> and
/// <see cref="AuditEntry.After"/>; the History tab diffs two of them and restores one; the history API returns them.
/// </summary>
public sealed record UpsellRuleSnapshot
{
    public string Code { get; init; } = "";
    public string Description { get; init; } = "";
    public DateOnly? BeginDate { get; init; }
    public DateOnly? EndDate { get; init; }
    /// <summary>Days of week in week order (Monday first), as .NET names; empty = every day. Absent in versions saved
    /// before the field existed (read as empty: those rules applied every day).</summary>
    public IReadOnlyList<DayOfWeek> DaysOfWeek { get; init; } = [];
    public bool UpsellByRoomType { get; init; } = true;
    public string From { get; init; } = "";
    public string To { get; init; } = "";
    public IReadOnlyList<string> RateCodes { get; init; } = [];
    public IReadOnlyList<string> RateCategories { get; init; } = [];
    /// <summary>"TYPE" (any level) or "TYPE/LEVEL", as the form shows them.</summary>
    public IReadOnlyList<string> Memberships { get; init; } = [];
    public IReadOnlyList<string> ReservationTypes { get; init; } = [];
    public IReadOnlyList<string> Markets { get; init; } = [];
    /// <summary>Channels (the form's Sources).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
    public UpsellFormula Formula { get; init; }
    public decimal? UpsellAmount { get; init; }
    public string CurrencyCode { get; init; } = "";
    public RoundingRule RoundingRule { get; init; }
    public int? DaysInAdvance { get; init; }
    public bool UseOccupancyLevels { get; init; }
    /// <summary>Level → amount (or percentage), only with occupancy levels.</summary>
    public IReadOnlyDictionary<int, decimal> OccupancyLevelAmounts { get; init; } = new SortedDictionary<int, decimal>();

    public static UpsellRuleSnapshot Of(UpsellRule rule) => Of(rule.ToDefinition());

    public static UpsellRuleSnapshot Of(UpsellRuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        static string[] Sorted(IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToArray();
        return new UpsellRuleSnapshot
        {
            Code = rule.Code,
            Description = rule.Description,
            BeginDate = rule.BeginDate,
            EndDate = rule.EndDate,
            DaysOfWeek = Weekdays.FromMask(Weekdays.StoredMask(rule.DaysOfWeek)),
            UpsellByRoomType = rule.UpsellByRoomType,
            From = rule.From,
            To = rule.To,
            RateCodes = Sorted(rule.RateCodes),
            RateCategories = Sorted(rule.RateCategories),
            Memberships = Sorted(rule.Memberships.Select(m => UpsellRuleFormModel.MembershipKey(m.Type, m.Level))),
            ReservationTypes = Sorted(rule.ReservationTypes),
            Markets = Sorted(rule.MarketCodes),
            Sources = Sorted(rule.Channels),
            Formula = rule.Formula,
            UpsellAmount = rule.UpsellAmount is { } amount ? Normalize(amount) : null,
            CurrencyCode = rule.CurrencyCode,
            RoundingRule = rule.RoundingRule,
            DaysInAdvance = rule.DaysInAdvance,
            UseOccupancyLevels = rule.UpsellByOccupancyLevels,
            OccupancyLevelAmounts = new SortedDictionary<int, decimal>(
                rule.OccupancyLevelAmounts.GroupBy(a => a.Level).ToDictionary(g => g.Key, g => Normalize(g.Last().Amount))),
        };
    }

    /// <summary>25.0000 (as read back from the database) and 25 (as typed) are one value: no trailing zeros, so equal
    /// versions have equal JSON.</summary>
    internal static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>"Fri, Sat" (week order, as the grid shows them); empty like every other empty list, so a version saved
    /// before the field existed (no daysOfWeek) and one with none chosen show no change.</summary>
    private static string DaysText(JsonElement days)
    {
        var mask = 0;
        foreach (var day in days.EnumerateArray())
        {
            if (day.ValueKind is JsonValueKind.String && Enum.TryParse<DayOfWeek>(day.GetString(), out var d))
            {
                mask |= Weekdays.Bit(d);
            }
        }

        return mask == Weekdays.Every ? "" : Weekdays.Format(mask);
    }

    public UpsellRuleDefinition ToDefinition() => new()
    {
        Code = Code,
        Description = Description,
        BeginDate = BeginDate,
        EndDate = EndDate,
        DaysOfWeek = DaysOfWeek ?? [],
        UpsellByRoomType = UpsellByRoomType,
        From = From,
        To = To,
        RateCodes = RateCodes.ToList(),
        RateCategories = RateCategories.ToList(),
        Memberships = Memberships.Select(UpsellRuleFormModel.ParseMembership).ToList(),
        Channels = Sources.ToList(),
        ReservationTypes = ReservationTypes.ToList(),
        MarketCodes = Markets.ToList(),
        Formula = Formula,
        UpsellAmount = UseOccupancyLevels ? null : UpsellAmount,
        CurrencyCode = CurrencyCode,
        RoundingRule = RoundingRule,
        DaysInAdvance = DaysInAdvance,
        UpsellByOccupancyLevels = UseOccupancyLevels,
        OccupancyLevelAmounts = UseOccupancyLevels ? OccupancyLevelAmounts.Select(a => new OccupancyLevelAmount(a.Key, a.Value)).ToList() : [],
    };

    public string ToJson() => JsonSerializer.Serialize(this, AuditTrail.Json);

    /// <summary>A stored snapshot, or null when there is none or it is not a rule's.</summary>
    public static UpsellRuleSnapshot? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<UpsellRuleSnapshot>(json, AuditTrail.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The form's labels for the snapshot's fields, and OPERA's names for its values.</summary>
    public static readonly AuditFieldFormat Format = new()
    {
        Labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["code"] = "Code",
            ["description"] = "Rule Description",
            ["beginDate"] = "Begin Date",
            ["endDate"] = "End Date",
            ["daysOfWeek"] = ConceptLabels.DaysOfWeek,
            ["upsellByRoomType"] = "Room Type / Room Class",
            ["from"] = "From",
            ["to"] = "To",
            ["rateCodes"] = "Rate Code",
            ["rateCategories"] = "Rate Category",
            ["memberships"] = ConceptLabels.Memberships,
            ["reservationTypes"] = ConceptLabels.ReservationTypes,
            ["markets"] = ConceptLabels.Markets,
            ["sources"] = ConceptLabels.Channels, // the JSON name stays "sources": stored versions use it
            ["formula"] = "Formula",
            ["upsellAmount"] = "Upsell Amount",
            ["currencyCode"] = "Currency Code",
            ["roundingRule"] = "Rounding Rule",
            ["daysInAdvance"] = ConceptLabels.DaysInAdvance,
            ["useOccupancyLevels"] = "Use Occupancy Levels",
            ["occupancyLevelAmounts"] = "Amount Per Occupancy Level",
        },
        Value = FormatValue,
    };

    private static string? FormatValue(string field, JsonElement value) => field switch
    {
        "upsellByRoomType" when value.ValueKind is JsonValueKind.True => "Room Type",
        "upsellByRoomType" when value.ValueKind is JsonValueKind.False => "Room Class",
        "formula" when value.ValueKind is JsonValueKind.String && Enum.TryParse<UpsellFormula>(value.GetString(), out var f) => f.Label(),
        "daysOfWeek" when value.ValueKind is JsonValueKind.Array => DaysText(value),
        "roundingRule" when value.ValueKind is JsonValueKind.String && Enum.TryParse<RoundingRule>(value.GetString(), out var r) => r.Label(),
        "occupancyLevelAmounts" when value.ValueKind is JsonValueKind.Object =>
            string.Join(", ", value.EnumerateObject().Select(p => $"level {p.Name}: {AuditDiff.Text(p.Value)}")),
        "upsellAmount" when value.ValueKind is JsonValueKind.Number && value.TryGetDecimal(out var d) =>
            d.ToString("0.####", CultureInfo.InvariantCulture),
        _ => null,
    };
}

/// <summary>Writes a rule's audit entries (EntityKey = the rule's id, so its history survives a change of code).</summary>
public static class UpsellRuleAudit
{
    public static string Key(int ruleId) => ruleId.ToString(CultureInfo.InvariantCulture);

    public static void Add(Microsoft.EntityFrameworkCore.DbContext db, string by, string action, UpsellRule rule,
        UpsellRuleSnapshot? before, UpsellRuleSnapshot? after, DateTimeOffset at, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var code = after?.Code ?? before?.Code ?? rule.Code;
        var summary = action switch
        {
            AuditActions.Created => $"Rule {code} created",
            AuditActions.Deleted => $"Rule {code} deleted",
            AuditActions.Updated when before is not null && before.Code != code => $"Rule {before.Code} updated (now {code})",
            _ => $"Rule {code} {action.ToLowerInvariant()}",
        };
        db.AddAudit(new AuditRecord(by, action, AuditEntityTypes.UpsellRule, Key(rule.Id), rule.PropertyId,
            note is null ? summary : $"{summary}: {note}", before?.ToJson(), after?.ToJson()) { At = at });
    }
}
