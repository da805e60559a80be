using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using Product = UpsellAdmin.Web.Features.ReferenceData.Product;

namespace UpsellAdmin.Web.Tests.Features.Desk;

/// <summary>The add-on catalogue on the Upsell Desk, against the simulator after a real sync (products, accounting
/// categories) and the demo seed.</summary>
public sealed class UpsellDeskAddOnTests : IAsyncLifetime
{
    private DeskHarness _harness = default!;
    private Property _property = default!;
    private DateOnly _today;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _harness = await DeskHarness.StartAsync(ct: Ct);
        _property = await _harness.PropertyOfAsync(_harness.Simulator.Store.FullNight!.EnterpriseId, Ct);
        _today = DeskHarness.TodayIn(_property);
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private IUpsellDeskService Desk => _harness.Get<IUpsellDeskService>();
    private string ReservationId => _harness.Simulator.Store.FullNight!.ReservationId.ToString();

    private async Task<Product> ProductAsync(string code)
    {
        await using var db = await _harness.Db.CreateDbContextAsync(Ct);
        return await db.Products.AsNoTracking().Include(p => p.AccountingCategory).SingleAsync(p => p.PropertyId == _property.Id && p.Code == code, Ct);
    }

    private async Task CatalogueAsync(params (string Code, string Name, decimal? Override)[] lines)
    {
        await using var db = await _harness.Db.CreateDbContextAsync(Ct);
        var sequence = 0;
        foreach (var (code, name, price) in lines)
        {
            var product = await db.Products.SingleAsync(p => p.PropertyId == _property.Id && p.Code == code, Ct);
            db.AddOnCatalogue.Add(new AddOnCatalogueItem
            {
                PropertyId = _property.Id, ProductId = product.Id, DisplayName = name, PriceOverride = price,
                AccountingCategoryId = product.AccountingCategoryId, DisplaySequence = ++sequence,
            });
        }
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>The reservation's persons as Mews has them (all age categories), read straight from the gateway.</summary>
    private async Task<int> PersonsAsync()
    {
        var gateway = _harness.Get<IMewsGateway>();
        await foreach (var r in gateway.GetReservationsAsync(new ReservationFilter
            { EnterpriseIds = [_property.MewsEnterpriseId!.Value.ToString()], ReservationIds = [ReservationId] }, Ct))
        {
            return r.PersonCounts?.Sum(p => p.Count) ?? 1;
        }
        throw new InvalidOperationException("The full-night reservation is not in Mews.");
    }

    [Fact]
    public async Task Offers_CatalogueAddOns_CountedByChargingMode_OverrideWins_AndOneTheReservationHasIsNotOfferedAgain()
    {
        var breakfast = await ProductAsync("BFST");  // PerPersonPerTimeUnit, Mews price
        var parking = await ProductAsync("PARK");    // PerTimeUnit, overridden
        Assert.Equal((ProductChargingMode.PerPersonPerTimeUnit, ProductChargingMode.PerTimeUnit), (breakfast.ChargingMode, parking.ChargingMode));
        Assert.NotEqual(12.34m, parking.Price);
        await CatalogueAsync(("BFST", "Breakfast buffet", null), ("PARK", "Garage parking", 12.34m));
        var persons = await PersonsAsync();

        var offers = await Desk.GetOffersAsync(_property.Id, DeskWindow.Arrivals(_today), ReservationId, explain: false, cancellationToken: Ct);

        Assert.NotNull(offers);
        Assert.Equal(3, offers.Reservation.NightCount);
        Assert.Equal(persons, offers.Reservation.Persons);
        Assert.Collection(offers.AddOns,
            b =>
            {
                Assert.Equal((breakfast.MewsId.ToString(), "Breakfast buffet", "BFST"), (b.ProductId, b.DisplayName, b.ProductCode));
                Assert.Equal((breakfast.Price!.Value, false, persons * 3), (b.UnitPrice, b.PriceOverridden, b.Count));
                Assert.Equal(Math.Round(breakfast.Price.Value * persons * 3, 2), b.TotalAmount);
                Assert.Equal(breakfast.AccountingCategory!.Code, b.AccountingCategoryCode);
            },
            p =>
            {
                Assert.Equal(parking.MewsId.ToString(), p.ProductId);
                Assert.Equal((12.34m, true, 3, 37.02m), (p.UnitPrice, p.PriceOverridden, p.Count, p.TotalAmount));
            });
        Assert.Equal(offers.AddOns[0].OfferId, (await Desk.GetOffersAsync(_property.Id, DeskWindow.Arrivals(_today), ReservationId, explain: false, cancellationToken: Ct))!.AddOns[0].OfferId);

        // The agent sells breakfast: posted to the reservation in Mews, then Refresh.
        var items = await _harness.Get<IMewsGateway>().AddReservationProductAsync(new ReservationProductAddition
        {
            ReservationId = ReservationId,
            ProductId = breakfast.MewsId!.Value.ToString(),
            Count = 1,
        }, Ct);
        Assert.NotEmpty(items);
        var board = await Desk.GetBoardAsync(_property.Id, DeskWindow.Arrivals(_today), refresh: true, Ct);
        var row = Assert.Single(board!.Rows, r => r.Reservation.ReservationId == ReservationId);
        Assert.Contains(breakfast.MewsId!.Value, row.Reservation.Products);

        var after = await Desk.GetOffersAsync(_property.Id, DeskWindow.Arrivals(_today), ReservationId, explain: false, cancellationToken: Ct);

        var left = Assert.Single(after!.AddOns);
        Assert.Equal("PARK", left.ProductCode);
        var why = Assert.Single(after.AddOnsNotOffered);
        Assert.Equal(("Breakfast buffet", "The reservation already has it."), (why.DisplayName, why.Reason));
        Assert.Equal(after.Offers.Count + 1, row.OfferCount);
    }

    [Fact]
    public async Task Offers_InactiveProductOrUnknownPrice_NotOffered_AndSaysWhy_OnceCountsOne_PerPersonCountsPersons()
    {
        await CatalogueAsync(("PARK", "Parking", null), ("BFST", "Breakfast", null), ("LCO", "Late check-out", null), ("CHMP", "Champagne", 30m), ("TEA", "Tea", null));
        await using (var db = await _harness.Db.CreateDbContextAsync(Ct))
        {
            var products = await db.Products.Where(p => p.PropertyId == _property.Id && (p.Code == "PARK" || p.Code == "BFST")).ToListAsync(Ct);
            products.Single(p => p.Code == "PARK").IsActive = false;
            products.Single(p => p.Code == "BFST").Price = null;
            await db.SaveChangesAsync(Ct);
        }
        var persons = await PersonsAsync();
        var tea = await ProductAsync("TEA");

        var offers = await Desk.GetOffersAsync(_property.Id, DeskWindow.Arrivals(_today), ReservationId, explain: true, cancellationToken: Ct);

        Assert.NotNull(offers);
        var lateCheckOut = await ProductAsync("LCO");
        Assert.Equal(["LCO", "CHMP", "TEA"], offers.AddOns.Select(a => a.ProductCode));
        Assert.Equal((ProductChargingMode.Once, 1, lateCheckOut.Price!.Value), (offers.AddOns[0].ChargingMode, offers.AddOns[0].Count, offers.AddOns[0].TotalAmount));
        Assert.Equal((ProductChargingMode.Once, 1, 30m), (offers.AddOns[1].ChargingMode, offers.AddOns[1].Count, offers.AddOns[1].TotalAmount));
        var teaOffer = offers.AddOns.Single(a => a.ProductCode == "TEA");
        Assert.Equal((persons, Math.Round(tea.Price!.Value * persons, 2)), (teaOffer.Count, teaOffer.TotalAmount));
        Assert.Collection(offers.AddOnsNotOffered,
            p => Assert.Equal(("PARK", "The product is inactive in Mews."), (p.ProductCode, p.Reason)),
            b => Assert.Equal(("BFST", "Its price is unknown: Mews has no price for the product and the catalogue has no price override."), (b.ProductCode, b.Reason)));
    }
}
