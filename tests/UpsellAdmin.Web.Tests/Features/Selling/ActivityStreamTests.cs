using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Tests.Features.Selling;

/// <summary>The exports' streamed read of the Upsell Activity log gives the same sales, in the same order and with the
/// same filter, as the page's paged read (without the nights, which an export does not show).</summary>
public sealed class ActivityStreamTests : IAsyncLifetime
{
    private SellingHarness _h = default!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _h = await SellingHarness.StartAsync(ct: Ct);

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task StreamAsync_EqualsListAsync_ForTheSameFilter()
    {
        var count = 0;
        foreach (var offers in (await _h.UpgradeableAsync(Ct)).Where(o => o.Reservation.State == UpsellAdmin.Connector.Models.ReservationState.Confirmed))
        {
            // The upgrade and every add-on of each confirmed arrival: several sales, some of one reservation.
            foreach (var offerId in offers.Offers.Take(1).Select(o => o.OfferId).Concat(offers.AddOns.Select(a => a.OfferId)))
            {
                var sold = await _h.Selling.SellAsync(new SaleRequest(_h.Property.Id, offers.Reservation.ReservationId, offerId, null, SaleChannel.Desk), Ct);
                Assert.True(sold.Succeeded, sold.Message);
                count++;
            }
        }
        Assert.True(count >= 1, "no sale could be made");
        await _h.PostAsync(Ct);
        // More rows than the demo day gives: copies of the real sale at other times and statuses (one with item ids).
        await using (var db = await _h.Desk.Db.CreateDbContextAsync(Ct))
        {
            var real = await db.UpsellSales.AsNoTracking().FirstAsync(Ct);
            var statuses = new[] { UpsellStatus.Posted, UpsellStatus.Reversed, UpsellStatus.Rejected, UpsellStatus.Posted };
            for (var i = 0; i < statuses.Length; i++)
            {
                real.Id = Guid.NewGuid();
                real.Nights = [];
                real.SoldUtc = real.SoldUtc.AddMinutes(-(i + 1) * 7);
                real.Status = statuses[i];
                real.ReservationId = $"{real.ReservationId[..^1]}{i}";
                real.MewsItemIds = i == 3 ? "item-1,item-2" : null;
                db.UpsellSales.Add(real);
                await db.SaveChangesAsync(Ct);
                db.ChangeTracker.Clear();
                count++;
            }
        }

        foreach (var filter in new[] { new UpsellActivityFilter(), new UpsellActivityFilter(PropertyId: _h.Property.Id, Status: UpsellStatus.Posted), new UpsellActivityFilter(Agent: "nobody-such") })
        {
            var listed = (await _h.Selling.ListAsync(filter, new PageRequest(0, 500), Ct)).Items;
            var streamed = new List<UpsellSaleView>();
            await foreach (var row in _h.Selling.StreamAsync(filter, Ct))
            {
                streamed.Add(row);
            }

            Assert.Equal(listed.Select(Comparable), streamed.Select(Comparable));
            Assert.Equal(filter.Agent is null, streamed.Count > 1);
            Assert.All(streamed, s => Assert.Empty(s.Nights));
        }
        Assert.Equal(count, (await _h.Selling.ListAsync(new UpsellActivityFilter(), new PageRequest(0, 500), Ct)).Items.Count);
    }

    /// <summary>Every field but the nights and their order ids, as JSON (lists compare by content).</summary>
    private static string Comparable(UpsellSaleView v) => System.Text.Json.JsonSerializer.Serialize(v with { Nights = [], MewsOrderIds = [] });
}
