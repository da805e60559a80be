using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.Sync;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Data.Seeding;

/// <summary>
/// Demo reference data, configuration and rules: one chain, three properties (USD, EUR, GBP) with partly different
/// room types and rate codes, occupancy levels, a room hierarchy, about 40 rules, and nightly prices and occupancy
/// for the next <see cref="PriceDays"/> days. Deterministic (no randomness), idempotent (a property that exists is
/// left alone). The Mews sync will later fill the reference tables instead; the rules stay demo data.
/// </summary>
public static class DemoDataSeeder
{
    public const int PriceDays = 400;
    public static readonly Guid ChainId = new("6f0c3f5e-6a58-4f8e-9d3a-0c1b5e7d2a10");

    public static readonly IReadOnlyList<string> PropertyCodes = ["HVNYC", "HVPAR", "HVLON"];

    private sealed record RoomTypeSpec(string Code, string Name, string Class, decimal Factor, bool Active = true);
    private sealed record RateSpec(string Code, string Name, string Category, decimal Factor, bool Active = true);

    private sealed record PropertySpec(
        string Code, string Name, string Currency, string TimeZone, Guid MewsId, decimal BasePrice, bool BusinessHotel,
        RoomTypeSpec[] RoomTypes, RateSpec[] Rates, string[] Markets, (decimal From, decimal To, string Name)[] Levels,
        (string From, string[] To)[] Hierarchy);

    private static readonly (string Code, string Name, int Seq)[] RoomClasses =
        [("STD", "Standard", 1), ("SUP", "Superior", 2), ("DLX", "Deluxe", 3), ("STE", "Suites", 4)];

    private static readonly (string Code, string Name)[] RateCategories =
        [("PUB", "Public rates"), ("DISC", "Discounted"), ("NEG", "Negotiated"), ("PKG", "Packages")];

    private static readonly (string Code, string Name)[] AllMarkets =
        [("TRANS", "Transient"), ("LEIS", "Leisure"), ("CORP", "Corporate"), ("GRP", "Group"), ("WHSL", "Wholesale"), ("GOV", "Government")];

    private static readonly (string Code, string Name)[] Channels =
        [("WEB", "Brand website"), ("GDS", "Global distribution"), ("OTA", "Online travel agencies"), ("PHONE", "Reservations office"), ("WALKIN", "Walk-in")];

    private static readonly (string Code, string Name)[] ReservationTypes =
        [("GUA", "Guaranteed"), ("6PM", "6 pm hold"), ("DEP", "Deposit required"), ("NON", "Non-guaranteed")];

    private static readonly (string Code, string Name, (string Code, string Name)[] Levels)[] Memberships =
    [
        ("PC01", "Platinum Club", [("BASE", "Member"), ("SILV", "Silver"), ("GOLD", "Gold"), ("PLAT", "Platinum")]),
        ("GOLD", "Gold Rewards", [("G1", "Gold"), ("G2", "Gold Elite")]),
        ("AIR", "Air Miles Partner", []),
    ];

