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

    /// <summary>Marks a week only partly inside the range (its label ends with it; the note under the chart says why).</summary>
    public const string PartialMark = "*";

    /// <summary>Every day (or week, from the week's Monday) of the range, those without activity at zero, so the time
    /// axis is even. A week that the range cuts (it starts after the Monday or ends before the Sunday) is labelled
    /// with <see cref="PartialMark"/>: its figures cover only some of its days and would read as a drop.</summary>
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
            var group = byKey.TryGetValue(key, out var g) ? g : new UpsellReportGroup(key, week ? $"Week of {key}" : key, Nothing);
            var partial = week && (day < filter.From || day.AddDays(6) > filter.To);
            result.Add(partial ? group with { Label = group.Label + PartialMark } : group);
        }
        return result;
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The time axis' labels: "11-03" (the year is in the header).</summary>
    public static string[] PeriodLabels(IReadOnlyList<UpsellReportGroup> periods) =>
        periods.Select(p => (p.Key.Length == 10 ? p.Key[5..] : p.Key) + (IsPartial(p) ? PartialMark : "")).ToArray();

    public static bool IsPartial(UpsellReportGroup period) => period.Label.EndsWith(PartialMark, StringComparison.Ordinal);

    /// <summary>"* partial week: only 2026-12-07 – 2026-12-09 is in the range." for each cut week; empty when none.</summary>
    public static string PartialNote(IReadOnlyList<UpsellReportGroup> periods, ReportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var notes = periods.Where(IsPartial).Select(p =>
        {
            var monday = DateOnly.ParseExact(p.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var first = monday < filter.From ? filter.From : monday;
            var last = monday.AddDays(6) > filter.To ? filter.To : monday.AddDays(6);
            return first == last ? ReportFilter.Date(first) : $"{ReportFilter.Date(first)} – {ReportFilter.Date(last)}";
        }).ToList();
        return notes.Count == 0 ? "" : notes.Count == 1
            ? $"{PartialMark} partial week: only {notes[0]} is in the range, so it is not comparable with whole weeks."
            : $"{PartialMark} partial weeks: only {string.Join(" and ", notes)} are in the range, so they are not comparable with whole weeks.";
    }

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
