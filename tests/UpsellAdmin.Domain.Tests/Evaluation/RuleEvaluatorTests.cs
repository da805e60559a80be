using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;
using static UpsellAdmin.Domain.Tests.TestSupport.Build;
using UpsellAdmin.Domain.Tests.TestSupport;

namespace UpsellAdmin.Domain.Tests.Evaluation;

public sealed class RuleEvaluatorTests
{
    private static readonly UpsellFormula Flat = UpsellFormula.FlatAmountAddedToOriginalRate;
    private static readonly UpsellFormula PercentOfDifference = UpsellFormula.PercentOfDifferenceAddedToOriginalRate;
    private static readonly UpsellFormula PercentOfOriginal = UpsellFormula.PercentOfOriginalRateAddedToOriginalRate;

    // ---- The seed's three worked examples -------------------------------------------------------------------

    [Fact]
    public void Evaluate_SeedFlatAmount15On100_Gives115()
    {
        var result = RuleEvaluator.Evaluate(Rule(formula: Flat, amount: 15m), Stay(rates: [100m]));

        Assert.True(result.Applicable);
        Assert.Equal(115.00m, Assert.Single(result.Nights).UpsellRate);
        Assert.Equal(15.00m, result.TotalUpsellAmount);
    }

    [Fact]
    public void Evaluate_SeedFivePercentOfDifference100To125_Gives101Point25()
    {
        var result = RuleEvaluator.Evaluate(Rule(formula: PercentOfDifference, amount: 5m), Stay(rates: [100m], targets: [125m]));

        Assert.True(result.Applicable);
        Assert.Equal(101.25m, Assert.Single(result.Nights).UpsellRate);
        Assert.Equal(1.25m, result.TotalUpsellAmount);
    }

    [Fact]
    public void Evaluate_SeedFivePercentOfOriginal100_Gives105()
    {
        var result = RuleEvaluator.Evaluate(Rule(formula: PercentOfOriginal, amount: 5m), Stay(rates: [100m]));

        Assert.True(result.Applicable);
        Assert.Equal(105.00m, Assert.Single(result.Nights).UpsellRate);
    }

    // ---- Begin / End date ------------------------------------------------------------------------------------

    [Fact]
    public void Evaluate_RuleSep22To24AndStaySep22To26_FailsStayDatesWithPlainMessage()
    {
        var rule = Rule() with { BeginDate = Day(9, 22), EndDate = Day(9, 24) };

        var result = RuleEvaluator.Evaluate(rule, StayBetween(Day(9, 22), Day(9, 26)));

        var reason = Assert.Single(result.Reasons);
        Assert.Equal(Criterion.StayDates, reason.Criterion);
        Assert.Equal("Stay 2026-09-22 → 2026-09-26 is not inside the rule's dates 2026-09-22 – 2026-09-24", reason.Message);
    }

    [Fact]
    public void Evaluate_RuleSep22To24AndStaySep22To25_AppliesBecauseLastNightIsSep24()
    {
        var rule = Rule() with { BeginDate = Day(9, 22), EndDate = Day(9, 24) };

        var result = RuleEvaluator.Evaluate(rule, StayBetween(Day(9, 22), Day(9, 25)));

        Assert.True(result.Applicable);
        Assert.Equal([Day(9, 22), Day(9, 23), Day(9, 24)], result.Nights.Select(n => n.Date));
    }

    [Theory]
    [InlineData(9, 21, 9, 23, false)] // arrives the day before Begin
    [InlineData(9, 22, 9, 23, true)] // first night = Begin
    [InlineData(9, 24, 9, 25, true)] // last night = End
    [InlineData(9, 24, 9, 26, false)] // last night = End + 1
    [InlineData(9, 25, 9, 26, false)] // entirely after
    public void Evaluate_BeginEndBoundaries_AreInclusiveOverNights(int am, int ad, int dm, int dd, bool applies)
    {
        var rule = Rule() with { BeginDate = Day(9, 22), EndDate = Day(9, 24) };

        var result = RuleEvaluator.Evaluate(rule, StayBetween(Day(am, ad), Day(dm, dd)));

        Assert.Equal(applies, result.Applicable);
        Assert.Equal(applies ? [] : [Criterion.StayDates], result.FailedCriteria);
    }

