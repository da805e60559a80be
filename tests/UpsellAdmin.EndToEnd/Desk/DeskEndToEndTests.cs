using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.UpsellRules;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.Desk;

/// <summary>
/// The real app in demo mode (the simulator's chain synced at start) plus one plain rule at the demo property A:
/// Standard Double → Superior Double, flat 20, with A's room hierarchy cleared — so the only thing that can stop that
/// offer is availability. The simulator fills Superior Double on the third night of today's reservation no. 500.
/// </summary>
public sealed class DeskAppFixture : AppFixture
{
    public string PropertyCode { get; private set; } = "";
    public string FullRoomType { get; private set; } = "";

    protected override async Task SeedAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        var property = await db.Properties.SingleAsync(p => p.MewsEnterpriseId == DemoIds.EnterpriseA);
        PropertyCode = property.Code;
        var from = await db.RoomTypes.Where(t => t.PropertyId == property.Id && t.MewsId == DemoIds.StandardDoubleA).Select(t => t.Code).SingleAsync();
        FullRoomType = await db.RoomTypes.Where(t => t.PropertyId == property.Id && t.MewsId == DemoIds.SuperiorDoubleA).Select(t => t.Code).SingleAsync();
        await db.RoomHierarchy.Where(h => h.PropertyId == property.Id).ExecuteDeleteAsync();
        var rule = new UpsellRule { PropertyId = property.Id, CreatedUtc = DateTimeOffset.UtcNow, UpdatedUtc = DateTimeOffset.UtcNow };
        rule.Apply(new UpsellRuleDefinition
        {
            Code = "DESKSUP",
            Description = "Desk test upgrade",
            UpsellByRoomType = true,
            From = from,
            To = FullRoomType,
            Formula = UpsellFormula.FlatAmountAddedToOriginalRate,
            UpsellAmount = 20m,
            CurrencyCode = property.CurrencyCode,
            RoundingRule = RoundingRule.None,
        });
        db.UpsellRules.Add(rule);
        await db.SaveChangesAsync();
    }
}

/// <summary>The Upsell Desk in a real browser over the real app and the simulator's arrivals.</summary>
[Trait("Category", "E2E")]
public sealed class DeskEndToEndTests(DeskAppFixture app) : IClassFixture<DeskAppFixture>
{
    private static async Task ChoosePropertyAsync(IPage page, string code)
    {
        await page.Locator("[data-testid=property-picker]").Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = $"{code} - " }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task FrontDesk_OpensTodaysArrivals_SeesOffersPerNight_AndTheFullRoomTypeIsNotOffered()
    {
        var (page, errors) = await app.LogInAsync("frontdesk@demo.local", PageUrls.UpsellDesk);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upsell Desk" })).ToBeVisibleAsync();
        await ChoosePropertyAsync(page, app.PropertyCode);

        // Today's arrivals with the guests' names from Mews.
        await Expect(page.Locator("[data-testid=desk-read-at]")).ToContainTextAsync($"arrivals read from Mews for {app.PropertyCode} ");
        var rows = page.Locator("[data-testid=desk-grid] tbody tr.mud-table-row");
        await Expect(rows.First).ToBeVisibleAsync();
        Assert.InRange(await rows.CountAsync(), 10, 25);
        await page.SetViewportSizeAsync(1366, 768);
        await AppFixture.ScreenshotAsync(page, "upsell-desk");

        // Search by reservation number, then open its offers.
        await page.FillAsync("[data-testid=desk-search]", "500");
        var row = rows.Filter(new() { HasText = "500" }).First;
        await Expect(rows).ToHaveCountAsync(1);
        var guest = (await row.Locator("[data-testid=desk-guest]").InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrWhiteSpace(guest));
        await row.ClickAsync();

        await Expect(page.Locator("[data-testid=desk-offers-dialog]")).ToBeVisibleAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.Locator("[data-testid=desk-offers-stay]")).ToContainTextAsync("3 nights");
        var offers = dialog.Locator("[data-testid=desk-offer]");
        await Expect(offers.First).ToBeVisibleAsync();
        await Expect(offers.First.Locator("[data-testid=desk-offer-night]")).ToHaveCountAsync(3);
        await Expect(offers.First.Locator("[data-testid=desk-free-rooms]").First).Not.ToHaveTextAsync("0");
        // The rule's target is full on one night: not offered.
        await Expect(dialog.Locator($"[data-testid=desk-offer][data-room-type={app.FullRoomType}]")).ToHaveCountAsync(0);

