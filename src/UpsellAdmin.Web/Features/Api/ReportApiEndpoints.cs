using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Reports;
using UpsellAdmin.Web.Features.Reports.Exports;

namespace UpsellAdmin.Web.Features.Api;

/// <summary>
/// One group of the report (<see cref="ApiUpsellReport.Groups"/>): its key (a day yyyy-MM-dd, an agent's name,
/// "STD->SUP", a rule code…), a label for people, and the group's figures (as the report's, see there).
/// </summary>
public sealed record ApiUpsellReportGroup(
    string Key,
    string Label,
    int Presented,
    int OffersPresented,
    int Sold,
    int Declined,
    int Reversed,
    int ReservationsBought,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? Conversion,
    decimal Revenue,
    decimal PostedAmount,
    decimal ReversedAmount,
    decimal PendingAmount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? AveragePerSale,
    int UpgradeRoomNights,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? Commission)
{
    /// <summary>A group of the report's in the API's shape.</summary>
    public static ApiUpsellReportGroup From(UpsellReportGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var f = group.Figures;
        return new(group.Key, group.Label, f.ReservationsPresented, f.OffersPresented, f.Sold, f.Declined, f.Reversed, f.ReservationsBought,
            f.Conversion, f.Revenue, f.PostedAmount, f.ReversedAmount, f.PendingAmount, f.AveragePerSale, f.UpgradeRoomNights, f.Commission);
    }
}

/// <summary>
/// <c>GET /api/properties/{propertyCode}/upsell-report</c>: one property's Upsell Performance over [from, to] by sale
/// date (the property's own business day). <c>presented</c> = reservations presented (shown offers, or that bought);
/// <c>sold</c> = upsells accepted and not rejected or reversed; <c>declined</c>; <c>conversion</c> = reservations that
/// bought ÷ reservations presented, a fraction 0–1 (null when none was presented); <c>revenue</c> = posted − reversed
/// amounts in <c>currencyCode</c>. Also: offers presented, reversed, reservations bought, posted / reversed / pending
/// amounts, average per sale, upgrade room-nights, and the agents' commission (null when the property has no commission
/// percent). <c>groups</c>: the same per <c>groupBy</c>.
/// </summary>
public sealed record ApiUpsellReport(
    string PropertyCode,
    string CurrencyCode,
    DateOnly From,
    DateOnly To,
    string GroupBy,
    int Presented,
    int OffersPresented,
    int Sold,
    int Declined,
    int Reversed,
    int ReservationsBought,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? Conversion,
    decimal Revenue,
    decimal PostedAmount,
    decimal ReversedAmount,
    decimal PendingAmount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? AveragePerSale,
    int UpgradeRoomNights,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? Commission,
    IReadOnlyList<ApiUpsellReportGroup> Groups);

/// <summary>The report API (read scope). With <c>Accept: text/csv</c> the groups as CSV (a header row; no BOM).</summary>
public static class ReportApiEndpoints
{
    public const string Route = "/properties/{propertyCode}/upsell-report";

