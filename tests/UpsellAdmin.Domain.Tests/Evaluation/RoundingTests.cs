using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Tests.TestSupport;

namespace UpsellAdmin.Domain.Tests.Evaluation;

public sealed class RoundingTests
{
    [Theory]
    [InlineData("101.25", "101.25")]
    [InlineData("101.245", "101.25")] // midpoint away from zero
    [InlineData("101.244999", "101.24")]
    [InlineData("101.255", "101.26")]
    [InlineData("104.9475", "104.95")]
    [InlineData("115", "115.00")]
    [InlineData("0.005", "0.01")]
    [InlineData("-0.005", "-0.01")]
    public void Apply_None_RoundsToTwoDecimalsMidpointAwayFromZero(string computed, string expected) =>
        AssertRounds(RoundingRule.None, computed, "100", expected);

    [Theory]
    [InlineData("101.25", "102")]
    [InlineData("101.01", "102")]
    [InlineData("101.0001", "102")]
    [InlineData("101.00", "101")]
    [InlineData("101.99", "102")]
    [InlineData("0.10", "1")]
    public void Apply_Up_GoesToNextWholeUnitAtOrAbove(string computed, string expected) =>
        AssertRounds(RoundingRule.Up, computed, "100", expected);

    [Theory]
    [InlineData("101.25", "101")]
    [InlineData("101.99", "101")]
    [InlineData("101.00", "101")]
    [InlineData("101.9999", "101")]
    [InlineData("0.99", "0")]
    public void Apply_Down_GoesToWholeUnitAtOrBelow(string computed, string expected) =>
        AssertRounds(RoundingRule.Down, computed, "100", expected);

    [Theory]
    [InlineData("104.9475", "99.95", "104.95")] // the brief's example
    [InlineData("104.96", "99.95", "105.95")] // past .95: next unit
    [InlineData("104.95", "99.95", "104.95")] // already there
    [InlineData("104.10", "99.50", "104.50")]
    [InlineData("104.60", "99.50", "105.50")]
    [InlineData("101.25", "100.00", "102")] // original without decimals: same as Up
    [InlineData("101.00", "100", "101")]
    [InlineData("101.0001", "99.00", "102")]
    [InlineData("101.241", "80.24", "102.24")]
    public void Apply_UpKeepDecimal_GivesSmallestAmountAtOrAboveWithOriginalsDecimals(string computed, string original, string expected) =>
        AssertRounds(RoundingRule.UpKeepDecimal, computed, original, expected);

    [Theory]
    [InlineData("104.9475", "99.95", "103.95")] // the brief's example
    [InlineData("104.96", "99.95", "104.95")]
    [InlineData("104.95", "99.95", "104.95")]
    [InlineData("104.60", "99.50", "104.50")]
    [InlineData("104.10", "99.50", "103.50")]
    [InlineData("101.25", "100.00", "101")] // original without decimals: same as Down
    [InlineData("101.99", "100", "101")]
    [InlineData("102.239", "80.24", "101.24")]
    public void Apply_DownKeepDecimal_GivesLargestAmountAtOrBelowWithOriginalsDecimals(string computed, string original, string expected) =>
        AssertRounds(RoundingRule.DownKeepDecimal, computed, original, expected);

    [Fact]
    public void Apply_Up_ResultHasTwoDecimalsForDisplay() =>
        Assert.Equal("102.00", Rounding.Apply(RoundingRule.Up, 101.25m, 100m).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Apply_UnknownRule_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Rounding.Apply((RoundingRule)42, 1m, 1m));

    [Fact]
    public void Apply_RandomAmounts_UpIsAtLeastNoneWhichIsAtLeastDown()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 2_000; i++)
        {
            var computed = RandomMoney(random, 4);
            var original = RandomMoney(random, 2);
            var up = Rounding.Apply(RoundingRule.Up, computed, original);
            var none = Rounding.Apply(RoundingRule.None, computed, original);
            var down = Rounding.Apply(RoundingRule.Down, computed, original);
            Assert.True(up >= none && none >= down, $"computed {computed}: up {up}, none {none}, down {down}");
            Assert.True(up - computed is >= 0 and < 1, $"Up {up} of {computed}");
            Assert.True(computed - down is >= 0 and < 1, $"Down {down} of {computed}");
            Assert.True(Math.Abs(none - computed) <= 0.005m, $"None {none} of {computed}");
            Assert.Equal(decimal.Truncate(up), up);
            Assert.Equal(decimal.Truncate(down), down);
        }
    }

    [Fact]
    public void Apply_RandomAmounts_KeepDecimalResultsKeepTheOriginalsDecimalsWithinOneUnit()
    {
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var computed = RandomMoney(random, 4);
            var original = RandomMoney(random, 2);
            var up = Rounding.Apply(RoundingRule.UpKeepDecimal, computed, original);
            var down = Rounding.Apply(RoundingRule.DownKeepDecimal, computed, original);
            Assert.Equal(Rounding.DecimalPart(original), Rounding.DecimalPart(up));
            Assert.Equal(Rounding.DecimalPart(original), Rounding.DecimalPart(down));
            Assert.True(up - computed is >= 0 and < 1, $"Up keep of {computed} / {original}: {up}");
            Assert.True(computed - down is >= 0 and < 1, $"Down keep of {computed} / {original}: {down}");
        }
    }

    [Fact]
    public void Apply_RandomAmountsWithWholeOriginal_KeepDecimalEqualsUpAndDown()
    {
        var random = new Random(11);
        for (var i = 0; i < 2_000; i++)
        {
            var computed = RandomMoney(random, 4);
            var original = (decimal)random.Next(1, 500);
            Assert.Equal(Rounding.Apply(RoundingRule.Up, computed, original), Rounding.Apply(RoundingRule.UpKeepDecimal, computed, original));
            Assert.Equal(Rounding.Apply(RoundingRule.Down, computed, original), Rounding.Apply(RoundingRule.DownKeepDecimal, computed, original));
        }
    }

    private static decimal RandomMoney(Random random, int decimals)
    {
        var scale = (int)Math.Pow(10, decimals);
        return random.NextInt64(0, 1000L * scale) / (decimal)scale;
    }

    private static void AssertRounds(RoundingRule rule, string computed, string original, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Rounding.Apply(
            rule,
            decimal.Parse(computed, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(original, System.Globalization.CultureInfo.InvariantCulture)));
}
