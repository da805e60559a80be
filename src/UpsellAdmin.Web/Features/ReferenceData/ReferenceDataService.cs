using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.ReferenceData;

public sealed class ReferenceDataService(IDbContextFactory<AppDbContext> dbFactory, ICurrentUser currentUser) : IReferenceDataService
{
    public async Task<PropertyLookups> GetLookupsAsync(int propertyId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await PropertyAccess.CanSeeAsync(db, user, propertyId, cancellationToken))
        {
            throw new KeyNotFoundException($"Property {propertyId} does not exist or you may not see it.");
        }
        return await LookupLoader.LoadAsync(db, propertyId, cancellationToken)
            ?? throw new KeyNotFoundException($"Property {propertyId} does not exist.");
    }
}

/// <summary>Loads a property's lists of values without an access check (callers check first).</summary>
internal static class LookupLoader
{
    public static async Task<PropertyLookups?> LoadAsync(AppDbContext db, int propertyId, CancellationToken ct)
    {
        var property = await db.Properties.AsNoTracking()
            .Where(p => p.Id == propertyId)
            .Select(PropertyAccess.ToSummary)
            .FirstOrDefaultAsync(ct);
        if (property is null)
        {
            return null;
        }

        var roomClasses = await db.RoomClasses.AsNoTracking()
            .Where(x => x.PropertyId == propertyId && x.IsActive)
            .OrderBy(x => x.Sequence).ThenBy(x => x.Code)
            .Select(x => new CodeName(x.Code, x.Name))
            .ToListAsync(ct);
        var roomTypes = await db.RoomTypes.AsNoTracking()
            .Where(x => x.PropertyId == propertyId && x.IsActive)
            .OrderBy(x => x.Sequence).ThenBy(x => x.Code)
            .Select(x => new RoomTypeOption(x.Code, x.Name, x.RoomClass != null ? x.RoomClass.Code : null, x.Sequence))
            .ToListAsync(ct);
        var rateCategories = await Codes(db.RateCategories, propertyId).ToListAsync(ct);
        var rateCodes = await db.RateCodes.AsNoTracking()
            .Where(x => x.PropertyId == propertyId && x.IsActive)
            .OrderBy(x => x.Code)
            .Select(x => new RateCodeOption(x.Code, x.Name, x.RateCategory != null ? x.RateCategory.Code : null, x.CurrencyCode))
            .ToListAsync(ct);

        var membershipTypes = await db.MembershipTypes.AsNoTracking()
            .Where(x => x.PropertyId == propertyId && x.IsActive)
            .OrderBy(x => x.Code)
            .Select(x => new
            {
                x.Code,
                x.Name,
                Levels = x.Levels.Where(l => l.IsActive).OrderBy(l => l.Sequence).ThenBy(l => l.Code)
                    .Select(l => new CodeName(l.Code, l.Name)).ToList(),
            })
            .ToListAsync(ct);
        var memberships = membershipTypes.Select(m => new MembershipOption(m.Code, m.Name, m.Levels)).ToList();

        var channels = await Codes(db.Channels, propertyId).ToListAsync(ct);
        var reservationTypes = await Codes(db.ReservationTypes, propertyId).ToListAsync(ct);
        var markets = await Codes(db.Markets, propertyId).ToListAsync(ct);

        var levels = await db.OccupancyLevels.AsNoTracking()
            .Where(x => x.PropertyId == propertyId)
            .OrderBy(x => x.Level)
            .Select(x => new OccupancyLevelOption(x.Level, x.Description, x.FromPercent, x.ToPercent))
            .ToListAsync(ct);

        var hierarchyRows = await db.RoomHierarchy.AsNoTracking()
            .Where(x => x.PropertyId == propertyId)
            .OrderBy(x => x.FromRoomType!.Code).ThenBy(x => x.DisplaySequence).ThenBy(x => x.ToRoomType!.Code)
            .Select(x => new { From = x.FromRoomType!.Code, To = x.ToRoomType!.Code, x.DisplaySequence })
            .ToListAsync(ct);
        IReadOnlyDictionary<string, IReadOnlyList<HierarchyTarget>> hierarchy = hierarchyRows
            .GroupBy(x => x.From, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<HierarchyTarget>)g.Select(x => new HierarchyTarget(x.To, x.DisplaySequence)).ToList(),
                StringComparer.Ordinal);

        // The property's currency first, then every other currency the chain prices in.
        var otherCurrencies = await db.Properties.AsNoTracking().Select(p => p.CurrencyCode)
            .Concat(db.RateCodes.AsNoTracking().Where(r => r.PropertyId == propertyId).Select(r => r.CurrencyCode))
            .Distinct()
            .ToListAsync(ct);
        var currencies = new List<string> { property.CurrencyCode };
        currencies.AddRange(otherCurrencies.Where(c => c != property.CurrencyCode && c.Length > 0).Order(StringComparer.Ordinal));

        return new PropertyLookups(property, roomTypes, roomClasses, rateCodes, rateCategories, memberships, channels,
            reservationTypes, markets, levels, hierarchy, currencies);
    }

    private static IQueryable<CodeName> Codes<T>(DbSet<T> set, int propertyId) where T : ReferenceItem =>
        set.AsNoTracking()
            .Where(x => x.PropertyId == propertyId && x.IsActive)
            .OrderBy(x => x.Code)
            .Select(x => new CodeName(x.Code, x.Name));
}
