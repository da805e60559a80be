using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace UpsellAdmin.Connector.Http;

/// <summary>
/// An exact sliding-window limiter for one AccessToken: at most <c>limit</c> requests inside any span of
/// <c>window</c>, counted the way the server can see them. A permit is held while its request is in flight and its
/// window starts only when the answer (or failure) comes back, because the server timestamps the request somewhere
/// between our send and our receive: counting from our receive is never earlier than the server's own count, so
/// network or server queueing delays can never make the server see more than <c>limit</c> in its window. Callers
/// wait first come, first served.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "A SemaphoreSlim needs disposing only once its AvailableWaitHandle was read; this one's never is.")]
public sealed class SlidingWindowRequestLimiter
{
    private readonly List<RequestPermit> _permits = [];
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly long _windowTicks;
    private TaskCompletionSource _released = NewSignal();
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

    /// <summary>Acquisitions that had to wait.</summary>
    public long Delayed => Interlocked.Read(ref _delayed);

    /// <summary>Waits until a request may start within the budget. Complete the permit when the answer is in.</summary>
    public async ValueTask<RequestPermit> AcquireAsync(CancellationToken ct)
    {
        await _turn.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var waited = false;
            while (true)
            {
                TimeSpan? wait;
                Task released;
                lock (_lock)
                {
                    var now = _time.GetTimestamp();
                    wait = TimeUntilFree(now);
                    if (wait == TimeSpan.Zero)
                    {
                        var permit = new RequestPermit(this);
                        _permits.Add(permit);
                        Interlocked.Increment(ref _admitted);
                        if (waited)
                            Interlocked.Increment(ref _delayed);
                        return permit;
                    }

                    released = _released.Task;
                }

                waited = true;
                if (wait is { } delay)
                    await Task.WhenAny(released, Task.Delay(delay, _time, ct)).ConfigureAwait(false);
                else
                    await released.WaitAsync(ct).ConfigureAwait(false); // every permit is in flight: wait for an answer
                ct.ThrowIfCancellationRequested();
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
    public RequestPermit RecordUnmetered()
    {
        lock (_lock)
        {
            var permit = new RequestPermit(this);
            _permits.Add(permit);
            Interlocked.Increment(ref _unmetered);
            return permit;
        }
    }

    internal void Complete(RequestPermit permit)
    {
        TaskCompletionSource released;
        lock (_lock)
        {
            if (permit.CompletedAt is not null)
                return;
            permit.CompletedAt = _time.GetTimestamp();
            released = _released;
            _released = NewSignal();
        }

        released.TrySetResult();
    }

    /// <summary>Zero: a permit is free now; a span: the earliest a completed permit leaves the window; null: all in flight.</summary>
    private TimeSpan? TimeUntilFree(long now)
    {
        _permits.RemoveAll(p => p.CompletedAt is { } done && now - done >= _windowTicks);
        if (_permits.Count < Limit)
            return TimeSpan.Zero;
        long? earliest = null;
        foreach (var p in _permits)
        {
            if (p.CompletedAt is { } done && (earliest is null || done < earliest))
                earliest = done;
        }

        return earliest is { } e ? _time.GetElapsedTime(now, e + _windowTicks) : null;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>One request's use of the budget: its window starts when <see cref="Complete"/> is called (idempotent).</summary>
public sealed class RequestPermit
{
    private readonly SlidingWindowRequestLimiter _owner;

    internal RequestPermit(SlidingWindowRequestLimiter owner) => _owner = owner;

    internal long? CompletedAt { get; set; }

    public void Complete() => _owner.Complete(this);
}

/// <summary>One limiter per AccessToken, shared by the read and the write clients (Mews counts them together).</summary>
public sealed class MewsRateLimiterRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Token, int Limit, TimeSpan Window), SlidingWindowRequestLimiter> _limiters = new();

    public SlidingWindowRequestLimiter For(ConnectorOptions options) =>
        _limiters.GetOrAdd((options.AccessToken, options.RequestsPerWindow, options.Window + options.RateLimitSafetyMargin),
            key => new SlidingWindowRequestLimiter(key.Limit, key.Window, time));
}
