namespace UpsellAdmin.ConnectorSimulator;

/// <summary>
/// Sliding-window limit per AccessToken (connector-api.md §1.9): at most <see cref="SimulatorOptions.RateLimit"/>
/// accepted requests inside any <see cref="SimulatorOptions.RateLimitWindow"/>. The window is anchored at the
/// oldest accepted request still inside it, so Retry-After says when that one leaves the window.
/// </summary>
internal sealed class RateLimiter(SimulatorOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _accepted = new(StringComparer.Ordinal);

    public bool TryAcquire(string accessToken, DateTimeOffset now, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var limit = options.RateLimit;
        if (limit <= 0)
        {
            return true;
        }

        var window = options.RateLimitWindow;
        using (_gate.EnterScope())
        {
            if (!_accepted.TryGetValue(accessToken, out var queue))
            {
                queue = new Queue<DateTimeOffset>();
                _accepted[accessToken] = queue;
            }

            while (queue.Count > 0 && queue.Peek() + window <= now)
            {
                queue.Dequeue();
            }

            if (queue.Count >= limit)
            {
                retryAfter = queue.Peek() + window - now;
                return false;
            }

            queue.Enqueue(now);
            return true;
        }
    }
}
