using System.Globalization;

namespace UpsellAdmin.Web.Features.Reports.Exports;

/// <summary>One line of the report's file: a group of one grouping in one currency section, or (Grouping null) the
/// section's totals.</summary>
public sealed record UpsellReportExportRow(string CurrencyCode, string PropertyCodes, ReportGrouping? Grouping, string Key, string Label, UpsellFigures Figures);

/// <summary>
/// The Upsell Performance report as a file: one line per group (every grouping asked for, in each currency section),
/// every figure, the currency on each line; then one Total line per currency (CSV) or a "Totals" sheet (Excel).
/// Amounts are never added across currencies.
/// </summary>
public static class UpsellReportExport
{
    public const string TotalsSheet = "Totals";

    /// <summary>The figure columns, after the row's own (currency, properties, grouping, key, label).</summary>
    public static IReadOnlyList<ExportColumn<UpsellReportExportRow>> Columns { get; } =
    [
        ExportColumn.Text<UpsellReportExportRow>("Currency", r => r.CurrencyCode),
        ExportColumn.Text<UpsellReportExportRow>("Properties", r => r.PropertyCodes, 16),
        ExportColumn.Text<UpsellReportExportRow>("Grouping", r => r.Grouping is { } g ? UpsellReportQueryString.Name(g) : "total"),
        ExportColumn.Text<UpsellReportExportRow>("Key", r => r.Key, 16),
        ExportColumn.Text<UpsellReportExportRow>("Label", r => r.Label, 22),
        ExportColumn.WholeNumber<UpsellReportExportRow>("Reservations presented", r => r.Figures.ReservationsPresented),
        ExportColumn.WholeNumber<UpsellReportExportRow>("Offers presented", r => r.Figures.OffersPresented),
        ExportColumn.WholeNumber<UpsellReportExportRow>("Sold", r => r.Figures.Sold),
        ExportColumn.WholeNumber<UpsellReportExportRow>("Declined", r => r.Figures.Declined),
        ExportColumn.WholeNumber<UpsellReportExportRow>("Reversed", r => r.Figures.Reversed),
        ExportColumn.WholeNumber<UpsellReportExportRow>("Reservations bought", r => r.Figures.ReservationsBought),
        ExportColumn.Percent<UpsellReportExportRow>("Conversion", r => r.Figures.Conversion),
        ExportColumn.Money<UpsellReportExportRow>("Posted", r => r.Figures.PostedAmount),
        ExportColumn.Money<UpsellReportExportRow>("Reversed amount", r => r.Figures.ReversedAmount),
        ExportColumn.Money<UpsellReportExportRow>("Revenue", r => r.Figures.Revenue),
        ExportColumn.Money<UpsellReportExportRow>("Pending", r => r.Figures.PendingAmount),
        ExportColumn.Money<UpsellReportExportRow>("Average per sale", r => r.Figures.AveragePerSale),
        ExportColumn.WholeNumber<UpsellReportExportRow>("Upgrade room-nights", r => r.Figures.UpgradeRoomNights),
        ExportColumn.Money<UpsellReportExportRow>("Commission", r => r.Figures.Commission),
    ];

    /// <summary>The groups of every section (in the query's grouping order), without the totals.</summary>
    public static IEnumerable<UpsellReportExportRow> GroupRows(UpsellReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var section in report.Sections)
        {
            var properties = string.Join(" ", section.PropertyCodes);
            foreach (var grouping in report.Query.GroupBy)
            {
                if (section.Groups.TryGetValue(grouping, out var groups))
                {
                    foreach (var g in groups)
                    {
                        yield return new UpsellReportExportRow(section.CurrencyCode, properties, grouping, g.Key, g.Label, g.Figures);
                    }
                }
            }
        }
    }

    /// <summary>One Total line per currency section.</summary>
    public static IEnumerable<UpsellReportExportRow> TotalRows(UpsellReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Sections.Select(s => new UpsellReportExportRow(s.CurrencyCode, string.Join(" ", s.PropertyCodes), null,
            "TOTAL", $"Total {s.CurrencyCode}", s.Totals));
    }

    /// <summary>CSV: the groups, then the Total lines.</summary>
    public static Task WriteCsvAsync(Stream output, UpsellReport report, CancellationToken cancellationToken) =>
        TabularExport.WriteCsvAsync(output, Columns, GroupRows(report).Concat(TotalRows(report)).ToAsyncEnumerable(), cancellationToken);

    /// <summary>Excel: the groups on "Report", the totals on "Totals".</summary>
    public static Task WriteXlsxAsync(Stream output, UpsellReport report, CancellationToken cancellationToken) =>
        TabularExport.WriteXlsxAsync(output,
            [ExportSheet.Create("Report", Columns, GroupRows(report).ToAsyncEnumerable()), ExportSheet.Create(TotalsSheet, Columns, TotalRows(report).ToAsyncEnumerable())],
            cancellationToken);

    /// <summary>upsell-report_HTL1_2026-11-01_2026-11-30 (several properties joined by '-'; none: "all").</summary>
    public static string FileName(UpsellReportQuery query, string extension)
    {
        ArgumentNullException.ThrowIfNull(query);
        var properties = query.PropertyCodes.Count == 0 ? "all" : TabularExport.FileNamePart(string.Join("-", query.PropertyCodes));
        return string.Create(CultureInfo.InvariantCulture, $"upsell-report_{properties}_{query.From:yyyy-MM-dd}_{query.To:yyyy-MM-dd}.{extension}");
    }
}
