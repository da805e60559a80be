using Microsoft.AspNetCore.Components;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Components.Shared;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.UpsellRules;

public partial class UpsellRulePricing
{
    [Parameter, EditorRequired] public UpsellRuleFormModel Model { get; set; } = default!;
    [Parameter, EditorRequired] public PropertyLookups Lookups { get; set; } = default!;
    [Parameter, EditorRequired] public FieldErrors Errors { get; set; } = default!;
    [Parameter] public bool ReadOnly { get; set; }

    private string AmountUnit => Model.Formula.IsPercentage() ? "%" : Model.CurrencyCode;

    private string AmountHelp => Model.Formula switch
    {
        UpsellFormula.PercentOfDifferenceAddedToOriginalRate => "% of the rate difference added to the original rate",
        UpsellFormula.PercentOfOriginalRateAddedToOriginalRate => "% of the original rate added to it",
        _ => "Added to the original rate per night",
    };

    private void OnFormulaChanged(UpsellFormula formula)
    {
        // The model clears Upsell Amount and every level amount (OPERA's behaviour); drop their stale messages too.
        Model.Formula = formula;
        ClearAmountErrors();
    }

    private void OnUseLevelsChanged(bool use)
    {
        Model.UseOccupancyLevels = use;
        Errors.Remove(nameof(Model.UseOccupancyLevels));
        if (use)
        {
            // One row per property level, in level order, keeping amounts already entered.
            var rows = Lookups.OccupancyLevels
                .Select(l => Model.OccupancyAmounts.FirstOrDefault(r => r.Level == l.Level) is { } existing
                    ? existing
                    : new OccupancyAmountModel { Level = l.Level, Description = l.Description })
                .ToList();
            Model.OccupancyAmounts = rows;
        }
        ClearAmountErrors();
    }

    private void SetAmount(OccupancyAmountModel row, string key, decimal? amount)
    {
        row.Amount = amount;
        Errors.Remove(key);
        Errors.Remove(nameof(Model.OccupancyAmounts));
    }

    private void ClearAmountErrors()
    {
        foreach (var key in Errors.All.Select(e => e.Key).Where(k => k.StartsWith(nameof(Model.OccupancyAmounts), StringComparison.Ordinal)).ToList())
        {
            Errors.Remove(key);
        }
    }

    private string BandText(int level) =>
        Lookups.OccupancyLevels.FirstOrDefault(l => l.Level == level) is { } l ? $"{l.FromPercent:0.##} – {l.ToPercent:0.##} %" : "";
}
