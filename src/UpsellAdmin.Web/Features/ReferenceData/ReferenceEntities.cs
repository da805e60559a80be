using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpsellAdmin.Web.Features.ReferenceData;

/// <summary>A room class (OPERA), e.g. STD, DLX, STE. From Mews resource category Type/Classification mapping.</summary>
public sealed class RoomClass : ReferenceItem
{
    public int Sequence { get; set; }
}

/// <summary>A room type (OPERA) = a Mews resource category. Sequence from Mews Ordering.</summary>
public sealed class RoomType : ReferenceItem
{
    public int? RoomClassId { get; set; }
    public RoomClass? RoomClass { get; set; }
    public int Sequence { get; set; }
}

/// <summary>A rate category (OPERA) = a Mews rate group.</summary>
public sealed class RateCategory : ReferenceItem;

/// <summary>A rate code (OPERA) = a Mews rate; Code is the rate's ShortName.</summary>
public sealed class RateCode : ReferenceItem
{
    public int? RateCategoryId { get; set; }
    public RateCategory? RateCategory { get; set; }
    public string CurrencyCode { get; set; } = "";
}

/// <summary>A market code (OPERA) = a Mews business segment.</summary>
public sealed class Market : ReferenceItem;

/// <summary>A channel / source (OPERA) = a Mews source.</summary>
public sealed class Channel : ReferenceItem;

/// <summary>A reservation type (OPERA); Mews has no direct equivalent, so these are maintained here.</summary>
public sealed class ReservationType : ReferenceItem;

/// <summary>A membership type (OPERA) = a Mews loyalty program (chain level, copied per property).</summary>
public sealed class MembershipType : ReferenceItem
{
    public List<MembershipLevel> Levels { get; set; } = [];
}

/// <summary>A membership level (OPERA) = a Mews loyalty tier of a program.</summary>
public sealed class MembershipLevel
{
    public int Id { get; set; }
    public int MembershipTypeId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int Sequence { get; set; }
    public Guid? MewsId { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>How Mews charges a product (the connector's <c>ChargingMode</c>); stored by name.</summary>
public enum ProductChargingMode { Unknown = 0, Once, PerTimeUnit, PerPersonPerTimeUnit, PerPerson }

/// <summary>A Mews product (an extra that can be posted to a stay). Synced for the upselling integration.</summary>
public sealed class Product : ReferenceItem
{
    public const int ChargingModeMaxLength = 30;

    public decimal? Price { get; set; }
    public string? CurrencyCode { get; set; }

    /// <summary>Mews' ChargingMode; null when Mews did not say.</summary>
    public ProductChargingMode? ChargingMode { get; set; }

    /// <summary>The product's accounting category (by its Mews AccountingCategoryId); null when none is synced.</summary>
    public int? AccountingCategoryId { get; set; }
    public AccountingCategory? AccountingCategory { get; set; }

    /// <summary>True when the product belongs to a bookable (accommodation) service: only those can be posted to a
    /// reservation with reservations/addProduct.</summary>
    public bool IsAccommodation { get; set; }
}

/// <summary>A Mews accounting category, used when an upsell is posted as an order.</summary>
public sealed class AccountingCategory : ReferenceItem;

/// <summary>The price of one night for a rate code and a room type. Money is decimal; the date is the stay night.</summary>
public sealed class NightlyPrice
{
    public int PropertyId { get; set; }
    public int RateCodeId { get; set; }
    public int RoomTypeId { get; set; }
    public DateOnly Date { get; set; }
    public decimal Amount { get; set; }
}

/// <summary>The property's occupancy for one night (occupied ÷ usable) and the occupancy level it falls in.</summary>
public sealed class NightlyOccupancy
{
    public int PropertyId { get; set; }
    public DateOnly Date { get; set; }
    public decimal OccupancyPercent { get; set; }
    public int? Level { get; set; }
}

internal sealed class RoomClassConfiguration : ReferenceItemConfiguration<RoomClass>;

internal sealed class RoomTypeConfiguration : ReferenceItemConfiguration<RoomType>
{
    public override void Configure(EntityTypeBuilder<RoomType> b)
    {
        base.Configure(b);
        b.HasOne(x => x.RoomClass).WithMany().HasForeignKey(x => x.RoomClassId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RateCategoryConfiguration : ReferenceItemConfiguration<RateCategory>;

internal sealed class RateCodeConfiguration : ReferenceItemConfiguration<RateCode>
{
    public override void Configure(EntityTypeBuilder<RateCode> b)
    {
        base.Configure(b);
        b.Property(x => x.CurrencyCode).HasMaxLength(3).IsRequired();
        b.HasOne(x => x.RateCategory).WithMany().HasForeignKey(x => x.RateCategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MarketConfiguration : ReferenceItemConfiguration<Market>;
internal sealed class ChannelConfiguration : ReferenceItemConfiguration<Channel>;
internal sealed class ReservationTypeConfiguration : ReferenceItemConfiguration<ReservationType>;
internal sealed class AccountingCategoryConfiguration : ReferenceItemConfiguration<AccountingCategory>;

internal sealed class ProductConfiguration : ReferenceItemConfiguration<Product>
{
    public override void Configure(EntityTypeBuilder<Product> b)
    {
        base.Configure(b);
        b.Property(x => x.Price).HasPrecision(18, 4);
        b.Property(x => x.CurrencyCode).HasMaxLength(3);
        b.Property(x => x.ChargingMode).HasConversion<string>().HasMaxLength(Product.ChargingModeMaxLength);
        b.HasOne(x => x.AccountingCategory).WithMany().HasForeignKey(x => x.AccountingCategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MembershipTypeConfiguration : ReferenceItemConfiguration<MembershipType>
{
    public override void Configure(EntityTypeBuilder<MembershipType> b)
    {
        base.Configure(b);
        b.HasMany(x => x.Levels).WithOne().HasForeignKey(l => l.MembershipTypeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MembershipLevelConfiguration : IEntityTypeConfiguration<MembershipLevel>
{
    public void Configure(EntityTypeBuilder<MembershipLevel> b)
    {
        b.Property(x => x.Code).HasMaxLength(ReferenceItem.CodeMaxLength).IsRequired();
        b.Property(x => x.Name).HasMaxLength(ReferenceItem.NameMaxLength).IsRequired();
        b.HasIndex(x => new { x.MembershipTypeId, x.Code }).IsUnique();
    }
}

internal sealed class NightlyPriceConfiguration : IEntityTypeConfiguration<NightlyPrice>
{
    public void Configure(EntityTypeBuilder<NightlyPrice> b)
    {
        b.HasKey(x => new { x.PropertyId, x.RateCodeId, x.RoomTypeId, x.Date });
        b.Property(x => x.Amount).HasPrecision(18, 4);
        b.HasOne<RateCode>().WithMany().HasForeignKey(x => x.RateCodeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<RoomType>().WithMany().HasForeignKey(x => x.RoomTypeId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class NightlyOccupancyConfiguration : IEntityTypeConfiguration<NightlyOccupancy>
{
    public void Configure(EntityTypeBuilder<NightlyOccupancy> b)
    {
        b.HasKey(x => new { x.PropertyId, x.Date });
        b.Property(x => x.OccupancyPercent).HasPrecision(7, 4);
        b.HasOne<Properties.Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Cascade);
    }
}
