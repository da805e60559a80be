using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Tests.TestSupport;

namespace UpsellAdmin.Domain.Tests.Evaluation;

/// <summary>The quote engine's integer fast path must give exactly the decimal formulas and rounding.</summary>
public sealed class CentsMathTests
{
    [Theory]
    [InlineData("115", true, 11_500)]
    [InlineData("99.95", true, 9_995)]
    [InlineData("99.9", true, 9_990)]
    [InlineData("-3.05", true, -305)]
    [InlineData("99.950", false, 0)] // scale 3: left to the decimal path, whose results would carry three decimals
    [InlineData("0.001", false, 0)]
    [InlineData("10000000.00", true, 1_000_000_000)]
    [InlineData("10000000.01", false, 0)]
    public void TryToCents_Values_ConvertOnlyTwoDecimalAmountsInRange(string value, bool converts, long cents)
    {
        var ok = CentsMath.TryToCents(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), out var actual);

        Assert.Equal(converts, ok);
        if (converts)
        {
            Assert.Equal(cents, actual);
        }
    }

    [Theory]
    [InlineData(UpsellFormula.FlatAmountAddedToOriginalRate, "15", true, 1_500)]
    [InlineData(UpsellFormula.FlatAmountAddedToOriginalRate, "15.000", true, 1_500)]
    [InlineData(UpsellFormula.FlatAmountAddedToOriginalRate, "0.125", false, 0)]
    [InlineData(UpsellFormula.PercentOfDifferenceAddedToOriginalRate, "5", true, 50_000)]
    [InlineData(UpsellFormula.PercentOfOriginalRateAddedToOriginalRate, "12.3456", true, 123_456)]
    [InlineData(UpsellFormula.PercentOfOriginalRateAddedToOriginalRate, "12.34567", false, 0)]
    [InlineData(UpsellFormula.PercentOfOriginalRateAddedToOriginalRate, "1001", false, 0)]
    public void TryFactor_Amounts_ConvertOnlyWhenExact(UpsellFormula formula, string amount, bool converts, long factor)
    {
        var ok = CentsMath.TryFactor(formula, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), out var actual);

        Assert.Equal(converts, ok);
        Assert.Equal(factor, converts ? actual : 0);
    }

    [Fact]
    public void ToDecimal_Cents_HasTwoDecimals() =>
        Assert.Equal("-1234.05", CentsMath.ToDecimal(-123_405).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void UpsellRateCents_RandomInputs_EqualsTheDecimalFormulaAndRounding()
    {
        var random = new Random(31337);
        for (var i = 0; i < 20_000; i++)
        {
            var formula = (UpsellFormula)random.Next(3);
            var rounding = (RoundingRule)random.Next(5);
            var original = random.Next(0, 1_000_00) / 100m;
            var target = random.Next(0, 1_500_00) / 100m;
            var amount = formula == UpsellFormula.FlatAmountAddedToOriginalRate
                ? random.Next(-50_00, 200_00) / 100m
                : random.Next(-100_0000, 300_0000) / 10_000m;
            Assert.True(CentsMath.TryToCents(original, out var originalCents));
            Assert.True(CentsMath.TryToCents(target, out var targetCents));
            Assert.True(CentsMath.TryFactor(formula, amount, out var factor));

            var expected = UpsellMath.UpsellRate(formula, amount, rounding, original, target);
            var actual = CentsMath.ToDecimal(CentsMath.UpsellRateCents(formula, rounding, factor, originalCents, targetCents));

            Assert.True(expected == actual, $"{formula} {rounding} amount {amount} original {original} target {target}: decimal {expected}, cents {actual}");
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), actual.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