    [Fact]
    public void Evaluate_OpenEndDate_IsUnbounded()
    {
        var rule = Rule() with { BeginDate = Day(9, 22), EndDate = null };

        Assert.True(RuleEvaluator.Evaluate(rule, StayBetween(Day(12, 30, 2030), Day(1, 5, 2031))).Applicable);
        var before = RuleEvaluator.Evaluate(rule, StayBetween(Day(9, 21), Day(9, 23)));
        Assert.Equal("Stay 2026-09-21 → 2026-09-23 is not inside the rule's dates 2026-09-22 – open end", Assert.Single(before.Reasons).Message);
    }

    [Fact]
    public void Evaluate_OpenBeginDate_IsUnboundedBefore()
    {
        var rule = Rule() with { EndDate = Day(9, 24) };

        Assert.True(RuleEvaluator.Evaluate(rule, StayBetween(Day(1, 1, 2020), Day(1, 3, 2020))).Applicable);
        Assert.False(RuleEvaluator.Evaluate(rule, StayBetween(Day(9, 24), Day(9, 26))).Applicable);
    }

    // ---- Days in advance --------------------------------------------------------------------------------------

    [Theory]
    [InlineData(10, true)]
    [InlineData(11, true)]
    [InlineData(9, false)]
    [InlineData(0, false)]
    public void Evaluate_DaysInAdvance10_AppliesWhenBookedAtLeast10DaysBefore(int daysBefore, bool applies)
    {
        var stay = Stay() with { BookedOn = Day(9, 22).AddDays(-daysBefore) };

        var result = RuleEvaluator.Evaluate(Rule() with { DaysInAdvance = 10 }, stay);

        Assert.Equal(applies, result.Applicable);
    }

    [Fact]
    public void Evaluate_BookedThreeDaysBeforeAndRuleNeedsTen_SaysSoInPlainWords()
    {
        var stay = Stay() with { BookedOn = Day(9, 19) };

        var reason = Assert.Single(RuleEvaluator.Evaluate(Rule() with { DaysInAdvance = 10 }, stay).Reasons);

        Assert.Equal(Criterion.DaysInAdvance, reason.Criterion);
        Assert.Equal("Booked 3 days before arrival; the rule needs at least 10", reason.Message);
    }

    [Fact]
    public void Evaluate_NoDaysInAdvance_AppliesToSameDayBooking() =>
        Assert.True(RuleEvaluator.Evaluate(Rule(), Stay() with { BookedOn = Day(9, 22) }).Applicable);

    // ---- Room ---------------------------------------------------------------------------------------------------

    [Fact]
    public void Evaluate_RoomTypeRuleFromOtherType_FailsRoom()
    {
        var reason = Assert.Single(RuleEvaluator.Evaluate(Rule(from: "SUP"), Stay()).Reasons);

        Assert.Equal(Criterion.Room, reason.Criterion);
        Assert.Equal("Room type STD is not the rule's From room type SUP", reason.Message);
    }

    [Fact]
    public void Evaluate_RoomClassRuleFromStaysClass_Applies() =>
        Assert.True(RuleEvaluator.Evaluate(ClassRule("C1", "STANDARD", "DELUXE"), Stay()).Applicable);

    [Fact]
    public void Evaluate_RoomClassRuleNamingTheRoomTypeNotTheClass_FailsRoom()
    {
        var result = RuleEvaluator.Evaluate(ClassRule("C1", "STD", "DELUXE"), Stay());

        Assert.Equal([Criterion.Room], result.FailedCriteria);
    }

    [Fact]
    public void Evaluate_RoomClassRuleAndStayWithoutClass_FailsRoom() =>
        Assert.Equal([Criterion.Room], RuleEvaluator.Evaluate(ClassRule("C1", "STANDARD", "DELUXE"), Stay() with { RoomClass = null }).FailedCriteria);

    // ---- Filters ------------------------------------------------------------------------------------------------

    [Fact]
    public void Evaluate_RateCodeNotInList_FailsRateCodeWithList()
    {
        var stay = Stay() with { RateCode = "RACK" };

        var reason = Assert.Single(RuleEvaluator.Evaluate(Rule() with { RateCodes = ["BAR", "BARBB"] }, stay).Reasons);

        Assert.Equal(Criterion.RateCode, reason.Criterion);
        Assert.Equal("Rate code RACK is not in the rule's list (BAR, BARBB)", reason.Message);
    }

