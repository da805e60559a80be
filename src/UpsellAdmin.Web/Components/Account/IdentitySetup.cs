using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Components.Account;

public static class IdentitySetup
{
    /// <summary>
    /// ASP.NET Core Identity on EF Core with cookie sign-in and roles. Every endpoint requires a signed-in user
    /// (fallback policy); the account pages opt out with [AllowAnonymous]. Sessions end after
    /// <see cref="SessionOptions.IdleTimeout"/> without activity and <see cref="SessionOptions.AbsoluteTimeout"/> after
    /// sign-in (<see cref="SessionCookie"/>, and for open pages <see cref="IdentityRevalidatingAuthenticationStateProvider"/>);
    /// Logout changes the security stamp, which every protected request checks.
    /// </summary>
    public static IServiceCollection AddAppIdentity(this IServiceCollection services)
    {
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.SectionName)
            .Validate(o => SessionOptions.Validate(o) is null, "Session: timeouts must be positive, AbsoluteTimeout at least IdleTimeout.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<CircuitSession>();
        services.AddScoped<CircuitHandler, CircuitActivityHandler>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<LoginAttempts>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = PageUrls.Login;
            o.AccessDeniedPath = PageUrls.AccessDenied;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SessionOptions>, IHostEnvironment>((o, session, environment) => SessionCookie.Configure(o, session.Value, environment));
        // Outside Development every cookie is sent over HTTPS only.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme)
            .Configure<IHostEnvironment>((o, environment) => o.Cookie.SecurePolicy = SecurePolicy(environment));
        // The antiforgery cookie holds no secret of the user's (it only pairs with the form's token) and follows the
        // request: with Always, ASP.NET Core refuses to issue it over plain HTTP, so behind a TLS-terminating proxy whose
        // forwarded headers are not configured the login page itself would be a 500.
        services.AddOptions<AntiforgeryOptions>()
            .Configure(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        // Roles, lockout and claims are re-read into the cookie at most a minute after an administrator changed them
        // (the security stamp itself is checked on every protected request, see SessionCookie).
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = SessionCookie.KeepSignedInAt;
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddIdentityCore<AppUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager();

        return services;
    }

    /// <summary>Logout (the form of the app bar's Logout button) and the open pages' keep-alive.</summary>
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");
        account.MapPost("/Logout", LogoutAsync);
        // Renews the cookie (SessionCookie forces it on this path) while the user is active in an open page.
        account.MapGet("/KeepAlive", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.NoContent();
        });
        return account;
    }

    /// <summary>
    /// Needs the form's antiforgery token (else any site could sign the user out). Changes the security stamp, so the
    /// cookie stops working everywhere at once, also a copy of it taken before (and the user's other browsers).
    /// </summary>
    private static async Task<IResult> LogoutAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signInManager, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Account");
        var name = context.User.Identity?.Name;
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            logger.LogWarning("Logout of {UserName} refused: no valid antiforgery token", name);
            return TypedResults.BadRequest("The sign-out form has expired. Reload the page and log out again.");
        }
        if (await signInManager.UserManager.GetUserAsync(context.User) is { } user)
        {
            await signInManager.UserManager.UpdateSecurityStampAsync(user);
        }
        await signInManager.SignOutAsync();
        logger.LogInformation("User {UserName} logged out", name);
        return TypedResults.LocalRedirect(PageUrls.Login);
    }

    private static CookieSecurePolicy SecurePolicy(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
}
