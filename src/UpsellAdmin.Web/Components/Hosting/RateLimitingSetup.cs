using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

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

    internal static string? Validate(RateLimitingOptions o) =>
        o.LoginPerAccount < 0 || o.LoginPerIp < 0 || o.ApiPerKey < 0
            ? "RateLimiting: limits must be 0 (off) or positive."
            : o.LoginWindow <= TimeSpan.Zero || o.ApiWindow <= TimeSpan.Zero
                ? "RateLimiting: windows must be positive."
                : null;

    internal static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

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
        return services;
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
        var seconds = RateLimitingOptions.Seconds(rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.ApiWindow);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("RateLimiting")
            .LogWarning("API rate limit of {Limit} requests per {Window} reached on {Path}", options.ApiPerKey, options.ApiWindow, context.Request.Path.Value);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests.",
            Detail = $"This API key made more than {options.ApiPerKey} requests in {options.ApiWindow.TotalSeconds:0} seconds. Try again in {seconds} seconds.",
            Type = "https://tools.ietf.org/html/rfc6585#section-4",
        };
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier;
        await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
    }
}
