using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.Copy;

/// <summary>
/// Loads the lists of values of many properties at once: one query per list for all of them (not one per property),
/// so a copy to 50 targets costs a dozen queries. Same content as the rule form's lookups (active items only).
/// </summary>
internal static class CopyLookupLoader
{
    public static async Task<Dictionary<int, PropertyLookups>> LoadAsync(AppDbContext db, IReadOnlyCollection<int> propertyIds, CancellationToken ct)
    {
        var ids = propertyIds.Distinct().ToList();
        var properties = await db.Properties.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(PropertyAccess.ToSummary)
            .ToListAsync(ct);

        var roomClasses = (await db.RoomClasses.AsNoTracking()
            .Where(x => ids.Contains(x.PropertyId) && x.IsActive)
            .OrderBy(x => x.Sequence).ThenBy(x => x.Code)
            .Select(x => new { x.PropertyId, Item = new CodeName(x.Code, x.Name) })
            .ToListAsync(ct)).ToLookup(x => x.PropertyId, x => x.Item);
        var roomTypes = (await db.RoomTypes.AsNoTracking()
            .Where(x => ids.Contains(x.PropertyId) && x.IsActive)
            .OrderBy(x => x.Sequence).ThenBy(x => x.Code)
            .Select(x => new { x.PropertyId, Item = new RoomTypeOption(x.Code, x.Name, x.RoomClass != null ? x.RoomClass.Code : null, x.Sequence) })
            .ToListAsync(ct)).ToLookup(x => x.PropertyId, x => x.Item);
        var rateCategories = (await Codes(db.RateCategories, ids).ToListAsync(ct)).ToLookup(x => x.PropertyId, x => x.Item);
        var rateCodes = (await db.RateCodes.AsNoTracking()
            .Where(x => ids.Contains(x.PropertyId) && x.IsActive)
            .OrderBy(x => x.Code)
            .Select(x => new { x.PropertyId, Item = new RateCodeOption(x.Code, x.Name, x.RateCategory != null ? x.RateCategory.Code : null, x.CurrencyCode) })
            .ToListAsync(ct)).ToLookup(x => x.PropertyId, x => x.Item);
        var membershipRows = await db.MembershipTypes.AsNoTracking()
            .Where(x => ids.Contains(x.PropertyId) && x.IsActive)
            .OrderBy(x => x.Code)
            .Select(x => new
            {
                x.PropertyId,
                x.Code,
                x.Name,
                Levels = x.Levels.Where(l => l.IsActive).OrderBy(l => l.Sequence).ThenBy(l => l.Code)
                    .Select(l => new CodeName(l.Code, l.Name)).ToList(),
            })
            .ToListAsync(ct);
        var memberships = membershipRows.ToLookup(x => x.PropertyId, x => new MembershipOption(x.Code, x.Name, x.Levels));
        var channels = (await Codes(db.Channels, ids).ToListAsync(ct)).ToLookup(x => x.PropertyId, x => x.Item);
        var reservationTypes = (await Codes(db.ReservationTypes, ids).ToListAsync(ct)).ToLookup(x => x.PropertyId, x => x.Item);
        var markets = (await Codes(db.Markets, ids).ToListAsync(ct)).ToLookup(x => x.PropertyId, x => x.Item);
        var levels = (await db.OccupancyLevels.AsNoTracking()
            .Where(x => ids.Contains(x.PropertyId))
            .OrderBy(x => x.Level)
            .Select(x => new { x.PropertyId, Item = new OccupancyLevelOption(x.Level, x.Description, x.FromPercent, x.ToPercent) })
            .ToListAsync(ct)).ToLookup(x => x.PropertyId, x => x.Item);
        var hierarchy = (await db.RoomHierarchy.AsNoTracking()
            .Where(x => ids.Contains(x.PropertyId))
            .OrderBy(x => x.DisplaySequence)
            .Select(x => new { x.PropertyId, From = x.FromRoomType!.Code, To = x.ToRoomType!.Code, x.DisplaySequence })
            .ToListAsync(ct)).ToLookup(x => x.PropertyId);
        var chainCurrencies = await db.Properties.AsNoTracking().Select(p => p.CurrencyCode).Distinct().ToListAsync(ct);

        var result = new Dictionary<int, PropertyLookups>();
        foreach (var p in properties)
        {
            IReadOnlyDictionary<string, IReadOnlyList<HierarchyTarget>> tree = hierarchy[p.Id]
                .GroupBy(x => x.From, StringComparer.Ordinal)
                .ToDictionary(
                    g => g.Key,
                    g => (IReadOnlyList<HierarchyTarget>)g.OrderBy(x => x.DisplaySequence).ThenBy(x => x.To, StringComparer.Ordinal)
                        .Select(x => new HierarchyTarget(x.To, x.DisplaySequence)).ToList(),
                    StringComparer.Ordinal);
            var currencies = new List<string> { p.CurrencyCode };
            currencies.AddRange(chainCurrencies.Concat(rateCodes[p.Id].Select(r => r.CurrencyCode))
                .Where(c => c.Length > 0 && c != p.CurrencyCode).Distinct().Order(StringComparer.Ordinal));
            result[p.Id] = new PropertyLookups(p, roomTypes[p.Id].ToList(), roomClasses[p.Id].ToList(), rateCodes[p.Id].ToList(),
                rateCategories[p.Id].ToList(), memberships[p.Id].ToList(), channels[p.Id].ToList(), reservationTypes[p.Id].ToList(),
                markets[p.Id].ToList(), levels[p.Id].ToList(), tree, currencies);
        }
        return result;
    }

    private static IQueryable<PropertyCode> Codes<T>(DbSet<T> set, List<int> ids) where T : ReferenceItem =>
        set.AsNoTracking()
            .Where(x => ids.Contains(x.PropertyId) && x.IsActive)
            .OrderBy(x => x.Code)
            .Select(x => new PropertyCode(x.PropertyId, new CodeName(x.Code, x.Name)));

    private sealed record PropertyCode(int PropertyId, CodeName Item);
}
