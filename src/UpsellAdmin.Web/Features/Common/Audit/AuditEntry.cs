using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace UpsellAdmin.Web.Features.Common.Audit;

/// <summary>
/// One line of the audit trail: who changed what, when, and the thing before and after (JSON snapshots of the
/// aggregate the user edits, never a secret). Written only through <see cref="AuditTrail.AddAudit"/> in the same
/// SaveChanges as the change itself; never updated or deleted by the app (<see cref="AuditTrail.RefuseEdits"/>).
/// No foreign keys: an entry outlives the rule, user or property it names.
/// </summary>
public sealed class AuditEntry
{
    public const int ByMaxLength = 256;
    public const int ActionMaxLength = 32;
    public const int EntityTypeMaxLength = 64;
    public const int EntityKeyMaxLength = 256;
    public const int SummaryMaxLength = 500;

    public long Id { get; set; }

    /// <summary>When, UTC (stored as a UTC DateTime so that both providers compare and order it).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The user's name, the API key's name, or a system actor ("Mews posting worker").</summary>
    public string By { get; set; } = "";

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public string Action { get; set; } = "";

    /// <summary>One of <see cref="AuditEntityTypes"/>.</summary>
    public string EntityType { get; set; } = "";

    /// <summary>The entity's natural key within its property: a rule code, a user name, a property code, a key name, a sale id.</summary>
    public string EntityKey { get; set; } = "";

    /// <summary>The property it belongs to, when it belongs to one (no FK: the entry outlives the property).</summary>
    public int? PropertyId { get; set; }

    /// <summary>One line a person reads in the Audit page's grid.</summary>
    public string Summary { get; set; } = "";

    /// <summary>JSON snapshot before the change (null for a creation).</summary>
    public string? Before { get; set; }

    /// <summary>JSON snapshot after the change (null for a deletion).</summary>
    public string? After { get; set; }
}

/// <summary>What was done. Strings, not an enum, so that a feature can add its own without a migration.</summary>
public static class AuditActions
{
    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Deleted = "Deleted";
    public const string Restored = "Restored";
    public const string Copied = "Copied";
    public const string Sold = "Sold";
    public const string Declined = "Declined";
    public const string Undone = "Undone";
    public const string Retried = "Retried";
    public const string Posted = "Posted";
    public const string Rejected = "Rejected";
    public const string Reversed = "Reversed";
    public const string Revoked = "Revoked";
    public const string PasswordReset = "PasswordReset";
    public const string Locked = "Locked";
    public const string Unlocked = "Unlocked";
}

/// <summary>Who did it when no person or key did.</summary>
public static class AuditActors
{
    /// <summary>The outbox worker that posts upsells to Mews (Posted, Rejected, Reversed).</summary>
    public const string PostingWorker = "Mews posting worker";
}

/// <summary>What kind of thing changed (the Audit page's Entity filter).</summary>
public static class AuditEntityTypes
{
    public const string UpsellRule = "UpsellRule";
    public const string UpsellConfiguration = "UpsellConfiguration";
    public const string OccupancyLevels = "OccupancyLevels";
    public const string RoomHierarchy = "RoomHierarchy";
    public const string AddOnCatalogue = "AddOnCatalogue";
    public const string User = "User";
    public const string Property = "Property";
    public const string ApiKey = "ApiKey";
    public const string RuleCopy = "RuleCopy";
    public const string Upsell = "Upsell";

    public static readonly IReadOnlyList<string> All =
        [UpsellRule, UpsellConfiguration, OccupancyLevels, RoomHierarchy, AddOnCatalogue, User, Property, ApiKey, RuleCopy, Upsell];
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    private static readonly ValueConverter<DateTimeOffset, DateTime> Utc = UtcColumns.Converter;

    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasKey(x => x.Id);
        b.Property(x => x.At).HasConversion(Utc);
        b.Property(x => x.By).HasMaxLength(AuditEntry.ByMaxLength).IsRequired();
        b.Property(x => x.Action).HasMaxLength(AuditEntry.ActionMaxLength).IsRequired();
        b.Property(x => x.EntityType).HasMaxLength(AuditEntry.EntityTypeMaxLength).IsRequired();
        b.Property(x => x.EntityKey).HasMaxLength(AuditEntry.EntityKeyMaxLength).IsRequired();
        b.Property(x => x.Summary).HasMaxLength(AuditEntry.SummaryMaxLength).IsRequired();

        // A rule's (or any entity's) history; the Audit page's filters, newest first.
        b.HasIndex(x => new { x.EntityType, x.PropertyId, x.EntityKey, x.At });
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.By, x.At });
        b.HasIndex(x => new { x.PropertyId, x.At });
        b.HasIndex(x => new { x.EntityType, x.At });
    }
}
