using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Bench.Web;

/// <summary>A migrated SQLite file with the demo reference data and the app's services, run as an Administrator.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public required ServiceProvider Services { get; init; }
    public required string Path { get; init; }
    public string ConnectionString => $"Data Source={Path}";

    /// <param name="configure">more services (e.g. the Reports feature, which <c>AddUpsellFeatures</c> does not register).</param>
    public static async Task<BenchDatabase> CreateAsync(string path, Action<IServiceCollection>? configure = null)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddAppDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" });
        services.AddSingleton<ICurrentUser, BenchUser>();
        services.AddUpsellFeatures();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();

        await using (var scope = provider.CreateAsyncScope())
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DemoMode"] = "false" }).Build();
            await DatabaseInitializer.InitializeDatabaseAsync(scope.ServiceProvider, configuration);
            await DatabaseInitializer.SeedDemoDataAsync(scope.ServiceProvider);
        }
        return new BenchDatabase { Services = provider, Path = path };
    }

    public async Task<T> WithContextAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await work(db);
    }

    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private sealed class BenchUser : ICurrentUser
    {
        private static readonly UserContext Admin = new("bench", "bench", new HashSet<string> { Roles.Administrator });

        public ValueTask<UserContext> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Admin);
    }
}
