using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.Administration;

public partial class ApiKeysPage
{
    [Inject] private IApiKeyAdministrationService Keys { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<ApiKeyRow> _rows = [];
    private bool _loading = true;
    private string? _error;

    private static readonly DialogOptions DialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false };

    /// <summary>The key dialog closes only by its Done button: the key is not shown again.</summary>
    private static readonly DialogOptions KeyDialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false };

    private string CountText
    {
        get
        {
            var active = _rows.Count(r => !r.IsRevoked);
            var revoked = _rows.Count - active;
            return $"{active} active key{(active == 1 ? "" : "s")}" + (revoked > 0 ? $", {revoked} revoked" : "");
        }
    }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _rows = await Keys.GetKeysAsync();
        }
        finally
        {
            _loading = false;
        }
    }

    /// <summary>UTC, to the minute (keys are used from everywhere; the server's zone means nothing to a caller).</summary>
    private static string? When(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static Color StatusColor(ApiKeyRow row) => row.Source switch
    {
        ApiKeySource.Demo => Color.Warning,
        ApiKeySource.Configured => Color.Info,
        _ => row.IsRevoked ? Color.Default : Color.Success,
    };

    private async Task CreateAsync()
    {
        _error = null;
        var choices = await Keys.GetPropertyChoicesAsync();
        var options = choices.Select(p => new CodeOption(p.Code, $"{p.Code} - {p.Name}{(p.IsActive ? "" : " (inactive)")}")).ToList();
        var parameters = new DialogParameters<ApiKeyCreateDialog> { { d => d.PropertyOptions, options } };
        var dialog = await Dialogs.ShowAsync<ApiKeyCreateDialog>("New API key", parameters, DialogOptions);
        if (await dialog.Result is not { Canceled: false, Data: ApiKeyCreatedView created })
        {
            return;
        }
        await LoadAsync();
        var shown = new DialogParameters<ApiKeyShownDialog> { { d => d.Key, created.Key }, { d => d.Name, created.Name } };
        var keyDialog = await Dialogs.ShowAsync<ApiKeyShownDialog>($"API key {created.Name}", shown, KeyDialogOptions);
        await keyDialog.Result;
    }

    private async Task RevokeAsync(ApiKeyRow row)
    {
        _error = null;
        if (await Dialogs.ShowMessageBoxAsync($"Revoke {row.Name}?",
                $"Requests with this key ({row.Prefix}…) are refused within seconds. This cannot be undone: the system that uses it needs a new key.",
                yesText: "Revoke", cancelText: "Cancel") != true)
        {
            return;
        }
        var result = await Keys.RevokeAsync(row.Id!.Value);
        if (!result.Succeeded)
        {
            _error = result.Message;
            return;
        }
        Snackbar.Add($"API key {row.Name} revoked", Severity.Success);
        await LoadAsync();
    }
}

/// <summary>What the create dialog hands the page: the key to show once.</summary>
public sealed record ApiKeyCreatedView(string Name, string Key);
