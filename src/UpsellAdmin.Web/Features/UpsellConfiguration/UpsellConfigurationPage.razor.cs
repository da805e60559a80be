using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
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
        _validator = new UpsellConfigurationModelValidator(_lookups.RoomTypes.Select(r => r.Code), _addOnChoices);
        _validation = _validator.ForMudForm(_fieldErrors);
    }

    private async Task ReloadAsync()
    {
        _model = null;
        StateHasChanged();
        await LoadAsync();
    }

    private Task SelectPropertyAsync(int propertyId) => PropertyState.SelectAsync(propertyId);

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
            var result = await FormSave.RunAsync(_form, _validator, _model, _fieldErrors, FormFields, () => Configuration.SaveAsync(_model));
            _conflict = result?.Status == SaveStatus.Conflict;
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
    ];

    private string AccountingText(int? id) =>
        id is null ? "" : _addOnChoices.AccountingCategories.FirstOrDefault(a => a.Id == id)?.Display ?? $"#{id}";

    public void Dispose()
    {
        PropertyState.Changed -= OnPropertyChangedAsync;
        GC.SuppressFinalize(this);
    }
}
