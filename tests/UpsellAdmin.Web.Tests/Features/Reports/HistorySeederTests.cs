using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Reports.History;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Reports;

/// <summary>The demo history seeder on a real (SQLite) database: what it reads from the set-up, what it writes, once.</summary>
public sealed class HistorySeederTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 15, 0, 0, TimeSpan.Zero);

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static async Task<(SqliteTestDatabase Database, TestData.Ids Ids)> SetUpAsync()
    {
        var database = await SqliteTestDatabase.CreateAsync();
        var ids = await TestData.SeedAsync(database);
        await TestData.AddRuleAsync(database, ids.Tst, "UPK", "STDK", "DLXK");
        await TestData.AddRuleAsync(database, ids.Tst, "UPQ", "STDQ", "DLXK");
        await TestData.AddRuleAsync(database, ids.Tst, "UPSUI", "STDK", "SUI"); // SUI is inactive: never offered
        await TestData.AddRuleAsync(database, ids.Tst, "CLS", "STD", "DLX", byRoomType: false); // a room class rule
        await using var db = await database.CreateDbContextAsync();
        var breakfast = new Product { PropertyId = ids.Tst, Code = "BRK", Name = "Breakfast buffet", Price = 18m, CurrencyCode = "USD", ChargingMode = ProductChargingMode.PerTimeUnit };
        db.Products.Add(breakfast);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.AddOnCatalogue.Add(new AddOnCatalogueItem { PropertyId = ids.Tst, ProductId = breakfast.Id, DisplayName = "Breakfast", DisplaySequence = 1 });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (database, ids);
    }

    private static Task<int> SeedAsync(SqliteTestDatabase database, int days) =>
        ActivityHistorySeeder.SeedAsync(database.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), new FixedClock(), days,
            NullLogger.Instance, new HistoryOptions(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task SeedAsync_DemoSetUp_WritesActivityNamingOnlyTheSetUpsRoomTypesRulesAndAddOns()
    {
        var ct = TestContext.Current.CancellationToken;
        var (database, ids) = await SetUpAsync();
        await using var _ = database;

        var filled = await SeedAsync(database, 60);

        Assert.Equal(1, filled); // OTH has no rule and no add-on: nothing to have offered
        await using var db = await database.CreateDbContextAsync();
        var sales = await db.UpsellSales.AsNoTracking().Include(s => s.Nights).ToListAsync(ct);
        var offers = await db.UpsellPresentedOffers.AsNoTracking().ToListAsync(ct);
        var declines = await db.UpsellDeclines.AsNoTracking().ToListAsync(ct);
        Assert.InRange(await db.UpsellPresentations.CountAsync(ct), 60 * 8, 60 * 40);
        Assert.NotEmpty(sales);
        Assert.NotEmpty(declines);
        Assert.Empty(await db.UpsellWork.ToListAsync(ct));
        Assert.All(sales, s => Assert.Equal(ids.Tst, s.PropertyId));

        (string?, string?, string?)[] pairs = [("STDK", "DLXK", "UPK"), ("STDQ", "DLXK", "UPQ")];
        Assert.All(sales.Where(s => s.Kind == UpsellKind.RoomUpgrade), s => Assert.Contains((s.FromRoomType, s.ToRoomType, s.RuleCode), pairs));
        Assert.All(offers.Where(o => o.Kind == UpsellKind.RoomUpgrade), o => Assert.Contains((o.FromRoomType, o.ToRoomType, o.RuleCode), pairs));
        Assert.All(declines.Where(d => d.Kind == UpsellKind.RoomUpgrade), d => Assert.Contains((d.FromRoomType, d.ToRoomType, d.RuleCode), pairs));
        Assert.All(sales.Where(s => s.Kind == UpsellKind.AddOn), s => Assert.Equal("Breakfast", s.ProductName));
        // The rule's flat 10 a night, moved by the season (busy days a little dearer), the same every night of a sale.
        Assert.All(sales.Where(s => s.Kind == UpsellKind.RoomUpgrade), s => Assert.InRange(s.TotalAmount / s.UpgradeNights, 7m, 13m));
        Assert.All(sales.Where(s => s.Kind == UpsellKind.RoomUpgrade), s => Assert.Single(s.Nights.Select(n => n.UpsellAmount).Distinct()));

        // Past days only, the property's own (America/New_York: 2026-12-07 10:00), final statuses, nights stored.
        var today = new DateOnly(2026, 12, 7);
        Assert.All(sales, s => Assert.InRange(s.SoldDate, today.AddDays(-60), today.AddDays(-1)));
        Assert.All(sales, s => Assert.True(s.Arrival >= s.SoldDate));
        Assert.All(sales, s => Assert.NotEqual(UpsellStatus.Pending, s.Status));
        Assert.All(sales.Where(s => s.Kind == UpsellKind.RoomUpgrade), s => Assert.Equal(s.UpgradeNights, s.Nights.Count));
        // The agents are the property's users (and two colleagues and the booking engine).
        var agents = sales.Select(s => s.AgentName).Distinct().ToList();
        Assert.Contains("frontdesk@test", agents);
        Assert.Contains("API: booking-engine", agents);
    }

    [Fact]
    public async Task SeedAsync_SecondRun_AddsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (database, _) = await SetUpAsync();
        await using var __ = database;
        await SeedAsync(database, 30);
        int[] Counts(AppDbContext db) => [db.UpsellPresentations.Count(), db.UpsellPresentedOffers.Count(), db.UpsellSales.Count(), db.UpsellDeclines.Count()];
        int[] before;
        await using (var db = await database.CreateDbContextAsync())
        {
            before = Counts(db);
        }

        var filled = await SeedAsync(database, 30);

        Assert.Equal(0, filled);
        await using (var db = await database.CreateDbContextAsync())
        {
            Assert.Equal(before, Counts(db));
            Assert.True(await ActivityHistorySeeder.HasHistoryAsync(db, (await db.Properties.SingleAsync(p => p.Code == "TST", ct)).Id, ct));
        }
        Assert.All(before, n => Assert.True(n > 0));
    }

    [Theory]
    [InlineData(null, "true")]
    [InlineData("0", "true")]
    [InlineData("90", "false")]
    public async Task SeedIfEnabledAsync_SwitchOffOrNotDemoMode_WritesNothing(string? days, string demoMode)
    {
        var ct = TestContext.Current.CancellationToken;
        var (database, _) = await SetUpAsync();
        await using var __ = database;
        var settings = new Dictionary<string, string?> { ["DemoMode"] = demoMode };
        if (days is not null)
        {
            settings[ActivityHistorySeeder.DaysSetting] = days;
        }

        var filled = await ActivityHistorySeeder.SeedIfEnabledAsync(database.Services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), ct);

        Assert.Equal(0, filled);
        await using var db = await database.CreateDbContextAsync();
        Assert.Equal(0, await db.UpsellPresentations.CountAsync(ct));
        Assert.Equal(0, await db.UpsellSales.CountAsync(ct));
    }

    [Fact]
    public async Task SeedIfEnabledAsync_SwitchOnInDemoMode_FillsTheDays()
    {
        var ct = TestContext.Current.CancellationToken;
        var (database, _) = await SetUpAsync();
        await using var __ = database;
        var settings = new Dictionary<string, string?> { ["DemoMode"] = "true", [ActivityHistorySeeder.DaysSetting] = "14" };

        var filled = await ActivityHistorySeeder.SeedIfEnabledAsync(database.Services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), ct);

        Assert.Equal(1, filled);
        await using var db = await database.CreateDbContextAsync();
        var days = await db.UpsellPresentations.Select(p => p.Day).Distinct().CountAsync(ct);
        Assert.InRange(days, 13, 14);
    }
}
