using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Components.Shared;

namespace UpsellAdmin.Web.Features.Loyalty;

public partial class LoyaltyMembershipsPage
{
    [Inject] private ILoyaltyService Loyalty { get; set; } = default!;
    [Inject] private LoyaltyChainState ChainState { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private LoyaltyChain? _chain;
    private IReadOnlyList<LoyaltyProgramRow> _programs = [];
    private IReadOnlyList<LoyaltyTierRow> _tiers = [];
    private IReadOnlyList<LoyaltyMembershipRow> _rows = [];
    private HashSet<LoyaltyMembershipRow> _selected = [];
    private string? _customer;
    private string? _programId;
    private string? _tierId;
    private LoyaltyMembershipState? _state;
    private bool _canEdit;
    private bool _loading;
    private bool _searched;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;

    private string CountText => !_searched ? "" : _selected.Count > 0
        ? $"{_selected.Count} of {_rows.Count} selected"
        : $"{_rows.Count} membership{(_rows.Count == 1 ? "" : "s")}";

    protected override async Task OnInitializedAsync()
    {
        _canEdit = await AuthenticationState.CanEditAsync();
        _chain = await ChainState.EnsureLoadedAsync();
        await LoadProgramsAsync();
    }

    private async Task OnChainChangedAsync(LoyaltyChain value)
    {
        _chain = value;
        (_programId, _tierId, _rows, _searched, _message) = (null, null, [], false, null);
        _tiers = [];
        await LoadProgramsAsync();
    }

    private async Task LoadProgramsAsync()
    {
        if (_chain is null)
        {
            return;
        }
        try
        {
            _programs = await Loyalty.GetProgramsAsync(_chain.Id);
        }
        catch (MewsApiException e)
        {
            _programs = [];
            Show($"Mews did not return the programs: {e.MewsMessage}", Severity.Error);
        }
    }

    private async Task OnProgramChangedAsync(string? value)
    {
        _programId = value;
        _tierId = null;
        _tiers = [];
        if (_chain is not null && value is not null)
        {
            try
            {
                _tiers = await Loyalty.GetTiersAsync(_chain.Id, value);
            }
            catch (MewsApiException e)
            {
                Show($"Mews did not return the tiers: {e.MewsMessage}", Severity.Error);
            }
        }
    }

    private async Task OnKeyUpAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await SearchAsync();
        }
    }

    private async Task SearchAsync()
    {
        if (_chain is null)
        {
            return;
        }
        _loading = true;
        _message = null;
        _selected = [];
        try
        {
            var found = await Loyalty.FindMembershipsAsync(_chain.Id, new LoyaltyMembershipQuery(_customer, null, _programId, _tierId, _state));
            _rows = found.Rows;
            if (found.Note is not null)
            {
                Show(found.Note, found.Truncated ? Severity.Warning : Severity.Info);
            }
        }
        catch (MewsApiException e)
        {
            _rows = [];
            Show($"Mews did not return the memberships: {e.MewsMessage}", Severity.Error);
        }
        finally
        {
            _loading = false;
            _searched = true;
        }
    }

    private void Show(string text, Severity severity) => (_message, _messageSeverity) = (text, severity);

    private Task NewAsync() => OpenDialogAsync("Enroll a customer", new LoyaltyMembershipForm { ProgramId = _programId ?? "", TierId = _tierId });

    private Task EditAsync(LoyaltyMembershipRow row) => OpenDialogAsync($"Edit the membership of {row.CustomerName}", LoyaltyMembershipForm.From(row));

    private async Task OpenDialogAsync(string title, LoyaltyMembershipForm form)
    {
        var parameters = new DialogParameters<LoyaltyMembershipDialog>
        {
            { x => x.ChainId, _chain!.Id },
            { x => x.Form, form },
            { x => x.Programs, _programs },
        };
        var dialog = await Dialogs.ShowAsync<LoyaltyMembershipDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: string text })
        {
            Snackbar.Add(text, Severity.Success);
            if (form.Id is null && form.Customer is not null && string.IsNullOrWhiteSpace(_customer) && _programId is null)
            {
                _customer = form.Customer.Email ?? form.Customer.Name;
            }
            await SearchAsync();
        }
    }

    private async Task DeleteSelectedAsync()
    {
        if (_chain is null || _selected.Count == 0)
        {
            return;
        }
        var list = _selected.ToList();
        var names = string.Join(", ", list.Take(10).Select(m => $"{m.CustomerName} in {m.ProgramName}")) + (list.Count > 10 ? $" and {list.Count - 10} more" : "");
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = list.Count == 1 ? "Delete 1 membership?" : $"Delete {list.Count} memberships?",
            Message = $"This removes {names} from Mews. Points and history of these memberships are lost.",
            YesText = list.Count == 1 ? "Delete membership" : $"Delete {list.Count} memberships",
            CancelText = "Cancel",
        });
        if (confirmed != true)
        {
            return;
        }
        var result = await Loyalty.DeleteMembershipsAsync(_chain.Id, list.Select(m => m.Id).ToList());
        Snackbar.Add(LoyaltyResultText.Describe(result), result.Succeeded ? Severity.Success : Severity.Error, o => o.RequireInteraction = !result.Succeeded);
        await SearchAsync();
    }
}
