using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpsellAdmin.Web.Data;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>
/// Syncs every <see cref="SyncOptions.Interval"/> (0 = never), counted from the start of the last run of any kind,
/// so a manual sync postpones the next scheduled one and an app that was down catches up once when it starts. It
/// never makes the very first sync of a database (that is the Sync page's or demo mode's first start).
/// </summary>
public sealed partial class SyncBackgroundService(
    SyncCoordinator coordinator,
    IDbContextFactory<AppDbContext> dbFactory,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock,
    ILogger<SyncBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var interval = options.CurrentValue.Interval;
            if (interval <= TimeSpan.Zero)
            {
                LogOff();
                return;
            }
            try
            {
                var wait = await TimeUntilDueAsync(interval, stoppingToken);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stoppingToken);
                    continue; // re-read: a manual run may have happened meanwhile
                }
                await coordinator.RunAsync(SyncTrigger.Scheduled, null, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SyncAlreadyRunningException)
            {
                await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            }
            catch (Exception e)
            {
                // e.g. the database is not migrated yet; try again after one interval
                LogFailed(e);
                await Task.Delay(interval, clock, stoppingToken);
            }
        }
    }

    private async Task<TimeSpan> TimeUntilDueAsync(TimeSpan interval, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var last = await db.SyncRuns.AsNoTracking().OrderByDescending(r => r.Id).Select(r => (DateTimeOffset?)r.StartedUtc).FirstOrDefaultAsync(ct);
        if (last is null)
        {
            // Never synced: the first sync is started by a person (Sync page) or by demo mode's first start, not by
            // a test host or a fresh deployment that merely booted; look again after one interval.
            return interval > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : interval;
        }
        var due = last.Value + interval - clock.GetUtcNow();
        return due <= TimeSpan.Zero ? TimeSpan.Zero : due > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : due;
    }

    [LoggerMessage(LogLevel.Information, "Background Mews sync is off (Sync:Interval is 0)")]
    private partial void LogOff();

    [LoggerMessage(LogLevel.Warning, "Scheduled Mews sync could not run; next try after one interval")]
    private partial void LogFailed(Exception exception);
}
