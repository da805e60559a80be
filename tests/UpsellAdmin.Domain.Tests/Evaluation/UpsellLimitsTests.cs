using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;
using static UpsellAdmin.Domain.Tests.TestSupport.Build;

namespace UpsellAdmin.Domain.Tests.Evaluation;

/// <summary>
/// Issue 14: an integrator sent numbers and dates the engine could not compute with (decimal.MaxValue, 9999-12-31) and
/// got a 500. The validator now bounds every number and date (<see cref="UpsellLimits"/>), and inside those bounds the
/// engine computes every formula and rounding without overflow.
/// </summary>
public sealed class UpsellLimitsTests
{
    private const decimal DecimalMax = 79228162514264337593543950335m;

    [Fact]
    public void Validate_UpsellAmountOfDecimalMax_IsRefusedNamingTheAmount()
    {
        var errors = UpsellInputValidator.Validate(Rule(amount: DecimalMax), Stay());

        Assert.Equal(["rule.upsellAmount"], errors.Select(e => e.Field));
        Assert.Equal("Upsell Amount can be at most 1,000,000,000.", errors[0].Message);
    }

    [Fact]
    public void Validate_OriginalAndTargetRateOfDecimalMax_AreRefusedNamingTheNight()
    {
        var stay = Stay(rates: [100m, DecimalMax], targets: [DecimalMax, 120m]);

        var fields = UpsellInputValidator.Validate(Rule(), stay).Select(e => e.Field);

        Assert.Equal(["stay.nights[0].targetRate", "stay.nights[1].originalRate"], fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ValidateStay_ArrivalOn9999_12_31WithTwoNights_IsRefusedWithoutThrowing()
    {
        var last = new DateOnly(9999, 12, 31);
        var stay = Stay() with { Arrival = last, Departure = last, Nights = [new(last, 100m), new(last, 100m)] };

        var errors = UpsellInputValidator.ValidateStay(stay);

        Assert.Contains(errors, e => e.Field == "stay.arrival" && e.Message.Contains("2199-12-31", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateStay_DepartureInTheYear1_IsRefused()
    {
        var stay = Stay() with { Departure = DateOnly.MinValue };

        Assert.Contains(UpsellInputValidator.ValidateStay(stay), e => e.Field == "stay.departure");
    }

    [Fact]
    public void ValidateStay_MoreThan366Nights_IsOneErrorNotOnePerNight()
    {
        var arrival = Day(1, 1);
        var nights = Enumerable.Range(0, 400).Select(i => new StayNight(arrival.AddDays(i), 100m)).ToList();
        var stay = Stay() with { Arrival = arrival, Departure = arrival.AddDays(400), Nights = nights };

        var errors = UpsellInputValidator.Validate(Rule(), stay);

        Assert.Equal(["stay.departure", "stay.nights"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(UpsellFormula.FlatAmountAddedToOriginalRate, -1)]
    [InlineData(UpsellFormula.PercentOfOriginalRateAddedToOriginalRate, -0.01)]
    [InlineData(UpsellFormula.PercentOfDifferenceAddedToOriginalRate, 100.01)]
    [InlineData(UpsellFormula.PercentOfOriginalRateAddedToOriginalRate, 1000.01)]
    [InlineData(UpsellFormula.FlatAmountAddedToOriginalRate, 1000000000.01)]
    public void ValidateRule_AnAmountTheRuleFormRefuses_IsRefusedWithTheFormsMessage(UpsellFormula formula, double amount)
    {
        var value = (decimal)amount;

        var error = Assert.Single(UpsellInputValidator.ValidateRule(Rule(formula: formula, amount: value)));

        Assert.Equal(("rule.upsellAmount", UpsellLimits.AmountProblem(formula, value)), (error.Field, error.Message));
    }

    [Fact]
    public void ValidateRule_ALevelAmountOverTheLimit_NamesTheRow()
    {
        var rule = Rule(amount: null) with { UpsellByOccupancyLevels = true, OccupancyLevelAmounts = [new(1, 10m), new(2, DecimalMax)] };

        var error = Assert.Single(UpsellInputValidator.ValidateRule(rule));

        Assert.Equal("rule.occupancyLevelAmounts[1].amount", error.Field);
    }

    [Fact]
    public void ValidateRule_EndDate9999_12_31AndDaysInAdvance1000_AreRefused()
    {
        var rule = Rule() with { EndDate = new DateOnly(9999, 12, 31), DaysInAdvance = 1000 };

        Assert.Equal(["rule.endDate", "rule.daysInAdvance"], UpsellInputValidator.ValidateRule(rule).Select(e => e.Field));
    }

    [Fact]
    public void Validate_A1MbRuleCodeAndA600EntryList_AreRefusedWithShortMessages()
    {
        var rule = Rule(code: new string('X', 1_000_000)) with { Channels = Enumerable.Range(0, 600).Select(i => $"C{i}").ToList() };

        var errors = UpsellInputValidator.Validate(rule, Stay());

        Assert.Equal(["rule.code", "rule.channels"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.True(e.Message.Length < 100, e.Message));
    }

    /// <summary>Inside the bounds nothing overflows: the largest rates, amounts and percentages with every rounding,
    /// over the longest stay, through the evaluator and the quote engine's decimal path.</summary>
    [Theory]
    [InlineData(UpsellFormula.FlatAmountAddedToOriginalRate, 1_000_000_000)]
    [InlineData(UpsellFormula.PercentOfOriginalRateAddedToOriginalRate, 1000)]
    [InlineData(UpsellFormula.PercentOfDifferenceAddedToOriginalRate, 100)]
    public void Evaluate_TheLargestValuesTheValidatorAllows_ComputeWithoutOverflow(UpsellFormula formula, int amount)
    {
        var arrival = UpsellLimits.MaxDate.AddDays(-UpsellLimits.MaxNights);
        var rates = Enumerable.Repeat(UpsellLimits.MaxRate - 0.0001m, UpsellLimits.MaxNights).ToArray();
        var targets = Enumerable.Repeat((decimal?)UpsellLimits.MaxRate, UpsellLimits.MaxNights).ToArray();
        var stay = Stay(arrival, rates, targets) with { BookedOn = UpsellLimits.MinDate };
        foreach (var rounding in Enum.GetValues<RoundingRule>())
        {
            var rule = Rule(formula: formula, amount: amount, rounding: rounding) with
            {
                DaysInAdvance = UpsellLimits.MaxDaysInAdvance,
                EndDate = UpsellLimits.MaxDate,
            };
            Assert.Empty(UpsellInputValidator.Validate(rule, stay));

            var evaluation = RuleEvaluator.Evaluate(rule, stay);

            Assert.True(evaluation.Applicable, string.Join("; ", evaluation.Reasons.Select(r => r.Message)));
            Assert.True(evaluation.TotalUpsellRate >= evaluation.TotalOriginalAmount);
        }
    }
}
