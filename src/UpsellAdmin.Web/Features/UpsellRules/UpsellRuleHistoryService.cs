using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>One version of a rule on its History tab: who did what when, and each field that changed.</summary>
/// <param name="IsCurrent">This version is the rule as it is now (nothing to restore).</param>
public sealed record RuleVersion(
    long EntryId,
    DateTimeOffset At,
    string By,
    string Action,
    string Summary,
    IReadOnlyList<AuditFieldChange> Changes,
    bool CanRestore,
    bool IsCurrent);

/// <summary>One audit entry of a rule as the history API returns it; Before/After are the JSON snapshots.</summary>
public sealed record RuleHistoryItem(DateTimeOffset At, string By, string Action, string? Before, string? After);

public interface IUpsellRuleHistoryService
{
    /// <summary>The rule's versions, newest first (at most <see cref="UpsellRuleHistoryService.MaxVersions"/>); null when the
    /// rule does not exist or the user may not see its property.</summary>
    Task<IReadOnlyList<RuleVersion>?> GetAsync(int propertyId, int ruleId, CancellationToken cancellationToken = default);

    /// <summary>The audit entries of the property's rule with this code, newest first; null when there is no such rule.</summary>
    Task<IReadOnlyList<RuleHistoryItem>?> GetByCodeAsync(int propertyId, string ruleCode, CancellationToken cancellationToken = default);

    /// <summary>Saves the version of audit entry <paramref name="entryId"/> over the rule through the normal save (validation,
    /// optimistic concurrency against <paramref name="loadedVersion"/>), audited as Restored. A version naming codes or
    /// occupancy levels the property no longer has is Invalid, with one message per problem.</summary>
    Task<SaveResult> RestoreAsync(int propertyId, int ruleId, long entryId, Guid loadedVersion, CancellationToken cancellationToken = default);
}

public sealed class UpsellRuleHistoryService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICurrentUser currentUser,
    UpsellRuleService rules) : IUpsellRuleHistoryService
{
    public const int MaxVersions = 200;

    public const string CannotRestoreMessage = "This version cannot be restored as it was; nothing was changed:";

    public async Task<IReadOnlyList<RuleVersion>?> GetAsync(int propertyId, int ruleId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await PropertyAccess.CanSeeAsync(db, user, propertyId, cancellationToken))
        {
            return null;
        }
        var rule = await UpsellRuleService.ReadRuleAsync(db, propertyId, ruleId, cancellationToken);
        if (rule is null)
        {
            return null;
        }
        var current = UpsellRuleSnapshot.Of(rule).ToJson();
        var entries = await Entries(db, propertyId, ruleId).Take(MaxVersions).ToListAsync(cancellationToken);
        var currentShown = false;
        var versions = new List<RuleVersion>(entries.Count);
        foreach (var e in entries)
        {
            var changes = e.Before is null ? AuditDiff.Describe(e.After, UpsellRuleSnapshot.Format) : AuditDiff.Compare(e.Before, e.After, UpsellRuleSnapshot.Format);
            // The newest version equal to the rule as it is now is "current"; any other version with a rule can be restored.
            var isCurrent = !currentShown && e.After is not null && Normalized(e.After) == current;
            currentShown |= isCurrent;
            versions.Add(new RuleVersion(e.Id, e.At, e.By, e.Action, e.Summary, changes, user.CanEdit && !isCurrent && e.After is not null, isCurrent));
        }
        return versions;
    }

    public async Task<IReadOnlyList<RuleHistoryItem>?> GetByCodeAsync(int propertyId, string ruleCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ruleCode);
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await PropertyAccess.CanSeeAsync(db, user, propertyId, cancellationToken))
        {
            return null;
        }
        var ruleId = await db.UpsellRules.Where(r => r.PropertyId == propertyId && r.Code == ruleCode).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (ruleId is null)
        {
            return null;
        }
        return await Entries(db, propertyId, ruleId.Value)
            .Take(MaxVersions) // as the History tab: a rule copied over every night must not grow the answer for ever
            .Select(e => new RuleHistoryItem(e.At, e.By, e.Action, e.Before, e.After))
            .ToListAsync(cancellationToken);
    }

    public async Task<SaveResult> RestoreAsync(int propertyId, int ruleId, long entryId, Guid loadedVersion, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        if (!user.CanEdit)
        {
            return SaveResult.Forbidden(PropertyAccess.ForbiddenMessage);
        }
        AuditEntry? entry;
        List<OccupancyAmountModel> levels;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await PropertyAccess.CanEditAsync(db, user, propertyId, cancellationToken))
            {
                return SaveResult.Forbidden(PropertyAccess.ForbiddenMessage);
            }
            entry = await Entries(db, propertyId, ruleId).FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
            levels = await db.OccupancyLevels.AsNoTracking()
                .Where(l => l.PropertyId == propertyId)
                .OrderBy(l => l.Level)
                .Select(l => new OccupancyAmountModel { Level = l.Level, Description = l.Description })
                .ToListAsync(cancellationToken);
        }
        var snapshot = UpsellRuleSnapshot.FromJson(entry?.After);
        if (entry is null || snapshot is null)
        {
            return SaveResult.NotFound("This version of the rule is not in its history; nothing was changed.");
        }

        var missingLevels = snapshot.UseOccupancyLevels
            ? snapshot.OccupancyLevelAmounts.Keys.Where(l => levels.All(x => x.Level != l)).ToList()
            : [];
        if (missingLevels.Count > 0)
        {
            return SaveResult.Invalid([
                new FieldError("", CannotRestoreMessage),
                .. missingLevels.Select(l => new FieldError(nameof(UpsellRuleFormModel.OccupancyAmounts),
                    $"Occupancy level {l} no longer exists in this property (Amount Per Occupancy Level).")),
            ]);
        }

        var model = UpsellRuleFormModel.FromDefinition(snapshot.ToDefinition(), levels);
        model.Id = ruleId;
        model.PropertyId = propertyId;
        model.Version = loadedVersion;
        var result = await rules.SaveAsync(model, entry.At, cancellationToken);
        if (result.Status == SaveStatus.Invalid)
        {
            // Say which field of the old version no longer fits (a deleted room type, rate code, ...).
            return SaveResult.Invalid([
                new FieldError("", CannotRestoreMessage),
                .. result.Errors.Select(e => new FieldError(e.Field, FieldLabel(e.Field) is { } label ? $"{label}: {e.Message}" : e.Message)),
            ]);
        }
        return result;
    }

    private static IQueryable<AuditEntry> Entries(AppDbContext db, int propertyId, int ruleId)
    {
        var key = UpsellRuleAudit.Key(ruleId);
        return db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == AuditEntityTypes.UpsellRule && e.PropertyId == propertyId && e.EntityKey == key)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
    }

    private static string? Normalized(string json) => UpsellRuleSnapshot.FromJson(json)?.ToJson();

    private static string? FieldLabel(string field)
    {
        var name = field.Split('[', '.')[0];
        if (name.Length == 0)
        {
            return null;
        }
        var json = char.ToLowerInvariant(name[0]) + name[1..];
        json = json switch
        {
            "occupancyAmounts" => "occupancyLevelAmounts",
            _ => json,
        };
        return UpsellRuleSnapshot.Format.Labels.TryGetValue(json, out var label) ? label : null;
    }
}
