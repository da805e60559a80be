using UpsellAdmin.Domain.Rules;

namespace UpsellAdmin.Domain.Evaluation;

/// <summary>
/// The rule's Rounding Rule, applied to each night's computed upsell rate (never to totals).
/// </summary>
public static class Rounding
{
    /// <summary>
    /// Rounds one night's computed upsell rate.
    /// <list type="bullet">
    /// <item><b>None</b>: to the currency's minor unit, 2 decimals, midpoint away from zero (101.245 → 101.25).</item>
    /// <item><b>Up</b>: the next whole unit at or above (101.25 → 102.00; 101.00 stays).</item>
    /// <item><b>Down</b>: the whole unit at or below (101.25 → 101.00).</item>
    /// <item><b>Up - Keep Decimal</b>: the smallest amount at or above <paramref name="computedRate"/> whose decimal part
    /// equals <paramref name="originalRate"/>'s (original 99.95: 104.9475 → 104.95, 104.96 → 105.95).</item>
    /// <item><b>Down - Keep Decimal</b>: the largest amount at or below <paramref name="computedRate"/> with that decimal part
    /// (original 99.95: 104.9475 → 103.95).</item>
    /// </list>
    /// The decimal part of the original is <c>original − ⌊original⌋</c> (0.95 for 99.95); when it is zero the Keep Decimal
    /// variants equal Up and Down. Results carry at least two decimals (102 is returned as 102.00).
    /// </summary>
    /// <param name="rule">The rule's rounding rule.</param>
    /// <param name="computedRate">The night's rate from the formula, unrounded.</param>
    /// <param name="originalRate">The night's original rate (used only by the Keep Decimal variants).</param>
    public static decimal Apply(RoundingRule rule, decimal computedRate, decimal originalRate)
    {
        var rounded = rule switch
        {
            RoundingRule.None => Math.Round(computedRate, 2, MidpointRounding.AwayFromZero),
            RoundingRule.Up => Math.Ceiling(computedRate),
            RoundingRule.Down => Math.Floor(computedRate),
            RoundingRule.UpKeepDecimal => UpKeepDecimal(computedRate, originalRate),
            RoundingRule.DownKeepDecimal => DownKeepDecimal(computedRate, originalRate),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rounding rule."),
        };
        return rounded + 0.00m;
    }

    /// <summary>The decimal part of a rate: <c>rate − ⌊rate⌋</c>, in [0, 1).</summary>
    public static decimal DecimalPart(decimal rate) => rate - Math.Floor(rate);

    private static decimal UpKeepDecimal(decimal computed, decimal original)
    {
        var candidate = Math.Floor(computed) + DecimalPart(original);
        return candidate >= computed ? candidate : candidate + 1m;
    }

    private static decimal DownKeepDecimal(decimal computed, decimal original)
    {
        var candidate = Math.Floor(computed) + DecimalPart(original);
        return candidate <= computed ? candidate : candidate - 1m;
    }
}