    private static readonly PropertySpec[] Properties =
    [
        new("HVNYC", "Harbor View New York", "USD", "America/New_York", new("0b7f6c2e-1d4a-4b8e-a3f1-5c6d7e8f9a01"), 189m, true,
            [new("STDK", "Standard King", "STD", 1.00m), new("STDQ", "Standard Two Queens", "STD", 1.04m), new("SUPK", "Superior King", "SUP", 1.25m),
             new("DLXK", "Deluxe King", "DLX", 1.55m), new("JRS", "Junior Suite", "STE", 2.10m), new("STE", "Executive Suite", "STE", 2.80m),
             new("SUI", "Signature Suite", "STE", 3.60m, Active: false)],
            [new("BAR", "Best Available Rate", "PUB", 1.00m), new("BARBB", "BAR with Breakfast", "PUB", 1.12m), new("FLEX", "Flexible", "PUB", 1.05m),
             new("NREF", "Non-refundable", "DISC", 0.88m), new("CORP", "Corporate", "NEG", 0.92m), new("GOV", "Government", "NEG", 0.85m),
             new("PKG", "Romance Package", "PKG", 1.30m), new("PKGPK", "Park and Stay", "PKG", 1.15m)],
            ["TRANS", "LEIS", "CORP", "GRP", "GOV"],
            [(0m, 50m, "Low"), (50m, 80m, "Medium"), (80m, 100m, "High")],
            [("STDK", ["SUPK", "DLXK", "JRS"]), ("STDQ", ["SUPK", "DLXK"]), ("SUPK", ["DLXK", "JRS"]), ("DLXK", ["JRS", "STE"]), ("JRS", ["STE"])]),
        new("HVPAR", "Harbor View Paris", "EUR", "Europe/Paris", new("1c8a7d3f-2e5b-4c9f-b4a2-6d7e8f9a0b12"), 165m, false,
            [new("STDK", "Standard King", "STD", 1.00m), new("STDT", "Standard Twin", "STD", 1.00m), new("SUPK", "Superior King", "SUP", 1.22m),
             new("DLXK", "Deluxe King", "DLX", 1.50m), new("DLXV", "Deluxe Eiffel View", "DLX", 1.75m), new("JRS", "Junior Suite", "STE", 2.20m),
             new("STE", "Suite", "STE", 2.90m)],
            [new("BAR", "Meilleur tarif", "PUB", 1.00m), new("BARBB", "BAR petit-déjeuner", "PUB", 1.15m), new("FLEX", "Flexible", "PUB", 1.05m),
             new("NREF", "Non remboursable", "DISC", 0.87m), new("ADV14", "Advance purchase 14 days", "DISC", 0.82m), new("CORP", "Corporate", "NEG", 0.93m),
             new("PKG", "Paris Romance", "PKG", 1.35m)],
            ["TRANS", "LEIS", "CORP", "GRP", "WHSL"],
            [(0m, 40m, "Low"), (40m, 65m, "Medium"), (65m, 85m, "High"), (85m, 100m, "Peak")],
            [("STDK", ["SUPK", "DLXK", "DLXV"]), ("STDT", ["SUPK", "DLXK"]), ("SUPK", ["DLXK", "DLXV", "JRS"]), ("DLXK", ["DLXV", "JRS"]), ("DLXV", ["JRS", "STE"]), ("JRS", ["STE"])]),
        new("HVLON", "Harbor View London", "GBP", "Europe/London", new("2d9b8e4a-3f6c-4d0a-85b3-7e8f9a0b1c23"), 149m, true,
            [new("STDK", "Standard King", "STD", 1.00m), new("STDT", "Standard Twin", "STD", 0.98m), new("SUPK", "Superior King", "SUP", 1.24m),
             new("SUPT", "Superior Twin", "SUP", 1.22m), new("DLXK", "Deluxe King", "DLX", 1.52m), new("JRS", "Junior Suite", "STE", 2.05m),
             new("STE", "Thames Suite", "STE", 3.00m)],
            [new("BAR", "Best Available Rate", "PUB", 1.00m), new("BARBB", "BAR with Breakfast", "PUB", 1.14m), new("FLEX", "Flexible", "PUB", 1.06m),
             new("NREF", "Non-refundable", "DISC", 0.89m), new("ADV14", "Advance purchase 14 days", "DISC", 0.84m), new("CORP", "Corporate", "NEG", 0.91m),
             new("PKG", "Theatre Break", "PKG", 1.28m), new("PROMO15", "Spring promotion", "DISC", 0.85m, Active: false)],
            ["TRANS", "LEIS", "CORP", "GRP", "WHSL"],
            [(0m, 40m, "Low"), (40m, 65m, "Medium"), (65m, 85m, "High"), (85m, 100m, "Peak")],
            [("STDK", ["SUPK", "DLXK", "JRS"]), ("STDT", ["SUPT", "DLXK"]), ("SUPK", ["DLXK", "JRS"]), ("SUPT", ["DLXK"]), ("DLXK", ["JRS", "STE"]), ("JRS", ["STE"])]),
    ];

    /// <summary>Seeds what is missing. Returns how many properties were created (0 on a second run).</summary>
    public static async Task<int> SeedAsync(AppDbContext db, DateOnly today, ILogger logger, CancellationToken ct)
    {
        var existing = await db.Properties.Select(p => p.Code).ToListAsync(ct);
        var created = 0;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var spec in Properties.Where(p => !existing.Contains(p.Code)))
            {
                // One transaction per property: a failed seed leaves no half property behind.
                var (rules, prices) = await db.InTransactionAsync(async token => (true, await SeedPropertyAsync(db, spec, today, token)), ct);
                created++;
                logger.LogInformation("Demo property {PropertyCode} seeded: {RuleCount} rules, {PriceCount} nightly prices", spec.Code, rules, prices);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        return created;
    }

