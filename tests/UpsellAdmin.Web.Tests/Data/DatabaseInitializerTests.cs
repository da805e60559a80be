using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Data.Seeding;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Data;

public sealed class DatabaseInitializerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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

    private static async Task InitializeAsync(SqliteTestDatabase database, bool demoMode = true)
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
        await using var database = await SqliteTestDatabase.CreateAsync(withIdentity: true);

        await InitializeAsync(database);
        var first = await CountsAsync(database);
        await InitializeAsync(database);
        var second = await CountsAsync(database);

        Assert.Equal(first, second);
        Assert.Equal(3, first["Properties"]);
        Assert.InRange(first["Rules"], 35, 45);
        Assert.Equal(3, first["Users"]);
        Assert.Equal(3, first["Roles"]);
        Assert.Equal(3, first["UserRoles"]);
        Assert.Equal(9, first["Access"]);
        Assert.True(first["Prices"] > 3 * DemoDataSeeder.PriceDays * 20, $"only {first["Prices"]} prices");
    }

    [Fact]
    public async Task InitializeDatabaseAsync_DemoModeOff_SeedsNothing()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(withIdentity: true);

        await InitializeAsync(database, demoMode: false);

        Assert.All(await CountsAsync(database), c => Assert.Equal(0, c.Value));
    }

    [Fact]
    public async Task DemoData_EveryRuleIsValidOrFlaggedAndPricesFollowTheRoomAndRateOrder()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(withIdentity: true);
        await InitializeAsync(database);
        database.CurrentUser.User = FakeCurrentUser.As("admin", Roles.Administrator);
        var rules = database.Get<IUpsellRuleService>();
        await using var db = await database.CreateDbContextAsync();
        var properties = await db.Properties.OrderBy(p => p.Id).Select(p => new { p.Id, p.Code, p.CurrencyCode }).ToListAsync(Ct);

        Assert.Equal(["USD", "EUR", "GBP"], properties.Select(p => p.CurrencyCode));
        var flagged = 0;
        foreach (var property in properties)
        {
            var page = await rules.SearchAsync(property.Id, new UpsellRuleCriteria(), new PageRequest(0, 100), Ct);
            Assert.InRange(page.TotalItems, 12, 16);
            flagged += page.Items.Count(r => r.Warnings.Count > 0);
            Assert.Contains(page.Items, r => r.Type == "Room Class");
        }
        Assert.InRange(flagged, 1, 3); // the seed names an inactive room type and an inactive rate code on purpose

        // Dearer room types and richer rates cost more on the same night.
        var nyc = properties[0].Id;
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        async Task<decimal> PriceAsync(string rate, string roomType) => await db.NightlyPrices
            .Where(p => p.PropertyId == nyc && p.Date == day
                && p.RateCodeId == db.RateCodes.Single(r => r.PropertyId == nyc && r.Code == rate).Id
                && p.RoomTypeId == db.RoomTypes.Single(r => r.PropertyId == nyc && r.Code == roomType).Id)
            .Select(p => p.Amount).SingleAsync(Ct);
        Assert.True(await PriceAsync("BAR", "DLXK") > await PriceAsync("BAR", "STDK"));
        Assert.True(await PriceAsync("BARBB", "STDK") > await PriceAsync("BAR", "STDK"));
    }
}
