using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.UpsellRules;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.UpsellRules;

/// <summary>
/// Issue 15 on the rule page, as a revenue manager does it in Chromium: limits a rule to Friday and Saturday nights,
/// finds it by weekday, tests it on a Fri–Sun stay (offered) and on a stay with a Sunday night (explained); types a
/// 45-character description (refused with the counter, not cut); types −3 Days in advance (refused, not saved as 0);
/// saves with the error off screen (brought into view, counted); leaves with unsaved edits (asked); and comes back
/// to the grid as left, the saved rule highlighted.
/// </summary>
[Trait("Category", "E2E")]
public sealed class RulePageEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Revenue = "revenue@demo.local";
    private const string Rows = "tbody.mud-table-body tr.mud-table-row";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The MudBlazor field around an input (its label, counter and message).</summary>
    private const string InputControl = "xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]";

    private static ILocator MudSelectOf(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}]").Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]");

    /// <summary>Opens the MudSelect carrying <paramref name="testId"/> and picks the entry whose text starts with <paramref name="text"/> (or the first).</summary>
    private static async Task ChooseAsync(IPage page, string testId, string? text = null)
    {
        await MudSelectOf(page, testId).ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await Expect(items.First).ToBeVisibleAsync();
        await (text is null ? items.First : items.Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*" + text) }).First).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        if (AppFixture.ScreenshotFolder is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
        }
    }

    private async Task<IPage> NewRulePageAsync(string? returnUrl = null)
    {
        var (page, _) = await app.LogInAsync(Revenue);
        await Expect(page.Locator(Rows).First).ToBeVisibleAsync();
        var propertyId = await CurrentPropertyIdAsync();
        var url = PageUrls.UpsellRuleNewFor(propertyId) + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GotoAsync(app.BaseUrl + url);
        await page.Locator("[data-testid=interactive]").WaitForAsync();
        await Expect(page.Locator("[data-testid=form-title]")).ToHaveTextAsync("Upsell Rules - New");
        await Expect(page.Locator("[data-testid=field-code]")).ToBeVisibleAsync();
        return page;
    }

    private async Task<int> CurrentPropertyIdAsync()
    {
        await using var db = await app.Db.CreateDbContextAsync(Ct);
        return await db.UpsellRules.OrderBy(r => r.PropertyId).Select(r => r.PropertyId).FirstAsync(Ct);
    }

    /// <summary>Fills a valid rule: code, description, flat amount, the first From and To.</summary>
    private static async Task FillValidRuleAsync(IPage page, string code, string description)
    {
        await page.FillAsync("[data-testid=field-code]", code);
        await page.FillAsync("[data-testid=field-description]", description);
        await page.FillAsync("[data-testid=field-amount]", "20");
        await page.Locator("[data-testid=field-amount]").BlurAsync();
        await ChooseAsync(page, "field-from");
        await ChooseAsync(page, "field-to");
    }

    private static DateOnly NextFriday()
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        while (day.DayOfWeek != DayOfWeek.Friday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static async Task SetStayAsync(ILocator dialog, DateOnly arrival, int nights)
    {
        var arrivalField = dialog.Locator("[data-testid=stay-arrival]");
        await arrivalField.FillAsync(arrival.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await arrivalField.PressAsync("Enter");
        await arrivalField.BlurAsync();
        var nightsField = dialog.Locator("[data-testid=stay-nights]");
        await nightsField.FillAsync(nights.ToString(CultureInfo.InvariantCulture));
        await nightsField.BlurAsync();
        await Expect(dialog.Locator("[data-testid=rule-test-night]")).ToHaveCountAsync(nights);
    }

    [Fact]
    public async Task RevenueManager_LimitsARuleToFriSat_FindsItByWeekday_TestOffersFriToSunAndExplainsTheSundayNight()
    {
        var page = await NewRulePageAsync();
        await FillValidRuleAsync(page, "E2E-WKND", "Weekend upgrade");
        await Expect(page.Locator("[data-testid=days-of-week-help]")).ToContainTextAsync("Every day");
        await page.Locator("input[data-testid=day-Friday]").CheckAsync();
        await page.Locator("input[data-testid=day-Saturday]").CheckAsync();
        await Expect(page.Locator("[data-testid=days-of-week-help]")).ToContainTextAsync("Fri or Sat");
        await ShotAsync(page, "rule-days-of-week");
        await page.ClickAsync("[data-testid=save]");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Rule E2E-WKND saved.");
        await page.WaitForURLAsync(url => url.Contains(PageUrls.UpsellRules + "?highlight=", StringComparison.Ordinal));
        await using (var db = await app.Db.CreateDbContextAsync(Ct))
        {
            var stored = await db.UpsellRules.SingleAsync(r => r.Code == "E2E-WKND", Ct);
            Assert.Equal((1 << (int)DayOfWeek.Friday) | (1 << (int)DayOfWeek.Saturday), stored.DaysOfWeek);
        }

        // The grid's search by weekday: found for Saturday, not for Sunday.
        await page.FillAsync("[data-testid=criteria-code]", "E2E-WKND");
        if (await page.Locator("[data-testid=criteria-more-fields]").IsHiddenAsync())
        {
            await page.ClickAsync("[data-testid=criteria-more]");
        }
        await ChooseAsync(page, "criteria-dayofweek", "Saturday");
        await page.ClickAsync("[data-testid=search]");
        await Expect(page.Locator(Rows)).ToHaveCountAsync(1);
        await Expect(page.Locator(Rows).First.Locator("[data-testid=rule-code]")).ToHaveTextAsync("E2E-WKND");
        await ChooseAsync(page, "criteria-dayofweek", "Sunday");
        await page.ClickAsync("[data-testid=search]");
        await Expect(page.Locator("[data-testid=empty-state]")).ToBeVisibleAsync();

        // Test: a Fri → Sun stay gets the offer; Fri → Mon (a Sunday night) is explained.
        await using (var db = await app.Db.CreateDbContextAsync(Ct))
        {
            var rule = await db.UpsellRules.SingleAsync(r => r.Code == "E2E-WKND", Ct);
            await page.GotoAsync(app.BaseUrl + PageUrls.UpsellRuleEditFor(rule.PropertyId, rule.Id));
        }
        await Expect(page.Locator("input[data-testid=day-Friday]")).ToBeCheckedAsync();
        await Expect(page.Locator("input[data-testid=day-Sunday]")).Not.ToBeCheckedAsync();
        await page.ClickAsync("[data-testid=rule-test-button]");
        var dialog = page.Locator(".mud-dialog").Filter(new() { Has = page.Locator("[data-testid=rule-test-run]") });
        await Expect(dialog.Locator("[data-testid=rule-test-night]").First).ToBeVisibleAsync();
        var friday = NextFriday();
        await SetStayAsync(dialog, friday, 2);
        await dialog.Locator("[data-testid=rule-test-run]").ClickAsync();
        await Expect(dialog.Locator("[data-testid=offer-rule]").First).ToHaveTextAsync("E2E-WKND");

        await SetStayAsync(dialog, friday, 3);
        await dialog.Locator("[data-testid=rule-test-run]").ClickAsync();
        await Expect(dialog.Locator("[data-testid=rule-test-no-offer]")).ToBeVisibleAsync();
        var sunday = friday.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Expect(dialog.Locator("[data-testid=reason]").Filter(new() { HasText = "is not one of the rule's days" }))
            .ToContainTextAsync($"Sunday {sunday} is not one of the rule's days (Fri, Sat)");
        await ShotAsync(page, "rule-test-days-of-week");
    }

    [Fact]
    public async Task RevenueManager_TypesA45CharacterDescription_SeesTheCounter_IsRefused_NothingSaved()
    {
        var page = await NewRulePageAsync();
        var description = "Standard king to deluxe king, winter weekends"; // 45 characters
        Assert.Equal(45, description.Length);
        await FillValidRuleAsync(page, "E2E-LONG", description);

        var field = page.Locator("[data-testid=field-description]").Locator(InputControl);
        await Expect(page.Locator("[data-testid=field-description]")).ToHaveValueAsync(description); // not cut at 40
        await Expect(field).ToContainTextAsync("45 / 40");
        await Expect(field).ToContainTextAsync("Rule Description can be at most 40 characters (it has 45).");
        await page.ClickAsync("[data-testid=save]");
        await Expect(page.Locator("[data-testid=attention]")).ToContainTextAsync("1 field needs attention.");
        await ShotAsync(page, "rule-description-too-long");
        Assert.EndsWith("/new", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await using var db = await app.Db.CreateDbContextAsync(Ct);
        Assert.False(await db.UpsellRules.AnyAsync(r => r.Code == "E2E-LONG", Ct));
    }

    [Fact]
    public async Task RevenueManager_TypesMinusThreeDaysInAdvance_IsRefusedWithAMessage_NothingSaved()
    {
        var (page, _) = await app.LogInAsync(Revenue);
        await Expect(page.Locator(Rows).First).ToBeVisibleAsync();
        UpsellRule before;
        await using (var db = await app.Db.CreateDbContextAsync(Ct))
        {
            before = await db.UpsellRules.AsNoTracking().OrderBy(r => r.Id).FirstAsync(Ct);
        }
        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellRuleEditFor(before.PropertyId, before.Id));
        await Expect(page.Locator("[data-testid=field-code]")).ToHaveValueAsync(before.Code);

        await page.FillAsync("[data-testid=field-days]", "-3");
        await page.Locator("[data-testid=field-days]").BlurAsync();
        await page.ClickAsync("[data-testid=save]");

        await Expect(page.Locator("[data-testid=field-days]")).ToHaveValueAsync("-3"); // not clamped to 0
        var field = page.Locator("[data-testid=field-days]").Locator(InputControl);
        await Expect(field).ToContainTextAsync("Days in advance cannot be negative (-3)");
        await Expect(page.Locator("[data-testid=attention]")).ToContainTextAsync("1 field needs attention.");
        await Expect(page.Locator("[data-testid=field-days]")).ToBeFocusedAsync();
        await ShotAsync(page, "rule-days-in-advance-negative");
        await using (var db = await app.Db.CreateDbContextAsync(Ct))
        {
            var after = await db.UpsellRules.AsNoTracking().SingleAsync(r => r.Id == before.Id, Ct);
            Assert.Equal((before.DaysInAdvance, before.Version), (after.DaysInAdvance, after.Version));
        }
    }

    [Fact]
    public async Task RevenueManager_SavesWithTheErrorOffScreen_TheFieldIsBroughtIntoViewFocusedAndCounted()
    {
        var page = await NewRulePageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await FillValidRuleAsync(page, "", "Code left empty");
        await page.Locator("[data-testid=save]").ScrollIntoViewIfNeededAsync();
        await Expect(page.Locator("[data-testid=field-code]")).Not.ToBeInViewportAsync();

        await page.ClickAsync("[data-testid=save]");

        await Expect(page.Locator("[data-testid=field-code]")).ToBeFocusedAsync();
        await Expect(page.Locator("[data-testid=field-code]")).ToBeInViewportAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("1 field needs attention.");
        await ShotAsync(page, "rule-save-offscreen-error");
        await using var db = await app.Db.CreateDbContextAsync(Ct);
        Assert.False(await db.UpsellRules.AnyAsync(r => r.Description == "Code left empty", Ct));
    }

    [Fact]
    public async Task RevenueManager_LeavesWithUnsavedEdits_IsAsked_StayKeepsThem_SaveReturnsToTheGridAsLeftWithTheRuleHighlighted()
    {
        var gridUrl = PageUrls.UpsellRules + "?q=UP-";
        var (page, _) = await app.LogInAsync(Revenue, gridUrl);
        await Expect(page.Locator(Rows).First).ToBeVisibleAsync();
        UpsellRule rule;
        await using (var db = await app.Db.CreateDbContextAsync(Ct))
        {
            rule = await db.UpsellRules.AsNoTracking().Where(r => r.Code.StartsWith("UP-")).OrderBy(r => r.Id).FirstAsync(Ct);
        }
        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellRuleEditFor(rule.PropertyId, rule.Id) + "?returnUrl=" + Uri.EscapeDataString(gridUrl));
        await Expect(page.Locator("[data-testid=field-code]")).ToHaveValueAsync(rule.Code);
        await Expect(page.Locator("[data-testid=cancel]")).ToHaveAttributeAsync("href", gridUrl);

        // Leaving untouched does not ask.
        await page.FillAsync("[data-testid=field-description]", "Edited, not saved");
        await page.ClickAsync("[data-testid=cancel]");
        await Expect(page.Locator("[data-testid=unsaved-dialog]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=unsaved-text]")).ToContainTextAsync("this rule");
        await ShotAsync(page, "rule-unsaved-changes");
        await page.ClickAsync("[data-testid=unsaved-stay]");
        await Expect(page.Locator("[data-testid=unsaved-dialog]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=field-description]")).ToHaveValueAsync("Edited, not saved");

        // Save: no question, back to the grid with its filter, the rule highlighted.
        await page.ClickAsync("[data-testid=save]");
        await page.WaitForURLAsync(url => url.EndsWith($"{gridUrl}&highlight={rule.Id}", StringComparison.Ordinal));
        await Expect(page.Locator("[data-testid=unsaved-dialog]")).ToHaveCountAsync(0);
        await using (var db = await app.Db.CreateDbContextAsync(Ct))
        {
            Assert.Equal("Edited, not saved", (await db.UpsellRules.AsNoTracking().SingleAsync(r => r.Id == rule.Id, Ct)).Description);
        }

        // Discard throws the edit away.
        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellRuleEditFor(rule.PropertyId, rule.Id) + "?returnUrl=" + Uri.EscapeDataString(gridUrl));
        await Expect(page.Locator("[data-testid=field-code]")).ToHaveValueAsync(rule.Code);
        await page.FillAsync("[data-testid=field-description]", "Thrown away");
        await page.ClickAsync("[data-testid=cancel]");
        await page.ClickAsync("[data-testid=unsaved-discard]");
        await page.WaitForURLAsync(url => url.EndsWith(gridUrl, StringComparison.Ordinal));
        await using (var db = await app.Db.CreateDbContextAsync(Ct))
        {
            Assert.Equal("Edited, not saved", (await db.UpsellRules.AsNoTracking().SingleAsync(r => r.Id == rule.Id, Ct)).Description);
        }
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(1920, 1080)]
    public async Task RulePage_OnALaptopAndAFullHdScreen_ShowsDaysOfWeekBesideTheDatesWithoutSidewaysScrolling(int width, int height)
    {
        var (page, _) = await app.LogInAsync(Revenue);
        await page.SetViewportSizeAsync(width, height);
        UpsellRule weekends;
        await using (var db = await app.Db.CreateDbContextAsync(Ct))
        {
            weekends = await db.UpsellRules.AsNoTracking().Where(r => r.Code.StartsWith("WKND-")).OrderBy(r => r.Id).FirstAsync(Ct);
        }
        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellRuleEditFor(weekends.PropertyId, weekends.Id));
        await Expect(page.Locator("[data-testid=field-code]")).ToHaveValueAsync(weekends.Code);

        // The demo "weekends in March" rule: Fri and Sat ticked, in the first screenful, next to the dates.
        await Expect(page.Locator("input[data-testid=day-Friday]")).ToBeCheckedAsync();
        await Expect(page.Locator("input[data-testid=day-Saturday]")).ToBeCheckedAsync();
        await Expect(page.Locator("[data-testid=field-days-of-week]")).ToBeInViewportAsync();
        var days = (await page.Locator("[data-testid=field-days-of-week]").BoundingBoxAsync())!;
        var begin = (await page.Locator("[data-testid=field-begin]").BoundingBoxAsync())!;
        var end = (await page.Locator("[data-testid=field-end]").BoundingBoxAsync())!;
        var code = (await page.Locator("[data-testid=field-code]").BoundingBoxAsync())!;
        // One row: Begin Date under Code (first column), End Date, then Days of Week.
        Assert.True(Math.Abs(days.Y - end.Y) < 40 && Math.Abs(begin.Y - end.Y) < 5, $"Begin y={begin.Y}, End y={end.Y}, Days y={days.Y}");
        Assert.True(Math.Abs(begin.X - code.X) < 5 && begin.X < end.X && end.X < days.X, $"Code x={code.X}, Begin x={begin.X}, End x={end.X}, Days x={days.X}");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await ShotAsync(page, $"rule-page-{width}x{height}");
        await page.Locator("[data-testid=save]").ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, $"rule-page-{width}x{height}-bottom");
    }
}
