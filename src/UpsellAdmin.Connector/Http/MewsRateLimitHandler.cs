using Microsoft.Extensions.Options;

namespace UpsellAdmin.Connector.Http;

/// <summary>
/// Sits outside the resilience pipeline: each call waits here for a permit of its AccessToken's budget before its
/// first attempt, so waiting never eats into attempt or total timeouts. Retries are counted by
/// <see cref="MewsAttemptHandler"/> inside the pipeline.
/// </summary>
public sealed class MewsRateLimitHandler(MewsRateLimiterRegistry registry, IOptionsMonitor<ConnectorOptions> options) : DelegatingHandler
{
    internal static readonly HttpRequestOptionsKey<AttemptCounter> AttemptKey = new("Mews.Attempts");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var counter = new AttemptCounter(current.RateLimiterEnabled ? registry.For(current) : null);
        request.Options.Set(AttemptKey, counter);
        if (counter.Limiter is not null)
            await counter.Limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class AttemptCounter(SlidingWindowRequestLimiter? limiter)
{
    private int _attempts;

    public SlidingWindowRequestLimiter? Limiter { get; } = limiter;

    public int Next() => Interlocked.Increment(ref _attempts);
}
