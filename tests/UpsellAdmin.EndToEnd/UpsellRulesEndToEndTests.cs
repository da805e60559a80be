using Microsoft.Playwright;
using UpsellAdmin.Web.Components;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd;

/// <summary>The Upsell Rules screens in Chromium over the real app and its demo data, as a revenue manager and the front desk.</summary>
[Trait("Category", "E2E")]
public sealed class UpsellRulesEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Rows = "tbody.mud-table-body tr.mud-table-row";

    /// <summary>Opens the MudSelect whose input carries <paramref name="testId"/>, picks its first entry and returns that entry's code.</summary>
    private static async Task<string> ChooseFirstAsync(IPage page, string testId)
    {
        await page.Locator($"[data-testid={testId}]").Locator("xpath=ancestor::div[contains(@class,'mud-select')][1]").ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item").First;
        var text = (await item.InnerTextAsync()).Trim();
        await item.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        return text.Split(" - ")[0];
    }

    private static async Task SearchByCodeAsync(IPage page, string code)
    {
        await page.FillAsync("[data-testid=criteria-code]", code);
        await page.ClickAsync("[data-testid=search]");
    }

    [Fact]
    public async Task RevenueManager_CreatesFindsEditsAndDeletesARule()
    {
        var (page, consoleErrors) = await app.LogInAsync("revenue@demo.local");
        await Expect(page.Locator(Rows).First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=user-role]")).ToHaveTextAsync("Revenue Manager");
        await AppFixture.ScreenshotAsync(page, "upsell-rules");

        // New
        await page.ClickAsync("[data-testid=new-rule]");
        await Expect(page.Locator("[data-testid=form-title]")).ToHaveTextAsync("Upsell Rules - New");
        await page.FillAsync("[data-testid=field-code]", "E2E-UP1");
        await page.FillAsync("[data-testid=field-description]", "E2E upgrade rule");
        await page.FillAsync("[data-testid=field-amount]", "12.50");
        await page.Locator("[data-testid=field-amount]").BlurAsync();
        var from = await ChooseFirstAsync(page, "field-from");
        var to = await ChooseFirstAsync(page, "field-to");
        await AppFixture.ScreenshotAsync(page, "upsell-rule-new");
        await page.ClickAsync("[data-testid=save]");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Rule E2E-UP1 saved.");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.EndsWith(PageUrls.UpsellRules, StringComparison.Ordinal));

        // Find it with the criteria
        await SearchByCodeAsync(page, "E2E-UP1");
        await Expect(page.Locator(Rows)).ToHaveCountAsync(1);
        await Expect(page.Locator(Rows).First).ToContainTextAsync("E2E upgrade rule");
        await Expect(page.Locator(Rows).First.Locator("td").Nth(3)).ToHaveTextAsync(from);
        await Expect(page.Locator(Rows).First.Locator("td").Nth(4)).ToHaveTextAsync(to);

        // Edit it
        await page.Locator(Rows).First.Locator("[data-testid=rule-code]").ClickAsync();
        await Expect(page.Locator("[data-testid=form-title]")).ToHaveTextAsync("Upsell Rules - Edit");
        await Expect(page.Locator("[data-testid=field-code]")).ToHaveValueAsync("E2E-UP1");
        await page.FillAsync("[data-testid=field-description]", "E2E edited description");
        await page.ClickAsync("[data-testid=save]");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Rule E2E-UP1 saved." }).Last).ToBeVisibleAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.EndsWith(PageUrls.UpsellRules, StringComparison.Ordinal));
        await SearchByCodeAsync(page, "E2E-UP1");
        await Expect(page.Locator(Rows).First).ToContainTextAsync("E2E edited description");

        // Delete it
        await page.Locator(Rows).First.Locator("td").Nth(2).ClickAsync();
        await Expect(page.Locator("[data-testid=selection-count]")).ToHaveTextAsync("1 of 1 selected");
        await page.ClickAsync("[data-testid=delete-rules]");
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync("E2E-UP1");
        await AppFixture.ScreenshotAsync(page, "upsell-rules-delete");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete rule" }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Deleted 1 upsell rule." })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=empty-state]")).ToBeVisibleAsync();

        // The configuration screen of the same property, as an editor sees it.
        await page.ClickAsync("a[href='/upsell-configuration']");
        await Expect(page.Locator("[data-testid=config-save]")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "upsell-configuration");

        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task FrontDesk_FindsNoWayToChangeARule()
    {
        var (page, consoleErrors) = await app.LogInAsync("frontdesk@demo.local");
        await Expect(page.Locator(Rows).First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=user-role]")).ToContainTextAsync("Front Desk");

        foreach (var name in new[] { "New", "Edit", "Delete", "Copy" })
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToHaveCountAsync(0);
        }

        // Opening a rule shows it read-only, with no Save.
        await page.Locator(Rows).First.Locator("[data-testid=rule-code]").ClickAsync();
        await Expect(page.Locator("[data-testid=form-title]")).ToHaveTextAsync("Upsell Rules - View");
        await Expect(page.Locator("[data-testid=read-only]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=field-code]")).ToHaveAttributeAsync("readonly", "");
        await Expect(page.Locator("[data-testid=save]")).ToHaveCountAsync(0);

        // Nor by typing the New address.
        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellRuleNewFor(1));
        await Expect(page.Locator("[data-testid=read-only]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=save]")).ToHaveCountAsync(0);

        // The configuration is read-only too.
        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellConfiguration);
        await Expect(page.Locator("[data-testid=level-row]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=config-save]")).ToHaveCountAsync(0);
        await AppFixture.ScreenshotAsync(page, "upsell-configuration-frontdesk");

        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task Login_WrongPassword_SaysSoPlainly_AndUnauthenticatedPagesGoToLogin()
    {
        var context = await app.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellConfiguration);
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        await page.FillAsync("[data-testid=login-email]", "revenue@demo.local");
        await page.FillAsync("[data-testid=login-password]", "not-the-password");
        await page.ClickAsync("[data-testid=login-submit]");

        await Expect(page.Locator("[data-testid=login-error]")).ToHaveTextAsync("Invalid email or password.");
    }
}
