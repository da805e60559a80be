using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Features.Reports.Components;

/// <summary>Quick ranges of the report's date filter.</summary>
public enum ReportQuickRange
{
    Last7Days,
    Last30Days,
    Last90Days,
    ThisMonth,
    LastMonth,
    ThisYear,
}

/// <summary>
/// What the Upsell Performance page shows: the report's query with one grouping for the grouped table. Kept in the
/// address (<see cref="ToQueryString"/>, the same text the exports and the API read), so a link reproduces the report.
/// Empty properties = every property the user may see.
/// </summary>
public sealed record ReportFilter(
    IReadOnlyList<string> Properties,
    DateOnly From,
    DateOnly To,
    ReportDateBasis Basis,
    string? Agent,
    SaleChannel? Channel,
    UpsellKind? Kind,
    ReportGrouping GroupBy)
{
    /// <summary>Ranges up to this many days are charted per day, longer ones per week.</summary>
    public const int MaximumDaysCharted = 62;

    public const ReportGrouping DefaultGrouping = ReportGrouping.Property;

    /// <summary>The page's first report: the current property, the last 30 days by sale date, by property.</summary>
    public static ReportFilter Default(string? property, DateOnly today) =>
        new(property is null ? [] : [property], today.AddDays(-29), today, ReportDateBasis.SaleDate, null, null, null, DefaultGrouping);

    public bool RangeIsValid => From <= To;

    /// <summary>"From 2026-11-30 is after To 2026-11-01: …" when the range is back to front; null when it is fine.</summary>
    public string? RangeError => RangeIsValid ? null
        : $"From {Date(From)} is after To {Date(To)}: choose a From date on or before the To date (or pick a quick range).";

    /// <summary>Day for ranges up to <see cref="MaximumDaysCharted"/> days, Week for longer ones.</summary>
    public ReportGrouping TimeGrouping => To.DayNumber - From.DayNumber + 1 <= MaximumDaysCharted ? ReportGrouping.Day : ReportGrouping.Week;

    /// <summary>The report's query as the address, the exports and the API carry it: the one grouping of the table.</summary>
    public UpsellReportQuery ToQuery() => new(Properties, From, To, Basis, Agent, Channel, Kind, [GroupBy]);

    /// <summary>What the page asks the service: the table's grouping, the time series, room-type pairs and agents.</summary>
    public UpsellReportQuery ToPageQuery(bool ownFiguresOnly) => ToQuery() with
    {
        GroupBy = new[] { GroupBy, TimeGrouping, ReportGrouping.RoomTypePair }
            .Concat(ownFiguresOnly ? [] : [ReportGrouping.Agent]).Distinct().ToList(),
    };

    /// <summary>The header line: "Sales dated 2026-11-01 – 2026-11-30 (sale date)".</summary>
    public string RangeText => Basis == ReportDateBasis.SaleDate
        ? $"Sales dated {Date(From)} – {Date(To)} (sale date)"
        : $"Stays arriving {Date(From)} – {Date(To)} (stay date)";

    /// <summary>The other filters, for the header: "Agent: ann · Channel: Desk · Kind: Upgrade" (empty when none).</summary>
    public string FiltersText => string.Join(" · ", new[]
    {
        Agent is { Length: > 0 } a ? $"Agent: {a}" : null,
        Channel is { } c ? $"Channel: {ChannelText(c)}" : null,
        Kind is { } k ? $"Kind: {KindText(k)}" : null,
    }.Where(x => x is not null));

    public ReportFilter WithRange(ReportQuickRange range, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        var (from, to) = range switch
        {
            ReportQuickRange.Last7Days => (today.AddDays(-6), today),
            ReportQuickRange.Last30Days => (today.AddDays(-29), today),
            ReportQuickRange.Last90Days => (today.AddDays(-89), today),
            ReportQuickRange.ThisMonth => (month, month.AddMonths(1).AddDays(-1)),
            ReportQuickRange.LastMonth => (month.AddMonths(-1), month.AddDays(-1)),
            _ => (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31)),
        };
        return this with { From = from, To = to };
    }

    public static string RangeLabel(ReportQuickRange range) => range switch
    {
        ReportQuickRange.Last7Days => "Last 7 days",
        ReportQuickRange.Last30Days => "Last 30 days",
        ReportQuickRange.Last90Days => "Last 90 days",
        ReportQuickRange.ThisMonth => "This month",
        ReportQuickRange.LastMonth => "Last month",
        _ => "This year",
    };

    public static string GroupingLabel(ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Property => "Property",
        ReportGrouping.Agent => "Agent",
        ReportGrouping.RoomTypePair => "Room-type pair",
        ReportGrouping.Rule => "Rule",
        ReportGrouping.AddOn => "Add-on",
        ReportGrouping.Day => "Day",
        _ => "Week",
    };

    public static string ChannelText(SaleChannel channel) => channel == SaleChannel.Api ? "API" : "Desk";

    public static string KindText(UpsellKind kind) => kind == UpsellKind.RoomUpgrade ? "Upgrade" : "Add-on";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The address's query (no '?'): the report query's canonical text (<see cref="UpsellReportQueryString"/>),
    /// which the exports and the API read too.</summary>
    public string ToQueryString() => UpsellReportQueryString.ToQueryString(ToQuery());

    /// <summary>This page's address for the filter.</summary>
    public string ToUrl() => PageUrls.UpsellReport + "?" + ToQueryString();

    /// <summary>A file of this report: <c>/exports/upsell-report?format=csv&amp;…</c>.</summary>
    public string ExportUrl(string format) => $"{PageUrls.ExportUpsellReport}?format={format}&{ToQueryString()}";

    /// <summary>
    /// The filter an address asks for. Whatever it leaves out (or cannot be read) comes from <paramref name="fallback"/>:
    /// a link with only <c>from</c> and <c>to</c> keeps the current property, a link with a wrong date keeps the default
    /// range. A back-to-front range is kept as asked (the page says what is wrong with it).
    /// </summary>
    public static ReportFilter FromUri(string uri, ReportFilter fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        var start = uri.IndexOf('?', StringComparison.Ordinal);
        var q = start < 0 ? new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>() : QueryHelpers.ParseQuery(uri[start..].Split('#')[0]);
        string? Get(string key) => q.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        static DateOnly? Day(string? text) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        static T? Parse<T>(string? text) where T : struct, System.Enum =>
            System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _) ? value : null;

        var from = Day(Get("from"));
        var to = Day(Get("to"));
        var (rangeFrom, rangeTo) = from is not null && to is not null ? (from.Value, to.Value)
            : from is not null ? (from.Value, from.Value.AddDays(fallback.To.DayNumber - fallback.From.DayNumber))
            : to is not null ? (to.Value.AddDays(fallback.From.DayNumber - fallback.To.DayNumber), to.Value)
            : (fallback.From, fallback.To);
        return new ReportFilter(
            Get("properties") is { } codes ? codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : fallback.Properties,
            rangeFrom,
            rangeTo,
            Get("by") is { } by ? (by.Equals("stay", StringComparison.OrdinalIgnoreCase) ? ReportDateBasis.StayDate : ReportDateBasis.SaleDate) : fallback.Basis,
            Get("agent") ?? fallback.Agent,
            Get("channel") is { } channel ? Parse<SaleChannel>(channel) : fallback.Channel,
            Get("kind") is { } kind ? Parse<UpsellKind>(kind) : fallback.Kind,
            Get("groupBy") is { } groupBy && UpsellReportQueryString.TryParseGrouping(groupBy.Split(',')[0].Trim(), out var grouping) ? grouping : fallback.GroupBy);
    }
}
