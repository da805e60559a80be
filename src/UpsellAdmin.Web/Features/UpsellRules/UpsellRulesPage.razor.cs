using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Components.Shared;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.UpsellRules;

public partial class UpsellRulesPage
{
    private const int CodesNamedInConfirmation = 10;

    [Inject] private IUpsellRuleService Rules { get; set; } = default!;
    [Inject] private IReferenceDataService ReferenceData { get; set; } = default!;
    [Inject] private CurrentPropertyState PropertyState { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IRuleCopyLauncher CopyLauncher { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private MudDataGrid<UpsellRuleRow>? grid;
    private PropertyLookups? lookups;
    private string? loadError;
    private bool canEdit;
    private readonly UpsellRuleCriteriaModel criteriaForm = new();
    private UpsellRuleCriteria applied = new();
    private readonly HashSet<int> selected = [];
    /// <summary>Codes of the rules seen on loaded pages, to name them in the delete confirmation.</summary>
    private readonly Dictionary<int, string> knownCodes = [];
    private int totalMatches;

    private string SelectionText => selected.Count switch
    {
        0 => $"{totalMatches} rule{(totalMatches == 1 ? "" : "s")} found",
        _ => $"{selected.Count} of {totalMatches} selected",
    };

    protected override async Task OnInitializedAsync()
    {
        canEdit = await AuthenticationState.CanEditAsync();
        PropertyState.Changed += OnPropertyChangedAsync;
        await LoadLookupsAsync();
    }

    private async Task LoadLookupsAsync()
    {
        await PropertyState.EnsureLoadedAsync();
        if (PropertyState.Current is not { } property)
        {
            loadError = "You have no property to work on yet. Ask an administrator to give you access to one.";
            return;
        }
        loadError = null;
        lookups = await ReferenceData.GetLookupsAsync(property.Id);
    }

    private async Task OnPropertyChangedAsync()
    {
        await InvokeAsync(async () =>
        {
            criteriaForm.Clear();
            applied = new UpsellRuleCriteria();
            selected.Clear();
            knownCodes.Clear();
            lookups = null;
            StateHasChanged();
            await LoadLookupsAsync();
            StateHasChanged();
        });
    }

    private async Task<GridData<UpsellRuleRow>> LoadRowsAsync(GridState<UpsellRuleRow> state, CancellationToken cancellationToken)
    {
        if (lookups is null)
        {
            return new GridData<UpsellRuleRow> { Items = [], TotalItems = 0 };
        }
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = new PageRequest(state.Page, state.PageSize, sort?.SortBy, sort?.Descending ?? false);
        var result = await Rules.SearchAsync(lookups.Property.Id, applied, page, cancellationToken);
        foreach (var row in result.Items)
        {
            knownCodes[row.Id] = row.Code;
        }
        if (totalMatches != result.TotalItems)
        {
            totalMatches = result.TotalItems;
            await InvokeAsync(StateHasChanged); // the toolbar's count lives outside the grid
        }
        return new GridData<UpsellRuleRow> { Items = result.Items, TotalItems = result.TotalItems };
    }

    private async Task SearchAsync()
    {
        applied = criteriaForm.ToCriteria();
        selected.Clear();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (grid is not null)
        {
            await grid.ReloadServerData();
        }
    }

    private async Task SelectAllAsync()
    {
        if (lookups is null)
        {
            return;
        }
        var ids = await Rules.SearchIdsAsync(lookups.Property.Id, applied);
        selected.UnionWith(ids);
    }

    private void SelectNone() => selected.Clear();

    private void Toggle(UpsellRuleRow row, bool on)
    {
        if (on)
        {
            selected.Add(row.Id);
        }
        else
        {
            selected.Remove(row.Id);
        }
    }

    private void OnRowClick(DataGridRowClickEventArgs<UpsellRuleRow> args) =>
        Toggle(args.Item, !selected.Contains(args.Item.Id));

    private string RowClass(UpsellRuleRow row, int index) => selected.Contains(row.Id) ? "mud-selected-item mud-primary-hover" : "";

    private void EditSelected()
    {
        if (lookups is not null && selected.Count == 1)
        {
            Navigation.NavigateTo(PageUrls.UpsellRuleEditFor(lookups.Property.Id, selected.Single()));
        }
    }

    private async Task CopySelectedAsync()
    {
        if (lookups is null || selected.Count == 0)
        {
            return;
        }
        if (await CopyLauncher.OpenAsync(lookups.Property.Id, selected.ToList()))
        {
            await ReloadAsync();
        }
    }

    private async Task DeleteSelectedAsync()
    {
        if (lookups is null || selected.Count == 0)
        {
            return;
        }
        var ids = selected.ToList();
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = ids.Count == 1 ? "Delete 1 upsell rule?" : $"Delete {ids.Count} upsell rules?",
            Message = DeleteQuestion(ids),
            YesText = ids.Count == 1 ? "Delete rule" : $"Delete {ids.Count} rules",
            CancelText = "Cancel",
        });
        if (confirmed != true)
        {
            return;
        }
        try
        {
            var deleted = await Rules.DeleteAsync(lookups.Property.Id, ids);
            Snackbar.Add(deleted == ids.Count
                    ? $"Deleted {deleted} upsell rule{(deleted == 1 ? "" : "s")}."
                    : $"Deleted {deleted} of {ids.Count} selected rules; the others had already been deleted by someone else.",
                deleted == ids.Count ? Severity.Success : Severity.Warning);
            selected.Clear();
        }
        catch (UnauthorizedAccessException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        await ReloadAsync();
    }

    private string DeleteQuestion(IReadOnlyList<int> ids)
    {
        var codes = ids.Where(knownCodes.ContainsKey).Select(id => knownCodes[id]).Order(StringComparer.Ordinal).ToList();
        var named = string.Join(", ", codes.Take(CodesNamedInConfirmation));
        var more = ids.Count - Math.Min(codes.Count, CodesNamedInConfirmation);
        var list = more > 0 ? (named.Length > 0 ? $"{named} and {more} more" : $"{more} rules") : named;
        return $"This deletes {list} for {lookups!.Property.Code}. Deleted rules cannot be restored.";
    }

    public void Dispose() => PropertyState.Changed -= OnPropertyChangedAsync;
}
