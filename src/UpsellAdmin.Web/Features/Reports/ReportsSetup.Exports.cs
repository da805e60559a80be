using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Reports.Exports;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Reports;

/// <summary>
/// The file downloads (<c>/exports/*</c>): signed-in GETs with the browser's cookie (an API key is not accepted here;
/// the API has its own report endpoint), every role as on the screens (Front Desk gets its own report figures and its
/// properties' activity; the services scope by property access). <c>?format=csv|xlsx</c> plus the screen's own query
/// string. Anonymous → the login page (302), a malformed query → 400 with a plain message, an unknown property or one the
/// user may not see → 404 with the same plain message ("Unknown property: X.": which codes exist is not revealed). The rows stream from the database to the response.
/// </summary>
public static partial class ReportsSetup
{
    /// <summary>The exports' authorization: the cookie sign-in of a user with a role (not an API key).</summary>
    public const string ExportPolicy = "exports";

    static partial void AddExports(IServiceCollection services) =>
        services.AddAuthorizationBuilder().AddPolicy(ExportPolicy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .RequireRole(Roles.All));

    static partial void MapExports(WebApplication app)
    {
        var exports = app.MapGroup("").RequireAuthorization(ExportPolicy).ExcludeFromDescription();
        exports.MapGet(PageUrls.ExportUpsellReport, ExportReportAsync).WithDisplayName("Export: Upsell Performance");
        exports.MapGet(PageUrls.ExportUpsellActivity, ExportActivityAsync).WithDisplayName("Export: Upsell Activity");
        exports.MapGet(PageUrls.ExportUpsellRules, ExportRulesAsync).WithDisplayName("Export: Upsell Rules");
    }

    private enum ExportFormat
    {
        Csv,
        Xlsx,
    }

    private static async Task<IResult> ExportReportAsync(HttpContext http, IUpsellReportService reports, IPropertyService properties,
        IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        if (Format(http) is not { } format)
        {
            return FormatProblem();
        }
        var (query, errors) = UpsellReportExportQuery.Parse(http.Request.QueryString.Value);
        if (query is null)
        {
            return Plain(StatusCodes.Status400BadRequest, string.Join(" ", errors));
        }
        // A code the user may not see answers as an unknown one (404, the same text): the export does not tell which codes exist.
        if (query.PropertyCodes.Count > 0)
        {
            var visible = await properties.GetVisibleAsync(ct);
            foreach (var code in query.PropertyCodes)
            {
                if ((await PropertyAsync(http, dbFactory, visible, code, ct)).Refused is { } refused)
                {
                    return refused;
                }
            }
        }
        var result = await reports.RunAsync(query, ct);
        switch (result.Status)
        {
            case UpsellReportStatus.Forbidden:
                return Plain(StatusCodes.Status404NotFound, UnknownPropertyMessage(query.PropertyCodes));
            case UpsellReportStatus.Invalid when result.Errors.Any(UpsellReportErrors.IsUnknownProperty):
                return Plain(StatusCodes.Status404NotFound, string.Join(" ", result.Errors.Where(UpsellReportErrors.IsUnknownProperty)));
            case UpsellReportStatus.Invalid:
                return Plain(StatusCodes.Status400BadRequest, string.Join(" ", result.Errors));
        }
        var report = result.Report!;
        return File(http, format, UpsellReportExport.FileName(query, Extension(format)), format == ExportFormat.Csv
            ? stream => UpsellReportExport.WriteCsvAsync(stream, report, ct)
            : stream => UpsellReportExport.WriteXlsxAsync(stream, report, ct));
    }

