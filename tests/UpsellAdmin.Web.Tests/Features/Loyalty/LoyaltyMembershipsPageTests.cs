using Microsoft.Extensions.DependencyInjection;
using Bunit;
using MudBlazor;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Loyalty;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Loyalty;

public sealed class LoyaltyMembershipsPageTests : LoyaltyUiTestContext
{
    [Fact]
    public void Search_ByCustomer_ShowsTheMembershipsWithProgramTierAndPoints()
    {
        RenderProviders();
        var cut = Render<LoyaltyMembershipsPage>();
        cut.WaitForElement("input[data-testid=membership-customer]").Input("John Smith");

        cut.Find("[data-testid=membership-search]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["John Smith"], cut.FindAll("[data-testid=membership-customer-name]").Select(e => e.TextContent)));
        var grid = cut.Find("[data-testid=memberships-grid]").TextContent;
        Assert.Contains("Platinum Club", grid, StringComparison.Ordinal);
        Assert.Contains("MBR-2025-AX49ZT73", grid, StringComparison.Ordinal);
        Assert.Contains("2029-11-22", grid, StringComparison.Ordinal);
        Assert.Equal("John Smith", Loyalty.LastQuery?.Customer);
    }

    [Fact]
    public void FrontDesk_LooksUpMembershipsButCannotEnrollEditOrDelete()
    {
        SignInAs(Roles.FrontDesk);
        RenderProviders();
        var cut = Render<LoyaltyMembershipsPage>();
        cut.WaitForElement("input[data-testid=membership-customer]").Input("Smith");
        cut.Find("[data-testid=membership-search]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=membership-customer-name]")));
        Assert.Empty(cut.FindAll("[data-testid=membership-new]"));
        Assert.Empty(cut.FindAll("[data-testid=membership-edit]"));
        Assert.Empty(cut.FindAll("[data-testid=membership-delete]"));
    }

    [Fact]
    public void Enroll_WithoutCustomer_AsksToFindOneAndSendsNothing()
    {
        RenderProviders();
        var cut = Render<LoyaltyMembershipsPage>();
        cut.WaitForElement("[data-testid=membership-new]").Click();

        Dialogs.WaitForElement("[data-testid=membership-save]").Click();

        Dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("Find and choose the customer", Dialogs.Markup, StringComparison.Ordinal);
            Assert.Contains("Choose the loyalty program.", Dialogs.Markup, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(Loyalty.Calls, c => c.StartsWith("AddMembership", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Enroll_FindJohnSmith_BadUrl_IsFlaggedBeforeMews()
    {
        RenderProviders();
        await OpenDialogAsync(new LoyaltyMembershipForm { ProgramId = FakeLoyaltyService.PlatinumClub });
        Dialogs.Find("input[data-testid=membership-find-text]").Input("John Smith");
        Dialogs.Find("[data-testid=membership-find]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("John Smith (j.smith@example.com)", Dialogs.Markup, StringComparison.Ordinal));
        Dialogs.Find("input[data-testid=membership-field-url]").Input("rewards/john");

        Dialogs.Find("[data-testid=membership-save]").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("URL: a full web address", Dialogs.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(Loyalty.Calls, c => c.StartsWith("AddMembership", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Enroll_SecondPrimary_TheReasonIsShownUnderPrimary()
    {
        Loyalty.NextWrite = LoyaltyWriteResult.Invalid([new FieldError(nameof(LoyaltyMembershipForm.IsPrimary),
            "John Smith's membership in Platinum Club is already the primary one. A customer has only one primary membership in the chain.")]);
        RenderProviders();
        await OpenDialogAsync(new LoyaltyMembershipForm { Customer = FakeLoyaltyService.John, ProgramId = "da34b396-41f7-47f6-8847-aecf00a3f19e", IsPrimary = true });

        Dialogs.Find("[data-testid=membership-save]").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("already the primary one",
            Dialogs.Find("[data-testid=membership-primary-help]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Enroll_MewsAnswers403_ItsMessageIsShown()
    {
        Loyalty.NextWrite = FakeLoyaltyService.Mews403("The customer already has a primary loyalty membership; only one membership per customer can be primary.");
        RenderProviders();
        await OpenDialogAsync(new LoyaltyMembershipForm { Customer = FakeLoyaltyService.John, ProgramId = FakeLoyaltyService.PlatinumClub, IsPrimary = true });

        Dialogs.Find("[data-testid=membership-save]").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains(
            "Mews refused the change (403): The customer already has a primary loyalty membership; only one membership per customer can be primary.",
            Dialogs.Find("[data-testid=membership-dialog-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains($"AddMembership {FakeLoyaltyService.John.Id} {FakeLoyaltyService.PlatinumClub}", Loyalty.Calls);
    }

    [Fact]
    public void Edit_KeepsTheCustomerAndOffersTheProviderId()
    {
        RenderProviders();
        var cut = Render<LoyaltyMembershipsPage>();
        cut.WaitForElement("input[data-testid=membership-customer]").Input("John Smith");
        cut.Find("[data-testid=membership-search]").Click();
        cut.WaitForElement("[data-testid=membership-edit]").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("John Smith (j.smith@example.com)", Dialogs.Find("[data-testid=membership-customer-fixed]").TextContent, StringComparison.Ordinal));
        Assert.Equal("PRV-MBR-9842XKLT", Dialogs.Find("input[data-testid=membership-field-provider]").GetAttribute("value"));
        Assert.Empty(Dialogs.FindAll("[data-testid=membership-find]"));
    }

    private async Task OpenDialogAsync(LoyaltyMembershipForm form)
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<LoyaltyMembershipDialog>
        {
            { x => x.ChainId, FakeLoyaltyService.Chain },
            { x => x.Form, form },
            { x => x.Programs, Loyalty.Programs },
        };
        await Dialogs.InvokeAsync(() => dialogs.ShowAsync<LoyaltyMembershipDialog>("Enroll a customer", parameters));
        Dialogs.WaitForElement("[data-testid=membership-save]");
    }
}
