using System.Globalization;
using System.Text;
using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Quotes;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;
using UpsellAdmin.Domain.Tests.TestSupport;

namespace UpsellAdmin.Domain.Tests.Quotes;

/// <summary>
/// The key correctness check of the compiled index: on thousands of random stays against random properties (small code
/// lists, so that rules collide, tie and compete), the fast context gives exactly the naive engine's quote.
/// </summary>
public sealed class QuoteEquivalenceTests
{
    private static readonly string[] Classes = ["STANDARD", "DELUXE", "SUITE"];
    private static readonly string[] RateCodes = ["BAR", "BARBB", "RACK", "CORP1", "PKG"];
    private static readonly string[] Channels = ["WEB", "GDS", "APP"];
    private static readonly string[] Markets = ["LEIS", "CORP", "GRP"];
    private static readonly string[] ReservationTypes = ["GTD", "6PM", "NON"];
    private static readonly string[] MembershipTypes = ["GOLDCLUB", "ELITE"];
    private static readonly string[] Levels = ["BASIC", "SILVER", "TOP"];

    [Fact]
    public void Quote_TwoThousandRandomStays_FastContextEqualsNaiveEngine()
    {
        var random = new Random(20261122);
        var unavailableRandom = new Random(7); // its own sequence, so the stays and setups stay the same
        var withUnavailable = 0;
        int stays = 0, withOffers = 0, withOthers = 0, percentOfDifferenceOffers = 0, levelOffers = 0, classOffers = 0, weekdayOffers = 0, weekdayRefusals = 0;
        for (var property = 0; property < 40; property++)
        {
            var setup = RandomSetup(random);
            var fast = PropertyUpsellContext.Compile(setup);
            var naive = new NaiveQuoteEngine(setup);
            Assert.Equal(naive.SkippedRules.Select(s => s.RuleCode), fast.SkippedRules.Select(s => s.RuleCode));
            var prices = RandomPrices(random.Next());
            for (var i = 0; i < 50; i++)
            {
                var stay = RandomStay(random, setup);
                // Every third stay: some room types are full on a night (the desk's availability check).
                var unavailable = i % 3 == 0
                    ? setup.RoomTypes.Where(_ => unavailableRandom.Next(3) == 0).ToDictionary(r => r.Code, r => $"no free {r.Code} room")
                    : null;
                withUnavailable += unavailable is { Count: > 0 } ? 1 : 0;
                var request = new QuoteRequest(stay, prices, Explain: i % 10 == 0 || i % 3 == 0, Unavailable: unavailable);

                var expected = naive.Quote(request);
                var actual = fast.Quote(request);

                Assert.Equal(Describe(expected), Describe(actual));
                stays++;
                withOffers += expected.Offers.Count > 0 ? 1 : 0;
                withOthers += expected.Offers.Any(o => o.OtherMatchingRules.Count > 0) ? 1 : 0;
                var rulesByCode = setup.Rules.GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.First());
                percentOfDifferenceOffers += expected.Offers.Count(o => rulesByCode[o.Rule.RuleCode].Formula == UpsellFormula.PercentOfDifferenceAddedToOriginalRate);
                levelOffers += expected.Offers.Count(o => rulesByCode[o.Rule.RuleCode].UpsellByOccupancyLevels);
                classOffers += expected.Offers.Count(o => !o.Rule.UpsellByRoomType);
                weekdayOffers += expected.Offers.Count(o => rulesByCode[o.Rule.RuleCode].DaysOfWeek.Count > 0);
                weekdayRefusals += expected.Explanations.Count(e => e.Failures.Any(f => f.Criterion == Criterion.DaysOfWeek));
            }
        }

