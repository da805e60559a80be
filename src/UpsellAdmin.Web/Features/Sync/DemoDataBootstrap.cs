using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>
/// Demo mode's first start: the demo chain comes from Mews (the in-process simulator) through the real sync, which
/// creates one property per enterprise the demo token sees; then each new property gets the demo upsell set-up
/// (configuration, occupancy levels, room hierarchy, ≈13 rules) built from the codes that were synced. Later
/// starts do nothing here: the scheduler keeps the data current.
/// </summary>
public sealed partial class DemoDataBootstrap(
    SyncCoordinator coordinator,
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    ILogger<DemoDataBootstrap> logger) : IDemoDataSource
{
    /// <summary>Syncs and seeds when the database has no property yet. Returns the properties seeded.</summary>
    public async Task<int> SeedAsync(CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Properties.AnyAsync(ct))
            {
                return 0;
            }
        }

        var result = await coordinator.RunAsync(SyncTrigger.Startup, "demo start-up", ct);
        var seeded = 0;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var properties = await db.Properties.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
            for (var i = 0; i < properties.Count; i++)
            {
                var rules = await DemoRuleSeeder.SeedAsync(db, properties[i], i, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
                if (rules > 0)
                {
                    seeded++;
                    LogSeeded(properties[i].Code, rules);
                }
            }
        }
        LogDone(result.PropertiesCreated, (long)result.Duration.TotalMilliseconds, result.Requests, result.Errors.Count);
        return seeded;
    }

    [LoggerMessage(LogLevel.Information, "Demo property {PropertyCode} seeded from synced codes: {RuleCount} rules")]
    private partial void LogSeeded(string propertyCode, int ruleCount);

    [LoggerMessage(LogLevel.Information, "Demo data from the Mews simulator: {Properties} properties synced in {ElapsedMs} ms with {Requests} requests, {ErrorCount} errors")]
    private partial void LogDone(int properties, long elapsedMs, int requests, int errorCount);
}
