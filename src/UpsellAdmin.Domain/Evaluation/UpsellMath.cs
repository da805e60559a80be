using UpsellAdmin.Domain.Rules;

namespace UpsellAdmin.Domain.Evaluation;

/// <summary>
/// The per-night formulas, shared by the single-rule evaluator and the quote engine so both give identical numbers.
/// </summary>
public static class UpsellMath
{
    /// <summary>
    /// The night's upsell rate before rounding. <paramref name="amount"/> is the flat amount (Flat) or the percentage
    /// (the two % formulas, 5 meaning 5 %):
    /// Flat: original + amount; % of difference: original + amount/100 × (target − original);
    /// % of original: original + amount/100 × original.
    /// </summary>
    public static decimal ComputeRate(UpsellFormula formula, decimal amount, decimal originalRate, decimal targetRate) =>
        ComputeRateWithFactor(formula, Factor(formula, amount), originalRate, targetRate);

    /// <summary>The rounded upsell rate of one night: <see cref="ComputeRate"/> then <see cref="Rounding.Apply"/>.</summary>
    public static decimal UpsellRate(UpsellFormula formula, decimal amount, RoundingRule rounding, decimal originalRate, decimal targetRate) =>
        Rounding.Apply(rounding, ComputeRate(formula, amount, originalRate, targetRate), originalRate);

    /// <summary>The amount as used by the formula: the flat amount as is, a percentage divided by 100.</summary>
    internal static decimal Factor(UpsellFormula formula, decimal amount) =>
        formula == UpsellFormula.FlatAmountAddedToOriginalRate ? amount : amount / 100m;

    internal static decimal ComputeRateWithFactor(UpsellFormula formula, decimal factor, decimal originalRate, decimal targetRate) => formula switch
    {
        UpsellFormula.FlatAmountAddedToOriginalRate => originalRate + factor,
        UpsellFormula.PercentOfDifferenceAddedToOriginalRate => originalRate + (factor * (targetRate - originalRate)),
        UpsellFormula.PercentOfOriginalRateAddedToOriginalRate => originalRate + (factor * originalRate),
        _ => throw new ArgumentOutOfRangeException(nameof(formula), formula, "Unknown formula."),
    };
}
