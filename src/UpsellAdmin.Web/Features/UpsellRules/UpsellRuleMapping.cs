using UpsellAdmin.Domain.Rules;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>
/// The one mapping between a stored rule (<see cref="UpsellRule"/> with its filter rows and occupancy amounts) and the
/// engine's <see cref="UpsellRuleDefinition"/>. Every feature that reads or writes rules goes through it: the quote
/// cache, the rule service (form ⇄ definition ⇄ entity), copy and the API. A new rule field is added here, in the
/// entity and in the definition — nowhere else.
/// </summary>
public static class UpsellRuleMapping
{
    /// <summary>A stored rule as the engine sees it (needs <see cref="UpsellRule.Filters"/> and
    /// <see cref="UpsellRule.OccupancyAmounts"/> loaded).</summary>
    public static UpsellRuleDefinition ToDefinition(this UpsellRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        List<string> Values(RuleFilterKind kind) => rule.Filters.Where(f => f.Kind == kind).Select(f => f.Value).ToList();
        return new UpsellRuleDefinition
        {
            Code = rule.Code,
            Description = rule.Description,
            BeginDate = rule.BeginDate,
            EndDate = rule.EndDate,
            DaysOfWeek = Weekdays.FromMask(rule.DaysOfWeek),
            UpsellByRoomType = rule.UpsellByRoomType,
            From = rule.FromCode,
            To = rule.ToCode,
            RateCodes = Values(RuleFilterKind.RateCode),
            RateCategories = Values(RuleFilterKind.RateCategory),
            Memberships = rule.Filters.Where(f => f.Kind == RuleFilterKind.Membership)
                .Select(f => new MembershipFilter(f.Value, string.IsNullOrEmpty(f.Level) ? null : f.Level)).ToList(),
            Channels = Values(RuleFilterKind.Channel),
            ReservationTypes = Values(RuleFilterKind.ReservationType),
            MarketCodes = Values(RuleFilterKind.Market),
            Formula = rule.Formula,
            UpsellAmount = rule.UpsellByOccupancyLevels ? null : rule.UpsellAmount,
            CurrencyCode = rule.CurrencyCode,
            RoundingRule = rule.RoundingRule,
            DaysInAdvance = rule.DaysInAdvance,
            UpsellByOccupancyLevels = rule.UpsellByOccupancyLevels,
            OccupancyLevelAmounts = rule.OccupancyAmounts.OrderBy(a => a.Level).Select(a => new OccupancyLevelAmount(a.Level, a.Amount)).ToList(),
        };
    }

    /// <summary>
    /// Writes <paramref name="definition"/> onto the stored rule: scalar fields (code and description trimmed), the filter
    /// rows (unchanged rows kept, the rest replaced; blank and repeated values dropped; rate codes or rate categories, not
    /// both) and the occupancy amounts (only with <see cref="UpsellRuleDefinition.UpsellByOccupancyLevels"/>). The id,
    /// property, version and audit columns are the caller's.
    /// </summary>
    public static void Apply(this UpsellRule rule, UpsellRuleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(definition);
        rule.Code = definition.Code.Trim();
        rule.Description = definition.Description.Trim();
        rule.BeginDate = definition.BeginDate;
        rule.EndDate = definition.EndDate;
        rule.DaysOfWeek = Weekdays.StoredMask(definition.DaysOfWeek);
        rule.UpsellByRoomType = definition.UpsellByRoomType;
        rule.FromCode = definition.From;
        rule.ToCode = definition.To;
        rule.Formula = definition.Formula;
        rule.UpsellAmount = definition.UpsellByOccupancyLevels ? null : definition.UpsellAmount;
        rule.CurrencyCode = definition.CurrencyCode;
        rule.RoundingRule = definition.RoundingRule;
        rule.DaysInAdvance = definition.DaysInAdvance;
        rule.UpsellByOccupancyLevels = definition.UpsellByOccupancyLevels;

        var filters = new List<UpsellRuleFilterValue>();
        void Add(RuleFilterKind kind, IEnumerable<string> values) =>
            filters.AddRange(values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal)
                .Select(v => new UpsellRuleFilterValue { Kind = kind, Value = v }));
        if (definition.RateCategories.Count > 0)
        {
            Add(RuleFilterKind.RateCategory, definition.RateCategories);
        }
        else
        {
            Add(RuleFilterKind.RateCode, definition.RateCodes);
        }
        filters.AddRange(definition.Memberships.Where(m => !string.IsNullOrWhiteSpace(m.Type)).Distinct()
            .Select(m => new UpsellRuleFilterValue { Kind = RuleFilterKind.Membership, Value = m.Type, Level = m.Level }));
        Add(RuleFilterKind.Channel, definition.Channels);
        Add(RuleFilterKind.ReservationType, definition.ReservationTypes);
        Add(RuleFilterKind.Market, definition.MarketCodes);

        // Keep rows that did not change (no delete + insert churn), drop the rest, add the new ones.
        static (RuleFilterKind, string, string?) Key(UpsellRuleFilterValue f) => (f.Kind, f.Value, f.Level);
        var wanted = filters.Select(Key).ToHashSet();
        rule.Filters.RemoveAll(f => !wanted.Contains(Key(f)));
        var have = rule.Filters.Select(Key).ToHashSet();
        rule.Filters.AddRange(filters.Where(f => !have.Contains(Key(f))));
        rule.RefreshFilterKinds();

        var amounts = definition.UpsellByOccupancyLevels
            ? definition.OccupancyLevelAmounts.GroupBy(a => a.Level).ToDictionary(g => g.Key, g => g.Last().Amount)
            : [];
        rule.OccupancyAmounts.RemoveAll(a => !amounts.ContainsKey(a.Level));
        foreach (var (level, amount) in amounts)
        {
            var row = rule.OccupancyAmounts.FirstOrDefault(a => a.Level == level);
            if (row is null)
            {
                rule.OccupancyAmounts.Add(new UpsellRuleOccupancyAmount { Level = level, Amount = amount });
            }
            else
            {
                row.Amount = amount;
            }
        }
    }
}
