using Bunit;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Loyalty;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Loyalty;

public sealed class LoyaltyProgramsPageTests : LoyaltyUiTestContext
{
    [Fact]
    public void Render_ListsTheChainsProgramsWithTheirFields()
    {
        RenderProviders();
        var cut = Render<LoyaltyProgramsPage>();

        cut.WaitForAssertion(() => Assert.Equal(["Gold Exclusive Club", "Platinum Club"], cut.FindAll("[data-testid=program-name]").Select(e => e.TextContent).Order()));
        Assert.Contains("Connector API Chain", cut.Find("[data-testid=chain-name]").TextContent, StringComparison.Ordinal);
        var markup = cut.Find("[data-testid=programs-grid]").TextContent;
        Assert.Contains("PC01", markup, StringComparison.Ordinal);
        Assert.Contains("SoftBrand", markup, StringComparison.Ordinal);
        Assert.Contains("Paid", markup, StringComparison.Ordinal);
        Assert.Contains(FakeLoyaltyService.PlatinumClub, markup, StringComparison.Ordinal);
    }

    [Fact]
    public void New_SaveEmptyRows_ShowsTheValidationMessagesAndSendsNothing()
    {
        RenderProviders();
        var cut = Render<LoyaltyProgramsPage>();
        cut.WaitForElement("[data-testid=program-new]").Click();
        Dialogs.WaitForElement("[data-testid=program-add-row]").Click();

        Dialogs.Find("[data-testid=program-save]").Click();

        Dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("Enter the program's name.", Dialogs.Markup, StringComparison.Ordinal);
            Assert.Contains("Enter the program's code", Dialogs.Markup, StringComparison.Ordinal);
        });
        Assert.Equal(2, Dialogs.FindAll("[data-testid=program-row]").Count);
        Assert.DoesNotContain(Loyalty.Calls, c => c.StartsWith("AddPrograms", StringComparison.Ordinal));
    }

    [Fact]
    public void New_TwoProgramsWithTheSameCode_TheSecondCodeIsFlagged()
    {
        RenderProviders();
        var cut = Render<LoyaltyProgramsPage>();
        cut.WaitForElement("[data-testid=program-new]").Click();
        Dialogs.WaitForElement("[data-testid=program-add-row]").Click();
        var names = Dialogs.FindAll("input[data-testid=program-field-name]");
        var codes = Dialogs.FindAll("input[data-testid=program-field-code]");
        names[0].Input("Bronze");
        codes[0].Input("BR");
        Dialogs.FindAll("input[data-testid=program-field-name]")[1].Input("Bronze again");
        Dialogs.FindAll("input[data-testid=program-field-code]")[1].Input("br");

        Dialogs.Find("[data-testid=program-save]").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("Code br appears twice in this list.", Dialogs.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(Loyalty.Calls, c => c.StartsWith("AddPrograms", StringComparison.Ordinal));
    }

    [Fact]
    public void New_ValidProgram_IsAddedThroughTheServiceAndReported()
    {
        RenderProviders();
        var cut = Render<LoyaltyProgramsPage>();
        cut.WaitForElement("[data-testid=program-new]").Click();
        Dialogs.WaitForElement("input[data-testid=program-field-name]").Input("Bronze Friends");
        Dialogs.Find("input[data-testid=program-field-code]").Input("BF01");

        Dialogs.Find("[data-testid=program-save]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Added 1 loyalty programs.", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(("Bronze Friends", "BF01"), (Loyalty.AddedPrograms.Single().Name, Loyalty.AddedPrograms.Single().Code));
        cut.WaitForAssertion(() => Assert.Contains("Bronze Friends", cut.Find("[data-testid=programs-grid]").TextContent, StringComparison.Ordinal));
        Assert.Empty(Dialogs.FindAll("[data-testid=program-dialog]"));
    }

    [Fact]
    public void New_MewsAnswers403_ItsMessageIsShownInTheDialog()
    {
        Loyalty.NextWrite = FakeLoyaltyService.Mews403("Loyalty program code PX is reserved by the chain.");
        RenderProviders();
        var cut = Render<LoyaltyProgramsPage>();
        cut.WaitForElement("[data-testid=program-new]").Click();
        Dialogs.WaitForElement("input[data-testid=program-field-name]").Input("Px");
        Dialogs.Find("input[data-testid=program-field-code]").Input("PX");

        Dialogs.Find("[data-testid=program-save]").Click();

        Dialogs.WaitForAssertion(() => Assert.Equal(
            "Mews refused the change (403): Loyalty program code PX is reserved by the chain. (RequestId req-403)",
            Dialogs.Find("[data-testid=program-dialog-error]").TextContent.Trim()));
        Assert.Single(Dialogs.FindAll("[data-testid=program-dialog]"));
    }

    [Fact]
    public void Edit_CodeCannotBeChanged()
    {
        RenderProviders();
        var cut = Render<LoyaltyProgramsPage>();
        cut.WaitForElement("[data-testid=program-edit-PC01]").Click();

        var code = Dialogs.WaitForElement("input[data-testid=program-field-code]");

        Assert.True(code.HasAttribute("disabled"));
        Assert.Equal("PC01", code.GetAttribute("value"));
        Assert.Contains("Mews does not allow changing the code", Dialogs.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void FrontDesk_ReadsProgramsButHasNoNewEditOrDelete()
    {
        SignInAs(Roles.FrontDesk);
        RenderProviders();
        var cut = Render<LoyaltyProgramsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=program-name]").Count));
        Assert.Empty(cut.FindAll("[data-testid=program-new]"));
        Assert.Empty(cut.FindAll("[data-testid=program-delete]"));
        Assert.Empty(cut.FindAll("[data-testid=program-edit-PC01]"));
        Assert.Single(cut.FindAll("[data-testid=program-tiers-PC01]"));
    }

    [Fact]
    public void PortfolioToken_SeveralChains_TheUserPicksTheChain()
    {
        Loyalty.Chains = new LoyaltyChainChoice([new LoyaltyChain(FakeLoyaltyService.Chain, "Connector API Chain"), new LoyaltyChain("11111111-1111-1111-1111-111111111111", "Other Chain")], true);
        RenderProviders();
        var cut = Render<LoyaltyProgramsPage>();

        cut.WaitForElement("[data-testid=chain-select]");
        Assert.Empty(cut.FindAll("[data-testid=chain-name]"));
        Assert.Contains($"GetPrograms {FakeLoyaltyService.Chain}", Loyalty.Calls);
    }
}
