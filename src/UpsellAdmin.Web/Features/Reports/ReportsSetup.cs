namespace UpsellAdmin.Web.Features.Reports;

/// <summary>
/// Reports: the Upsell Performance report (<see cref="IUpsellReportService"/>), the CSV/Excel exports of the report,
/// Upsell Activity and the Rules grid (<c>/exports/*</c>, signed-in GETs), and the rule page's Forecast. Each part
/// registers itself in its own file (the partial methods below).
/// </summary>
public static partial class ReportsSetup
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        AddPerformanceReport(services);
        AddExports(services);
        AddForecast(services);
        return services;
    }

    public static WebApplication MapReports(this WebApplication app)
    {
        MapExports(app);
        return app;
    }

    static partial void AddPerformanceReport(IServiceCollection services);

    static partial void AddExports(IServiceCollection services);

    static partial void AddForecast(IServiceCollection services);

    static partial void MapExports(WebApplication app);
}
