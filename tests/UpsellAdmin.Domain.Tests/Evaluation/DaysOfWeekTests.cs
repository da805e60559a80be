using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Quotes;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;
using UpsellAdmin.Domain.Tests.TestSupport;
using static UpsellAdmin.Domain.Tests.TestSupport.Build;

namespace UpsellAdmin.Domain.Tests.Evaluation;

/// <summary>
/// Days of week ("weekends in March"): like Begin/End, the whole stay — every night (arrival … departure − 1) falls on
/// a chosen weekday; none chosen = every day. Checked on the evaluator and on both quote engines.
/// </summary>
public sealed class DaysOfWeekTests
{
    private static readonly DayOfWeek[] FriSat = [DayOfWeek.Friday, DayOfWeek.Saturday];

    // 2027-03-05 is a Friday.
    private static readonly DateOnly Friday = new(2027, 3, 5);

    public static TheoryData<string> Engines => ["fast", "naive"];

    [Fact]
    public void Evaluate_FriSatRuleAndStayFriToSun_Applies()
    {
        var result = RuleEvaluator.Evaluate(Rule() with { DaysOfWeek = FriSat }, StayBetween(Friday, Friday.AddDays(2)));

        Assert.True(result.Applicable);
        Assert.Equal(2, result.Nights.Count);
    }

    [Fact]
    public void Evaluate_FriSatRuleAndStayFriToMon_FailsNamingTheSundayNight()
    {
        var result = RuleEvaluator.Evaluate(Rule() with { DaysOfWeek = FriSat }, StayBetween(Friday, Friday.AddDays(3)));

        var reason = Assert.Single(result.Reasons);
        Assert.Equal(Criterion.DaysOfWeek, reason.Criterion);
        Assert.Equal("Sunday 2027-03-07 is not one of the rule's days (Fri, Sat)", reason.Message);
        Assert.Empty(result.Nights);
    }

    [Fact]
    public void Evaluate_StayFailingOnSeveralNights_NamesTheFirstFailingNightOnly()
    {
        // Wed → Sat: Wednesday and Thursday fail; the message names Wednesday.
        var result = RuleEvaluator.Evaluate(Rule() with { DaysOfWeek = FriSat }, StayBetween(Friday.AddDays(-2), Friday.AddDays(1)));

        Assert.Equal("Wednesday 2027-03-03 is not one of the rule's days (Fri, Sat)", Assert.Single(result.Reasons).Message);
    }

    [Fact]
    public void Evaluate_DepartureDayIsNotANight_SaturdayToSundayAppliesToFriSat()
    {
        // The departure day (Sunday) is not a night of the stay.
        Assert.True(RuleEvaluator.Evaluate(Rule() with { DaysOfWeek = FriSat }, StayBetween(Friday.AddDays(1), Friday.AddDays(2))).Applicable);
    }

    [Fact]
    public void Evaluate_DaysOfWeekListedInAnyOrder_MessageListsThemInWeekOrder()
    {
        var rule = Rule() with { DaysOfWeek = [DayOfWeek.Sunday, DayOfWeek.Monday] };

        var result = RuleEvaluator.Evaluate(rule, StayBetween(Friday, Friday.AddDays(1)));

        Assert.Equal("Friday 2027-03-05 is not one of the rule's days (Mon, Sun)", Assert.Single(result.Reasons).Message);
    }

    [Fact]
    public void Evaluate_OtherCriteriaFailToo_DaysOfWeekIsReportedLastInCriterionOrder()
    {
        var rule = Rule() with { DaysOfWeek = [DayOfWeek.Monday], CurrencyCode = "EUR" };

        var result = RuleEvaluator.Evaluate(rule, StayBetween(Friday, Friday.AddDays(1)));

        Assert.Equal([Criterion.Currency, Criterion.DaysOfWeek], result.FailedCriteria);
    }

    /// <summary>
    /// Property-style: for every arrival weekday, every stay length from 1 to 15 nights (crossing one or two weeks),
    /// and every one of the 128 weekday sets, the rule applies exactly when each night's weekday is in the set — and
    /// the empty set and the full set always apply. Both quote engines agree with the evaluator.
    /// </summary>
    [Fact]
    public void Evaluate_AllWeekdaySetsArrivalsAndLengths_AppliesExactlyWhenEveryNightIsAChosenDay()
    {
        var checkedStays = 0;
        for (var mask = 0; mask <= Weekdays.AllBits; mask++)
        {
            var days = Weekdays.FromMask(mask);
            var rule = Rule() with { DaysOfWeek = days };
            var setup = new PropertyUpsellSetup { RoomTypes = [new("STD", "STANDARD", 1), new("DLX", "DELUXE", 2)], Rules = [rule] };
            var fast = PropertyUpsellContext.Compile(setup);
            var naive = new NaiveQuoteEngine(setup);
            for (var offset = 0; offset < 7; offset++)
            {
                var arrival = Friday.AddDays(offset);
                for (var nights = 1; nights <= 15; nights++)
                {
                    var stay = StayBetween(arrival, arrival.AddDays(nights));
                    var expected = mask == 0 || Enumerable.Range(0, nights).All(i => days.Contains(arrival.AddDays(i).DayOfWeek));

                    var evaluation = RuleEvaluator.Evaluate(rule, stay);

                    Assert.Equal(expected, evaluation.Applicable);
                    Assert.Equal(expected ? [] : [Criterion.DaysOfWeek], evaluation.FailedCriteria);
                    var request = new QuoteRequest(stay, NightlyPriceLookup.None);
                    Assert.Equal(expected ? 1 : 0, fast.Quote(request).Offers.Count);
                    Assert.Equal(expected ? 1 : 0, naive.Quote(request).Offers.Count);
                    checkedStays++;
                }
            }
        }

        Assert.Equal(128 * 7 * 15, checkedStays);
    }

