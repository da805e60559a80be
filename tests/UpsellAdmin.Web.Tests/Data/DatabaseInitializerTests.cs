using UpsellAdmin.Web.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Data;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Web.Features.Sync;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Data;

/// <summary>
/// Start-up: migrations, the bootstrap administrator and demo mode's data — which comes, as in the app, from Mews (the
/// Connector API simulator on 127.0.0.1) through the sync and the demo rule seed.
/// </summary>
public sealed class DatabaseInitializerTests : IAsyncLifetime
{
    private const int PriceDays = 40;
    private SimulatorServer? _simulator;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _simulator = await SimulatorServer.StartAsync(o => o.RateLimit = 0, Ct);

    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }

    /// <summary>A database with Identity and the Mews sync registered as the app registers them.</summary>
    private Task<SqliteTestDatabase> CreateDatabaseAsync() => SqliteTestDatabase.CreateAsync(withIdentity: true, services =>
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connector:BaseUrl"] = _simulator!.BaseAddress.ToString().TrimEnd('/'),
            ["Connector:ClientToken"] = DemoTokens.PortfolioClientToken,
            ["Connector:AccessToken"] = DemoTokens.PortfolioAccessToken,
            ["Connector:RequestsPerWindow"] = "10000",
            ["Sync:Interval"] = "00:00:00",
            ["Sync:PriceDays"] = PriceDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        services.AddMewsSync(configuration);
    });

    private static async Task<Dictionary<string, int>> CountsAsync(SqliteTestDatabase database)
    {
        await using var db = await database.CreateDbContextAsync();
        return new Dictionary<string, int>
        {
            ["Properties"] = await db.Properties.CountAsync(Ct),
            ["RoomTypes"] = await db.RoomTypes.CountAsync(Ct),
            ["RateCodes"] = await db.RateCodes.CountAsync(Ct),
            ["Rules"] = await db.UpsellRules.CountAsync(Ct),
            ["Filters"] = await db.UpsellRuleFilterValues.CountAsync(Ct),
            ["Prices"] = await db.NightlyPrices.CountAsync(Ct),
            ["Levels"] = await db.OccupancyLevels.CountAsync(Ct),
            ["Hierarchy"] = await db.RoomHierarchy.CountAsync(Ct),
            ["Users"] = await db.Users.CountAsync(Ct),
            ["Roles"] = await db.Roles.CountAsync(Ct),
            ["UserRoles"] = await db.UserRoles.CountAsync(Ct),
            ["Access"] = await db.UserProperties.CountAsync(Ct),
        };
    }

    private static async Task InitializeDatabaseAsync(SqliteTestDatabase database, bool demoMode = true)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DemoMode"] = demoMode ? "true" : "false" })
            .Build();
        await using var scope = database.Services.CreateAsyncScope();
        await DatabaseInitializer.InitializeDatabaseAsync(scope.ServiceProvider, configuration, Ct);
    }

    [Fact]
    public async Task InitializeDatabaseAsync_RunTwice_SeedsOnceWithTheSameCounts()
    {
        await using var database = await CreateDatabaseAsync();

        await InitializeDatabaseAsync(database);
        var first = await CountsAsync(database);
        await InitializeDatabaseAsync(database);
        var second = await CountsAsync(database);

        Assert.Equal(first, second);
        Assert.Equal(3, first["Properties"]);
        Assert.InRange(first["Rules"], 35, 45);
        Assert.Equal(3, first["Users"]);
        Assert.Equal(3, first["Roles"]);
        Assert.Equal(3, first["UserRoles"]);
        Assert.Equal(9, first["Access"]);
        Assert.True(first["Prices"] > 3 * PriceDays * 5, $"only {first["Prices"]} prices");
    }

    [Fact]
    public async Task InitializeDatabaseAsync_DemoModeOff_SeedsNothing()
    {
        await using var database = await CreateDatabaseAsync();

        await InitializeDatabaseAsync(database, demoMode: false);

        Assert.All(await CountsAsync(database), c => Assert.Equal(0, c.Value));
    }

    [Fact]
    public async Task Operator_TurnsDemoModeOffOnADatabaseSeededInDemoMode_TheDemoPasswordsNoLongerOpenAnything()
    {
        await using var database = await CreateDatabaseAsync();
        await InitializeDatabaseAsync(database);
        await using (var scope = database.Services.CreateAsyncScope())
        {
            // The revenue manager was given a real password: that account is the operator's and stays open.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var revenue = (await users.FindByEmailAsync(IdentitySeeder.RevenueEmail))!;
            Assert.True((await users.ChangePasswordAsync(revenue, IdentitySeeder.DemoPassword, "A-real-Passw0rd!")).Succeeded);
        }

        await InitializeDatabaseAsync(database, demoMode: false);
        await InitializeDatabaseAsync(database, demoMode: false); // idempotent

        await using var check = database.Services.CreateAsyncScope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var email in new[] { IdentitySeeder.AdminEmail, IdentitySeeder.FrontDeskEmail })
        {
            Assert.True(await manager.IsLockedOutAsync((await manager.FindByEmailAsync(email))!), $"{email} is still open");
        }
        Assert.False(await manager.IsLockedOutAsync((await manager.FindByEmailAsync(IdentitySeeder.RevenueEmail))!));
    }

    [Fact]
    public async Task DemoData_EveryRuleIsValidOrFlaggedAndPricesFollowTheRoomAndRateOrder()
    {
        await using var database = await CreateDatabaseAsync();
        await InitializeDatabaseAsync(database);
        database.CurrentUser.User = FakeCurrentUser.As("admin", Roles.Administrator);
        var rules = database.Get<IUpsellRuleService>();
        await using var db = await database.CreateDbContextAsync();
        var properties = await db.Properties.OrderBy(p => p.Id).Select(p => new { p.Id, p.Code, p.CurrencyCode }).ToListAsync(Ct);

        // One property per enterprise the demo token sees: Connector API Hotel (GBP), Lisbon (EUR), Washington (USD).
        Assert.Equal(["EUR", "GBP", "USD"], properties.Select(p => p.CurrencyCode).Order());
        var flagged = 0;
        foreach (var property in properties)
        {
            var page = await rules.SearchAsync(property.Id, new UpsellRuleCriteria(), new PageRequest(0, 100), Ct);
            Assert.InRange(page.TotalItems, 10, 16);
            flagged += page.Items.Count(r => r.Warnings.Count > 0);
            Assert.Contains(page.Items, r => r.Type == "Room Class");

            // Every active room type has a price on every synced night of at least one rate.
            var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(PriceDays / 2);
            var priced = await db.NightlyPrices.Where(p => p.PropertyId == property.Id && p.Date == day)
                .Select(p => p.RoomTypeId).Distinct().CountAsync(Ct);
            Assert.Equal(await db.RoomTypes.CountAsync(r => r.PropertyId == property.Id && r.IsActive, Ct), priced);
        }
        Assert.InRange(flagged, 1, 6); // the seed names an inactive room type or rate code on purpose in each property
    }
}
