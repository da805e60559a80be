using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.UpsellConfiguration;

/// <summary>The Upsell Configuration screen's model: settings, occupancy levels, room hierarchy.</summary>
public sealed class UpsellConfigurationModel
{
    public int PropertyId { get; set; }
    public RoomStatus UpsellRoomStatus { get; set; } = RoomStatus.Clean;
    public int? MaximumLengthOfStay { get; set; }
    public int? MaximumNumberOfOffers { get; set; }
    public OfferSortOrder SortOffersBy { get; set; } = OfferSortOrder.DisplaySequence;
    public int MinimumFreeRooms { get; set; } = PropertyUpsellConfiguration.DefaultMinimumFreeRooms;
    /// <summary>The accounting category (local id) a sold upgrade's revenue is posted on; null = not set.</summary>
    public int? UpgradeAccountingCategoryId { get; set; }
    /// <summary>The share of upsell revenue (Posted minus Reversed) an agent earns, in percent (0–100, two decimals at
    /// most); null = no commission scheme. Upsell Performance shows each agent's commission by it.</summary>
    public decimal? AgentCommissionPercent { get; set; }
    public List<OccupancyLevelModel> OccupancyLevels { get; set; } = [];
    public List<RoomHierarchyRowModel> Hierarchy { get; set; } = [];
    /// <summary>The add-on catalogue, in display order (the list's order is the display sequence).</summary>
    public List<AddOnCatalogueItemModel> AddOns { get; set; } = [];
    /// <summary>Concurrency version as loaded; saving after someone else saved is a conflict.</summary>
    public Guid Version { get; set; }
}

public sealed class OccupancyLevelModel
{
    public int Level { get; set; }
    public string Description { get; set; } = "";
    public decimal? FromPercent { get; set; }
    public decimal? ToPercent { get; set; }
}

/// <summary>One hierarchy line: From Room Type may be upsold to To Room Type, listed at DisplaySequence.</summary>
public sealed class RoomHierarchyRowModel
{
    public string FromRoomType { get; set; } = "";
    public string ToRoomType { get; set; } = "";
    public int DisplaySequence { get; set; } = 1;
}

/// <summary>One add-on line: a product of the property (by its local id), its display name, an optional price that
/// replaces the Mews price, and the accounting category it is booked to (by local id).</summary>
public sealed class AddOnCatalogueItemModel
{
    public int? ProductId { get; set; }
    public string DisplayName { get; set; } = "";
    public decimal? PriceOverride { get; set; }
    public int? AccountingCategoryId { get; set; }
}

/// <summary>A product the catalogue may list: code, name, the Mews price and currency, how Mews charges it, its own
/// accounting category, and whether it can be posted to a reservation (accommodation service) and is active.</summary>
public sealed record AddOnProductChoice(int Id, string Code, string Name, decimal? Price, string? CurrencyCode, ProductChargingMode? ChargingMode,
    int? AccountingCategoryId, bool IsAccommodation, bool IsActive)
{
    public string Display => $"{Code} - {Name} ({(Price is { } p ? p.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture) + (CurrencyCode is null ? "" : " " + CurrencyCode) : "no Mews price")})";
}

/// <summary>An accounting category of the property.</summary>
public sealed record AccountingCategoryChoice(int Id, string Code, string Name, bool IsActive)
{
    public string Display => $"{Code} - {Name}";
}

/// <summary>What the add-on catalogue editor picks from: the property's products and accounting categories.</summary>
public sealed record AddOnChoices(IReadOnlyList<AddOnProductChoice> Products, IReadOnlyList<AccountingCategoryChoice> AccountingCategories)
{
    public static AddOnChoices Empty { get; } = new([], []);
}

public interface IUpsellConfigurationService
{
    /// <summary>The property's configuration (defaults when none is saved yet); null when the user may not see it.</summary>
    Task<UpsellConfigurationModel?> GetAsync(int propertyId, CancellationToken cancellationToken = default);

    /// <summary>The property's products (accommodation ones can be catalogued) and accounting categories, for the add-on
    /// catalogue editor and its validation.</summary>
    Task<AddOnChoices> GetAddOnChoicesAsync(int propertyId, CancellationToken cancellationToken = default);

    /// <summary>Validates again, then saves settings, levels, hierarchy and add-on catalogue in one transaction (or nothing).</summary>
    Task<SaveResult> SaveAsync(UpsellConfigurationModel model, CancellationToken cancellationToken = default);
}
