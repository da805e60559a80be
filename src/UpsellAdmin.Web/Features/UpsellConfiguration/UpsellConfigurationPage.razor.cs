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

    private MudForm? form;
    private PropertyLookups? lookups;
    private UpsellConfigurationModel? model;
    private IValidator<UpsellConfigurationModel>? validator;
    private Func<object, string, Task<IEnumerable<string>>>? validation;
    private readonly FieldErrors fieldErrors = new();
    private string? loadError;
    private bool canEdit;
    private bool conflict;
    private bool saving;

    protected override async Task OnInitializedAsync()
    {
        canEdit = await AuthenticationState.CanEditAsync();
        PropertyState.Changed += OnPropertyChangedAsync;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        conflict = false;
        fieldErrors.Clear();
        await PropertyState.EnsureLoadedAsync();
        if (PropertyState.Current is not { } property)
        {
            loadError = "You have no property to work on yet. Ask an administrator to give you access to one.";
            return;
        }
        lookups = await ReferenceData.GetLookupsAsync(property.Id);
        model = await Configuration.GetAsync(property.Id);
        if (model is null)
        {
            loadError = $"You may not see the configuration of {property.Code}.";
            return;
        }
        loadError = null;
        validator = new UpsellConfigurationModelValidator(lookups.RoomTypes.Select(r => r.Code));
        validation = validator.ForMudForm(fieldErrors);
    }

    private async Task ReloadAsync()
    {
        model = null;
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
        if (model is null || form is null || validator is null || saving)
        {
            return;
        }
        saving = true;
        try
        {
            var result = await FormSave.RunAsync(form, validator, model, fieldErrors, FormFields, () => Configuration.SaveAsync(model));
            conflict = result?.Status == SaveStatus.Conflict;
            if (result?.Succeeded == true)
            {
                Snackbar.Add($"Upsell configuration of {lookups!.Property.Code} saved.", MudBlazor.Severity.Success);
                await LoadAsync();
            }
        }
        finally
        {
            saving = false;
        }
    }

    private static readonly HashSet<string> FormFields =
    [
        nameof(UpsellConfigurationModel.UpsellRoomStatus), nameof(UpsellConfigurationModel.MaximumLengthOfStay),
        nameof(UpsellConfigurationModel.MaximumNumberOfOffers), nameof(UpsellConfigurationModel.SortOffersBy),
    ];

    public void Dispose() => PropertyState.Changed -= OnPropertyChangedAsync;
}