    [Fact]
    public void Evaluate_RateCodeInList_Applies() =>
        Assert.True(RuleEvaluator.Evaluate(Rule() with { RateCodes = ["BARBB", "BAR"] }, Stay()).Applicable);

    [Fact]
    public void Evaluate_RateCodeComparison_IsOrdinal() =>
        Assert.False(RuleEvaluator.Evaluate(Rule() with { RateCodes = ["bar"] }, Stay()).Applicable);

    [Theory]
    [InlineData("PUBLIC", true)]
    [InlineData("CORP", false)]
    [InlineData(null, false)]
    public void Evaluate_RateCategoryList_NeedsTheStaysCategory(string? category, bool applies)
    {
        var result = RuleEvaluator.Evaluate(Rule() with { RateCategories = ["PUBLIC", "PKG"] }, Stay() with { RateCategory = category });

        Assert.Equal(applies ? [] : [Criterion.RateCategory], result.FailedCriteria);
    }

    [Fact]
    public void Evaluate_RateCategoryRule_IgnoresTheRateCode() =>
        Assert.True(RuleEvaluator.Evaluate(Rule() with { RateCategories = ["PUBLIC"] }, Stay() with { RateCode = "ANYTHING" }).Applicable);

    [Theory]
    [InlineData(Criterion.Channel)]
    [InlineData(Criterion.ReservationType)]
    [InlineData(Criterion.Market)]
    public void Evaluate_EmptyList_MatchesAnyValueIncludingNone(Criterion criterion)
    {
        var withValue = WithStayValue(Stay(), criterion, "X");
        var withoutValue = WithStayValue(Stay(), criterion, null);

        Assert.True(RuleEvaluator.Evaluate(Rule(), withValue).Applicable);
        Assert.True(RuleEvaluator.Evaluate(Rule(), withoutValue).Applicable);
    }

    [Theory]
    [InlineData(Criterion.Channel, "WEB", true)]
    [InlineData(Criterion.Channel, "GDS", false)]
    [InlineData(Criterion.Channel, null, false)]
    [InlineData(Criterion.ReservationType, "GTD", true)]
    [InlineData(Criterion.ReservationType, "NON", false)]
    [InlineData(Criterion.ReservationType, null, false)]
    [InlineData(Criterion.Market, "LEIS", true)]
    [InlineData(Criterion.Market, "CORP", false)]
    [InlineData(Criterion.Market, null, false)]
    public void Evaluate_NonEmptyList_MustHoldTheStaysValue(Criterion criterion, string? value, bool applies)
    {
        var rule = Rule() with { Channels = ["WEB", "APP"], ReservationTypes = ["GTD", "6PM"], MarketCodes = ["LEIS", "PKG"] };
        var stay = WithStayValue(WithStayValue(WithStayValue(Stay(), Criterion.Channel, "WEB"), Criterion.ReservationType, "GTD"), Criterion.Market, "LEIS");

        var result = RuleEvaluator.Evaluate(rule, WithStayValue(stay, criterion, value));

        Assert.Equal(applies ? [] : [criterion], result.FailedCriteria);
    }

    [Fact]
    public void Evaluate_ChannelNotInList_NamesTheChannelAndTheList()
    {
        var reason = Assert.Single(RuleEvaluator.Evaluate(Rule() with { Channels = ["WEB"] }, Stay() with { Channel = "GDS" }).Reasons);

        Assert.Equal("Channel GDS is not in the rule's list (WEB)", reason.Message);
    }

    [Fact]
    public void Evaluate_StayWithoutMarketAndRuleWithMarkets_SaysTheStayHasNone()
    {
        var reason = Assert.Single(RuleEvaluator.Evaluate(Rule() with { MarketCodes = ["LEIS"] }, Stay()).Reasons);

        Assert.Equal("The stay has no market; the rule's list is (LEIS)", reason.Message);
    }

