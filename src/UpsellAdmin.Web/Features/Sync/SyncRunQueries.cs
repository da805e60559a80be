using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>The Sync page's reads: recent runs, newest first, a page at a time (paging in SQL).</summary>
public interface ISyncRunQueries
{
    Task<(IReadOnlyList<SyncRunRow> Rows, int Total)> GetRunsAsync(int page, int pageSize, CancellationToken ct);
}

internal sealed class SyncRunQueries(IDbContextFactory<AppDbContext> dbFactory) : ISyncRunQueries
{
    public async Task<(IReadOnlyList<SyncRunRow> Rows, int Total)> GetRunsAsync(int page, int pageSize, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await db.SyncRuns.CountAsync(ct);
        var runs = await db.SyncRuns.AsNoTracking()
            .OrderByDescending(r => r.Id)
            .Skip(Math.Max(0, page) * pageSize)
            .Take(pageSize)
            .Select(r => new { r.Id, r.StartedUtc, r.FinishedUtc, r.Trigger, r.StartedBy, r.RequestCount, r.ItemsAdded, r.ItemsUpdated, r.ItemsDeactivated, r.Succeeded, r.Errors })
            .ToListAsync(ct);
        var rows = runs.Select(r => new SyncRunRow(r.Id, r.StartedUtc, r.Trigger, r.StartedBy, r.FinishedUtc - r.StartedUtc,
            r.RequestCount, r.ItemsAdded, r.ItemsUpdated, r.ItemsDeactivated, r.Succeeded, r.Errors)).ToList();
        return (rows, total);
    }
}
