using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace UpsellAdmin.Web.Features.Reports.Components;

/// <summary>One currency section of the report: KPI cards, the time, room-type pair and agent charts each with the
/// table of the same groups, and the table of the chosen grouping with the section's totals.</summary>
public sealed partial class ReportSectionView
{
    [Parameter, EditorRequired] public UpsellReportSection Section { get; set; } = default!;
    [Parameter, EditorRequired] public ReportFilter Filter { get; set; } = default!;
    [Parameter] public bool OwnFiguresOnly { get; set; }
    /// <summary>"Commission: HTL1 5 % of revenue · HTL2 not set".</summary>
    [Parameter] public string CommissionText { get; set; } = "";

    private bool _week;
    private IReadOnlyList<UpsellReportGroup> _periods = [];
    private string[] _periodLabels = [];
    private List<ChartSeries<double>> _revenueOverTime = [];
    private List<ChartSeries<double>> _conversionOverTime = [];
    private IReadOnlyList<UpsellReportGroup> _pairs = [];
    private IReadOnlyList<UpsellReportGroup> _pairBars = [];
    private List<ChartSeries<double>> _pairSeries = [];
    private IReadOnlyList<UpsellReportGroup> _agents = [];
    private IReadOnlyList<UpsellReportGroup> _agentBars = [];
    private List<ChartSeries<double>> _agentSeries = [];
    private LineChartOptions _revenueOptions = new();
    private LineChartOptions _conversionOptions = new();
    private BarChartOptions _barOptions = new();

    private IReadOnlyList<UpsellReportGroup> Grouped => GroupsOf(Filter.GroupBy);

    private IReadOnlyList<UpsellReportGroup> GroupsOf(ReportGrouping grouping) =>
        Section.Groups.TryGetValue(grouping, out var groups) ? groups : [];

    protected override void OnParametersSet()
    {
        _week = Filter.TimeGrouping == ReportGrouping.Week;
        _periods = ReportChartData.EveryPeriod(GroupsOf(Filter.TimeGrouping), Filter);
        _periodLabels = ReportChartData.PeriodLabels(_periods);
        _revenueOverTime = ReportChartData.Revenue(_periods, Section.CurrencyCode);
        _conversionOverTime = ReportChartData.Conversion(_periods);
        _pairs = GroupsOf(ReportGrouping.RoomTypePair);
        _pairBars = ReportChartData.Bars(_pairs);
        _pairSeries = ReportChartData.Revenue(_pairBars, Section.CurrencyCode);
        _agents = GroupsOf(ReportGrouping.Agent);
        _agentBars = ReportChartData.Bars(_agents);
        _agentSeries = ReportChartData.Revenue(_agentBars, Section.CurrencyCode);
        // Many days: labels turned so they do not run into each other.
        var rotation = _periods.Count > 16 ? 45 : 0;
        _revenueOptions = new LineChartOptions { MaxNumYAxisTicks = 6, YAxisToStringFunc = ReportChartData.AxisAmount, XAxisLabelRotation = rotation, ShowLegend = false, ShowDataMarkers = _periods.Count <= 31 };
        _conversionOptions = new LineChartOptions { YAxisFormat = "0'%'", YAxisTicks = 10, XAxisLabelRotation = rotation, ShowLegend = false, ShowDataMarkers = _periods.Count <= 31 };
        _barOptions = new BarChartOptions { MaxNumYAxisTicks = 6, YAxisToStringFunc = ReportChartData.AxisAmount, XAxisLabelRotation = 30, ShowLegend = false };
    }

    private static string BarsNote(int count) => count > ReportChartData.MaximumBars
        ? $"The {ReportChartData.MaximumBars} biggest by revenue in the chart; all {count} in the table."
        : "Revenue = posted to Mews minus reversed.";
}
