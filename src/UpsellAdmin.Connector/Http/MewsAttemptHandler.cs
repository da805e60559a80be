using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace UpsellAdmin.Connector.Http;

/// <summary>
/// Innermost handler, once per attempt: charges retries to the AccessToken's budget and logs the attempt with its
/// operation, status and Mews RequestId. Bodies are logged only at Trace level and always through
/// <see cref="TokenRedactor"/>; URLs and headers carry no token.
/// </summary>
public sealed partial class MewsAttemptHandler(TokenRedactor redactor, ILogger<MewsAttemptHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = MewsOperation.FromUri(request.RequestUri);
        var (attempt, permit) = request.Options.TryGetValue(MewsRateLimitHandler.AttemptKey, out var counter)
            ? counter.Next()
            : (1, null);

        if (logger.IsEnabled(LogLevel.Trace) && request.Content is not null)
        {
            var body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            LogRequestBody(operation, attempt, redactor.Redact(body));
        }

        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogAttemptError(operation, attempt, e.GetType().Name, redactor.Redact(e.Message));
            throw;
        }
        finally
        {
            permit?.Complete(); // the server has counted this attempt by now: its window starts here
        }

        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var headerRequestId = response.Headers.TryGetValues("Request-Id", out var ids) ? ids.FirstOrDefault() : null;
        if (response.IsSuccessStatusCode)
        {
            LogSuccess(operation, attempt, (int)response.StatusCode, elapsed, headerRequestId);
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body2 = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (message, requestId, _) = MewsApiException.ParseError(body2);
        LogFailure(operation, attempt, (int)response.StatusCode, redactor.Redact(message ?? response.ReasonPhrase), requestId ?? headerRequestId, elapsed);
        return response;
    }

    [LoggerMessage(LogLevel.Trace, "Mews {Operation} attempt {Attempt} request body {Body}")]
    private partial void LogRequestBody(string operation, int attempt, string body);

    [LoggerMessage(LogLevel.Debug, "Mews {Operation} attempt {Attempt} answered {StatusCode} in {ElapsedMs} ms (RequestId {RequestId})")]
    private partial void LogSuccess(string operation, int attempt, int statusCode, long elapsedMs, string? requestId);

    [LoggerMessage(LogLevel.Warning, "Mews {Operation} attempt {Attempt} answered {StatusCode}: {MewsMessage} (RequestId {RequestId}, {ElapsedMs} ms)")]
    private partial void LogFailure(string operation, int attempt, int statusCode, string? mewsMessage, string? requestId, long elapsedMs);

    [LoggerMessage(LogLevel.Warning, "Mews {Operation} attempt {Attempt} failed without an answer: {ErrorType} {Error}")]
    private partial void LogAttemptError(string operation, int attempt, string errorType, string error);
}
