using Microsoft.Extensions.DependencyInjection.Extensions;
using UpsellAdmin.Web.Features.Reports.Forecast;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Reports;

public static partial class ReportsSetup
{
    /// <summary>The rule page's Forecast (<see cref="IRuleForecast"/>): the desk's Mews reader and the quote engine's
    /// compiled set-up, so it needs AddDesk and AddQuotes.</summary>
    static partial void AddForecast(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.TryAddScoped<IRuleForecast, RuleForecastService>();
    }
}
