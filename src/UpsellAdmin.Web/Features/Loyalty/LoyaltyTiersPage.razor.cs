using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Connector;
using UpsellAdmin.Web.Components.Shared;
using UpsellAdmin.Web.Components;

namespace UpsellAdmin.Web.Features.Loyalty;

public partial class LoyaltyTiersPage
{
    [Inject] private ILoyaltyService Loyalty { get; set; } = default!;
    [Inject] private LoyaltyChainState ChainState { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The program whose tiers are shown (<c>?program=</c>).</summary>
    [SupplyParameterFromQuery(Name = "program")] public string? Program { get; set; }

    private LoyaltyChain? _chain;
    private IReadOnlyList<LoyaltyProgramRow> _programs = [];
    private string? _programId;
    private IReadOnlyList<LoyaltyTierRow> _tiers = [];
    private HashSet<LoyaltyTierRow> _selected = [];
    private bool _canEdit;
    private bool _loading = true;
    private string? _loadError;

    private LoyaltyProgramRow? CurrentProgram => _programs.FirstOrDefault(p => p.Id == _programId);

    protected override async Task OnInitializedAsync()
    {
        _canEdit = await AuthenticationState.CanEditAsync();
        _chain = await ChainState.EnsureLoadedAsync();
        await LoadProgramsAsync(Program);
    }

    private async Task OnChainChangedAsync(LoyaltyChain value)
    {
        _chain = value;
        await LoadProgramsAsync(null);
    }

    private async Task LoadProgramsAsync(string? wanted)
    {
        _loadError = null;
        if (_chain is null)
        {
            _loading = false;
            return;
        }
        try
        {
            _programs = await Loyalty.GetProgramsAsync(_chain.Id);
        }
        catch (MewsApiException e)
        {
            _programs = [];
            _loadError = $"Mews did not return the programs: {e.MewsMessage}";
        }
        _programId = _programs.FirstOrDefault(p => string.Equals(p.Id, wanted, StringComparison.OrdinalIgnoreCase))?.Id ?? _programs.FirstOrDefault()?.Id;
        await LoadTiersAsync();
    }

    private async Task OnProgramChangedAsync(string? value)
    {
        _programId = value;
        if (value is not null)
        {
            Navigation.NavigateTo(PageUrls.LoyaltyTiersOf(value), replace: true);
        }
        await LoadTiersAsync();
    }

    private async Task LoadTiersAsync()
    {
        _selected = [];
        if (_chain is null || _programId is null)
        {
            _tiers = [];
            _loading = false;
            return;
        }
        _loading = true;
        try
        {
            _tiers = await Loyalty.GetTiersAsync(_chain.Id, _programId);
        }
        catch (MewsApiException e)
        {
            _tiers = [];
            _loadError = $"Mews did not return the tiers: {e.MewsMessage}";
        }
        finally
        {
            _loading = false;
        }
    }

    private Task NewAsync() => OpenDialogAsync($"New tiers of {CurrentProgram?.Name}",
        [new LoyaltyTierForm { ProgramId = _programId!, Ordering = _tiers.Count == 0 ? 1 : _tiers.Max(t => t.Ordering) + 1 }], isNew: true);

    private Task EditAsync(LoyaltyTierRow row) => OpenDialogAsync($"Edit tier {row.Name}", [LoyaltyTierForm.From(row)], isNew: false);

    private async Task OpenDialogAsync(string title, List<LoyaltyTierForm> items, bool isNew)
    {
        var parameters = new DialogParameters<LoyaltyTierDialog>
        {
            { x => x.ChainId, _chain!.Id },
            { x => x.Items, items },
            { x => x.IsNew, isNew },
        };
        var dialog = await Dialogs.ShowAsync<LoyaltyTierDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: string message })
        {
            Snackbar.Add(message, Severity.Success);
            await LoadTiersAsync();
        }
    }

    private async Task DeleteSelectedAsync()
    {
        if (_chain is null || _programId is null || _selected.Count == 0)
        {
            return;
        }
        var list = _selected.OrderBy(t => t.Ordering).ToList();
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = list.Count == 1 ? "Delete 1 loyalty tier?" : $"Delete {list.Count} loyalty tiers?",
            Message = $"This deletes {string.Join(", ", list.Select(t => $"{t.Name} ({t.Code})"))} of {CurrentProgram?.Name} in Mews. Memberships in these tiers keep their program without a tier; rules that name them will be flagged.",
            YesText = list.Count == 1 ? "Delete tier" : $"Delete {list.Count} tiers",
            CancelText = "Cancel",
        });
        if (confirmed != true)
        {
            return;
        }
        var result = await Loyalty.DeleteTiersAsync(_chain.Id, _programId, list.Select(t => t.Id).ToList());
        Snackbar.Add(LoyaltyResultText.Describe(result), result.Succeeded ? Severity.Success : Severity.Error, o => o.RequireInteraction = !result.Succeeded);
        await LoadTiersAsync();
    }
}
