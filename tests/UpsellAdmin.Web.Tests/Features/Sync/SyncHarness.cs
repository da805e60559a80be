using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Connector;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Sync;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Sync;

/// <summary>
/// The sync as the app wires it (<see cref="MewsSyncSetup.AddMewsSync(IServiceCollection, IConfiguration)"/>) against
/// the Connector API simulator over HTTP on 127.0.0.1, into a real SQLite file migrated with the committed
/// migrations. The simulator's own rate limit is off and the client's budget is raised, so back-to-back syncs in one
/// test never wait for the 30-second window.
/// </summary>
public sealed class SyncHarness : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"upsell-sync-{Guid.NewGuid():N}.db");
    private ServiceProvider? _services;

    private SyncHarness(SimulatorServer simulator) => Simulator = simulator;

    public SimulatorServer Simulator { get; }

    public IServiceProvider Services => _services!;

    public IDbContextFactory<AppDbContext> Db => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public static async Task<SyncHarness> StartAsync(IDictionary<string, string?>? settings = null, CancellationToken ct = default)
    {
        var simulator = await SimulatorServer.StartAsync(o => o.RateLimit = 0, ct);
        var harness = new SyncHarness(simulator);
        var config = new Dictionary<string, string?>
        {
            ["Connector:BaseUrl"] = simulator.BaseAddress.ToString().TrimEnd('/'),
            ["Connector:ClientToken"] = DemoTokens.PortfolioClientToken,
            ["Connector:AccessToken"] = DemoTokens.PortfolioAccessToken,
            ["Connector:RequestsPerWindow"] = "10000",
            ["Sync:Interval"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAppDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={harness._path}" });
        services.AddMewsSync(configuration);
        harness._services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using var db = await harness.Db.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        return harness;
    }

    public Task<SyncResult> SyncAsync(CancellationToken ct) =>
        Services.GetRequiredService<SyncCoordinator>().RunAsync(SyncTrigger.Manual, "test", ct);

    public IMewsGateway Gateway => Services.GetRequiredService<IMewsGateway>();

    /// <summary>Removes an entity from the simulator's store, as if it had been deleted in Mews (the store has no
    /// public delete; its tables are internal, hence reflection, in tests only).</summary>
    public void RemoveFromSimulator(string table, Guid id)
    {
        var tableObject = typeof(SimulatorStore).GetProperty(table, BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(Simulator.Store)!;
        var byId = tableObject.GetType().GetField("_byId", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(tableObject)!;
        var removed = (bool)byId.GetType().GetMethod("Remove", [typeof(Guid)])!.Invoke(byId, [id])!;
        Assert.True(removed, $"{table} has no entity {id}");
    }

    public static readonly UserContext Admin = new("u-admin", "admin@test.local", new HashSet<string> { Roles.Administrator });

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await Simulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}

/// <summary>A fixed user for services that ask who is calling.</summary>
internal sealed class FixedCurrentUser(UserContext user) : ICurrentUser
{
    public ValueTask<UserContext> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(user);
}
