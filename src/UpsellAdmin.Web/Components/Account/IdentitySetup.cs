using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Components.Account;

public static class IdentitySetup
{
    /// <summary>
    /// ASP.NET Core Identity on EF Core with cookie sign-in and roles. Every endpoint requires a signed-in user
    /// (fallback policy); the account pages opt out with [AllowAnonymous]. The circuit's user is revalidated
    /// against the security stamp every 30 minutes.
    /// </summary>
    public static IServiceCollection AddAppIdentity(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

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
            o.SlidingExpiration = true;
        });
        // A page load re-reads the user (roles, lockout, security stamp) at most a minute after an administrator
        // changed them; open pages do the same through IdentityRevalidatingAuthenticationStateProvider.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

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

    /// <summary>The POST endpoint the Logout button in the app bar submits to.</summary>
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");
        account.MapPost("/Logout", async (SignInManager<AppUser> signInManager, ILoggerFactory loggers, HttpContext context) =>
        {
            var name = context.User.Identity?.Name;
            await signInManager.SignOutAsync();
            loggers.CreateLogger("Account").LogInformation("User {UserName} logged out", name);
            return TypedResults.LocalRedirect(PageUrls.Login);
        });
        return account;
    }
}
