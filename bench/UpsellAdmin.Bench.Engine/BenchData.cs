using UpsellAdmin.Domain.Quotes;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;

namespace UpsellAdmin.Bench.Engine;

/// <summary>
/// A realistic property: 25 room types in 5 classes, 40 rate codes in 6 categories, 1,000 rules (70 % room-type,
/// 30 % room-class; filters on 0–3 of channels/markets/memberships/reservation types; rate-code or rate-category
/// lists on about two rules in three; some date ranges, lead times and occupancy-level rules), a room hierarchy for
/// most room types, and random stays of 1–14 nights in 2027.
/// </summary>
internal sealed class BenchData
{
    public static readonly DateOnly FirstDay = new(2027, 1, 1);
    private const int Days = 365 + 14;

    private static readonly string[] Classes = ["STANDARD", "SUPERIOR", "DELUXE", "EXECUTIVE", "SUITE"];
    private static readonly string[] Channels = ["WEB", "GDS", "OTA", "APP", "CALL", "WALKIN"];
    private static readonly string[] Markets = ["LEIS", "CORP", "GRP", "GOV", "PKG", "WHOL", "CONS", "LONG"];
    private static readonly string[] ReservationTypes = ["GTD", "6PM", "NON", "DEP", "CC"];
    private static readonly string[] MembershipTypes = ["GOLDCLUB", "ELITE", "PARTNER"];
    private static readonly string[] Levels = ["BASIC", "SILVER", "GOLD", "PLATINUM"];
    private static readonly string[] Categories = ["PUBLIC", "PACKAGE", "NEGOTIATED", "GROUP", "PROMO", "MEMBER"];

    private readonly RoomTypeInfo[] _roomTypes;
    private readonly string[] _rateCodes;
    private readonly string[] _rateCategoryOf;

    public BenchData(int seed)
    {
        var random = new Random(seed);
        _roomTypes = Enumerable.Range(0, 25).Select(i => new RoomTypeInfo($"{Classes[i / 5][..3]}{i % 5}", Classes[i / 5], i + 1)).ToArray();
        _rateCodes = Enumerable.Range(0, 40).Select(i => $"RC{i:00}").ToArray();
        _rateCategoryOf = _rateCodes.Select((_, i) => Categories[i % Categories.Length]).ToArray();

        var hierarchy = new List<RoomHierarchyEntry>();
        foreach (var (from, index) in _roomTypes.Select((r, i) => (r, i)).Where(_ => random.Next(10) < 6))
        {
            var sequence = 1;
            foreach (var to in _roomTypes.Skip(index + 1).Where(_ => random.Next(3) != 0).Take(random.Next(3, 9)))
            {
                hierarchy.Add(new RoomHierarchyEntry(from.Code, to.Code, sequence++));
            }
        }

        var rules = Enumerable.Range(0, 1_000).Select(i => RandomRule(random, i)).ToArray();
        Setup = new PropertyUpsellSetup
        {
            RoomTypes = _roomTypes,
            Hierarchy = hierarchy,
            Rules = rules,
            Settings = new PropertyUpsellSettings(MaximumLengthOfStay: 21, MaximumNumberOfOffers: 5, SortOrder: OfferSortOrder.UpsellAmountAscending),
        };

        // Prices: rate code × room type × day, up by class and by room type within the class, with seasons.
        var table = new decimal?[_rateCodes.Length, _roomTypes.Length, Days];
        for (var r = 0; r < _rateCodes.Length; r++)
        {
            var rateFactor = 0.8m + (r % 7 * 0.05m);
            for (var t = 0; t < _roomTypes.Length; t++)
            {
                for (var d = 0; d < Days; d++)
                {
                    table[r, t, d] = random.Next(200) == 0
                        ? null
                        : decimal.Round((90m + (t * 12m) + (d % 7 >= 5 ? 25m : 0m) + (d / 30 * 3m)) * rateFactor, 2);
                }
            }
        }

        Prices = new ArrayPriceLookup(_rateCodes, _roomTypes.Select(r => r.Code).ToArray(), table);
    }

    public PropertyUpsellSetup Setup { get; }
    public INightlyPriceLookup Prices { get; }

    public Stay[] Stays(int count, int seed)
    {
        var random = new Random(seed);
        var stays = new Stay[count];
        for (var i = 0; i < count; i++)
        {
            var nights = random.Next(1, 15);
            var arrival = FirstDay.AddDays(random.Next(0, 365));
            var roomType = _roomTypes[random.Next(20)]; // suites are rarely booked and have little to upsell to
            var rate = random.Next(_rateCodes.Length);
            var night = new StayNight[nights];
            for (var n = 0; n < nights; n++)
            {
                var date = arrival.AddDays(n);
                var original = Prices.GetNightlyRate(_rateCodes[rate], roomType.Code, date) ?? 120m;
                night[n] = new StayNight(date, original, null, random.Next(1, 6));
            }

            stays[i] = new Stay
            {
                Arrival = arrival,
                Departure = arrival.AddDays(nights),
                BookedOn = arrival.AddDays(-random.Next(0, 120)),
                RoomType = roomType.Code,
                RoomClass = roomType.RoomClass,
                RateCode = _rateCodes[rate],
                RateCategory = _rateCategoryOf[rate],
                Membership = random.Next(10) < 4 ? new StayMembership(MembershipTypes[random.Next(MembershipTypes.Length)], Levels[random.Next(Levels.Length)]) : null,
                Channel = Channels[random.Next(Channels.Length)],
                ReservationType = ReservationTypes[random.Next(ReservationTypes.Length)],
                Market = Markets[random.Next(Markets.Length)],
                CurrencyCode = "USD",
                Nights = night,
            };
        }

        return stays;
    }

