using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UpsellAdmin.Web.Features.ReferenceData;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.UpsellRules;

/// <summary>
/// Issue 15, one name per concept: a revenue manager goes through the Rules page (More criteria), the grid's headers,
/// the rule form's filters and the Test dialog's stay inputs, and the channel, market and reservation type lists carry
/// the same names everywhere (<see cref="ConceptLabels"/>), never OPERA's other names (Source, Market Segment, Resv. Type).
/// </summary>
[Trait("Category", "E2E")]
public sealed class OneNamePerConceptEndToEndTests(RulesGridAppFixture app) : IClassFixture<RulesGridAppFixture>
{
    private const string Rows = "tbody.mud-table-body tr.mud-table-row";

    /// <summary>Labels no screen may show for these lists (whole words, as a person reads them).</summary>
    private static readonly Regex OtherNames = new(@"\bSources?\b|\bMarket Segments?\b|\bResv\. ?Types?\b", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static ILocator LabelOf(ILocator scope, string testId) =>
        scope.Locator($"[data-testid={testId}]").Locator("xpath=ancestor-or-self::div[contains(@class,'mud-input-control')][1]").Locator("label").First;

    private static async Task ExpectNoOtherNamesAsync(ILocator scope, string where)
    {
        var labels = await scope.Locator("label, th, .mud-input-helper-text").AllInnerTextsAsync();
        var wrong = labels.Where(l => OtherNames.IsMatch(l)).ToList();
        Assert.True(wrong.Count == 0, $"{where} shows another name: {string.Join(" | ", wrong)}");
    }

    [Fact]
    public async Task RevenueManager_SeesChannelMarketAndReservationType_NamedTheSameOnEveryScreen()
    {
        var (page, errors) = await app.LogInAsync("revenue@demo.local");
        await Expect(page.Locator(Rows).First).ToBeVisibleAsync();

        // The Rules page: More criteria.
        await page.ClickAsync("[data-testid=criteria-more]");
        await Expect(page.Locator("[data-testid=criteria-more-fields]")).ToBeVisibleAsync();
        await Expect(LabelOf(page.Locator("body"), "criteria-channel")).ToHaveTextAsync(ConceptLabels.Channel);
        await Expect(LabelOf(page.Locator("body"), "criteria-market")).ToHaveTextAsync(ConceptLabels.Market);
        await Expect(LabelOf(page.Locator("body"), "criteria-resvtype")).ToHaveTextAsync(ConceptLabels.ReservationType);
        await AppFixture.ScreenshotAsync(page, "one-name-criteria");

        // The grid's headers.
        var headers = page.Locator(".rules-grid thead th");
        await Expect(headers.Filter(new() { HasTextString = ConceptLabels.Channels })).ToHaveCountAsync(1);
        await Expect(headers.Filter(new() { HasTextString = ConceptLabels.Markets })).ToHaveCountAsync(1);
        await Expect(headers.Filter(new() { HasTextString = ConceptLabels.ReservationTypes })).ToHaveCountAsync(1);
        await ExpectNoOtherNamesAsync(page.Locator("main, body").First, "The Rules page");

        // The rule form's filters.
        await page.Locator(Rows).First.Locator("[data-testid=rule-code]").ClickAsync();
        await Expect(page.Locator("[data-testid=form-title]")).ToHaveTextAsync("Upsell Rules - Edit");
        await Expect(LabelOf(page.Locator("body"), "field-channels")).ToHaveTextAsync(ConceptLabels.Channels);
        await Expect(LabelOf(page.Locator("body"), "field-markets")).ToHaveTextAsync(ConceptLabels.Markets);
        await Expect(LabelOf(page.Locator("body"), "field-resvtypes")).ToHaveTextAsync(ConceptLabels.ReservationTypes);
        await ExpectNoOtherNamesAsync(page.Locator("body"), "The rule form");
        await AppFixture.ScreenshotAsync(page, "one-name-rule-form");

        // The Test dialog's stay inputs.
        await page.ClickAsync("[data-testid=rule-test-button]");
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.Locator("[data-testid=rule-test-run]")).ToBeVisibleAsync();
        await Expect(LabelOf(dialog, "stay-source")).ToHaveTextAsync(ConceptLabels.Channel);
        await Expect(LabelOf(dialog, "stay-market")).ToHaveTextAsync(ConceptLabels.Market);
        await Expect(LabelOf(dialog, "stay-reservation-type")).ToHaveTextAsync(ConceptLabels.ReservationType);
        await ExpectNoOtherNamesAsync(dialog, "The Test dialog");
        await AppFixture.ScreenshotAsync(page, "one-name-test-dialog");
        Assert.Empty(errors);
    }
}
