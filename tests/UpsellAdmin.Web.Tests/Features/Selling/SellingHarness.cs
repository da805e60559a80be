using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.ConnectorSimulator;
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

    /// <summary>The simulator's lines whose ExternalIdentifier belongs to the upsell (canceled ones included).</summary>
    public IReadOnlyList<UpsellAdmin.ConnectorSimulator.Model.OrderItem> LinesOf(Guid upsellId) =>
        Simulator.Store.Orders.SelectMany(o => o.Items).Where(i => i.ExternalIdentifier?.StartsWith(upsellId.ToString("D"), StringComparison.Ordinal) == true).ToList();

    public ValueTask DisposeAsync() => Desk.DisposeAsync();
}
