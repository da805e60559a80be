using System.Globalization;
using MudBlazor;

namespace UpsellAdmin.Web.Features.Reports.Components;

/// <summary>The charts' labels and series from a section's groups (what MudChart draws; the tables beside them show
/// the same groups).</summary>
public static class ReportChartData
{
    /// <summary>Bars drawn at most (the biggest by revenue); the table beside the chart lists them all.</summary>
    public const int MaximumBars = 10;

    private static readonly UpsellFigures Nothing = new(0, 0, 0, 0, 0, 0, null, 0m, 0m, 0m, 0m, null, 0, null);

    /// <summary>Every day (or week, from the week's Monday) of the range, those without activity at zero, so the time
    /// axis is even.</summary>
    public static IReadOnlyList<UpsellReportGroup> EveryPeriod(IReadOnlyList<UpsellReportGroup> groups, ReportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(filter);
        var byKey = groups.ToDictionary(g => g.Key, StringComparer.Ordinal);
        var week = filter.TimeGrouping == ReportGrouping.Week;
        var first = week ? Monday(filter.From) : filter.From;
        var result = new List<UpsellReportGroup>();
        for (var day = first; day <= filter.To; day = day.AddDays(week ? 7 : 1))
        {
            var key = ReportFilter.Date(day);
            result.Add(byKey.TryGetValue(key, out var g) ? g : new UpsellReportGroup(key, week ? $"Week of {key}" : key, Nothing));
        }
        return result;
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The time axis' labels: "11-03" (the year is in the header).</summary>
    public static string[] PeriodLabels(IReadOnlyList<UpsellReportGroup> periods) =>
        periods.Select(p => p.Key.Length == 10 ? p.Key[5..] : p.Key).ToArray();

    public static List<ChartSeries<double>> Revenue(IReadOnlyList<UpsellReportGroup> groups, string currency) =>
        [new() { Name = $"Revenue ({currency})", Data = new ChartData<double>(groups.Select(g => (double)g.Figures.Revenue).ToList()) }];

    /// <summary>Conversion in percent; a period with nothing presented has no point.</summary>
    public static List<ChartSeries<double>> Conversion(IReadOnlyList<UpsellReportGroup> periods) =>
        [new() { Name = "Conversion (%)", Data = new ChartData<double>(periods.Select(g => g.Figures.Conversion is { } c ? (double?)(double)(c * 100m) : null).ToList()) }];

    /// <summary>The groups drawn as bars: the <see cref="MaximumBars"/> biggest by revenue.</summary>
    public static IReadOnlyList<UpsellReportGroup> Bars(IReadOnlyList<UpsellReportGroup> groups) =>
        groups.OrderByDescending(g => g.Figures.Revenue).ThenBy(g => g.Key, StringComparer.Ordinal).Take(MaximumBars).ToList();

    public static string[] Labels(IReadOnlyList<UpsellReportGroup> groups) => groups.Select(g => g.Label).ToArray();

    /// <summary>Agents under their bars: the sign-in name without its domain ("anna" for anna@hotel.example); the table
    /// beside the chart has the full name.</summary>
    public static string[] AgentLabels(IReadOnlyList<UpsellReportGroup> groups) =>
        groups.Select(g => g.Label.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? g.Label[..at] : g.Label).ToArray();

    public static string AxisAmount(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
