using System.Net;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;
using UpsellAdmin.Connector.Api;
using UpsellAdmin.Connector.Http;
using UpsellAdmin.Connector.Json;

namespace UpsellAdmin.Connector;

/// <summary>What <c>AddMewsConnector</c> registered: the two HTTP clients, for a caller that must tune them (tests).</summary>
public sealed record MewsConnectorBuilder(IServiceCollection Services, IHttpClientBuilder Reads, IHttpClientBuilder Writes)
{
    /// <summary>Replaces the socket handler of both clients (e.g. a stub in tests).</summary>
    public MewsConnectorBuilder ConfigurePrimaryHttpMessageHandler(Func<IServiceProvider, HttpMessageHandler> factory)
    {
        Reads.ConfigurePrimaryHttpMessageHandler(factory);
        Writes.ConfigurePrimaryHttpMessageHandler(factory);
        return this;
    }
}

public static class MewsConnectorServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IMewsGateway"/> with options bound from <paramref name="section"/> (usually "Connector").</summary>
    public static MewsConnectorBuilder AddMewsConnector(this IServiceCollection services, IConfiguration section) =>
        services.AddMewsConnectorCore(services.AddOptions<ConnectorOptions>().Bind(section));

    /// <summary>Registers <see cref="IMewsGateway"/> with options set in code.</summary>
    public static MewsConnectorBuilder AddMewsConnector(this IServiceCollection services, Action<ConnectorOptions> configure) =>
        services.AddMewsConnectorCore(services.AddOptions<ConnectorOptions>().Configure(configure));

    private static MewsConnectorBuilder AddMewsConnectorCore(this IServiceCollection services, OptionsBuilder<ConnectorOptions> options)
    {
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MewsRateLimiterRegistry>();
        services.TryAddSingleton<TokenRedactor>();
        services.TryAddTransient<MewsAuthenticationHandler>();
        services.TryAddTransient<MewsRateLimitHandler>();
        services.TryAddTransient<MewsAttemptHandler>();
        services.TryAddTransient<IMewsGateway, MewsConnectorClient>();

        // Reads: the standard resilience handler (retries 408, 429 honouring Retry-After, 5xx, transport errors and
        // attempt timeouts, all safe for reads). Tokens are added outside it (once), the rate limiter waits outside it
        // (waiting is not a timeout), and each attempt is metered and logged inside it.
        var reads = AddClient<IMewsReadApi>(services);
        reads.AddStandardResilienceHandler().Configure((standard, sp) =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<ConnectorOptions>>().CurrentValue;
            standard.Retry.MaxRetryAttempts = o.MaxRetryAttempts;
            standard.Retry.Delay = o.RetryBaseDelay;
            standard.Retry.BackoffType = DelayBackoffType.Exponential;
            standard.Retry.UseJitter = true;
            standard.Retry.ShouldRetryAfterHeader = true;
            standard.AttemptTimeout.Timeout = o.ReadAttemptTimeout;
            standard.TotalRequestTimeout.Timeout = o.ReadTotalTimeout;
            standard.CircuitBreaker.SamplingDuration = o.ReadAttemptTimeout * 2 + TimeSpan.FromSeconds(1);
        });
        reads.AddHttpMessageHandler<MewsAttemptHandler>();

        // Writes: Mews has no idempotency keys, so only failures where the request provably was not processed are
        // retried (429, or no connection at all); a timeout, 408, 5xx or a dropped connection after sending is never
        // re-sent here: MewsConnectorClient looks the result up first.
        var writes = AddClient<IMewsWriteApi>(services);
        writes.AddResilienceHandler("mews-writes", (pipeline, context) =>
        {
            var o = context.ServiceProvider.GetRequiredService<IOptionsMonitor<ConnectorOptions>>().CurrentValue;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, o.MaxRetryAttempts),
                Delay = o.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsProvablyNotProcessed(args.Outcome)),
            });
            pipeline.AddTimeout(o.WriteTimeout);
        });
        writes.AddHttpMessageHandler<MewsAttemptHandler>();

        return new MewsConnectorBuilder(services, reads, writes);
    }

    /// <summary>True when the write did not reach Mews' logic: rate-limited, or the connection never opened.</summary>
    internal static bool IsProvablyNotProcessed(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests
        || outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };

    private static IHttpClientBuilder AddClient<T>(IServiceCollection services) where T : class =>
        services
            .AddRefitGeneratedClient<T>(_ => CreateRefitSettings())
            .ConfigureHttpClient((sp, client) =>
            {
                client.BaseAddress = new Uri(sp.GetRequiredService<IOptionsMonitor<ConnectorOptions>>().CurrentValue.BaseUrl);
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipelines own the timeouts
            })
            .AddHttpMessageHandler<MewsAuthenticationHandler>()
            .AddHttpMessageHandler<MewsRateLimitHandler>();

    /// <summary>PascalCase System.Text.Json (see <see cref="MewsJson"/>) and <see cref="MewsApiException"/> for errors.</summary>
    public static RefitSettings CreateRefitSettings() => new(new SystemTextJsonContentSerializer(MewsJson.Options))
    {
        ExceptionFactory = async response => response.IsSuccessStatusCode
            ? null
            : await MewsApiException.FromResponseAsync(response).ConfigureAwait(false),
    };
}
