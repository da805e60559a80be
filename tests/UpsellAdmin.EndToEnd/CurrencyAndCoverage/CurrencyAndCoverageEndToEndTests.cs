using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellRules;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.CurrencyAndCoverage;

/// <summary>
/// The demo chain as synced from the simulator: Prague (GBP; Mews has EUR→GBP 0.86), Lisbon (EUR) and Washington (USD;
/// Mews has no rate into USD). Lisbon gets FX-1 (STD → SUP, 25 EUR, rounding Up) and FX-2 (STD → DLK: in Prague DLK is
/// not in the room hierarchy of STD). Washington gets local room types STD and SUP so FX-1 lands there as is.
/// </summary>
public sealed class CurrencyAppFixture : AppFixture
{
    public string Gbp { get; private set; } = "";
    public string Eur { get; private set; } = "";
    public string Usd { get; private set; } = "";

    protected override async Task SeedAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        var properties = await db.Properties.Where(p => p.MewsEnterpriseId != null).ToListAsync();
        Gbp = properties.Single(p => p.CurrencyCode == "GBP").Code;
        Eur = properties.Single(p => p.CurrencyCode == "EUR").Code;
        var usd = properties.Single(p => p.CurrencyCode == "USD");
        Usd = usd.Code;
        var eurId = properties.Single(p => p.CurrencyCode == "EUR").Id;
        db.RoomTypes.AddRange(
            new RoomType { PropertyId = usd.Id, Code = "STD", Name = "Standard Double", Sequence = 90 },
            new RoomType { PropertyId = usd.Id, Code = "SUP", Name = "Superior Double", Sequence = 91 });
        var now = DateTimeOffset.UtcNow;
        foreach (var (code, to) in new[] { ("FX-1", "SUP"), ("FX-2", "DLK") })
        {
            db.UpsellRules.Add(new UpsellRule
            {
                PropertyId = eurId, Code = code, Description = $"Currency test {code}", FromCode = "STD", ToCode = to,
                Formula = UpsellFormula.FlatAmountAddedToOriginalRate, UpsellAmount = 25m, CurrencyCode = "EUR",
                RoundingRule = RoundingRule.Up, CreatedUtc = now, UpdatedUtc = now,
            });
        }
        await db.SaveChangesAsync();
    }
}

[Trait("Category", "E2E")]
public sealed class CurrencyAndCoverageEndToEndTests(CurrencyAppFixture app) : IClassFixture<CurrencyAppFixture>
{
    private static async Task ChoosePropertyAsync(IPage page, string code)
    {
        await page.Locator("[data-testid=property-picker]").Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = $"{code} - " }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task CheckAsync(IPage page, string testId)
    {
        var element = page.Locator($"[data-testid={testId}]");
        var input = await element.EvaluateAsync<string>("e => e.tagName") == "INPUT" ? element : element.Locator("input");
        await input.DispatchEventAsync("click");
    }

