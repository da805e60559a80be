using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Quotes;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;
using static UpsellAdmin.Domain.Tests.TestSupport.Build;
using UpsellAdmin.Domain.Tests.TestSupport;

namespace UpsellAdmin.Domain.Tests.Quotes;

/// <summary>The quote decisions, checked on both engines: the compiled context and the naive reference.</summary>
public sealed class QuoteEngineTests
{
    public static TheoryData<string> Engines => ["fast", "naive"];

    private static readonly RoomTypeInfo[] RoomTypes =
    [
        new("STD", "STANDARD", 1),
        new("STK", "STANDARD", 2),
        new("DLX", "DELUXE", 10),
        new("DLK", "DELUXE", 11),
        new("STE", "SUITE", 20),
    ];

    /// <summary>BAR prices per night: STD 100, STK 110, DLX 150, DLK 160, STE 300 (STE has no price on 2026-09-23).</summary>
    private static readonly INightlyPriceLookup Prices = NightlyPriceLookup.From((rateCode, roomType, date) =>
        rateCode != "BAR" ? null
        : roomType == "STE" && date == Day(9, 23) ? null
        : roomType switch { "STD" => 100m, "STK" => 110m, "DLX" => 150m, "DLK" => 160m, "STE" => 300m, _ => null });

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_RoomTypeRule_OffersItsToRoomTypeWithNightsAndTotals(string engine)
    {
        var result = Quote(engine, [Rule("R1", "STD", "DLX", amount: 20m)], Stay(rates: [100m, 100m]));

        var offer = Assert.Single(result.Offers);
        Assert.Equal("DLX", offer.ToRoomType);
        Assert.Equal("DELUXE", offer.ToRoomClass);
        Assert.Equal("R1", offer.Rule.RuleCode);
        Assert.Equal([120m, 120m], offer.Nights.Select(n => n.UpsellRate));
        Assert.Equal(200m, offer.TotalOriginalAmount);
        Assert.Equal(240m, offer.TotalUpsellRate);
        Assert.Equal(40m, offer.TotalUpsellAmount);
        Assert.Equal(40m, offer.Rule.TotalUpsellAmount);
        Assert.Empty(offer.OtherMatchingRules);
        Assert.False(result.ExceedsMaximumLengthOfStay);
        Assert.Empty(result.Explanations);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_RoomClassRule_OffersEveryRoomTypeOfItsToClass(string engine)
    {
        var result = Quote(engine, [ClassRule("C1", "STANDARD", "DELUXE")], Stay());

        Assert.Equal(["DLX", "DLK"], result.Offers.Select(o => o.ToRoomType));
        Assert.All(result.Offers, o => Assert.Equal("C1", o.Rule.RuleCode));
        Assert.Equal([10, 11], result.Offers.Select(o => o.DisplaySequence));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_RoomClassRuleIntoOwnClass_NeverOffersTheStaysOwnRoomType(string engine)
    {
        var result = Quote(engine, [ClassRule("C1", "STANDARD", "STANDARD")], Stay());

        Assert.Equal(["STK"], result.Offers.Select(o => o.ToRoomType));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_RoomTypeRuleToItsOwnFromType_OffersNothing(string engine) =>
        Assert.Empty(Quote(engine, [Rule("R1", "STD", "STD")], Stay()).Offers);

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_RuleToUnknownRoomType_OffersNothing(string engine) =>
        Assert.Empty(Quote(engine, [Rule("R1", "STD", "PENTHOUSE")], Stay()).Offers);

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_HierarchyForTheStaysRoomType_OffersOnlyListedTargetsInTheHierarchysSequence(string engine)
    {
        RoomHierarchyEntry[] hierarchy = [new("STD", "DLK", 1), new("STD", "STE", 2), new("STK", "DLX", 1)];
        UpsellRuleDefinition[] rules = [ClassRule("C1", "STANDARD", "DELUXE"), Rule("R2", "STD", "STE")];

        var result = Quote(engine, rules, Stay(), hierarchy: hierarchy);

        Assert.Equal(["DLK", "STE"], result.Offers.Select(o => o.ToRoomType));
        Assert.Equal([1, 2], result.Offers.Select(o => o.DisplaySequence));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_HierarchySequence_OrdersOffersInsteadOfTheRoomTypesOwn(string engine)
    {
        RoomHierarchyEntry[] hierarchy = [new("STD", "DLK", 5), new("STD", "DLX", 7)];

        var result = Quote(engine, [ClassRule("C1", "STANDARD", "DELUXE")], Stay(), hierarchy: hierarchy);

        Assert.Equal(["DLK", "DLX"], result.Offers.Select(o => o.ToRoomType)); // own sequences would give DLX first
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_HierarchyOnlyForAnotherRoomType_DoesNotRestrict(string engine)
    {
        var result = Quote(engine, [ClassRule("C1", "STANDARD", "DELUXE")], Stay(), hierarchy: [new("STK", "DLX", 1)]);

        Assert.Equal(["DLX", "DLK"], result.Offers.Select(o => o.ToRoomType));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_PercentOfDifference_UsesTheLookupsTargetPrices(string engine)
    {
        var rule = Rule("R1", "STD", "DLX", UpsellFormula.PercentOfDifferenceAddedToOriginalRate, 10m);

        var offer = Assert.Single(Quote(engine, [rule], Stay(rates: [100m, 100m])).Offers);

        Assert.Equal([105m, 105m], offer.Nights.Select(n => n.UpsellRate)); // 100 + 10 % × (150 − 100)
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_PercentOfDifferenceAndNightWithoutTargetPrice_TargetNotOfferedButFlatIs(string engine)
    {
        UpsellRuleDefinition[] rules =
        [
            Rule("PCT", "STD", "STE", UpsellFormula.PercentOfDifferenceAddedToOriginalRate, 10m),
            Rule("FLAT", "STD", "STE", amount: 50m) with { Channels = ["WEB"] },
        ];

        var withoutFlat = Quote(engine, rules, Stay(rates: [100m, 100m]), explain: true);
        var withFlat = Quote(engine, rules, Stay(rates: [100m, 100m]) with { Channel = "WEB" });

        Assert.Empty(withoutFlat.Offers);
        var explanation = Assert.Single(withoutFlat.Explanations, e => e.RuleCode == "PCT");
        Assert.Equal("STE", explanation.TargetRoomType);
        Assert.Equal(Criterion.TargetRate, Assert.Single(explanation.Failures).Criterion);
        Assert.Equal("FLAT", Assert.Single(withFlat.Offers).Rule.RuleCode);
        Assert.Empty(withFlat.Offers[0].OtherMatchingRules);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_PercentOfDifferenceWithTargetCheaperThanOriginal_IsNotOffered(string engine)
    {
        var rule = Rule("R1", "STD", "DLX", UpsellFormula.PercentOfDifferenceAddedToOriginalRate, 10m);

        Assert.Empty(Quote(engine, [rule], Stay(rates: [100m, 150m])).Offers); // DLX costs 150 both nights
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_RoomTypeRuleAndRoomClassRule_RoomTypeRuleWinsEvenWhenDearer(string engine)
    {
        UpsellRuleDefinition[] rules = [ClassRule("A-CLASS", "STANDARD", "DELUXE", amount: 5m), Rule("Z-TYPE", "STD", "DLX", amount: 50m)];

        var offer = Assert.Single(Quote(engine, rules, Stay()).Offers, o => o.ToRoomType == "DLX");

        Assert.Equal("Z-TYPE", offer.Rule.RuleCode);
        Assert.Equal(["A-CLASS"], offer.OtherMatchingRules.Select(r => r.RuleCode));
        Assert.Equal(5m, offer.OtherMatchingRules[0].TotalUpsellAmount);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_SameKindOfRule_MoreFiltersWinEvenWhenDearer(string engine)
    {
        UpsellRuleDefinition[] rules =
        [
            Rule("A", "STD", "DLX", amount: 5m) with { RateCodes = ["BAR"] },
            Rule("B", "STD", "DLX", amount: 50m) with { RateCodes = ["BAR"], Channels = ["WEB"] },
        ];

        var offer = Assert.Single(Quote(engine, rules, Stay() with { Channel = "WEB" }).Offers);

        Assert.Equal("B", offer.Rule.RuleCode);
        Assert.Equal(2, offer.Rule.FilterCount);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_SameKindAndFilters_LowerTotalUpsellRateWins(string engine)
    {
        UpsellRuleDefinition[] rules = [Rule("A", "STD", "DLX", amount: 30m), Rule("B", "STD", "DLX", amount: 20m), Rule("C", "STD", "DLX", amount: 25m)];

        var offer = Assert.Single(Quote(engine, rules, Stay()).Offers);

        Assert.Equal("B", offer.Rule.RuleCode);
        Assert.Equal(["C", "A"], offer.OtherMatchingRules.Select(r => r.RuleCode));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_FullTie_RuleCodeOrdinalWins(string engine)
    {
        UpsellRuleDefinition[] rules = [Rule("b", "STD", "DLX"), Rule("B", "STD", "DLX"), Rule("A2", "STD", "DLX")];

        var offer = Assert.Single(Quote(engine, rules, Stay()).Offers);

        Assert.Equal("A2", offer.Rule.RuleCode);
        Assert.Equal(["B", "b"], offer.OtherMatchingRules.Select(r => r.RuleCode)); // ordinal: upper case first
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_SortByDisplaySequence_OrdersBySequenceThenCode(string engine)
    {
        var types = RoomTypes.Append(new RoomTypeInfo("DLA", "DELUXE", 10)).ToArray();

        var result = Quote(engine, [ClassRule("C1", "STANDARD", "DELUXE"), Rule("R1", "STD", "STE")], Stay(), types);

        Assert.Equal(["DLA", "DLX", "DLK", "STE"], result.Offers.Select(o => o.ToRoomType));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_SortByAmountAscending_CheapestFirstTiesBySequence(string engine)
    {
        UpsellRuleDefinition[] rules = [Rule("R1", "STD", "STE", amount: 10m), Rule("R2", "STD", "DLK", amount: 30m), Rule("R3", "STD", "DLX", amount: 30m), Rule("R4", "STD", "STK", amount: 40m)];

        var result = Quote(engine, rules, Stay(), settings: new(SortOrder: OfferSortOrder.UpsellAmountAscending));

        Assert.Equal(["STE", "DLX", "DLK", "STK"], result.Offers.Select(o => o.ToRoomType));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_SortByAmountDescending_DearestFirstTiesBySequence(string engine)
    {
        UpsellRuleDefinition[] rules = [Rule("R1", "STD", "STE", amount: 10m), Rule("R2", "STD", "DLK", amount: 30m), Rule("R3", "STD", "DLX", amount: 30m), Rule("R4", "STD", "STK", amount: 40m)];

        var result = Quote(engine, rules, Stay(), settings: new(SortOrder: OfferSortOrder.UpsellAmountDescending));

        Assert.Equal(["STK", "DLX", "DLK", "STE"], result.Offers.Select(o => o.ToRoomType));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_MaximumNumberOfOffers_CutsAfterSorting(string engine)
    {
        UpsellRuleDefinition[] rules = [Rule("R1", "STD", "STE", amount: 10m), Rule("R2", "STD", "DLK", amount: 30m), Rule("R3", "STD", "DLX", amount: 20m)];

        var result = Quote(engine, rules, Stay(), settings: new(MaximumNumberOfOffers: 2, SortOrder: OfferSortOrder.UpsellAmountAscending));

        Assert.Equal(["STE", "DLX"], result.Offers.Select(o => o.ToRoomType));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_MaximumNumberOfOffersZero_OffersNothing(string engine) =>
        Assert.Empty(Quote(engine, [Rule()], Stay(), settings: new(MaximumNumberOfOffers: 0)).Offers);

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_StayLongerThanMaximumLengthOfStay_HasNoOffersAndSaysWhy(string engine)
    {
        var result = Quote(engine, [Rule()], Stay(rates: [100m, 100m, 100m]), settings: new(MaximumLengthOfStay: 2), explain: true);

        Assert.Empty(result.Offers);
        Assert.True(result.ExceedsMaximumLengthOfStay);
        Assert.Equal("The stay has 3 nights; the property's maximum length of stay for upsell offers is 2", result.Reason);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_StayOfExactlyMaximumLengthOfStay_GetsOffers(string engine)
    {
        var result = Quote(engine, [Rule()], Stay(rates: [100m, 100m]), settings: new(MaximumLengthOfStay: 2));

        Assert.Single(result.Offers);
        Assert.False(result.ExceedsMaximumLengthOfStay);
        Assert.Null(result.Reason);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_OccupancyLevelsPerNight_ComeFromTheRequest(string engine)
    {
        var rule = Rule("LV", "STD", "DLX", amount: null) with { UpsellByOccupancyLevels = true, OccupancyLevelAmounts = [new(1, 10m), new(2, 30m)] };

        var offered = Quote(engine, [rule], Stay(rates: [100m, 100m], levels: [2, 1]));
        var missing = Quote(engine, [rule], Stay(rates: [100m, 100m], levels: [2, 3]), explain: true);

        Assert.Equal([30m, 10m], Assert.Single(offered.Offers).Nights.Select(n => n.UpsellAmount));
        Assert.Empty(missing.Offers);
        Assert.Equal(Criterion.OccupancyLevel, Assert.Single(Assert.Single(missing.Explanations).Failures).Criterion);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_Explain_GivesEveryFailedCriterionOfEveryUnmatchedRule(string engine)
    {
        UpsellRuleDefinition[] rules =
        [
            Rule("OK", "STD", "DLX"),
            Rule("BAD", "STD", "DLK") with { Channels = ["WEB"], DaysInAdvance = 90 },
            Rule("OTHER", "STK", "DLX"),
        ];

        var result = Quote(engine, rules, Stay(), explain: true);

        Assert.Equal(["OK"], result.Offers.Select(o => o.Rule.RuleCode));
        var bad = Assert.Single(result.Explanations, e => e.RuleCode == "BAD");
        Assert.Equal([Criterion.DaysInAdvance, Criterion.Channel], bad.Failures.Select(f => f.Criterion));
        Assert.Null(bad.NotOfferedReason);
        var other = Assert.Single(result.Explanations, e => e.RuleCode == "OTHER");
        Assert.Equal([Criterion.Room], other.Failures.Select(f => f.Criterion));
        Assert.DoesNotContain(result.Explanations, e => e.RuleCode == "OK");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_Explain_SaysWhyATargetMayNotBeOffered(string engine)
    {
        UpsellRuleDefinition[] rules = [Rule("HIER", "STD", "DLK"), Rule("NOWHERE", "STD", "PENTHOUSE"), ClassRule("EMPTY", "STANDARD", "NOCLASS")];

        var result = Quote(engine, rules, Stay(), hierarchy: [new("STD", "DLX", 1)], explain: true);

        Assert.Empty(result.Offers);
        var hier = Assert.Single(result.Explanations, e => e.RuleCode == "HIER");
        Assert.Empty(hier.Failures);
        Assert.Equal("DLK is not in the room hierarchy of STD", hier.NotOfferedReason);
        var nowhere = Assert.Single(result.Explanations, e => e.RuleCode == "NOWHERE");
        Assert.Null(nowhere.TargetRoomType);
        Assert.Equal("To room type PENTHOUSE is not a room type of the property", nowhere.NotOfferedReason);
        Assert.Equal("To room class NOCLASS has no room types", Assert.Single(result.Explanations, e => e.RuleCode == "EMPTY").NotOfferedReason);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_InvalidStay_ThrowsWithFieldNamedErrors(string engine)
    {
        var stay = Stay() with { Departure = Day(9, 22) };

        var exception = Assert.Throws<InvalidUpsellInputException>(() => Quote(engine, [Rule()], stay));

        Assert.Contains(exception.Errors, e => e.Field == "stay.departure");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_StayNightTargetRates_AreIgnoredInFavourOfTheLookup(string engine)
    {
        var rule = Rule("R1", "STD", "DLX", UpsellFormula.PercentOfDifferenceAddedToOriginalRate, 10m);

        var offer = Assert.Single(Quote(engine, [rule], Stay(rates: [100m], targets: [1_000m])).Offers);

        Assert.Equal(105m, offer.TotalUpsellRate);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_StayWhoseClassIsNotItsRoomTypesClass_MatchesClassRulesOnTheStaysClass(string engine)
    {
        var result = Quote(engine, [ClassRule("C1", "DELUXE", "SUITE"), ClassRule("C2", "STANDARD", "DELUXE")], Stay() with { RoomClass = "DELUXE" });

        Assert.Equal(["STE"], result.Offers.Select(o => o.ToRoomType));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_PercentOfOriginalWithoutAnyTargetPrice_IsOffered(string engine)
    {
        var rule = Rule("R1", "STD", "STE", UpsellFormula.PercentOfOriginalRateAddedToOriginalRate, 10m);
        var setup = Setup([rule]);
        IUpsellQuoter quoter = engine == "fast" ? PropertyUpsellContext.Compile(setup) : new NaiveQuoteEngine(setup);

        var offer = Assert.Single(quoter.Quote(new QuoteRequest(Stay(rates: [100m, 200m]), NightlyPriceLookup.None)).Offers);

        Assert.Equal(330m, offer.TotalUpsellRate);
    }

    [Fact]
    public void Quote_PercentOfDifferenceRulesForOneTarget_FetchTargetPricesOncePerTargetInOneBatch()
    {
        UpsellRuleDefinition[] rules =
        [
            Rule("P1", "STD", "DLX", UpsellFormula.PercentOfDifferenceAddedToOriginalRate, 10m),
            Rule("P2", "STD", "DLX", UpsellFormula.PercentOfDifferenceAddedToOriginalRate, 20m),
            ClassRule("P3", "STANDARD", "DELUXE") with { Formula = UpsellFormula.PercentOfDifferenceAddedToOriginalRate },
            Rule("F1", "STD", "STE"),
        ];
        var lookup = new CountingLookup();
        var context = PropertyUpsellContext.Compile(Setup(rules));

        var result = context.Quote(new QuoteRequest(Stay(rates: [100m, 100m, 100m]), lookup));

        Assert.Equal(["DLX", "DLK", "STE"], result.Offers.Select(o => o.ToRoomType));
        Assert.Equal(["DLK", "DLX"], lookup.Batches.Order(StringComparer.Ordinal)); // none for STE: its rule is Flat
        Assert.Equal(0, lookup.SingleCalls);
        Assert.Equal("P1", result.Offers[0].Rule.RuleCode);
        Assert.Equal([115m, 115m, 115m], result.Offers[0].Nights.Select(n => n.UpsellRate)); // 100 + 10 % × (250 − 100)
    }

    [Fact]
    public void Compile_MalformedRule_IsSkippedAndReported()
    {
        var context = PropertyUpsellContext.Compile(Setup([Rule("GOOD", "STD", "DLX"), Rule("BROKEN", "STD", "DLK", amount: null)]));

        Assert.Equal(1, context.RuleCount);
        Assert.Equal("BROKEN", Assert.Single(context.SkippedRules).RuleCode);
        Assert.Equal(["DLX"], context.Quote(new QuoteRequest(Stay(), Prices)).Offers.Select(o => o.ToRoomType));
    }

    [Fact]
    public void Quote_TestDialogContextOfOneClassRule_ShowsOneOfferPerRoomTypeOfItsToClass()
    {
        var context = PropertyUpsellContext.Compile(Setup([ClassRule("EDIT", "STANDARD", "DELUXE", amount: 12.5m)]));

        var result = context.Quote(new QuoteRequest(Stay(), Prices, Explain: true));

        Assert.Equal(["DLX", "DLK"], result.Offers.Select(o => o.ToRoomType));
        Assert.All(result.Offers, o => Assert.Equal(12.5m, o.TotalUpsellAmount));
        Assert.Empty(result.Explanations);
    }

    [Fact]
    public void Quote_SameContextFromManyThreads_GivesTheSequentialResults()
    {
        var context = PropertyUpsellContext.Compile(Setup(
        [
            ClassRule("C1", "STANDARD", "DELUXE"),
            Rule("R1", "STD", "STE", UpsellFormula.PercentOfDifferenceAddedToOriginalRate, 20m),
            Rule("R2", "STK", "STE", amount: 40m),
        ]));
        var stays = Enumerable.Range(0, 400)
            .Select(i => Stay(Day(9, 24), Enumerable.Repeat(90m + (i % 7), 1 + (i % 5)).ToArray()) with { RoomType = i % 2 == 0 ? "STD" : "STK" })
            .ToArray();
        var expected = stays.Select(s => Describe(context.Quote(new QuoteRequest(s, Prices)))).ToArray();

        var actual = new string[stays.Length];
        Parallel.For(0, stays.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = Describe(context.Quote(new QuoteRequest(stays[i], Prices))));

        Assert.Equal(expected, actual);
        Assert.Contains(expected, d => d.Contains("STE", StringComparison.Ordinal));
    }

    private sealed class CountingLookup : INightlyPriceLookup
    {
        public List<string> Batches { get; } = [];
        public int SingleCalls { get; private set; }

        public decimal? GetNightlyRate(string rateCode, string roomType, DateOnly date)
        {
            SingleCalls++;
            return 250m;
        }

        public void GetNightlyRates(string rateCode, string roomType, DateOnly firstNight, Span<decimal?> rates)
        {
            Batches.Add(roomType);
            rates.Fill(250m);
        }
    }

    private static string Describe(QuoteResult result) =>
        string.Join("|", result.Offers.Select(o => $"{o.ToRoomType}:{o.Rule.RuleCode}:{o.TotalUpsellRate}:{string.Join(",", o.Nights.Select(n => n.UpsellRate))}"));

    private static PropertyUpsellSetup Setup(
        UpsellRuleDefinition[] rules,
        RoomTypeInfo[]? roomTypes = null,
        RoomHierarchyEntry[]? hierarchy = null,
        PropertyUpsellSettings? settings = null) => new()
        {
            Rules = rules,
            RoomTypes = roomTypes ?? RoomTypes,
            Hierarchy = hierarchy ?? [],
            Settings = settings ?? new(),
        };

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_UnavailableTarget_LeftOutBeforeTheCut_AndExplained(string engine)
    {
        // Three targets, at most two offers: with DLX full, STK and STE fill the two places (DLX does not take one).
        UpsellRuleDefinition[] rules = [Rule("A", "STD", "STK", amount: 5m), Rule("B", "STD", "DLX", amount: 10m), Rule("C", "STD", "STE", amount: 30m)];
        var full = new Dictionary<string, string> { ["DLX"] = "no free DLX room on 2026-09-23" };

        var result = Quote(engine, rules, Stay(), settings: new(MaximumNumberOfOffers: 2, SortOrder: OfferSortOrder.UpsellAmountAscending),
            explain: true, unavailable: full);

        Assert.Equal(["STK", "STE"], result.Offers.Select(o => o.ToRoomType));
        var why = Assert.Single(result.Explanations, e => e.TargetRoomType == "DLX");
        Assert.Equal("B", why.RuleCode);
        Assert.Equal("no free DLX room on 2026-09-23", why.NotOfferedReason);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_RuleSavedWithAnEndDateOf9999_12_31BeforeTheDateBoundExisted_StillOffers(string engine)
    {
        var rule = Rule("OPEN", "STD", "DLX", amount: 20m) with { EndDate = new DateOnly(9999, 12, 31) };

        var result = Quote(engine, [rule], Stay(rates: [100m, 100m]));

        Assert.Equal("OPEN", Assert.Single(result.Offers).Rule.RuleCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Quote_AVietnameseHotelsRateOf25MillionDong_IsQuotedNotRefused(string engine)
    {
        var result = Quote(engine, [Rule("VND", "STD", "DLX", amount: 500_000m)], Stay(rates: [25_000_000m, 25_000_000m]));

        Assert.Equal([25_500_000m, 25_500_000m], Assert.Single(result.Offers).Nights.Select(n => n.UpsellRate));
    }

    private static QuoteResult Quote(
        string engine,
        UpsellRuleDefinition[] rules,
        Stay stay,
        RoomTypeInfo[]? roomTypes = null,
        RoomHierarchyEntry[]? hierarchy = null,
        PropertyUpsellSettings? settings = null,
        bool explain = false,
        Dictionary<string, string>? unavailable = null)
    {
        var setup = Setup(rules, roomTypes, hierarchy, settings);
        IUpsellQuoter quoter = engine == "fast" ? PropertyUpsellContext.Compile(setup) : new NaiveQuoteEngine(setup);
        return quoter.Quote(new QuoteRequest(stay, Prices, explain, unavailable));
    }
}
