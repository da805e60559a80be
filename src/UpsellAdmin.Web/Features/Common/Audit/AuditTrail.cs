using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace UpsellAdmin.Web.Features.Common.Audit;

/// <summary>
/// What a feature records about one change. <paramref name="By"/> is the user's or API key's name (the caller has it
/// from ICurrentUser); <paramref name="Before"/> and <paramref name="After"/> are snapshots of the aggregate the user
/// edits (a rule with its filters, the property's occupancy levels, a user's role and properties — never a password
/// hash, security stamp or key hash), serialized as camelCase JSON in declaration order so versions diff field by field.
/// <see cref="At"/> defaults to now.
/// </summary>
public sealed record AuditRecord(
    string By,
    string Action,
    string EntityType,
    string EntityKey,
    int? PropertyId,
    string Summary,
    object? Before = null,
    object? After = null)
{
    public DateTimeOffset? At { get; init; }
}

/// <summary>
/// The one way to write the audit trail: <c>db.AddAudit(new AuditRecord(...))</c> adds the entry to the same context
/// as the change, so one SaveChanges writes both or neither. The context refuses to update or delete an entry.
/// </summary>
public static class AuditTrail
{
    /// <summary>Snapshots' JSON: camelCase, enums by name, compact. Property order is the snapshot type's.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
        // "Low: 0–50 %", "STD → DLX" stay readable in the database (HTML-sensitive characters are still escaped).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public const string ImmutableMessage = "Audit entries cannot be changed or deleted.";

    /// <summary>Adds the entry to <paramref name="db"/>; it is written by the caller's next SaveChanges.</summary>
    public static AuditEntry AddAudit(this DbContext db, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        var entry = new AuditEntry
        {
            At = record.At ?? DateTimeOffset.UtcNow,
            By = Cut(string.IsNullOrWhiteSpace(record.By) ? "unknown" : record.By, AuditEntry.ByMaxLength),
            Action = Cut(record.Action, AuditEntry.ActionMaxLength),
            EntityType = Cut(record.EntityType, AuditEntry.EntityTypeMaxLength),
            EntityKey = Cut(record.EntityKey, AuditEntry.EntityKeyMaxLength),
            PropertyId = record.PropertyId,
            Summary = Cut(record.Summary, AuditEntry.SummaryMaxLength),
            Before = Snapshot(record.Before),
            After = Snapshot(record.After),
        };
        db.Set<AuditEntry>().Add(entry);
        return entry;
    }

    /// <summary>A snapshot as stored (a string is taken as JSON already).</summary>
    public static string? Snapshot(object? value) => value switch
    {
        null => null,
        string json => json,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(value, value.GetType(), Json),
    };

    /// <summary>Called by the context before every save: an audit entry may only be added.</summary>
    /// <exception cref="InvalidOperationException">An entry is being modified or deleted.</exception>
    public static void RefuseEdits(ChangeTracker changeTracker)
    {
        ArgumentNullException.ThrowIfNull(changeTracker);
        foreach (var entry in changeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException(ImmutableMessage);
            }
        }
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
