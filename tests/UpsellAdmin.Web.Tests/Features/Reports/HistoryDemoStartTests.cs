using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Reports.History;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Features.Sync;

namespace UpsellAdmin.Web.Tests.Features.Reports;

/// <summary>The app's demo start with <c>Demo:ActivityHistoryDays</c>: history for every demo property from its own
/// demo set-up, nothing for the posting worker, and nothing more on a restart; without the setting, nothing.</summary>
public sealed class HistoryDemoStartTests
{
    private static WebApplicationFactory<SyncOptions> App(string path, string? days) =>
        new WebApplicationFactory<SyncOptions>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("DemoMode", "true");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:ConnectionString", $"Data Source={path}");
            b.UseSetting("Database:MigrateOnStartup", "true");
            b.UseSetting("Sync:Interval", "00:00:00");
            if (days is not null)
            {
                b.UseSetting(ActivityHistorySeeder.DaysSetting, days);
            }
        });

    private static async Task<int[]> CountsAsync(WebApplicationFactory<SyncOptions> factory, CancellationToken ct)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        return [await db.UpsellPresentations.CountAsync(ct), await db.UpsellPresentedOffers.CountAsync(ct), await db.UpsellSales.CountAsync(ct),
            await db.UpsellDeclines.CountAsync(ct), await db.UpsellWork.CountAsync(ct)];
    }

    [Fact]
    public async Task DemoStart_WithActivityHistoryDays_FillsEachPropertyFromItsSetUpOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Path.GetTempPath(), $"upsell-history-{Guid.NewGuid():N}.db");
        try
        {
            int[] first;
            await using (var factory = App(path, "21"))
            {
                factory.CreateClient();
                first = await CountsAsync(factory, ct);
                await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
                var properties = await db.Properties.AsNoTracking().ToListAsync(ct);
                Assert.Equal(3, properties.Count);
                foreach (var property in properties)
                {
                    var sales = await db.UpsellSales.AsNoTracking().Where(s => s.PropertyId == property.Id).ToListAsync(ct);
                    Assert.NotEmpty(sales);
                    var ruleCodes = await db.UpsellRules.Where(r => r.PropertyId == property.Id).Select(r => new { r.Code, r.FromCode, r.ToCode }).ToListAsync(ct);
                    var types = await db.RoomTypes.Where(t => t.PropertyId == property.Id && t.IsActive).Select(t => t.Code).ToListAsync(ct);
                    foreach (var sale in sales.Where(s => s.Kind == UpsellKind.RoomUpgrade))
                    {
                        Assert.Contains(ruleCodes, r => r.Code == sale.RuleCode && r.FromCode == sale.FromRoomType && r.ToCode == sale.ToRoomType);
                        Assert.Contains(sale.ToRoomType!, types);
                    }
                    Assert.All(sales, s => Assert.Equal(property.CurrencyCode, s.CurrencyCode));
                    Assert.All(sales, s => Assert.StartsWith(ActivityHistoryGenerator.ReservationPrefix, s.ReservationId));
                }
                // The demo's Front Desk user sold some: their own figures are not empty.
                Assert.True(await db.UpsellSales.AnyAsync(s => s.AgentName == "frontdesk@demo.local", ct));
            }
            Assert.All(first.Take(4), n => Assert.True(n > 0));
            Assert.Equal(0, first[4]); // no work for the posting worker

            await using (var restarted = App(path, "21"))
            {
                restarted.CreateClient();
                Assert.Equal(first, await CountsAsync(restarted, ct));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task DemoStart_WithoutTheSetting_NoHistory()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Path.GetTempPath(), $"upsell-history-{Guid.NewGuid():N}.db");
        try
        {
            await using var factory = App(path, null);
            factory.CreateClient();
            var counts = await CountsAsync(factory, ct);
            Assert.Equal(new[] { 0, 0, 0, 0, 0 }, counts);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
