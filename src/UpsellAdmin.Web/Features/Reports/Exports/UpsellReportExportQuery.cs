namespace UpsellAdmin.Web.Features.Reports.Exports;

/// <summary>
/// The report export's query string → <see cref="UpsellReportQuery"/>: the page's own address form, read by
/// <see cref="UpsellReportQueryString"/> (<c>properties=A,B&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;by=sale|stay&amp;agent=…
/// &amp;channel=…&amp;kind=…&amp;groupBy=day,agent</c>; the export's own <c>format</c> is ignored by it). The export needs
/// from and to; without groupBy it groups by day.
/// </summary>
public static class UpsellReportExportQuery
{
    public static (UpsellReportQuery? Query, IReadOnlyList<string> Errors) Parse(string? queryString)
    {
        var (query, errors) = UpsellReportQueryString.Parse(queryString ?? "");
        return query is { GroupBy.Count: 0 } ? (query with { GroupBy = [ReportGrouping.Day] }, errors) : (query, errors);
    }
}
