using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Features.Reports;

/// <summary>
/// The Upsell Performance query in an address (the page's URL, the export links, the API):
/// <c>properties=A1,B2&amp;from=2026-03-01&amp;to=2026-03-31&amp;by=sale|stay&amp;agent=Anna&amp;channel=desk|api
/// &amp;kind=roomUpgrade|addOn&amp;groupBy=day,agent</c>. Names and values are case-insensitive; <c>properties</c> and
/// <c>groupBy</c> take comma-separated lists (or the parameter repeated); empty values mean "not set". Defaults: every
/// visible property, by sale date, no agent/channel/kind filter, no grouping; <c>from</c> and <c>to</c> have no default
/// unless the caller gives one (the page does, the API does not). Parameters of other names are ignored.
/// <see cref="ToQueryString"/> writes the canonical form (camelCase values, defaults left out), which
/// <see cref="Parse(IReadOnlyDictionary{string, StringValues}, DateOnly?, DateOnly?)"/> reads back to the same query.
/// </summary>
public static class UpsellReportQueryString
{
    public const string Properties = "properties";
    public const string From = "from";
    public const string To = "to";
    public const string By = "by";
    public const string Agent = "agent";
    public const string Channel = "channel";
    public const string Kind = "kind";
    public const string GroupBy = "groupBy";

    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The <c>by</c> values.</summary>
    public const string BySale = "sale";
    public const string ByStay = "stay";

    /// <summary>Every parameter name this address form knows.</summary>
    public static readonly IReadOnlyList<string> Names = [Properties, From, To, By, Agent, Channel, Kind, GroupBy];

