using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Components.Shared;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.UpsellConfiguration;

/// <summary>OPERA's Configuration > Rate Management > Upsell, for the property picked in the app bar.</summary>
public partial class UpsellConfigurationPage
{
    [Inject] private IUpsellConfigurationService Configuration { get; set; } = default!;
    [Inject] private IReferenceDataService ReferenceData { get; set; } = default!;
    [Inject] private CurrentPropertyState PropertyState { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private MudForm? _form;
    private PropertyLookups? _lookups;
    private UpsellConfigurationModel? _model;
    private AddOnChoices _addOnChoices = AddOnChoices.Empty;
    private IValidator<UpsellConfigurationModel>? _validator;
    private Func<object, string, Task<IEnumerable<string>>>? _validation;
    private readonly FieldErrors _fieldErrors = new();
    private string? _loadError;
    private bool _canEdit;
    private bool _conflict;
    private bool _saving;
    private int _propertySelectGeneration;
    private string? _saved;
    private string? _savedHierarchy;
    private string? _attention;

    protected override async Task OnInitializedAsync()
    {
        _canEdit = await AuthenticationState.CanEditAsync();
        PropertyState.Changed += OnPropertyChangedAsync;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _conflict = false;
        _fieldErrors.Clear();
        await PropertyState.EnsureLoadedAsync();
        if (PropertyState.Current is not { } property)
        {
            _loadError = "You have no property to work on yet. Ask an administrator to give you access to one.";
            return;
        }
        _lookups = await ReferenceData.GetLookupsAsync(property.Id);
        _model = await Configuration.GetAsync(property.Id);
        if (_model is null)
        {
            _loadError = $"You may not see the configuration of {property.Code}.";
            return;
        }
        _addOnChoices = await Configuration.GetAddOnChoicesAsync(property.Id);
        _loadError = null;
        _attention = null;
        _saved = Snapshot(_model);
        _savedHierarchy = HierarchySnapshot(_model);
        _validator = new UpsellConfigurationModelValidator(_lookups.RoomTypes.Select(r => r.Code), _addOnChoices);
        _validation = _validator.ForMudForm(_fieldErrors);
    }

    private async Task ReloadAsync()
    {
        _model = null;
        StateHasChanged();
        await LoadAsync();
    }

    private async Task SelectPropertyAsync(int propertyId)
    {
        if (!await PropertyState.SelectAsync(propertyId))
        {
            _propertySelectGeneration++; // the user stayed: show the property still current
        }
    }

    /// <summary>Anything the user changed since the configuration was loaded or saved: settings, levels, a hierarchy entry
    /// confirmed in its dialog (staged until Save), add-ons.</summary>
    private bool HasUnsavedChanges() => _canEdit && _model is not null && _saved is not null && Snapshot(_model) != _saved;


    private bool HierarchyStaged => _model is not null && _savedHierarchy is not null && HierarchySnapshot(_model) != _savedHierarchy;

    private static string Snapshot(UpsellConfigurationModel model) => JsonSerializer.Serialize(model);

    private static string HierarchySnapshot(UpsellConfigurationModel model) =>
        JsonSerializer.Serialize(model.Hierarchy.OrderBy(r => r.FromRoomType, StringComparer.Ordinal).ThenBy(r => r.DisplaySequence).ThenBy(r => r.ToRoomType, StringComparer.Ordinal));

    private Task OnPropertyChangedAsync() => InvokeAsync(async () =>
    {
        await ReloadAsync();
        StateHasChanged();
    });

    private async Task SaveAsync()
    {
        if (_model is null || _form is null || _validator is null || _saving)
        {
            return;
        }
        _saving = true;
        try
        {
            _attention = null;
            var result = await FormSave.RunAsync(_form, _validator, _model, _fieldErrors, FormFields, () => Configuration.SaveAsync(_model));
            _conflict = result?.Status == SaveStatus.Conflict;
            if (result is null || result.Status == SaveStatus.Invalid)
            {
                // The error may be far from the Save button: bring it into view and say how many need attention.
                StateHasChanged();
                await Task.Yield();
                _attention = ValidationFocus.Message(await ValidationFocus.FocusFirstInvalidAsync(JS));
                Snackbar.Add(_attention, MudBlazor.Severity.Warning);
            }
            if (result?.Succeeded == true)
            {
                Snackbar.Add($"Upsell configuration of {_lookups!.Property.Code} saved.", MudBlazor.Severity.Success);
                await LoadAsync();
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private static readonly HashSet<string> FormFields =
    [
        nameof(UpsellConfigurationModel.UpsellRoomStatus), nameof(UpsellConfigurationModel.MaximumLengthOfStay),
        nameof(UpsellConfigurationModel.MaximumNumberOfOffers), nameof(UpsellConfigurationModel.SortOffersBy),
        nameof(UpsellConfigurationModel.MinimumFreeRooms), nameof(UpsellConfigurationModel.UpgradeAccountingCategoryId),
        nameof(UpsellConfigurationModel.AgentCommissionPercent),
    ];

    private string AccountingText(int? id) =>
        id is null ? "" : _addOnChoices.AccountingCategories.FirstOrDefault(a => a.Id == id)?.Display ?? $"#{id}";

    public void Dispose()
    {
        PropertyState.Changed -= OnPropertyChangedAsync;
        GC.SuppressFinalize(this);
    }
}
