using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Components.Account;

// Every RevalidationInterval while an interactive circuit is connected: an idle circuit (no inbound activity for
// IdleTimeout), a session past AbsoluteTimeout, or a changed security stamp (logout elsewhere, role changed, locked
// out, password reset) signs the page out; the router then sends the user to the login page with the reason.
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options,
        IOptions<SessionOptions> session,
        CircuitSession circuit,
        TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Account");

    /// <summary>One indexed lookup per open page and interval.</summary>
    protected override TimeSpan RevalidationInterval => session.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var principal = authenticationState.User;
        if (now - circuit.LastActivity >= session.Value.IdleTimeout)
        {
            circuit.EndReason = SessionEndReasons.Idle;
            _logger.LogInformation("Open page of {UserName} signed out after {IdleTimeout} without activity", principal.Identity?.Name, session.Value.IdleTimeout);
            return false;
        }
        if (SessionCookie.SignedInAt(principal) is not { } signedInAt || now - signedInAt >= session.Value.AbsoluteTimeout)
        {
            circuit.EndReason = SessionEndReasons.Expired;
            _logger.LogInformation("Open page of {UserName} signed out: session older than {AbsoluteTimeout}", principal.Identity?.Name, session.Value.AbsoluteTimeout);
            return false;
        }

        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await ValidateSecurityStampAsync(userManager, principal);
    }

    private async Task<bool> ValidateSecurityStampAsync(UserManager<AppUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        else if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }
        else
        {
            var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
            var userStamp = await userManager.GetSecurityStampAsync(user);
            return principalStamp == userStamp;
        }
    }
}