    /// <summary>The CSV answer's columns (header row): key, label, presented, offersPresented, sold, declined, reversed,
    /// reservationsBought, conversion, revenue, postedAmount, reversedAmount, pendingAmount, averagePerSale,
    /// upgradeRoomNights, commission, currencyCode.</summary>
    public static IReadOnlyList<ExportColumn<(ApiUpsellReportGroup Group, string Currency)>> CsvColumns { get; } =
    [
        ExportColumn.Text<(ApiUpsellReportGroup Group, string Currency)>("key", r => r.Group.Key),
        ExportColumn.Text<(ApiUpsellReportGroup Group, string Currency)>("label", r => r.Group.Label),
        ExportColumn.WholeNumber<(ApiUpsellReportGroup Group, string Currency)>("presented", r => r.Group.Presented),
        ExportColumn.WholeNumber<(ApiUpsellReportGroup Group, string Currency)>("offersPresented", r => r.Group.OffersPresented),
        ExportColumn.WholeNumber<(ApiUpsellReportGroup Group, string Currency)>("sold", r => r.Group.Sold),
        ExportColumn.WholeNumber<(ApiUpsellReportGroup Group, string Currency)>("declined", r => r.Group.Declined),
        ExportColumn.WholeNumber<(ApiUpsellReportGroup Group, string Currency)>("reversed", r => r.Group.Reversed),
        ExportColumn.WholeNumber<(ApiUpsellReportGroup Group, string Currency)>("reservationsBought", r => r.Group.ReservationsBought),
        ExportColumn.Number<(ApiUpsellReportGroup Group, string Currency)>("conversion", r => r.Group.Conversion),
        ExportColumn.Money<(ApiUpsellReportGroup Group, string Currency)>("revenue", r => r.Group.Revenue),
        ExportColumn.Money<(ApiUpsellReportGroup Group, string Currency)>("postedAmount", r => r.Group.PostedAmount),
        ExportColumn.Money<(ApiUpsellReportGroup Group, string Currency)>("reversedAmount", r => r.Group.ReversedAmount),
        ExportColumn.Money<(ApiUpsellReportGroup Group, string Currency)>("pendingAmount", r => r.Group.PendingAmount),
        ExportColumn.Money<(ApiUpsellReportGroup Group, string Currency)>("averagePerSale", r => r.Group.AveragePerSale),
        ExportColumn.WholeNumber<(ApiUpsellReportGroup Group, string Currency)>("upgradeRoomNights", r => r.Group.UpgradeRoomNights),
        ExportColumn.Money<(ApiUpsellReportGroup Group, string Currency)>("commission", r => r.Group.Commission),
        ExportColumn.Text<(ApiUpsellReportGroup Group, string Currency)>("currencyCode", r => r.Currency),
    ];

