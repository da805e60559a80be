using Microsoft.Playwright;
using UpsellAdmin.Web.Components;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.Desk;

/// <summary>Issue 12's add-ons in a real browser: a revenue manager puts a Mews product in the property's add-on
/// catalogue, and the desk offers it to today's reservation no. 500 (its own app: the catalogue is saved).</summary>
[Trait("Category", "E2E")]
public sealed class AddOnCatalogueEndToEndTests(DeskAppFixture app) : IClassFixture<DeskAppFixture>
{
    private static async Task ChooseAsync(IPage page, ILocator input, string startsWith)
    {
        await input.Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = startsWith }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RevenueManager_AddsBreakfastToTheCatalogue_AndTheDeskOffersIt()
    {
        var (page, errors) = await app.LogInAsync("revenue@demo.local", PageUrls.UpsellConfiguration);
        await ChooseAsync(page, page.Locator("[data-testid=property-picker]"), $"{app.PropertyCode} - ");
        var section = page.Locator("[data-testid=addon-catalogue]");
        await Expect(section.Locator("[data-testid=addons-empty]")).ToBeVisibleAsync();

        await section.Locator("[data-testid=addon-add]").ClickAsync();
        await ChooseAsync(page, section.Locator("[data-testid=addon-product]").First, "BFST - Breakfast");
        // The product brings its name and its accounting category.
        await Expect(section.Locator("[data-testid=addon-name]").First).ToHaveValueAsync("Breakfast");
        await Expect(section.Locator("[data-testid=addon-accounting]").First).Not.ToHaveValueAsync("");
        await section.Locator("[data-testid=addon-name]").First.FillAsync("Breakfast buffet");
        await page.ClickAsync("[data-testid=config-save]");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "saved" })).ToBeVisibleAsync();
        await Expect(section.Locator("[data-testid=addon-row]")).ToHaveCountAsync(1);
        await AppFixture.ScreenshotAsync(page, "upsell-configuration-addons");

        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellDesk);
        await ChooseAsync(page, page.Locator("[data-testid=property-picker]"), $"{app.PropertyCode} - ");
        await page.FillAsync("[data-testid=desk-search]", "500");
        var rows = page.Locator("[data-testid=desk-grid] tbody tr.mud-table-row");
        await Expect(rows).ToHaveCountAsync(1);
        await rows.First.ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        var addOn = dialog.Locator("[data-testid=desk-addon]");
        await Expect(addOn).ToHaveCountAsync(1);
        await Expect(addOn).ToContainTextAsync("Breakfast buffet");
        await Expect(dialog.Locator("[data-testid=desk-addons]")).ToHaveTextAsync("Add-ons");
        await AppFixture.ScreenshotAsync(page, "upsell-desk-addons");
        Assert.Empty(errors);
    }
}
