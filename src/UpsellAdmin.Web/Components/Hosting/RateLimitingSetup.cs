using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using UpsellAdmin.Web.Features.Common;
using Microsoft.AspNetCore.Authentication;

namespace UpsellAdmin.Web.Components.Hosting;

/// <summary>Section "RateLimiting": fixed windows; a limit of 0 turns that limit off.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Sign-in attempts per account (email) and window (default 10).</summary>
    public int LoginPerAccount { get; set; } = 10;

    /// <summary>Sign-in attempts per client IP address and window (default 30).</summary>
    public int LoginPerIp { get; set; } = 30;

    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests to /api per API key (the SHA-256 of the X-Api-Key header) and window (default 600).</summary>
    public int ApiPerKey { get; set; } = 600;

    public TimeSpan ApiWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests to /api with a key that is not known (wrong, revoked, guessed) per client IP and
    /// <see cref="ApiWindow"/> (default 30); above it the address gets 429 before its keys are even looked up. The
    /// per-key limit cannot stop a guesser, whose every key is a new partition.</summary>
    public int ApiUnknownKeysPerIp { get; set; } = 30;

    internal static string? Validate(RateLimitingOptions o) =>
        o.LoginPerAccount < 0 || o.LoginPerIp < 0 || o.ApiPerKey < 0 || o.ApiUnknownKeysPerIp < 0
            ? "RateLimiting: limits must be 0 (off) or positive."
            : o.LoginWindow <= TimeSpan.Zero || o.ApiWindow <= TimeSpan.Zero
                ? "RateLimiting: windows must be positive."
                : null;

    internal static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    /// <summary>A fixed window of <paramref name="permits"/> per key (an IP address, an account); 0 = no limit.</summary>
    internal static PartitionedRateLimiter<string> PerKey(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => permits == 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(permits, window)));

    internal static string Ip(IPAddress? address) => address?.ToString() ?? "unknown";

    /// <summary>Whole seconds to wait, at least 1 (for Retry-After and the messages).</summary>
    internal static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
}

public static class RateLimitingSetup
{
    private const string ApiKeyHeader = "X-Api-Key";

    /// <summary>
    /// The API's limit per key: every /api request is counted against the SHA-256 of its X-Api-Key header (so it holds
    /// whatever the key store is, and a key never sits in memory in clear); requests without a key against the client
    /// IP. Above the limit: 429 problem details with Retry-After. The login's limits are in <c>LoginThrottle</c>.
    /// </summary>
    public static IServiceCollection AddAppRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName)
            .Validate(o => RateLimitingOptions.Validate(o) is null, "RateLimiting: limits must be 0 or positive, windows positive.")
            .ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ApiPartition);
            o.OnRejected = RejectApiAsync;
        });
        // Before the authorization WebApplication puts first, which would answer a wrong key 401 before any limit.
        services.AddTransient<IStartupFilter, ApiKeyGuessLimitStartupFilter>();
        return services;
    }

    /// <summary>
    /// Counts /api requests whose X-Api-Key is not a known key per client IP (<see cref="RateLimitingOptions.ApiUnknownKeysPerIp"/>)
    /// and answers an address over that limit 429 before looking its keys up. Runs first (a startup filter), before
    /// the authorization that would answer a wrong key 401; the ApiKey scheme's result is cached for the request, so a
    /// known key costs nothing more.
    /// </summary>
    public static IApplicationBuilder UseApiKeyGuessLimit(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        if (options.ApiUnknownKeysPerIp == 0)
        {
            return app;
        }
        var limiter = RateLimitingOptions.PerKey(options.ApiUnknownKeysPerIp, options.ApiWindow);
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                || string.IsNullOrEmpty(context.Request.Headers[ApiKeyHeader].ToString()))
            {
                await next(context);
                return;
            }
            var ip = RateLimitingOptions.Ip(context.Connection.RemoteIpAddress);
            if (limiter.GetStatistics(ip) is { CurrentAvailablePermits: <= 0 })
            {
                await RejectAsync(context, options.ApiWindow,
                    $"This address sent more than {options.ApiUnknownKeysPerIp} unknown API keys in {options.ApiWindow.TotalSeconds:0} seconds.",
                    context.RequestAborted);
                return;
            }
            var result = await context.AuthenticateAsync(Features.Api.ApiKeyAuthenticationHandler.SchemeName);
            if (!result.Succeeded)
            {
                limiter.AttemptAcquire(ip).Dispose();
            }
            await next(context);
        });
    }

    private sealed class ApiKeyGuessLimitStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseApiKeyGuessLimit();
            next(app);
        };
    }

    private static RateLimitPartition<string> ApiPartition(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        if (options.ApiPerKey == 0)
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        var key = context.Request.Headers[ApiKeyHeader].ToString();
        var partition = key.Length > 0
            ? "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))
            : "ip:" + RateLimitingOptions.Ip(context.Connection.RemoteIpAddress);
        return RateLimitPartition.GetFixedWindowLimiter(partition, _ => RateLimitingOptions.Window(options.ApiPerKey, options.ApiWindow));
    }

    private static async ValueTask RejectApiAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.ApiWindow;
        await RejectAsync(context, retryAfter,
            $"This API key made more than {options.ApiPerKey} requests in {options.ApiWindow.TotalSeconds:0} seconds.", cancellationToken);
    }

    /// <summary>429 problem details with Retry-After (whole seconds), logged with the path escaped.</summary>
    private static async Task RejectAsync(HttpContext context, TimeSpan retryAfter, string why, CancellationToken cancellationToken)
    {
        var seconds = RateLimitingOptions.Seconds(retryAfter);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("RateLimiting")
            .LogWarning("API rate limit reached on {Path}: {Why}", LogText.Safe(context.Request.Path.Value), why);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests.",
            Detail = $"{why} Try again in {seconds} seconds.",
            Type = "https://tools.ietf.org/html/rfc6585#section-4",
        };
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier;
        await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
    }
}
