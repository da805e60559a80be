using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Components.Account;

/// <summary>
/// The sign-in cookie's session rules. The cookie carries when the password was entered (claim
/// <see cref="SignedInAtClaim"/>, also kept in the ticket's properties so a refresh of the principal keeps it): past
/// <see cref="SessionOptions.AbsoluteTimeout"/> the cookie is refused. Every request to an endpoint that needs a
/// signed-in user compares the cookie's security stamp with the database's, so a cookie captured before Logout (which
/// changes the stamp) is refused at once, not after the stamp validator's interval.
/// </summary>
/// <remarks>
/// Cost of the per-request stamp check: one primary-key lookup of the user per HTTP request to a protected endpoint.
/// In Blazor Server that is the document, the circuit's negotiate and its WebSocket (about 3 per full page load), and a
/// keep-alive every <see cref="SessionOptions.KeepAliveInterval"/> while the user works; clicks inside a page make no
/// HTTP request. Anonymous endpoints (static files, the login page) skip it. The API authenticates by key, not cookie.
/// </remarks>
internal static class SessionCookie
{
    public const string SignedInAtClaim = "upsell:signed_in_at";

    /// <summary>When the password was entered, or null for a cookie without it (issued before this rule existed).</summary>
    public static DateTimeOffset? SignedInAt(ClaimsPrincipal? principal) =>
        long.TryParse(principal?.FindFirstValue(SignedInAtClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public static void Configure(CookieAuthenticationOptions o, SessionOptions session, IHostEnvironment environment)
    {
        o.ExpireTimeSpan = session.IdleTimeout;
        o.SlidingExpiration = true;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        if (!environment.IsDevelopment())
        {
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        }

        var signingIn = o.Events.OnSigningIn;
        o.Events.OnSigningIn = context =>
        {
            StampSignedInAt(context.Principal, context.Properties, Clock(context.HttpContext));
            return signingIn(context);
        };
        var stampValidator = o.Events.OnValidatePrincipal; // Identity's SecurityStampValidator: refreshes roles every interval
        o.Events.OnValidatePrincipal = async context =>
        {
            if (await IsValidAsync(context))
            {
                await stampValidator(context);
            }
        };
    }

    /// <summary>The time of the password entry, kept through every re-issue of the cookie.</summary>
    private static void StampSignedInAt(ClaimsPrincipal? principal, AuthenticationProperties properties, TimeProvider clock)
    {
        if (principal?.Identity is not ClaimsIdentity identity)
        {
            return;
        }
        if (!properties.Items.TryGetValue(SignedInAtClaim, out var value) || value is null)
        {
            value = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            properties.Items[SignedInAtClaim] = value;
        }
        foreach (var old in identity.FindAll(SignedInAtClaim).ToList())
        {
            identity.RemoveClaim(old);
        }
        identity.AddClaim(new Claim(SignedInAtClaim, value));
    }

    /// <summary>The periodic refresh builds a new principal from the database: the sign-in time goes with it.</summary>
    public static Task KeepSignedInAt(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(SignedInAtClaim) is { } claim && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && identity.FindFirst(SignedInAtClaim) is null)
        {
            identity.AddClaim(new Claim(SignedInAtClaim, claim.Value));
        }
        return Task.CompletedTask;
    }

    private static async Task<bool> IsValidAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var session = services.GetRequiredService<IOptions<SessionOptions>>().Value;
        var now = Clock(context.HttpContext).GetUtcNow();
        var signedInAt = SignedInAt(context.Principal);
        if (signedInAt is null || now - signedInAt.Value >= session.AbsoluteTimeout)
        {
            await RejectAsync(context, "the session is older than the absolute timeout");
            return false;
        }

        var endpoint = context.HttpContext.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
            var user = await users.GetUserAsync(context.Principal!);
            if (user is null || !string.Equals(user.SecurityStamp, context.Principal!.FindFirstValue(stampClaim), StringComparison.Ordinal))
            {
                await RejectAsync(context, "the security stamp changed (logged out, password reset, role changed or locked)");
                return false;
            }
        }

        if (context.HttpContext.Request.Path.Equals(PageUrls.KeepAlive, StringComparison.OrdinalIgnoreCase))
        {
            context.ShouldRenew = true; // the user is active in an open page: the idle window starts again
        }
        return true;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context, string why)
    {
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Account")
            .LogInformation("Sign-in cookie of {UserName} refused: {Reason}", context.Principal?.Identity?.Name, why);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static TimeProvider Clock(HttpContext context) => context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
}
