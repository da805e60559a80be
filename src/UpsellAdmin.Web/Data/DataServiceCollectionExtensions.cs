using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UpsellAdmin.Web.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <c>IDbContextFactory&lt;AppDbContext&gt;</c> for the configured provider (section "Database") and a
    /// scoped <see cref="AppDbContext"/> for ASP.NET Core Identity's stores (the only non-factory user).
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        return services.AddAppDatabase(options);
    }

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? DatabaseOptions.DefaultSqliteConnectionString
                    : options.ConnectionString;
                services.AddDbContextFactory<SqliteAppDbContext>(o => ConfigureSqlite(o, sqlite));
                services.AddSingleton<IDbContextFactory<AppDbContext>, DerivedContextFactory<SqliteAppDbContext>>();
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException(
                        "Database:Provider is SqlServer but Database:ConnectionString is empty. Set it in appsettings.json, " +
                        "user-secrets or the environment variable Database__ConnectionString.");
                }
                services.AddDbContextFactory<SqlServerAppDbContext>(o => ConfigureSqlServer(o, options.ConnectionString));
                services.AddSingleton<IDbContextFactory<AppDbContext>, DerivedContextFactory<SqlServerAppDbContext>>();
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'. Use Sqlite or SqlServer.");
        }
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        return services;
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlite(connectionString, s => s.MigrationsHistoryTable("__EFMigrationsHistory"))
            .AddInterceptors(SqlitePragmas.Instance);

    internal static void ConfigureSqlServer(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlServer(connectionString, s => s.EnableRetryOnFailure());

    /// <summary>Hands out the provider's subclass as the <see cref="AppDbContext"/> everything else asks for.</summary>
    private sealed class DerivedContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}

/// <summary>Design-time factory for `dotnet ef ... --context SqliteAppDbContext`.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(b, DatabaseOptions.DefaultSqliteConnectionString);
        return new SqliteAppDbContext(b.Options);
    }
}

/// <summary>Design-time factory for `dotnet ef ... --context SqlServerAppDbContext` (no server needed to add
/// migrations or script them).</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<SqlServerAppDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlServer(b, "Server=(local);Database=UpsellAdmin;Trusted_Connection=True;TrustServerCertificate=True");
        return new SqlServerAppDbContext(b.Options);
    }
}
