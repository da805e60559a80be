using UpsellAdmin.Web.Components;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>The grid's Export links: the CSV / Excel download of every rule the criteria find (all pages), in the grid's
/// sort, with the grid's own address state (<see cref="RuleGridState"/>) as the query string.</summary>
public partial class UpsellRulesPage
{
    private string ExportHref(string format)
    {
        var url = (_state with { Property = _lookups?.Property.Code ?? _state.Property, Page = 0, PageSize = RuleGridState.DefaultPageSize, Highlight = null }).ToUrl();
        var question = url.IndexOf('?', StringComparison.Ordinal);
        return $"{PageUrls.ExportUpsellRules}?format={format}{(question < 0 ? "" : "&" + url[(question + 1)..])}";
    }
}
