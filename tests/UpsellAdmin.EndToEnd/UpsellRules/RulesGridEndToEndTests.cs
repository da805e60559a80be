using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UpsellAdmin.Web.Components;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.UpsellRules;

/// <summary>
/// Issue 15, "Seeing the work": the Upsell Rules grid on a 1366×768 laptop — Code and Description pinned, the amount
/// shown, columns chosen per user (and following the user to another browser), 12+ rows on screen, back to the same
/// page and filters with the saved rule highlighted — and the Test dialog's result on screen without scrolling.
/// </summary>
[Trait("Category", "E2E")]
public sealed class RulesGridEndToEndTests(RulesGridAppFixture app) : IClassFixture<RulesGridAppFixture>
{
    private const string Rows = "tbody.mud-table-body tr.mud-table-row";
    private const int LaptopWidth = 1366, LaptopHeight = 768;

    private async Task<(IPage Page, List<string> Errors)> OnLaptopAsync(string email, string path = PageUrls.UpsellRules)
    {
        var (page, errors) = await app.LogInAsync(email, path);
        await page.SetViewportSizeAsync(LaptopWidth, LaptopHeight);
        return (page, errors);
    }

    private static async Task SearchAsync(IPage page, string text, int expectedCount = RulesGridAppFixture.Count)
    {
        await Expect(page.Locator(Rows).First).ToBeVisibleAsync(); // the unfiltered list first, so the search's answer is what we see next
        await page.FillAsync("[data-testid=criteria-code]", text);
        await page.ClickAsync("[data-testid=search]");
        await Expect(page.Locator("[data-testid=selection-count]")).ToHaveTextAsync($"{expectedCount} rule{(expectedCount == 1 ? "" : "s")} found");
        await Expect(page.Locator(Rows).First.Locator("[data-testid=rule-code]")).ToContainTextAsync(text);
    }

    private static async Task<string[]> HeadersAsync(IPage page) =>
        (await page.Locator(".rules-grid thead th").AllInnerTextsAsync()).Select(t => t.Trim()).Where(t => t.Length > 0).ToArray();

    /// <summary>The grid's titled headers (the selection column has none).</summary>
    private static ILocator TitledHeaders(IPage page) =>
        page.Locator(".rules-grid thead th").Filter(new() { HasTextRegex = new Regex(@"\S") });

    /// <summary>Expects the grid's headers to be <paramref name="expected"/>, in order (Playwright retries: a column
    /// change re-renders the grid).</summary>
    private static Task ExpectHeadersAsync(IPage page, string[] expected) =>
        Expect(TitledHeaders(page)).ToHaveTextAsync(expected);

    private static async Task ChooseNthPropertyAsync(IPage page, int index)
    {
        await page.Locator("[data-testid=property-picker]").Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]").ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await Expect(items.First).ToBeVisibleAsync();
        await items.Nth(index).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static Task<string> PropertyShownAsync(IPage page) =>
        page.Locator("[data-testid=criteria-property]").Locator("xpath=ancestor-or-self::div[contains(@class,'mud-input-control')][1]").Locator("input").First.InputValueAsync();

    private static async Task ShotAsync(IPage page, string name)
    {
        if (AppFixture.ScreenshotFolder is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") }); // the viewport, as the person sees it
        }
    }

