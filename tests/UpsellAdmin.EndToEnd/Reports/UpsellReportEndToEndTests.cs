using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.Reports;

/// <summary>The demo app with <see cref="HistoryDays"/> days of generated upsell history (helper E's demo switch) and
/// a 5 % agents' commission at every property.</summary>
public sealed class UpsellReportAppFixture : AppFixture
{
    public const int HistoryDays = 100;
    public const decimal CommissionPercent = 5m;

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.UseSetting("Demo:ActivityHistoryDays", HistoryDays.ToString(CultureInfo.InvariantCulture));

    protected override async Task SeedAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        foreach (var property in await db.Properties.Select(p => p.Id).ToListAsync())
        {
            var config = await db.UpsellConfigurations.SingleOrDefaultAsync(c => c.PropertyId == property);
            if (config is null)
            {
                config = new PropertyUpsellConfiguration { PropertyId = property };
                db.UpsellConfigurations.Add(config);
            }
            config.AgentCommissionPercent = CommissionPercent;
        }
        await db.SaveChangesAsync();
    }
}

/// <summary>Issue 16 in a real browser: a revenue manager opens Upsell Performance, changes the range, sees the charts
/// and tables, downloads the Excel file and finds the page's totals in it; Front Desk sees its own figures.</summary>
[Trait("Category", "E2E")]
public sealed partial class UpsellReportEndToEndTests(UpsellReportAppFixture app) : IClassFixture<UpsellReportAppFixture>
{
    private static decimal Number(string text) =>
        decimal.Parse(NotNumber().Replace(text, ""), NumberStyles.Number | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"[^0-9.\-]")]
    private static partial Regex NotNumber();

    [Fact]
    public async Task RevenueManager_ChangesTheRange_SeesChartsAndTables_AndTheExcelFileHasThePagesTotals()
    {
        var (page, errors) = await app.LogInAsync("revenue@demo.local", PageUrls.UpsellReport);
        await Expect(page.Locator("[data-testid=report-range]")).ToContainTextAsync("Sales dated");
        await Expect(page.Locator("[data-testid=report-section]").First).ToBeVisibleAsync();
        Assert.Contains("groupBy=property", page.Url, StringComparison.Ordinal); // the address carries the filter

        // Another range: the header says it, the address keeps it, the time chart goes per week.
        var before = await page.Locator("[data-testid=report-range]").InnerTextAsync();
        await page.Locator("[data-testid=range-Last90Days]").ClickAsync();
        await Expect(page.Locator("[data-testid=report-range]")).Not.ToHaveTextAsync(before);
        await Expect(page.Locator("[data-testid=chart-time]").First).ToContainTextAsync("per week");
        var header = await page.Locator("[data-testid=report-range]").InnerTextAsync();
        var from = HeaderDate().Match(header).Groups["from"].Value;
        await Expect(page).ToHaveURLAsync(new Regex($"from={from}"));
        await Expect(page.Locator("[data-testid=report-loading]")).ToHaveCountAsync(0);

        var section = page.Locator("[data-testid=report-section]").First;
        foreach (var chart in new[] { "chart-time", "chart-pairs", "chart-agents" })
        {
            await Expect(section.Locator($"[data-testid={chart}] svg").First).ToBeVisibleAsync();
            await Expect(section.Locator($"[data-testid={chart}] table").First).ToBeVisibleAsync();
        }
        await Expect(section.Locator("[data-testid=table-grouped] table")).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await AppFixture.ScreenshotAsync(page, "report-90-days-1366");
        await page.SetViewportSizeAsync(1920, 1080);
        await AppFixture.ScreenshotAsync(page, "report-90-days-1920");

        // Grouped by agent: the commission column and the property's percent.
        await page.Locator("[data-testid=report-group-by]").Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Agent" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("groupBy=agent"));
        await Expect(section.Locator("[data-testid=report-commission-rate]")).ToContainTextAsync("5 % of revenue");
        await Expect(section.Locator("[data-testid=table-grouped] [data-testid=figures-commission]").First).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "report-by-agent-1920");
        await page.SetViewportSizeAsync(1366, 768);
        await AppFixture.ScreenshotAsync(page, "report-by-agent-1366");
        // At 1366 the grouped table (13 columns with Commission) fits its box: nothing scrolls sideways.
        var grouped = section.Locator("[data-testid=table-grouped]");
        await grouped.ScrollIntoViewIfNeededAsync();
        await AppFixture.ScreenshotAsync(page, "report-by-agent-1366-grouped");
        var overflow = await grouped.EvaluateAsync<int>(
            "e => Math.max(...[e, ...e.querySelectorAll('*')].filter(x => getComputedStyle(x).overflowX !== 'visible').map(x => x.scrollWidth - x.clientWidth))");
        Assert.True(overflow <= 1, $"The grouped table scrolls {overflow} px sideways at 1366 px.");

        // The page's totals of every currency section.
        var sections = await page.Locator("[data-testid=report-section]").AllAsync();
        Assert.NotEmpty(sections);
        var shown = new Dictionary<string, (decimal Revenue, decimal Sold, decimal Presented)>();
        foreach (var s in sections)
        {
            var currency = (await s.GetAttributeAsync("data-currency"))!;
            var revenue = Number(await s.Locator("[data-testid=kpi-revenue] .kpi-value").InnerTextAsync());
            var sold = Number(await s.Locator("[data-testid=kpi-sold] .kpi-value").InnerTextAsync());
            var presented = Number(await s.Locator("[data-testid=kpi-reservations] .kpi-value").InnerTextAsync());
            // The grouped table's Total row says the same as the cards.
            var totalRow = s.Locator("[data-testid=table-grouped] tfoot");
            Assert.Equal(revenue, Number(await totalRow.Locator("[data-testid=figures-revenue]").InnerTextAsync()));
            shown[currency] = (revenue, sold, presented);
        }
        Assert.Contains(shown.Values, v => v.Revenue > 0); // the generated history sold something

        // Excel: a real download of the same query; its Totals sheet has the page's figures, per currency.
        var xlsxHref = await page.Locator("[data-testid=report-export-xlsx]").GetAttributeAsync("href");
        Assert.Equal(PageUrls.ExportUpsellReport + "?format=xlsx&" + new Uri(page.Url).Query.TrimStart('?'), xlsxHref);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=report-export-xlsx]").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"upsell-report-{Guid.NewGuid():N}.xlsx");
        try
        {
            await download.SaveAsAsync(path);
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
            var totals = MiniExcel.Query(path, useHeaderRow: true, sheetName: "Totals").Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(shown.Keys.Order(), totals.Select(t => Convert.ToString(t["Currency"], CultureInfo.InvariantCulture)!).Order());
            foreach (var row in totals)
            {
                var (revenue, sold, presented) = shown[Convert.ToString(row["Currency"], CultureInfo.InvariantCulture)!];
                Assert.Equal(revenue, Math.Round(Convert.ToDecimal(row["Revenue"], CultureInfo.InvariantCulture), 2));
                Assert.Equal(sold, Convert.ToDecimal(row["Sold"], CultureInfo.InvariantCulture));
                Assert.Equal(presented, Convert.ToDecimal(row["Reservations presented"], CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Empty(errors);
    }

    [Fact]
    public async Task FrontDesk_SeesItsOwnFigures_WithoutAnAgentFilter()
    {
        var (page, errors) = await app.LogInAsync("frontdesk@demo.local", PageUrls.UpsellReport);

        await Expect(page.Locator("[data-testid=report-own-figures]")).ToContainTextAsync("Your own figures");
        await Expect(page.Locator("[data-testid=report-range]")).ToContainTextAsync("Sales dated");
        await Expect(page.Locator("[data-testid=report-agent]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=chart-agents]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=report-empty], [data-testid=report-section]").First).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "report-front-desk");
        Assert.Empty(errors);
    }

    [GeneratedRegex(@"(?<from>\d{4}-\d{2}-\d{2}) – (?<to>\d{4}-\d{2}-\d{2})")]
    private static partial Regex HeaderDate();
}
