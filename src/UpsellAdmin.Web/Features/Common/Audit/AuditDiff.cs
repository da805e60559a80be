using System.Globalization;
using System.Text;
using System.Text.Json;

namespace UpsellAdmin.Web.Features.Common.Audit;

/// <summary>One field that differs between two snapshots, as a person reads it (empty text = no value).</summary>
public sealed record AuditFieldChange(string Field, string Label, string Before, string After);

/// <summary>How a snapshot's fields are shown: a label per JSON field name and, optionally, a value's text (null = default).</summary>
public sealed class AuditFieldFormat
{
    public static readonly AuditFieldFormat Default = new();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public Func<string, JsonElement, string?>? Value { get; init; }

    public string LabelOf(string field) => Labels.TryGetValue(field, out var label) ? label : Humanize(field);

    /// <summary>"upsellAmount" → "Upsell amount".</summary>
    public static string Humanize(string field)
    {
        if (field.Length == 0)
        {
            return field;
        }
        var text = new StringBuilder(field.Length + 4);
        text.Append(char.ToUpperInvariant(field[0]));
        for (var i = 1; i < field.Length; i++)
        {
            if (char.IsUpper(field[i]) && !char.IsUpper(field[i - 1]))
            {
                text.Append(' ').Append(char.ToLowerInvariant(field[i]));
            }
            else
            {
                text.Append(field[i]);
            }
        }
        return text.ToString();
    }
}

/// <summary>
/// Field-by-field difference of two JSON snapshots (an audit entry's Before and After, or two versions of a rule):
/// the top-level fields whose values differ, in the snapshot's order. Lists and nested objects are compared whole and
/// shown as one line ("BAR, CORP"; "1: 10, 2: 15").
/// </summary>
public static class AuditDiff
{
    public static IReadOnlyList<AuditFieldChange> Compare(string? before, string? after, AuditFieldFormat? format = null)
    {
        format ??= AuditFieldFormat.Default;
        var old = Fields(before);
        var now = Fields(after);
        var names = now.Keys.Concat(old.Keys).Distinct(StringComparer.Ordinal);
        var changes = new List<AuditFieldChange>();
        foreach (var name in names)
        {
            var hasOld = old.TryGetValue(name, out var o);
            var hasNew = now.TryGetValue(name, out var n);
            if (hasOld && hasNew && JsonElement.DeepEquals(o, n))
            {
                continue;
            }
            var oldText = hasOld ? Text(name, o, format) : "";
            var newText = hasNew ? Text(name, n, format) : "";
            if (oldText == newText)
            {
                continue; // e.g. null and [] both read "nothing"
            }
            changes.Add(new AuditFieldChange(name, format.LabelOf(name), oldText, newText));
        }
        return changes;
    }

    /// <summary>Every field of one snapshot (for a creation or a deletion): label and text.</summary>
    public static IReadOnlyList<AuditFieldChange> Describe(string? snapshot, AuditFieldFormat? format = null)
    {
        format ??= AuditFieldFormat.Default;
        return Fields(snapshot).Select(f => new AuditFieldChange(f.Key, format.LabelOf(f.Key), "", Text(f.Key, f.Value, format))).ToList();
    }

    private static Dictionary<string, JsonElement> Fields(string? json)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return fields;
        }
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            fields["value"] = JsonSerializer.SerializeToElement(json);
            return fields;
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            fields["value"] = root;
            return fields;
        }
        foreach (var property in root.EnumerateObject())
        {
            fields[property.Name] = property.Value;
        }
        return fields;
    }

    private static string Text(string field, JsonElement value, AuditFieldFormat format) =>
        format.Value?.Invoke(field, value) ?? Text(value);

    /// <summary>A JSON value as one line of text.</summary>
    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "Yes",
        JsonValueKind.False => "No",
        JsonValueKind.Number => value.TryGetDecimal(out var d) ? d.ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text)),
        JsonValueKind.Object => string.Join(", ", value.EnumerateObject().Select(p => $"{p.Name}: {Text(p.Value)}")),
        _ => value.GetRawText(),
    };
}
