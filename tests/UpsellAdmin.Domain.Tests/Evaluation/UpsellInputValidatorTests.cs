using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;
using static UpsellAdmin.Domain.Tests.TestSupport.Build;
using UpsellAdmin.Domain.Tests.TestSupport;

namespace UpsellAdmin.Domain.Tests.Evaluation;

public sealed class UpsellInputValidatorTests
{
    [Fact]
    public void Validate_MatchingRuleAndStay_HasNoErrors() =>
        Assert.Empty(UpsellInputValidator.Validate(Rule(), Stay(rates: [100m, 110m])));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ValidateStay_DepartureNotAfterArrival_NamesDeparture(int nights)
    {
        var stay = Stay() with { Departure = Day(9, 22).AddDays(nights), Nights = [] };

        var error = Assert.Single(UpsellInputValidator.ValidateStay(stay));

        Assert.Equal("stay.departure", error.Field);
    }

    [Fact]
    public void ValidateStay_TooFewNights_NamesNights()
    {
        var stay = Stay(rates: [100m, 100m]) with { Departure = Day(9, 25) };

        Assert.Equal(["stay.nights"], UpsellInputValidator.ValidateStay(stay).Select(e => e.Field));
    }

    [Fact]
    public void ValidateStay_NightsOutOfOrder_NamesTheNightsDate()
    {
        var stay = Stay(rates: [100m, 100m]);
        stay = stay with { Nights = [stay.Nights[1], stay.Nights[0]] };

        Assert.Equal(["stay.nights[0].date", "stay.nights[1].date"], UpsellInputValidator.ValidateStay(stay).Select(e => e.Field));
    }

    [Fact]
    public void ValidateStay_NegativeRates_NameTheNightAndRate()
    {
        var stay = Stay(rates: [100m, -1m], targets: [-5m, 120m]);

        Assert.Equal(["stay.nights[0].targetRate", "stay.nights[1].originalRate"], UpsellInputValidator.ValidateStay(stay).Select(e => e.Field));
    }

    [Fact]
    public void ValidateStay_MissingCodes_NameEachCode()
    {
        var stay = Stay() with { RoomType = "", RateCode = " ", CurrencyCode = "" };

        Assert.Equal(["stay.roomType", "stay.rateCode", "stay.currencyCode"], UpsellInputValidator.ValidateStay(stay).Select(e => e.Field));
    }

    [Fact]
    public void Validate_PercentOfDifferenceWithoutTargetRate_NamesTheNightsTargetRate()
    {
        var rule = Rule(formula: UpsellFormula.PercentOfDifferenceAddedToOriginalRate, amount: 5m);

        var error = Assert.Single(UpsellInputValidator.Validate(rule, Stay(rates: [100m, 100m], targets: [125m, null])));

        Assert.Equal("stay.nights[1].targetRate", error.Field);
    }

    [Fact]
    public void Validate_TargetRateNotAboveOriginal_IsNotBadInput() =>
        Assert.Empty(UpsellInputValidator.Validate(Rule(formula: UpsellFormula.PercentOfDifferenceAddedToOriginalRate, amount: 5m), Stay(rates: [100m], targets: [80m])));

    [Fact]
    public void Validate_FlatWithoutTargetRate_IsFine() =>
        Assert.Empty(UpsellInputValidator.Validate(Rule(), Stay()));

    [Fact]
    public void ValidateRule_OccupancyLevelsWithoutAmounts_NamesOccupancyLevelAmounts()
    {
        var rule = Rule(amount: null) with { UpsellByOccupancyLevels = true };

        Assert.Equal(["rule.occupancyLevelAmounts"], UpsellInputValidator.ValidateRule(rule).Select(e => e.Field));
    }

    [Fact]
    public void Validate_NightWithoutOccupancyLevelWhenRuleUsesLevels_NamesTheNightsLevel()
    {
        var rule = Rule(amount: null) with { UpsellByOccupancyLevels = true, OccupancyLevelAmounts = [new(1, 10m)] };

        var error = Assert.Single(UpsellInputValidator.Validate(rule, Stay(rates: [100m, 100m], levels: [1, null])));

        Assert.Equal("stay.nights[1].occupancyLevel", error.Field);
    }

    [Fact]
    public void Validate_LevelMissingFromNonEmptyAmountList_IsNotBadInput()
    {
        var rule = Rule(amount: null) with { UpsellByOccupancyLevels = true, OccupancyLevelAmounts = [new(1, 10m)] };

        Assert.Empty(UpsellInputValidator.Validate(rule, Stay(levels: [4])));
        Assert.Equal([Criterion.OccupancyLevel], RuleEvaluator.Evaluate(rule, Stay(levels: [4])).FailedCriteria);
    }

    [Fact]
    public void ValidateRule_NoAmountWithoutLevels_NamesUpsellAmount() =>
        Assert.Equal(["rule.upsellAmount"], UpsellInputValidator.ValidateRule(Rule(amount: null)).Select(e => e.Field));

    [Fact]
    public void ValidateRule_RateCodesAndCategories_NamesRateCategories() =>
        Assert.Equal(["rule.rateCategories"], UpsellInputValidator.ValidateRule(Rule() with { RateCodes = ["BAR"], RateCategories = ["PUBLIC"] }).Select(e => e.Field));

    [Fact]
    public void ValidateRule_EndBeforeBeginAndNegativeDays_NamesBoth() =>
        Assert.Equal(
            ["rule.endDate", "rule.daysInAdvance"],
            UpsellInputValidator.ValidateRule(Rule() with { BeginDate = Day(9, 24), EndDate = Day(9, 22), DaysInAdvance = -1 }).Select(e => e.Field));

    [Fact]
    public void ValidateRule_SameLevelTwice_NamesOccupancyLevelAmounts() =>
        Assert.Equal(
            ["rule.occupancyLevelAmounts"],
            UpsellInputValidator.ValidateRule(Rule(amount: null) with { UpsellByOccupancyLevels = true, OccupancyLevelAmounts = [new(1, 1m), new(1, 2m)] }).Select(e => e.Field));

    [Fact]
    public void Validate_RuleAndStayErrors_AreReportedTogether()
    {
        var rule = Rule(amount: null) with { UpsellByOccupancyLevels = true };
        var stay = Stay(rates: [-1m]);

        var fields = UpsellInputValidator.Validate(rule, stay).Select(e => e.Field).ToList();

        Assert.Equal(["rule.occupancyLevelAmounts", "stay.nights[0].originalRate", "stay.nights[0].occupancyLevel"], fields);
    }

    [Fact]
    public void InvalidUpsellInputException_CarriesTheErrors()
    {
        var exception = new InvalidUpsellInputException([new ValidationError("stay.departure", "bad")]);

        Assert.Equal("stay.departure", Assert.Single(exception.Errors).Field);
        Assert.Contains("stay.departure: bad", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateStay_NightCountMismatchMessage_ListsTheExpectedDates()
    {
        var stay = new Stay
        {
            Arrival = Day(9, 22),
            Departure = Day(9, 25),
            BookedOn = Day(9, 1),
            RoomType = "STD",
            RateCode = "BAR",
            CurrencyCode = "USD",
            Nights = [new StayNight(Day(9, 22), 100m)],
        };

        var error = Assert.Single(UpsellInputValidator.ValidateStay(stay));

        Assert.Equal("Expected 3 night(s), one per date from 2026-09-22 to 2026-09-24; got 1.", error.Message);
    }
}
