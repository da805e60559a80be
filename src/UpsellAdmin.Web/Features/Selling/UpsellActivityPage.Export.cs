using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using UpsellAdmin.Web.Components;

namespace UpsellAdmin.Web.Features.Selling;

/// <summary>The page's Export links: the CSV / Excel download of the log as it is filtered on screen.</summary>
public sealed partial class UpsellActivityPage
{
    private string ExportHref(string format) =>
        UpsellActivityAddress.ExportUrl(format, PropertyState.Properties.FirstOrDefault(p => p.Id == _propertyId)?.Code, Filter);
}

/// <summary>
/// The Upsell Activity filter as an address's query string (<c>property=CODE&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;agent=…
/// &amp;status=Posted</c>, each optional): what the page's Export links carry and the export endpoint reads.
/// </summary>
public static class UpsellActivityAddress
{
    public const string PropertyKey = "property", FromKey = "from", ToKey = "to", AgentKey = "agent", StatusKey = "status";

    /// <summary>The download's URL: <c>/exports/upsell-activity?format=csv&amp;…</c>.</summary>
    public static string ExportUrl(string format, string? propertyCode, UpsellActivityFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new List<KeyValuePair<string, string?>> { new("format", format) };
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(new(key, value));
            }
        }
        Add(PropertyKey, propertyCode);
        Add(FromKey, filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(ToKey, filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(AgentKey, filter.Agent);
        Add(StatusKey, filter.Status?.ToString());
        return QueryHelpers.AddQueryString(PageUrls.ExportUpsellActivity, query);
    }

    /// <summary>Reads the filter back (the property as its code, for the caller to resolve); null and a message when a
    /// value is malformed.</summary>
    public static (string? PropertyCode, UpsellActivityFilter? Filter, string? Error) Parse(Func<string, StringValues> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Text(string key) => query(key) is { Count: > 0 } v && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        DateOnly? from = null, to = null;
        if (Text(FromKey) is { } f)
        {
            if (!DateOnly.TryParseExact(f, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return (null, null, "from is a date as yyyy-MM-dd.");
            }
            from = d;
        }
        if (Text(ToKey) is { } t)
        {
            if (!DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return (null, null, "to is a date as yyyy-MM-dd.");
            }
            to = d;
        }
        if (from > to)
        {
            return (null, null, $"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd}).");
        }
        UpsellStatus? status = null;
        if (Text(StatusKey) is { } s)
        {
            if (!Enum.TryParse<UpsellStatus>(s, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(s, out _))
            {
                return (null, null, $"status is one of {string.Join(", ", Enum.GetNames<UpsellStatus>())}.");
            }
            status = parsed;
        }
        var agent = Text(AgentKey);
        if (agent is { Length: > 256 })
        {
            return (null, null, "agent has at most 256 characters.");
        }
        return (Text(PropertyKey), new UpsellActivityFilter(null, from, to, agent, status), null);
    }
}
