using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Administration;

/// <summary>The Audit page's filters: each null = any. Dates are UTC days, both inclusive.</summary>
public sealed record AuditFilter(int? PropertyId = null, string? By = null, string? EntityType = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One line of the Audit grid (the snapshots are read only when a row is opened).</summary>
public sealed record AuditRow(long Id, DateTimeOffset At, string By, string Action, string EntityType, string EntityKey, string? PropertyCode, string Summary);

/// <summary>An opened row: the fields that changed (or, for a creation or deletion, every field), and the raw snapshots.</summary>
public sealed record AuditDetail(long Id, IReadOnlyList<AuditFieldChange> Changes);

public interface IAuditService
{
    /// <summary>Newest first, filtered and paged in SQL; empty for anyone but an Administrator. The total is counted at
    /// most <see cref="AuditService.CountLookahead"/> past the page (then a lower bound).</summary>
    Task<PagedResult<AuditRow>> SearchAsync(AuditFilter filter, PageRequest page, CancellationToken cancellationToken = default);

    Task<AuditDetail?> GetDetailAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Who may be picked in the User filter: the users and API keys, and the posting worker.</summary>
    Task<IReadOnlyList<string>> GetActorsAsync(CancellationToken cancellationToken = default);
}

/// <summary>Reads the audit trail for Administrators. There is no write here: entries are added only with the change
/// they record (<see cref="AuditTrail.AddAudit"/>) and the context refuses to change them.</summary>
public sealed class AuditService(IDbContextFactory<AppDbContext> dbFactory, ICurrentUser currentUser) : IAuditService
{
    public const int CountLookahead = 1000;

    public async Task<PagedResult<AuditRow>> SearchAsync(AuditFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        if (!(await currentUser.GetAsync(cancellationToken)).IsAdministrator)
        {
            return new PagedResult<AuditRow>([], 0);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (filter.PropertyId is { } propertyId)
        {
            query = query.Where(e => e.PropertyId == propertyId);
        }
        if (!string.IsNullOrWhiteSpace(filter.By))
        {
            var by = filter.By.Trim();
            query = query.Where(e => e.By == by);
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(e => e.EntityType == filter.EntityType);
        }
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At < end);
        }

        var pageSize = Math.Clamp(page.PageSize, 1, 500);
        var skip = Math.Max(0, page.Page) * pageSize;
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(skip).Take(pageSize)
            .Select(e => new { e.Id, e.At, e.By, e.Action, e.EntityType, e.EntityKey, e.PropertyId, e.Summary })
            .ToListAsync(cancellationToken);

        // As on the Rules screen: a short page tells the total; otherwise count at most CountLookahead past the page.
        int total;
        var lowerBound = false;
        if (rows.Count > 0 && rows.Count < pageSize)
        {
            total = skip + rows.Count;
        }
        else
        {
            var limit = skip + pageSize + CountLookahead;
            total = await query.Take(limit + 1).CountAsync(cancellationToken);
            lowerBound = total > limit;
            total = Math.Min(total, limit);
        }
        var propertyIds = rows.Select(r => r.PropertyId).OfType<int>().Distinct().ToList();
        var codes = await db.Properties.AsNoTracking().Where(p => propertyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, cancellationToken);
        return new PagedResult<AuditRow>(rows.Select(r => new AuditRow(r.Id, r.At, r.By, r.Action, r.EntityType, r.EntityKey,
            r.PropertyId is { } id ? codes.GetValueOrDefault(id, $"#{id}") : null, r.Summary)).ToList(), total, lowerBound);
    }

    public async Task<AuditDetail?> GetDetailAsync(long id, CancellationToken cancellationToken = default)
    {
        if (!(await currentUser.GetAsync(cancellationToken)).IsAdministrator)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.AuditEntries.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Id, e.EntityType, e.Before, e.After }).FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return null;
        }
        var format = entry.EntityType == AuditEntityTypes.UpsellRule ? UpsellRuleSnapshot.Format : AuditFieldFormat.Default;
        var changes = entry.Before is null ? AuditDiff.Describe(entry.After, format)
            // A deletion: what was there stands under Before, as the History tab shows it.
            : entry.After is null ? AuditDiff.Describe(entry.Before, format).Select(c => c with { Before = c.After, After = "" }).ToList()
            : AuditDiff.Compare(entry.Before, entry.After, format);
        return new AuditDetail(entry.Id, changes);
    }

    public async Task<IReadOnlyList<string>> GetActorsAsync(CancellationToken cancellationToken = default)
    {
        if (!(await currentUser.GetAsync(cancellationToken)).IsAdministrator)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => u.UserName != null).Select(u => u.UserName!).ToListAsync(cancellationToken);
        var keys = await db.Set<ApiKey>().AsNoTracking().Select(k => k.Name).ToListAsync(cancellationToken);
        return users.Concat(keys).Append(AuditActors.PostingWorker).Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