    private UpsellRuleDefinition RandomRule(Random random, int index)
    {
        var byType = random.Next(10) < 7;
        var formula = (UpsellFormula)random.Next(3);
        var byLevels = random.Next(100) < 15;
        string from, to;
        if (byType)
        {
            var f = random.Next(24);
            from = _roomTypes[f].Code;
            to = _roomTypes[random.Next(f + 1, Math.Min(25, f + 8))].Code;
        }
        else
        {
            var f = random.Next(4);
            from = Classes[f];
            to = Classes[random.Next(f + 1, 5)];
        }

        DateOnly? begin = null, end = null;
        if (random.Next(10) < 3)
        {
            begin = FirstDay.AddDays(random.Next(0, 300));
            end = random.Next(4) == 0 ? null : begin.Value.AddDays(random.Next(14, 120));
        }

        var rule = new UpsellRuleDefinition
        {
            Code = $"UPS{index:0000}",
            Description = $"Bench rule {index}",
            UpsellByRoomType = byType,
            From = from,
            To = to,
            BeginDate = begin,
            EndDate = end,
            DaysInAdvance = random.Next(10) < 2 ? random.Next(1, 30) : null,
            Formula = formula,
            UpsellAmount = byLevels ? null : Amount(random, formula),
            UpsellByOccupancyLevels = byLevels,
            OccupancyLevelAmounts = byLevels
                ? Enumerable.Range(1, 5).Where(_ => random.Next(5) != 0).Select(l => new OccupancyLevelAmount(l, Amount(random, formula))).ToArray()
                : [],
            RoundingRule = (RoundingRule)random.Next(5),
            CurrencyCode = "USD",
        };

        var rates = random.Next(100);
        if (rates < 40)
        {
            rule = rule with { RateCodes = _rateCodes.OrderBy(_ => random.Next()).Take(random.Next(3, 11)).ToArray() };
        }
        else if (rates < 65)
        {
            rule = rule with { RateCategories = Categories.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToArray() };
        }

        foreach (var filter in Enumerable.Range(0, 4).OrderBy(_ => random.Next()).Take(random.Next(0, 4)))
        {
            rule = filter switch
            {
                0 => rule with { Channels = Channels.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray() },
                1 => rule with { MarketCodes = Markets.OrderBy(_ => random.Next()).Take(random.Next(1, 5)).ToArray() },
                2 => rule with { ReservationTypes = ReservationTypes.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray() },
                _ => rule with
                {
                    Memberships = MembershipTypes.OrderBy(_ => random.Next()).Take(random.Next(1, 3))
                        .Select(t => new MembershipFilter(t, random.Next(2) == 0 ? null : Levels[random.Next(Levels.Length)]))
                        .ToArray(),
                },
            };
        }

        return rule;
    }

    private static decimal Amount(Random random, UpsellFormula formula) =>
        formula == UpsellFormula.FlatAmountAddedToOriginalRate ? random.Next(5, 80) + (random.Next(4) * 0.25m) : random.Next(5, 60);

    /// <summary>Prices in a dense array: the price source is not what is being measured.</summary>
    private sealed class ArrayPriceLookup(string[] rateCodes, string[] roomTypeCodes, decimal?[,,] table) : INightlyPriceLookup
    {
        private readonly Dictionary<string, int> _rates = rateCodes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        private readonly Dictionary<string, int> _types = roomTypeCodes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);

        public decimal? GetNightlyRate(string rateCode, string roomType, DateOnly date)
        {
            var day = date.DayNumber - FirstDay.DayNumber;
            return _rates.TryGetValue(rateCode, out var r) && _types.TryGetValue(roomType, out var t) && day >= 0 && day < Days ? table[r, t, day] : null;
        }

        public void GetNightlyRates(string rateCode, string roomType, DateOnly firstNight, Span<decimal?> nights)
        {
            var known = _rates.TryGetValue(rateCode, out var r) & _types.TryGetValue(roomType, out var t);
            var first = firstNight.DayNumber - FirstDay.DayNumber;
            for (var i = 0; i < nights.Length; i++)
            {
                var day = first + i;
                nights[i] = known && day >= 0 && day < Days ? table[r, t, day] : null;
            }
        }
    }
}
