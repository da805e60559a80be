using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Features.Sync;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Desk;

/// <summary>
/// The desk as the app wires it — features, quotes, desk, the Mews sync — against the Connector API simulator on
/// 127.0.0.1 and a migrated SQLite file, after one real sync and the demo rule seed of the demo property.
/// </summary>
public sealed class DeskHarness : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"upsell-desk-{Guid.NewGuid():N}.db");
    private ServiceProvider? _services;

    private DeskHarness(SimulatorServer simulator) => Simulator = simulator;

    public SimulatorServer Simulator { get; }
    public FakeCurrentUser CurrentUser { get; } = new() { User = FakeCurrentUser.As("admin", Roles.Administrator) };
    public IServiceProvider Services => _services!;
    public IDbContextFactory<AppDbContext> Db => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public static async Task<DeskHarness> StartAsync(Action<SimulatorOptions>? simulator = null, CancellationToken ct = default)
    {
        var server = await SimulatorServer.StartAsync(o =>
        {
            o.RateLimit = 0;
            simulator?.Invoke(o);
        }, ct);
        var harness = new DeskHarness(server);
        harness._services = harness.BuildInstance();
        await using (var db = await harness.Db.CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
        }
        await harness.Services.GetRequiredService<DemoDataBootstrap>().SeedAsync(ct);
        return harness;
    }

    /// <summary>
    /// An app instance as the app wires it — features, quotes, desk, selling, the Mews sync — over this harness's SQLite
    /// file and simulator, with its own gateway, HTTP clients and rate limiter. The harness's own services are one; a
    /// test may build more (a "restarted app", a second poller), <paramref name="configure"/> replacing services after
    /// the app's registrations.
    /// </summary>
    public ServiceProvider BuildInstance(Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connector:BaseUrl"] = Simulator.BaseAddress.ToString().TrimEnd('/'),
            ["Connector:ClientToken"] = DemoTokens.PortfolioClientToken,
            ["Connector:AccessToken"] = DemoTokens.PortfolioAccessToken,
            ["Connector:RequestsPerWindow"] = "10000",
            ["Sync:Interval"] = "00:00:00",
            ["Sync:PriceDays"] = "40",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAppDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_path}" });
        services.AddSingleton<ICurrentUser>(CurrentUser);
        services.AddUpsellFeatures().AddQuotes().AddMewsSync(configuration).AddDesk().AddSelling();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public T Get<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async Task<Property> PropertyOfAsync(Guid enterpriseId, CancellationToken ct)
    {
        await using var db = await Db.CreateDbContextAsync(ct);
        return await db.Properties.AsNoTracking().SingleAsync(p => p.MewsEnterpriseId == enterpriseId, ct);
    }

    public static DateOnly TodayIn(Property property) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(property.TimeZone)).DateTime);

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
