using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.Loyalty;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.Loyalty;

/// <summary>Loyalty in Chromium over the real app, demo mode (Mews = the in-process simulator, portfolio token).</summary>
[Trait("Category", "E2E")]
public sealed class LoyaltyEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Rows = "tbody.mud-table-body tr.mud-table-row";

    /// <summary>Opens the MudSelect whose input carries <paramref name="testId"/> and picks the entry starting with <paramref name="text"/>.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string text, bool closes = true)
    {
        await page.Locator($"[data-testid={testId}]").Locator("xpath=ancestor::div[contains(@class,'mud-select')][1]").ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(text)) });
        await item.First.ClickAsync();
        if (closes)
        {
            await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        }
    }

    private static async Task ChooseNthAsync(IPage page, string testId, int index)
    {
        await page.Locator($"[data-testid={testId}]").Locator("xpath=ancestor::div[contains(@class,'mud-select')][1]").ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await Expect(items.First).ToBeVisibleAsync();
        await (index < 0 ? items.Last : items.Nth(index)).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RevenueManager_CreatesProgramAndTier_EnrollsJohnSmith_UsesTheTierInARule()
    {
        var (page, consoleErrors) = await app.LogInAsync("revenue@demo.local", PageUrls.LoyaltyPrograms);

        // A program
        await Expect(page.Locator("[data-testid=program-name]").Filter(new() { HasText = "Platinum Club" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=chain-name]")).ToContainTextAsync("Connector API Chain");
        await page.ClickAsync("[data-testid=program-new]");
        await page.FillAsync("[data-testid=program-field-name]", "E2E Diamond Club");
        await page.FillAsync("[data-testid=program-field-code]", "E2EDC");
        await AppFixture.ScreenshotAsync(page, "loyalty-program-new");
        await page.ClickAsync("[data-testid=program-save]");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Added loyalty program E2E Diamond Club.");
        await Expect(page.Locator("[data-testid=program-name]").Filter(new() { HasText = "E2E Diamond Club" })).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "loyalty-programs");

        // A tier of it
        await page.ClickAsync("[data-testid=program-tiers-E2EDC]");
        await Expect(page.Locator("[data-testid=empty-state]")).ToContainTextAsync("This program has no tiers.");
        await page.ClickAsync("[data-testid=tier-new]");
        await page.FillAsync("[data-testid=tier-field-name]", "Diamond");
        await page.FillAsync("[data-testid=tier-field-code]", "DIA");
        await page.ClickAsync("[data-testid=tier-save]");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Added loyalty tier Diamond." })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=tier-name]")).ToHaveTextAsync(["Diamond"]);
        await AppFixture.ScreenshotAsync(page, "loyalty-tiers");

        // John Smith enrolled in it
        await page.GotoAsync(app.BaseUrl + PageUrls.LoyaltyMemberships);
        await page.Locator("[data-testid=interactive]").WaitForAsync();
        await page.ClickAsync("[data-testid=membership-new]");
        await page.FillAsync("[data-testid=membership-find-text]", "John Smith");
        await page.ClickAsync("[data-testid=membership-find]");
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("John Smith (j.smith@example.com)");
        await ChooseAsync(page, "membership-field-program", "E2E Diamond Club");
        await ChooseAsync(page, "membership-field-tier", "Diamond");
        await page.FillAsync("[data-testid=membership-field-points]", "250");
        await AppFixture.ScreenshotAsync(page, "loyalty-membership-new");
        await page.ClickAsync("[data-testid=membership-save]");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Enrolled John Smith." })).ToBeVisibleAsync();
        var johnRow = page.Locator(Rows).Filter(new() { HasText = "E2E Diamond Club" });
        await Expect(johnRow).ToContainTextAsync("John Smith");
        await Expect(johnRow).ToContainTextAsync("Diamond");
        await Expect(johnRow).ToContainTextAsync("250");
        await AppFixture.ScreenshotAsync(page, "loyalty-memberships");

        // The new tier in a rule's Membership filter
        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellRules);
        await page.Locator("[data-testid=interactive]").WaitForAsync();
        await page.ClickAsync("[data-testid=new-rule]");
        await Expect(page.Locator("[data-testid=form-title]")).ToHaveTextAsync("Upsell Rules - New");
        await page.FillAsync("[data-testid=field-code]", "E2E-LOY");
        await page.FillAsync("[data-testid=field-description]", "Diamond members upgrade");
        // Room types as the demo sync named them: the first one to the last one offered.
        await ChooseNthAsync(page, "field-from", 0);
        await ChooseNthAsync(page, "field-to", -1);
        await page.FillAsync("[data-testid=field-amount]", "10");
        await page.Locator("[data-testid=field-amount]").BlurAsync();
        await ChooseAsync(page, "field-memberships", "E2EDC/DIA", closes: false);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("[data-testid=field-memberships]")).ToHaveValueAsync("E2EDC/DIA");
        await AppFixture.ScreenshotAsync(page, "loyalty-rule-membership");
        await page.ClickAsync("[data-testid=save]");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Rule E2E-LOY saved." })).ToBeVisibleAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.EndsWith(PageUrls.UpsellRules, StringComparison.Ordinal));
        await page.FillAsync("[data-testid=criteria-code]", "E2E-LOY");
        await page.ClickAsync("[data-testid=search]");
        await Expect(page.Locator(Rows)).ToHaveCountAsync(1);
        await Expect(page.Locator(Rows).First).ToContainTextAsync("E2EDC/DIA");

        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task FrontDesk_ReadsProgramsAndTiers_LooksUpMemberships_ChangesNothing()
    {
        var (page, consoleErrors) = await app.LogInAsync("frontdesk@demo.local", PageUrls.LoyaltyPrograms);

        await Expect(page.Locator("[data-testid=program-name]").Filter(new() { HasText = "Platinum Club" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=program-new]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=program-delete]")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=program-tiers-PC01]");
        await Expect(page.Locator("[data-testid=tier-name]").First).ToHaveTextAsync("Platinum");
        await Expect(page.Locator("[data-testid=tier-new]")).ToHaveCountAsync(0);

        await page.GotoAsync(app.BaseUrl + PageUrls.LoyaltyMemberships);
        await page.Locator("[data-testid=interactive]").WaitForAsync();
        await page.FillAsync("[data-testid=membership-customer]", "Smith");
        await page.ClickAsync("[data-testid=membership-search]");
        await Expect(page.Locator("[data-testid=membership-customer-name]").Filter(new() { HasText = "John Smith" }).First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=membership-new]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=membership-edit]")).ToHaveCountAsync(0);
        await AppFixture.ScreenshotAsync(page, "loyalty-memberships-frontdesk");

        Assert.Empty(consoleErrors);
    }
}
