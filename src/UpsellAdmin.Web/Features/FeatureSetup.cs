using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Features.Api;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Copy;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Loyalty;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.Reports;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Features.Sync;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features;

/// <summary>
/// The one place every feature is registered and mapped, layer by layer (see src/UpsellAdmin.Web/README.md). Each
/// feature owns an <c>XSetup</c> class; a new feature adds its line here.
/// </summary>
public static class FeatureSetup
{
    /// <summary>
    /// The bottom and middle layers: Accounts, Properties, ReferenceData, UpsellConfiguration, UpsellRules — what a
    /// service needs without the web host (tests, benchmarks). All scoped (they depend on the scoped
    /// <see cref="ICurrentUser"/>). Needs AddAppDatabase first.
    /// </summary>
    public static IServiceCollection AddUpsellFeatures(this IServiceCollection services) => services
        .AddAppValidators()
        .AddAccounts()
        .AddProperties()
        .AddReferenceData()
        .AddUpsellConfiguration()
        .AddUpsellRules();

    /// <summary>Every feature of the app, bottom layer first.</summary>
    public static WebApplicationBuilder AddFeatures(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services
            .AddUpsellFeatures()
            .AddQuotes()
            .AddRuleCopy()
            .AddMewsSync(builder.Configuration, builder.Environment)
            .AddLoyalty()
            .AddAdministration()
            .AddDesk()
            .AddSelling(builder.Configuration)
            .AddSellingWorker()
            .AddReports()
            .AddApi(builder.Configuration);
        return builder;
    }

    /// <summary>Every feature's endpoints (the pages are found by the router; the API maps its own group).</summary>
    public static WebApplication MapFeatureEndpoints(this WebApplication app)
    {
        app.MapReports();
        app.MapApi();
        return app;
    }
}
