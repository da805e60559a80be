using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Data.Seeding;

/// <summary>How a demo rule is built, shared by the direct demo seed and the seed on top of synced Mews data.</summary>
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
}
