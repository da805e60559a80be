using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Tests.Features.Selling;

/// <summary>Generated demo history was never in Mews: Undo and Retry refuse it with a message and queue nothing.</summary>
public sealed class DemoHistoryGuardTests : IAsyncLifetime
{
    private SellingHarness _h = default!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _h = await SellingHarness.StartAsync(ct: Ct);

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Theory]
    [InlineData(UpsellStatus.Posted)]
    [InlineData(UpsellStatus.Rejected)]
    public async Task UndoAndRetryOfADemoHistorySale_AreRefusedAndQueueNoWork(UpsellStatus status)
    {
        var offers = (await _h.UpgradeableAsync(Ct)).First(o => o.Reservation.State == UpsellAdmin.Connector.Models.ReservationState.Confirmed);
        var sold = await _h.Selling.SellAsync(new SaleRequest(_h.Property.Id, offers.Reservation.ReservationId, offers.Offers[0].OfferId, null, SaleChannel.Desk), Ct);
        Assert.Equal(SaleResultKind.Accepted, sold.Kind);
        await _h.PostAsync(Ct);
        var id = sold.Sale!.UpsellId;
        await using (var db = await _h.Desk.Db.CreateDbContextAsync(Ct))
        {
            await db.UpsellSales.Where(s => s.Id == id).ExecuteUpdateAsync(x => x
                .SetProperty(s => s.ReservationId, UpsellSale.DemoHistoryPrefix + "0001")
                .SetProperty(s => s.Status, status), Ct);
        }
        var workBefore = await WorkCountAsync();

        var result = status == UpsellStatus.Posted ? await _h.Selling.UndoAsync(id, Ct) : await _h.Selling.RetryAsync(id, Ct);

        Assert.Equal(SaleResultKind.Conflict, result.Kind);
        Assert.Contains("demo history", result.Message, StringComparison.Ordinal);
        Assert.Equal(workBefore, await WorkCountAsync());
    }

    private async Task<int> WorkCountAsync()
    {
        await using var db = await _h.Desk.Db.CreateDbContextAsync(Ct);
        return await db.UpsellWork.CountAsync(Ct);
    }
}
