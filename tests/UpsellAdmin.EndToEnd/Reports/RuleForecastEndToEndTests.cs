using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Components;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.Reports;

/// <summary>
/// The demo app with one demo rule of property A made to apply to the coming arrivals: the first flat-amount rule
/// without filters (by code) loses its stay dates and days in advance (the demo seed gives some rules a summer window).
/// </summary>
public sealed class RuleForecastAppFixture : AppFixture
{
    public int PropertyId { get; private set; }
    public int RuleId { get; private set; }
    public decimal Amount { get; private set; }

    /// <summary>Past upsell activity for the demo properties, so that some room-type pairs have a measured conversion.</summary>
    protected override void ConfigureApp(IWebHostBuilder builder) => builder.UseSetting("Demo:ActivityHistoryDays", "180");

    protected override async Task SeedAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        PropertyId = await db.Properties.Where(p => p.MewsEnterpriseId == DemoIds.EnterpriseA).Select(p => p.Id).SingleAsync();
        var standard = await db.RoomTypes.Where(t => t.PropertyId == PropertyId && t.MewsId == DemoIds.StandardDoubleA).Select(t => t.Code).SingleAsync();
        var rule = await db.UpsellRules
            .Where(r => r.PropertyId == PropertyId && r.Formula == UpsellFormula.FlatAmountAddedToOriginalRate && r.FilterKinds == 0 && !r.UpsellByOccupancyLevels)
            .OrderBy(r => r.FromCode == standard ? 0 : 1).ThenBy(r => r.Code).FirstAsync();
        rule.BeginDate = null;
        rule.EndDate = null;
        rule.DaysInAdvance = null;
        rule.Version = Guid.NewGuid();
        await db.SaveChangesAsync();
        (RuleId, Amount) = (rule.Id, rule.UpsellAmount ?? 0m);
    }
}

/// <summary>
/// The rule page's Forecast in Chromium over the demo app (the simulator's arrivals synced at start): a revenue manager
/// opens a demo rule of property A, raises its amount without saving, runs the Forecast and sees the rule as on screen
/// beside the saved rule, with different totals; an invalid days value is refused with a message.
/// </summary>
[Trait("Category", "E2E")]
public sealed class RuleForecastEndToEndTests(RuleForecastAppFixture app) : IClassFixture<RuleForecastAppFixture>
{
    private const string Revenue = "revenue@demo.local";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RevenueManager_ChangesTheAmount_RunsForecast_SeesDraftAndSavedSideBySide_WithDifferentTotals()
    {
        var (propertyId, ruleId, amount) = (app.PropertyId, app.RuleId, app.Amount);
        var (page, errors) = await app.LogInAsync(Revenue);
        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellRuleEditFor(propertyId, ruleId));
        await page.Locator("[data-testid=interactive]").WaitForAsync();
        await Expect(page.Locator("[data-testid=form-title]")).ToHaveTextAsync("Upsell Rules - Edit");
        await Expect(page.Locator("[data-testid=forecast]")).ToBeVisibleAsync();

        // Days out of range: refused with a message, not clamped.
        await page.FillAsync("[data-testid=forecast-days]", "400");
        await page.Locator("[data-testid=forecast-days]").BlurAsync();
        await page.ClickAsync("[data-testid=forecast-run]");
        await Expect(page.Locator("[data-testid=forecast-error]")).ToContainTextAsync("1 to 365");
        await Expect(page.Locator("[data-testid=forecast-days]")).ToHaveValueAsync("400");
        await page.FillAsync("[data-testid=forecast-days]", "30");
        await page.Locator("[data-testid=forecast-days]").BlurAsync();

        var raised = (amount + 15m).ToString("0.##", CultureInfo.InvariantCulture);
        await page.FillAsync("[data-testid=field-amount]", raised);
        await page.Locator("[data-testid=field-amount]").BlurAsync();
        await page.ClickAsync("[data-testid=forecast-run]");

        await Expect(page.Locator("[data-testid=forecast-table]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=forecast-col-draft]")).ToContainTextAsync("This rule as on screen");
        await Expect(page.Locator("[data-testid=forecast-col-saved]")).ToContainTextAsync("Saved rule");
        await Expect(page.Locator("[data-testid=forecast-read]")).ToContainTextAsync("read from Mews");
        await Expect(page.Locator("[data-testid=forecast-basis]")).ToContainTextAsync("assumed");
        await page.Locator("[data-testid=forecast]").EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        await AppFixture.ScreenshotAsync(page, "rule-forecast");
        var won = await page.Locator("[data-testid=forecast-draft-would-win]").InnerTextAsync();
        Assert.True(int.Parse(won, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) > 0, $"the demo rule wins no arrival: {won}");
        var draftTotal = await page.Locator("[data-testid=forecast-draft-upsell-total]").InnerTextAsync();
        var savedTotal = await page.Locator("[data-testid=forecast-saved-upsell-total]").InnerTextAsync();
        Assert.NotEqual(savedTotal, draftTotal);
        // Nothing was saved: the rule still has its amount.
        await using (var db = await app.Db.CreateDbContextAsync(Ct))
        {
            Assert.Equal(amount, await db.UpsellRules.Where(r => r.Id == ruleId).Select(r => r.UpsellAmount).SingleAsync(Ct));
        }
        Assert.Empty(errors);
    }
}
