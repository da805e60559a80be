using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using MewsProduct = UpsellAdmin.Connector.Models.Product;
using MewsAccountingCategory = UpsellAdmin.Connector.Models.AccountingCategory;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>The code lists of one property: room classes and types, rate categories and codes, markets, channels, products, accounting categories, memberships.</summary>
public sealed partial class MewsSyncService
{
    // ---- code lists ----

    /// <summary>Mews id → local id of the property's room types and rate codes (active ones), for prices.</summary>
    private sealed record LocalMaps(Dictionary<Guid, int> RoomTypes, Dictionary<Guid, int> RateCodes);

    private async Task<LocalMaps> SyncReferenceDataAsync(RunState run, PropertyView view, MewsData data, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pid = view.Property.Id;
        var lang = view.Language;

        if (data.Categories is { } allCategories)
        {
            var categories = allCategories.Where(c => view.IsMine(c.EnterpriseId, c.ServiceId)).OrderBy(c => c.Ordering ?? int.MaxValue).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
            run.Counts += await SyncRoomClassesAndTypesAsync(db, view, categories, ct);
        }
        if (data.RateGroups is { } allGroups)
        {
            var groups = allGroups.Where(g => view.IsMine(null, g.ServiceId)).OrderBy(g => g.Ordering ?? int.MaxValue).ThenBy(g => g.Id, StringComparer.Ordinal).ToList();
            var existing = await db.RateCategories.Where(x => x.PropertyId == pid).ToListAsync(ct);
            run.Counts += ReferenceMerge.Merge(existing,
                ReferenceMerge.Incoming(groups, g => g.Id, g => MewsText.Code(ReferenceItem.CodeMaxLength, MewsText.Pick(g.ShortNames, lang), g.ExternalIdentifier, MewsText.Pick(g.Names, lang) ?? g.Name),
                    g => MewsText.Pick(g.Names, lang) ?? g.Name, g => g.IsActive),
                () => new RateCategory { PropertyId = pid }, (_, _) => false, r => db.RateCategories.Add(r));
            await db.SaveChangesAsync(ct);
        }
        if (data.Rates is { } allRates)
        {
            var rates = allRates.Where(r => view.IsMine(null, r.ServiceId)).OrderBy(r => r.ShortName, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
            var categoryIds = await db.RateCategories.Where(x => x.PropertyId == pid && x.MewsId != null).Select(x => new { x.MewsId, x.Id }).ToDictionaryAsync(x => x.MewsId!.Value, x => x.Id, ct);
            var existing = await db.RateCodes.Where(x => x.PropertyId == pid).ToListAsync(ct);
            var currency = view.Property.CurrencyCode;
            run.Counts += ReferenceMerge.Merge(existing,
                ReferenceMerge.Incoming(rates, r => r.Id, r => MewsText.Code(ReferenceItem.CodeMaxLength, r.ShortName, r.ExternalIdentifier, MewsText.Pick(r.Names, lang) ?? r.Name),
                    r => MewsText.Pick(r.Names, lang) ?? r.Name, r => r.IsActive),
                () => new RateCode { PropertyId = pid },
                (row, rate) =>
                {
                    int? category = Guid.TryParse(rate.GroupId, out var g) && categoryIds.TryGetValue(g, out var id) ? id : null;
                    var changed = row.RateCategoryId != category || row.CurrencyCode != currency;
                    row.RateCategoryId = category;
                    row.CurrencyCode = currency;
                    return changed;
                },
                r => db.RateCodes.Add(r));
            await db.SaveChangesAsync(ct);
        }
        if (data.Segments is { } allSegments)
        {
            var segments = allSegments.Where(s => view.IsMine(null, s.ServiceId)).OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
            var existing = await db.Markets.Where(x => x.PropertyId == pid).ToListAsync(ct);
            run.Counts += ReferenceMerge.Merge(existing, ReferenceMerge.Incoming(segments, s => s.Id, s => MewsText.CodeFromName(s.Name), s => s.Name, s => s.IsActive),
                () => new Market { PropertyId = pid }, (_, _) => false, m => db.Markets.Add(m));
            await db.SaveChangesAsync(ct);
        }
        if (data.Sources is { } sources)
        {
            var ordered = sources.OrderBy(s => s.Code ?? int.MaxValue).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
            var existing = await db.Channels.Where(x => x.PropertyId == pid).ToListAsync(ct);
            run.Counts += ReferenceMerge.Merge(existing, ReferenceMerge.Incoming(ordered, s => s.Id, s => MewsText.CodeFromName(s.Name), s => s.Name, _ => true),
                () => new Channel { PropertyId = pid }, (_, _) => false, c => db.Channels.Add(c));
            await db.SaveChangesAsync(ct);
        }
        if (data.AccountingCategories is { } allAccounting)
        {
            var accounting = allAccounting.Where(a => view.IsMine(a.EnterpriseId, null)).OrderBy(a => a.Code, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
            var existing = await db.AccountingCategories.Where(x => x.PropertyId == pid).ToListAsync(ct);
            run.Counts += ReferenceMerge.Merge(existing,
                ReferenceMerge.Incoming(accounting, a => a.Id, a => MewsText.Code(ReferenceItem.CodeMaxLength, a.Code, a.ExternalCode, a.Name), a => a.Name, a => a.IsActive),
                () => new ReferenceData.AccountingCategory { PropertyId = pid }, (_, _) => false, a => db.AccountingCategories.Add(a));
            await db.SaveChangesAsync(ct);
        }
        if (data.Products is { } allProducts)
        {
            var products = allProducts.Where(p => view.IsMine(null, p.ServiceId)).OrderBy(p => p.Ordering ?? int.MaxValue).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
            var existing = await db.Products.Where(x => x.PropertyId == pid).ToListAsync(ct);
            var accountingIds = await db.AccountingCategories.Where(x => x.PropertyId == pid && x.MewsId != null)
                .Select(x => new { x.MewsId, x.Id }).ToDictionaryAsync(x => x.MewsId!.Value, x => x.Id, ct);
            run.Counts += ReferenceMerge.Merge(existing,
                ReferenceMerge.Incoming(products, p => p.Id, p => MewsText.Code(ReferenceItem.CodeMaxLength, MewsText.Pick(p.ShortNames, lang), p.ExternalIdentifier, MewsText.Pick(p.Names, lang)),
                    p => MewsText.Pick(p.Names, lang), p => p.IsActive),
                () => new ReferenceData.Product { PropertyId = pid },
                (row, product) =>
                {
                    var price = view.Amount(product.Price);
                    var currency = product.Price?.Currency;
                    var charging = ChargingModeOf(product.ChargingMode);
                    int? accountingCategory = Guid.TryParse(product.AccountingCategoryId, out var a) && accountingIds.TryGetValue(a, out var aid) ? aid : null;
                    var accommodation = product.ServiceId is { } service && data.BookableServiceIds.Contains(service);
                    var changed = row.Price != price || row.CurrencyCode != currency || row.ChargingMode != charging
                        || row.AccountingCategoryId != accountingCategory || row.IsAccommodation != accommodation;
                    row.Price = price;
                    row.CurrencyCode = currency;
                    row.ChargingMode = charging;
                    row.AccountingCategoryId = accountingCategory;
                    row.IsAccommodation = accommodation;
                    return changed;
                },
                p => db.Products.Add(p));
            await db.SaveChangesAsync(ct);
        }
        if (data.Programs is { } allPrograms && data.Tiers is { } allTiers && view.Property.MewsChainId is { } chain)
        {
            run.Counts += await LoyaltyMerge.MergeAsync(db, view.Property.Id, allPrograms.Where(p => Guid.TryParse(p.ChainId, out var c) && c == chain).ToList(), allTiers, ct);
        }

        var roomTypes = await db.RoomTypes.Where(x => x.PropertyId == pid && x.IsActive && x.MewsId != null).Select(x => new { x.MewsId, x.Id }).ToDictionaryAsync(x => x.MewsId!.Value, x => x.Id, ct);
        var rateCodes = await db.RateCodes.Where(x => x.PropertyId == pid && x.IsActive && x.MewsId != null).Select(x => new { x.MewsId, x.Id }).ToDictionaryAsync(x => x.MewsId!.Value, x => x.Id, ct);
        return new LocalMaps(roomTypes, rateCodes);
    }

    private static ReferenceData.ProductChargingMode? ChargingModeOf(ChargingMode? mode) => mode switch
    {
        null => null,
        ChargingMode.Once => ReferenceData.ProductChargingMode.Once,
        ChargingMode.PerTimeUnit => ReferenceData.ProductChargingMode.PerTimeUnit,
        ChargingMode.PerPersonPerTimeUnit => ReferenceData.ProductChargingMode.PerPersonPerTimeUnit,
        ChargingMode.PerPerson => ReferenceData.ProductChargingMode.PerPerson,
        _ => ReferenceData.ProductChargingMode.Unknown,
    };

    /// <summary>Room classes from the Type/Classification mapping (sequence from the lowest Ordering), then room types.</summary>
    private async Task<MergeCounts> SyncRoomClassesAndTypesAsync(AppDbContext db, PropertyView view, List<ResourceCategory> categories, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var pid = view.Property.Id;
        var classOf = categories.ToDictionary(c => c.Id, c => RoomClassOf(c, o), StringComparer.Ordinal);
        var wanted = categories
            .GroupBy(c => classOf[c.Id], StringComparer.OrdinalIgnoreCase)
            .Select(g => (Code: g.Key, Active: g.Any(c => c.IsActive), Rank: g.Where(c => c.IsActive).Select(c => c.Ordering ?? int.MaxValue).DefaultIfEmpty(int.MaxValue).Min()))
            .OrderBy(x => x.Rank).ThenBy(x => x.Code, StringComparer.Ordinal)
            .Select((x, i) => (x.Code, x.Active, Sequence: i + 1))
            .ToList();

        var counts = new MergeCounts();
        var classes = await db.RoomClasses.Where(x => x.PropertyId == pid).ToListAsync(ct);
        var byCode = classes.ToDictionary(x => x.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var (code, active, sequence) in wanted)
        {
            var name = MewsText.Name(o.RoomClassNames.GetValueOrDefault(code), code);
            if (!byCode.TryGetValue(code, out var row))
            {
                row = new RoomClass { PropertyId = pid, Code = code, Name = name, Sequence = sequence, IsActive = active };
                db.RoomClasses.Add(row);
                byCode[code] = row;
                counts += new MergeCounts(1, 0, 0);
            }
            else if (row.Name != name || row.Sequence != sequence || row.IsActive != active)
            {
                counts += row.IsActive && !active ? new MergeCounts(0, 0, 1) : new MergeCounts(0, 1, 0);
                (row.Name, row.Sequence, row.IsActive) = (name, sequence, active);
            }
        }
        foreach (var row in classes.Where(c => c.IsActive && !wanted.Any(w => string.Equals(w.Code, c.Code, StringComparison.OrdinalIgnoreCase))))
        {
            row.IsActive = false;
            counts += new MergeCounts(0, 0, 1);
        }
        await db.SaveChangesAsync(ct);

        var existing = await db.RoomTypes.Where(x => x.PropertyId == pid).ToListAsync(ct);
        var lang = view.Language;
        counts += ReferenceMerge.Merge(existing,
            ReferenceMerge.Incoming(categories, c => c.Id, c => MewsText.Code(ReferenceItem.CodeMaxLength, MewsText.Pick(c.ShortNames, lang), c.ExternalIdentifier, MewsText.Pick(c.Names, lang)),
                c => MewsText.Pick(c.Names, lang), c => c.IsActive),
            () => new RoomType { PropertyId = pid },
            (row, category) =>
            {
                int? classId = byCode.TryGetValue(classOf[category.Id], out var rc) ? rc.Id : null;
                var sequence = category.Ordering ?? 0;
                var changed = row.RoomClassId != classId || row.Sequence != sequence;
                row.RoomClassId = classId;
                row.Sequence = sequence;
                return changed;
            },
            r => db.RoomTypes.Add(r));
        await db.SaveChangesAsync(ct);
        return counts;
    }

    /// <summary>Sync:RoomClassMapping by Classification, then by Type, else Sync:DefaultRoomClass.</summary>
    internal static string RoomClassOf(ResourceCategory category, SyncOptions options)
    {
        if (category.Classification is { } classification and not ResourceCategoryClassification.Unknown
            && options.RoomClassMapping.TryGetValue(classification.ToString(), out var byClassification))
        {
            return byClassification.Trim().ToUpperInvariant();
        }
        if (category.Type is { } type and not ResourceCategoryType.Unknown && options.RoomClassMapping.TryGetValue(type.ToString(), out var byType))
        {
            return byType.Trim().ToUpperInvariant();
        }
        return options.DefaultRoomClass.Trim().ToUpperInvariant();
    }
}
