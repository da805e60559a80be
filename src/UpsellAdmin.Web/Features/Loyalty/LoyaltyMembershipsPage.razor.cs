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

    private LoyaltyChain? chain;
    private IReadOnlyList<LoyaltyProgramRow> programs = [];
    private IReadOnlyList<LoyaltyTierRow> tiers = [];
    private IReadOnlyList<LoyaltyMembershipRow> rows = [];
    private HashSet<LoyaltyMembershipRow> selected = [];
    private string? customer;
    private string? programId;
    private string? tierId;
    private LoyaltyMembershipState? state;
    private bool canEdit;
    private bool loading;
    private bool searched;
    private string? message;
    private Severity messageSeverity = Severity.Info;

    private string CountText => !searched ? "" : selected.Count > 0
        ? $"{selected.Count} of {rows.Count} selected"
        : $"{rows.Count} membership{(rows.Count == 1 ? "" : "s")}";

    protected override async Task OnInitializedAsync()
    {
        canEdit = await AuthenticationState.CanEditAsync();
        chain = await ChainState.EnsureLoadedAsync();
        await LoadProgramsAsync();
    }

    private async Task OnChainChangedAsync(LoyaltyChain value)
    {
        chain = value;
        (programId, tierId, rows, searched, message) = (null, null, [], false, null);
        tiers = [];
        await LoadProgramsAsync();
    }

    private async Task LoadProgramsAsync()
    {
        if (chain is null)
        {
            return;
        }
        try
        {
            programs = await Loyalty.GetProgramsAsync(chain.Id);
        }
        catch (MewsApiException e)
        {
            programs = [];
            Show($"Mews did not return the programs: {e.MewsMessage}", Severity.Error);
        }
    }

    private async Task OnProgramChangedAsync(string? value)
    {
        programId = value;
        tierId = null;
        tiers = [];
        if (chain is not null && value is not null)
        {
            try
            {
                tiers = await Loyalty.GetTiersAsync(chain.Id, value);
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
        if (chain is null)
        {
            return;
        }
        loading = true;
        message = null;
        selected = [];
        try
        {
            var found = await Loyalty.FindMembershipsAsync(chain.Id, new LoyaltyMembershipQuery(customer, null, programId, tierId, state));
            rows = found.Rows;
            if (found.Note is not null)
            {
                Show(found.Note, found.Truncated ? Severity.Warning : Severity.Info);
            }
        }
        catch (MewsApiException e)
        {
            rows = [];
            Show($"Mews did not return the memberships: {e.MewsMessage}", Severity.Error);
        }
        finally
        {
            loading = false;
            searched = true;
        }
    }

    private void Show(string text, Severity severity) => (message, messageSeverity) = (text, severity);

    private Task NewAsync() => OpenDialogAsync("Enroll a customer", new LoyaltyMembershipForm { ProgramId = programId ?? "", TierId = tierId });

    private Task EditAsync(LoyaltyMembershipRow row) => OpenDialogAsync($"Edit the membership of {row.CustomerName}", LoyaltyMembershipForm.From(row));

    private async Task OpenDialogAsync(string title, LoyaltyMembershipForm form)
    {
        var parameters = new DialogParameters<LoyaltyMembershipDialog>
        {
            { x => x.ChainId, chain!.Id },
            { x => x.Form, form },
            { x => x.Programs, programs },
        };
        var dialog = await Dialogs.ShowAsync<LoyaltyMembershipDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: string text })
        {
            Snackbar.Add(text, Severity.Success);
            if (form.Id is null && form.Customer is not null && string.IsNullOrWhiteSpace(customer) && programId is null)
            {
                customer = form.Customer.Email ?? form.Customer.Name;
            }
            await SearchAsync();
        }
    }

    private async Task DeleteSelectedAsync()
    {
        if (chain is null || selected.Count == 0)
        {
            return;
        }
        var list = selected.ToList();
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
        var result = await Loyalty.DeleteMembershipsAsync(chain.Id, list.Select(m => m.Id).ToList());
        Snackbar.Add(LoyaltyResultText.Describe(result), result.Succeeded ? Severity.Success : Severity.Error, o => o.RequireInteraction = !result.Succeeded);
        await SearchAsync();
    }
}
