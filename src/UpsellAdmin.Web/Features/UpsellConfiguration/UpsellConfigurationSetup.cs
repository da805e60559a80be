using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UpsellAdmin.Web.Features.UpsellConfiguration;

public static class UpsellConfigurationSetup
{
    /// <summary>The UpsellConfiguration feature: settings, occupancy levels and hierarchy (<see cref="IUpsellConfigurationService"/>).</summary>
    public static IServiceCollection AddUpsellConfiguration(this IServiceCollection services)
    {
        services.TryAddScoped<IUpsellConfigurationService, UpsellConfigurationService>();
        services.TryAddScoped<IAgentCommissionRates, AgentCommissionRates>();
        return services;
    }
}
