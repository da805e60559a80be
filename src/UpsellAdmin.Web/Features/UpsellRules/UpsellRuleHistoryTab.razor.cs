using Microsoft.AspNetCore.Components;
using MudBlazor;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Common.Audit;

namespace UpsellAdmin.Web.Features.UpsellRules;

public partial class UpsellRuleHistoryTab
{
    [Parameter, EditorRequired] public int PropertyId { get; set; }
    [Parameter, EditorRequired] public int RuleId { get; set; }

    /// <summary>The rule's version as the page loaded it: a restore over a rule changed since is a conflict.</summary>
    [Parameter, EditorRequired] public Guid LoadedVersion { get; set; }
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Called after a restore saved: the page reloads the rule.</summary>
    [Parameter] public EventCallback OnRestored { get; set; }

    [Inject] private IUpsellRuleHistoryService History { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<RuleVersion>? _versions;
    private readonly List<string> _problems = [];
    private bool _restoring;
    private (int, int, Guid) _loadedFor;

    protected override async Task OnParametersSetAsync()
    {
        if (_versions is not null && _loadedFor == (PropertyId, RuleId, LoadedVersion))
        {
            return;
        }
        _loadedFor = (PropertyId, RuleId, LoadedVersion);
        _versions = await History.GetAsync(PropertyId, RuleId) ?? [];
    }

    private static string Shown(string text) => text.Length == 0 ? "—" : text;

    private static Color ActionColor(string action) => action switch
    {
        AuditActions.Created => Color.Success,
        AuditActions.Deleted => Color.Error,
        AuditActions.Restored => Color.Warning,
        AuditActions.Copied => Color.Secondary,
        _ => Color.Info,
    };

    private async Task RestoreAsync(RuleVersion version)
    {
        _problems.Clear();
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = "Restore this version?",
            Message = $"The rule gets back every field it had on {AuditTime.Text(version.At)} (saved by {version.By}). "
                + "Its current fields are kept in the history and can be restored in turn.",
            YesText = "Restore",
            CancelText = "Cancel",
        });
        if (confirmed != true)
        {
            return;
        }
        _restoring = true;
        try
        {
            var result = await History.RestoreAsync(PropertyId, RuleId, version.EntryId, LoadedVersion);
            if (result.Succeeded)
            {
                Snackbar.Add($"Restored the version of {AuditTime.Text(version.At)}.", Severity.Success);
                _versions = null;
                await OnRestored.InvokeAsync();
                return;
            }
            _problems.AddRange(result.Errors.Select(e => e.Message));
            if (result.Status == SaveStatus.Conflict)
            {
                _problems.Add("Someone saved this rule since you opened it: reload the page to see it as it is now, then restore again.");
            }
        }
        finally
        {
            _restoring = false;
        }
    }
}
