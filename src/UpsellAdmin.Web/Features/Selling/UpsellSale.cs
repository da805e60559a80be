using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.Selling;

public enum UpsellKind
{
    RoomUpgrade,
    AddOn,
}

/// <summary>Pending: recorded, not yet (fully) in Mews. Posted: in Mews. Rejected: Mews refused it and nothing of it
/// stays in Mews. Reversed: undone in Mews.</summary>
public enum UpsellStatus
{
    Pending,
    Posted,
    Rejected,
    Reversed,
}

/// <summary>Where the sale came from: an agent on the Upsell Desk, or a system through the selling API.</summary>
public enum SaleChannel
{
    Desk,
    Api,
}

/// <summary>
/// One upsell a guest accepted: what was sold (the offer's numbers, frozen at the moment of sale), by whom, and how far
/// it got in Mews. Written with its <see cref="UpsellWorkItem"/> in one transaction before any call to Mews; the
/// <see cref="UpsellPostingWorker"/> posts it. <see cref="Id"/> is the upsellId of the API and the prefix of every
/// ExternalIdentifier sent to Mews (<c>{upsellId}:{yyyy-MM-dd}</c>).
/// </summary>
public sealed class UpsellSale
{
    public const int NoteMaxLength = 500;
    public const int IdempotencyKeyMaxLength = 100;

    /// <summary>Generated demo history (<c>Demo:ActivityHistoryDays</c>) uses reservation ids with this prefix: those sales
    /// were never in Mews, so there is nothing to undo or retry there.</summary>
    public const string DemoHistoryPrefix = "hist-";

    public static bool IsDemoHistory(string reservationId) => reservationId.StartsWith(DemoHistoryPrefix, StringComparison.Ordinal);

    public Guid Id { get; set; }
    public int PropertyId { get; set; }
    public string PropertyCode { get; set; } = "";
    public string EnterpriseId { get; set; } = "";
    public string ReservationId { get; set; } = "";
    public string ReservationNumber { get; set; } = "";
    public string GuestName { get; set; } = "";
    /// <summary>The reservation's owner (the account every line is charged to).</summary>
    public string AccountId { get; set; } = "";
    /// <summary>The reservation's service (the accommodation service): the service of the upgrade's orders.</summary>
    public string ServiceId { get; set; } = "";
    public DateOnly Arrival { get; set; }
    public DateOnly Departure { get; set; }
    public string TimeZone { get; set; } = "UTC";

    public UpsellKind Kind { get; set; }
    public string? FromRoomType { get; set; }
    public string? ToRoomType { get; set; }
    public string? FromCategoryId { get; set; }
    public string? ToCategoryId { get; set; }
    public string? ProductId { get; set; }
    public string? ProductName { get; set; }
    /// <summary>Add-on: the count Mews is asked for per charging unit (1), the unit price override, the units priced.</summary>
    public decimal? UnitAmount { get; set; }
    public bool UnitAmountOverridden { get; set; }
    public int? UnitCount { get; set; }
    /// <summary>Add-on charged per night to a checked-in guest: the first night charged (the nights still to come).</summary>
    public DateOnly? ChargeFrom { get; set; }
    public string? RuleCode { get; set; }
    /// <summary>The Mews accounting category id the revenue is posted on (upgrade lines), and its code for people.</summary>
    public string? AccountingCategoryId { get; set; }
    public string? AccountingCategoryCode { get; set; }
    /// <summary>True when the enterprise quotes gross prices (amounts are sent as GrossValue), false for net.</summary>
    public bool PricesAreGross { get; set; } = true;

    public decimal TotalAmount { get; set; }
    public string CurrencyCode { get; set; } = "";
    public List<UpsellSaleNight> Nights { get; set; } = [];

