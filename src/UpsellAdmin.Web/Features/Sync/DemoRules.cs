using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>How a demo rule is built, used by the demo seed on top of synced Mews data (DemoRuleSeeder).</summary>
internal static class DemoRules
{
    private static readonly DateTimeOffset Stamp = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    public static UpsellRule Create(string currencyCode, string code, string description, bool byRoomType, string from, string to,
        UpsellFormula formula, decimal? amount, RoundingRule rounding) => new()
    {
        Code = code.Length > UpsellRule.CodeMaxLength ? code[..UpsellRule.CodeMaxLength] : code,
        Description = description.Length > UpsellRule.DescriptionMaxLength ? description[..UpsellRule.DescriptionMaxLength] : description,
        UpsellByRoomType = byRoomType,
        FromCode = from,
        ToCode = to,
        Formula = formula,
        UpsellAmount = amount,
        CurrencyCode = currencyCode,
        RoundingRule = rounding,
        CreatedUtc = Stamp,
        UpdatedUtc = Stamp,
        UpdatedBy = "demo seed",
    };

    /// <summary>Adds a filter list (values too long for a code and repeats left out).</summary>
    public static void AddFilters(UpsellRule rule, RuleFilterKind kind, IEnumerable<string> values) =>
        rule.Filters.AddRange(values.Where(v => v.Length <= UpsellRule.FilterValueMaxLength).Distinct()
            .Select(v => new UpsellRuleFilterValue { Kind = kind, Value = v }));

    private static readonly UpsellFormula[] Formulas =
        [UpsellFormula.FlatAmountAddedToOriginalRate, UpsellFormula.PercentOfDifferenceAddedToOriginalRate, UpsellFormula.PercentOfOriginalRateAddedToOriginalRate];

    /// <summary>The <paramref name="i"/>-th room-type upgrade of a demo property, without filters: formula, amount,
    /// rounding, stay window and days in advance vary with <paramref name="i"/>, so the grid shows every kind.</summary>
    public static UpsellRule RoomTypeUpgrade(string currencyCode, int i, string from, string to, string fromName, string toName, DateOnly today)
    {
        var formula = Formulas[i % 3];
        var roundings = Enum.GetValues<RoundingRule>();
        var rule = Create(currencyCode, $"UP-{from}-{to}", $"{fromName} to {toName}", true, from, to, formula,
            formula switch
            {
                UpsellFormula.FlatAmountAddedToOriginalRate => 15m + 10m * i,
                UpsellFormula.PercentOfDifferenceAddedToOriginalRate => 40m + 5m * (i % 5),
                _ => 10m + 2m * (i % 4),
            },
            roundings[i % roundings.Length]);
        var winterStart = new DateOnly(today.Year, 12, 1);
        switch (i % 4)
        {
            case 0: rule.BeginDate = today.AddDays(-30); break;
            case 1: rule.BeginDate = winterStart; rule.EndDate = winterStart.AddMonths(4).AddDays(-1); break;
            case 2: rule.BeginDate = new DateOnly(today.Year + 1, 5, 1); rule.EndDate = new DateOnly(today.Year + 1, 9, 30); break;
            default: break; // open-ended both ways
        }
        rule.DaysInAdvance = i % 3 == 2 ? 7 : null;
        return rule;
    }
}
