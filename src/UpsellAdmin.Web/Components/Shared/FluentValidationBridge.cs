using FluentValidation;
using FluentValidation.Results;

namespace UpsellAdmin.Web.Components.Shared;

/// <summary>
/// Runs a FluentValidation validator from a MudForm (MudBlazor's documented pattern): MudForm asks per field, by the
/// property path of the field's <c>For</c>, and shows the messages under that field.
/// </summary>
public static class FluentValidationBridge
{
    public static Func<object, string, Task<IEnumerable<string>>> ForMudForm<T>(this IValidator<T> validator) =>
        async (model, propertyName) =>
        {
            var context = ValidationContext<T>.CreateWithOptions((T)model, o => o.IncludeProperties(propertyName));
            var result = await validator.ValidateAsync(context);
            return result.IsValid ? [] : result.Errors.Select(e => e.ErrorMessage);
        };

    /// <summary>
    /// Like <see cref="ForMudForm{T}"/>, plus the messages the server returned for a field (<paramref name="serverErrors"/>),
    /// shown until the user changes that field.
    /// </summary>
    public static Func<object, string, Task<IEnumerable<string>>> ForMudForm<T>(this IValidator<T> validator, FieldErrors serverErrors) =>
        async (model, propertyName) =>
        {
            var context = ValidationContext<T>.CreateWithOptions((T)model, o => o.IncludeProperties(propertyName));
            var result = await validator.ValidateAsync(context);
            var own = result.IsValid ? [] : result.Errors.Select(e => e.ErrorMessage);
            return own.Concat(serverErrors.TakeForField(propertyName)).Distinct().ToList();
        };

    /// <summary>Groups messages by property path ("" = the whole form).</summary>
    public static Dictionary<string, List<string>> ByField(this IEnumerable<ValidationFailure> failures) =>
        failures.GroupBy(f => f.PropertyName ?? "").ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToList());
}

/// <summary>
/// Messages per field for fields MudForm cannot validate itself (multi-selects, grid cells) and for what the server
/// answered on save. A server message is shown once more during the re-validation right after the save, then dropped
/// when the user edits the field.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sticky = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public IEnumerable<KeyValuePair<string, List<string>>> All => _errors;

    public void Clear()
    {
        _errors.Clear();
        _sticky.Clear();
    }

    public void Set(IEnumerable<KeyValuePair<string, List<string>>> errors, bool keepUntilEdited = false)
    {
        foreach (var (field, messages) in errors)
        {
            if (!_errors.TryGetValue(field, out var list))
            {
                _errors[field] = list = [];
            }
            list.AddRange(messages.Except(list));
            if (keepUntilEdited)
            {
                _sticky.Add(field);
            }
        }
    }

    public void Remove(string field)
    {
        _errors.Remove(field);
        _sticky.Remove(field);
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>The field's messages joined by spaces (exactly that key: "OccupancyLevels" does not include
    /// "OccupancyLevels[0].FromPercent"), or null when it has none.</summary>
    public string? Text(string field) =>
        _errors.TryGetValue(field, out var list) && list.Count > 0 ? string.Join(" ", list) : null;

    public IReadOnlyList<string> Messages(string field) =>
        _errors.TryGetValue(field, out var list) ? list : [];

    /// <summary>For the MudForm bridge: the field's server messages; a sticky one survives exactly one read.</summary>
    internal IEnumerable<string> TakeForField(string field)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            return [];
        }
        if (_sticky.Remove(field))
        {
            return list.ToList();
        }
        _errors.Remove(field);
        return [];
    }
}
