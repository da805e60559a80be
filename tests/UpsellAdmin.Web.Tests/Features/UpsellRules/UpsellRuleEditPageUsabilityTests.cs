using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.UpsellRules;

/// <summary>The rule page's usability items: nothing typed is cut or changed silently, Days of Week on the form, the
/// way back to the grid, and a refused Save that says how many fields need attention.</summary>
public sealed class UpsellRuleEditPageUsabilityTests : UiTestContext
{
    private const string FieldError = ".mud-input-helper-text.mud-input-error";

    public UpsellRuleEditPageUsabilityTests() => RenderProviders();

    private IRenderedComponent<UpsellRuleEditPage> RenderEdit(string? returnUrl = null, int id = 7)
    {
        Rules.Stored[id] = FakeUpsellRuleService.ValidRule(id);
        if (returnUrl is not null)
        {
            var navigation = Services.GetRequiredService<NavigationManager>();
            navigation.NavigateTo(navigation.GetUriWithQueryParameter(RuleGridReturn.ReturnUrlParameter, returnUrl));
        }

        var cut = Render<UpsellRuleEditPage>(p => p.Add(x => x.PropertyId, 1).Add(x => x.RuleId, id));
        cut.WaitForElement("[data-testid=field-code]");
        return cut;
    }

    private static string ErrorOf(IRenderedComponent<UpsellRuleEditPage> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.QuerySelector(FieldError)?.TextContent ?? "";

    [Fact]
    public void Description_HasNoBrowserMaxLength_ShowsTheCounterAndRefusesMoreThan40WithTheCount()
    {
        var cut = RenderEdit();
        var description = cut.Find("[data-testid=field-description]");
        // No browser limit at 40 (MudBlazor always writes its own, far larger, default).
        Assert.True(!description.HasAttribute("maxlength") || int.Parse(description.GetAttribute("maxlength")!, System.Globalization.CultureInfo.InvariantCulture) > 1000);

        cut.Find("[data-testid=field-description]").Input(new string('x', 45));

        cut.WaitForAssertion(() =>
        {
            var field = cut.Find("[data-testid=field-description]").Closest(".mud-input-control")!;
            Assert.Contains("45 / 40", field.TextContent, StringComparison.Ordinal);
            Assert.Contains("Rule Description can be at most 40 characters (it has 45).", ErrorOf(cut, "field-description"), StringComparison.Ordinal);
        });
        cut.Find("[data-testid=save]").Click();
        Assert.Empty(Rules.Saved);
    }

    [Fact]
    public void DaysInAdvance_MinusThree_IsRefusedWithAMessageNotClampedToZero()
    {
        var cut = RenderEdit();

        cut.Find("[data-testid=field-days]").Change("-3");
        cut.Find("[data-testid=save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Days in advance cannot be negative (-3)", ErrorOf(cut, "field-days"), StringComparison.Ordinal));
        Assert.Equal("-3", cut.Find("[data-testid=field-days]").GetAttribute("value"));
        Assert.Empty(Rules.Saved);
        cut.WaitForAssertion(() => Assert.Contains("need", cut.Find("[data-testid=attention]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void DaysOfWeek_FriAndSatTicked_AreSaved()
    {
        var cut = RenderEdit();
        Assert.Contains("every day", cut.Find("[data-testid=days-of-week-help]").TextContent, StringComparison.OrdinalIgnoreCase);

        cut.Find("input[data-testid=day-Friday]").Change(true);
        cut.Find("input[data-testid=day-Saturday]").Change(true);
        cut.WaitForAssertion(() => Assert.Contains("Fri or Sat", cut.Find("[data-testid=days-of-week-help]").TextContent, StringComparison.Ordinal));
        cut.Find("[data-testid=save]").Click();

        cut.WaitForAssertion(() => Assert.Equal([DayOfWeek.Friday, DayOfWeek.Saturday], Rules.Saved.Single().DaysOfWeek));
    }

    [Fact]
    public void Save_CameFromAFilteredGrid_ReturnsToItWithTheSavedRuleHighlighted()
    {
        var cut = RenderEdit(returnUrl: "/upsell-rules?from=STD&page=2");

        cut.Find("[data-testid=save]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/upsell-rules?from=STD&page=2&highlight=7", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
    }

    [Fact]
    public void Cancel_GoesBackToTheGridTheUserCameFrom_AndAForeignReturnUrlIsIgnored()
    {
        var cut = RenderEdit(returnUrl: "/upsell-rules?from=STD");
        Assert.Equal("/upsell-rules?from=STD", cut.Find("[data-testid=cancel]").GetAttribute("href"));

        var other = RenderEdit(returnUrl: "https://evil.example/upsell-rules");
        Assert.Equal(PageUrls.UpsellRules, other.Find("[data-testid=cancel]").GetAttribute("href"));
    }

    [Fact]
    public void FormModel_StoredAmountWithTrailingZeros_ShowsThePlainNumberAndKeepsEveryDecimal()
    {
        var stored = FakeUpsellRuleService.ValidRule(1).ToDefinition() with { UpsellAmount = 45.0000m };

        Assert.Equal("45", UpsellRuleFormModel.FromDefinition(stored, []).UpsellAmount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(12.345678m, UpsellRuleFormModel.FromDefinition(stored with { UpsellAmount = 12.345678m }, []).UpsellAmount);
    }
}
