using Microsoft.Extensions.DependencyInjection.Extensions;
using UpsellAdmin.ConnectorSimulator.Operations;

namespace UpsellAdmin.ConnectorSimulator;

/// <summary>Registers and maps the Connector API simulator into any ASP.NET Core host.</summary>
public static class ConnectorSimulatorExtensions
{
    /// <summary>
    /// Registers the simulator: one live <see cref="SimulatorOptions"/> instance, the seeded <see cref="SimulatorStore"/>,
    /// <see cref="SimulatorStatistics"/> and the request pipeline, all singletons.
    /// </summary>
    public static IServiceCollection AddConnectorSimulator(this IServiceCollection services, Action<SimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new SimulatorOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new SimulatorStore(sp.GetRequiredService<SimulatorOptions>()));
        services.TryAddSingleton<SimulatorStatistics>();
        services.TryAddSingleton<RateLimiter>();
        services.TryAddSingleton<FaultInjector>();
        services.TryAddSingleton<OperationRegistry>();
        services.TryAddSingleton<ConnectorPipeline>();
        return services;
    }

    /// <summary>
    /// Maps <c>POST /api/connector/v1/{operation}</c>. Paths are matched exactly (case-sensitive, no trailing slash);
    /// anything else under the prefix is 404, a known path with another verb 405.
    /// </summary>
    public static IEndpointRouteBuilder MapConnectorSimulator(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var pipeline = endpoints.ServiceProvider.GetRequiredService<ConnectorPipeline>();
        endpoints.Map("/api/connector/v1/{**operation}", pipeline.HandleAsync)
            .WithDisplayName("Mews Connector API simulator");
        return endpoints;
    }
}