    /// <summary>The camelCase name of a grouping (the API's <c>groupBy</c> value).</summary>
    public static string Name(ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Property => "property",
        ReportGrouping.Agent => "agent",
        ReportGrouping.RoomTypePair => "roomTypePair",
        ReportGrouping.Rule => "rule",
        ReportGrouping.AddOn => "addOn",
        ReportGrouping.Day => "day",
        ReportGrouping.Week => "week",
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, null),
    };

    public static string Name(SaleChannel channel) => channel switch
    {
        SaleChannel.Desk => "desk",
        SaleChannel.Api => "api",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    public static string Name(UpsellKind kind) => kind switch
    {
        UpsellKind.RoomUpgrade => "roomUpgrade",
        UpsellKind.AddOn => "addOn",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Name(ReportDateBasis basis) => basis == ReportDateBasis.StayDate ? ByStay : BySale;

    /// <summary>Reads a grouping's name (case-insensitive; the enum's own name is accepted too).</summary>
    public static bool TryParseGrouping(string? value, out ReportGrouping grouping)
    {
        foreach (var g in Enum.GetValues<ReportGrouping>())
        {
            if (string.Equals(value?.Trim(), Name(g), StringComparison.OrdinalIgnoreCase))
            {
                grouping = g;
                return true;
            }
        }
        grouping = default;
        return false;
    }

    /// <summary>Reads the address's query part (with or without the leading <c>?</c>).</summary>
    public static (UpsellReportQuery? Query, IReadOnlyList<string> Errors) Parse(Uri uri, DateOnly? defaultFrom = null, DateOnly? defaultTo = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var query = uri.IsAbsoluteUri ? uri.Query : uri.OriginalString.Contains('?', StringComparison.Ordinal) ? uri.OriginalString[uri.OriginalString.IndexOf('?', StringComparison.Ordinal)..] : "";
        return Parse(query, defaultFrom, defaultTo);
    }

    /// <summary>Reads a query string (with or without the leading <c>?</c>).</summary>
    public static (UpsellReportQuery? Query, IReadOnlyList<string> Errors) Parse(string queryString, DateOnly? defaultFrom = null, DateOnly? defaultTo = null) =>
        Parse(QueryHelpers.ParseQuery(queryString), defaultFrom, defaultTo);

    /// <summary>Reads the parameters (e.g. <c>HttpRequest.Query</c> or <c>QueryHelpers.ParseQuery</c>). The query is null when
    /// there are errors; each error names the parameter and the value it could not read.</summary>
    public static (UpsellReportQuery? Query, IReadOnlyList<string> Errors) Parse(IReadOnlyDictionary<string, StringValues> parameters,
        DateOnly? defaultFrom = null, DateOnly? defaultTo = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in parameters)
        {
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }
            list.AddRange(value.OfType<string>());
        }
        IEnumerable<string> Items(string name) => values.TryGetValue(name, out var list)
            ? list.SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0)
            : [];
        string? Single(string name, List<string> errors)
        {
            var items = values.TryGetValue(name, out var list) ? list.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList() : [];
            if (items.Count > 1)
            {
                errors.Add($"{name} is given {items.Count} times ({string.Join(", ", items)}): give it once.");
            }
            return items.FirstOrDefault();
        }

        var errors = new List<string>();
        var properties = Items(Properties).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        DateOnly? Date(string name, DateOnly? fallback)
        {
            var text = Single(name, errors);
            if (text is null)
            {
                if (fallback is null)
                {
                    errors.Add($"{name} is required (a date, {DateFormat}).");
                }
                return fallback;
            }
            if (DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
            errors.Add($"{name} '{text}' is not a date: use {DateFormat}, e.g. 2026-03-31.");
            return null;
        }
        var from = Date(From, defaultFrom);
        var to = Date(To, defaultTo);
        if (from is { } f && to is { } t && f > t)
        {
            errors.Add($"From ({f.ToString(DateFormat, CultureInfo.InvariantCulture)}) is after To ({t.ToString(DateFormat, CultureInfo.InvariantCulture)}).");
        }

        var basis = ReportDateBasis.SaleDate;
        if (Single(By, errors) is { } by)
        {
            if (string.Equals(by, ByStay, StringComparison.OrdinalIgnoreCase) || string.Equals(by, nameof(ReportDateBasis.StayDate), StringComparison.OrdinalIgnoreCase))
            {
                basis = ReportDateBasis.StayDate;
            }
            else if (!string.Equals(by, BySale, StringComparison.OrdinalIgnoreCase) && !string.Equals(by, nameof(ReportDateBasis.SaleDate), StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"by '{by}' is not known: use {BySale} (the day of the sale) or {ByStay} (the arrival date).");
            }
        }

        var agent = Single(Agent, errors);

        SaleChannel? channel = null;
        if (Single(Channel, errors) is { } channelText)
        {
            channel = Enum.GetValues<SaleChannel>().Where(c => string.Equals(Name(c), channelText, StringComparison.OrdinalIgnoreCase)).Select(c => (SaleChannel?)c).FirstOrDefault();
            if (channel is null)
            {
                errors.Add($"channel '{channelText}' is not known: use {string.Join(" or ", Enum.GetValues<SaleChannel>().Select(Name))}.");
            }
        }

        UpsellKind? kind = null;
        if (Single(Kind, errors) is { } kindText)
        {
            kind = Enum.GetValues<UpsellKind>().Where(k => string.Equals(Name(k), kindText, StringComparison.OrdinalIgnoreCase)).Select(k => (UpsellKind?)k).FirstOrDefault();
            if (kind is null)
            {
                errors.Add($"kind '{kindText}' is not known: use {string.Join(" or ", Enum.GetValues<UpsellKind>().Select(Name))}.");
            }
        }

        var groupBy = new List<ReportGrouping>();
        foreach (var item in Items(GroupBy))
        {
            if (TryParseGrouping(item, out var grouping))
            {
                if (!groupBy.Contains(grouping))
                {
                    groupBy.Add(grouping);
                }
            }
            else
            {
                errors.Add($"groupBy '{item}' is not known: use {string.Join(", ", Enum.GetValues<ReportGrouping>().Select(Name))}.");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new UpsellReportQuery(properties, from!.Value, to!.Value, basis, agent, channel, kind, groupBy), []);
    }

    /// <summary>The canonical query string (no leading <c>?</c>): parameters in a fixed order, values escaped, defaults
    /// (by=sale, empty lists, null filters) left out.</summary>
    public static string ToQueryString(UpsellReportQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parts = new List<string>();
        void Add(string name, string value) => parts.Add($"{name}={Uri.EscapeDataString(value)}");
        if (query.PropertyCodes.Count > 0)
        {
            Add(Properties, string.Join(',', query.PropertyCodes));
        }
        Add(From, query.From.ToString(DateFormat, CultureInfo.InvariantCulture));
        Add(To, query.To.ToString(DateFormat, CultureInfo.InvariantCulture));
        if (query.DateBasis == ReportDateBasis.StayDate)
        {
            Add(By, ByStay);
        }
        if (!string.IsNullOrWhiteSpace(query.Agent))
        {
            Add(Agent, query.Agent);
        }
        if (query.Channel is { } channel)
        {
            Add(Channel, Name(channel));
        }
        if (query.Kind is { } kind)
        {
            Add(Kind, Name(kind));
        }
        if (query.GroupBy.Count > 0)
        {
            Add(GroupBy, string.Join(',', query.GroupBy.Distinct().Select(Name)));
        }
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(text.Length == 0 ? "" : "&").Append(part);
        }
        return text.ToString();
    }
}
