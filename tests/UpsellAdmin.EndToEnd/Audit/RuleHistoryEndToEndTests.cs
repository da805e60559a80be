using Microsoft.Playwright;
using UpsellAdmin.Web.Components;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.Audit;

/// <summary>The audit trail in Chromium: a rule's History tab (diff, restore) and the Administrator's Audit page.</summary>
[Trait("Category", "E2E")]
public sealed class RuleHistoryEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Rows = "tbody.mud-table-body tr.mud-table-row";

    private static async Task SaveDescriptionAsync(IPage page, string description, string? current = null)
    {
        // The form fills its fields when the rule has loaded: typing before that is overwritten by the load, and the
        // save then changes nothing (and records nothing).
        await Expect(page.Locator("[data-testid=field-description]")).ToHaveValueAsync(
            current is null ? new System.Text.RegularExpressions.Regex(".") : new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(current) + "$"));
        await page.FillAsync("[data-testid=field-description]", description);
        await page.ClickAsync("[data-testid=save]");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "saved." }).Last).ToBeVisibleAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.EndsWith(PageUrls.UpsellRules, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Administrator_EditsARuleTwice_SeesTheDiffInHistory_RestoresTheFirstEdit_AndFindsItOnTheAuditPage()
    {
        var (page, consoleErrors) = await app.LogInAsync("admin@demo.local");
        var first = page.Locator(Rows).First;
        await Expect(first).ToBeVisibleAsync();
        var editUrl = await first.Locator("[data-testid=rule-code]").GetAttributeAsync("href");
        var code = (await first.Locator("[data-testid=rule-code]").InnerTextAsync()).Trim();

        await page.GotoAsync(app.BaseUrl + editUrl);
        await SaveDescriptionAsync(page, "Audit E2E first edit");
        await page.GotoAsync(app.BaseUrl + editUrl);
        await SaveDescriptionAsync(page, "Audit E2E second edit", current: "Audit E2E first edit");

        // History: newest first, the field in the form's label, before → after.
        await page.GotoAsync(app.BaseUrl + editUrl);
        await page.Locator(".mud-tab").Filter(new() { HasText = "History" }).ClickAsync();
        var versions = page.Locator("[data-testid=history-version]");
        await Expect(versions).ToHaveCountAsync(2);
        await Expect(versions.First).ToContainTextAsync("Current version");
        await Expect(versions.First).ToContainTextAsync("admin@demo.local");
        var change = versions.First.Locator("[data-testid=history-change]");
        await Expect(change).ToHaveCountAsync(1);
        await Expect(change.Locator("td").Nth(0)).ToHaveTextAsync("Rule Description");
        await Expect(change.Locator("td").Nth(1)).ToHaveTextAsync("Audit E2E first edit");
        await Expect(change.Locator("td").Nth(2)).ToHaveTextAsync("Audit E2E second edit");
        await page.SetViewportSizeAsync(1366, 768);
        await AppFixture.ScreenshotAsync(page, "rule-history-1366");
        await page.SetViewportSizeAsync(1920, 1080);
        await AppFixture.ScreenshotAsync(page, "rule-history-1920");

        // Restore the first edit (confirm), and the rule is back with a Restored entry on top.
        await versions.Nth(1).Locator("[data-testid=history-restore]").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync("Restore this version?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Restored the version of" })).ToBeVisibleAsync();
        await Expect(versions).ToHaveCountAsync(3);
        await Expect(versions.First.Locator("[data-testid=history-action]")).ToHaveTextAsync("Restored");
        await Expect(versions.First).ToContainTextAsync("Current version");
        await page.Locator(".mud-tab").Filter(new() { HasText = "Rule" }).First.ClickAsync();
        await Expect(page.Locator("[data-testid=field-description]")).ToHaveValueAsync("Audit E2E first edit");

        // The Audit page: the rule's three entries under Upsell rule, one opened to its before and after.
        await page.GotoAsync(app.BaseUrl + PageUrls.AdminAudit);
        await page.Locator("[data-testid=audit-entity]").Locator("xpath=ancestor::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Upsell rule" }).ClickAsync();
        await page.ClickAsync("[data-testid=audit-search]");
        var rows = page.Locator("[data-testid=audit-grid] " + Rows);
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.First).ToContainTextAsync($"Rule {code} restored");
        await rows.Nth(1).Locator("button").First.ClickAsync();
        await Expect(page.Locator("[data-testid=audit-change]").First).ToContainTextAsync("Rule Description");
        await page.SetViewportSizeAsync(1366, 768);
        await AppFixture.ScreenshotAsync(page, "audit-page-1366");
        await page.SetViewportSizeAsync(1920, 1080);
        await AppFixture.ScreenshotAsync(page, "audit-page-1920");

        Assert.Empty(consoleErrors);
    }
}
