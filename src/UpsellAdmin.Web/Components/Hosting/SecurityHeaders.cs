using System.Security.Cryptography;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace UpsellAdmin.Web.Components.Hosting;

/// <summary>
/// Security headers on every response: pages, /api, static files, 401s and 404s alike. Installed as a startup filter,
/// so it wraps the whole pipeline (also the authentication and authorization that run before UseAppPipeline's
/// middleware). Outside Development also HSTS and the redirect to HTTPS; the Server header is never sent.
/// </summary>
/// <remarks>
/// The app's Content-Security-Policy: scripts only from this site, plus the one inline script Blazor writes (the import
/// map), allowed by a per-request nonce (<see cref="NonceOf"/>, App.razor). Blazor Server needs no eval and talks to
/// its circuit over a same-origin WebSocket (connect-src 'self'). style-src needs 'unsafe-inline': MudBlazor writes
/// style attributes in its markup (popover positions, widths, colours) and its theme provider a &lt;style&gt; element
/// with the palette's CSS variables; Blazor sets them through the DOM as attributes, which CSP treats as inline styles.
/// Inline styles cannot run code; scripts stay locked. /api answers JSON and gets a policy that allows nothing.
/// </remarks>
public static class SecurityHeaders
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    private const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public static IServiceCollection AddAppSecurityHeaders(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false; // the app may share a parent domain with sites that are not on HTTPS
        });
        services.AddTransient<IStartupFilter, SecurityHeadersStartupFilter>();
        return services;
    }

    /// <summary>This request's CSP nonce, for the app's inline scripts (<c>nonce="@SecurityHeaders.NonceOf(HttpContext)"</c>).</summary>
    public static string? NonceOf(HttpContext? context) => context?.Items[typeof(SecurityHeaders)] as string;

    public static string AppPolicy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    private static Task AddHeadersAsync(HttpContext context, RequestDelegate next)
    {
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // hex: no "+" or "/" for Razor to encode in the attribute
        context.Items[typeof(SecurityHeaders)] = nonce;
        // OnStarting: the exception handler clears the headers of a failed response; these go on whatever is sent.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                ? ApiPolicy
                : AppPolicy(nonce);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(context);
    }

    private sealed class SecurityHeadersStartupFilter(IWebHostEnvironment environment, IConfiguration configuration) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (ForwardedHeadersSetup.Options(configuration) is { } forwarded)
            {
                app.UseForwardedHeaders(forwarded); // first: the scheme and client IP everything below sees
            }
            app.Use(AddHeadersAsync);
            if (!environment.IsDevelopment())
            {
                app.UseHsts();
                app.UseHttpsRedirection();
            }
            next(app);
        };
    }
}
