using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Tests.TestSupport;

/// <summary>
/// A real, migrated SQLite database in memory (a named shared-cache database kept alive by one open connection),
/// with the feature services registered as the app does and <see cref="FakeCurrentUser"/> as the user.
/// </summary>
public sealed class SqliteTestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _keepAlive;

    public ServiceProvider Services { get; }
    public FakeCurrentUser CurrentUser { get; } = new();
    public string ConnectionString { get; }

    private SqliteTestDatabase(bool withIdentity, Action<IServiceCollection>? configure)
    {
        ConnectionString = $"Data Source=upsell-test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        _keepAlive = new SqliteConnection(ConnectionString);
        _keepAlive.Open();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddAppDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = ConnectionString });
        services.AddSingleton<ICurrentUser>(CurrentUser);
        services.AddUpsellFeatures();
        if (withIdentity)
        {
            services.AddIdentityCore<AppUser>()
                .AddRoles<IdentityRole>()
                .AddEntityFrameworkStores<AppDbContext>();
        }
        configure?.Invoke(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>A migrated database; <paramref name="configure"/> registers more services (e.g. the Mews sync).</summary>
    public static async Task<SqliteTestDatabase> CreateAsync(bool withIdentity = false, Action<IServiceCollection>? configure = null)
    {
        var database = new SqliteTestDatabase(withIdentity, configure);
        await using var db = await database.CreateDbContextAsync();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return database;
    }

    public Task<AppDbContext> CreateDbContextAsync() =>
        Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    /// <summary>A feature service from a fresh scope (services are scoped like in the app).</summary>
    public T Get<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _keepAlive.DisposeAsync();
    }
}
