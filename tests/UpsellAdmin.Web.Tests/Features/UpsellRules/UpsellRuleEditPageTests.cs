using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.UpsellRules;

public sealed class UpsellRuleEditPageTests : UiTestContext
{
    private const string FieldError = ".mud-input-helper-text.mud-input-error";

    public UpsellRuleEditPageTests() => RenderProviders();

    private IRenderedComponent<UpsellRuleEditPage> RenderNew()
    {
        var cut = Render<UpsellRuleEditPage>(p => p.Add(x => x.PropertyId, 1));
        cut.WaitForElement("[data-testid=save]");
        return cut;
    }

    private IRenderedComponent<UpsellRuleEditPage> RenderEdit(int id = 7)
    {
        Rules.Stored[id] = FakeUpsellRuleService.ValidRule(id);
        var cut = Render<UpsellRuleEditPage>(p => p.Add(x => x.PropertyId, 1).Add(x => x.RuleId, id));
        cut.WaitForElement("[data-testid=field-code]");
        return cut;
    }

    private static Task ChooseFormula(IRenderedComponent<UpsellRuleEditPage> cut, UpsellFormula formula)
    {
        var select = cut.FindComponent<MudSelect<UpsellFormula>>();
        return cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(formula));
    }

    /// <summary>The text of the label of the form field that holds the element with this test id.</summary>
    private static string LabelOf(IRenderedComponent<UpsellRuleEditPage> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.QuerySelector("label")!.TextContent.Trim();

    [Fact]
    public void Code_IsLabelledCodeWithHelperText()
    {
        var cut = RenderNew();

        Assert.Equal("Code", LabelOf(cut, "field-code"));
        Assert.Contains("The rule's own code", cut.Find("[data-testid=field-code]").Closest(".mud-input-control")!.TextContent);
        Assert.Equal("Upsell Rules - New", cut.Find("[data-testid=form-title]").TextContent);
    }

    [Fact]
    public async Task Formula_ChangedToPercentage_RelabelsAmountAsUpsellPercentage()
    {
        var cut = RenderNew();
        Assert.Equal("Upsell Amount", LabelOf(cut, "field-amount"));

        await ChooseFormula(cut, UpsellFormula.PercentOfDifferenceAddedToOriginalRate);
        cut.WaitForAssertion(() => Assert.Equal("Upsell Percentage", LabelOf(cut, "field-amount")));

        await ChooseFormula(cut, UpsellFormula.FlatAmountAddedToOriginalRate);
        cut.WaitForAssertion(() => Assert.Equal("Upsell Amount", LabelOf(cut, "field-amount")));
    }

    [Fact]
    public async Task Formula_Changed_ClearsTheUpsellAmountOnScreen()
    {
        var cut = RenderEdit();
        Assert.Equal("25", cut.Find("[data-testid=field-amount]").GetAttribute("value"));

        await ChooseFormula(cut, UpsellFormula.PercentOfOriginalRateAddedToOriginalRate);

        cut.WaitForAssertion(() => Assert.Equal("", cut.Find("[data-testid=field-amount]").GetAttribute("value") ?? ""));
    }

    [Fact]
    public void UseOccupancyLevels_Ticked_ShowsOneRowPerLevelInsteadOfTheAmount()
    {
        var cut = RenderNew();
        Assert.Empty(cut.FindAll("[data-testid=occupancy-grid]"));

        CheckBox(cut, "field-use-levels").Change(true);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=occupancy-row]").Count));
        Assert.Empty(cut.FindAll("[data-testid=field-amount]"));
        Assert.Contains("Low", cut.Find("[data-testid=occupancy-grid]").TextContent);
    }

    [Fact]
    public async Task Formula_Changed_ClearsEveryOccupancyLevelAmount()
    {
        var cut = RenderNew();
        CheckBox(cut, "field-use-levels").Change(true);
        cut.WaitForElement("[data-testid=level-amount-1]").Change("10");
        cut.Find("[data-testid=level-amount-2]").Change("20");
        cut.WaitForAssertion(() => Assert.Equal("20", cut.Find("[data-testid=level-amount-2]").GetAttribute("value")));

        await ChooseFormula(cut, UpsellFormula.PercentOfDifferenceAddedToOriginalRate);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("", cut.Find("[data-testid=level-amount-1]").GetAttribute("value") ?? "");
            Assert.Equal("", cut.Find("[data-testid=level-amount-2]").GetAttribute("value") ?? "");
        });
    }

    [Fact]
    public void Save_WithoutCode_ShowsTheMessageBesideCode_AndDoesNotSave()
    {
        var cut = RenderNew();

        cut.Find("[data-testid=save]").Click();

        cut.WaitForAssertion(() =>
        {
            var codeField = cut.Find("[data-testid=field-code]").Closest(".mud-input-control")!;
            Assert.Contains("Code is required.", codeField.QuerySelector(FieldError)!.TextContent);
        });
        Assert.Empty(Rules.Saved);
    }

    [Fact]
    public void Save_CodeTakenByAnotherRule_ShowsTheValidatorMessageBesideCode()
    {
        var cut = RenderNew();

        cut.Find("[data-testid=field-code]").Input("STD-STE");

        cut.WaitForAssertion(() => Assert.Contains("already used by another rule",
            cut.Find("[data-testid=field-code]").Closest(".mud-input-control")!.QuerySelector(FieldError)!.TextContent));
    }

    [Fact]
    public void Save_ServerRejectsAField_ShowsItsMessageBesideThatField()
    {
        var cut = RenderEdit();
        Rules.SaveResults.Enqueue(SaveResult.Invalid([new FieldError(nameof(UpsellRuleFormModel.Description), "Rule Description clashes with the server.")]));

        cut.Find("[data-testid=save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Rule Description clashes with the server.",
            cut.Find("[data-testid=field-description]").Closest(".mud-input-control")!.QuerySelector(FieldError)!.TextContent));
        Assert.Single(Rules.Saved);
    }

    [Fact]
    public void Save_Conflict_SaysInPlainWordsThatNothingWasOverwritten()
    {
        var cut = RenderEdit();
        Rules.SaveResults.Enqueue(SaveResult.Conflict("Changed by someone else."));

        cut.Find("[data-testid=save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Nothing was saved", cut.Find("[data-testid=conflict]").TextContent));
        Assert.Single(Rules.Saved);
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void Save_Valid_SavesShowsSnackbarAndReturnsToTheRules()
    {
        var cut = RenderEdit();

        cut.Find("[data-testid=save]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Rule STD-DLX saved.", Snackbars.Markup));
        Assert.Equal("STD-DLX", Rules.Saved.Single().Code);
        // Back to the grid with the saved rule highlighted (RuleGridReturn).
        Assert.EndsWith(PageUrls.UpsellRules + "?highlight=7", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task From_WithHierarchy_OffersOnlyItsToRoomTypesInSequence()
    {
        var cut = RenderNew();
        var from = cut.FindComponents<MudSelect<string>>().First(s => s.Instance.Label == "From Room Type");
        await cut.InvokeAsync(() => from.Instance.ValueChanged.InvokeAsync("STD"));

        var to = cut.FindComponents<MudSelect<string>>().First(s => s.Instance.Label == "To Room Type");
        var items = to.FindComponents<MudSelectItem<string>>().Select(i => i.Instance.Value ?? "").ToArray();
        Assert.Equal(["DLX", "STE"], items);
    }

    [Fact]
    public void FrontDesk_OpensTheFormByUrl_ReadOnlyWithoutSave()
    {
        SignInAs(Roles.FrontDesk);

        var cut = RenderEdit();

        Assert.Empty(cut.FindAll("[data-testid=save]"));
        Assert.NotNull(cut.Find("[data-testid=read-only]"));
        Assert.True(cut.Find("[data-testid=field-code]").HasAttribute("readonly"));
        Assert.Equal("Upsell Rules - View", cut.Find("[data-testid=form-title]").TextContent);
    }
}