    [Fact]
    public async Task Laptop_ScrollsTheGridSideways_CodeAndDescriptionStay_AndTheAmountShows()
    {
        var (page, errors) = await OnLaptopAsync("revenue@demo.local");
        await SearchAsync(page, RulesGridAppFixture.Prefix);
        await Expect(page.Locator(".rules-grid thead th", new() { HasTextString = "Upsell Amount" })).ToBeVisibleAsync();
        var firstRow = page.Locator(Rows).First;
        await Expect(firstRow).ToContainTextAsync("11.00"); // GRID01: flat 11 in the property's currency

        var scroller = page.Locator(".rules-grid .mud-table-container");
        var scrolled = await scroller.EvaluateAsync<double>("e => { e.scrollLeft = e.scrollWidth; return e.scrollLeft; }");
        Assert.True(scrolled > 100, $"the grid should be wider than the laptop screen and scroll sideways (scrolled {scrolled}px)");
        await ShotAsync(page, "grid-1366-scrolled");

        var box = (await scroller.BoundingBoxAsync())!;
        foreach (var pinned in new[] { firstRow.Locator("[data-testid=rule-code]"), firstRow.Locator("[data-testid=rule-description]") })
        {
            await Expect(pinned).ToBeVisibleAsync();
            var cell = (await pinned.BoundingBoxAsync())!;
            Assert.True(cell.X >= box.X - 1 && cell.X + 20 <= box.X + box.Width, $"pinned cell at x={cell.X} is outside the grid's box {box.X}..{box.X + box.Width}");
            // Nothing covers it: the element at its centre is the cell's content.
            var onTop = await pinned.EvaluateAsync<bool>("e => { const r = e.getBoundingClientRect(); const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2); return e.contains(hit) || hit.contains(e); }");
            Assert.True(onTop, "a pinned cell is covered by a scrolled column");
        }
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Laptop_ShowsAtLeast12RuleRowsWithoutScrolling()
    {
        var (page, errors) = await OnLaptopAsync("revenue@demo.local");
        await SearchAsync(page, RulesGridAppFixture.Prefix);
        await Expect(page.Locator(Rows)).ToHaveCountAsync(25);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await ShotAsync(page, "grid-1366x768");

        var inView = 0;
        foreach (var row in await page.Locator(Rows).AllAsync())
        {
            var box = await row.BoundingBoxAsync();
            if (box is not null && box.Y >= 0 && box.Y + box.Height <= LaptopHeight)
            {
                inView++;
            }
        }
        Assert.True(inView >= 12, $"{inView} rule rows fit in a 1366×768 window; at least 12 should");

        await page.SetViewportSizeAsync(1920, 1080);
        await ShotAsync(page, "grid-1920x1080");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ColumnsChosenAndOrdered_AreRemembered_AcrossReloadAndAnotherBrowser()
    {
        var (page, errors) = await OnLaptopAsync("frontdesk@demo.local");
        await Expect(page.Locator(Rows).First).ToBeVisibleAsync();
        var defaults = await HeadersAsync(page);
        Assert.Contains("Type", defaults);

        await page.ClickAsync("[data-testid=columns-button]");
        await page.Locator("input[data-testid=column-show-type], [data-testid=column-show-type] input").ClickAsync();      // hide Type
        await page.ClickAsync("[data-testid=column-up-amount]");                                  // Upsell Amount before To Room Type
        await ShotAsync(page, "grid-column-chooser");
        await page.ClickAsync("[data-testid=columns-done]");
        var chosen = defaults.Where(h => h != "Type").ToList();
        (chosen[chosen.IndexOf("To Room Type")], chosen[chosen.IndexOf("Upsell Amount")]) = ("Upsell Amount", "To Room Type");
        await ExpectHeadersAsync(page, [.. chosen]);

        await page.ReloadAsync();
        await Expect(page.Locator(Rows).First).ToBeVisibleAsync();
        await ExpectHeadersAsync(page, [.. chosen]);

        // Another browser (a new context: no cookies, no storage), the same user.
        var (other, otherErrors) = await OnLaptopAsync("frontdesk@demo.local");
        await Expect(other.Locator(Rows).First).ToBeVisibleAsync();
        await ExpectHeadersAsync(other, [.. chosen]);

        // Reset columns brings the defaults back (and for the next visit).
        await other.ClickAsync("[data-testid=columns-button]");
        await other.ClickAsync("[data-testid=columns-reset]");
        await other.ClickAsync("[data-testid=columns-done]");
        await ExpectHeadersAsync(other, defaults);
        await other.ReloadAsync();
        await Expect(other.Locator(Rows).First).ToBeVisibleAsync();
        await ExpectHeadersAsync(other, defaults);
        Assert.Empty(errors);
        Assert.Empty(otherErrors);
    }

    [Fact]
    public async Task SaveFromPage2_ComesBackToPage2WithTheFilters_AndTheSavedRuleHighlighted()
    {
        var (page, errors) = await OnLaptopAsync("revenue@demo.local");
        await SearchAsync(page, RulesGridAppFixture.Prefix);
        var firstOnPage1 = await page.Locator(Rows).First.Locator("[data-testid=rule-code]").InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.Locator(Rows).First.Locator("[data-testid=rule-code]")).Not.ToHaveTextAsync(firstOnPage1);
        await page.WaitForURLAsync(url => url.Contains("page=2", StringComparison.Ordinal) && url.Contains("q=GRID", StringComparison.Ordinal));
        var firstOnPage2 = (await page.Locator(Rows).First.Locator("[data-testid=rule-code]").InnerTextAsync()).Trim();
        var code = (await page.Locator(Rows).Nth(4).Locator("[data-testid=rule-code]").InnerTextAsync()).Trim();

        await page.Locator(Rows).Nth(4).Locator("[data-testid=rule-code]").ClickAsync();
        await Expect(page.Locator("[data-testid=form-title]")).ToHaveTextAsync("Upsell Rules - Edit");
        await Expect(page.Locator("[data-testid=field-code]")).ToHaveValueAsync(code);
        await page.FillAsync("[data-testid=field-description]", "Edited from page 2");
        await page.ClickAsync("[data-testid=save]");

        await page.WaitForURLAsync(url => url.Contains("/upsell-rules?", StringComparison.Ordinal) && url.Contains("highlight=", StringComparison.Ordinal));
        Assert.Contains("page=2", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("[data-testid=criteria-code]")).ToHaveValueAsync(RulesGridAppFixture.Prefix);
        await Expect(page.Locator(Rows).First.Locator("[data-testid=rule-code]")).ToHaveTextAsync(firstOnPage2);
        var highlighted = page.Locator("[data-testid=highlighted-rule]");
        await Expect(highlighted).ToContainTextAsync(code);
        await Expect(highlighted).ToContainTextAsync("Edited from page 2");
        await Expect(highlighted).ToBeInViewportAsync();
        await ShotAsync(page, "grid-back-highlighted");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Laptop_TestDialog_ShowsTheResultWithoutScrolling()
    {
        var (page, errors) = await OnLaptopAsync("revenue@demo.local");
        await SearchAsync(page, "GRID05", 1);
        await page.Locator(Rows).First.Locator("[data-testid=rule-code]").ClickAsync();
        await Expect(page.Locator("[data-testid=form-title]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=rule-test-button]");
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.Locator("[data-testid=rule-test-night]").First).ToBeVisibleAsync();
        await dialog.Locator("[data-testid=rule-test-run]").ClickAsync();

        var result = dialog.Locator("[data-testid=rule-test-result]");
        await Expect(result).ToBeVisibleAsync();
        await ShotAsync(page, "test-dialog-1366x768");
        // The answer — the first offer or the first reason there is none — is on screen, nothing scrolled.
        var answer = dialog.Locator("[data-testid=offer-row], [data-testid=rule-test-no-offer], [data-testid=rule-test-errors]").First;
        await Expect(answer).ToBeVisibleAsync();
        var box = (await answer.BoundingBoxAsync())!;
        Assert.True(box.Y >= 0 && box.Y + box.Height <= LaptopHeight, $"the result is at y={box.Y}..{box.Y + box.Height}, below the {LaptopHeight}-px window");
        var heading = (await result.BoundingBoxAsync())!;
        Assert.True(heading.Y + 24 <= LaptopHeight, $"the result starts at y={heading.Y}");
        var scrolled = await dialog.EvaluateAsync<double>("d => Math.max(...[d, ...d.querySelectorAll('*')].map(e => e.scrollTop))");
        Assert.Equal(0, scrolled);

        await page.SetViewportSizeAsync(1920, 1080);
        await ShotAsync(page, "test-dialog-1920x1080");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Reload_OnTheSecondProperty_KeepsThatPropertyAndTheCriteria()
    {
        var (page, errors) = await OnLaptopAsync("revenue@demo.local");
        await Expect(page.Locator(Rows).First).ToBeVisibleAsync();
        var property = page.Locator("[data-testid=criteria-property]");
        await page.ClickAsync("[data-testid=criteria-more]");
        var first = await property.InputValueAsync();
        await ChooseNthPropertyAsync(page, 1);
        await Expect(property).Not.ToHaveValueAsync(first);
        var second = await property.InputValueAsync();
        await SearchAsync(page, RulesGridAppFixture.Prefix);
        var firstOnPage1 = await page.Locator(Rows).First.Locator("[data-testid=rule-code]").InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.Locator(Rows).First.Locator("[data-testid=rule-code]")).Not.ToHaveTextAsync(firstOnPage1);
        await page.WaitForURLAsync(url => url.Contains("page=2", StringComparison.Ordinal) && url.Contains("property=", StringComparison.Ordinal));
        var firstOnPage2 = (await page.Locator(Rows).First.Locator("[data-testid=rule-code]").InnerTextAsync()).Trim();

        await page.ReloadAsync();

        await Expect(page.Locator("[data-testid=criteria-code]")).ToHaveValueAsync(RulesGridAppFixture.Prefix);
        await Expect(page.Locator(Rows).First.Locator("[data-testid=rule-code]")).ToHaveTextAsync(firstOnPage2);
        await Expect(property).ToHaveValueAsync(second); // More criteria names the property worked on
        await ShotAsync(page, "grid-reloaded-second-property");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task MenuUpsellRules_FromAFilteredPage2_ShowsThePlainGridOnPage1()
    {
        var (page, errors) = await OnLaptopAsync("revenue@demo.local");
        await SearchAsync(page, RulesGridAppFixture.Prefix);
        var firstOnPage1 = (await page.Locator(Rows).First.Locator("[data-testid=rule-code]").InnerTextAsync()).Trim();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.Locator(Rows).First.Locator("[data-testid=rule-code]")).Not.ToHaveTextAsync(firstOnPage1);
        await page.WaitForURLAsync(url => url.Contains("page=2", StringComparison.Ordinal));

        await page.Locator(".mud-nav-link").Filter(new() { HasTextString = "Upsell Rules" }).First.ClickAsync();

        await Expect(page.Locator("[data-testid=criteria-code]")).ToHaveValueAsync("");
        await Expect(page.Locator("[data-testid=selection-count]")).Not.ToHaveTextAsync($"{RulesGridAppFixture.Count} rules found");
        await page.WaitForURLAsync(url => !url.Contains("page=", StringComparison.Ordinal) && !url.Contains("q=", StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Previous page" })).ToBeDisabledAsync();
        await ShotAsync(page, "grid-after-menu");
        Assert.Empty(errors);
    }
}
