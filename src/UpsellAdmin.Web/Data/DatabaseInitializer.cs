using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data.Seeding;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Data;

/// <summary>
/// Start-up database work. Reads <c>Database:MigrateOnStartup</c> (default true) and demo mode (<see cref="DemoMode"/>:
/// the <c>DemoMode</c> setting, else on only in Development).
/// Never EnsureCreated: the schema only comes from the committed migrations.
/// </summary>
public static class DatabaseInitializer
{
    /// <summary>Applies migrations (Database:MigrateOnStartup) and, in demo mode, seeds roles, users and demo data.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        await InitializeDatabaseAsync(scope.ServiceProvider, app.Configuration, cancellationToken);
    }

    /// <summary>The same for any service provider (tests, benchmarks): <paramref name="services"/> should be a scope.</summary>
    public static async Task InitializeDatabaseAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer).FullName!);
        var options = services.GetService<DatabaseOptions>()
            ?? configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()
            ?? new DatabaseOptions();
        bool demoMode = DemoMode.IsEnabled(configuration, services);
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();

        if (options.MigrateOnStartup)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                await db.Database.MigrateAsync(cancellationToken);
                logger.LogInformation("Database migrated ({Provider}): applied {Migrations}", options.Provider, string.Join(", ", pending));
            }
        }

        if (!demoMode && services.GetService<UserManager<AppUser>>() is { } userManager && await HasSchemaAsync(factory, cancellationToken))
        {
            await IdentitySeeder.LockPublishedDemoPasswordsAsync(userManager, logger);
        }
        await services.EnsureBootstrapAdministratorAsync(configuration, cancellationToken);
        if (demoMode)
        {
            await SeedDemoDataAsync(services, cancellationToken);
            await SeedDemoUsersAsync(services, cancellationToken);
            // Demo:ActivityHistoryDays > 0: past upsell activity for the report, once per property.
            await Features.Reports.History.ActivityHistorySeeder.SeedIfEnabledAsync(services, configuration, cancellationToken);
        }
    }

    /// <summary>False for a database no migration has been applied to (a stateless host started without migrating).</summary>
    private static async Task<bool> HasSchemaAsync(IDbContextFactory<AppDbContext> factory, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
    }

    /// <summary>
    /// Demo properties, reference data, configuration, rules and prices: from Mews (in demo mode the in-process
    /// simulator) through the registered <see cref="IDemoDataSource"/> — the Mews sync's, the same path as real data.
    /// </summary>
    public static async Task SeedDemoDataAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var source = services.GetService<IDemoDataSource>();
        if (source is null)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer).FullName!)
                .LogWarning("Demo data not seeded: no demo data source (the Mews sync) is registered");
            return;
        }
        await source.SeedAsync(cancellationToken);
    }

    /// <summary>Demo roles and users with access to the demo properties (needs ASP.NET Core Identity registered).</summary>
    public static async Task SeedDemoUsersAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer).FullName!);
        var users = services.GetService<UserManager<AppUser>>();
        var roles = services.GetService<RoleManager<IdentityRole>>();
        if (users is null || roles is null)
        {
            logger.LogWarning("Demo users not seeded: ASP.NET Core Identity (UserManager/RoleManager) is not registered");
            return;
        }
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        var propertyCodes = await db.Properties.AsNoTracking().Select(p => p.Code).ToListAsync(cancellationToken);
        await IdentitySeeder.SeedAsync(users, roles, db, propertyCodes, logger, cancellationToken);
    }
}

/// <summary>Fills an empty database with the demo chain (registered by the Mews sync: it syncs, then seeds rules).</summary>
public interface IDemoDataSource
{
    /// <summary>Seeds when the database has no property yet; returns the properties seeded.</summary>
    Task<int> SeedAsync(CancellationToken ct);
}
