using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UpsellAdmin.Web.Components;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.Usability;

/// <summary>
/// Issue 15, "nothing a person does is lost or silently changed", as the people did it in Chromium: a staged Room
/// Hierarchy entry and leaving the page, a property switch and a browser close with unsaved changes, Booked On after
/// Arrival on the quote, a duplicate tier Ordering, and Save with the error off screen.
/// </summary>
[Trait("Category", "E2E")]
public sealed class NothingLostEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Revenue = "revenue@demo.local";

    private static ILocator MudSelectOf(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}]").Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]");

    private static async Task ChooseNthAsync(IPage page, string testId, int index, bool closes = true)
    {
        await MudSelectOf(page, testId).ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await Expect(items.First).ToBeVisibleAsync();
        await items.Nth(index).ClickAsync();
        if (closes)
        {
            await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        }
    }

    /// <summary>The browser side knows the page has unsaved changes (the beforeunload listener is on).</summary>
    private static Task WaitForBrowserGuardAsync(IPage page, bool on) =>
        page.WaitForFunctionAsync($"async () => (await import('./js/unsaved-changes.js')).isGuarding() === {(on ? "true" : "false")}");

    private async Task<IPage> ConfigurationPageAsync()
    {
        var (page, _) = await app.LogInAsync(Revenue, PageUrls.UpsellConfiguration);
        await Expect(page.Locator("[data-testid=config-save]")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>New hierarchy entry: the first free From room type upsold to the first other room type, confirmed with OK.</summary>
    private static async Task StageHierarchyEntryAsync(IPage page)
    {
        await page.ClickAsync("[data-testid=hierarchy-new]");
        await Expect(page.Locator("[data-testid=hierarchy-dialog]")).ToBeVisibleAsync();
        await ChooseNthAsync(page, "hierarchy-from", 0);
        await ChooseNthAsync(page, "hierarchy-to", 0, closes: false);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=hierarchy-ok]");
        await Expect(page.Locator("[data-testid=hierarchy-dialog]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RevenueManager_StagesAHierarchyEntry_LeavesThePage_IsAsked_StayKeepsIt_DiscardDropsIt()
    {
        var page = await ConfigurationPageAsync();
        var rows = page.Locator("[data-testid=hierarchy-row]");
        var before = await rows.CountAsync();
        await Expect(page.Locator("[data-testid=config-unsaved]")).ToHaveCountAsync(0);

        await StageHierarchyEntryAsync(page);
        await Expect(rows).ToHaveCountAsync(before + 1);
        // Staged, and it says so: near the hierarchy and next to Save.
        await Expect(page.Locator("[data-testid=hierarchy-staged]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=config-unsaved]")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "config-hierarchy-staged");

        // Leave through the menu: asked; Stay keeps the entry on the page.
        await page.Locator("a.mud-nav-link[href='upsell-rules'], a.mud-nav-link[href='/upsell-rules']").First.ClickAsync();
        await Expect(page.Locator("[data-testid=unsaved-dialog]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=unsaved-text]")).ToContainTextAsync("unsaved changes to the upsell configuration");
        await AppFixture.ScreenshotAsync(page, "config-leave-asked");
        await page.ClickAsync("[data-testid=unsaved-stay]");
        await Expect(page.Locator("[data-testid=unsaved-dialog]")).ToHaveCountAsync(0);
        Assert.EndsWith(PageUrls.UpsellConfiguration, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Expect(rows).ToHaveCountAsync(before + 1);

        // Leave again: Discard goes, and the entry was never saved.
        await page.Locator("a.mud-nav-link[href='upsell-rules'], a.mud-nav-link[href='/upsell-rules']").First.ClickAsync();
        await page.ClickAsync("[data-testid=unsaved-discard]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.EndsWith(PageUrls.UpsellRules, StringComparison.Ordinal));
        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellConfiguration);
        await Expect(page.Locator("[data-testid=config-save]")).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(before);
    }

    [Fact]
    public async Task RevenueManager_WithAnUnsavedChange_SwitchesProperty_IsAsked_StayKeepsPropertyAndChange()
    {
        var page = await ConfigurationPageAsync();
        // What the top bar's picker shows (its inputs' values and its text, whatever MudSelect's markup).
        Task<string> PickerShowsAsync() => MudSelectOf(page, "property-picker")
            .EvaluateAsync<string>("el => [...el.querySelectorAll('input')].map(i => i.value).join('|') + '#' + el.innerText");
        var property = await PickerShowsAsync();
        Assert.Contains(" - ", property, StringComparison.Ordinal);
        var offers = page.Locator("[data-testid=config-max-offers]");
        await offers.FillAsync("7");
        await offers.PressAsync("Tab");
        await Expect(page.Locator("[data-testid=config-unsaved]")).ToBeVisibleAsync();

        await ChooseNthAsync(page, "property-picker", 1);
        await Expect(page.Locator("[data-testid=unsaved-dialog]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=unsaved-text]")).ToContainTextAsync("switch property");
        await page.ClickAsync("[data-testid=unsaved-stay]");
        await Expect(page.Locator("[data-testid=unsaved-dialog]")).ToHaveCountAsync(0);
        // Still the same property, in the top bar too, and the change is still there.
        Assert.Equal(property, await PickerShowsAsync());
        await Expect(offers).ToHaveValueAsync("7");

        // Discard switches.
        await ChooseNthAsync(page, "property-picker", 1);
        await page.ClickAsync("[data-testid=unsaved-discard]");
        await Expect(page.Locator("[data-testid=unsaved-dialog]")).ToHaveCountAsync(0);
        await Expect(offers).Not.ToHaveValueAsync("7");
        Assert.NotEqual(property, await PickerShowsAsync());
        await Expect(page.Locator("[data-testid=config-unsaved]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RevenueManager_WithAnUnsavedChange_ClosesTheTab_BrowserAsks()
    {
        var page = await ConfigurationPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Type);
            await dialog.DismissAsync(); // stay
        };

        var offers = page.Locator("[data-testid=config-max-offers]");
        // Typed as a person types: a click first. Chromium shows a beforeunload question only on a page the user has
        // interacted with (a click or a key press; Playwright's Fill alone inserts text without that activation).
        await offers.ClickAsync();
        await offers.PressSequentiallyAsync("6");
        await offers.PressAsync("Tab");
        await Expect(page.Locator("[data-testid=config-unsaved]")).ToBeVisibleAsync();
        await WaitForBrowserGuardAsync(page, on: true);

        // Deterministic: wait for the browser's question itself (no polling, no fixed delay).
        var asked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Dialog += (_, dialog) => asked.TrySetResult(dialog.Type);
        await page.CloseAsync(new() { RunBeforeUnload = true });
        Assert.Equal("beforeunload", await asked.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Contains("beforeunload", dialogs);
    }

    [Fact]
    public async Task RevenueManager_WithoutChanges_ClosesTheTab_BrowserDoesNotAsk()
    {
        var page = await ConfigurationPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => dialogs.Add(dialog.Type);
        await WaitForBrowserGuardAsync(page, on: false);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Close += (_, _) => closed.TrySetResult();
        await page.CloseAsync(new() { RunBeforeUnload = true });
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken); // closed without asking (a beforeunload dialog would have kept it open until answered)
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task FrontDesk_QuotesAStayBookedAfterItsArrival_IsRefusedWithTheReason()
    {
        var (page, errors) = await app.LogInAsync("frontdesk@demo.local", PageUrls.UpsellQuote);
        var bookedOn = page.Locator("[data-testid=stay-booked-on]");
        await Expect(bookedOn).ToBeVisibleAsync();
        var arrival = DateOnly.ParseExact(await page.Locator("[data-testid=stay-arrival]").InputValueAsync(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var late = arrival.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await bookedOn.FillAsync(late);
        await bookedOn.PressAsync("Tab");

        await page.ClickAsync("[data-testid=quote-button]");
        await Expect(page.GetByText(new Regex($"Booked On \\({late}\\) is after Arrival"))).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=quote-attention]")).ToHaveTextAsync("1 field needs attention.");
        await Expect(page.Locator("[data-testid=offer-row]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=no-offers]")).ToHaveCountAsync(0);
        await AppFixture.ScreenshotAsync(page, "quote-booked-after-arrival");

        // Moving the arrival after Booked On makes it right again: the quote runs.
        await bookedOn.FillAsync(arrival.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await bookedOn.PressAsync("Tab");
        await page.ClickAsync("[data-testid=quote-button]");
        await Expect(page.Locator("[data-testid=offer-row], [data-testid=no-offers]").First).ToBeVisibleAsync();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task RevenueManager_AddsATierWithAnOrderingAlreadyUsed_IsRefusedWithTheReason()
    {
        var (page, _) = await app.LogInAsync(Revenue, PageUrls.LoyaltyPrograms);
        await page.ClickAsync("[data-testid=program-tiers-PC01]");
        var first = page.Locator("[data-testid=tiers-grid] tbody tr.mud-table-row").First;
        await Expect(first.Locator("[data-testid=tier-name]")).ToBeVisibleAsync();
        var takenBy = (await first.Locator("[data-testid=tier-name]").InnerTextAsync()).Trim();
        var ordering = (await first.Locator("td").Nth(1).InnerTextAsync()).Trim();
        var count = await page.Locator("[data-testid=tier-name]").CountAsync();

        await page.ClickAsync("[data-testid=tier-new]");
        await page.FillAsync("[data-testid=tier-field-name]", "E2E Duplicate");
        await page.FillAsync("[data-testid=tier-field-code]", "E2EDUP");
        await page.FillAsync("[data-testid=tier-field-ordering]", ordering);
        await page.ClickAsync("[data-testid=tier-save]");

        await Expect(page.Locator("[data-testid=tier-dialog]")).ToContainTextAsync($"Ordering {ordering} is already used by {takenBy}");
        await AppFixture.ScreenshotAsync(page, "tier-duplicate-ordering");
        await page.ClickAsync(".mud-dialog-actions button:has-text('Cancel')");
        await Expect(page.Locator("[data-testid=tier-name]")).ToHaveCountAsync(count);
    }

    [Fact]
    public async Task RevenueManager_SavesWithAnErrorOffScreen_IsTakenToTheField_AndToldHowManyNeedAttention()
    {
        var page = await ConfigurationPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        var offers = page.Locator("[data-testid=config-max-offers]");
        await offers.FillAsync("0");
        await offers.PressAsync("Tab");
        // Down to the add-ons, where the top of the form is out of sight, then Save (it stays in view).
        await page.Locator("[data-testid=addon-catalogue]").ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        await Expect(offers).Not.ToBeInViewportAsync();
        await page.ClickAsync("[data-testid=config-save]");

        await Expect(page.Locator("[data-testid=config-attention]")).ToHaveTextAsync("1 field needs attention.");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("1 field needs attention.");
        await Expect(offers).ToBeFocusedAsync();
        await Expect(offers).ToBeInViewportAsync();
        await AppFixture.ScreenshotAsync(page, "config-attention-1366");
    }
}
