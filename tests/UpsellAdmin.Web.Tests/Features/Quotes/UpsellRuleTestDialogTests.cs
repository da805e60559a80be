using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Quotes;

/// <summary>The rule form's Test dialog, opened the way the form opens it (IDialogService), with a fake quote service.</summary>
public sealed class UpsellRuleTestDialogTests : QuoteUiTestContext
{
    private static UpsellRuleFormModel Rule(Action<UpsellRuleFormModel>? configure = null)
    {
        var model = new UpsellRuleFormModel
        {
            PropertyId = 1,
            Code = "STD-DLX",
            Description = "Standard to Deluxe",
            From = "STD",
            To = "DLX",
            RateCodes = ["BAR"],
            UpsellAmount = 15m,
            CurrencyCode = "USD",
        };
        configure?.Invoke(model);
        return model;
    }

    private async Task OpenAsync(UpsellRuleFormModel model)
    {
        RenderProviders();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<UpsellRuleTestDialog> { { d => d.Rule, model } };
        await Dialogs.InvokeAsync(() => dialogs.ShowAsync<UpsellRuleTestDialog>(null, parameters, UpsellRuleTestDialog.Options));
        Dialogs.WaitForElement("[data-testid=rule-test-dialog]");
    }

    private IElement Field(string testId)
    {
        var element = Dialogs.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    private void PressTest() => Dialogs.Find("[data-testid=rule-test-run]").Click();

    [Fact]
    public async Task Open_PrefillsAStayTheRuleIsMeantForAndItsRates()
    {
        await OpenAsync(Rule());

        Dialogs.WaitForAssertion(() => Assert.Single(Dialogs.FindAll("[data-testid=rule-test-night]")));
        Assert.Equal("2026-11-23", Field("stay-arrival").GetAttribute("value"));
        Assert.Equal("1", Field("stay-nights").GetAttribute("value"));
        Assert.Equal("2026-11-24", Field("stay-departure").GetAttribute("value"));
        Assert.Contains("STD → DLX (room type), Flat Amount Added to Original Rate, 15.00 USD", Dialogs.Find("[data-testid=rule-test-summary]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Target (DLX)", Dialogs.Find("[data-testid=rule-test-rates]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nights_Changed_MovesTheDepartureAndReloadsTheRates()
    {
        await OpenAsync(Rule());

        Field("stay-nights").Input("3");

        Dialogs.WaitForAssertion(() => Assert.Equal("2026-11-26", Field("stay-departure").GetAttribute("value")));
        Dialogs.WaitForAssertion(() => Assert.Equal(3, Dialogs.FindAll("[data-testid=rule-test-night]").Count));
    }

    [Fact]
    public async Task Departure_Changed_SetsTheNights()
    {
        await OpenAsync(Rule());

        Field("stay-departure").Change("2026-11-28");

        Dialogs.WaitForAssertion(() => Assert.Equal("5", Field("stay-nights").GetAttribute("value")));
        Dialogs.WaitForAssertion(() => Assert.Equal(5, Dialogs.FindAll("[data-testid=rule-test-night]").Count));
    }

    [Fact]
    public async Task Test_RuleUsesOccupancyLevelsAndNoneChosen_AsksForTheLevelAndDoesNotTest()
    {
        await OpenAsync(Rule(m =>
        {
            m.UseOccupancyLevels = true;
            m.OccupancyAmounts = [new OccupancyAmountModel { Level = 1, Description = "Low" }];
        }));

        Assert.Contains("Required: the rule uses occupancy levels", Dialogs.Markup, StringComparison.Ordinal);
        PressTest();

        Dialogs.WaitForAssertion(() => Assert.Contains("Occupancy Level is required: the rule uses occupancy levels.", Dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(QuoteService.Tests);
    }

    [Fact]
    public async Task Test_RuleWithLevelAmounts_PreselectsALevelAndTests()
    {
        await OpenAsync(Rule(m =>
        {
            m.UseOccupancyLevels = true;
            m.OccupancyAmounts = [new OccupancyAmountModel { Level = 2, Description = "High", Amount = 30m }];
        }));

        PressTest();

        Dialogs.WaitForAssertion(() => Assert.Single(QuoteService.Tests));
        Assert.Equal(2, QuoteService.Tests[0].Input.OccupancyLevel);
    }

    [Fact]
    public async Task Test_WithAnOffer_ShowsTheUpsellOffersGridWithTheNights()
    {
        QuoteService.TestAnswer = new RuleTestOutcome { Offers = [FakeQuoteService.Offer("DLX", "STD-DLX", 100m, 15m)], CurrencyCode = "USD" };
        await OpenAsync(Rule());

        PressTest();

        var row = Dialogs.WaitForElement("[data-testid=offer-row]");
        Assert.Equal("DLX", row.GetAttribute("data-room-type"));
        Assert.Equal("115.00", row.QuerySelector("[data-testid=offer-total-stay]")!.TextContent.Trim());
        Assert.Equal("+15.00", row.QuerySelector("[data-testid=offer-total-upsell]")!.TextContent.Trim());
        Assert.Equal("STD-DLX", row.QuerySelector("[data-testid=offer-rule]")!.TextContent.Trim());
        Assert.NotNull(Dialogs.Find("[data-testid=offer-nights]"));
        Assert.Empty(Dialogs.FindAll("[data-testid=reason-item]"));
    }

    [Fact]
    public async Task Test_WithoutAnOffer_ShowsEveryReasonInPlainWords()
    {
        QuoteService.TestAnswer = new RuleTestOutcome
        {
            NotOffered = [new RuleReasonView("STD-DLX", "DLX", ["Booked 1 day before arrival; the rule needs at least 10", "Rate code CORP is not in the rule's list (BAR)"], [Criterion.DaysInAdvance, Criterion.RateCode])],
        };
        await OpenAsync(Rule());

        PressTest();

        Dialogs.WaitForElement("[data-testid=rule-test-no-offer]");
        var reasons = Dialogs.FindAll("[data-testid=reason]").Select(r => r.TextContent).ToList();
        Assert.Equal(["Booked 1 day before arrival; the rule needs at least 10", "Rate code CORP is not in the rule's list (BAR)"], reasons);
        Assert.Empty(Dialogs.FindAll("[data-testid=offer-row]"));
    }

    [Fact]
    public async Task Test_UsesTheRuleAsItIsOnScreenNow()
    {
        var model = Rule();
        await OpenAsync(model);
        model.UpsellAmount = 25m;

        PressTest();

        Dialogs.WaitForAssertion(() => Assert.Single(QuoteService.Tests));
        var (input, rule, nights) = QuoteService.Tests[0];
        Assert.Equal(25m, rule.UpsellAmount);
        Assert.Equal(("STD", "BAR", 1), (input.RoomType, input.RateCode, input.PropertyId));
        Assert.Equal(150m, Assert.Single(nights).TargetRates["DLX"]);
    }

    [Fact]
    public async Task Test_EditedRate_IsSentToTheService()
    {
        await OpenAsync(Rule());

        Dialogs.Find("[data-testid=rule-test-target]").Change("125");
        PressTest();

        Dialogs.WaitForAssertion(() => Assert.Single(QuoteService.Tests));
        Assert.Equal(125m, QuoteService.Tests[0].Nights[0].TargetRates["DLX"]);
    }

    [Fact]
    public async Task Test_ServiceErrors_AreShown()
    {
        QuoteService.TestAnswer = new RuleTestOutcome { Errors = [new("Rule", "The rule is not complete: the upsell amount is required when occupancy levels are not used.")] };
        await OpenAsync(Rule());

        PressTest();

        Dialogs.WaitForAssertion(() => Assert.Contains("The rule is not complete", Dialogs.Find("[data-testid=rule-test-errors]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void TargetRoomTypes_RoomClassRule_AreTheRoomTypesOfItsToClass()
    {
        var lookups = DemoLookups.For(DemoLookups.Hotel);
        var rule = Rule(m =>
        {
            m.UpsellByRoomType = false;
            m.From = "ROOM";
            m.To = "SUITE";
        }).ToDefinition();

        Assert.Equal(["STE", "PEN"], UpsellRuleTestDialog.TargetRoomTypes(rule, lookups));
    }
}
