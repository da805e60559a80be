using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Sync;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Sync;

/// <summary>
/// The app as <c>dotnet run</c> starts it in demo mode: no Connector section, so the simulator runs in-process; the
/// first start syncs the demo chain from it and seeds the demo rules against the synced codes. (The factory names a
/// Web type, not Program: the simulator, referenced through Web, has a public Program too.)
/// </summary>
public sealed class DemoModeTests
{
    [Fact]
    public async Task DemoMode_FirstStart_SyncsThreePropertiesFromTheSimulatorAndSeedsTheirRules()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Path.GetTempPath(), $"upsell-demo-{Guid.NewGuid():N}.db");
        try
        {
            await using (var factory = new WebApplicationFactory<SyncOptions>().WithWebHostBuilder(b =>
            {
                b.UseEnvironment("Development");
                b.UseSetting("DemoMode", "true");
                b.UseSetting("Database:Provider", "Sqlite");
                b.UseSetting("Database:ConnectionString", $"Data Source={path}");
                b.UseSetting("Database:MigrateOnStartup", "true");
                b.UseSetting("Sync:Interval", "00:00:00");
            }))
            {
                using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                var login = await client.GetAsync("/Account/Login", ct);
                Assert.True(login.IsSuccessStatusCode, $"login page answered {login.StatusCode}");

                var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var properties = await db.Properties.AsNoTracking().Where(p => p.MewsEnterpriseId != null).ToListAsync(ct);
                Assert.Equal(3, properties.Count);
                foreach (var property in properties)
                {
                    var rules = await db.UpsellRules.CountAsync(r => r.PropertyId == property.Id, ct);
                    Assert.InRange(rules, 10, 20);
                    Assert.True(await db.NightlyPrices.AnyAsync(p => p.PropertyId == property.Id, ct));
                    Assert.True(await db.OccupancyLevels.AnyAsync(l => l.PropertyId == property.Id, ct));
                    Assert.False(await db.NightlyOccupancies.AnyAsync(n => n.PropertyId == property.Id && n.Level == null, ct));
                    // Every rule's room codes exist in the property (they were derived from the synced codes).
                    var codes = await db.RoomTypes.Where(t => t.PropertyId == property.Id).Select(t => t.Code)
                        .Concat(db.RoomClasses.Where(c => c.PropertyId == property.Id).Select(c => c.Code)).ToListAsync(ct);
                    var named = await db.UpsellRules.Where(r => r.PropertyId == property.Id).Select(r => new { r.FromCode, r.ToCode }).ToListAsync(ct);
                    Assert.All(named, r => Assert.True(codes.Contains(r.FromCode) && codes.Contains(r.ToCode), $"{r.FromCode}→{r.ToCode}"));
                }
                Assert.InRange(await db.UpsellRules.CountAsync(ct), 35, 50);
                var run = await db.SyncRuns.AsNoTracking().SingleAsync(ct);
                Assert.Equal(("Startup", true), (run.Trigger, run.Succeeded));
                Assert.Equal(3, await db.UserProperties.Select(a => a.PropertyId).Distinct().CountAsync(ct));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
