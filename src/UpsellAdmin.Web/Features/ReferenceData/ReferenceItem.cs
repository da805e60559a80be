using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.ReferenceData;

/// <summary>
/// What every per-property code list has in common: an OPERA-style code and name, the Mews id it was synced from
/// (null for items created here), and an active flag. Items removed in Mews are deactivated, never deleted, so a
/// rule that names one can be flagged instead of silently breaking.
/// </summary>
public abstract class ReferenceItem
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 80;

    public int Id { get; set; }
    public int PropertyId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public Guid? MewsId { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>Shared mapping of <see cref="ReferenceItem"/>: code unique per property, Mews id indexed.</summary>
internal abstract class ReferenceItemConfiguration<T> : IEntityTypeConfiguration<T> where T : ReferenceItem
{
    public virtual void Configure(EntityTypeBuilder<T> b)
    {
        b.Property(x => x.Code).HasMaxLength(ReferenceItem.CodeMaxLength).IsRequired();
        b.Property(x => x.Name).HasMaxLength(ReferenceItem.NameMaxLength).IsRequired();
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PropertyId, x.Code }).IsUnique();
        b.HasIndex(x => new { x.PropertyId, x.MewsId });
    }
}