    private static async Task<(int Rules, int Prices)> SeedPropertyAsync(AppDbContext db, PropertySpec spec, DateOnly today, CancellationToken ct)
    {
        var property = new Property
        {
            Code = spec.Code, Name = spec.Name, CurrencyCode = spec.Currency, TimeZone = spec.TimeZone,
            MewsEnterpriseId = spec.MewsId, MewsChainId = ChainId,
        };
        db.Properties.Add(property);
        await db.SaveChangesAsync(ct);
        var pid = property.Id;

        var classes = RoomClasses.ToDictionary(c => c.Code, c => new RoomClass { PropertyId = pid, Code = c.Code, Name = c.Name, Sequence = c.Seq });
        var roomTypes = spec.RoomTypes.Select((r, i) => new RoomType
        {
            PropertyId = pid, Code = r.Code, Name = r.Name, RoomClass = classes[r.Class], Sequence = i + 1, IsActive = r.Active,
        }).ToList();
        var categories = RateCategories.ToDictionary(c => c.Code, c => new RateCategory { PropertyId = pid, Code = c.Code, Name = c.Name });
        var rates = spec.Rates.Select(r => new RateCode
        {
            PropertyId = pid, Code = r.Code, Name = r.Name, RateCategory = categories[r.Category], CurrencyCode = spec.Currency, IsActive = r.Active,
        }).ToList();
        db.RoomClasses.AddRange(classes.Values);
        db.RoomTypes.AddRange(roomTypes);
        db.RateCategories.AddRange(categories.Values);
        db.RateCodes.AddRange(rates);
        db.Markets.AddRange(AllMarkets.Where(m => spec.Markets.Contains(m.Code)).Select(m => new Market { PropertyId = pid, Code = m.Code, Name = m.Name }));
        db.Channels.AddRange(Channels.Select(c => new Channel { PropertyId = pid, Code = c.Code, Name = c.Name }));
        db.ReservationTypes.AddRange(ReservationTypes.Select(c => new ReservationType { PropertyId = pid, Code = c.Code, Name = c.Name }));
        db.MembershipTypes.AddRange(Memberships.Select(m => new MembershipType
        {
            PropertyId = pid, Code = m.Code, Name = m.Name,
            Levels = m.Levels.Select((l, i) => new MembershipLevel { Code = l.Code, Name = l.Name, Sequence = i + 1 }).ToList(),
        }));

        db.UpsellConfigurations.Add(new PropertyUpsellConfiguration
        {
            PropertyId = pid,
            UpsellRoomStatus = spec.BusinessHotel ? RoomStatus.Inspected : RoomStatus.Clean,
            MaximumLengthOfStay = spec.BusinessHotel ? 14 : 21,
            MaximumNumberOfOffers = 3,
            SortOffersBy = spec.BusinessHotel ? OfferSortOrder.DisplaySequence : OfferSortOrder.UpsellAmountAscending,
        });
        db.OccupancyLevels.AddRange(spec.Levels.Select((l, i) => new OccupancyLevel
        {
            PropertyId = pid, Level = i + 1, Description = l.Name, FromPercent = l.From, ToPercent = l.To,
        }));
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);

