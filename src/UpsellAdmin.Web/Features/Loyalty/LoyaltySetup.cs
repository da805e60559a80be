using Microsoft.Extensions.DependencyInjection.Extensions;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.Loyalty;

public static class LoyaltySetup
{
    /// <summary>
    /// The loyalty pages' services (scoped: they depend on the current user). Needs the Mews gateway (AddMewsSync)
    /// and the database. <see cref="ILoyaltyReferenceRefresher"/> is TryAdd so the sync can supply its own.
    /// </summary>
    public static IServiceCollection AddLoyalty(this IServiceCollection services)
    {
        services.AddAppValidators();
        services.TryAddSingleton<LoyaltyValidation>();
        services.TryAddScoped<ILoyaltyGatewayFactory, LoyaltyGatewayFactory>();
        services.TryAddScoped<ILoyaltyReferenceRefresher, LoyaltyReferenceRefresher>();
        services.TryAddScoped<ILoyaltyService, LoyaltyService>();
        services.TryAddScoped<LoyaltyChainState>();
        return services;
    }
}