    [Theory]
    [InlineData("GOLD", "1", true)] // type-only entry: any level
    [InlineData("GOLD", null, true)]
    [InlineData("PLAT", "TOP", true)] // exact level
    [InlineData("PLAT", "LOW", false)] // other level of a levelled entry
    [InlineData("PLAT", null, false)] // a levelled entry needs the level
    [InlineData("SILVER", null, false)]
    public void Evaluate_MembershipList_MatchesTypeAndOptionalLevel(string type, string? level, bool applies)
    {
        var rule = Rule() with { Memberships = [new MembershipFilter("GOLD"), new MembershipFilter("PLAT", "TOP")] };

        var result = RuleEvaluator.Evaluate(rule, Stay() with { Membership = new StayMembership(type, level) });

        Assert.Equal(applies ? [] : [Criterion.Membership], result.FailedCriteria);
    }

    [Fact]
    public void Evaluate_MembershipListAndStayWithoutMembership_FailsMembership()
    {
        var reason = Assert.Single(RuleEvaluator.Evaluate(Rule() with { Memberships = [new("GOLD")] }, Stay()).Reasons);

        Assert.Equal(Criterion.Membership, reason.Criterion);
        Assert.Equal("The stay has no membership; the rule's list is (GOLD (any level))", reason.Message);
    }

    [Fact]
    public void Evaluate_CurrencyDiffers_FailsCurrency()
    {
        var reason = Assert.Single(RuleEvaluator.Evaluate(Rule(), Stay() with { CurrencyCode = "EUR" }).Reasons);

        Assert.Equal(Criterion.Currency, reason.Criterion);
        Assert.Equal("Currency EUR is not the rule's currency USD", reason.Message);
    }

    [Fact]
    public void Evaluate_ManyCriteriaFail_ReportsEveryOneInCriterionOrder()
    {
        var rule = Rule(from: "SUP", formula: PercentOfDifference, amount: 10m) with
        {
            BeginDate = Day(10, 1),
            DaysInAdvance = 60,
            RateCodes = ["RACK"],
            Memberships = [new("GOLD")],
            Channels = ["WEB"],
            ReservationTypes = ["GTD"],
            MarketCodes = ["LEIS"],
            CurrencyCode = "EUR",
        };

        var result = RuleEvaluator.Evaluate(rule, Stay(rates: [100m], targets: [90m]));

        Assert.False(result.Applicable);
        Assert.Equal(
            [Criterion.StayDates, Criterion.DaysInAdvance, Criterion.Room, Criterion.RateCode, Criterion.Membership, Criterion.Channel,
             Criterion.ReservationType, Criterion.Market, Criterion.Currency, Criterion.TargetRate],
            result.FailedCriteria);
        Assert.Empty(result.Nights);
        Assert.Equal(0m, result.TotalUpsellRate);
    }

    [Fact]
    public void Evaluate_RateCategoryAndOccupancyLevelFailTogether_ReportsBoth()
    {
        var rule = Rule(amount: null) with { RateCategories = ["CORP"], UpsellByOccupancyLevels = true, OccupancyLevelAmounts = [new(1, 10m)] };

        var result = RuleEvaluator.Evaluate(rule, Stay(levels: [2]));

        Assert.Equal([Criterion.RateCategory, Criterion.OccupancyLevel], result.FailedCriteria);
    }

    // ---- Formulas per night, occupancy levels, target rate -------------------------------------------------------

    [Fact]
    public void Evaluate_FlatOverThreeNights_AddsAmountEachNightAndSumsTotals()
    {
        var result = RuleEvaluator.Evaluate(Rule(amount: 20m), Stay(rates: [100m, 120m, 90.50m]));

        Assert.Equal([120m, 140m, 110.50m], result.Nights.Select(n => n.UpsellRate));
        Assert.All(result.Nights, n => Assert.Equal(20m, n.UpsellAmount));
        Assert.Equal(310.50m, result.TotalOriginalAmount);
        Assert.Equal(370.50m, result.TotalUpsellRate);
        Assert.Equal(60m, result.TotalUpsellAmount);
    }

