using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Features.Properties;

/// <summary>A hotel (a Mews enterprise). Everything else in the product hangs off a property.</summary>
public sealed class Property
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 80;
    public const int TimeZoneMaxLength = 64;

    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>ISO 4217, e.g. USD.</summary>
    public string CurrencyCode { get; set; } = "";
    /// <summary>IANA time zone id, e.g. Europe/London.</summary>
    public string TimeZone { get; set; } = "UTC";
    public Guid? MewsEnterpriseId { get; set; }
    public Guid? MewsChainId { get; set; }
    public bool IsActive { get; set; } = true;
}

internal sealed class PropertyConfiguration : IEntityTypeConfiguration<Property>
{
    public void Configure(EntityTypeBuilder<Property> b)
    {
        b.Property(p => p.Code).HasMaxLength(Property.CodeMaxLength).IsRequired();
        b.Property(p => p.Name).HasMaxLength(Property.NameMaxLength).IsRequired();
        b.Property(p => p.CurrencyCode).HasMaxLength(3).IsRequired();
        b.Property(p => p.TimeZone).HasMaxLength(Property.TimeZoneMaxLength).IsRequired();
        b.HasIndex(p => p.Code).IsUnique();
        b.HasIndex(p => p.MewsEnterpriseId);
        // A user's access row goes with its property.
        b.HasMany<UserPropertyAccess>().WithOne().HasForeignKey(a => a.PropertyId).OnDelete(DeleteBehavior.Cascade);
    }
}