    /// <summary>Searches the grid for one code until it shows that one row: the grid may still be settling after a
    /// property switch (its restored state can replace the criteria typed meanwhile).</summary>
    private static async Task SearchAsync(IPage page, string code)
    {
        var rows = page.Locator("tbody tr.mud-table-row");
        for (var attempt = 1; ; attempt++)
        {
            await page.FillAsync("[data-testid=criteria-code]", code);
            await page.ClickAsync("[data-testid=search]");
            try
            {
                await Expect(rows).ToHaveCountAsync(1, new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 4)
            {
            }
        }
    }

    /// <summary>On the Rules grid of the source: search <paramref name="code"/>, select it, open Copy, pick the target, preview.</summary>
    private async Task<IPage> PreviewCopyAsync(string code, string target, string shot)
    {
        var (page, _) = await app.LogInAsync("revenue@demo.local");
        await ChoosePropertyAsync(page, app.Eur);
        await SearchAsync(page, code);
        await page.ClickAsync("[data-testid=select-all]");
        await page.ClickAsync("[data-testid=rule-copy-button]");
        await CheckAsync(page, $"copy-target-{target}");
        await page.ClickAsync("[data-testid=copy-preview-button]");
        await Expect(page.Locator($"[data-testid=copy-rule-{target}-{code}]")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, shot);
        return page;
    }

    private async Task<UpsellRule> TargetRuleAsync(string property, string code)
    {
        await using var db = await app.Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.UpsellRules.AsNoTracking().SingleAsync(r => r.Code == code && db.Properties.Any(p => p.Id == r.PropertyId && p.Code == property), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ChainManager_CopiesAEuroRuleToTheGbpHotel_SeesMewsRateAndTheConvertedAmount_AndTheCopyHoldsIt()
    {
        var page = await PreviewCopyAsync("FX-1", app.Gbp, "copy-currency-mews");

        var rate = page.Locator("[data-testid=copy-rate-EUR-GBP]");
        await Expect(rate.Locator("[data-testid=copy-rate-input]")).ToHaveValueAsync("0.86");
        await Expect(rate.Locator("[data-testid=copy-rate-source]")).ToHaveTextAsync("from Mews");
        var row = page.Locator($"[data-testid=copy-rule-{app.Gbp}-FX-1]");
        await Expect(row.Locator("[data-testid=copy-outcome]")).ToHaveTextAsync("Create");
        // 25 × 0.86 = 21.50, the rule rounds Up.
        await Expect(row.Locator("[data-testid=copy-becomes]")).ToContainTextAsync("25 EUR → 22 GBP · at 0.86 (Mews)");

        await page.ClickAsync("[data-testid=copy-apply-button]");
        await Expect(page.Locator($"[data-testid=copy-result-{app.Gbp}]")).ToContainTextAsync("1 created");
        await Expect(page.Locator($"[data-testid=copy-result-{app.Gbp}]")).ToContainTextAsync("25 EUR → 22 GBP at 0.86, from Mews");

        var copy = await TargetRuleAsync(app.Gbp, "FX-1");
        Assert.Equal(("GBP", 22m), (copy.CurrencyCode, copy.UpsellAmount!.Value));
        await using var db = await app.Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var log = await db.RuleCopyLogs.AsNoTracking().Where(l => l.TargetPropertyCode == app.Gbp).OrderBy(l => l.Id).LastAsync(TestContext.Current.CancellationToken);
        Assert.Equal((0.86m, "Mews"), (log.ExchangeRate!.Value, log.ExchangeRateSource));
    }

    [Fact]
    public async Task ChainManager_CopiesToTheUsdHotelWhereMewsHasNoRate_TypesOne_AndSeesItUsed()
    {
        var page = await PreviewCopyAsync("FX-1", app.Usd, "copy-currency-typed-before");
        var rate = page.Locator("[data-testid=copy-rate-EUR-USD]");
        await Expect(rate.Locator("[data-testid=copy-rate-source]")).ToHaveTextAsync("no rate in Mews: type one");
        var row = page.Locator($"[data-testid=copy-rule-{app.Usd}-FX-1]");
        await Expect(row.Locator("[data-testid=copy-outcome]")).ToHaveTextAsync("Skip");
        await Expect(page.Locator("[data-testid=copy-apply-button]")).ToBeDisabledAsync();

        await rate.Locator("[data-testid=copy-rate-input]").FillAsync("1.1");
        await rate.Locator("[data-testid=copy-rate-input]").PressAsync("Tab");
        await Expect(rate.Locator("[data-testid=copy-rate-source]")).ToHaveTextAsync("typed");
        await Expect(row.Locator("[data-testid=copy-outcome]")).ToHaveTextAsync("Create");
        // 25 × 1.1 = 27.50, rounded Up.
        await Expect(row.Locator("[data-testid=copy-becomes]")).ToContainTextAsync("25 EUR → 28 USD · at 1.1 (Typed)");
        await AppFixture.ScreenshotAsync(page, "copy-currency-typed");

        await page.ClickAsync("[data-testid=copy-apply-button]");
        await Expect(page.Locator($"[data-testid=copy-result-{app.Usd}]")).ToContainTextAsync("1 created");
        var copy = await TargetRuleAsync(app.Usd, "FX-1");
        Assert.Equal(("USD", 28m), (copy.CurrencyCode, copy.UpsellAmount!.Value));
        await using var db = await app.Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var log = await db.RuleCopyLogs.AsNoTracking().Where(l => l.TargetPropertyCode == app.Usd).OrderBy(l => l.Id).LastAsync(TestContext.Current.CancellationToken);
        Assert.Equal((1.1m, "Typed"), (log.ExchangeRate!.Value, log.ExchangeRateSource));
    }

    [Fact]
    public async Task ChainManager_ToNotInTheTargetsHierarchy_ChoosesOneRightNextToTheMessage()
    {
        var page = await PreviewCopyAsync("FX-2", app.Gbp, "copy-hierarchy-chooser");
        var conflict = page.Locator($"[data-testid=copy-conflict-{app.Gbp}-FX-2-ToRoomTypeNotInHierarchy]");
        await Expect(conflict).ToContainTextAsync("choose one of STT, STS, SUP");
        var row = page.Locator($"[data-testid=copy-rule-{app.Gbp}-FX-2]");
        await Expect(row.Locator("[data-testid=copy-outcome]")).ToHaveTextAsync("Skip");

        await conflict.Locator("[data-testid=conflict-choose]").SelectOptionAsync("SUP");
        await Expect(row.Locator("[data-testid=copy-outcome]")).ToHaveTextAsync("Create");
        await Expect(row.Locator("[data-testid=copy-becomes]")).ToContainTextAsync("STD → SUP");
        await page.ClickAsync("[data-testid=copy-apply-button]");
        await Expect(page.Locator($"[data-testid=copy-result-{app.Gbp}]")).ToContainTextAsync("1 created");

        Assert.Equal("SUP", (await TargetRuleAsync(app.Gbp, "FX-2")).ToCode);
    }

    [Fact]
    public async Task RevenueManager_AddsAnOccupancyLevel_IsToldWhichRulesLoseCoverageWithLinks_AndTheGridWarnsOnThem()
    {
        var (page, errors) = await app.LogInAsync("revenue@demo.local", PageUrls.UpsellConfiguration);
        await ChoosePropertyAsync(page, app.Usd);
        await Expect(page.Locator("[data-testid=config-property]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{app.Usd} - "));
        var section = page.Locator("[data-testid=occupancy-levels]");
        await Expect(section.Locator("[data-testid=level-row]")).ToHaveCountAsync(3);
        await Expect(section.Locator("[data-testid=levels-coverage]")).ToHaveCountAsync(0);

        // Level 3 becomes 80–90 %, a new level 4 takes 90–100 %.
        await section.Locator("[data-testid=level-to]").Nth(2).FillAsync("90");
        await section.Locator("[data-testid=level-add]").ClickAsync();
        await section.Locator("[data-testid=level-description]").Nth(3).FillAsync("Sold out");
        await section.Locator("[data-testid=level-from]").Nth(3).FillAsync("90");
        await section.Locator("[data-testid=level-from]").Nth(3).PressAsync("Tab");

        var coverage = section.Locator("[data-testid=levels-coverage]");
        await Expect(coverage).ToBeVisibleAsync();
        await Expect(coverage).ToContainTextAsync("no amount for level 4 (90–100 %) (new with this change)");
        await using (var db = await app.Db.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var occupancyRules = await db.UpsellRules.AsNoTracking()
                .Where(r => r.UpsellByOccupancyLevels && db.Properties.Any(p => p.Id == r.PropertyId && p.Code == app.Usd))
                .Select(r => new { r.Id, r.Code, r.PropertyId }).ToListAsync(TestContext.Current.CancellationToken);
            Assert.NotEmpty(occupancyRules);
            await Expect(coverage.Locator("[data-testid=coverage-rule]")).ToHaveCountAsync(occupancyRules.Count);
            foreach (var rule in occupancyRules)
            {
                await Expect(coverage.Locator($"[data-testid=coverage-link-{rule.Code}]")).ToHaveAttributeAsync("href", PageUrls.UpsellRuleEditFor(rule.PropertyId, rule.Id));
            }
        }
        await AppFixture.ScreenshotAsync(page, "occupancy-coverage-editing");

        await page.ClickAsync("[data-testid=config-save]");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "saved" })).ToBeVisibleAsync();
        await Expect(section.Locator("[data-testid=levels-coverage]")).ToContainTextAsync("no amount for level 4 (90–100 %)");
        await AppFixture.ScreenshotAsync(page, "occupancy-coverage-saved");

        // The link opens the rule; the Rules grid warns on it as it does for a missing code.
        var link = section.Locator("[data-testid=levels-coverage] a").First;
        var code = await link.InnerTextAsync();
        var href = await link.GetAttributeAsync("href");
        await page.GotoAsync(app.BaseUrl + href);
        await Expect(page.Locator("[data-testid=interactive]")).ToBeAttachedAsync();
        await Expect(page.GetByLabel("Code", new() { Exact = true })).ToHaveValueAsync(code);
        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellRules);
        await ChoosePropertyAsync(page, app.Usd);
        await SearchAsync(page, code);
        var row = page.Locator("tbody tr.mud-table-row").Filter(new() { HasText = code });
        await Expect(row).ToHaveCountAsync(1);
        await row.Locator("[data-testid=rule-warning]").HoverAsync();
        await Expect(page.Locator(".mud-tooltip").Filter(new() { HasText = "No amount for occupancy level 90–100 %" })).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "occupancy-coverage-grid");
        Assert.Empty(errors);
    }
}
