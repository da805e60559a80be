using System.Collections.Concurrent;

namespace UpsellAdmin.ConnectorSimulator;

/// <summary>Counters of what the simulator received and answered. Thread-safe; read them from tests.</summary>
public sealed class SimulatorStatistics
{
    private readonly ConcurrentDictionary<string, long> _byOperation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _byAccessToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _byStatus = new();
    private long _total;
    private long _tooManyRequests;
    private long _serverErrorsInjected;
    private long _timeoutsInjected;
    private long _connectionsDropped;
    private long _postWriteFaults;
    private long _writesApplied;
    private long _inFlight;

    /// <summary>Requests being handled right now: a client that gave up on a call (a timeout, a crash) does not stop
    /// the simulator from applying it, as with Mews; tests wait for 0 before they play "later".</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Every request that reached the simulator's route.</summary>
    public long TotalRequests => Interlocked.Read(ref _total);

    /// <summary>429 answers sent.</summary>
    public long TooManyRequestsSent => Interlocked.Read(ref _tooManyRequests);

    /// <summary>Injected 500s (before execution).</summary>
    public long ServerErrorsInjected => Interlocked.Read(ref _serverErrorsInjected);

    /// <summary>Injected 408s.</summary>
    public long TimeoutsInjected => Interlocked.Read(ref _timeoutsInjected);

    /// <summary>Connections aborted before execution.</summary>
    public long ConnectionsDropped => Interlocked.Read(ref _connectionsDropped);

    /// <summary>Writes that were applied and then answered with a fault (500, abort or delay).</summary>
    public long PostWriteFaultsInjected => Interlocked.Read(ref _postWriteFaults);

    /// <summary>Write operations that changed the store.</summary>
    public long WritesApplied => Interlocked.Read(ref _writesApplied);

    /// <summary>All injected faults of every kind.</summary>
    public long FaultsInjected => ServerErrorsInjected + TimeoutsInjected + ConnectionsDropped + PostWriteFaultsInjected;

    /// <summary>Requests per operation (e.g. <c>orders/add</c>; unknown paths under their raw path).</summary>
    public IReadOnlyDictionary<string, long> RequestsByOperation => new Dictionary<string, long>(_byOperation, StringComparer.Ordinal);

    /// <summary>Requests per AccessToken (authenticated requests only).</summary>
    public IReadOnlyDictionary<string, long> RequestsByAccessToken => new Dictionary<string, long>(_byAccessToken, StringComparer.Ordinal);

    /// <summary>Answers per HTTP status code (dropped connections are not counted here).</summary>
    public IReadOnlyDictionary<int, long> ResponsesByStatus => new Dictionary<int, long>(_byStatus);

    /// <summary>Requests received for one operation, e.g. <c>orders/add</c>.</summary>
    public long RequestsFor(string operation) => _byOperation.TryGetValue(operation, out var n) ? n : 0;

    /// <summary>Requests received with one AccessToken.</summary>
    public long RequestsForToken(string accessToken) => _byAccessToken.TryGetValue(accessToken, out var n) ? n : 0;

    /// <summary>Answers sent with one status code.</summary>
    public long ResponsesWithStatus(int statusCode) => _byStatus.TryGetValue(statusCode, out var n) ? n : 0;

    /// <summary>Sets every counter back to zero.</summary>
    public void Reset()
    {
        _byOperation.Clear();
        _byAccessToken.Clear();
        _byStatus.Clear();
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _tooManyRequests, 0);
        Interlocked.Exchange(ref _serverErrorsInjected, 0);
        Interlocked.Exchange(ref _timeoutsInjected, 0);
        Interlocked.Exchange(ref _connectionsDropped, 0);
        Interlocked.Exchange(ref _postWriteFaults, 0);
        Interlocked.Exchange(ref _writesApplied, 0);
    }

    internal void Request(string operation)
    {
        Interlocked.Increment(ref _total);
        _byOperation.AddOrUpdate(operation, 1, static (_, n) => n + 1);
    }

    internal void Token(string accessToken) => _byAccessToken.AddOrUpdate(accessToken, 1, static (_, n) => n + 1);

    internal void Status(int statusCode) => _byStatus.AddOrUpdate(statusCode, 1, static (_, n) => n + 1);

    internal void TooManyRequests() => Interlocked.Increment(ref _tooManyRequests);

    internal void ServerErrorInjected() => Interlocked.Increment(ref _serverErrorsInjected);

    internal void TimeoutInjected() => Interlocked.Increment(ref _timeoutsInjected);

    internal void ConnectionDropped() => Interlocked.Increment(ref _connectionsDropped);

    internal void PostWriteFault() => Interlocked.Increment(ref _postWriteFaults);

    internal void WriteApplied() => Interlocked.Increment(ref _writesApplied);

    internal void Started() => Interlocked.Increment(ref _inFlight);

    internal void Finished() => Interlocked.Decrement(ref _inFlight);
}