    public string OfferId { get; set; } = "";
    public string? Note { get; set; }
    public SaleChannel Channel { get; set; }
    public string? AgentUserId { get; set; }
    public string AgentName { get; set; } = "";
    public DateTimeOffset SoldUtc { get; set; }
    /// <summary>The property's own business day of the sale (its time zone): what the report's "by sale date" filters and
    /// groups on, so the database never converts time zones.</summary>
    public DateOnly SoldDate { get; set; }
    /// <summary>Upgrade: the nights upgraded (the report's upgrade room-nights); 0 for an add-on.</summary>
    public int UpgradeNights { get; set; }

    /// <summary>API: the Idempotency-Key header and a hash of what was asked with it (same key, other body → 422).</summary>
    public string? IdempotencyKey { get; set; }
    public string? RequestHash { get; set; }

    public UpsellStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public string? LastRequestId { get; set; }
    /// <summary>What the agent must check in Mews when the product could not settle it alone (null when nothing).</summary>
    public string? Attention { get; set; }

    /// <summary>Progress in Mews, saved after each step so that a restart reconciles instead of re-sending blindly.</summary>
    public DateTimeOffset? RoomAttemptedUtc { get; set; }
    public DateTimeOffset? RoomChangedUtc { get; set; }
    public DateTimeOffset? LinesAttemptedUtc { get; set; }
    /// <summary>Add-on: the order item ids Mews created (comma-separated).</summary>
    public string? MewsItemIds { get; set; }
    public DateTimeOffset? PostedUtc { get; set; }
    public DateTimeOffset? UndoRequestedUtc { get; set; }
    public string? UndoneBy { get; set; }
    public DateTimeOffset? ReversedUtc { get; set; }
    public DateTimeOffset? RejectedUtc { get; set; }

    /// <summary>The Mews order ids of the posted lines (upgrade: one per night; add-on: none, Mews returns item ids).</summary>
    public IReadOnlyList<string> MewsOrderIds => Nights.Select(n => n.MewsOrderId).OfType<string>().ToList();

    public IReadOnlyList<string> ItemIds => string.IsNullOrEmpty(MewsItemIds) ? [] : MewsItemIds.Split(',');

    /// <summary>The ExternalIdentifier of a night's revenue line.</summary>
    public string LineIdentifier(DateOnly night) => $"{Id:D}:{night:yyyy-MM-dd}";

    /// <summary>The ExternalIdentifier of the negative correction of a night's line (undo where a line cannot be canceled).</summary>
    public string CorrectionIdentifier(DateOnly night) => $"{Id:D}:{night:yyyy-MM-dd}:undo";
}

/// <summary>One night of a sale: the numbers the guest was shown, and the Mews order its revenue line landed in.</summary>
public sealed class UpsellSaleNight
{
    public DateOnly Date { get; set; }
    public decimal? OriginalRate { get; set; }
    public decimal UpsellRate { get; set; }
    public decimal UpsellAmount { get; set; }
    /// <summary>The night's tax codes in Mews (the upgrade line is taxed like the night it upgrades), comma-separated.</summary>
    public string TaxCodes { get; set; } = "";
    public string? MewsOrderId { get; set; }
    public string? MewsItemId { get; set; }
}

public enum UpsellWorkAction
{
    /// <summary>Put the sale into Mews.</summary>
    Post,
    /// <summary>Take a posted sale back out of Mews (the agent's Undo): status Reversed.</summary>
    Undo,
    /// <summary>Mews refused part of a sale: take back what did land, then status Rejected.</summary>
    Revert,
}

