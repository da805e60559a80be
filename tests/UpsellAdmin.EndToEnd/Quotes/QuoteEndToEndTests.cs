using Microsoft.Playwright;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.Quotes;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.Quotes;

/// <summary>The Upsell Quote page and the rule Test dialog in a real browser over the real app and demo data.</summary>
[Trait("Category", "E2E")]
public sealed class QuoteEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task FrontDesk_RunsAQuote_SeesAnOffer()
    {
        var (page, errors) = await app.LogInAsync("frontdesk@demo.local", PageUrls.UpsellQuote);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upsell Quote" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=stay-room-type]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=quote-button]");

        var rows = page.Locator("[data-testid=offer-row]");
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(rows.First.Locator("[data-testid=offer-rule]")).Not.ToBeEmptyAsync();
        await Expect(rows.First.Locator("[data-testid=offer-total-upsell]")).ToContainTextAsync("+");

        await rows.First.Locator("[data-testid=offer-nights-toggle]").ClickAsync();
        await Expect(page.Locator("[data-testid=offer-nights]")).ToBeVisibleAsync();

        await page.Locator("[data-testid=why-not]").ClickAsync();
        await Expect(page.Locator("[data-testid=reason-item]").First).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "quote-page");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task RevenueManager_OpensARule_PressesTest_SeesTheOffer()
    {
        // A rule that surely offers something: the one behind the first offer of a default quote.
        var (page, errors) = await app.LogInAsync("revenue@demo.local", PageUrls.UpsellQuote);
        await page.ClickAsync("[data-testid=quote-button]");
        var ruleCode = (await page.Locator("[data-testid=offer-row] [data-testid=offer-rule]").First.InnerTextAsync()).Trim();

        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellRules);
        await page.Locator("[data-testid=interactive]").WaitForAsync();
        var code = page.Locator("[data-testid=criteria-code]");
        await code.FillAsync(ruleCode);
        await code.PressAsync("Enter");
        await page.Locator("[data-testid=rule-code]", new() { HasTextString = ruleCode }).First.ClickAsync();
        await Expect(page.Locator("[data-testid=form-title]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=rule-test-button]").ClickAsync();

        // MudDialog puts the test id on its content; its title and actions are siblings, so look at the page.
        var dialog = page.Locator(".mud-dialog");
        await Expect(page.Locator("[data-testid=rule-test-dialog]")).ToBeVisibleAsync();
        await Expect(dialog.Locator("[data-testid=rule-test-night]").First).ToBeVisibleAsync();
        await dialog.Locator("[data-testid=rule-test-run]").ClickAsync();

        await Expect(dialog.Locator("[data-testid=rule-test-result]")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "rule-test-dialog");
        await Expect(dialog.Locator("[data-testid=offer-row]").First).ToBeVisibleAsync();
        await Expect(dialog.Locator("[data-testid=offer-rule]").First).ToHaveTextAsync(ruleCode);
        Assert.Empty(errors);
    }
}
