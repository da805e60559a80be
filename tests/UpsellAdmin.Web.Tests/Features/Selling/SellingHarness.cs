using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.Sync;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Tests.Features.Desk;

namespace UpsellAdmin.Web.Tests.Features.Selling;

/// <summary>
/// Selling over the desk harness (the app's wiring, the simulator on 127.0.0.1, a migrated SQLite file, one real sync):
/// demo property A with its Upgrade accounting category set, helpers to find a reservation with an upgrade offer, and
/// the posting worker's poster run on demand (the tests decide when the "background" runs).
/// </summary>
public sealed class SellingHarness : IAsyncDisposable
{
    private SellingHarness(DeskHarness desk, Property property)
    {
        Desk = desk;
        Property = property;
    }

    public DeskHarness Desk { get; }
    public Property Property { get; }
    public SimulatorServer Simulator => Desk.Simulator;
    public DateOnly Today => DeskHarness.TodayIn(Property);

    public ISellingService Selling => Desk.Get<ISellingService>();
    public IUpsellDeskService DeskService => Desk.Get<IUpsellDeskService>();

    public static async Task<SellingHarness> StartAsync(Action<SimulatorOptions>? simulator = null, CancellationToken ct = default)
    {
        var desk = await DeskHarness.StartAsync(simulator, ct);
        var property = await desk.PropertyOfAsync(DemoIds.EnterpriseA, ct);
        await using (var db = await desk.Db.CreateDbContextAsync(ct))
        {
            var category = await db.AccountingCategories.SingleAsync(a => a.PropertyId == property.Id && a.MewsId == DemoIds.AccommodationAccountingCategoryA, ct);
            var config = await db.UpsellConfigurations.SingleOrDefaultAsync(c => c.PropertyId == property.Id, ct);
            if (config is null)
            {
                config = new Web.Features.UpsellConfiguration.PropertyUpsellConfiguration { PropertyId = property.Id };
                db.UpsellConfigurations.Add(config);
            }
            config.UpgradeAccountingCategoryId = category.Id;
            await db.SaveChangesAsync(ct);
        }
        return new SellingHarness(desk, property);
    }

    /// <summary>Drops the filters (rate codes, channels, memberships, markets…) of A's demo rules, so that every
    /// arrival with a free room above its own gets an offer: the posting tests need more sales than the demo's three.</summary>
    public async Task OpenRulesToEveryoneAsync(CancellationToken ct)
    {
        await using var db = await Desk.Db.CreateDbContextAsync(ct);
        var rules = db.UpsellRules.Where(r => r.PropertyId == Property.Id).Select(r => r.Id);
        await db.UpsellRuleFilterValues.Where(f => rules.Contains(f.RuleId)).ExecuteDeleteAsync(ct);
    }

    /// <summary>Today's arrivals at A that have at least one upgrade offer, with their offers (read fresh).</summary>
    public async Task<List<DeskOffers>> UpgradeableAsync(CancellationToken ct)
    {
        var board = await DeskService.GetBoardAsync(Property.Id, DeskWindow.Arrivals(Today), refresh: true, ct);
        var result = new List<DeskOffers>();
        foreach (var row in board!.Rows.Where(r => r.BestUpsellAmount is not null))
        {
            var offers = await DeskService.GetOffersAsync(Property.Id, DeskWindow.Arrivals(Today), row.Reservation.ReservationId, explain: false, cancellationToken: ct);
            if (offers is { Offers.Count: > 0 })
            {
                result.Add(offers);
            }
        }
        return result;
    }

    /// <summary>Runs the poster until nothing is due (what the background worker does on each wake-up).</summary>
    public async Task<int> PostAsync(CancellationToken ct)
    {
        await using var scope = Desk.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UpsellPoster>().RunDueAsync(ct);
    }

    /// <summary>
    /// Another app instance over the same SQLite file and the same simulator, wired like the first (the "restarted app",
    /// or a second poller): its own gateway, HTTP clients and rate limiter; <paramref name="configure"/> may replace
    /// services (a gateway decorator, a clock) after the app's registrations.
    /// </summary>
    public Task<ServiceProvider> NewInstanceAsync(Action<IServiceCollection>? configure = null, CancellationToken ct = default) =>
        Task.FromResult(Desk.BuildInstance(configure));

    /// <summary>Runs an instance's poster until nothing is due.</summary>
    public static async Task<int> PostAsync(IServiceProvider instance, CancellationToken ct)
    {
        await using var scope = instance.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UpsellPoster>().RunDueAsync(ct);
    }

    /// <summary>Makes every open work item due now (the back-off a test does not wait for).</summary>
    public async Task<int> MakeAllDueAsync(CancellationToken ct)
    {
        await using var db = await Desk.Db.CreateDbContextAsync(ct);
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        return await db.UpsellWork.Where(w => w.CompletedUtc == null).ExecuteUpdateAsync(s => s.SetProperty(w => w.DueUtc, past), ct);
    }

    /// <summary>Lets every lease run out (what the time after a crash does): the next instance may claim the work. As
    /// in real time, the calls the dead instance had already sent are first answered by Mews (a cancelled call can
    /// still be applied), so a lease never runs out while its last write is still being applied.</summary>
    public async Task ExpireLeasesAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Simulator.Statistics.InFlight > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, ct);
        }
        Assert.Equal(0, Simulator.Statistics.InFlight);
        await using var db = await Desk.Db.CreateDbContextAsync(ct);
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        await db.UpsellWork.Where(w => w.LeaseExpiresUtc != null).ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseExpiresUtc, past), ct);
    }

    /// <summary>The sales as our database has them (what the test compares with the simulator's store).</summary>
    public async Task<List<UpsellSale>> SalesAsync(CancellationToken ct)
    {
        await using var db = await Desk.Db.CreateDbContextAsync(ct);
        return await db.UpsellSales.AsNoTracking().Include(s => s.Nights).ToListAsync(ct);
    }

    /// <summary>The simulator's lines whose ExternalIdentifier belongs to the upsell (canceled ones included).</summary>
    public IReadOnlyList<UpsellAdmin.ConnectorSimulator.Model.OrderItem> LinesOf(Guid upsellId) =>
        Simulator.Store.Orders.SelectMany(o => o.Items).Where(i => i.ExternalIdentifier?.StartsWith(upsellId.ToString("D"), StringComparison.Ordinal) == true).ToList();

    public ValueTask DisposeAsync() => Desk.DisposeAsync();
}
