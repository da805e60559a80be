using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Connector;
using UpsellAdmin.Web.Components.Shared;

namespace UpsellAdmin.Web.Features.Loyalty;

public partial class LoyaltyProgramsPage
{
    [Inject] private ILoyaltyService Loyalty { get; set; } = default!;
    [Inject] private LoyaltyChainState ChainState { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private LoyaltyChain? _chain;
    private IReadOnlyList<LoyaltyProgramRow> _rows = [];
    private HashSet<LoyaltyProgramRow> _selected = [];
    private string? _codesFilter;
    private bool _includeDeleted;
    private bool _canEdit;
    private bool _loading = true;
    private string? _loadError;

    private string CountText => _selected.Count > 0
        ? $"{_selected.Count} of {_rows.Count} selected"
        : $"{_rows.Count} program{(_rows.Count == 1 ? "" : "s")}";

    protected override async Task OnInitializedAsync()
    {
        _canEdit = await AuthenticationState.CanEditAsync();
        _chain = await ChainState.EnsureLoadedAsync();
        await LoadAsync();
    }

    private async Task OnChainChangedAsync(LoyaltyChain value)
    {
        _chain = value;
        await LoadAsync();
    }

    private async Task OnFilterKeyUpAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        if (_chain is null)
        {
            _loading = false;
            return;
        }
        _loading = true;
        _loadError = null;
        _selected = [];
        try
        {
            var codes = (_codesFilter ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
            _rows = await Loyalty.GetProgramsAsync(_chain.Id, new LoyaltyProgramQuery(codes, _includeDeleted));
        }
        catch (MewsApiException e)
        {
            _rows = [];
            _loadError = $"Mews did not return the programs: {e.MewsMessage}";
        }
        finally
        {
            _loading = false;
        }
    }

    private Task NewAsync() => OpenDialogAsync("New loyalty programs", [new LoyaltyProgramForm()], isNew: true);

    private Task EditAsync(LoyaltyProgramRow row) => OpenDialogAsync($"Edit loyalty program {row.Name}", [LoyaltyProgramForm.From(row)], isNew: false);

    private async Task OpenDialogAsync(string title, List<LoyaltyProgramForm> items, bool isNew)
    {
        var parameters = new DialogParameters<LoyaltyProgramDialog>
        {
            { x => x.ChainId, _chain!.Id },
            { x => x.Items, items },
            { x => x.IsNew, isNew },
        };
        var dialog = await Dialogs.ShowAsync<LoyaltyProgramDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: string message })
        {
            Snackbar.Add(message, Severity.Success);
            await LoadAsync();
        }
    }

    private async Task DeleteSelectedAsync()
    {
        if (_chain is null || _selected.Count == 0)
        {
            return;
        }
        var programs = _selected.Where(p => !p.IsDeleted).OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        if (programs.Count == 0)
        {
            Snackbar.Add("The selected programs are already deleted.", Severity.Info);
            return;
        }
        var names = string.Join(", ", programs.Take(10).Select(p => $"{p.Name} ({p.Code})")) + (programs.Count > 10 ? $" and {programs.Count - 10} more" : "");
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = programs.Count == 1 ? "Delete 1 loyalty program?" : $"Delete {programs.Count} loyalty programs?",
            Message = $"This deletes {names} in Mews, with their tiers. Rules whose Membership filter names them will be flagged. Programs with active memberships cannot be deleted.",
            YesText = programs.Count == 1 ? "Delete program" : $"Delete {programs.Count} programs",
            CancelText = "Cancel",
        });
        if (confirmed != true)
        {
            return;
        }
        var result = await Loyalty.DeleteProgramsAsync(_chain.Id, programs.Select(p => p.Id).ToList());
        Snackbar.Add(LoyaltyResultText.Describe(result), result.Succeeded ? Severity.Success : Severity.Error, o => o.RequireInteraction = !result.Succeeded);
        await LoadAsync();
    }
}
