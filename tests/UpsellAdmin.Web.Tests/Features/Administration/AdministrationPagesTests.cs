using Bunit;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Tests.TestSupport;
using UpsellAdmin.Web.Features.Administration;

namespace UpsellAdmin.Web.Tests.Features.Administration;

public sealed class AdministrationPagesTests : UiTestContext
{
    private readonly FakeUserAdministrationService _users = new();
    private readonly FakePropertyAdministrationService _properties = new();

    public AdministrationPagesTests()
    {
        Services.AddSingleton<IUserAdministrationService>(_users);
        Services.AddSingleton<IPropertyAdministrationService>(_properties);
        SignInAs(Roles.Administrator);
        RenderProviders();
    }

    private static string[] ErrorTexts(IRenderedComponent<MudBlazor.MudDialogProvider> dialogs) =>
        dialogs.FindAll("div.mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToArray();

    [Fact]
    public void UsersPage_ShowsRows_ValidatesNewUser_AndShowsGuardRailMessage()
    {
        _users.LockResult = AdminResult.Fail("You cannot lock yourself out.");
        var cut = Render<UsersPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody.mud-table-body tr.mud-table-row").Count));
        Assert.Contains("ada@hotel.test", cut.Markup);
        Assert.Contains("All properties", cut.Markup);
        Assert.Contains("Locked", cut.FindAll("tbody.mud-table-body tr.mud-table-row")[1].TextContent);
        // Roles as people read them, not the stored names.
        Assert.Contains("Front Desk", cut.FindAll("tbody.mud-table-body tr.mud-table-row")[1].TextContent);
        Assert.DoesNotContain("FrontDesk", cut.Markup);

        cut.Find("[data-testid=user-new]").Click();
        Dialogs.WaitForElement("[data-testid=user-save]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Enter the user's email address.", ErrorTexts(Dialogs)));
        Assert.Contains("Enter an initial password.", ErrorTexts(Dialogs));
        Assert.Empty(_users.Saved);
        Dialogs.Find("[data-testid=user-field-email]").Input("not-an-email");
        Dialogs.Find("[data-testid=user-save]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Enter a valid email address, e.g. name@hotel.com.", ErrorTexts(Dialogs)));

        Dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Cancel").Click();
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=user-dialog]")));

        cut.FindAll("[data-testid=user-lock]")[0].Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Lock out ada@hotel.test?", Dialogs.Markup));
        Dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Lock out").Click();
        cut.WaitForAssertion(() => Assert.Equal("You cannot lock yourself out.", cut.Find("[data-testid=users-error]").TextContent.Trim()));
    }

    [Fact]
    public void UsersPage_EditAndSave_KeepsThePropertiesAndReloads()
    {
        var cut = Render<UsersPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=user-edit]").Count));

        cut.FindAll("[data-testid=user-edit]")[1].Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("HTL1", Dialogs.Find("[data-testid=user-field-properties]").GetAttribute("value")));
        Dialogs.Find("[data-testid=user-field-display-name]").Input("Frankie F.");
        Dialogs.Find("[data-testid=user-save]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("User frankie@hotel.test saved", Snackbars.Markup));
        var saved = Assert.Single(_users.Saved);
        Assert.Equal(("2", "Frankie F.", Roles.FrontDesk, false), (saved.Id, saved.DisplayName, saved.Role, saved.AllProperties));
        Assert.Equal(["HTL1"], saved.PropertyCodes);
    }

    [Fact]
    public void PropertiesPage_ShowsRows_LocksCodeWithRules_AndValidatesTimeZone()
    {
        var cut = Render<PropertiesPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody.mud-table-body tr.mud-table-row").Count));
        Assert.Contains("Hotel One", cut.Markup);
        Assert.Contains("Inactive", cut.FindAll("tbody.mud-table-body tr.mud-table-row")[1].TextContent);
        Assert.Contains("no New button", cut.Markup);

        cut.FindAll("[data-testid=property-edit]")[0].Click();
        var code = Dialogs.WaitForElement("[data-testid=property-field-code]");
        Assert.True(code.HasAttribute("disabled"));
        Assert.Contains("3 upsell rules belong to this property", Dialogs.Markup);

        Dialogs.Find("[data-testid=property-field-time-zone]").Input("Mars/Olympus");
        Dialogs.Find("[data-testid=property-save]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains(ErrorTexts(Dialogs), t => t.Contains("not a time zone this server knows", StringComparison.Ordinal)));
        Assert.Empty(_properties.Saved);

        Dialogs.Find("[data-testid=property-field-time-zone]").Input("Europe/London");
        Dialogs.Find("[data-testid=property-save]").Click();
        Snackbars.WaitForAssertion(() => Assert.Contains("Property HTL1 saved", Snackbars.Markup));
        Assert.Equal("Europe/London", Assert.Single(_properties.Saved).TimeZone);
    }
}
