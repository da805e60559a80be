using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UpsellAdmin.Connector.Tests.TestSupport;

/// <summary>A DI container with the gateway registered as the web app would, plus captured logs.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public const string ClientToken = "TEST-CLIENT-TOKEN-5b1f0c7e";
    public const string AccessToken = "TEST-ACCESS-TOKEN-9d2a4e11";
    public const string ClientName = "UpsellAdmin Tests 1.0.0";

    private readonly ServiceProvider _provider;

    private GatewayHost(ServiceProvider provider, CapturingLoggerProvider logs)
    {
        _provider = provider;
        Logs = logs;
    }

    public CapturingLoggerProvider Logs { get; }

    public IMewsGateway Gateway => _provider.GetRequiredService<IMewsGateway>();

    public IServiceProvider Services => _provider;

    /// <summary>Gateway over a stub handler, fast retries, tokens from the constants above.</summary>
    public static GatewayHost OverStub(StubHandler stub, Action<ConnectorOptions>? configure = null) =>
        Create(o =>
        {
            o.BaseUrl = "https://mews.test";
            o.ClientToken = ClientToken;
            o.AccessToken = AccessToken;
            configure?.Invoke(o);
        }, builder => builder.ConfigurePrimaryHttpMessageHandler(_ => stub));

    public static GatewayHost Create(Action<ConnectorOptions> configure, Action<MewsConnectorBuilder>? tune = null)
    {
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var builder = services.AddMewsConnector(o =>
        {
            o.Client = ClientName;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.ReconcileDelay = TimeSpan.Zero;
            configure(o);
        });
        tune?.Invoke(builder);
        return new GatewayHost(services.BuildServiceProvider(), logs);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
