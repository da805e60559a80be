using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Usability;

/// <summary>Review of issue 15: Discard on a property switch really discards the rule's edits (the page goes to the
/// grid of the new property); Stay keeps the rule and the edit.</summary>
public sealed class RulePagePropertySwitchTests : UiTestContext
{
    public RulePagePropertySwitchTests() => RenderProviders();

    private (IRenderedComponent<UpsellRuleEditPage> Page, CurrentPropertyState State, Task<bool> Switching) EditThenSwitch()
    {
        Rules.Stored[7] = FakeUpsellRuleService.ValidRule(7);
        var cut = Render<UpsellRuleEditPage>(p => p.Add(x => x.PropertyId, DemoLookups.Hotel.Id).Add(x => x.RuleId, 7));
        cut.WaitForElement("[data-testid=field-description]");
        cut.Find("[data-testid=field-description]").Input("Edited, not saved");
        var state = Services.GetRequiredService<CurrentPropertyState>();
        var switching = cut.InvokeAsync(() => state.SelectAsync(DemoLookups.Other.Id));
        Dialogs.WaitForElement("[data-testid=unsaved-dialog]");
        Assert.Contains("switch property", Dialogs.Find("[data-testid=unsaved-text]").TextContent, StringComparison.Ordinal);
        return (cut, state, switching);
    }

    [Fact]
    public async Task Discard_OnAPropertySwitch_LeavesTheRuleForTheGridOfTheNewProperty()
    {
        var (_, state, switching) = EditThenSwitch();
        var navigation = Services.GetRequiredService<NavigationManager>();

        Dialogs.Find("[data-testid=unsaved-discard]").Click();

        Assert.True(await switching);
        Assert.Equal(DemoLookups.Other.Id, state.Current!.Id);
        Assert.Equal(PageUrls.UpsellRules, "/" + navigation.ToBaseRelativePath(navigation.Uri));
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=unsaved-dialog]"))); // asked once only
    }

    [Fact]
    public async Task Stay_OnAPropertySwitch_KeepsTheRuleWithTheEdit()
    {
        var (cut, state, switching) = EditThenSwitch();
        var navigation = Services.GetRequiredService<NavigationManager>();
        var before = navigation.Uri;

        Dialogs.Find("[data-testid=unsaved-stay]").Click();

        Assert.False(await switching);
        Assert.Equal(DemoLookups.Hotel.Id, state.Current!.Id);
        Assert.Equal(before, navigation.Uri);
        Assert.Equal("Edited, not saved", cut.Find("[data-testid=field-description]").GetAttribute("value"));
    }
}
