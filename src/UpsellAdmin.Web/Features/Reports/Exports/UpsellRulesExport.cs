using System.Runtime.CompilerServices;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Reports.Exports;

/// <summary>
/// The Upsell Rules grid as a file: every rule the criteria find (all pages, not only the one on screen), in the grid's
/// sort, in OPERA's columns (Code, Description, From/To Room Type, Upsell Amount, Begin/End Date, Days of Week, Type,
/// Rate Codes/Categories, Memberships, Channels, Reservation Types, Markets), read through the grid's own search.
/// </summary>
public static class UpsellRulesExport
{
    /// <summary>Rules read per search while streaming (the search service's largest page).</summary>
    public const int PageSize = 1000;

    public static IReadOnlyList<ExportColumn<UpsellRuleRow>> Columns { get; } =
    [
        ExportColumn.Text<UpsellRuleRow>("Code", r => r.Code, 14),
        ExportColumn.Text<UpsellRuleRow>("Description", r => r.Description, 30),
        ExportColumn.Text<UpsellRuleRow>(RuleGridColumns.Title(RuleGridColumns.From), r => r.From),
        ExportColumn.Text<UpsellRuleRow>(RuleGridColumns.Title(RuleGridColumns.To), r => r.To),
        ExportColumn.Text<UpsellRuleRow>(RuleGridColumns.Title(RuleGridColumns.Amount), r => r.Amount, 20),
        ExportColumn.Date<UpsellRuleRow>(RuleGridColumns.Title(RuleGridColumns.BeginDate), r => r.BeginDate),
        ExportColumn.Date<UpsellRuleRow>(RuleGridColumns.Title(RuleGridColumns.EndDate), r => r.EndDate),
        ExportColumn.Text<UpsellRuleRow>(RuleGridColumns.Title(RuleGridColumns.DaysOfWeek), r => Weekdays.Format(r.DaysOfWeek), 18),
        ExportColumn.Text<UpsellRuleRow>(RuleGridColumns.Title(RuleGridColumns.Type), r => r.Type),
        ExportColumn.Text<UpsellRuleRow>(RuleGridColumns.Title(RuleGridColumns.Rates), r => r.RateCodeCategoryList, 24),
        ExportColumn.Text<UpsellRuleRow>(RuleGridColumns.Title(RuleGridColumns.Memberships), r => r.MembershipTypesLevels, 20),
        ExportColumn.Text<UpsellRuleRow>(RuleGridColumns.Title(RuleGridColumns.Channels), r => r.Channels, 18),
        ExportColumn.Text<UpsellRuleRow>(RuleGridColumns.Title(RuleGridColumns.ReservationTypes), r => r.ReservationTypes, 18),
        ExportColumn.Text<UpsellRuleRow>(RuleGridColumns.Title(RuleGridColumns.Markets), r => r.MarketSegments, 18),
        ExportColumn.Text<UpsellRuleRow>("Needs attention", r => r.Warnings.Count == 0 ? null : string.Join("; ", r.Warnings), 30),
    ];

    /// <summary>Every rule of the property matching the criteria, in the given sort, <see cref="PageSize"/> per search.</summary>
    public static async IAsyncEnumerable<UpsellRuleRow> RowsAsync(IUpsellRuleService rules, int propertyId, UpsellRuleCriteria criteria,
        string? sortBy, bool descending, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(criteria);
        var seen = new HashSet<int>();
        for (var page = 0; ; page++)
        {
            var result = await rules.SearchAsync(propertyId, criteria, new PageRequest(page, PageSize, sortBy, descending), cancellationToken);
            foreach (var row in result.Items)
            {
                if (seen.Add(row.Id))
                {
                    yield return row;
                }
            }
            if (result.Items.Count < PageSize)
            {
                yield break;
            }
        }
    }
}
