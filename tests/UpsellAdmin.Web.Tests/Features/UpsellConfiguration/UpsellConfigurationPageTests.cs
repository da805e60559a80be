using Bunit;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.UpsellConfiguration;

public sealed class UpsellConfigurationPageTests : UiTestContext
{
    public UpsellConfigurationPageTests() => RenderProviders();

    [Fact]
    public void Page_ShowsSettingsLevelsAndHierarchyOfTheProperty()
    {
        var cut = Render<UpsellConfigurationPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=level-row]").Count));
        Assert.Equal("14", cut.Find("[data-testid=config-max-los]").GetAttribute("value"));
        var hierarchy = cut.Find("[data-testid=hierarchy-row]").TextContent;
        Assert.Contains("DLX, STE", hierarchy);
        Assert.NotNull(cut.Find("[data-testid=config-rules]"));
        Assert.NotNull(cut.Find("[data-testid=config-hierarchy]"));
    }

    [Fact]
    public void Save_OverlappingLevels_ShowsTheValidatorMessageAndDoesNotSave()
    {
        var cut = Render<UpsellConfigurationPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=level-row]").Count));

        cut.FindAll("[data-testid=level-from]")[1].Change("50");
        cut.Find("[data-testid=config-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("overlap", cut.Find("[data-testid=levels-error]").TextContent));
        Assert.Empty(Configuration.Saved);
    }

    [Fact]
    public void Save_Valid_SavesAndSaysSo()
    {
        var cut = Render<UpsellConfigurationPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=level-row]").Count));

        cut.Find("[data-testid=config-save]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Upsell configuration of HTL1 saved.", Snackbars.Markup));
        Assert.Single(Configuration.Saved);
    }

    [Fact]
    public void FrontDesk_SeesConfigurationReadOnlyWithoutSave()
    {
        SignInAs(Roles.FrontDesk);

        var cut = Render<UpsellConfigurationPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=level-row]").Count));
        Assert.Empty(cut.FindAll("[data-testid=config-save]"));
        Assert.Empty(cut.FindAll("[data-testid=level-add]"));
        Assert.Empty(cut.FindAll("[data-testid=hierarchy-new]"));
        Assert.True(cut.Find("[data-testid=config-max-los]").HasAttribute("readonly"));
    }
}
