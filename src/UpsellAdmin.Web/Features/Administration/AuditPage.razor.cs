using Microsoft.AspNetCore.Components;
using MudBlazor;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Common.Audit;

namespace UpsellAdmin.Web.Features.Administration;

/// <summary>Administrators' Audit page: the audit trail filtered by property, user or key, entity and UTC dates, newest
/// first, paged in SQL (the table may hold millions of entries); a row opens to its before and after.</summary>
public partial class AuditPage
{
    [Inject] private IAuditService Audit { get; set; } = default!;
    [Inject] private IUserAdministrationService Users { get; set; } = default!;

    private MudDataGrid<AuditRow>? _grid;
    private IReadOnlyList<PropertyChoice> _properties = [];
    private IReadOnlyList<string>? _actors;
    private int? _propertyId;
    private string? _by;
    private string? _entityType;
    private DateTime? _from;
    private DateTime? _to;
    private AuditFilter _applied = new();
    private int _total;
    private bool _totalIsLowerBound;

    private string CountText => _totalIsLowerBound ? $"More than {_total:N0} entries" : _total == 1 ? "1 entry" : $"{_total:N0} entries";

    protected override async Task OnInitializedAsync() => _properties = await Users.GetPropertyChoicesAsync();

    /// <summary>"UpsellRule" → "Upsell rule".</summary>
    public static string EntityLabel(string entityType) => entityType switch
    {
        AuditEntityTypes.ApiKey => "API key",
        AuditEntityTypes.AddOnCatalogue => "Add-on catalogue",
        AuditEntityTypes.UpsellConfiguration => "Upsell settings",
        _ => AuditFieldFormat.Humanize(entityType),
    };

    private async Task<IEnumerable<string>> SearchActorsAsync(string? text, CancellationToken cancellationToken)
    {
        _actors ??= await Audit.GetActorsAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? _actors : _actors.Where(a => a.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    private async Task<GridData<AuditRow>> LoadAsync(GridState<AuditRow> state, CancellationToken cancellationToken)
    {
        var result = await Audit.SearchAsync(_applied, new PageRequest(state.Page, state.PageSize), cancellationToken);
        if ((_total, _totalIsLowerBound) != (result.TotalItems, result.TotalIsLowerBound))
        {
            (_total, _totalIsLowerBound) = (result.TotalItems, result.TotalIsLowerBound);
            await InvokeAsync(StateHasChanged);
        }
        return new GridData<AuditRow> { Items = result.Items, TotalItems = result.TotalItems };
    }

    private async Task SearchAsync()
    {
        _applied = new AuditFilter(_propertyId, string.IsNullOrWhiteSpace(_by) ? null : _by.Trim(), _entityType,
            _from is { } f ? DateOnly.FromDateTime(f) : null, _to is { } t ? DateOnly.FromDateTime(t) : null);
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private async Task ClearAsync()
    {
        (_propertyId, _by, _entityType, _from, _to) = (null, null, null, null, null);
        await SearchAsync();
    }
}
