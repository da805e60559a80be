using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.UpsellRules;

public sealed class UpsellRulesPageTests : UiTestContext
{
    private const string RowSelector = "tbody.mud-table-body tr.mud-table-row";

    public UpsellRulesPageTests() => RenderProviders();

    private static string[] Codes(IRenderedComponent<UpsellRulesPage> cut) =>
        cut.FindAll("[data-testid=rule-code]").Select(a => a.TextContent.Trim()).ToArray();

    [Fact]
    public void Search_WithCodeCriterion_PassesCriteriaAndShowsWhatTheServiceReturns()
    {
        var cut = Render<UpsellRulesPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(RowSelector).Count));

        cut.Find("[data-testid=criteria-code]").Input("STE");
        cut.Find("[data-testid=search]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["STD-STE", "DLX-STE"], Codes(cut)));
        Assert.Equal("STE", Rules.LastCriteria!.CodeOrDescription);
    }

    [Fact]
    public void Search_WithRoomTypeRulesTicked_PassesTheCheckBox()
    {
        var cut = Render<UpsellRulesPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(RowSelector).Count));

        CheckBox(cut, "criteria-roomtype-rules").Change(true);
        cut.Find("[data-testid=search]").Click();

        cut.WaitForAssertion(() => Assert.True(Rules.LastCriteria!.RoomTypeRules));
        Assert.False(Rules.LastCriteria!.RoomClassRules);
    }

    [Fact]
    public void Search_NothingMatches_ShowsWhatToDo()
    {
        var cut = Render<UpsellRulesPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(RowSelector).Count));

        cut.Find("[data-testid=criteria-code]").Input("NO-SUCH-RULE");
        cut.Find("[data-testid=search]").Click();

        cut.WaitForAssertion(() => Assert.Contains("select New", cut.Find("[data-testid=empty-state]").TextContent));
    }

    [Fact]
    public void Grid_RuleWithWarnings_ShowsWarningIcon()
    {
        var cut = Render<UpsellRulesPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=rule-warning]")));
    }

    [Fact]
    public void FrontDesk_SeesRulesButNoNewEditDelete()
    {
        SignInAs(Roles.FrontDesk);

        var cut = Render<UpsellRulesPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(RowSelector).Count));
        Assert.Empty(cut.FindAll("[data-testid=new-rule]"));
        Assert.Empty(cut.FindAll("[data-testid=edit-rule]"));
        Assert.Empty(cut.FindAll("[data-testid=delete-rules]"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "New" or "Edit" or "Delete" or "Copy");
    }

    [Fact]
    public void RevenueManager_SeesNewEditDelete()
    {
        var cut = Render<UpsellRulesPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=new-rule]")));
        Assert.Single(cut.FindAll("[data-testid=edit-rule]"));
        Assert.Single(cut.FindAll("[data-testid=delete-rules]"));
    }

    [Fact]
    public void All_SelectsEveryMatchAcrossPages_NoneClears()
    {
        Rules.Rows.AddRange(Enumerable.Range(10, 27).Select(i => FakeUpsellRuleService.Row(i, $"R{i:00}", $"Rule {i}", "STD", "DLX")));
        var cut = Render<UpsellRulesPage>();
        cut.WaitForAssertion(() => Assert.Equal(RuleGridState.DefaultPageSize, cut.FindAll(RowSelector).Count));

        cut.Find("[data-testid=select-all]").Click();
        cut.WaitForAssertion(() => Assert.Equal("30 of 30 selected", cut.Find("[data-testid=selection-count]").TextContent.Trim()));

        cut.Find("[data-testid=select-none]").Click();
        cut.WaitForAssertion(() => Assert.Equal("30 rules found", cut.Find("[data-testid=selection-count]").TextContent.Trim()));
    }

    [Fact]
    public void Delete_TwoSelected_ConfirmsNamingTheCodesThenDeletesBoth()
    {
        var cut = Render<UpsellRulesPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(RowSelector).Count));
        CheckBox(cut, "select-STD-DLX").Change(true);
        CheckBox(cut, "select-DLX-STE").Change(true);

        cut.Find("[data-testid=delete-rules]").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("DLX-STE, STD-DLX", Dialogs.Markup));
        Assert.Contains("Delete 2 upsell rules?", Dialogs.Markup);
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete 2 rules").Click();

        cut.WaitForAssertion(() => Assert.Equal(["STD-STE"], Codes(cut)));
        Assert.Equal([1, 3], Rules.DeletedIds.Order());
        Snackbars.WaitForAssertion(() => Assert.Contains("Deleted 2 upsell rules.", Snackbars.Markup));
    }

    [Fact]
    public void Delete_Cancelled_DeletesNothing()
    {
        var cut = Render<UpsellRulesPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(RowSelector).Count));
        CheckBox(cut, "select-STD-STE").Change(true);

        cut.Find("[data-testid=delete-rules]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("STD-STE", Dialogs.Markup));
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        Dialogs.WaitForAssertion(() => Assert.DoesNotContain("STD-STE", Dialogs.Markup));
        Assert.Empty(Rules.DeletedIds);
        Assert.Equal(3, cut.FindAll(RowSelector).Count);
    }

    [Fact]
    public void Address_WithAVisibleProperty_SelectsIt_BeforeLoading_AndKeepsTheCriteria()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/upsell-rules?property={DemoLookups.Other.Code}&q=STE");

        var cut = Render<UpsellRulesPage>();

        cut.WaitForAssertion(() => Assert.Equal(["STD-STE", "DLX-STE"], Codes(cut)));
        Assert.Equal(DemoLookups.Other.Id, Services.GetRequiredService<CurrentPropertyState>().Current!.Id);
        Assert.Equal("STE", Rules.LastCriteria!.CodeOrDescription);
        cut.WaitForAssertion(() => Assert.Contains($"property={DemoLookups.Other.Code}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
    }

    [Fact]
    public void Address_WithAnUnknownProperty_IsIgnored_TheCurrentPropertyStays()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/upsell-rules?property=NOPE&q=STE");

        var cut = Render<UpsellRulesPage>();

        cut.WaitForAssertion(() => Assert.Equal(["STD-STE", "DLX-STE"], Codes(cut)));
        Assert.Equal(DemoLookups.Hotel.Id, Services.GetRequiredService<CurrentPropertyState>().Current!.Id);
        Assert.Empty(cut.FindAll("[data-testid=load-error]"));
    }

    [Fact]
    public void AddressChange_WithinThePage_ReReadsTheStateAndReloads()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/upsell-rules?q=STE");
        var cut = Render<UpsellRulesPage>();
        cut.WaitForAssertion(() => Assert.Equal(["STD-STE", "DLX-STE"], Codes(cut)));

        cut.InvokeAsync(() => navigation.NavigateTo("/upsell-rules")); // the menu's Upsell Rules

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(RowSelector).Count));
        Assert.Null(Rules.LastCriteria!.CodeOrDescription);
        Assert.Equal("", cut.Find("input[data-testid=criteria-code], [data-testid=criteria-code] input").GetAttribute("value") ?? "");
    }
}
