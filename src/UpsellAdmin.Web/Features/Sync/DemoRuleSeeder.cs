using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>
/// The demo upsell set-up of one synced property, derived from the codes that exist in it: upsell configuration, occupancy levels
/// (and the levels of the already synced nights), a room hierarchy up the Mews Ordering, and about 13 rules — room
/// type pairs from the hierarchy with varied formulas, rounding, dates and filters, two room class rules, two
/// occupancy-level rules, a "weekends in March" rule (Days of week Fri+Sat), and one rule naming an inactive room type or rate code so the Rules grid shows a warning.
/// Idempotent: a property that already has rules or occupancy levels is left alone.
/// </summary>
internal static class DemoRuleSeeder
{
    public static async Task<int> SeedAsync(AppDbContext db, Property property, int index, DateOnly today, CancellationToken ct)
    {
        var pid = property.Id;
        if (await db.UpsellRules.AnyAsync(r => r.PropertyId == pid, ct) || await db.OccupancyLevels.AnyAsync(l => l.PropertyId == pid, ct))
        {
            return 0;
        }
        var business = index % 2 == 0;

        var configuration = await db.UpsellConfigurations.SingleOrDefaultAsync(c => c.PropertyId == pid, ct);
        if (configuration is null)
        {
            configuration = new PropertyUpsellConfiguration { PropertyId = pid };
            db.UpsellConfigurations.Add(configuration);
        }
        configuration.UpsellRoomStatus = business ? RoomStatus.Inspected : RoomStatus.Clean;
        configuration.MaximumLengthOfStay = business ? 14 : 21;
        configuration.MaximumNumberOfOffers = 3;
        configuration.SortOffersBy = business ? OfferSortOrder.DisplaySequence : OfferSortOrder.UpsellAmountAscending;
        // Sold upgrades post their revenue here: Mews' "Room upgrades" category where the hotel has one, else accommodation.
        var accounting = await db.AccountingCategories.AsNoTracking().Where(a => a.PropertyId == pid && a.IsActive && a.MewsId != null)
            .Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        configuration.UpgradeAccountingCategoryId =
            (accounting.FirstOrDefault(a => a.Name.Contains("upgrade", StringComparison.OrdinalIgnoreCase))
             ?? accounting.FirstOrDefault(a => a.Name.Contains("accommodation", StringComparison.OrdinalIgnoreCase)))?.Id;

        (decimal From, decimal To, string Name)[] bands = business
            ? [(0m, 50m, "Low"), (50m, 80m, "Medium"), (80m, 100m, "High")]
            : [(0m, 40m, "Low"), (40m, 65m, "Medium"), (65m, 85m, "High"), (85m, 100m, "Peak")];
        var levels = bands.Select((b, i) => new OccupancyLevel { PropertyId = pid, Level = i + 1, Description = b.Name, FromPercent = b.From, ToPercent = b.To }).ToList();
        db.OccupancyLevels.AddRange(levels);
        foreach (var night in await db.NightlyOccupancies.Where(n => n.PropertyId == pid).ToListAsync(ct))
        {
            night.Level = MewsSyncService.OccupancyLevelOf(levels, night.OccupancyPercent);
        }

        var types = await db.RoomTypes.AsNoTracking().Where(t => t.PropertyId == pid).OrderBy(t => t.Sequence).ThenBy(t => t.Code).ToListAsync(ct);
        var active = types.Where(t => t.IsActive).ToList();
        var pairs = new List<(string From, string To)>();
        for (var i = 0; i < active.Count - 1 && i < 6; i++)
        {
            var targets = active.Skip(i + 1).Take(3).ToList();
            for (var k = 0; k < targets.Count; k++)
            {
                db.RoomHierarchy.Add(new RoomHierarchyEntry { PropertyId = pid, FromRoomTypeId = active[i].Id, ToRoomTypeId = targets[k].Id, DisplaySequence = k + 1 });
                pairs.Add((active[i].Code, targets[k].Code));
            }
        }

        var names = types.ToDictionary(t => t.Code, t => t.Name, StringComparer.Ordinal);
        var classes = await db.RoomClasses.AsNoTracking().Where(c => c.PropertyId == pid && c.IsActive).OrderBy(c => c.Sequence).Select(c => c.Code).ToListAsync(ct);
        var rates = await db.RateCodes.AsNoTracking().Where(r => r.PropertyId == pid).OrderBy(r => r.Code).Select(r => new { r.Code, r.IsActive }).ToListAsync(ct);
        var rateCodes = rates.Where(r => r.IsActive).Select(r => r.Code).ToArray();
        var categories = await db.RateCategories.AsNoTracking().Where(c => c.PropertyId == pid && c.IsActive).OrderBy(c => c.Code).Select(c => c.Code).ToArrayAsync(ct);
        var markets = await db.Markets.AsNoTracking().Where(m => m.PropertyId == pid && m.IsActive).OrderBy(m => m.Code).Select(m => m.Code).ToArrayAsync(ct);
        var channels = await db.Channels.AsNoTracking().Where(c => c.PropertyId == pid && c.IsActive).OrderBy(c => c.Code).Select(c => c.Code).ToArrayAsync(ct);
        var memberships = await db.MembershipTypes.AsNoTracking().Where(m => m.PropertyId == pid && m.IsActive).OrderBy(m => m.Code)
            .Select(m => new { m.Code, Levels = m.Levels.Where(l => l.IsActive).OrderBy(l => l.Sequence).Select(l => l.Code).ToList() }).ToListAsync(ct);
        var membership = memberships.FirstOrDefault(m => m.Levels.Count > 1) ?? memberships.FirstOrDefault();

        var rules = new List<UpsellRule>();
        for (var i = 0; i < pairs.Count && rules.Count < 9; i++)
        {
            var (from, to) = pairs[i];
            var rule = DemoRules.RoomTypeUpgrade(property.CurrencyCode, i, from, to, names[from], names[to], today);
            if (i % 2 == 0)
            {
                AddFilters(rule, RuleFilterKind.RateCode, rateCodes.Where((_, k) => (k + i) % 3 != 0).Take(3));
            }
            else if (i % 3 == 1)
            {
                AddFilters(rule, RuleFilterKind.RateCategory, categories.Take(i % 2 == 1 ? 2 : 1));
            }
            if (i % 3 == 0 && membership is not null)
            {
                if (i % 2 == 0 && membership.Levels.Count > 1)
                {
                    foreach (var level in membership.Levels.Take(2))
                    {
                        rule.Filters.Add(new UpsellRuleFilterValue { Kind = RuleFilterKind.Membership, Value = membership.Code, Level = level });
                    }
                }
                else
                {
                    rule.Filters.Add(new UpsellRuleFilterValue { Kind = RuleFilterKind.Membership, Value = membership.Code });
                }
            }
            if (i % 2 == 1)
            {
                AddFilters(rule, RuleFilterKind.Channel, channels.Skip(channels.Length == 0 ? 0 : i % channels.Length).Take(i % 4 == 1 ? 1 : 2));
            }
            if (i % 3 == 2)
            {
                AddFilters(rule, RuleFilterKind.Market, markets.Skip(i % 2).Take(2));
            }
            rules.Add(rule);
        }

        if (classes.Count >= 2)
        {
            var classRule = NewRule(property, $"RC-{classes[0]}-{classes[1]}", $"{classes[0]} class to {classes[1]} class", false, classes[0], classes[1],
                UpsellFormula.FlatAmountAddedToOriginalRate, property.CurrencyCode == "USD" ? 30m : 25m, RoundingRule.Up);
            AddFilters(classRule, RuleFilterKind.Channel, channels.Take(2));
            rules.Add(classRule);
            var top = classes.Count - 1;
            if (top - 1 > 0)
            {
                var classRule2 = NewRule(property, $"RC-{classes[top - 1]}-{classes[top]}", $"{classes[top - 1]} class to {classes[top]} class", false, classes[top - 1], classes[top],
                    UpsellFormula.PercentOfDifferenceAddedToOriginalRate, 50m, RoundingRule.DownKeepDecimal);
                classRule2.BeginDate = today;
                classRule2.EndDate = today.AddDays(180);
                AddFilters(classRule2, RuleFilterKind.Market, markets.Take(1));
                rules.Add(classRule2);
            }
            var occupancy = NewRule(property, $"OCC-{classes[0]}-{classes[^1]}", $"{classes[0]} to {classes[^1]} by occupancy", false, classes[0], classes[^1],
                UpsellFormula.FlatAmountAddedToOriginalRate, null, RoundingRule.None);
            occupancy.UpsellByOccupancyLevels = true;
            occupancy.OccupancyAmounts = levels.Select(l => new UpsellRuleOccupancyAmount { Level = l.Level, Amount = 20m + 15m * (l.Level - 1) }).ToList();
            rules.Add(occupancy);
        }
        if (pairs.Count > 1)
        {
            var (from, to) = pairs[1];
            var occupancyPct = NewRule(property, $"OCC-{from}-{to}", $"{names[from]} to {names[to]} by occupancy", true, from, to,
                UpsellFormula.PercentOfDifferenceAddedToOriginalRate, null, RoundingRule.UpKeepDecimal);
            occupancyPct.UpsellByOccupancyLevels = true;
            occupancyPct.OccupancyAmounts = levels.Select(l => new UpsellRuleOccupancyAmount { Level = l.Level, Amount = 30m + 20m * (l.Level - 1) }).ToList();
            AddFilters(occupancyPct, RuleFilterKind.RateCode, rateCodes.Take(2));
            rules.Add(occupancyPct);
        }

        // "Weekends in March": Days of week Fri+Sat within March dates, so the grid, the search by weekday and the Test
        // dialog show the criterion out of the box (a stay including a Sunday night is explained, not offered).
        if (pairs.Count > 0)
        {
            var (from, to) = pairs[0];
            var march = new DateOnly(today.Month <= 3 ? today.Year : today.Year + 1, 3, 1);
            var weekends = NewRule(property, $"WKND-{from}-{to}", "Weekends in March (Fri, Sat nights)", true, from, to,
                UpsellFormula.FlatAmountAddedToOriginalRate, property.CurrencyCode == "USD" ? 45m : 40m, RoundingRule.None);
            weekends.BeginDate = march;
            weekends.EndDate = march.AddMonths(1).AddDays(-1);
            weekends.DaysOfWeek = Weekdays.ToMask([DayOfWeek.Friday, DayOfWeek.Saturday]);
            rules.Add(weekends);
        }

        // One rule naming an inactive code, so the Rules grid shows a warning out of the box.
        if (types.FirstOrDefault(t => !t.IsActive) is { } inactiveType && active.Count > 0)
        {
            rules.Add(NewRule(property, $"UP-{active[0].Code}-{inactiveType.Code}", $"{active[0].Name} to {inactiveType.Name}", true, active[0].Code, inactiveType.Code,
                UpsellFormula.FlatAmountAddedToOriginalRate, 150m, RoundingRule.None));
        }
        if (rates.FirstOrDefault(r => !r.IsActive) is { } inactiveRate && pairs.Count > 0)
        {
            var promo = NewRule(property, $"UP-{inactiveRate.Code}", $"{inactiveRate.Code} upgrade (retired rate)", true, pairs[0].From, pairs[0].To,
                UpsellFormula.PercentOfOriginalRateAddedToOriginalRate, 8m, RoundingRule.Down);
            AddFilters(promo, RuleFilterKind.RateCode, [inactiveRate.Code]);
            rules.Add(promo);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        rules = rules.Where(r => seen.Add(r.Code)).ToList();
        foreach (var rule in rules)
        {
            rule.PropertyId = pid;
            rule.RefreshFilterKinds();
        }
        db.UpsellRules.AddRange(rules);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return rules.Count;
    }

    private static UpsellRule NewRule(Property property, string code, string description, bool byRoomType, string from, string to,
        UpsellFormula formula, decimal? amount, RoundingRule rounding) =>
        DemoRules.Create(property.CurrencyCode, code, description, byRoomType, from, to, formula, amount, rounding);

    private static void AddFilters(UpsellRule rule, RuleFilterKind kind, IEnumerable<string> values) =>
        DemoRules.AddFilters(rule, kind, values);
}
