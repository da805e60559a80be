using Microsoft.AspNetCore.Authorization;
using MudBlazor;
using MudBlazor.Services;
using Serilog;
using UpsellAdmin.Web.Components.Account;
using UpsellAdmin.Web.Features.Api;

namespace UpsellAdmin.Web.Components.Hosting;

public static class UiSetup
{
    /// <summary>Razor components on the interactive server, and MudBlazor.</summary>
    public static IServiceCollection AddAppUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 5000;
        });
        services.AddSafeDeveloperExceptionPage();
        services.AddAppSecurityHeaders();
        services.AddAppRateLimiting();
        return services;
    }

    public static WebApplication UseAppPipeline(this WebApplication app)
    {
        // The Error page in every environment: the developer page echoes the request's Cookie and X-Api-Key headers,
        // so it needs DeveloperExceptionPage=true in Development (ErrorPages).
        if (!ErrorPages.ShowDeveloperExceptionPage(app.Environment, app.Configuration))
        {
            app.UseExceptionHandler(PageUrls.Error, createScopeForErrors: true);
        }
        app.UseSerilogRequestLogging(o =>
        {
            ErrorPages.SafeRequestLogging(o);
            // This app's logger, not the static Log.Logger: with several hosts in one process (the tests) the static
            // one belongs to whichever host started last, and request lines went to another host's sinks.
            o.Logger = app.Services.GetService<Serilog.ILogger>();
        });
        app.UseRateLimiter();
        app.UseStatusCodePagesWithReExecute(PageUrls.NotFound, createScopeForStatusCodePages: true);
        app.UseApiProblems(); // every /api error a problem+json, never the pages above (Features/Api/ApiProblems.cs)
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapAppEndpoints(this WebApplication app)
    {
        // Every other endpoint falls under the "logged in" fallback policy; the CSS and scripts of the login page must not.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        return app;
    }
}
