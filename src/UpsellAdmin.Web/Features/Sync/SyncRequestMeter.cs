namespace UpsellAdmin.Web.Features.Sync;

/// <summary>
/// Counts the HTTP requests sent to Mews on behalf of one sync run (every attempt, retries included). The count
/// flows with the async context, so concurrent Mews calls of other features are not counted.
/// </summary>
public static class SyncRequestMeter
{
    private static readonly AsyncLocal<Counter?> Current = new();

    /// <summary>Starts counting for the calling async flow; dispose to stop.</summary>
    public static Counter Begin()
    {
        var counter = new Counter();
        Current.Value = counter;
        return counter;
    }

    internal static void Increment()
    {
        if (Current.Value is { } counter)
        {
            Interlocked.Increment(ref counter._value);
        }
    }

    public sealed class Counter : IDisposable
    {
        internal int _value;

        public int Requests => Volatile.Read(ref _value);

        public void Dispose()
        {
            if (ReferenceEquals(Current.Value, this))
            {
                Current.Value = null;
            }
        }
    }
}

/// <summary>Innermost handler on the Mews clients: one count per attempt that goes on the wire.</summary>
internal sealed class SyncRequestMeterHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SyncRequestMeter.Increment();
        return base.SendAsync(request, cancellationToken);
    }
}