        await dialog.Locator("[data-testid=desk-why-not]").ClickAsync();
        var why = dialog.Locator("[data-testid=reason-item][data-rule=DESKSUP]");
        await Expect(why).ToContainTextAsync($"No free {app.FullRoomType} room on");
        await Expect(why).ToContainTextAsync("(0 free, at least 1 needed)");
        await AppFixture.ScreenshotAsync(page, "upsell-desk-offers");
        await page.SetViewportSizeAsync(1920, 1080);
        await AppFixture.ScreenshotAsync(page, "upsell-desk-offers-1920");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task FrontDesk_InHouse_ShowsOnlyCheckedInGuests()
    {
        var (page, errors) = await app.LogInAsync("frontdesk@demo.local", PageUrls.UpsellDesk);
        await ChoosePropertyAsync(page, app.PropertyCode);
        await Expect(page.Locator("[data-testid=desk-read-at]")).ToContainTextAsync($"arrivals read from Mews for {app.PropertyCode} ");
        await page.Locator("[data-testid=desk-in-house]").ClickAsync();
        await Expect(page.Locator("[data-testid=desk-read-at]")).ToContainTextAsync($"in house, read from Mews for {app.PropertyCode} ");

        var rows = page.Locator("[data-testid=desk-grid] tbody tr.mud-table-row");
        await Expect(rows.First).ToBeVisibleAsync();
        foreach (var state in await rows.Locator("td:nth-child(9)").AllInnerTextsAsync())
        {
            Assert.Equal("Started", state.Trim());
        }
        Assert.Empty(errors);
    }

    /// <summary>Issue 12's add-ons: a revenue manager puts a Mews product in A's add-on catalogue and the desk offers it
    /// to today's reservation no. 500 (under Add-ons; the upgrades above are unchanged, so the other tests here are not
    /// affected whichever runs first).</summary>
    [Fact]
    public async Task RevenueManager_AddsBreakfastToTheCatalogue_AndTheDeskOffersIt()
    {
        var (page, errors) = await app.LogInAsync("revenue@demo.local", PageUrls.UpsellConfiguration);
        await ChoosePropertyAsync(page, app.PropertyCode);
        // The page reloads its model for the chosen property: an add-on row added before that reload would vanish.
        await Expect(page.Locator("[data-testid=config-property]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{app.PropertyCode} - "));
        var section = page.Locator("[data-testid=addon-catalogue]");
        await Expect(section.Locator("[data-testid=addons-empty]")).ToBeVisibleAsync();

        await section.Locator("[data-testid=addon-add]").ClickAsync();
        await section.Locator("[data-testid=addon-product]").First.Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "BFST - Breakfast" }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        // The product brings its name and its accounting category.
        await Expect(section.Locator("[data-testid=addon-name]").First).ToHaveValueAsync("Breakfast");
        await Expect(section.Locator("[data-testid=addon-accounting]").First).Not.ToHaveValueAsync("");
        await section.Locator("[data-testid=addon-name]").First.FillAsync("Breakfast buffet");
        await page.ClickAsync("[data-testid=config-save]");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "saved" })).ToBeVisibleAsync();
        await Expect(section.Locator("[data-testid=addon-row]")).ToHaveCountAsync(1);
        await AppFixture.ScreenshotAsync(page, "upsell-configuration-addons");

        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellDesk);
        await ChoosePropertyAsync(page, app.PropertyCode);
        await Expect(page.Locator("[data-testid=desk-read-at]")).ToContainTextAsync($"arrivals read from Mews for {app.PropertyCode} ");
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