        var typeByCode = roomTypes.ToDictionary(r => r.Code);
        db.RoomHierarchy.AddRange(spec.Hierarchy.SelectMany(h => h.To.Select((to, i) => new RoomHierarchyEntry
        {
            PropertyId = pid, FromRoomTypeId = typeByCode[h.From].Id, ToRoomTypeId = typeByCode[to].Id, DisplaySequence = i + 1,
        })));
        var rules = BuildRules(spec, today);
        db.UpsellRules.AddRange(rules.Select(r => { r.PropertyId = pid; return r; }));
        db.NightlyOccupancies.AddRange(Enumerable.Range(0, PriceDays).Select(d =>
        {
            var date = today.AddDays(d);
            var pct = Occupancy(spec, date);
            var level = spec.Levels.Select((l, i) => (l, i)).FirstOrDefault(x => pct >= x.l.From && (pct < x.l.To || x.l.To == 100m)).i + 1;
            return new NightlyOccupancy { PropertyId = pid, Date = date, OccupancyPercent = pct, Level = level };
        }));
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // Prices: one batch per property (rate codes × active room types × days).
        var prices = new List<NightlyPrice>();
        foreach (var rate in rates.Where(r => r.IsActive))
        {
            var rateFactor = spec.Rates.First(r => r.Code == rate.Code).Factor;
            foreach (var roomType in roomTypes.Where(r => r.IsActive))
            {
                var typeFactor = spec.RoomTypes.First(r => r.Code == roomType.Code).Factor;
                for (var d = 0; d < PriceDays; d++)
                {
                    var date = today.AddDays(d);
                    var amount = decimal.Round(spec.BasePrice * typeFactor * rateFactor * DayFactor(spec, date), 0, MidpointRounding.AwayFromZero);
                    prices.Add(new NightlyPrice { PropertyId = pid, RateCodeId = rate.Id, RoomTypeId = roomType.Id, Date = date, Amount = amount });
                }
            }
        }
        await NightlyPriceWriter.InsertAsync(db, prices, ct);
        return (rules.Count, prices.Count);
    }

    /// <summary>Weekday and season: business hotels fill Monday–Thursday, leisure hotels the weekend; summer and
    /// December are dear, January and February cheap.</summary>
    private static decimal DayFactor(PropertySpec spec, DateOnly date)
    {
        var weekday = date.DayOfWeek switch
        {
            DayOfWeek.Friday or DayOfWeek.Saturday => spec.BusinessHotel ? 0.92m : 1.18m,
            DayOfWeek.Sunday => spec.BusinessHotel ? 0.88m : 0.95m,
            _ => spec.BusinessHotel ? 1.10m : 1.00m,
        };
        decimal[] season = [0.82m, 0.85m, 0.95m, 1.00m, 1.08m, 1.18m, 1.22m, 1.20m, 1.10m, 1.05m, 0.95m, 1.12m];
        return weekday * season[date.Month - 1];
    }

    private static decimal Occupancy(PropertySpec spec, DateOnly date)
    {
        var value = 62m * DayFactor(spec, date) + (date.DayOfYear * 7 % 11) - 5m;
        return Math.Clamp(decimal.Round(value, 1), 5m, 100m);
    }

    /// <summary>About 13–14 rules per property: one per hierarchy pair (room type rules, at most nine), two room class rules,
    /// one occupancy-level rule each for a class and a type pair, one naming an inactive code, with formulas,
    /// rounding, dates and filters varied deterministically.</summary>
    private static List<UpsellRule> BuildRules(PropertySpec spec, DateOnly today)
    {
        var rules = new List<UpsellRule>();
        var names = spec.RoomTypes.ToDictionary(r => r.Code, r => r.Name);
        var rateCodes = spec.Rates.Where(r => r.Active).Select(r => r.Code).ToArray();
        var pairs = spec.Hierarchy.SelectMany(h => h.To.Select(to => (h.From, To: to))).ToList();
        for (var i = 0; i < pairs.Count && rules.Count < 9; i++)
        {
            var (from, to) = pairs[i];
            var rule = DemoRules.RoomTypeUpgrade(spec.Currency, i, from, to, names[from], names[to], today);
            if (i % 2 == 0)
            {
                AddFilters(rule, RuleFilterKind.RateCode, rateCodes.Where((_, k) => (k + i) % 3 != 0).Take(3));
            }
            else if (i % 3 == 1)
            {
                AddFilters(rule, RuleFilterKind.RateCategory, i % 2 == 1 ? ["PUB", "PKG"] : ["PUB"]);
            }
            if (i % 3 == 0)
            {
                if (i % 2 == 0)
                {
                    rule.Filters.Add(new UpsellRuleFilterValue { Kind = RuleFilterKind.Membership, Value = "PC01", Level = "GOLD" });
                    rule.Filters.Add(new UpsellRuleFilterValue { Kind = RuleFilterKind.Membership, Value = "PC01", Level = "PLAT" });
                }
                else
                {
                    rule.Filters.Add(new UpsellRuleFilterValue { Kind = RuleFilterKind.Membership, Value = "PC01" });
                }
            }
            if (i % 4 == 1)
            {
                AddFilters(rule, RuleFilterKind.Membership, ["GOLD"]);
            }
            if (i % 2 == 1)
            {
                AddFilters(rule, RuleFilterKind.Channel, i % 4 == 1 ? ["WEB"] : ["WEB", "PHONE"]);
            }
            if (i % 5 == 2)
            {
                AddFilters(rule, RuleFilterKind.ReservationType, ["GUA", "DEP"]);
            }
            if (i % 3 == 2)
            {
                AddFilters(rule, RuleFilterKind.Market, i % 2 == 0 ? ["TRANS", "LEIS"] : ["CORP"]);
            }
            rules.Add(rule);
        }

        var classRule = NewRule(spec, "RC-STD-SUP", "Standard class to Superior class", false, "STD", "SUP",
            UpsellFormula.FlatAmountAddedToOriginalRate, spec.Currency == "USD" ? 30m : 25m, RoundingRule.Up);
        AddFilters(classRule, RuleFilterKind.Channel, ["WALKIN", "PHONE"]);
        rules.Add(classRule);
        var classRule2 = NewRule(spec, "RC-DLX-STE", "Deluxe class to Suites", false, "DLX", "STE",
            UpsellFormula.PercentOfDifferenceAddedToOriginalRate, 50m, RoundingRule.DownKeepDecimal);
        classRule2.BeginDate = today;
        classRule2.EndDate = today.AddDays(180);
        AddFilters(classRule2, RuleFilterKind.Market, ["LEIS"]);
        rules.Add(classRule2);

        var occupancy = NewRule(spec, "OCC-STD-DLX", "Standard to Deluxe by occupancy", false, "STD", "DLX",
            UpsellFormula.FlatAmountAddedToOriginalRate, null, RoundingRule.None);
        occupancy.UpsellByOccupancyLevels = true;
        occupancy.OccupancyAmounts = spec.Levels.Select((_, i) => new UpsellRuleOccupancyAmount { Level = i + 1, Amount = 20m + 15m * i }).ToList();
        rules.Add(occupancy);

        var occupancyPct = NewRule(spec, "OCC-SUPK-DLXK", "Superior to Deluxe King by occupancy", true, "SUPK", "DLXK",
            UpsellFormula.PercentOfDifferenceAddedToOriginalRate, null, RoundingRule.UpKeepDecimal);
        occupancyPct.UpsellByOccupancyLevels = true;
        occupancyPct.OccupancyAmounts = spec.Levels.Select((_, i) => new UpsellRuleOccupancyAmount { Level = i + 1, Amount = 30m + 20m * i }).ToList();
        AddFilters(occupancyPct, RuleFilterKind.RateCode, ["BAR", "BARBB"]);
        rules.Add(occupancyPct);

        // One rule naming an inactive code, so the Rules grid shows a warning out of the box.
        if (spec.RoomTypes.FirstOrDefault(r => !r.Active) is { } inactiveType)
        {
            rules.Add(NewRule(spec, $"UP-STE-{inactiveType.Code}", $"Executive Suite to {inactiveType.Name}", true, "STE", inactiveType.Code,
                UpsellFormula.FlatAmountAddedToOriginalRate, 150m, RoundingRule.None));
        }
        if (spec.Rates.FirstOrDefault(r => !r.Active) is { } inactiveRate)
        {
            var promo = NewRule(spec, "UP-PROMO-STDK-SUPK", "Spring promotion upgrade", true, "STDK", "SUPK",
                UpsellFormula.PercentOfOriginalRateAddedToOriginalRate, 8m, RoundingRule.Down);
            AddFilters(promo, RuleFilterKind.RateCode, [inactiveRate.Code]);
            rules.Add(promo);
        }
        foreach (var rule in rules)
        {
            rule.RefreshFilterKinds();
        }
        return rules;
    }

    private static UpsellRule NewRule(PropertySpec spec, string code, string description, bool byRoomType, string from, string to,
        UpsellFormula formula, decimal? amount, RoundingRule rounding) =>
        DemoRules.Create(spec.Currency, code, description, byRoomType, from, to, formula, amount, rounding);

    private static void AddFilters(UpsellRule rule, RuleFilterKind kind, IEnumerable<string> values) =>
        DemoRules.AddFilters(rule, kind, values);
}
