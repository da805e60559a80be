extern alias ConnectorSimulator;

using ConnectorSimulator::UpsellAdmin.ConnectorSimulator;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>
/// Demo mode's Mews: the Connector API simulator on its own Kestrel listener on 127.0.0.1 (free port), started on
/// first use (the start-up demo sync runs before hosted services start), stopped with the host. The gateway is
/// pointed at it by <see cref="DemoSimulatorRoutingHandler"/>, so it goes through real HTTP, the same pipeline as
/// for Mews.
/// </summary>
public sealed class DemoConnectorSimulator(IConfiguration configuration, ILogger<DemoConnectorSimulator> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>The public demo portfolio tokens (integration 2, Gross: the three demo enterprises).</summary>
    public const string ClientToken = DemoTokens.PortfolioClientToken;

    public const string AccessToken = DemoTokens.PortfolioAccessToken;

    /// <summary>The gateway's BaseUrl in demo mode; <see cref="DemoSimulatorRoutingHandler"/> rewrites it.</summary>
    public const string PlaceholderBaseUrl = "http://connector-simulator.invalid";

    /// <summary>Configuration section bound to the simulator's options (e.g. ConnectorSimulator:Latency).</summary>
    public const string SectionName = "ConnectorSimulator";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SimulatorServer? _server;

    /// <summary>The running simulator (null before first use): tests read its store to see what landed in "Mews".</summary>
    internal SimulatorServer? Server => Volatile.Read(ref _server);

    /// <summary>The simulator's address, starting it if needed.</summary>
    public async Task<Uri> GetBaseAddressAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _server) is { } running)
        {
            return running.BaseAddress;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (_server is null)
            {
                var section = configuration.GetSection(SectionName);
                var server = await SimulatorServer.StartAsync(o => section.Bind(o), ct);
                Volatile.Write(ref _server, server);
                logger.LogInformation("Demo mode: Mews Connector API simulator listening on {BaseAddress}", server.BaseAddress);
            }
            return _server!.BaseAddress;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Nothing: the simulator starts on first use, so a host that never syncs never seeds it.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _gate.Dispose();
    }
}

/// <summary>The demo gateway's socket handler: sends each request to the in-process simulator's address.</summary>
internal sealed class DemoSimulatorRoutingHandler(DemoConnectorSimulator simulator) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var baseAddress = await simulator.GetBaseAddressAsync(cancellationToken);
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new Uri(baseAddress, uri.PathAndQuery);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
