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
    /// True when no Mews is configured (no <c>Connector:BaseUrl</c>): the app then runs the Connector API simulator
    /// in-process with the public demo tokens. With <c>Connector:BaseUrl</c> (and tokens) it talks to that Mews.
    /// </summary>
    public static bool IsDemoConnector(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[$"{ConnectorOptions.SectionName}:{nameof(ConnectorOptions.BaseUrl)}"]);

    /// <summary>
    /// Registers <see cref="IMewsGateway"/> through the gateway's own <c>AddMewsConnector</c> (section "Connector"),
    /// pointed at the in-process simulator in demo mode; the sync (section "Sync") with its request meter, the
    /// one-at-a-time <see cref="SyncCoordinator"/>, the background scheduler, and the demo data bootstrap.
    /// </summary>
    public static IServiceCollection AddMewsSync(this IServiceCollection services, IConfiguration configuration)
    {
        var connector = services.AddMewsConnector(configuration.GetSection(ConnectorOptions.SectionName));
        if (IsDemoConnector(configuration))
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
