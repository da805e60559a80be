using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Tests.Features.Selling;

/// <summary>What an agent does with an upsell and what the posting worker's Mews call ends in are in the audit trail.</summary>
public sealed class SellingAuditTests : IAsyncLifetime
{
    private SellingHarness _h = default!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _h = await SellingHarness.StartAsync(ct: Ct);

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task AgentSellsAnUpgradeTheWorkerPostsItAndTheAgentUndoesIt_EachStepIsAuditedWithWho()
    {
        var offers = (await _h.UpgradeableAsync(Ct)).First(o => o.Reservation.State == UpsellAdmin.Connector.Models.ReservationState.Confirmed);
        var sold = await _h.Selling.SellAsync(new SaleRequest(_h.Property.Id, offers.Reservation.ReservationId, offers.Offers[0].OfferId, null, SaleChannel.Desk), Ct);
        Assert.Equal(SaleResultKind.Accepted, sold.Kind);
        await _h.PostAsync(Ct);
        Assert.Equal(SaleResultKind.Accepted, (await _h.Selling.UndoAsync(sold.Sale!.UpsellId, Ct)).Kind);
        await _h.PostAsync(Ct);

        await using var db = await _h.Desk.Db.CreateDbContextAsync(Ct);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == AuditEntityTypes.Upsell).OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal([(AuditActions.Sold, "admin@test"), (AuditActions.Posted, AuditActors.PostingWorker), (AuditActions.Undone, "admin@test"), (AuditActions.Reversed, AuditActors.PostingWorker)],
            entries.Select(e => (e.Action, e.By)));
        Assert.All(entries, e => Assert.Equal((offers.Reservation.Number, (int?)_h.Property.Id), (e.EntityKey, e.PropertyId)));
        Assert.Contains(sold.Sale.UpsellId.ToString(), entries[1].After!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(("Pending", "Posted"), (Status(entries[1].Before), Status(entries[1].After)));
    }

    private static string? Status(string? json) =>
        json is null ? null : System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("status").GetString();
}