/// <summary>
/// The outbox: one row per thing to do in Mews for a sale, written in the same transaction as the sale (or the undo).
/// A worker claims a row by setting a lease (<see cref="LeaseOwner"/> until <see cref="LeaseExpiresUtc"/>) with one
/// conditional UPDATE, so two app instances never work on the same sale at once; a crashed worker's lease runs out.
/// </summary>
public sealed class UpsellWorkItem
{
    public long Id { get; set; }
    public Guid SaleId { get; set; }
    public UpsellWorkAction Action { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    /// <summary>Not before this time (back-off after a failure).</summary>
    public DateTimeOffset DueUtc { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresUtc { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? CompletedUtc { get; set; }
}

/// <summary>A reservation's offers were shown (once per reservation, property-local day and channel): the denominator
/// of conversion.</summary>
public sealed class UpsellPresentation
{
    public long Id { get; set; }
    public int PropertyId { get; set; }
    public string ReservationId { get; set; } = "";
    public string ReservationNumber { get; set; } = "";
    public DateOnly Day { get; set; }
    public SaleChannel Channel { get; set; }
    public int OffersCount { get; set; }
    public string? AgentUserId { get; set; }
    public string AgentName { get; set; } = "";
    public DateTimeOffset PresentedUtc { get; set; }
    /// <summary>The stay's arrival (the report's "by stay date"); null on presentations recorded before it was kept.</summary>
    public DateOnly? Arrival { get; set; }
    /// <summary>What was shown (empty on presentations recorded before offers were kept).</summary>
    public List<UpsellPresentedOffer> Offers { get; set; } = [];
}

/// <summary>
/// One offer of a presentation: what the guest was shown (an upgrade from → to with its rule, or an add-on), so that
/// offers presented can be counted per room-type pair, rule and add-on. The presentation's day, arrival, channel and
/// agent are copied onto the row so that the report's grouped queries read one table.
/// </summary>
public sealed class UpsellPresentedOffer
{
    public long Id { get; set; }
    public long PresentationId { get; set; }
    public int PropertyId { get; set; }
    public string ReservationId { get; set; } = "";
    public DateOnly Day { get; set; }
    public DateOnly? Arrival { get; set; }
    public SaleChannel Channel { get; set; }
    public string? AgentUserId { get; set; }
    public string AgentName { get; set; } = "";
    public UpsellKind Kind { get; set; }
    public string? FromRoomType { get; set; }
    public string? ToRoomType { get; set; }
    public string? RuleCode { get; set; }
    public string? ProductName { get; set; }
    public decimal TotalAmount { get; set; }
    public string CurrencyCode { get; set; } = "";
}

/// <summary>The guest said no to an offer.</summary>
public sealed class UpsellDecline
{
    public long Id { get; set; }
    public int PropertyId { get; set; }
    public string ReservationId { get; set; } = "";
    public string ReservationNumber { get; set; } = "";
    public string GuestName { get; set; } = "";
    public UpsellKind Kind { get; set; }
    /// <summary>The target room type or the add-on's name.</summary>
    public string Offer { get; set; } = "";
    public string? RuleCode { get; set; }
    public decimal TotalAmount { get; set; }
    public string CurrencyCode { get; set; } = "";
    public SaleChannel Channel { get; set; }
    public string? AgentUserId { get; set; }
    public string AgentName { get; set; } = "";
    public string? Note { get; set; }
    public DateTimeOffset DeclinedUtc { get; set; }
    /// <summary>The property's business day of the decline (its time zone).</summary>
    public DateOnly Day { get; set; }
    /// <summary>The stay's arrival; null on declines recorded before it was kept.</summary>
    public DateOnly? Arrival { get; set; }
    /// <summary>Upgrade: from → to room type; add-on: the product's name (null on declines recorded before they were kept).</summary>
    public string? FromRoomType { get; set; }
    public string? ToRoomType { get; set; }
    public string? ProductName { get; set; }
}

internal sealed class UpsellSaleConfiguration : IEntityTypeConfiguration<UpsellSale>
{
    public void Configure(EntityTypeBuilder<UpsellSale> b)
    {
        b.HasKey(x => x.Id);
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.PropertyCode).HasMaxLength(Property.CodeMaxLength).IsRequired();
        foreach (var id in new[] { nameof(UpsellSale.EnterpriseId), nameof(UpsellSale.ReservationId), nameof(UpsellSale.AccountId), nameof(UpsellSale.ServiceId) })
        {
            b.Property(id).HasMaxLength(64).IsRequired();
        }
        foreach (var id in new[] { nameof(UpsellSale.FromCategoryId), nameof(UpsellSale.ToCategoryId), nameof(UpsellSale.ProductId), nameof(UpsellSale.AccountingCategoryId) })
        {
            b.Property(id).HasMaxLength(64);
        }
        b.Property(x => x.ReservationNumber).HasMaxLength(64).IsRequired();
        b.Property(x => x.GuestName).HasMaxLength(200).IsRequired();
        b.Property(x => x.TimeZone).HasMaxLength(Property.TimeZoneMaxLength).IsRequired();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.FromRoomType).HasMaxLength(20);
        b.Property(x => x.ToRoomType).HasMaxLength(20);
        b.Property(x => x.ProductName).HasMaxLength(200);
        b.Property(x => x.RuleCode).HasMaxLength(20);
        b.Property(x => x.AccountingCategoryCode).HasMaxLength(100);
        b.Property(x => x.CurrencyCode).HasMaxLength(3).IsRequired();
        b.Property(x => x.OfferId).HasMaxLength(64).IsRequired();
        b.Property(x => x.Note).HasMaxLength(UpsellSale.NoteMaxLength);
        b.Property(x => x.AgentUserId).HasMaxLength(450);
        b.Property(x => x.AgentName).HasMaxLength(256).IsRequired();
        b.Property(x => x.UndoneBy).HasMaxLength(256);
        b.Property(x => x.IdempotencyKey).HasMaxLength(UpsellSale.IdempotencyKeyMaxLength);
        b.Property(x => x.RequestHash).HasMaxLength(64);
        b.Property(x => x.LastError).HasMaxLength(2000);
        b.Property(x => x.LastRequestId).HasMaxLength(100);
        b.Property(x => x.Attention).HasMaxLength(2000);
        b.Property(x => x.MewsItemIds).HasMaxLength(4000);
        b.Property(x => x.TotalAmount).HasPrecision(18, 2);
        b.Property(x => x.UnitAmount).HasPrecision(18, 2);
        b.Ignore(x => x.MewsOrderIds);
        b.Ignore(x => x.ItemIds);
        b.OwnsMany(x => x.Nights, n =>
        {
            n.ToTable("UpsellSaleNights");
            n.WithOwner().HasForeignKey("SaleId");
            n.Property<int>("Id");
            n.HasKey("Id");
            n.Property(x => x.OriginalRate).HasPrecision(18, 2);
            n.Property(x => x.UpsellRate).HasPrecision(18, 2);
            n.Property(x => x.UpsellAmount).HasPrecision(18, 2);
            n.Property(x => x.TaxCodes).HasMaxLength(200).IsRequired();
            n.Property(x => x.MewsOrderId).HasMaxLength(64);
            n.Property(x => x.MewsItemId).HasMaxLength(64);
        });
        b.Property(x => x.SoldUtc).HasConversion(UtcColumns.Converter);
        b.HasIndex(x => new { x.PropertyId, x.SoldUtc });
        b.HasIndex(x => new { x.PropertyId, x.ReservationId });
        // The Upsell Performance report's indexes differ by provider: UpsellReportIndexes.
        b.HasIndex(x => x.Status);
        // One sale per (caller, key): the API's replay protection. Filtered so desk sales (no key) do not collide.
        b.HasIndex(x => new { x.AgentName, x.IdempotencyKey }).IsUnique().HasFilter("IdempotencyKey IS NOT NULL");
    }
}

internal sealed class UpsellWorkItemConfiguration : IEntityTypeConfiguration<UpsellWorkItem>
{
    public void Configure(EntityTypeBuilder<UpsellWorkItem> b)
    {
        b.HasOne<UpsellSale>().WithMany().HasForeignKey(x => x.SaleId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Action).HasConversion<string>().HasMaxLength(10);
        // The lease owner guards every progress save: an instance whose lease was taken over cannot write over the new owner.
        b.Property(x => x.LeaseOwner).HasMaxLength(200).IsConcurrencyToken();
        b.Property(x => x.CreatedUtc).HasConversion(UtcColumns.Converter);
        b.Property(x => x.DueUtc).HasConversion(UtcColumns.Converter);
        b.Property(x => x.LeaseExpiresUtc).HasConversion(UtcColumns.NullableConverter);
        b.Property(x => x.CompletedUtc).HasConversion(UtcColumns.NullableConverter);
        b.HasIndex(x => new { x.CompletedUtc, x.DueUtc });
        b.HasIndex(x => x.SaleId);
    }
}

internal sealed class UpsellPresentationConfiguration : IEntityTypeConfiguration<UpsellPresentation>
{
    public void Configure(EntityTypeBuilder<UpsellPresentation> b)
    {
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.ReservationId).HasMaxLength(64).IsRequired();
        b.Property(x => x.ReservationNumber).HasMaxLength(64).IsRequired();
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.AgentName).HasMaxLength(256).IsRequired();
        b.Property(x => x.AgentUserId).HasMaxLength(450);
        b.HasIndex(x => new { x.PropertyId, x.ReservationId, x.Day, x.Channel }).IsUnique();
        b.Property(x => x.PresentedUtc).HasConversion(UtcColumns.Converter);
        b.HasIndex(x => new { x.PropertyId, x.Day });
        b.HasMany(x => x.Offers).WithOne().HasForeignKey(x => x.PresentationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UpsellPresentedOfferConfiguration : IEntityTypeConfiguration<UpsellPresentedOffer>
{
    public void Configure(EntityTypeBuilder<UpsellPresentedOffer> b)
    {
        b.ToTable("UpsellPresentedOffers");
        b.Property(x => x.ReservationId).HasMaxLength(64).IsRequired();
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.AgentUserId).HasMaxLength(450);
        b.Property(x => x.AgentName).HasMaxLength(256).IsRequired();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.FromRoomType).HasMaxLength(20);
        b.Property(x => x.ToRoomType).HasMaxLength(20);
        b.Property(x => x.RuleCode).HasMaxLength(20);
        b.Property(x => x.ProductName).HasMaxLength(200);
        b.Property(x => x.TotalAmount).HasPrecision(18, 2);
        b.Property(x => x.CurrencyCode).HasMaxLength(3).IsRequired();
    }
}

