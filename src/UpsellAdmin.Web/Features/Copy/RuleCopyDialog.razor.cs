using Microsoft.AspNetCore.Components;
using MudBlazor;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.Copy;

/// <summary>
/// Copy the selected rules of a property to other properties: pick targets → preview (per target and rule: copied
/// as is, or each conflict with a choice and "apply to all like this") → apply → what was created, overwritten,
/// skipped. Closes with <see cref="RuleCopyApplyResult"/> after an apply (the caller reloads its grid), else cancels.
/// </summary>
public partial class RuleCopyDialog
{
    private enum Step
    {
        Targets,
        Preview,
        Result,
    }

    [CascadingParameter] private IMudDialogInstance? MudDialog { get; set; }

    [Inject] private IRuleCopyService CopyService { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    /// <summary>The property whose rules are copied.</summary>
    [Parameter, EditorRequired] public int SourcePropertyId { get; set; }

    /// <summary>The ids of the selected rules of <see cref="SourcePropertyId"/>.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<int> RuleIds { get; set; } = [];

    private Step _step = Step.Targets;
    private IReadOnlyList<PropertySummary>? _targets;
    private readonly HashSet<int> _selected = [];
    private RuleCopyPreview? _preview;
    private readonly Dictionary<RuleCopyItem, RuleCopyPlan> _plans = [];
    private Dictionary<(CopyConflictKind, string), int> _likeCounts = [];
    private RuleCopyApplyResult? _result;
    private string? _error;
    private bool _busy;
    private int _tab;

    protected override async Task OnInitializedAsync() =>
        _targets = await CopyService.GetTargetPropertiesAsync(SourcePropertyId);

    private void ToggleTarget(PropertySummary property, bool selected)
    {
        if (selected)
        {
            _selected.Add(property.Id);
        }
        else
        {
            _selected.Remove(property.Id);
        }
    }

    private RuleCopyRequest Request() =>
        new(SourcePropertyId, RuleIds, _targets!.Where(t => _selected.Contains(t.Id)).Select(t => t.Id).ToList());

    private async Task PreviewAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var result = await CopyService.PreviewAsync(Request());
            if (result.Preview is null)
            {
                _error = result.Message;
                return;
            }
            _preview = result.Preview;
            _likeCounts = _preview.AllConflicts.GroupBy(c => (c.Kind, c.Value)).ToDictionary(g => g.Key, g => g.Count());
            RecomputePlans();
            _tab = 0;
            _step = Step.Preview;
        }
        finally
        {
            _busy = false;
        }
    }

    private void RecomputePlans()
    {
        _plans.Clear();
        foreach (var item in _preview!.Targets.SelectMany(t => t.Rules))
        {
            _plans[item] = item.Plan();
        }
    }

    private void SetResolution(CopyConflict conflict, object? value)
    {
        if (Enum.TryParse<CopyResolution>(value?.ToString(), out var resolution))
        {
            conflict.Resolution = resolution;
            if (resolution == CopyResolution.Map && conflict.MapTo is null)
            {
                conflict.MapTo = conflict.Proposal;
            }
            RecomputePlans();
        }
    }

    private void SetMapTo(CopyConflict conflict, object? value)
    {
        var code = value?.ToString();
        conflict.MapTo = string.IsNullOrEmpty(code) ? null : code;
        RecomputePlans();
    }

    /// <summary>The chooser of a "not in the room hierarchy" conflict: a room type maps To to it, none skips the rule.</summary>
    private void Choose(CopyConflict conflict, object? value)
    {
        var code = value?.ToString();
        if (string.IsNullOrEmpty(code))
        {
            conflict.Resolution = CopyResolution.Skip;
            conflict.MapTo = null;
        }
        else
        {
            conflict.Resolution = CopyResolution.Map;
            conflict.MapTo = code;
        }
        RecomputePlans();
    }

    private string? _rateError;

    /// <summary>A typed exchange rate: used for every rule and target of its pair (whose currency conflicts turn to
    /// Convert); empty = back to Mews' rate.</summary>
    private void SetRate(CopyExchangeRate rate, object? value)
    {
        _rateError = null;
        var text = value?.ToString()?.Trim();
        decimal? typed = null;
        if (!string.IsNullOrEmpty(text))
        {
            if (!decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                _rateError = $"{text} is not a number.";
                return;
            }
            if (CopyExchangeRate.RateProblem(parsed) is { } problem)
            {
                _rateError = $"{rate.From} → {rate.To}: {problem}";
                return;
            }
            typed = parsed == rate.MewsRate ? null : parsed;
        }
        _preview!.SetRate(rate, typed);
        RecomputePlans();
    }

    private static string ConversionText(CopyConversion? c) => c is null ? "" :
        $" ({string.Join(", ", c.Amounts.Select(a => $"{RateText(a.Before)} {c.From} → {RateText(a.After)} {c.To}"))} at {RateText(c.Rate)}, {(c.Source == ExchangeRateSources.Mews ? "from Mews" : "typed")})";

    private static string RateText(decimal? rate) =>
        rate?.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private static string RateSourceText(CopyExchangeRate rate) => rate.Source switch
    {
        ExchangeRateSources.Mews => "from Mews",
        ExchangeRateSources.Typed => rate.MewsRate is { } m ? $"typed (Mews: {RateText(m)})" : "typed",
        _ => "no rate in Mews: type one",
    };

    private int LikeCount(CopyConflict conflict) => _likeCounts.GetValueOrDefault((conflict.Kind, conflict.Value));

    private void ApplyToAllLike(CopyConflict conflict)
    {
        var count = _preview!.ApplyToAllLike(conflict, conflict.Resolution, conflict.MapTo);
        RecomputePlans();
        Snackbar.Add($"\"{conflict.Resolution.Label(Domain.Rules.UpsellFormula.FlatAmountAddedToOriginalRate)}\" set on {count} conflict(s) like {conflict.Kind.Label()} {conflict.Value}.", Severity.Info);
    }

    private int CopyCount() => _plans.Values.Count(p => p.Outcome != CopyOutcome.Skipped);

    private string Summary()
    {
        var asIs = _plans.Count(p => p.Key.Conflicts.Count == 0 && p.Value.Outcome == CopyOutcome.Created);
        var skipped = _plans.Values.Count(p => p.Outcome == CopyOutcome.Skipped);
        return $"{RuleIds.Count} rule(s) to {_preview!.Targets.Count} propert{(_preview.Targets.Count == 1 ? "y" : "ies")}: "
            + $"{asIs} copied as is, {_plans.Count - asIs - skipped} copied with changes, {skipped} skipped. Nothing is written until you copy.";
    }

    private string TabText(TargetCopyPreview target)
    {
        var plans = target.Rules.Select(r => _plans[r]).ToList();
        var conflicts = target.Rules.Sum(r => r.Conflicts.Count);
        return $"{target.Property.Code} ({plans.Count(p => p.Outcome != CopyOutcome.Skipped)}/{plans.Count}{(conflicts > 0 ? $", {conflicts} conflict{(conflicts == 1 ? "" : "s")}" : "")})";
    }

    private static string OutcomeText(RuleCopyPlan plan) => plan.Outcome switch
    {
        CopyOutcome.Created => "Create",
        CopyOutcome.Overwritten => "Overwrite",
        CopyOutcome.Renamed => $"Create as {plan.Code}",
        _ => plan.IsInvalid ? "Skip (invalid)" : "Skip",
    };

    private static Color OutcomeColor(RuleCopyPlan plan) => plan.Outcome switch
    {
        CopyOutcome.Created => Color.Success,
        CopyOutcome.Overwritten => Color.Warning,
        CopyOutcome.Renamed => Color.Info,
        _ => Color.Default,
    };

    private async Task ApplyAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var result = await CopyService.ApplyAsync(Request() with { Decisions = _preview!.Decisions(), ExchangeRates = _preview.Rates() });
            if (result.Status != CopyStatus.Ok)
            {
                _error = result.Message;
                return;
            }
            _result = result;
            _step = Step.Result;
            var failed = result.Targets.Count(t => t.Error is not null);
            Snackbar.Add(
                $"Copied: {result.Targets.Sum(t => t.Created + t.Renamed)} created, {result.Targets.Sum(t => t.Overwritten)} overwritten, {result.Targets.Sum(t => t.Skipped)} skipped"
                + (failed > 0 ? $"; {failed} propert{(failed == 1 ? "y" : "ies")} unchanged after an error." : "."),
                failed > 0 ? Severity.Warning : Severity.Success);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Back()
    {
        _step = Step.Targets;
        _preview = null;
        _plans.Clear();
    }

    private void Cancel() => MudDialog?.Cancel();

    private void Close() => MudDialog?.Close(DialogResult.Ok(_result));
}
