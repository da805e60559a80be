using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;
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
    [Inject] private IServiceProvider Services { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Widths and left offsets of the pinned columns (selection, Code, Description), so each sticks next
    /// to the one before it while the others scroll sideways.</summary>
    private static readonly (int Left, int Width)[] Pinned = [(0, 40), (40, 130), (170, 240)];

    private IUserPreferenceService? _preferences;
    private RuleGridState _state = new();
    private RuleGridColumnLayout _layout = RuleGridColumnLayout.Default;
    private bool _chooserOpen;
    private int? _highlightId;
    private bool _revealPending;
    private bool _writeUrlPending;
    private bool _selectingFromAddress;
    private int _gridGeneration;

    private MudDataGrid<UpsellRuleRow>? _grid;
    private PropertyLookups? _lookups;
    private string? _loadError;
    private bool _canEdit;
    private readonly UpsellRuleCriteriaModel _criteriaForm = new();
    private UpsellRuleCriteria _applied = new();
    private readonly HashSet<int> _selected = [];
    /// <summary>Codes of the rules seen on loaded pages, to name them in the delete confirmation.</summary>
    private readonly Dictionary<int, string> _knownCodes = [];
    private int _totalMatches;

    private string SelectionText => _selected.Count switch
    {
        0 => $"{_totalMatches} rule{(_totalMatches == 1 ? "" : "s")} found",
        _ => $"{_selected.Count} of {_totalMatches} selected",
    };

    protected override async Task OnInitializedAsync()
    {
        _canEdit = await AuthenticationState.CanEditAsync();
        // Optional: a component test host without a database registers none (nothing is remembered).
        _preferences = Services.GetService<IUserPreferenceService>();
        if (_preferences is not null)
        {
            _layout = RuleGridColumnLayout.From(await _preferences.GetAsync<RuleGridColumnLayout>(RuleGridColumns.PreferenceKey));
        }
        // The address's property first (selected before subscribing: this page's own switch handler would clear the
        // criteria the address brings), then its criteria.
        await ApplyAddressAsync(RuleGridState.FromUri(Navigation.Uri));
        PropertyState.Changed += OnPropertyChangedAsync;
        Navigation.LocationChanged += OnLocationChanged;
        _writeUrlPending = true; // the address names the property from now on (reload and shared links keep it)
    }

    /// <summary>
    /// Takes the grid's state from an address: selects its property if the user may see it (an unknown or forbidden
    /// code is ignored: the current property stays), then its criteria, page, size and sort.
    /// </summary>
    private async Task ApplyAddressAsync(RuleGridState state)
    {
        await PropertyState.EnsureLoadedAsync();
        var wanted = state.Property is { } code
            ? PropertyState.Properties.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase))
            : null;
        if (wanted is not null && PropertyState.Current?.Id != wanted.Id)
        {
            _selectingFromAddress = true;
            try
            {
                await PropertyState.SelectAsync(wanted.Id);
            }
            finally
            {
                _selectingFromAddress = false;
            }
        }
        _state = state with { Property = PropertyState.Current?.Code };
        _highlightId = _state.Highlight;
        _criteriaForm.Clear();
        _state.CopyCriteriaTo(_criteriaForm);
        _applied = _criteriaForm.ToCriteria();
        _selected.Clear();
        if (_lookups is null || _lookups.Property.Id != PropertyState.Current?.Id)
        {
            _knownCodes.Clear();
            _lookups = null;
            await LoadLookupsAsync();
        }
    }

    /// <summary>
    /// Blazor keeps this page when the address changes within it (the menu's Upsell Rules while on a filtered page 3,
    /// Back/Forward between grid addresses): a different grid state in the address is applied and the grid rebuilt.
    /// The page's own address updates (<see cref="WriteUrl"/>) describe <see cref="_state"/> already and are ignored.
    /// </summary>
    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(() => FollowAddressAsync(e.Location));

    private async Task FollowAddressAsync(string location)
    {
        var path = Navigation.ToBaseRelativePath(location);
        var end = path.IndexOfAny(['?', '#']);
        if (!string.Equals("/" + (end < 0 ? path : path[..end]).TrimEnd('/'), PageUrls.UpsellRules, StringComparison.OrdinalIgnoreCase))
        {
            return; // leaving the grid
        }
        var arrived = RuleGridState.FromUri(location);
        var resolved = arrived with
        {
            Property = PropertyState.Properties.FirstOrDefault(p => string.Equals(p.Code, arrived.Property, StringComparison.OrdinalIgnoreCase))?.Code
                ?? PropertyState.Current?.Code,
        };
        if (resolved.SameGridAs(_state))
        {
            return;
        }
        await ApplyAddressAsync(arrived);
        _gridGeneration++; // a new grid: it starts on the state's page, size and sort and loads them
        WriteUrl();
        StateHasChanged();
    }

    /// <summary>The grid is rebuilt when the columns change (MudDataGrid keeps the order its columns first came in) and
    /// when the address brings another state.</summary>
    private string GridKey => $"{_layout.Signature}#{_gridGeneration}";

    private static string PinnedStyle(int index) =>
        $"left:{Pinned[index].Left}px;width:{Pinned[index].Width}px;min-width:{Pinned[index].Width}px;max-width:{Pinned[index].Width}px";

    private SortDirection InitialDirection(string column) =>
        _state.SortBy != column ? SortDirection.None : _state.Descending ? SortDirection.Descending : SortDirection.Ascending;

    /// <summary>The rule's page (or New) with the way back to this grid as it is now.</summary>
    private string EditUrl(int? ruleId) => RuleGridReturn.EditUrl(_lookups!.Property.Id, ruleId, _state.ToUrl());

    /// <summary>Keeps the address bar on the grid's state (replacing the entry: Back leaves the grid, it does not
    /// step through its pages).</summary>
    private void WriteUrl()
    {
        var url = _state.ToUrl();
        var current = Navigation.ToBaseRelativePath(Navigation.Uri);
        if ("/" + current != url)
        {
            Navigation.NavigateTo(url, replace: true);
        }
    }

    private void ToggleChooser() => _chooserOpen = !_chooserOpen;

    private async Task ChangeLayoutAsync(RuleGridColumnLayout layout)
    {
        _layout = layout;
        if (_preferences is not null)
        {
            await _preferences.SetAsync(RuleGridColumns.PreferenceKey, layout);
        }
    }

    private async Task ResetColumnsAsync()
    {
        _layout = RuleGridColumnLayout.Default;
        if (_preferences is not null)
        {
            await _preferences.RemoveAsync(RuleGridColumns.PreferenceKey);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_writeUrlPending)
        {
            _writeUrlPending = false;
            WriteUrl();
        }
        if (_revealPending)
        {
            _revealPending = false;
            try
            {
                await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/rule-grid.js");
                await module.InvokeVoidAsync("revealHighlighted");
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; nothing to show.
            }
        }
    }

    private async Task LoadLookupsAsync()
    {
        await PropertyState.EnsureLoadedAsync();
        if (PropertyState.Current is not { } property)
        {
            _loadError = "You have no property to work on yet. Ask an administrator to give you access to one.";
            return;
        }
        _loadError = null;
        _lookups = await ReferenceData.GetLookupsAsync(property.Id);
    }

    private async Task OnPropertyChangedAsync()
    {
        if (_selectingFromAddress)
        {
            return; // the address chose it; ApplyAddressAsync takes its criteria
        }
        await InvokeAsync(async () =>
        {
            _criteriaForm.Clear();
            _applied = new UpsellRuleCriteria();
            _state = new RuleGridState { Property = PropertyState.Current?.Code, PageSize = _state.PageSize, SortBy = _state.SortBy, Descending = _state.Descending };
            _highlightId = null;
            WriteUrl();
            _selected.Clear();
            _knownCodes.Clear();
            _lookups = null;
            StateHasChanged();
            await LoadLookupsAsync();
            StateHasChanged();
        });
    }

    private async Task<GridData<UpsellRuleRow>> LoadRowsAsync(GridState<UpsellRuleRow> state, CancellationToken cancellationToken)
    {
        if (_lookups is null)
        {
            return new GridData<UpsellRuleRow> { Items = [], TotalItems = 0 };
        }
        var sort = state.SortDefinitions.FirstOrDefault();
        var sortBy = sort?.SortBy is { } by && RuleGridState.SortableColumns.Contains(by) ? by : null;
        var page = new PageRequest(state.Page, state.PageSize, sortBy, sortBy is not null && sort!.Descending);
        var seen = _state with { Page = state.Page, PageSize = state.PageSize, SortBy = sortBy, Descending = page.Descending };
        if (seen != _state)
        {
            _state = seen;
            await InvokeAsync(WriteUrl);
        }
        // Not cancelled with the grid's token: the grid may start a second load while the first runs (its page size
        // and page arrive as parameters); a cancelled first load must not leave it empty. A search is one bounded query.
        var result = await Rules.SearchAsync(_lookups.Property.Id, _applied, page, CancellationToken.None);
        foreach (var row in result.Items)
        {
            _knownCodes[row.Id] = row.Code;
        }
        if (_highlightId is { } highlight && result.Items.Any(r => r.Id == highlight))
        {
            _revealPending = true;
            await InvokeAsync(StateHasChanged);
        }
        if (_totalMatches != result.TotalItems)
        {
            _totalMatches = result.TotalItems;
            await InvokeAsync(StateHasChanged); // the toolbar's count lives outside the grid
        }
        return new GridData<UpsellRuleRow> { Items = result.Items, TotalItems = result.TotalItems };
    }

    private async Task SearchAsync()
    {
        _applied = _criteriaForm.ToCriteria();
        _selected.Clear();
        _highlightId = null;
        var wasOnFirstPage = _state.Page == 0;
        _state = _state.WithCriteriaOf(_criteriaForm) with { Page = 0 };
        WriteUrl();
        // On another page the grid goes back to the first one when it gets CurrentPage = 0 (and loads it then);
        // on the first page it loads again here. One load either way, the rows stay until the new ones arrive.
        if (wasOnFirstPage)
        {
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync()
    {
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private async Task SelectAllAsync()
    {
        if (_lookups is null)
        {
            return;
        }
        var ids = await Rules.SearchIdsAsync(_lookups.Property.Id, _applied);
        _selected.UnionWith(ids);
    }

    private void SelectNone() => _selected.Clear();

    private void Toggle(UpsellRuleRow row, bool on)
    {
        if (on)
        {
            _selected.Add(row.Id);
        }
        else
        {
            _selected.Remove(row.Id);
        }
    }

    private void OnRowClick(DataGridRowClickEventArgs<UpsellRuleRow> args) =>
        Toggle(args.Item, !_selected.Contains(args.Item.Id));

    private string RowClass(UpsellRuleRow row, int index) =>
        (_selected.Contains(row.Id) ? "mud-selected-item mud-primary-hover" : "") + (row.Id == _highlightId ? " rule-row-highlight" : "");

    private void EditSelected()
    {
        if (_lookups is not null && _selected.Count == 1)
        {
            Navigation.NavigateTo(EditUrl(_selected.Single()));
        }
    }

    private async Task CopySelectedAsync()
    {
        if (_lookups is null || _selected.Count == 0)
        {
            return;
        }
        if (await CopyLauncher.OpenAsync(_lookups.Property.Id, _selected.ToList()))
        {
            await ReloadAsync();
        }
    }

    private async Task DeleteSelectedAsync()
    {
        if (_lookups is null || _selected.Count == 0)
        {
            return;
        }
        var ids = _selected.ToList();
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
            var deleted = await Rules.DeleteAsync(_lookups.Property.Id, ids);
            Snackbar.Add(deleted == ids.Count
                    ? $"Deleted {deleted} upsell rule{(deleted == 1 ? "" : "s")}."
                    : $"Deleted {deleted} of {ids.Count} selected rules; the others had already been deleted by someone else.",
                deleted == ids.Count ? Severity.Success : Severity.Warning);
            _selected.Clear();
        }
        catch (UnauthorizedAccessException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        await ReloadAsync();
    }

    private string DeleteQuestion(IReadOnlyList<int> ids)
    {
        var codes = ids.Where(_knownCodes.ContainsKey).Select(id => _knownCodes[id]).Order(StringComparer.Ordinal).ToList();
        var named = string.Join(", ", codes.Take(CodesNamedInConfirmation));
        var more = ids.Count - Math.Min(codes.Count, CodesNamedInConfirmation);
        var list = more > 0 ? (named.Length > 0 ? $"{named} and {more} more" : $"{more} rules") : named;
        return $"This deletes {list} for {_lookups!.Property.Code}. Deleted rules cannot be restored.";
    }

    public void Dispose()
    {
        PropertyState.Changed -= OnPropertyChangedAsync;
        Navigation.LocationChanged -= OnLocationChanged;
        GC.SuppressFinalize(this);
    }
}
