using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace UpsellAdmin.Connector.Http;

/// <summary>Removes the configured tokens (and any ClientToken/AccessToken JSON value) from text before it is logged.</summary>
public sealed partial class TokenRedactor(IOptionsMonitor<ConnectorOptions> options)
{
    public const string Mask = "***";

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? "";
        var result = TokenProperty().Replace(text, m => m.Groups["head"].Value + Mask + "\"");
        var current = options.CurrentValue;
        foreach (var secret in new[] { current.ClientToken, current.AccessToken })
        {
            if (!string.IsNullOrEmpty(secret))
                result = result.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return result;
    }

    [GeneratedRegex(@"(?<head>""(?:ClientToken|AccessToken)""\s*:\s*"")(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase)]
    private static partial Regex TokenProperty();
}
