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

    public const int DefaultMinimumFreeRooms = 1;
    public const int MaximumMinimumFreeRooms = 99;

    /// <summary>An upgrade is offered only when every night of the stay has at least this many free rooms of the target
    /// type (Mews availability, read at most a minute before the offer is shown). 0 = do not check.</summary>
    public int MinimumFreeRooms { get; set; } = DefaultMinimumFreeRooms;

    /// <summary>Upgrade accounting category: the Mews accounting category the revenue of a sold room upgrade is posted
    /// on (one order line per night). Null = not set; upgrades cannot be sold until it is.</summary>
    public int? UpgradeAccountingCategoryId { get; set; }

    public const decimal MaximumAgentCommissionPercent = 100m;

    /// <summary>Agent incentive: the share of upsell revenue (Posted minus Reversed) an agent earns, in percent (0–100).
    /// Null = no commission scheme; the Upsell Performance report's agent grouping shows each agent's commission.</summary>
    public decimal? AgentCommissionPercent { get; set; }

    /// <summary>Concurrency token, regenerated on each save.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
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
        b.Property(x => x.AgentCommissionPercent).HasPrecision(5, 2);
        b.HasOne<AccountingCategory>().WithMany().HasForeignKey(x => x.UpgradeAccountingCategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}
