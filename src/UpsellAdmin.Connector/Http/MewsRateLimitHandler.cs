using Microsoft.Extensions.Options;

namespace UpsellAdmin.Connector.Http;

/// <summary>
/// Sits outside the resilience pipeline: each call waits here for a permit of its AccessToken's budget before its
/// first attempt, so waiting never eats into attempt or total timeouts. <see cref="MewsAttemptHandler"/> (inside the
/// pipeline) completes the permit when the first attempt is answered and charges every retry to the budget.
/// </summary>
public sealed class MewsRateLimitHandler(MewsRateLimiterRegistry registry, IOptionsMonitor<ConnectorOptions> options) : DelegatingHandler
{
    internal static readonly HttpRequestOptionsKey<AttemptCounter> AttemptKey = new("Mews.Attempts");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var limiter = current.RateLimiterEnabled ? registry.For(current) : null;
        var permit = limiter is null ? null : await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var counter = new AttemptCounter(limiter, permit);
        request.Options.Set(AttemptKey, counter);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            permit?.Complete(); // no-op when the first attempt already completed it
        }
    }
}

internal sealed class AttemptCounter(SlidingWindowRequestLimiter? limiter, RequestPermit? firstPermit)
{
    private int _attempts;

    /// <summary>Counts an attempt and returns the permit it uses: the admitted one first, then one per retry.</summary>
    public (int Attempt, RequestPermit? Permit) Next()
    {
        var attempt = Interlocked.Increment(ref _attempts);
        return (attempt, attempt == 1 ? firstPermit : limiter?.RecordUnmetered());
    }
}
