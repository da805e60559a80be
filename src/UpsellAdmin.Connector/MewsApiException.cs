using System.Net;
using System.Text.Json;

namespace UpsellAdmin.Connector;

/// <summary>
/// A Mews call that failed for good (after the retries that were safe): the HTTP status (null when Mews was not
/// reached or did not answer), Mews' own <c>Message</c> (meant for the hotel user on 403) and the <c>RequestId</c> to
/// quote to Mews support.
/// </summary>
public class MewsApiException : Exception
{
    public MewsApiException(string operation, HttpStatusCode? statusCode, string mewsMessage, string? requestId,
        string? details = null, Exception? innerException = null)
        : base(Format(operation, statusCode, mewsMessage, requestId), innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
        MewsMessage = mewsMessage;
        RequestId = requestId;
        Details = details;
    }

    /// <summary>The operation path, e.g. <c>loyaltyPrograms/add</c>.</summary>
    public string Operation { get; }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>Mews' error <c>Message</c>, or the gateway's description when Mews gave none.</summary>
    public string MewsMessage { get; }

    public string? RequestId { get; }

    /// <summary>Mews' <c>Details</c> (development environment only).</summary>
    public string? Details { get; }

    /// <summary>403: a business-rule failure whose <see cref="MewsMessage"/> can be shown to the user.</summary>
    public bool IsBusinessRuleViolation => StatusCode == HttpStatusCode.Forbidden;

    /// <summary>401: bad or expired tokens, or no permission for the operation.</summary>
    public bool IsAuthenticationFailure => StatusCode == HttpStatusCode.Unauthorized;

    private static string Format(string operation, HttpStatusCode? status, string message, string? requestId) =>
        $"Mews {operation} failed" + (status is { } s ? $" with {(int)s} {s}" : "") + $": {message}"
        + (requestId is null ? "" : $" (RequestId {requestId})");

    internal static async Task<MewsApiException> FromResponseAsync(HttpResponseMessage response)
    {
        var operation = MewsOperation.FromUri(response.RequestMessage?.RequestUri);
        string? body = null;
        try
        {
            body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or ObjectDisposedException)
        {
            // keep body null: the status alone still tells what happened
        }

        var (message, requestId, details) = ParseError(body);
        requestId ??= response.Headers.TryGetValues("Request-Id", out var values) ? values.FirstOrDefault() : null;
        message ??= string.IsNullOrWhiteSpace(body) ? response.ReasonPhrase ?? "no error message" : "unexpected error body";
        return new MewsApiException(operation, response.StatusCode, message, requestId, details);
    }

    internal static (string? Message, string? RequestId, string? Details) ParseError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return (null, null, null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return (null, null, null);
            return (Get(doc.RootElement, "Message"), Get(doc.RootElement, "RequestId"), Get(doc.RootElement, "Details"));
        }
        catch (JsonException)
        {
            return (null, null, null);
        }

        static string? Get(JsonElement e, string name) =>
            e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
    }
}

/// <summary>
/// A write whose outcome is unknown (timeout, 408, 5xx or a dropped connection after sending) and that the gateway
/// could not settle by looking it up. Mews has no idempotency keys: do not re-send blindly; check first, as
/// <see cref="Guidance"/> says.
/// </summary>
public sealed class MewsOutcomeUnknownException : MewsApiException
{
    public MewsOutcomeUnknownException(string operation, string guidance, IReadOnlyList<string> externalIdentifiers,
        Exception? innerException)
        : base(operation, (innerException as MewsApiException)?.StatusCode,
            "the outcome is unknown. " + guidance, (innerException as MewsApiException)?.RequestId, null, innerException)
    {
        Guidance = guidance;
        ExternalIdentifiers = externalIdentifiers;
    }

    /// <summary>What the caller should check before trying again.</summary>
    public string Guidance { get; }

    /// <summary>The ExternalIdentifiers sent with the write (orders/add), to find its items in Mews.</summary>
    public IReadOnlyList<string> ExternalIdentifiers { get; }
}

internal static class MewsOperation
{
    private const string Prefix = "/api/connector/v1/";

    /// <summary><c>/api/connector/v1/loyaltyPrograms/add</c> → <c>loyaltyPrograms/add</c>.</summary>
    public static string FromUri(Uri? uri)
    {
        if (uri is null)
            return "unknown";
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString;
        var i = path.IndexOf(Prefix, StringComparison.Ordinal);
        return i >= 0 ? path[(i + Prefix.Length)..] : path;
    }
}
