using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UpsellAdmin.Web.Features.Accounts;

public static class AccountsSetup
{
    /// <summary>The Accounts feature: the signed-in user (<see cref="ICurrentUser"/>, scoped) over the HTTP context or
    /// the circuit's authentication state; the user's remembered choices (<see cref="IUserPreferenceService"/>). Identity itself is registered by <c>AddAppIdentity</c>.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<ICurrentUser, CurrentUser>();
        services.TryAddScoped<IUserPreferenceService, UserPreferenceService>();
        return services;
    }
}
