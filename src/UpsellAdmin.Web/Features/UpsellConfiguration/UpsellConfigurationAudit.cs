using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Common.Audit;

namespace UpsellAdmin.Web.Features.UpsellConfiguration;

/// <summary>
/// The property's upsell set-up as the audit trail keeps it: four parts, each its own entity type on the Audit page
/// (settings, occupancy levels, room hierarchy, add-on catalogue), each recorded only when it changed. Codes, not local
/// ids, so an entry reads the same after a sync renumbers nothing and a person understands it.
/// </summary>
internal sealed record UpsellConfigurationSnapshot(
    SettingsSnapshot? Settings,
    IReadOnlyDictionary<string, string> OccupancyLevels,
    IReadOnlyDictionary<string, string> Hierarchy,
    IReadOnlyDictionary<string, string> AddOns)
{
    public static async Task<UpsellConfigurationSnapshot> LoadAsync(AppDbContext db, int propertyId, AddOnChoices choices, CancellationToken ct)
    {
        var settings = await db.UpsellConfigurations.AsNoTracking().FirstOrDefaultAsync(x => x.PropertyId == propertyId, ct);
        var levels = await db.OccupancyLevels.AsNoTracking().Where(x => x.PropertyId == propertyId).OrderBy(x => x.Level)
            .Select(x => new { x.Level, x.Description, x.FromPercent, x.ToPercent }).ToListAsync(ct);
        var hierarchy = await db.RoomHierarchy.AsNoTracking().Where(x => x.PropertyId == propertyId)
            .Select(x => new { From = x.FromRoomType!.Code, To = x.ToRoomType!.Code, x.DisplaySequence }).ToListAsync(ct);
        var addOns = await db.AddOnCatalogue.AsNoTracking().Where(x => x.PropertyId == propertyId).OrderBy(x => x.DisplaySequence).ThenBy(x => x.Id)
            .Select(x => new { x.ProductId, x.DisplayName, x.PriceOverride, x.AccountingCategoryId }).ToListAsync(ct);
        return new UpsellConfigurationSnapshot(
            settings is null ? null : new SettingsSnapshot(settings.UpsellRoomStatus, settings.MaximumLengthOfStay, settings.MaximumNumberOfOffers,
                settings.SortOffersBy, settings.MinimumFreeRooms, CategoryCode(choices, settings.UpgradeAccountingCategoryId), settings.AgentCommissionPercent),
            Levels(levels.Select(l => (l.Level, l.Description, l.FromPercent, l.ToPercent))),
            HierarchyLines(hierarchy.Select(h => (h.From, h.To, h.DisplaySequence))),
            AddOnLines(choices, addOns.Select(a => (a.ProductId, a.DisplayName, a.PriceOverride, a.AccountingCategoryId))));
    }

    public static UpsellConfigurationSnapshot Of(UpsellConfigurationModel model, AddOnChoices choices)
    {
        var productOf = choices.Products.ToDictionary(p => p.Id);
        return new UpsellConfigurationSnapshot(
            new SettingsSnapshot(model.UpsellRoomStatus, model.MaximumLengthOfStay, model.MaximumNumberOfOffers, model.SortOffersBy,
                model.MinimumFreeRooms, CategoryCode(choices, model.UpgradeAccountingCategoryId), model.AgentCommissionPercent),
            Levels(model.OccupancyLevels.OrderBy(l => l.Level).Select(l => (l.Level, l.Description.Trim(), l.FromPercent ?? 0, l.ToPercent ?? 0))),
            HierarchyLines(model.Hierarchy.Select(h => (h.FromRoomType, h.ToRoomType, h.DisplaySequence))),
            AddOnLines(choices, model.AddOns.Select(a => (a.ProductId ?? 0, a.DisplayName.Trim(), a.PriceOverride,
                a.AccountingCategoryId ?? (a.ProductId is { } p && productOf.TryGetValue(p, out var product) ? product.AccountingCategoryId : null)))));
    }

    /// <summary>Adds one entry per part that differs between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static void Record(AppDbContext db, string by, int propertyId, UpsellConfigurationSnapshot before, UpsellConfigurationSnapshot after)
    {
        var key = propertyId.ToString(CultureInfo.InvariantCulture);
        void Part(string type, string what, object? old, object now, int count = -1)
        {
            var oldJson = AuditTrail.Snapshot(old);
            var newJson = AuditTrail.Snapshot(now);
            if (oldJson == newJson || old is null && now is IReadOnlyDictionary<string, string> { Count: 0 })
            {
                return; // unchanged, or a list that was empty and still is
            }
            var action = old is null ? AuditActions.Created : AuditActions.Updated;
            var summary = count < 0 ? $"{what} {action.ToLowerInvariant()}" : $"{what} {action.ToLowerInvariant()} ({count} {(count == 1 ? "line" : "lines")})";
            db.AddAudit(new AuditRecord(by, action, type, key, propertyId, summary, oldJson, newJson));
        }
        Part(AuditEntityTypes.UpsellConfiguration, "Upsell settings", before.Settings, after.Settings!);
        Part(AuditEntityTypes.OccupancyLevels, "Occupancy levels", before.OccupancyLevels.Count == 0 ? null : before.OccupancyLevels, after.OccupancyLevels, after.OccupancyLevels.Count);
        Part(AuditEntityTypes.RoomHierarchy, "Room hierarchy", before.Hierarchy.Count == 0 ? null : before.Hierarchy, after.Hierarchy, after.Hierarchy.Count);
        Part(AuditEntityTypes.AddOnCatalogue, "Add-on catalogue", before.AddOns.Count == 0 ? null : before.AddOns, after.AddOns, after.AddOns.Count);
    }

    private static string? CategoryCode(AddOnChoices choices, int? id) =>
        id is null ? null : choices.AccountingCategories.FirstOrDefault(c => c.Id == id)?.Code ?? $"#{id}";

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>"Level 1" → "Low: 0–50 %".</summary>
    private static Dictionary<string, string> Levels(IEnumerable<(int Level, string Description, decimal From, decimal To)> levels) =>
        levels.ToDictionary(l => $"Level {l.Level}", l => $"{l.Description}: {Number(l.From)}–{Number(l.To)} %");

    /// <summary>From room type → "DLXK (1), SUI (2)" in display sequence.</summary>
    private static Dictionary<string, string> HierarchyLines(IEnumerable<(string From, string To, int Sequence)> rows) =>
        rows.GroupBy(r => r.From).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.OrderBy(r => r.Sequence).ThenBy(r => r.To, StringComparer.Ordinal).Select(r => $"{r.To} ({r.Sequence})")));

    /// <summary>"1. BRKF" → "Breakfast, price 12.5, category FOOD" (the key's number is the display position).</summary>
    private static Dictionary<string, string> AddOnLines(AddOnChoices choices, IEnumerable<(int ProductId, string Name, decimal? Price, int? Category)> lines)
    {
        var products = choices.Products.ToDictionary(p => p.Id, p => p.Code);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var (productId, name, price, category) in lines)
        {
            position++;
            var code = products.TryGetValue(productId, out var c) ? c : $"#{productId}";
            result[$"{position}. {code}"] = $"{name}, price {(price is { } p ? Number(p) : "from Mews")}, category {CategoryCode(choices, category) ?? "none"}";
        }
        return result;
    }
}

internal sealed record SettingsSnapshot(
    RoomStatus UpsellRoomStatus,
    int? MaximumLengthOfStay,
    int? MaximumNumberOfOffers,
    OfferSortOrder SortOffersBy,
    int MinimumFreeRooms,
    string? UpgradeAccountingCategory,
    decimal? AgentCommissionPercent);
