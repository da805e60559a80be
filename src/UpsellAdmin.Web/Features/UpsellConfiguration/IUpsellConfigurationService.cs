using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Common;

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
    public List<OccupancyLevelModel> OccupancyLevels { get; set; } = [];
    public List<RoomHierarchyRowModel> Hierarchy { get; set; } = [];
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

public interface IUpsellConfigurationService
{
    /// <summary>The property's configuration (defaults when none is saved yet); null when the user may not see it.</summary>
    Task<UpsellConfigurationModel?> GetAsync(int propertyId, CancellationToken cancellationToken = default);

    /// <summary>Validates again, then saves settings, levels and hierarchy in one transaction (or nothing).</summary>
    Task<SaveResult> SaveAsync(UpsellConfigurationModel model, CancellationToken cancellationToken = default);
}