    [Fact]
    public void Evaluate_EmptySetAndAllSeven_ApplyToAWholeWeekAndMore()
    {
        var stay = StayBetween(Friday, Friday.AddDays(10));

        Assert.True(RuleEvaluator.Evaluate(Rule(), stay).Applicable);
        Assert.True(RuleEvaluator.Evaluate(Rule() with { DaysOfWeek = Weekdays.InWeekOrder }, stay).Applicable);
        Assert.False(RuleEvaluator.Evaluate(Rule() with { DaysOfWeek = Weekdays.InWeekOrder.Skip(1).ToList() }, stay).Applicable);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_FriSatRule_OfferedFriToSunNotFriToMon_ExplainedWhyNot(string engine)
    {
        var setup = new PropertyUpsellSetup
        {
            RoomTypes = [new("STD", "STANDARD", 1), new("DLX", "DELUXE", 2)],
            Rules = [Rule("WKND") with { DaysOfWeek = FriSat }],
        };
        IUpsellQuoter quoter = engine == "fast" ? PropertyUpsellContext.Compile(setup) : new NaiveQuoteEngine(setup);

        var weekend = quoter.Quote(new QuoteRequest(StayBetween(Friday, Friday.AddDays(2)), NightlyPriceLookup.None, Explain: true));
        var longer = quoter.Quote(new QuoteRequest(StayBetween(Friday, Friday.AddDays(3)), NightlyPriceLookup.None, Explain: true));

        Assert.Equal("WKND", Assert.Single(weekend.Offers).Rule.RuleCode);
        Assert.Empty(longer.Offers);
        var why = Assert.Single(longer.Explanations);
        Assert.Equal("Sunday 2027-03-07 is not one of the rule's days (Fri, Sat)", Assert.Single(why.Failures).Message);
    }

    // ---- Validation: nothing silently changed -------------------------------------------------------------------

    [Fact]
    public void ValidateRule_DayListedTwice_IsRefusedNamingTheEntry()
    {
        var errors = UpsellInputValidator.ValidateRule(Rule() with { DaysOfWeek = [DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Friday] });

        var error = Assert.Single(errors);
        Assert.Equal("rule.daysOfWeek[2]", error.Field);
        Assert.Equal("Friday is listed more than once.", error.Message);
    }

    [Fact]
    public void ValidateRule_NotAWeekday_IsRefused()
    {
        var error = Assert.Single(UpsellInputValidator.ValidateRule(Rule() with { DaysOfWeek = [(DayOfWeek)9] }));

        Assert.Equal("rule.daysOfWeek[0]", error.Field);
    }

    [Fact]
    public void ValidateRule_MoreThanSevenEntries_OneErrorNotOnePerEntry()
    {
        var error = Assert.Single(UpsellInputValidator.ValidateRule(Rule() with { DaysOfWeek = Enumerable.Repeat(DayOfWeek.Monday, 400).ToList() }));

        Assert.Equal("rule.daysOfWeek", error.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void ValidateRule_NoneSomeOrAllSevenDays_IsValid(int count) =>
        Assert.Empty(UpsellInputValidator.ValidateRule(Rule() with { DaysOfWeek = Weekdays.InWeekOrder.Take(count).ToList() }));

    [Fact]
    public void Quote_RuleWithADuplicateDay_IsSkippedByBothEnginesLikeAnyInvalidRule()
    {
        var setup = new PropertyUpsellSetup
        {
            RoomTypes = [new("STD", "STANDARD", 1), new("DLX", "DELUXE", 2)],
            Rules = [Rule("DUP") with { DaysOfWeek = [DayOfWeek.Friday, DayOfWeek.Friday] }],
        };

        Assert.Equal("DUP", Assert.Single(PropertyUpsellContext.Compile(setup).SkippedRules).RuleCode);
        Assert.Equal("DUP", Assert.Single(new NaiveQuoteEngine(setup).SkippedRules).RuleCode);
    }
}
