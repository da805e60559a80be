using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.UpsellConfiguration;

/// <summary>
/// One add-on of the property's catalogue: a Mews product the Upsell Desk offers, under its own display name, at the
/// Mews price or <see cref="PriceOverride"/>, booked to <see cref="AccountingCategoryId"/>. Each product once per property.
/// </summary>
public sealed class AddOnCatalogueItem
{
    public const int DisplayNameMaxLength = 60;
    public const decimal MaximumPrice = 100_000m;

    public int Id { get; set; }
    public int PropertyId { get; set; }
    public int ProductId { get; set; }
    public Product? Product { get; set; }
    public string DisplayName { get; set; } = "";

    /// <summary>The unit price offered; null = the product's Mews price.</summary>
    public decimal? PriceOverride { get; set; }

    /// <summary>Where the add-on is booked; null = none (the product had none when the line was made).</summary>
    public int? AccountingCategoryId { get; set; }
    public AccountingCategory? AccountingCategory { get; set; }

    public int DisplaySequence { get; set; }
}

internal sealed class AddOnCatalogueItemConfiguration : IEntityTypeConfiguration<AddOnCatalogueItem>
{
    public void Configure(EntityTypeBuilder<AddOnCatalogueItem> b)
    {
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Product).WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.AccountingCategory).WithMany().HasForeignKey(x => x.AccountingCategoryId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.DisplayName).HasMaxLength(AddOnCatalogueItem.DisplayNameMaxLength).IsRequired();
        b.Property(x => x.PriceOverride).HasPrecision(18, 2);
        b.HasIndex(x => new { x.PropertyId, x.ProductId }).IsUnique();
    }
}