        // The comparison above is only worth something if the random data exercises every path.
        Assert.Equal(2_000, stays);
        Assert.InRange(withOffers, 600, 2_000);
        Assert.InRange(withOthers, 200, 2_000);
        Assert.InRange(percentOfDifferenceOffers, 100, int.MaxValue);
        Assert.InRange(levelOffers, 100, int.MaxValue);
        Assert.InRange(classOffers, 100, int.MaxValue);
        Assert.InRange(weekdayOffers, 20, int.MaxValue);
        Assert.InRange(weekdayRefusals, 20, int.MaxValue);
        Assert.InRange(withUnavailable, 400, 700);
    }

    [Fact]
    public void Quote_RandomStays_OfferTotalsEqualTheSumOfTheirNights()
    {
        var random = new Random(99);
        var checkedOffers = 0;
        for (var property = 0; property < 10; property++)
        {
            var setup = RandomSetup(random);
            var context = PropertyUpsellContext.Compile(setup);
            var prices = RandomPrices(random.Next());
            for (var i = 0; i < 100; i++)
            {
                foreach (var offer in context.Quote(new QuoteRequest(RandomStay(random, setup), prices)).Offers)
                {
                    Assert.Equal(offer.Nights.Sum(n => n.OriginalRate), offer.TotalOriginalAmount);
                    Assert.Equal(offer.Nights.Sum(n => n.UpsellRate), offer.TotalUpsellRate);
                    Assert.Equal(offer.Nights.Sum(n => n.UpsellAmount), offer.TotalUpsellAmount);
                    Assert.Equal(offer.TotalUpsellRate, offer.Rule.TotalUpsellRate);
                    Assert.Equal(offer.TotalUpsellAmount, offer.Rule.TotalUpsellAmount);
                    checkedOffers++;
                }
            }
        }

        Assert.InRange(checkedOffers, 500, int.MaxValue);
    }

    private static string Describe(QuoteResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"los={result.ExceedsMaximumLengthOfStay} reason={result.Reason}\n");
        foreach (var offer in result.Offers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{offer.ToRoomType}/{offer.ToRoomClass}#{offer.DisplaySequence} {offer.Rule} {offer.TotalOriginalAmount}/{offer.TotalUpsellRate}/{offer.TotalUpsellAmount}\n");
            text.Append("  nights ").AppendJoin(", ", offer.Nights).Append('\n');
            text.Append("  others ").AppendJoin(", ", offer.OtherMatchingRules).Append('\n');
        }

        foreach (var explanation in result.Explanations)
        {
            text.Append(CultureInfo.InvariantCulture, $"? {explanation.RuleCode}->{explanation.TargetRoomType} {explanation.NotOfferedReason} ").AppendJoin("; ", explanation.Failures).Append('\n');
        }

        return text.ToString();
    }

    private static PropertyUpsellSetup RandomSetup(Random random)
    {
        var roomTypes = Enumerable.Range(0, 7)
            .Select(i => new RoomTypeInfo($"RT{i}", Classes[i % Classes.Length], random.Next(1, 6)))
            .ToArray();
        var typeCodes = roomTypes.Select(r => r.Code).Append("GHOST").ToArray();
        var hierarchy = roomTypes
            .Where(_ => random.Next(3) == 0)
            .SelectMany(from => roomTypes.Where(_ => random.Next(2) == 0).Select(to => new RoomHierarchyEntry(from.Code, to.Code, random.Next(1, 5))))
            .ToArray();
        var rules = Enumerable.Range(0, random.Next(20, 60)).Select(_ => RandomRule(random, typeCodes)).ToArray();
        // Days of week on about one rule in eight (any set, or all days but one), from its own sequence so the rest of
        // the random data stays as it was.
        var dayRandom = new Random(rules.Length * 7919 + roomTypes.Sum(r => r.Sequence));
        rules = rules
            .Select(r => dayRandom.Next(8) != 0 ? r : r with
            {
                DaysOfWeek = Weekdays.FromMask(dayRandom.Next(2) == 0 ? dayRandom.Next(1, Weekdays.AllBits + 1) : Weekdays.AllBits & ~(1 << dayRandom.Next(7))),
            })
            .ToArray();
        return new PropertyUpsellSetup
        {
            RoomTypes = roomTypes,
            Hierarchy = hierarchy,
            Rules = rules,
            Settings = new PropertyUpsellSettings(
                random.Next(4) == 0 ? random.Next(2, 8) : null,
                random.Next(3) == 0 ? random.Next(0, 4) : null,
                (OfferSortOrder)random.Next(3)),
        };
    }

    private static UpsellRuleDefinition RandomRule(Random random, string[] typeCodes)
    {
        var byType = random.Next(3) != 0;
        var formula = (UpsellFormula)random.Next(3);
        var byLevels = random.Next(5) == 0;
        var begin = random.Next(4) == 0 ? new DateOnly(2026, 9, 1).AddDays(random.Next(0, 20)) : (DateOnly?)null;
        var rule = new UpsellRuleDefinition
        {
            Code = $"U{random.Next(0, 40):00}", // duplicates on purpose: ties must fall back to rule order
            UpsellByRoomType = byType,
            From = byType ? typeCodes[random.Next(typeCodes.Length)] : Classes[random.Next(Classes.Length)],
            To = byType ? typeCodes[random.Next(typeCodes.Length)] : Classes[random.Next(Classes.Length)],
            BeginDate = begin,
            EndDate = random.Next(4) == 0 ? (begin ?? new DateOnly(2026, 9, 10)).AddDays(random.Next(0, 30)) : null,
            DaysInAdvance = random.Next(4) == 0 ? random.Next(0, 40) : null,
            Formula = formula,
            UpsellAmount = byLevels ? null : Amount(random, formula),
            UpsellByOccupancyLevels = byLevels,
            OccupancyLevelAmounts = byLevels
                ? Enumerable.Range(1, 4).Where(_ => random.Next(4) != 0).Select(l => new OccupancyLevelAmount(l, Amount(random, formula))).ToArray()
                : [],
            RoundingRule = (RoundingRule)random.Next(5),
            CurrencyCode = random.Next(10) == 0 ? "EUR" : "USD",
        };

        if (random.Next(10) == 0)
        {
            rule = rule with { UpsellAmount = null, UpsellByOccupancyLevels = false }; // malformed: skipped by both engines
        }

        // Filters on 0–3 lists.
        foreach (var filter in Enumerable.Range(0, 6).OrderBy(_ => random.Next()).Take(random.Next(0, 4)))
        {
            rule = filter switch
            {
                0 => rule with { RateCodes = Pick(random, RateCodes) },
                1 => rule with { RateCategories = Pick(random, ["PUBLIC", "NEGOTIATED", "PACKAGE"]) },
                2 => rule with { Channels = Pick(random, Channels) },
                3 => rule with { MarketCodes = Pick(random, Markets) },
                4 => rule with { ReservationTypes = Pick(random, ReservationTypes) },
                _ => rule with
                {
                    Memberships = Enumerable.Range(0, random.Next(1, 3))
                        .Select(_ => new MembershipFilter(MembershipTypes[random.Next(MembershipTypes.Length)], random.Next(2) == 0 ? null : Levels[random.Next(Levels.Length)]))
                        .ToArray(),
                },
            };
        }

        return rule;
    }

    private static decimal Amount(Random random, UpsellFormula formula) =>
        formula == UpsellFormula.FlatAmountAddedToOriginalRate
            ? new[] { 5m, 10m, 12.5m, 15m, 20m, 25m, 33.33m, 0.125m /* not whole cents: decimal path */ }[random.Next(8)]
            : new[] { 5m, 7.5m, 10m, 12.5m, 25m, 50m, 12.345678m /* too many decimals: decimal path */ }[random.Next(7)];

    private static string[] Pick(Random random, string[] values) =>
        values.Where(_ => random.Next(2) == 0).DefaultIfEmpty(values[random.Next(values.Length)]).ToArray();

    private static Stay RandomStay(Random random, PropertyUpsellSetup setup)
    {
        var arrival = new DateOnly(2026, 9, 1).AddDays(random.Next(0, 45));
        var nights = random.Next(1, 9);
        var roomType = random.Next(15) == 0 ? new RoomTypeInfo("GHOST", "SUITE", 0) : setup.RoomTypes[random.Next(setup.RoomTypes.Count)];
        var roomClass = random.Next(12) switch
        {
            0 => null,
            1 => Classes[random.Next(Classes.Length)],
            _ => roomType.RoomClass,
        };
        var rateCode = RateCodes[random.Next(RateCodes.Length)];
        var precision = random.Next(10); // 0: three decimals (the engine's decimal path), 1: whole amounts (scale 0)
        return new Stay
        {
            Arrival = arrival,
            Departure = arrival.AddDays(nights),
            BookedOn = arrival.AddDays(-random.Next(0, 60)),
            RoomType = roomType.Code,
            RoomClass = roomClass,
            RateCode = rateCode,
            RateCategory = random.Next(8) == 0 ? null : rateCode switch { "CORP1" => "NEGOTIATED", "PKG" or "BARBB" => "PACKAGE", _ => "PUBLIC" },
            Membership = random.Next(3) == 0 ? null : new StayMembership(MembershipTypes[random.Next(MembershipTypes.Length)], random.Next(4) == 0 ? null : Levels[random.Next(Levels.Length)]),
            Channel = random.Next(6) == 0 ? null : Channels[random.Next(Channels.Length)],
            ReservationType = random.Next(6) == 0 ? null : ReservationTypes[random.Next(ReservationTypes.Length)],
            Market = random.Next(6) == 0 ? null : Markets[random.Next(Markets.Length)],
            CurrencyCode = random.Next(20) == 0 ? "EUR" : "USD",
            Nights = Enumerable.Range(0, nights)
                .Select(i => new StayNight(
                    arrival.AddDays(i),
                    precision switch { 0 => random.Next(80_000, 200_000) / 1000m, 1 => random.Next(80, 200), _ => random.Next(80_00, 200_00) / 100m },
                    random.Next(2) == 0 ? random.Next(0, 300) : null, // must be ignored by both engines
                    random.Next(10) == 0 ? null : random.Next(1, 5)))
                .ToArray(),
        };
    }

    /// <summary>Deterministic prices per (rate code, room type, night); about one in twenty missing.</summary>
    private static INightlyPriceLookup RandomPrices(int seed) => NightlyPriceLookup.From((rateCode, roomType, date) =>
    {
        var hash = StableHash($"{seed}|{rateCode}|{roomType}|{date.DayNumber}");
        return hash % 20 == 0 ? null : 90m + (hash % 25_000 / 100m);
    });

    /// <summary>FNV-1a: string.GetHashCode is randomised per process and would make the prices differ between runs.</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