    private static async Task<IResult> ExportActivityAsync(HttpContext http, ISellingService selling, IPropertyService properties,
        IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        if (Format(http) is not { } format)
        {
            return FormatProblem();
        }
        var (code, filter, error) = UpsellActivityAddress.Parse(key => http.Request.Query[key]);
        if (filter is null)
        {
            return Plain(StatusCodes.Status400BadRequest, error!);
        }
        var visible = await properties.GetVisibleAsync(ct);
        if (code is not null)
        {
            var (property, refused) = await PropertyAsync(http, dbFactory, visible, code, ct);
            if (refused is not null)
            {
                return refused;
            }
            filter = filter with { PropertyId = property!.Id };
        }
        var zones = visible.ToDictionary(p => p.Id, p => TimeZoneInfo.TryFindSystemTimeZoneById(p.TimeZone, out var z) ? z : TimeZoneInfo.Utc);
        var columns = UpsellActivityExport.Columns(zones);
        var rows = UpsellActivityExport.RowsAsync(selling, filter, ct);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"upsell-activity_{TabularExport.FileNamePart(code ?? "all")}{(filter.From is { } f ? $"_{f:yyyy-MM-dd}" : "")}{(filter.To is { } t ? $"_{t:yyyy-MM-dd}" : "")}.{Extension(format)}");
        return File(http, format, name, format == ExportFormat.Csv
            ? stream => TabularExport.WriteCsvAsync(stream, columns, rows, ct)
            : stream => TabularExport.WriteXlsxAsync(stream, columns, rows, ct, "Upsell Activity"));
    }

    private static async Task<IResult> ExportRulesAsync(HttpContext http, IUpsellRuleService rules, IPropertyService properties,
        IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        if (Format(http) is not { } format)
        {
            return FormatProblem();
        }
        var state = RuleGridState.FromUri(http.Request.QueryString.Value ?? "");
        if (state.Property is not { } code)
        {
            return Plain(StatusCodes.Status400BadRequest, "property is required: the code of the property whose rules to export (property=CODE).");
        }
        var visible = await properties.GetVisibleAsync(ct);
        var (property, refused) = await PropertyAsync(http, dbFactory, visible, code, ct);
        if (refused is not null)
        {
            return refused;
        }
        var form = new UpsellRuleCriteriaModel();
        state.CopyCriteriaTo(form);
        var rows = UpsellRulesExport.RowsAsync(rules, property!.Id, form.ToCriteria(), state.SortBy, state.Descending, ct);
        var name = $"upsell-rules_{TabularExport.FileNamePart(property.Code)}.{Extension(format)}";
        return File(http, format, name, format == ExportFormat.Csv
            ? stream => TabularExport.WriteCsvAsync(stream, UpsellRulesExport.Columns, rows, ct)
            : stream => TabularExport.WriteXlsxAsync(stream, UpsellRulesExport.Columns, rows, ct, "Upsell Rules"));
    }

    /// <summary>A property code the user may see → that property; any other → 404 "Unknown property: X." (a code that exists but
    /// is not theirs reads exactly as one that does not exist; only the server log tells them apart).</summary>
    private static async Task<(PropertySummary? Property, IResult? Refused)> PropertyAsync(HttpContext http, IDbContextFactory<AppDbContext> dbFactory,
        IReadOnlyList<PropertySummary> visible, string code, CancellationToken ct)
    {
        if (visible.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase)) is { } property)
        {
            return (property, null);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var exists = await db.Properties.AsNoTracking().AnyAsync(p => p.Code == code, ct);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Exports");
        logger.LogWarning("Export of property {PropertyCode} refused for {UserName}: {Reason}", LogText.Safe(code, 50), LogText.Safe(http.User.Identity?.Name, 256),
            exists ? "not theirs" : "unknown");
        return (null, Plain(StatusCodes.Status404NotFound, UnknownPropertyMessage([code])));
    }

    /// <summary>The report service's text for an unknown property (so every export's 404 reads the same).</summary>
    private static string UnknownPropertyMessage(IReadOnlyList<string> codes) =>
        codes.Count == 1 ? $"Unknown property: {codes[0]}." : $"Unknown properties: {string.Join(", ", codes)}.";

    private static ExportFormat? Format(HttpContext http) =>
        http.Request.Query["format"].ToString().Trim().ToLowerInvariant() switch
        {
            "csv" => ExportFormat.Csv,
            "xlsx" => ExportFormat.Xlsx,
            _ => null,
        };

    private static string Extension(ExportFormat format) => format == ExportFormat.Csv ? "csv" : "xlsx";

    private static IResult FormatProblem() => Plain(StatusCodes.Status400BadRequest, "format is csv or xlsx (?format=csv).");

    private static ContentHttpResult Plain(int status, string message) => TypedResults.Text(message, "text/plain; charset=utf-8", statusCode: status);

    /// <summary>The download: attachment with its file name, never cached, the body written by <paramref name="write"/>.</summary>
    private static PushStreamHttpResult File(HttpContext http, ExportFormat format, string fileName, Func<Stream, Task> write)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(write, format == ExportFormat.Csv ? TabularExport.CsvContentType : TabularExport.XlsxContentType, fileName);
    }
}