internal sealed class UpsellDeclineConfiguration : IEntityTypeConfiguration<UpsellDecline>
{
    public void Configure(EntityTypeBuilder<UpsellDecline> b)
    {
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.ReservationId).HasMaxLength(64).IsRequired();
        b.Property(x => x.ReservationNumber).HasMaxLength(64).IsRequired();
        b.Property(x => x.GuestName).HasMaxLength(200).IsRequired();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Offer).HasMaxLength(200).IsRequired();
        b.Property(x => x.RuleCode).HasMaxLength(20);
        b.Property(x => x.TotalAmount).HasPrecision(18, 2);
        b.Property(x => x.CurrencyCode).HasMaxLength(3).IsRequired();
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.AgentUserId).HasMaxLength(450);
        b.Property(x => x.AgentName).HasMaxLength(256).IsRequired();
        b.Property(x => x.Note).HasMaxLength(UpsellSale.NoteMaxLength);
        b.Property(x => x.DeclinedUtc).HasConversion(UtcColumns.Converter);
        b.Property(x => x.FromRoomType).HasMaxLength(20);
        b.Property(x => x.ToRoomType).HasMaxLength(20);
        b.Property(x => x.ProductName).HasMaxLength(200);
        b.HasIndex(x => new { x.PropertyId, x.DeclinedUtc });
    }
}
