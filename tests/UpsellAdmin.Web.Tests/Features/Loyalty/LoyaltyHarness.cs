using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpsellAdmin.Connector;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Loyalty;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Loyalty;

/// <summary>
/// The loyalty service as the app registers it (gateway + AddLoyalty) against the Connector API simulator over HTTP
/// on 127.0.0.1 with the demo portfolio token (so ChainId must go out on writes), and a real SQLite file holding the
/// three demo properties of the chain (for the chain list and the membership types/levels refresh).
/// </summary>
public sealed class LoyaltyHarness : IAsyncDisposable
{
    public static readonly string Chain = DemoIds.Chain.ToString();

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"upsell-loyalty-{Guid.NewGuid():N}.db");
    private ServiceProvider? _services;

    private LoyaltyHarness(SimulatorServer simulator) => Simulator = simulator;

    public SimulatorServer Simulator { get; }

    public IServiceProvider Services => _services!;

    public IDbContextFactory<AppDbContext> Db => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    /// <summary>The service as a user of <paramref name="role"/> sees it (a new scope each time).</summary>
    public ILoyaltyService As(string role) => ScopeAs(role).GetRequiredService<ILoyaltyService>();

    /// <summary>A new scope whose current user has <paramref name="role"/>.</summary>
    public IServiceProvider ScopeAs(string role)
    {
        var scope = Services.CreateScope();
        ((MutableCurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).User =
            new UserContext($"u-{role}", $"{role}@test.local", new HashSet<string> { role });
        return scope.ServiceProvider;
    }

    public static async Task<LoyaltyHarness> StartAsync(CancellationToken ct)
    {
        var simulator = await SimulatorServer.StartAsync(o => o.RateLimit = 0, ct);
        var harness = new LoyaltyHarness(simulator);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddAppDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={harness._path}" });
        services.AddMewsConnector(o =>
        {
            o.BaseUrl = simulator.BaseAddress.ToString().TrimEnd('/');
            o.ClientToken = DemoTokens.PortfolioClientToken;
            o.AccessToken = DemoTokens.PortfolioAccessToken;
            o.RequestsPerWindow = 10000;
            o.RetryBaseDelay = TimeSpan.Zero;
            o.ReconcileDelay = TimeSpan.Zero;
        });
        services.AddScoped<ICurrentUser, MutableCurrentUser>();
        services.AddUpsellFeatures();
        services.AddLoyalty();
        harness._services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using var db = await harness.Db.CreateDbContextAsync(ct);
        // The schema the app gets: the committed migrations.
        await db.Database.MigrateAsync(ct);
        db.Properties.AddRange(
            new Property { Code = "CAH", Name = "Connector API Hotel", CurrencyCode = "GBP", TimeZone = "Europe/Budapest", MewsEnterpriseId = DemoIds.EnterpriseA, MewsChainId = DemoIds.Chain },
            new Property { Code = "CAL", Name = "Connector API Hotel Lisbon", CurrencyCode = "EUR", TimeZone = "Europe/Lisbon", MewsEnterpriseId = DemoIds.EnterpriseB, MewsChainId = DemoIds.Chain });
        await db.SaveChangesAsync(ct);
        return harness;
    }

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

    private sealed class MutableCurrentUser : ICurrentUser
    {
        public UserContext User { get; set; } = UserContext.Anonymous;

        public ValueTask<UserContext> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(User);
    }
}
