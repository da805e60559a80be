using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
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
    /// which the exports and the API read too. "All my properties" is written as an empty <c>properties=</c> (which
    /// the reader takes as every visible property), because a link without <c>properties</c> means the current one.</summary>
    public string ToQueryString() => (Properties.Count == 0 ? UpsellReportQueryString.Properties + "=&" : "") + UpsellReportQueryString.ToQueryString(ToQuery());

    /// <summary>"All my properties" (an empty choice) or the chosen codes.</summary>
    public const string AllPropertiesText = "All my properties";

    public string PropertiesText => Properties.Count == 0 ? AllPropertiesText : string.Join(", ", Properties);

    /// <summary>This page's address for the filter.</summary>
    public string ToUrl() => PageUrls.UpsellReport + "?" + ToQueryString();

    /// <summary>A file of this report: <c>/exports/upsell-report?format=csv&amp;…</c>.</summary>
    public string ExportUrl(string format) => $"{PageUrls.ExportUpsellReport}?format={format}&{ToQueryString()}";

    /// <summary>
    /// The filter an address asks for, read by <see cref="UpsellReportQueryString.Parse(IReadOnlyDictionary{string, Microsoft.Extensions.Primitives.StringValues}, DateOnly?, DateOnly?)"/>
    /// (the same reader as the exports and the API, so a link means the same report everywhere). What the address
    /// leaves out comes from <paramref name="fallback"/>: no <c>properties</c> = the current property (an empty
    /// <c>properties=</c> = all the user's properties), a link with only <c>from</c> keeps the default length. A part
    /// the reader cannot read is not dropped silently: its message is in <c>Problems</c> (the page shows them) and the
    /// fallback's value is used for that part only. A back-to-front range is kept as asked (the page says what is wrong).
    /// </summary>
    public static (ReportFilter Filter, IReadOnlyList<string> Problems) Read(string uri, ReportFilter fallback)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(fallback);
        var start = uri.IndexOf('?', StringComparison.Ordinal);
        var all = start < 0 ? new Dictionary<string, StringValues>() : QueryHelpers.ParseQuery(uri[start..].Split('#')[0]);
        var parameters = new Dictionary<string, StringValues>(all, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();

        // Each known part on its own: the reader's message for a part it cannot read, and the part left out.
        // (From and To are read with a far-off other end, so a back-to-front range is not a problem of either part.)
        foreach (var name in UpsellReportQueryString.Names)
        {
            if (!parameters.TryGetValue(name, out var value))
            {
                continue;
            }
            if (name == UpsellReportQueryString.GroupBy)
            {
                var kept = new List<string>();
                foreach (var item in value.OfType<string>().SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0))
                {
                    var (_, itemErrors) = UpsellReportQueryString.Parse(Only(name, item), DateOnly.MinValue, DateOnly.MaxValue);
                    problems.AddRange(itemErrors);
                    if (itemErrors.Count == 0)
                    {
                        kept.Add(item);
                    }
                }
                parameters[name] = new StringValues(kept.ToArray());
                continue;
            }
            var (_, errors) = UpsellReportQueryString.Parse(Only(name, value), DateOnly.MinValue, DateOnly.MaxValue);
            if (errors.Count > 0)
            {
                problems.AddRange(errors);
                parameters.Remove(name);
            }
        }

        DateOnly? Day(string name) => parameters.ContainsKey(name)
            ? UpsellReportQueryString.Parse(Only(name, parameters[name]), DateOnly.MinValue, DateOnly.MaxValue) is ({ } q, _) ? (name == UpsellReportQueryString.From ? q.From : q.To) : null
            : null;
        var from = Day(UpsellReportQueryString.From);
        var to = Day(UpsellReportQueryString.To);
        var (rangeFrom, rangeTo) = from is not null && to is not null ? (from.Value, to.Value)
            : from is not null ? (from.Value, from.Value.AddDays(fallback.To.DayNumber - fallback.From.DayNumber))
            : to is not null ? (to.Value.AddDays(fallback.From.DayNumber - fallback.To.DayNumber), to.Value)
            : (fallback.From, fallback.To);

        // The rest, read together (only parts that read on their own are left, so this cannot fail).
        parameters.Remove(UpsellReportQueryString.From);
        parameters.Remove(UpsellReportQueryString.To);
        var (query, rest) = UpsellReportQueryString.Parse(parameters, rangeFrom, rangeFrom);
        if (query is null)
        {
            problems.AddRange(rest);
            return (fallback with { From = rangeFrom, To = rangeTo }, problems);
        }
        var filter = new ReportFilter(
            parameters.ContainsKey(UpsellReportQueryString.Properties) ? query.PropertyCodes : fallback.Properties,
            rangeFrom,
            rangeTo,
            parameters.ContainsKey(UpsellReportQueryString.By) ? query.DateBasis : fallback.Basis,
            parameters.ContainsKey(UpsellReportQueryString.Agent) ? query.Agent : fallback.Agent,
            parameters.ContainsKey(UpsellReportQueryString.Channel) ? query.Channel : fallback.Channel,
            parameters.ContainsKey(UpsellReportQueryString.Kind) ? query.Kind : fallback.Kind,
            query.GroupBy.Count > 0 ? query.GroupBy[0] : fallback.GroupBy);
        return (filter, problems);

        static Dictionary<string, StringValues> Only(string name, StringValues value) => new(StringComparer.OrdinalIgnoreCase) { [name] = value };
    }
}
