using System.Text;

namespace UpsellAdmin.Web.Features.ReferenceData;

/// <summary>Codes and names from Mews' texts: localized dictionaries, names without codes, lengths of our columns.</summary>
internal static class MewsText
{
    /// <summary>The text in <paramref name="language"/> (e.g. en-GB), else the same language in another culture, else en-US, else any.</summary>
    public static string? Pick(IReadOnlyDictionary<string, string>? texts, string? language)
    {
        if (texts is null || texts.Count == 0)
        {
            return null;
        }
        if (language is not null)
        {
            if (texts.TryGetValue(language, out var exact) && !string.IsNullOrWhiteSpace(exact))
            {
                return exact.Trim();
            }
            var prefix = language.Split('-')[0] + "-";
            var same = texts.FirstOrDefault(t => t.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(t.Value)).Value;
            if (same is not null)
            {
                return same.Trim();
            }
        }
        if (texts.TryGetValue("en-US", out var english) && !string.IsNullOrWhiteSpace(english))
        {
            return english.Trim();
        }
        return texts.Values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
    }

    /// <summary>The first non-blank candidate as a code: trimmed, upper case, at most <paramref name="maxLength"/>.</summary>
    public static string Code(int maxLength, params string?[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (!string.IsNullOrWhiteSpace(candidate))
            {
                var code = candidate.Trim().ToUpperInvariant();
                return code.Length > maxLength ? code[..maxLength] : code;
            }
        }
        return "?";
    }

    /// <summary>
    /// A code made from a name (Mews segments and sources have none): letters and digits upper-cased, other runs
    /// become "_", e.g. "Booking.com" → BOOKING_COM, "Airline crew" → AIRLINE_CREW.
    /// </summary>
    public static string CodeFromName(string? name, int maxLength = ReferenceItem.CodeMaxLength, bool keepSeparators = true)
    {
        var sb = new StringBuilder();
        var pendingSeparator = false;
        foreach (var ch in (name ?? "").Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                if (pendingSeparator && sb.Length > 0 && keepSeparators)
                {
                    sb.Append('_');
                }
                pendingSeparator = false;
                sb.Append(char.ToUpperInvariant(ch));
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                pendingSeparator = true;
            }
        }
        var code = sb.ToString().TrimEnd('_');
        if (code.Length > maxLength)
        {
            code = code[..maxLength].TrimEnd('_');
        }
        return code.Length == 0 ? "?" : code;
    }

    /// <summary>A name within <see cref="ReferenceItem.NameMaxLength"/> (or <paramref name="maxLength"/>).</summary>
    public static string Name(string? name, string fallback, int maxLength = ReferenceItem.NameMaxLength)
    {
        var value = string.IsNullOrWhiteSpace(name) ? fallback : name.Trim();
        return value.Length > maxLength ? value[..maxLength] : value;
    }
}
