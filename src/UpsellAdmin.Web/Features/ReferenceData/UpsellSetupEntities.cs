using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.ReferenceData;

// A property's occupancy levels and room hierarchy: edited on the Upsell Configuration screen, read by every feature
// through PropertyLookups (the rule form, copy, quotes), hence stored here, below all of them.

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
