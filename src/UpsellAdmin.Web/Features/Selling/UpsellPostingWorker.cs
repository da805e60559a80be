using Microsoft.Extensions.Options;

namespace UpsellAdmin.Web.Features.Selling;

/// <summary>Selling's settings (section <c>Selling</c>).</summary>
public sealed class SellingOptions
{
    public const string Section = "Selling";

    /// <summary>Run the posting worker in this process (an instance that only serves screens may turn it off).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the worker looks for due work when nothing wakes it (a sale in this process wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed work item is this instance's; after it, another instance may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Work items posted at the same time (the gateway keeps every call inside Mews' rate limit).</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>A write cut off mid-flight (a timeout, an unknown outcome, the app stopping) may still be applied by Mews
    /// for a while: the next attempt, which looks up what landed, waits at least this long (the gateway's write timeout).</summary>
    public TimeSpan InFlightGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a failure Mews may recover from, the next attempt waits 5 s, 10 s, 20 s … up to this.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Wakes the posting worker when a sale, undo or retry was recorded in this process.</summary>
public sealed class UpsellWorkSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// The background half of selling: on start and then whenever woken (or every <see cref="SellingOptions.PollInterval"/>),
/// lets <see cref="UpsellPoster"/> claim and run due work. Work left by a crash or restart is still in the database,
/// so the first pass after start reconciles it with Mews before anything is sent again.
/// </summary>
public sealed partial class UpsellPostingWorker(IServiceScopeFactory scopes, UpsellWorkSignal signal, IOptions<SellingOptions> options,
    ILogger<UpsellPostingWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var poster = scope.ServiceProvider.GetRequiredService<UpsellPoster>();
                await poster.RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the worker must outlive any one failure (a database hiccup); the work stays in the outbox
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogPassFailed(e);
            }
            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Upsell posting pass failed; its work stays queued")]
    private partial void LogPassFailed(Exception e);
}