    [Fact]
    public void Evaluate_PercentOfDifferencePerNight_UsesEachNightsTarget()
    {
        var result = RuleEvaluator.Evaluate(Rule(formula: PercentOfDifference, amount: 50m), Stay(rates: [100m, 100m], targets: [150m, 110m]));

        Assert.Equal([125m, 105m], result.Nights.Select(n => n.UpsellRate));
        Assert.Equal(30m, result.TotalUpsellAmount);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("100")] // equal is not above
    public void Evaluate_PercentOfDifferenceWithTargetNotAboveOriginalOnOneNight_FailsTargetRate(string target)
    {
        var targetRate = decimal.Parse(target, System.Globalization.CultureInfo.InvariantCulture);

        var result = RuleEvaluator.Evaluate(Rule(formula: PercentOfDifference, amount: 5m), Stay(rates: [100m, 100m], targets: [125m, targetRate]));

        var reason = Assert.Single(result.Reasons);
        Assert.Equal(Criterion.TargetRate, reason.Criterion);
        Assert.Contains("2026-09-23", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PercentOfDifferenceWithoutTargetRate_FailsTargetRate() =>
        Assert.Equal([Criterion.TargetRate], RuleEvaluator.Evaluate(Rule(formula: PercentOfDifference, amount: 5m), Stay()).FailedCriteria);

    [Fact]
    public void Evaluate_FlatWithTargetBelowOriginal_StillApplies() =>
        Assert.True(RuleEvaluator.Evaluate(Rule(), Stay(rates: [100m], targets: [50m])).Applicable);

    [Fact]
    public void Evaluate_PercentOfOriginalPerNight_UsesEachNightsOriginal()
    {
        var result = RuleEvaluator.Evaluate(Rule(formula: PercentOfOriginal, amount: 10m), Stay(rates: [100m, 80m]));

        Assert.Equal([110m, 88m], result.Nights.Select(n => n.UpsellRate));
    }

    [Fact]
    public void Evaluate_OccupancyLevels_UsesTheAmountOfEachNightsLevel()
    {
        var rule = Rule(amount: null) with { UpsellByOccupancyLevels = true, OccupancyLevelAmounts = [new(1, 10m), new(2, 25m), new(3, 40m)] };

        var result = RuleEvaluator.Evaluate(rule, Stay(rates: [100m, 100m, 100m], levels: [3, 1, 2]));

        Assert.Equal([40m, 10m, 25m], result.Nights.Select(n => n.UpsellAmount));
        Assert.Equal(75m, result.TotalUpsellAmount);
    }

    [Fact]
    public void Evaluate_OccupancyLevelsWithPercentOfOriginal_UsesTheLevelsPercentage()
    {
        var rule = Rule(formula: PercentOfOriginal, amount: null) with { UpsellByOccupancyLevels = true, OccupancyLevelAmounts = [new(1, 5m), new(2, 20m)] };

        var result = RuleEvaluator.Evaluate(rule, Stay(rates: [100m, 100m], levels: [1, 2]));

        Assert.Equal([105m, 120m], result.Nights.Select(n => n.UpsellRate));
    }

    [Fact]
    public void Evaluate_NightLevelWithoutAmount_FailsOccupancyLevelNamingNightAndLevel()
    {
        var rule = Rule(amount: null) with { UpsellByOccupancyLevels = true, OccupancyLevelAmounts = [new(1, 10m), new(2, 25m)] };

        var reason = Assert.Single(RuleEvaluator.Evaluate(rule, Stay(rates: [100m, 100m], levels: [1, 3])).Reasons);

        Assert.Equal(Criterion.OccupancyLevel, reason.Criterion);
        Assert.Equal("No amount for occupancy level 3 on 2026-09-23; the rule has amounts for levels 1, 2", reason.Message);
    }

    [Fact]
    public void Evaluate_NightWithoutLevelAndRuleUsingLevels_FailsOccupancyLevel() =>
        Assert.Equal(
            [Criterion.OccupancyLevel],
            RuleEvaluator.Evaluate(Rule(amount: null) with { UpsellByOccupancyLevels = true, OccupancyLevelAmounts = [new(1, 10m)] }, Stay()).FailedCriteria);

    [Fact]
    public void Evaluate_RuleWithoutLevels_IgnoresTheNightsLevel() =>
        Assert.True(RuleEvaluator.Evaluate(Rule(), Stay(levels: [9])).Applicable);

    // ---- Rounding per night, upsell amount ------------------------------------------------------------------------

    [Fact]
    public void Evaluate_RoundingUp_IsAppliedPerNightNotToTheTotal()
    {
        var rule = Rule(formula: PercentOfDifference, amount: 5m, rounding: RoundingRule.Up);

        var result = RuleEvaluator.Evaluate(rule, Stay(rates: [100m, 100m], targets: [125m, 125m]));

        Assert.Equal([102m, 102m], result.Nights.Select(n => n.UpsellRate)); // 101.25 each, not ⌈202.50⌉ = 203
        Assert.Equal(204m, result.TotalUpsellRate);
        Assert.Equal(4m, result.TotalUpsellAmount);
    }

    [Theory]
    [InlineData(RoundingRule.None, "104.95")]
    [InlineData(RoundingRule.Up, "105")]
    [InlineData(RoundingRule.Down, "104")]
    [InlineData(RoundingRule.UpKeepDecimal, "104.95")]
    [InlineData(RoundingRule.DownKeepDecimal, "103.95")]
    public void Evaluate_EachRoundingRule_RoundsTheUpsellRate(RoundingRule rounding, string expected)
    {
        // 99.95 + 5 % of 99.95 = 104.9475
        var night = Assert.Single(RuleEvaluator.Evaluate(Rule(formula: PercentOfOriginal, amount: 5m, rounding: rounding), Stay(rates: [99.95m])).Nights);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), night.UpsellRate);
        Assert.Equal(night.UpsellRate - 99.95m, night.UpsellAmount);
    }

