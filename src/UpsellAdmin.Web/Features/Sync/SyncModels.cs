using UpsellAdmin.Web.Features.ReferenceData;
namespace UpsellAdmin.Web.Features.Sync;

/// <summary>Who started a sync run; stored as text in <see cref="SyncRun.Trigger"/>.</summary>
public enum SyncTrigger
{
    Manual,
    Scheduled,
    Startup,
}

/// <summary>Where a running sync is: a stage text and steps done of total (for the progress bar).</summary>
public sealed record SyncProgress(string Stage, int Done, int Total)
{
    public double Percent => Total <= 0 ? 0 : Math.Min(100, 100.0 * Done / Total);
}

/// <summary>The outcome of one sync run, as stored in its <see cref="SyncRun"/> row.</summary>
public sealed record SyncResult(
    int RunId,
    DateTimeOffset StartedUtc,
    TimeSpan Duration,
    int Requests,
    MergeCounts Counts,
    int PropertiesCreated,
    int PricesWritten,
    IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>One row of the Sync page's grid of recent runs.</summary>
public sealed record SyncRunRow(
    int Id,
    DateTimeOffset StartedUtc,
    string Trigger,
    string? StartedBy,
    TimeSpan? Duration,
    int Requests,
    int Added,
    int Updated,
    int Deactivated,
    bool Succeeded,
    string? Errors);
