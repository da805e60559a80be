using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace UpsellAdmin.Web.Features.Common;

/// <summary>
/// Makes a value someone else chose (a request body's code, a URL path, a client's name) safe to put in a log line:
/// control characters, line and paragraph separators and bidi/format characters are escaped (<c>\n</c>, <c>\r</c>,
/// <c>\t</c>, <c>\u2028</c>, …) so a value cannot start a forged log line or hide text, and it is cut to
/// <see cref="MaxLength"/> characters followed by "…" so a 1 MB value costs the log 200 characters. Use it for every
/// user-supplied value passed to a log call: <c>logger.LogInformation("… {RuleCode}", LogText.Safe(rule.Code))</c>.
/// </summary>
public static class LogText
{
    /// <summary>How many characters of a value are logged before the "…".</summary>
    public const int MaxLength = 200;

    /// <summary>The value escaped and cut to <paramref name="maxLength"/> characters (null stays null).</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Safe(string? value, int maxLength = MaxLength)
    {
        if (value is null)
        {
            return null;
        }

        var cut = value.Length > maxLength;
        var span = cut ? value.AsSpan(0, maxLength) : value.AsSpan();
        if (!cut && !NeedsEscape(span))
        {
            return value;
        }

        var builder = new StringBuilder(span.Length + 8);
        foreach (var c in span)
        {
            switch (c)
            {
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\\': builder.Append("\\\\"); break;
                default:
                    if (IsUnsafe(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        if (cut)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }

    /// <summary>Several values, each made <see cref="Safe"/>, joined by ", "; the whole cut to <paramref name="maxLength"/>.</summary>
    public static string SafeList(IEnumerable<string?> values, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder();
        foreach (var value in values)
        {
            if (builder.Length > 0)
            {
                builder.Append(", ");
            }

            builder.Append(Safe(value, maxLength));
            if (builder.Length > maxLength)
            {
                return builder.ToString(0, maxLength) + "…";
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c == '\\' || IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    // Control characters (C0, DEL, C1 incl. NEL), U+2028/U+2029, and format characters (bidi overrides, zero-width).
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format;
}
