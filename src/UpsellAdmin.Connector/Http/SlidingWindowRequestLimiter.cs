using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace UpsellAdmin.Connector.Http;

/// <summary>
/// An exact sliding-window (sliding log) limiter: at most <c>limit</c> requests start within any span of
/// <c>window</c>. A caller waits, first come first served, until the oldest permit of the window has aged out. Unlike
/// the segmented <c>System.Threading.RateLimiting.SlidingWindowRateLimiter</c>, a permit is freed exactly one window
/// after it was used, so a server that counts a true sliding window never sees more than the limit.
/// </summary>
public sealed class SlidingWindowRequestLimiter
{
    private readonly Queue<long> _starts = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly long _windowTicks;
    private long _admitted;
    private long _unmetered;
    private long _delayed;

    public SlidingWindowRequestLimiter(int limit, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        Limit = limit;
        Window = window;
        _time = time;
        _windowTicks = (long)(window.TotalSeconds * time.TimestampFrequency);
    }

    public int Limit { get; }

    public TimeSpan Window { get; }

    /// <summary>Permits granted through <see cref="AcquireAsync"/>.</summary>
    public long Admitted => Interlocked.Read(ref _admitted);

    /// <summary>Retries recorded through <see cref="RecordUnmetered"/>.</summary>
    public long Unmetered => Interlocked.Read(ref _unmetered);

    /// <summary>Acquisitions that had to wait for the window to slide.</summary>
    public long Delayed => Interlocked.Read(ref _delayed);

    /// <summary>Waits until a request may start within the budget, then records its start.</summary>
    public async ValueTask AcquireAsync(CancellationToken ct)
    {
        await _turn.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var waited = false;
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    var now = _time.GetTimestamp();
                    Trim(now);
                    if (_starts.Count < Limit)
                    {
                        _starts.Enqueue(now);
                        Interlocked.Increment(ref _admitted);
                        if (waited)
                            Interlocked.Increment(ref _delayed);
                        return;
                    }

                    wait = _time.GetElapsedTime(now, _starts.Peek() + _windowTicks);
                }

                waited = true;
                await Task.Delay(wait, _time, ct)
                    .ConfigureAwait(false);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Records a request that starts without waiting (a retry of an already admitted call, sent after its back-off):
    /// it uses budget, so later callers wait longer, but the retry itself is not held back.
    /// </summary>
    public void RecordUnmetered()
    {
        lock (_lock)
        {
            _starts.Enqueue(_time.GetTimestamp());
            Interlocked.Increment(ref _unmetered);
        }
    }

    private void Trim(long now)
    {
        while (_starts.Count > 0 && now - _starts.Peek() >= _windowTicks)
            _starts.Dequeue();
    }
}

/// <summary>One limiter per AccessToken, shared by the read and the write clients (Mews counts them together).</summary>
public sealed class MewsRateLimiterRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Token, int Limit, TimeSpan Window), SlidingWindowRequestLimiter> _limiters = new();

    public SlidingWindowRequestLimiter For(ConnectorOptions options) =>
        _limiters.GetOrAdd((options.AccessToken, options.RequestsPerWindow, options.Window + options.RateLimitSafetyMargin),
            key => new SlidingWindowRequestLimiter(key.Limit, key.Window, time));

    internal static SlidingWindowRequestLimiter For(IServiceProvider services)
    {
        var registry = (MewsRateLimiterRegistry)services.GetService(typeof(MewsRateLimiterRegistry))!;
        var options = ((IOptionsMonitor<ConnectorOptions>)services.GetService(typeof(IOptionsMonitor<ConnectorOptions>))!).CurrentValue;
        return registry.For(options);
    }
}
