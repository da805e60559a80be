using Microsoft.AspNetCore.Components;
using MudBlazor;
using UpsellAdmin.Web.Components.Shared;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.Administration;

public partial class UsersPage
{
    [Inject] private IUserAdministrationService Users { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<UserAdminRow> _rows = [];
    private bool _loading = true;
    private string? _error;

    private static readonly DialogOptions DialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false };

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _rows = await Users.GetUsersAsync();
        }
        finally
        {
            _loading = false;
        }
    }

    private static string PropertiesText(UserAdminRow row) =>
        row.Role == Roles.Administrator || row.AllProperties ? "All properties"
        : row.PropertyCodes.Count == 0 ? "None"
        : string.Join(", ", row.PropertyCodes);

    private Task NewAsync() => OpenAsync("New user", new UserForm(), "created");

    private Task EditAsync(UserAdminRow row) => OpenAsync($"Edit {row.Email}", UserForm.From(row), "saved");

    private async Task OpenAsync(string title, UserForm model, string verb)
    {
        _error = null;
        var choices = await Users.GetPropertyChoicesAsync();
        var options = choices.Select(p => new CodeOption(p.Code, $"{p.Code} - {p.Name}{(p.IsActive ? "" : " (inactive)")}")).ToList();
        var parameters = new DialogParameters<UserEditDialog> { { d => d.Model, model }, { d => d.PropertyOptions, options } };
        var dialog = await Dialogs.ShowAsync<UserEditDialog>(title, parameters, DialogOptions);
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add($"User {model.Email} {verb}", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ResetPasswordAsync(UserAdminRow row)
    {
        _error = null;
        var parameters = new DialogParameters<UserPasswordDialog> { { d => d.UserId, row.Id }, { d => d.Email, row.Email } };
        var dialog = await Dialogs.ShowAsync<UserPasswordDialog>($"Reset password of {row.Email}", parameters, DialogOptions);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"New password set for {row.Email}", Severity.Success);
        }
    }

    private async Task ToggleLockAsync(UserAdminRow row)
    {
        _error = null;
        if (!row.IsLockedOut && await Dialogs.ShowMessageBoxAsync($"Lock out {row.Email}?",
                "They cannot sign in until you unlock them, and their open sessions end within 30 minutes.",
                yesText: "Lock out", cancelText: "Cancel") != true)
        {
            return;
        }
        var result = await Users.SetLockedOutAsync(row.Id, !row.IsLockedOut);
        if (!result.Succeeded)
        {
            _error = result.Message;
            return;
        }
        Snackbar.Add(row.IsLockedOut ? $"{row.Email} can sign in again" : $"{row.Email} is locked out", Severity.Success);
        await LoadAsync();
    }
}
