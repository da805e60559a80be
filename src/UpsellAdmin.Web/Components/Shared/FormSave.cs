using FluentValidation;
using MudBlazor;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Components.Shared;

/// <summary>
/// The Save button of an editing page, written once: validate the MudForm's fields and the whole model (lists and grid
/// cells are not MudForm fields, so their messages go to <see cref="FieldErrors"/>), save through the feature service,
/// and show what the server refused — field messages under their fields until edited, anything else at the form's top.
/// The page only says what success and a conflict look like.
/// </summary>
public static class FormSave
{
    /// <summary>
    /// Returns null when the form is invalid (nothing was sent), else the service's result, its messages already set on
    /// <paramref name="errors"/>. <paramref name="formFields"/> are the properties MudForm validates itself.
    /// </summary>
    public static async Task<SaveResult?> RunAsync<T>(MudForm form, IValidator<T> validator, T model, FieldErrors errors,
        IReadOnlySet<string> formFields, Func<Task<SaveResult>> save)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(formFields);
        ArgumentNullException.ThrowIfNull(save);

        errors.Clear();
        await form.ValidateAsync();
        var full = await validator.ValidateAsync(model);
        errors.Set(full.Errors.ByField().Where(e => !formFields.Contains(e.Key)));
        if (!form.IsValid || errors.Any)
        {
            return null;
        }

        var result = await save();
        switch (result.Status)
        {
            case SaveStatus.Saved or SaveStatus.Conflict:
                break;
            case SaveStatus.Invalid:
                errors.Set(result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToList()), keepUntilEdited: true);
                await form.ValidateAsync();
                break;
            default:
                errors.Set(result.Errors.GroupBy(_ => "").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToList()));
                break;
        }
        return result;
    }
}
