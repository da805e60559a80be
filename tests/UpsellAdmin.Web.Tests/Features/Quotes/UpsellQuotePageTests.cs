using Bunit;
using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Quotes;

/// <summary>The front desk's Upsell Quote page with a fake quote service.</summary>
public sealed class UpsellQuotePageTests : QuoteUiTestContext
{
    public UpsellQuotePageTests() => SignInAs(Roles.FrontDesk);

    private IRenderedComponent<UpsellQuotePage> RenderPage()
    {
        RenderProviders();
        var page = Render<UpsellQuotePage>();
        page.WaitForElement("[data-testid=quote-button]");
        return page;
    }

    [Fact]
    public void Quote_WithOffers_ShowsEachOfferItsRuleAndTheOtherMatches()
    {
        QuoteService.QuoteAnswer = (_, _) => new QuoteOutcome
        {
            Status = QuoteStatus.Offers,
            CurrencyCode = "USD",
            SettingsSummary = "Sorted by display sequence, at most 3 offers, stays up to 14 nights.",
            Offers =
            [
                FakeQuoteService.Offer("DLX", "STD-DLX", 100m, 20m, 2, new OtherRuleView("ANY-DLX", 30m)),
                FakeQuoteService.Offer("STE", "STD-STE", 100m, 80m, 2),
            ],
        };
        var page = RenderPage();

        page.Find("[data-testid=quote-button]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=offer-row]").Count));
        var rows = page.FindAll("[data-testid=offer-row]");
        Assert.Equal(["DLX", "STE"], rows.Select(r => r.GetAttribute("data-room-type")));
        Assert.Equal("STD-DLX", rows[0].QuerySelector("[data-testid=offer-rule]")!.TextContent.Trim());
        Assert.Equal("240.00", rows[0].QuerySelector("[data-testid=offer-total-stay]")!.TextContent.Trim());
        Assert.Equal("ANY-DLX (+30.00)", rows[0].QuerySelector("[data-testid=offer-other-rules]")!.TextContent.Trim());
        Assert.Equal("none", rows[1].QuerySelector("[data-testid=offer-other-rules]")!.TextContent.Trim());
        Assert.Contains("at most 3 offers", page.Find("[data-testid=quote-summary]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=offer-nights]"));

        rows[0].QuerySelector("[data-testid=offer-nights-toggle]")!.Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.Find("[data-testid=offer-nights]").QuerySelectorAll(".nights-table tbody tr").Length));
    }

    [Fact]
    public void Quote_UsesTheCurrentPropertyAndADefaultStay()
    {
        var page = RenderPage();

        page.Find("[data-testid=quote-button]").Click();

        page.WaitForAssertion(() => Assert.Single(QuoteService.Quotes));
        var (input, explain) = QuoteService.Quotes[0];
        Assert.Equal(1, input.PropertyId);
        Assert.Equal(("STD", "BAR"), (input.RoomType, input.RateCode));
        Assert.Equal(new DateOnly(2026, 11, 23), input.ArrivalDate);
        Assert.Equal(new DateOnly(2026, 11, 24), input.DepartureDate);
        Assert.False(explain);
    }

    [Fact]
    public void Quote_NoOffers_SaysWhyInPlainWords()
    {
        QuoteService.QuoteAnswer = (_, _) => new QuoteOutcome
        {
            Status = QuoteStatus.NoOffers,
            Message = "No offers: the stay is 9 nights, the property offers upsells up to 7 nights.",
        };
        var page = RenderPage();

        page.Find("[data-testid=quote-button]").Click();

        page.WaitForAssertion(() => Assert.Equal("No offers: the stay is 9 nights, the property offers upsells up to 7 nights.",
            page.Find("[data-testid=no-offers]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=offers-grid]"));
    }

    [Fact]
    public void WhyNot_AsksForExplanationsAndListsEachRulesReasons()
    {
        QuoteService.QuoteAnswer = (_, explain) => new QuoteOutcome
        {
            Status = QuoteStatus.Offers,
            Offers = [FakeQuoteService.Offer("DLX", "STD-DLX", 100m, 20m)],
            NotOffered = explain ? [new RuleReasonView("CORP-STE", "STE", ["Rate code BAR is not in the rule's list (CORP)"], [Criterion.RateCode])] : [],
        };
        var page = RenderPage();
        page.Find("[data-testid=quote-button]").Click();
        page.WaitForElement("[data-testid=offer-row]");
        Assert.Empty(page.FindAll("[data-testid=reason-item]"));

        Input(page, "why-not").Change(true);

        page.WaitForAssertion(() => Assert.Equal("CORP-STE", page.Find("[data-testid=reason-item]").GetAttribute("data-rule")));
        Assert.True(QuoteService.Quotes[^1].Explain);
        Assert.Equal("Rate code BAR is not in the rule's list (CORP)", page.Find("[data-testid=reason]").TextContent);
    }

    [Fact]
    public void Quote_InvalidAnswer_ShowsTheServiceErrors()
    {
        QuoteService.QuoteAnswer = (_, _) => QuoteOutcome.Invalid([new("", "The property has no price for rate code BAR in room type STD on 2026-11-23, so the stay cannot be quoted.")]);
        var page = RenderPage();

        page.Find("[data-testid=quote-button]").Click();

        page.WaitForAssertion(() => Assert.Contains("has no price for rate code BAR", page.Find("[data-testid=quote-errors]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Quote_DepartureBeforeArrival_IsStoppedByTheForm()
    {
        var page = RenderPage();
        Input(page, "stay-departure").Change("2026-11-20");

        page.Find("[data-testid=quote-button]").Click();

        page.WaitForAssertion(() => Assert.Contains("Departure must be after arrival.", page.Markup, StringComparison.Ordinal));
        Assert.Empty(QuoteService.Quotes);
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<UpsellQuotePage> page, string testId)
    {
        var element = page.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }
}
