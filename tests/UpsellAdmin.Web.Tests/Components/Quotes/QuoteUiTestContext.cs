using Bunit;
using Bunit.TestDoubles;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using UpsellAdmin.Web.Components.Shared;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Tests.Components.Fakes;

namespace UpsellAdmin.Web.Tests.Components.Quotes;

/// <summary>
/// bUnit set-up of the Quotes screens, as the shared UiTestContext does it (MudBlazor services and providers,
/// interactive server renderer, the screens' fakes) plus the fake quote service, the real validator and a fixed clock,
/// all registered before the first service is resolved (bUnit forbids adding later).
/// </summary>
public abstract class QuoteUiTestContext : BunitContext
{
    protected FakePropertyService Properties { get; } = new();
    protected FakeReferenceDataService ReferenceData { get; } = new();
    protected FakeQuoteService QuoteService { get; } = new();
    protected BunitAuthorizationContext Auth { get; }

    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = default!;
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    protected QuoteUiTestContext()
    {
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        Services.AddLogging();
        JSInterop.Mode = JSRuntimeMode.Loose;

        Services.AddSingleton<IPropertyService>(Properties);
        Services.AddSingleton<IReferenceDataService>(ReferenceData);
        Services.AddScoped<CurrentPropertyState>();
        Services.AddSingleton<IQuoteService>(QuoteService);
        Services.AddSingleton<IValidator<StayQuoteInput>, StayQuoteInputValidator>();
        Services.AddSingleton<TimeProvider>(new FixedClock());

        Auth = AddAuthorization();
        SignInAs(Roles.RevenueManager);

        // Last: touching the renderer resolves services, after which bUnit refuses new registrations.
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected void SignInAs(string role)
    {
        Auth.SetAuthorized($"{role.ToLowerInvariant()}@demo.local");
        Auth.SetRoles(role);
    }

    protected void RenderProviders()
    {
        Popovers = Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
    }
}
