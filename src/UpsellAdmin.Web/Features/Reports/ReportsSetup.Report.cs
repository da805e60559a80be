namespace UpsellAdmin.Web.Features.Reports;

public static partial class ReportsSetup
{
    static partial void AddPerformanceReport(IServiceCollection services) =>
        services.AddScoped<IUpsellReportService, UpsellReportService>();
}
