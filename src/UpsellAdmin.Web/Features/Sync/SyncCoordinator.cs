using System.Diagnostics.CodeAnalysis;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>
/// One sync at a time, whoever asks (the Sync page, the scheduler, the demo start-up): a second request while one
/// runs is refused with <see cref="SyncAlreadyRunningException"/>. Publishes the running sync's progress for the page.
/// Each run gets its own DI scope (the gateway's HTTP clients are transient).
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "A SemaphoreSlim needs disposing only once its AvailableWaitHandle was read; this one's never is.")]
public sealed class SyncCoordinator(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SyncProgress? _progress;

    /// <summary>The progress of the running sync, or null when none runs.</summary>
    public SyncProgress? Current => _progress;

    /// <summary>Raised (on a pool thread) when a sync starts, progresses or ends.</summary>
    public event Action? Changed;

    public bool IsRunning => _progress is not null;

    public async Task<SyncResult> RunAsync(SyncTrigger trigger, string? startedBy, CancellationToken ct)
    {
        if (!await _gate.WaitAsync(0, ct))
        {
            throw new SyncAlreadyRunningException(_progress);
        }
        try
        {
            _progress = new SyncProgress("Starting", 0, 1);
            Changed?.Invoke();
            await using var scope = scopes.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<MewsSyncService>();
            var progress = new Progress(p =>
            {
                _progress = p;
                Changed?.Invoke();
            });
            return await service.RunAsync(trigger, startedBy, progress, ct);
        }
        finally
        {
            _progress = null;
            _gate.Release();
            Changed?.Invoke();
        }
    }

    /// <summary>Synchronous IProgress (System.Progress posts to a context; here every report is applied at once).</summary>
    private sealed class Progress(Action<SyncProgress> report) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => report(value);
    }
}

/// <summary>A sync was requested while another one runs.</summary>
public sealed class SyncAlreadyRunningException(SyncProgress? progress)
    : InvalidOperationException("A sync from Mews is already running" + (progress is null ? "." : $" ({progress.Stage})."))
{
    public SyncProgress? Progress => progress;
}