    public static IEndpointRouteBuilder MapReportApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiGroup().MapGet(Route, GetAsync)
            .WithName("GetUpsellReport").WithTags("Reports").RequireApiScope(ApiScopes.Read)
            .WithSummary("Upsell Performance of one property over [from, to] by sale date: presented, sold, declined, conversion (0–1), revenue, grouped by groupBy")
            .WithDescription("from and to are the property's business days (yyyy-MM-dd, both required, inclusive, at most "
                + $"{UpsellReportService.MaximumYears} years). groupBy: agent, roomTypePair, rule, day (default), property, addOn or week. "
                + "presented = reservations presented; conversion = reservations that bought ÷ reservations presented (null when none); "
                + "revenue = posted − reversed, in currencyCode. Extra figures: offersPresented, reversed, reservationsBought, postedAmount, "
                + "reversedAmount, pendingAmount, averagePerSale, upgradeRoomNights, commission (null without a commission percent). "
                + "With Accept: text/csv the groups as CSV with a header row (key, label, presented, …, sold, …, revenue, …, currencyCode). "
                + "A malformed parameter (or a range over " + $"{UpsellReportService.MaximumYears} years) is a 400 naming it; an unknown property, or one the key may not read, 404.")
            .Produces<ApiUpsellReport>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound); // 403: a key without the read scope
        return endpoints;
    }

    private static async Task<IResult> GetAsync(HttpContext http, string propertyCode, [FromQuery] string? from, [FromQuery] string? to,
        [FromQuery] string? groupBy, ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, IUpsellReportService reports, CancellationToken ct)
    {
        if (!TryDate(from, out var fromDate))
        {
            return BadRequest("from", "from is required: the first sale date, as yyyy-MM-dd.");
        }
        if (!TryDate(to, out var toDate))
        {
            return BadRequest("to", "to is required: the last sale date, as yyyy-MM-dd.");
        }
        if (fromDate > toDate)
        {
            return BadRequest("from", $"from ({fromDate:yyyy-MM-dd}) is after to ({toDate:yyyy-MM-dd}).");
        }
        var grouping = ReportGrouping.Day;
        if (!string.IsNullOrWhiteSpace(groupBy))
        {
            if (!UpsellReportQueryString.TryParseGrouping(groupBy.Trim(), out var parsed))
            {
                return BadRequest("groupBy", $"groupBy is one of {string.Join(", ", Enum.GetValues<ReportGrouping>().Select(UpsellReportQueryString.Name))}.");
            }
            grouping = parsed;
        }

        if (toDate >= fromDate.AddYears(UpsellReportService.MaximumYears))
        {
            return BadRequest("to", string.Create(CultureInfo.InvariantCulture,
                $"from {fromDate:yyyy-MM-dd} to {toDate:yyyy-MM-dd} is longer than {UpsellReportService.MaximumYears} years: ask for at most {UpsellReportService.MaximumYears} years at a time (to before {fromDate.AddYears(UpsellReportService.MaximumYears):yyyy-MM-dd})."));
        }

        // The same rule as the other /api endpoints: an active property the key may see, else unknown to it (404, the same
        // answer as a code that does not exist, so a key cannot probe which codes exist).
        if (await DeskApiEndpoints.PropertyAsync(dbFactory, user, propertyCode, ct) is not { } property)
        {
            return UnknownProperty(propertyCode);
        }
        var (code, currencyCode) = (property.Code, property.CurrencyCode);
        var result = await reports.RunAsync(new UpsellReportQuery([code], fromDate, toDate, ReportDateBasis.SaleDate, null, null, null, [grouping]), ct);
        switch (result.Status)
        {
            case UpsellReportStatus.Forbidden:
                return UnknownProperty(propertyCode);
            case UpsellReportStatus.Invalid when result.Errors.Any(UpsellReportErrors.IsUnknownProperty):
                return UnknownProperty(propertyCode);
            case UpsellReportStatus.Invalid:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["query"] = [.. result.Errors] }, string.Join(" ", result.Errors), title: "Bad Request");
        }
        var answer = ToApi(result.Report!, code, currencyCode, grouping);
        if (WantsCsv(http.Request))
        {
            http.Response.Headers.CacheControl = "no-store";
            var rows = answer.Groups.Select(g => (g, answer.CurrencyCode)).ToAsyncEnumerable();
            return TypedResults.Stream(stream => TabularExport.WriteCsvAsync(stream, CsvColumns, rows, byteOrderMark: false, ct), "text/csv; charset=utf-8",
                string.Create(CultureInfo.InvariantCulture, $"upsell-report_{TabularExport.FileNamePart(code)}_{fromDate:yyyy-MM-dd}_{toDate:yyyy-MM-dd}_{answer.GroupBy}.csv"));
        }
        return TypedResults.Json(answer, RuleApiEndpoints.Json);
    }

    /// <summary>The report of one property in the API's shape (its one currency section; zeros when nothing happened).</summary>
    public static ApiUpsellReport ToApi(UpsellReport report, string propertyCode, string currencyCode, ReportGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(report);
        var section = report.Sections.FirstOrDefault();
        var t = section?.Totals ?? new UpsellFigures(0, 0, 0, 0, 0, 0, null, 0, 0, 0, 0, null, 0, null);
        var groups = section is not null && section.Groups.TryGetValue(grouping, out var list) ? list : [];
        return new ApiUpsellReport(propertyCode, section?.CurrencyCode ?? currencyCode, report.Query.From, report.Query.To, UpsellReportQueryString.Name(grouping),
            t.ReservationsPresented, t.OffersPresented, t.Sold, t.Declined, t.Reversed, t.ReservationsBought, t.Conversion, t.Revenue, t.PostedAmount,
            t.ReversedAmount, t.PendingAmount, t.AveragePerSale, t.UpgradeRoomNights, t.Commission,
            groups.Select(ApiUpsellReportGroup.From).ToList());
    }

    private static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);

    private static bool TryDate(string? text, out DateOnly date)
    {
        date = default;
        return !string.IsNullOrWhiteSpace(text) && DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static IResult BadRequest(string parameter, string detail) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [detail] }, detail, title: "Bad Request");

    /// <summary>404 with the other /api endpoints' text (DeskApiEndpoints): unknown and not the key's read the same.</summary>
    private static IResult UnknownProperty(string propertyCode) =>
        TypedResults.Problem($"Unknown property code: {propertyCode}.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");
}
