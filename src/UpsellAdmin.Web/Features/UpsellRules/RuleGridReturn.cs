using Microsoft.AspNetCore.WebUtilities;
using UpsellAdmin.Web.Components;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>
/// The way back from a rule to the grid the user came from: the grid puts its own URL (criteria, page, sort in the
/// query string) in the edit link's <c>returnUrl</c>; after Save or Cancel the edit page goes back there, with
/// <c>highlight</c> naming the saved rule. Only a local Upsell Rules URL is followed (no open redirect).
/// </summary>
public static class RuleGridReturn
{
    public const string ReturnUrlParameter = "returnUrl";
    public const string HighlightParameter = "highlight";

    /// <summary>The edit (or new, when <paramref name="ruleId"/> is null) link that returns to <paramref name="gridUrl"/>
    /// (a relative URL such as "/upsell-rules?from=STD&amp;page=2").</summary>
    public static string EditUrl(int propertyId, int? ruleId, string gridUrl)
    {
        var target = ruleId is { } id ? PageUrls.UpsellRuleEditFor(propertyId, id) : PageUrls.UpsellRuleNewFor(propertyId);
        return QueryHelpers.AddQueryString(target, ReturnUrlParameter, gridUrl);
    }

    /// <summary>Where Save/Cancel goes: the grid URL the link carried (when it is a local Upsell Rules URL), else the
    /// plain grid; with <c>highlight=ruleId</c> when a rule was saved.</summary>
    public static string BackUrl(string? returnUrl, int? savedRuleId)
    {
        var url = IsGridUrl(returnUrl) ? returnUrl! : PageUrls.UpsellRules;
        var question = url.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? url : url[..question];
        var query = question < 0 ? new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>() : QueryHelpers.ParseQuery(url[question..]);
        query.Remove(HighlightParameter);
        if (savedRuleId is { } id)
        {
            query[HighlightParameter] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return QueryHelpers.AddQueryString(path, query.SelectMany(kv => kv.Value.Select(v => KeyValuePair.Create(kv.Key, v))));
    }

    private static bool IsGridUrl(string? url) =>
        url is not null
        && (url == PageUrls.UpsellRules || url.StartsWith(PageUrls.UpsellRules + "?", StringComparison.Ordinal))
        && !url.Contains('\\', StringComparison.Ordinal);
}
