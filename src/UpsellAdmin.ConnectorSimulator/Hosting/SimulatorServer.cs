using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace UpsellAdmin.ConnectorSimulator;

/// <summary>
/// The simulator on its own Kestrel listener on 127.0.0.1 with a free port: for integration tests and the web
/// app's demo mode. Dispose to stop it.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Options = app.Services.GetRequiredService<SimulatorOptions>();
        Store = app.Services.GetRequiredService<SimulatorStore>();
        Statistics = app.Services.GetRequiredService<SimulatorStatistics>();
    }

    /// <summary>Where the simulator listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The live options: fault injection and rate limit can be changed between calls.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>The in-memory data, to inspect and count entities.</summary>
    public SimulatorStore Store { get; }

    /// <summary>Request counts per operation and token, 429s sent, faults injected.</summary>
    public SimulatorStatistics Statistics { get; }

    /// <summary>Builds the seeded store and starts listening on 127.0.0.1 with a free port.</summary>
    public static async Task<SimulatorServer> StartAsync(Action<SimulatorOptions>? configure = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Nothing of the host process's configuration (appsettings "Kestrel" endpoints, ASPNETCORE_URLS) may leak in.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddConnectorSimulator(configure);
        var app = builder.Build();
        app.MapConnectorSimulator();
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Stops the listener.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
