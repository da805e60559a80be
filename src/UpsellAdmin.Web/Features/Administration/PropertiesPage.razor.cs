using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace UpsellAdmin.Web.Features.Administration;

public partial class PropertiesPage
{
    [Inject] private IPropertyAdministrationService Administration { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<PropertyAdminRow> _rows = [];
    private bool _loading = true;

    protected override Task OnInitializedAsync() => LoadAsync();

    private static string ShortId(Guid? id, string none) => id is { } value ? value.ToString()[..8] + "…" : none;

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _rows = await Administration.GetAllAsync();
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task EditAsync(PropertyAdminRow row)
    {
        var model = PropertyForm.From(row);
        var parameters = new DialogParameters<PropertyEditDialog> { { d => d.Model, model } };
        var dialog = await Dialogs.ShowAsync<PropertyEditDialog>($"Edit property {row.Code}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"Property {model.Code} saved", Severity.Success);
            await LoadAsync();
        }
    }
}
