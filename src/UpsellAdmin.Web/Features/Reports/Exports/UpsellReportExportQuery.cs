using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Features.Reports.Exports;

/// <summary>
/// The report export's query string → <see cref="UpsellReportQuery"/>: the page's address form
/// (<c>properties=A,B&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;by=sale|stay&amp;agent=…&amp;channel=Desk|Api&amp;kind=RoomUpgrade|AddOn&amp;groupBy=day,agent</c>).
/// The export needs from and to; without groupBy it groups by day.
/// </summary>
public static class UpsellReportExportQuery
{
    public static (UpsellReportQuery? Query, IReadOnlyList<string> Errors) Parse(string? queryString)
    {
        var q = QueryHelpers.ParseQuery(queryString);
        string? Text(string key) => q.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        var errors = new List<string>();
        DateOnly Date(string key)
        {
            if (Text(key) is not { } text)
            {
                errors.Add($"{key} is required (a date as yyyy-MM-dd).");
                return default;
            }
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                errors.Add($"{key} is a date as yyyy-MM-dd.");
            }
            return d;
        }
        var from = Date("from");
        var to = Date("to");
        if (errors.Count == 0 && from > to)
        {
            errors.Add($"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd}).");
        }
        var properties = (Text("properties") ?? Text("property") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var basis = Text("by")?.ToLowerInvariant() switch
        {
            null or "sale" => ReportDateBasis.SaleDate,
            "stay" => ReportDateBasis.StayDate,
            _ => (ReportDateBasis?)null,
        };
        if (basis is null)
        {
            errors.Add("by is sale or stay.");
        }
        var channel = ParseEnum<SaleChannel>("channel", errors, Text("channel"));
        var kind = ParseEnum<UpsellKind>("kind", errors, Text("kind"));
        var groupBy = new List<ReportGrouping>();
        foreach (var name in (Text("groupBy") ?? "day").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Grouping(name) is { } g)
            {
                groupBy.Add(g);
            }
            else
            {
                errors.Add($"groupBy is one or more of {string.Join(", ", Enum.GetValues<ReportGrouping>().Select(UpsellReportExport.GroupingName))}.");
                break;
            }
        }
        return errors.Count > 0
            ? (null, errors)
            : (new UpsellReportQuery(properties, from, to, basis!.Value, Text("agent"), channel, kind, groupBy.Distinct().ToList()), []);
    }

    /// <summary>A grouping by its API name (camelCase, case-insensitive); null when unknown.</summary>
    public static ReportGrouping? Grouping(string? name) =>
        Enum.GetValues<ReportGrouping>().Cast<ReportGrouping?>()
            .FirstOrDefault(g => string.Equals(UpsellReportExport.GroupingName(g!.Value), name, StringComparison.OrdinalIgnoreCase));

    private static T? ParseEnum<T>(string key, List<string> errors, string? text) where T : struct, System.Enum
    {
        if (text is null)
        {
            return null;
        }
        if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }
        errors.Add($"{key} is one of {string.Join(", ", System.Enum.GetNames<T>())}.");
        return null;
    }
}
