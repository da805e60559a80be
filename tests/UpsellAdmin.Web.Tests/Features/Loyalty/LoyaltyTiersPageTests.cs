using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Features.Loyalty;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Loyalty;

public sealed class LoyaltyTiersPageTests : LoyaltyUiTestContext
{
    private IRenderedComponent<LoyaltyTiersPage> RenderFor(string programId)
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(PageUrls.LoyaltyTiersOf(programId));
        RenderProviders();
        return Render<LoyaltyTiersPage>();
    }

    [Fact]
    public void Render_ProgramInTheQuery_ShowsItsTiersInOrdering()
    {
        var cut = RenderFor(FakeLoyaltyService.PlatinumClub);

        cut.WaitForAssertion(() => Assert.Equal(["Platinum", "Silver"], cut.FindAll("[data-testid=tier-name]").Select(e => e.TextContent)));
        Assert.Contains("P1", cut.Find("[data-testid=tiers-grid]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void New_ProposesTheNextOrderingAndFlagsMissingFields()
    {
        var cut = RenderFor(FakeLoyaltyService.PlatinumClub);
        cut.WaitForElement("[data-testid=tier-new]").Click();

        var ordering = Dialogs.WaitForElement("input[data-testid=tier-field-ordering]");
        Assert.Equal("3", ordering.GetAttribute("value"));
        Dialogs.Find("[data-testid=tier-save]").Click();

        Dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("Enter the tier's name.", Dialogs.Markup, StringComparison.Ordinal);
            Assert.Contains("Enter the tier's code.", Dialogs.Markup, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(Loyalty.Calls, c => c.StartsWith("AddTiers", StringComparison.Ordinal));
    }

    [Fact]
    public void Edit_MewsAnswers403_ItsMessageIsShown()
    {
        Loyalty.NextWrite = FakeLoyaltyService.Mews403("The loyalty tier is used by memberships and cannot be renamed.");
        var cut = RenderFor(FakeLoyaltyService.PlatinumClub);
        cut.WaitForElement("[data-testid=tier-edit-S1]").Click();
        Dialogs.WaitForElement("input[data-testid=tier-field-name]").Input("Silver Elite");

        Dialogs.Find("[data-testid=tier-save]").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("Mews refused the change (403): The loyalty tier is used by memberships and cannot be renamed.",
            Dialogs.Find("[data-testid=tier-dialog-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains("UpdateTier 3cad97ef-5257-4ced-8599-8e6bbd33331f", Loyalty.Calls);
    }

    [Fact]
    public void New_ValidTier_SavedAndReported()
    {
        var cut = RenderFor(FakeLoyaltyService.PlatinumClub);
        cut.WaitForElement("[data-testid=tier-new]").Click();
        Dialogs.WaitForElement("input[data-testid=tier-field-name]").Input("Bronze");
        Dialogs.Find("input[data-testid=tier-field-code]").Input("B1");

        Dialogs.Find("[data-testid=tier-save]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Added 1 loyalty tiers.", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Contains("AddTiers 1", Loyalty.Calls);
    }
}
