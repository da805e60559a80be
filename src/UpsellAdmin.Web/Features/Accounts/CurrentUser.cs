using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace UpsellAdmin.Web.Features.Accounts;

/// <summary>
/// <see cref="ICurrentUser"/> for both hosts a service runs in: inside a Blazor circuit the user comes from the
/// <see cref="AuthenticationStateProvider"/> (HttpContext is not reliable there); in a plain HTTP request (minimal
/// API, prerendering before the circuit has its state) from <see cref="IHttpContextAccessor"/>. Scoped.
/// </summary>
public sealed class CurrentUser(IServiceProvider services, IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    public async ValueTask<UserContext> GetAsync(CancellationToken cancellationToken = default)
    {
        var provider = services.GetService<AuthenticationStateProvider>();
        if (provider is not null)
        {
            try
            {
                var state = await provider.GetAuthenticationStateAsync();
                if (state.User.Identity?.IsAuthenticated == true)
                {
                    return From(state.User);
                }
            }
            catch (InvalidOperationException)
            {
                // Not in a circuit (the server provider has no state yet): fall back to the HTTP request.
            }
        }

        var user = httpContextAccessor.HttpContext?.User;
        return user?.Identity?.IsAuthenticated == true ? From(user) : UserContext.Anonymous;
    }

    public static UserContext From(ClaimsPrincipal principal)
    {
        var roles = Roles.All.Append(Roles.SystemClient).Where(principal.IsInRole).ToHashSet(StringComparer.Ordinal);
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = principal.Identity?.Name ?? principal.FindFirstValue(ClaimTypes.Email) ?? id ?? "unknown";
        return new UserContext(id, name, roles)
        {
            ApiPropertyIds = roles.Contains(Roles.SystemClient) ? ApiClaims.PropertyIds(principal) : null,
        };
    }
}
