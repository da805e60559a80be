using UpsellAdmin.ConnectorSimulator;

namespace UpsellAdmin.Connector.Tests.TestSupport;

/// <summary>A simulator on 127.0.0.1 and the gateway registered against it over real HTTP, with the demo tokens of enterprise A.</summary>
public sealed class SimulatorSession : IAsyncDisposable
{
    private SimulatorSession(SimulatorServer simulator, GatewayHost host)
    {
        Simulator = simulator;
        Host = host;
    }

    public SimulatorServer Simulator { get; }

    public GatewayHost Host { get; }

    public IMewsGateway Gateway => Host.Gateway;

    public static async Task<SimulatorSession> StartAsync(Action<SimulatorOptions>? simulator = null, Action<ConnectorOptions>? gateway = null)
    {
        var server = await SimulatorServer.StartAsync(simulator, TestContext.Current.CancellationToken);
        var host = GatewayHost.Create(o =>
        {
            o.BaseUrl = server.BaseAddress.ToString();
            o.ClientToken = DemoTokens.ClientToken;
            o.AccessToken = DemoTokens.AccessToken;
            o.Client = DemoTokens.Client;
            gateway?.Invoke(o);
        });
        return new SimulatorSession(server, host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
