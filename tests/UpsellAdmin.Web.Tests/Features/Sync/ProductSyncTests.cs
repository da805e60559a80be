using Microsoft.EntityFrameworkCore;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Tests.Features.Sync;

/// <summary>Products carry what the add-on catalogue and the desk need: charging mode, accounting category, service.</summary>
public sealed class ProductSyncTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sync_Products_GetTheirChargingModeAccountingCategoryAndWhetherTheyAreAccommodation()
    {
        await using var h = await SyncHarness.StartAsync(new Dictionary<string, string?> { ["Sync:PriceDays"] = "2" }, Ct);
        Assert.Empty((await h.SyncAsync(Ct)).Errors);

        await using var db = await h.Db.CreateDbContextAsync(Ct);
        var prague = await db.Properties.AsNoTracking().SingleAsync(p => p.MewsEnterpriseId == DemoIds.EnterpriseA, Ct);
        var products = await db.Products.AsNoTracking().Include(p => p.AccountingCategory)
            .Where(p => p.PropertyId == prague.Id).ToDictionaryAsync(p => p.Code, Ct);

        var breakfast = products["BFST"];
        Assert.Equal(DemoIds.BreakfastProductA, breakfast.MewsId);
        Assert.Equal((ProductChargingMode.PerPersonPerTimeUnit, true, "200", "Food"),
            (breakfast.ChargingMode, breakfast.IsAccommodation, breakfast.AccountingCategory?.Code, breakfast.AccountingCategory?.Name));
        Assert.Equal((ProductChargingMode.PerTimeUnit, true, "Parking"),
            (products["PARK"].ChargingMode, products["PARK"].IsAccommodation, products["PARK"].AccountingCategory?.Name));
        Assert.Equal((ProductChargingMode.PerPerson, false, "Food"),
            (products["TEA"].ChargingMode, products["TEA"].IsAccommodation, products["TEA"].AccountingCategory?.Name));
        Assert.Equal((ProductChargingMode.Once, false, "Wellness"),
            (products["MSG60"].ChargingMode, products["MSG60"].IsAccommodation, products["MSG60"].AccountingCategory?.Name));
        // The accounting category is the property's own row, not another property's with the same code.
        Assert.Equal(prague.Id, breakfast.AccountingCategory!.PropertyId);
    }
}