    [Fact]
    public void Evaluate_RuleWithoutAmountOrLevels_ThrowsInvalidInput() =>
        Assert.Throws<InvalidUpsellInputException>(() => RuleEvaluator.Evaluate(Rule(amount: null), Stay()));

    [Fact]
    public void Evaluate_RandomStays_TotalsEqualTheSumOfNights()
    {
        var random = new Random(42);
        var formulas = Enum.GetValues<UpsellFormula>();
        var roundings = Enum.GetValues<RoundingRule>();
        var applicable = 0;
        for (var i = 0; i < 2_000; i++)
        {
            var nights = random.Next(1, 15);
            var rates = Enumerable.Range(0, nights).Select(_ => random.Next(5_000, 40_000) / 100m).ToArray();
            var targets = rates.Select(r => (decimal?)(r + (random.Next(-500, 10_000) / 100m))).ToArray();
            var rule = Rule(formula: formulas[random.Next(formulas.Length)], amount: random.Next(0, 5_000) / 100m, rounding: roundings[random.Next(roundings.Length)]);

            var result = RuleEvaluator.Evaluate(rule, Stay(rates: rates, targets: targets));

            if (!result.Applicable)
            {
                Assert.Equal([Criterion.TargetRate], result.FailedCriteria);
                continue;
            }

            applicable++;
            Assert.Equal(nights, result.Nights.Count);
            Assert.Equal(result.Nights.Sum(n => n.OriginalRate), result.TotalOriginalAmount);
            Assert.Equal(result.Nights.Sum(n => n.UpsellRate), result.TotalUpsellRate);
            Assert.Equal(result.Nights.Sum(n => n.UpsellAmount), result.TotalUpsellAmount);
            Assert.Equal(result.TotalUpsellRate - result.TotalOriginalAmount, result.TotalUpsellAmount);
            Assert.All(result.Nights, n => Assert.Equal(n.UpsellRate - n.OriginalRate, n.UpsellAmount));
            Assert.All(result.Nights, n => Assert.Equal(
                UpsellMath.UpsellRate(rule.Formula, rule.UpsellAmount!.Value, rule.RoundingRule, n.OriginalRate, targets[(n.Date.DayNumber - result.Nights[0].Date.DayNumber)]!.Value),
                n.UpsellRate));
        }

        Assert.InRange(applicable, 1_000, 2_000); // the check above must really run
    }

    private static Stay WithStayValue(Stay stay, Criterion criterion, string? value) => criterion switch
    {
        Criterion.Channel => stay with { Channel = value },
        Criterion.ReservationType => stay with { ReservationType = value },
        Criterion.Market => stay with { Market = value },
        _ => throw new ArgumentOutOfRangeException(nameof(criterion)),
    };
}
