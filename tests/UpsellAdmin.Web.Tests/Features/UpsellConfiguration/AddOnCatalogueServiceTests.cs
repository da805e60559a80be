using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.UpsellConfiguration;

/// <summary>The add-on catalogue of the Upsell Configuration: saved and loaded with the rest, validated, on real SQLite.</summary>
public sealed class AddOnCatalogueServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = null!;
    private TestData.Ids _ids = null!;
    private int _breakfast;
    private int _parking;
    private int _spa;
    private int _food;
    private int _parkingCategory;
    private int _otherPropertyCategory;

    private IUpsellConfigurationService Service => _db.Get<IUpsellConfigurationService>();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync();
        _ids = await TestData.SeedAsync(_db);
        _db.CurrentUser.User = TestData.Revenue;
        await using var db = await _db.CreateDbContextAsync();
        var food = new AccountingCategory { PropertyId = _ids.Tst, Code = "FOOD", Name = "Food", MewsId = Guid.NewGuid() };
        var parking = new AccountingCategory { PropertyId = _ids.Tst, Code = "PARK", Name = "Parking", MewsId = Guid.NewGuid() };
        var other = new AccountingCategory { PropertyId = _ids.Oth, Code = "FOOD", Name = "Food", MewsId = Guid.NewGuid() };
        db.AccountingCategories.AddRange(food, parking, other);
        await db.SaveChangesAsync(Ct);
        var breakfast = Product("BFST", "Breakfast", 18m, ProductChargingMode.PerPersonPerTimeUnit, food.Id, accommodation: true);
        var park = Product("PARK", "Parking", 25m, ProductChargingMode.PerTimeUnit, parking.Id, accommodation: true);
        var spa = Product("SPA", "Spa day pass", 45m, ProductChargingMode.PerPerson, null, accommodation: false);
        db.Products.AddRange(breakfast, park, spa);
        await db.SaveChangesAsync(Ct);
        (_breakfast, _parking, _spa, _food, _parkingCategory, _otherPropertyCategory) = (breakfast.Id, park.Id, spa.Id, food.Id, parking.Id, other.Id);
    }

    private Product Product(string code, string name, decimal price, ProductChargingMode mode, int? category, bool accommodation) => new()
    {
        PropertyId = _ids.Tst, Code = code, Name = name, MewsId = Guid.NewGuid(), Price = price, CurrencyCode = "USD",
        ChargingMode = mode, AccountingCategoryId = category, IsAccommodation = accommodation,
    };

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task SaveAsync_Catalogue_IsSavedWithTheSettings_InOrder_AndACategoryDefaultsToTheProducts()
    {
        var model = (await Service.GetAsync(_ids.Tst, Ct))!;
        Assert.Empty(model.AddOns);
        model.MaximumNumberOfOffers = 4;
        model.AddOns =
        [
            new() { ProductId = _parking, DisplayName = "  Parking in the garage ", PriceOverride = 19.5m, AccountingCategoryId = _food },
            new() { ProductId = _breakfast, DisplayName = "Breakfast buffet" },
        ];

        var result = await Service.SaveAsync(model, Ct);

        Assert.Equal(SaveStatus.Saved, result.Status);
        var loaded = (await Service.GetAsync(_ids.Tst, Ct))!;
        Assert.Equal(4, loaded.MaximumNumberOfOffers);
        Assert.Equal(result.Version, loaded.Version);
        Assert.Collection(loaded.AddOns,
            a => Assert.Equal((_parking, "Parking in the garage", 19.5m, (int?)_food), (a.ProductId!.Value, a.DisplayName, a.PriceOverride, a.AccountingCategoryId)),
            b => Assert.Equal((_breakfast, "Breakfast buffet", (decimal?)null, (int?)_food), (b.ProductId!.Value, b.DisplayName, b.PriceOverride, b.AccountingCategoryId)));
        await using var db = await _db.CreateDbContextAsync();
        Assert.Equal([1, 2], await db.AddOnCatalogue.Where(x => x.PropertyId == _ids.Tst).OrderBy(x => x.DisplaySequence).Select(x => x.DisplaySequence).ToListAsync(Ct));

        // Saving again replaces the catalogue (a removed line is gone).
        loaded.AddOns.RemoveAt(0);
        Assert.Equal(SaveStatus.Saved, (await Service.SaveAsync(loaded, Ct)).Status);
        Assert.Equal([_breakfast], (await Service.GetAsync(_ids.Tst, Ct))!.AddOns.Select(a => a.ProductId!.Value));
    }

    [Fact]
    public async Task SaveAsync_InvalidCatalogue_SaysWhatIsWrongPerLine_AndSavesNothing()
    {
        var model = (await Service.GetAsync(_ids.Tst, Ct))!;
        model.MaximumNumberOfOffers = 7;
        model.AddOns =
        [
            new() { ProductId = null, DisplayName = "No product" },
            new() { ProductId = _breakfast, DisplayName = new string('x', 61), PriceOverride = 100_000.01m },
            new() { ProductId = _parking, DisplayName = " ", PriceOverride = 12.345m, AccountingCategoryId = _otherPropertyCategory },
            new() { ProductId = _breakfast, DisplayName = "Breakfast again", PriceOverride = -1m },
            new() { ProductId = _spa, DisplayName = "Spa" },
            new() { ProductId = 987_654, DisplayName = "Gone" },
        ];

        var result = await Service.SaveAsync(model, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        var byField = result.Errors.ToLookup(e => e.Field, e => e.Message);
        Assert.Contains("Choose a product.", byField["AddOns[0].ProductId"]);
        Assert.Contains("Display name can be at most 60 characters (it has 61).", byField["AddOns[1].DisplayName"]);
        Assert.Contains("Price override must be between 0 and 100,000 (leave it empty for the Mews price).", byField["AddOns[1].PriceOverride"]);
        Assert.Contains("Display name is required.", byField["AddOns[2].DisplayName"]);
        Assert.Contains("Price override can have at most 2 decimals.", byField["AddOns[2].PriceOverride"]);
        Assert.Contains("This accounting category does not exist in this property (run Sync from Mews).", byField["AddOns[2].AccountingCategoryId"]);
        Assert.Contains("Price override must be between 0 and 100,000 (leave it empty for the Mews price).", byField["AddOns[3].PriceOverride"]);
        Assert.Contains("BFST is in the catalogue 2 times; keep one line.", byField["AddOns[3].ProductId"]);
        Assert.Contains("SPA is not a product of the accommodation service: Mews cannot add it to a reservation.", byField["AddOns[4].ProductId"]);
        Assert.Contains("This product does not exist in this property (run Sync from Mews).", byField["AddOns[5].ProductId"]);

        var loaded = (await Service.GetAsync(_ids.Tst, Ct))!;
        Assert.Empty(loaded.AddOns);
        Assert.Null(loaded.MaximumNumberOfOffers);
    }

    [Fact]
    public async Task SaveAsync_StaleVersion_KeepsTheOtherUsersCatalogue()
    {
        var first = (await Service.GetAsync(_ids.Tst, Ct))!;
        var second = (await Service.GetAsync(_ids.Tst, Ct))!;
        first.AddOns = [new() { ProductId = _parking, DisplayName = "Parking" }];
        Assert.Equal(SaveStatus.Saved, (await Service.SaveAsync(first, Ct)).Status);

        second.AddOns = [new() { ProductId = _breakfast, DisplayName = "Breakfast" }];
        Assert.Equal(SaveStatus.Conflict, (await Service.SaveAsync(second, Ct)).Status);

        var loaded = Assert.Single((await Service.GetAsync(_ids.Tst, Ct))!.AddOns);
        Assert.Equal((_parking, (int?)_parkingCategory), (loaded.ProductId!.Value, loaded.AccountingCategoryId));
    }

    [Fact]
    public async Task GetAddOnChoicesAsync_ListsTheProductsWithPriceAndCategory_AndNothingForAPropertyTheUserMayNotSee()
    {
        var choices = await Service.GetAddOnChoicesAsync(_ids.Tst, Ct);

        Assert.Equal(["BFST", "PARK", "SPA"], choices.Products.Select(p => p.Code));
        var breakfast = choices.Products[0];
        Assert.Equal("BFST - Breakfast (18.00 USD)", breakfast.Display);
        Assert.Equal((ProductChargingMode.PerPersonPerTimeUnit, (int?)_food, true), (breakfast.ChargingMode!.Value, breakfast.AccountingCategoryId, breakfast.IsAccommodation));
        Assert.Equal(["FOOD", "PARK"], choices.AccountingCategories.Select(a => a.Code));
        Assert.Empty((await Service.GetAddOnChoicesAsync(_ids.Oth, Ct)).Products);
    }

    /// <summary>The Upgrade accounting category (issue 13): saved and loaded with the settings; another property's
    /// category is refused with a message on the field, and nothing is saved.</summary>
    [Fact]
    public async Task SaveAsync_UpgradeAccountingCategory_IsSaved_AndAnotherPropertysIsRefused()
    {
        var model = (await Service.GetAsync(_ids.Tst, Ct))!;
        Assert.Null(model.UpgradeAccountingCategoryId);
        model.UpgradeAccountingCategoryId = _otherPropertyCategory;
        var refused = await Service.SaveAsync(model, Ct);
        Assert.Equal(SaveStatus.Invalid, refused.Status);
        Assert.Contains(refused.Errors, e => e.Field == nameof(UpsellConfigurationModel.UpgradeAccountingCategoryId) && e.Message.Contains("does not exist in this property", StringComparison.Ordinal));
        Assert.Null((await Service.GetAsync(_ids.Tst, Ct))!.UpgradeAccountingCategoryId);

        model.UpgradeAccountingCategoryId = _food;
        Assert.Equal(SaveStatus.Saved, (await Service.SaveAsync(model, Ct)).Status);
        Assert.Equal(_food, (await Service.GetAsync(_ids.Tst, Ct))!.UpgradeAccountingCategoryId);
    }
}
