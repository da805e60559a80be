using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UpsellAdmin.Connector;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>Registration of the Mews gateway (real or demo), the sync, its scheduler and demo mode's simulator.</summary>
public static class MewsSyncSetup
{
    /// <summary>
    /// True when no Mews is configured (no <c>Connector:BaseUrl</c>) and the app is a demo or a developer's
    /// (<see cref="DemoMode"/> on, or the Development environment): the app then runs the Connector API simulator
    /// in-process with the public demo tokens. With <c>Connector:BaseUrl</c> (and tokens) it talks to that Mews.
    /// Elsewhere (Production without DemoMode) a missing Mews is not replaced by a fake one: the gateway's options
    /// validation stops the start ("Connector:ClientToken is required"). <paramref name="environment"/> null: a harness
    /// without a host (tests, benchmarks), which gets the simulator as before.
    /// </summary>
    public static bool IsDemoConnector(IConfiguration configuration, IHostEnvironment? environment = null) =>
        string.IsNullOrWhiteSpace(configuration[$"{ConnectorOptions.SectionName}:{nameof(ConnectorOptions.BaseUrl)}"])
        && (environment is null || environment.IsDevelopment() || DemoMode.IsEnabled(configuration, environment));

    /// <summary>
    /// Registers <see cref="IMewsGateway"/> through the gateway's own <c>AddMewsConnector</c> (section "Connector"),
    /// pointed at the in-process simulator in demo mode; the sync (section "Sync") with its request meter, the
    /// one-at-a-time <see cref="SyncCoordinator"/>, the background scheduler, and the demo data bootstrap.
    /// </summary>
    public static IServiceCollection AddMewsSync(this IServiceCollection services, IConfiguration configuration, IHostEnvironment? environment = null)
    {
        var connector = services.AddMewsConnector(configuration.GetSection(ConnectorOptions.SectionName));
        if (IsDemoConnector(configuration, environment))
        {
            services.PostConfigure<ConnectorOptions>(o =>
            {
                o.BaseUrl = DemoConnectorSimulator.PlaceholderBaseUrl;
                o.ClientToken = DemoConnectorSimulator.ClientToken;
                o.AccessToken = DemoConnectorSimulator.AccessToken;
            });
            services.TryAddSingleton<DemoConnectorSimulator>();
            services.AddHostedService(sp => sp.GetRequiredService<DemoConnectorSimulator>());
            connector.ConfigurePrimaryHttpMessageHandler(sp => new DemoSimulatorRoutingHandler(sp.GetRequiredService<DemoConnectorSimulator>()));
        }
        services.TryAddTransient<SyncRequestMeterHandler>();
        connector.Reads.AddHttpMessageHandler<SyncRequestMeterHandler>();
        connector.Writes.AddHttpMessageHandler<SyncRequestMeterHandler>();

        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.SectionName)).ValidateWithValidator().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<MewsSyncService>();
        services.TryAddSingleton<SyncCoordinator>();
        services.TryAddScoped<ISyncRunQueries, SyncRunQueries>();
        services.TryAddSingleton<DemoDataBootstrap>();
        services.TryAddSingleton<IDemoDataSource>(sp => sp.GetRequiredService<DemoDataBootstrap>());
        services.AddHostedService<SyncBackgroundService>();
        return services;
    }
}
