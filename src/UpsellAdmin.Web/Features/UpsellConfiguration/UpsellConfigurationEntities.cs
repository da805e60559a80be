using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.UpsellConfiguration;

/// <summary>OPERA's Configuration &gt; Rate Management &gt; Upsell, one per property.</summary>
public sealed class PropertyUpsellConfiguration
{
    public int PropertyId { get; set; }

    /// <summary>Upsell Room Type's Room Status: minimum housekeeping status for same-day arrivals.</summary>
    public RoomStatus UpsellRoomStatus { get; set; } = RoomStatus.Clean;

    /// <summary>Stays longer than this get no offers. Null = no limit.</summary>
    public int? MaximumLengthOfStay { get; set; }

    /// <summary>At most this many offers are shown. Null = no limit.</summary>
    public int? MaximumNumberOfOffers { get; set; }

    public OfferSortOrder SortOffersBy { get; set; } = OfferSortOrder.DisplaySequence;

    /// <summary>Concurrency token, regenerated on each save.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A property occupancy level: a band [FromPercent, ToPercent] of forecast occupancy.</summary>
public sealed class OccupancyLevel
{
    public const int DescriptionMaxLength = 20;

    public int Id { get; set; }
    public int PropertyId { get; set; }
    public int Level { get; set; }
    public string Description { get; set; } = "";
    public decimal FromPercent { get; set; }
    public decimal ToPercent { get; set; }
}

/// <summary>One "to" room type of the Upsell Room Hierarchy for a "from" room type, with its display sequence.</summary>
public sealed class RoomHierarchyEntry
{
    public int Id { get; set; }
    public int PropertyId { get; set; }
    public int FromRoomTypeId { get; set; }
    public RoomType? FromRoomType { get; set; }
    public int ToRoomTypeId { get; set; }
    public RoomType? ToRoomType { get; set; }
    public int DisplaySequence { get; set; }
}

internal sealed class PropertyUpsellConfigurationConfiguration : IEntityTypeConfiguration<PropertyUpsellConfiguration>
{
    public void Configure(EntityTypeBuilder<PropertyUpsellConfiguration> b)
    {
        b.HasKey(x => x.PropertyId);
        b.HasOne<Property>().WithOne().HasForeignKey<PropertyUpsellConfiguration>(x => x.PropertyId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.UpsellRoomStatus).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.SortOffersBy).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class OccupancyLevelConfiguration : IEntityTypeConfiguration<OccupancyLevel>
{
    public void Configure(EntityTypeBuilder<OccupancyLevel> b)
    {
        b.Property(x => x.Description).HasMaxLength(OccupancyLevel.DescriptionMaxLength).IsRequired();
        b.Property(x => x.FromPercent).HasPrecision(7, 4);
        b.Property(x => x.ToPercent).HasPrecision(7, 4);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PropertyId, x.Level }).IsUnique();
    }
}

internal sealed class RoomHierarchyEntryConfiguration : IEntityTypeConfiguration<RoomHierarchyEntry>
{
    public void Configure(EntityTypeBuilder<RoomHierarchyEntry> b)
    {
        b.HasOne(x => x.FromRoomType).WithMany().HasForeignKey(x => x.FromRoomTypeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.ToRoomType).WithMany().HasForeignKey(x => x.ToRoomTypeId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => new { x.PropertyId, x.FromRoomTypeId, x.ToRoomTypeId }).IsUnique();
    }
}
