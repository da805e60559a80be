using Microsoft.AspNetCore.Authorization;
using MudBlazor;
using MudBlazor.Services;
using Serilog;
using UpsellAdmin.Web.Components.Account;

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
        services.AddAppSecurityHeaders();
        services.AddAppRateLimiting();
        return services;
    }

    public static WebApplication UseAppPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(PageUrls.Error, createScopeForErrors: true);
        }
        app.UseSerilogRequestLogging();
        app.UseRateLimiter();
        app.UseStatusCodePagesWithReExecute(PageUrls.NotFound, createScopeForStatusCodePages: true);
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
