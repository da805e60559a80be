using Bunit;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.UpsellConfiguration;

/// <summary>The Add-on catalogue section of the Upsell Configuration page, on a fake service.</summary>
public sealed class AddOnCatalogueEditorTests : UiTestContext
{
    public AddOnCatalogueEditorTests()
    {
        Configuration.Choices = new AddOnChoices(
            [
                new AddOnProductChoice(1, "BFST", "Breakfast", 18m, "USD", ProductChargingMode.PerPersonPerTimeUnit, 10, true, true),
                new AddOnProductChoice(2, "PARK", "Parking", 25m, "USD", ProductChargingMode.PerTimeUnit, 11, true, true),
                new AddOnProductChoice(3, "SPA", "Spa day pass", 45m, "USD", ProductChargingMode.PerPerson, null, false, true),
            ],
            [new AccountingCategoryChoice(10, "200", "Food", true), new AccountingCategoryChoice(11, "400", "Parking", true)]);
        Configuration.AddOns.Add(new AddOnCatalogueItemModel { ProductId = 1, DisplayName = "Breakfast buffet", AccountingCategoryId = 10 });
        Configuration.AddOns.Add(new AddOnCatalogueItemModel { ProductId = 2, DisplayName = "Garage parking", PriceOverride = 19.5m, AccountingCategoryId = 11 });
        RenderProviders();
    }

    [Fact]
    public void Section_ShowsEachLineWithProductMewsPriceOverrideAndCategory()
    {
        var cut = Render<UpsellConfigurationPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=addon-row]").Count));
        var section = cut.Find("[data-testid=addon-catalogue]");
        Assert.Contains("Add-on catalogue", section.TextContent);
        Assert.Contains("BFST - Breakfast (18.00 USD)", section.InnerHtml);
        Assert.Contains("400 - Parking", section.InnerHtml);
        Assert.Equal(["Breakfast buffet", "Garage parking"], cut.FindAll("[data-testid=addon-name]").Select(e => e.GetAttribute("value")));
        Assert.Equal(["", "19.5"], cut.FindAll("[data-testid=addon-price]").Select(e => e.GetAttribute("value") ?? ""));
        Assert.Contains("USD", section.TextContent);
    }

    [Fact]
    public void Add_WithoutAProduct_SaveSaysChooseAProductAndDoesNotSave()
    {
        var cut = Render<UpsellConfigurationPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=addon-row]").Count));

        cut.Find("[data-testid=addon-add]").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=addon-row]").Count));
        cut.Find("[data-testid=config-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Choose a product.", cut.Find("[data-testid=addon-catalogue]").TextContent));
        Assert.Empty(Configuration.Saved);
    }

    [Fact]
    public void Remove_ThenSave_SavesTheRemainingLines()
    {
        var cut = Render<UpsellConfigurationPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=addon-row]").Count));

        cut.FindAll("[data-testid=addon-remove]")[0].Click();
        cut.Find("[data-testid=config-save]").Click();

        cut.WaitForAssertion(() => Assert.Single(Configuration.Saved));
        var saved = Assert.Single(Configuration.Saved[0].AddOns);
        Assert.Equal((2, "Garage parking", (decimal?)19.5m), (saved.ProductId!.Value, saved.DisplayName, saved.PriceOverride));
    }

    [Fact]
    public void FrontDesk_SeesTheCatalogueWithoutAddOrRemove()
    {
        SignInAs(Roles.FrontDesk);

        var cut = Render<UpsellConfigurationPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=addon-row]").Count));
        Assert.Empty(cut.FindAll("[data-testid=addon-add]"));
        Assert.Empty(cut.FindAll("[data-testid=addon-remove]"));
    }
}
