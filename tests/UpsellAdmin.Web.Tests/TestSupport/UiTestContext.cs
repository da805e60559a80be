using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using UpsellAdmin.Web.Components.Shared;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Features.Copy;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.TestSupport;

/// <summary>
/// bUnit set-up shared by the screen tests: MudBlazor services and the providers MainLayout renders, the
/// interactive server renderer, a signed-in revenue manager, and hand-written fakes of the feature services
/// (never the DbContext).
/// </summary>
public abstract class UiTestContext : BunitContext
{
    protected FakePropertyService Properties { get; } = new();
    protected FakeReferenceDataService ReferenceData { get; } = new();
    protected FakeUpsellRuleService Rules { get; } = new();
    protected FakeUpsellConfigurationService Configuration { get; } = new();
    protected FakeDeskSelling DeskSelling { get; } = new();
    protected BunitAuthorizationContext Auth { get; }

    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = default!;
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;
    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = default!;

    protected UiTestContext()
    {
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        Services.AddLogging();
        Services.AddSingleton<IPropertyService>(Properties);
        Services.AddSingleton<IReferenceDataService>(ReferenceData);
        Services.AddSingleton<IUpsellRuleService>(Rules);
        Services.AddSingleton<IUpsellConfigurationService>(Configuration);
        Services.AddScoped<CurrentPropertyState>();
        // The rules screens open Test and Copy through these (implemented by the features above them), as in the app.
        Services.AddScoped<IRuleTestLauncher, RuleTestDialogLauncher>();
        Services.AddScoped<IRuleCopyLauncher, RuleCopyDialogLauncher>();
        // The desk sells through the interface it owns (implemented by Selling in the app): a recording fake here.
        Services.AddSingleton<IDeskSelling>(DeskSelling);
        Services.AddSingleton(TimeProvider.System);

        Auth = AddAuthorization();
        SignInAs(Roles.RevenueManager);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    protected void SignInAs(string role)
    {
        Auth.SetAuthorized($"{role.ToLowerInvariant()}@demo.local");
        Auth.SetRoles(role);
    }

    /// <summary>The check box input of a MudCheckBox (its data-testid may land on the input or on a wrapper).</summary>
    protected static AngleSharp.Dom.IElement CheckBox<T>(IRenderedComponent<T> cut, string testId) where T : IComponent
    {
        var element = cut.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    /// <summary>What MainLayout renders around every page: popovers (selects), dialogs and snackbars.</summary>
    /// <remarks>Call it after registering extra services: touching the renderer builds the service provider.</remarks>
    protected void RenderProviders()
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Popovers = Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
    }
}
