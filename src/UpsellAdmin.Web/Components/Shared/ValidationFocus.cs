using Microsoft.JSInterop;

namespace UpsellAdmin.Web.Components.Shared;

/// <summary>
/// Save with an error the user cannot see must not look like nothing happened: after the form validated and rendered,
/// scroll the first invalid field into view, focus it, and tell the user how many fields need attention.
/// </summary>
/// <example>
/// <code>
/// var result = await FormSave.RunAsync(...);
/// if (result is null) // invalid: nothing was sent
/// {
///     StateHasChanged();
///     var count = await ValidationFocus.FocusFirstInvalidAsync(JS);
///     Snackbar.Add(ValidationFocus.Message(count), Severity.Warning);
/// }
/// </code>
/// </example>
public static class ValidationFocus
{
    private const string ModulePath = "./js/validation-focus.js";

    /// <summary>
    /// Scrolls the first invalid MudBlazor field (<c>.mud-input-error</c>, <c>[aria-invalid=true]</c>, or a block marked
    /// <c>data-needs-attention</c>) into view and focuses its input; returns how many invalid fields the page shows.
    /// </summary>
    public static async Task<int> FocusFirstInvalidAsync(IJSRuntime js)
    {
        ArgumentNullException.ThrowIfNull(js);
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            return await module.InvokeAsync<int>("focusFirstInvalid");
        }
        catch (JSDisconnectedException)
        {
            return 0;
        }
    }

    /// <summary>"1 field needs attention", "3 fields need attention"; a general line when none could be found.</summary>
    public static string Message(int count) => count switch
    {
        <= 0 => "Some entries need attention.",
        1 => "1 field needs attention.",
        _ => $"{count} fields need attention.",
    };
}
