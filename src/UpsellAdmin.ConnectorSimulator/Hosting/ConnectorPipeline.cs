using System.Globalization;
using System.Text.Json;
using UpsellAdmin.ConnectorSimulator.Operations;

namespace UpsellAdmin.ConnectorSimulator;

/// <summary>
/// Handles every request under <c>/api/connector/v1/</c>: exact path match, POST only, strict JSON, tokens, rate
/// limit, fault injection, then the operation. Every answer carries a <c>Request-Id</c> header.
/// </summary>
internal sealed partial class ConnectorPipeline(
    SimulatorOptions options,
    SimulatorStore store,
    SimulatorStatistics statistics,
    RateLimiter rateLimiter,
    FaultInjector faults,
    OperationRegistry registry,
    ILogger<ConnectorPipeline> logger)
{
    public const string Prefix = "/api/connector/v1/";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    public async Task HandleAsync(HttpContext http)
    {
        statistics.Started();
        try
        {
            await HandleCoreAsync(http);
        }
        finally
        {
            statistics.Finished();
        }
    }

    private async Task HandleCoreAsync(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["Request-Id"] = requestId;
        var ct = http.RequestAborted;
        var path = http.Request.Path.Value ?? string.Empty;
        var operationName = path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] : path;
        statistics.Request(operationName);

        if (!path.StartsWith(Prefix, StringComparison.Ordinal) || !registry.TryGet(operationName, out var operation))
        {
            await WriteErrorAsync(http, StatusCodes.Status404NotFound, "Not found: the path matches no operation (paths are case-sensitive and have no trailing slash).", requestId);
            return;
        }

        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, StatusCodes.Status405MethodNotAllowed, "Method not allowed: every operation is an HTTP POST.", requestId);
            return;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, DocumentOptions, ct);
        }
        catch (JsonException)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, "Invalid JSON", requestId);
            return;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }

        using (document)
        {
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                await WriteErrorAsync(http, StatusCodes.Status400BadRequest, "Invalid JSON", requestId);
                return;
            }

            var clientToken = StringProperty(body, "ClientToken");
            var accessToken = StringProperty(body, "AccessToken");
            var grant = DemoTokens.Grants.FirstOrDefault(g => g.AccessToken == accessToken);
            if (string.IsNullOrEmpty(clientToken) || DemoTokens.Grants.All(g => g.ClientToken != clientToken))
            {
                await WriteErrorAsync(http, StatusCodes.Status401Unauthorized, "Invalid ClientToken: the integration is unknown or disabled.", requestId);
                return;
            }

            if (grant is null || grant.ClientToken != clientToken)
            {
                await WriteErrorAsync(http, StatusCodes.Status401Unauthorized, "Invalid AccessToken: the token is unknown, expired or not issued to this integration.", requestId);
                return;
            }

            statistics.Token(grant.AccessToken);
            if (string.IsNullOrWhiteSpace(StringProperty(body, "Client")))
            {
                await WriteErrorAsync(http, StatusCodes.Status400BadRequest, "Invalid Client", requestId);
                return;
            }

            var now = store.UtcNow;
            if (!rateLimiter.TryAcquire(grant.AccessToken, now, out var retryAfter))
            {
                statistics.TooManyRequests();
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await WriteErrorAsync(http, StatusCodes.Status429TooManyRequests, $"Too many requests: at most {options.RateLimit} requests per AccessToken in {options.RateLimitWindow.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds. Retry after {seconds} s.", requestId);
                return;
            }

            var faultable = options.FaultsApplyTo(operationName)
                && (options.MaxInjectedFaults is not { } maxFaults || statistics.FaultsInjected < maxFaults);
            if (faultable)
            {
                if (!await DelayAsync(options.Latency, ct))
                {
                    return;
                }

                switch (faults.DrawBeforeExecution())
                {
                    case PreFault.DropConnection:
                        statistics.ConnectionDropped();
                        http.Abort();
                        return;
                    case PreFault.ServerError:
                        statistics.ServerErrorInjected();
                        await WriteErrorAsync(http, StatusCodes.Status500InternalServerError, "Internal server error (injected by the simulator).", requestId);
                        return;
                    case PreFault.RequestTimeout:
                        statistics.TimeoutInjected();
                        await WriteErrorAsync(http, StatusCodes.Status408RequestTimeout, "The request took too long to process (injected by the simulator). Make it smaller and retry.", requestId);
                        return;
                    case PreFault.None:
                        break;
                }
            }

            object result;
            try
            {
                var context = new OperationContext(store, grant, body, now);
                result = operation.Handler(context);
            }
            catch (ConnectorApiException ex)
            {
                await WriteErrorAsync(http, ex.StatusCode, ex.Message, requestId);
                return;
            }
#pragma warning disable CA1031 // a simulator bug must still answer like Mews would: 500 with an error body.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogUnhandled(logger, ex, operationName);
                await WriteErrorAsync(http, StatusCodes.Status500InternalServerError, "Internal server error.", requestId);
                return;
            }

            if (operation.IsWrite)
            {
                statistics.WriteApplied();
                if (faultable && (options.MaxInjectedFaults is not { } maxPostFaults || statistics.FaultsInjected < maxPostFaults))
                {
                    if (options.PostWriteDelay > TimeSpan.Zero)
                    {
                        statistics.PostWriteFault();
                        if (!await DelayAsync(options.PostWriteDelay, ct))
                        {
                            return;
                        }
                    }

                    switch (faults.DrawAfterWrite())
                    {
                        case PostWriteFault.DropConnection:
                            statistics.PostWriteFault();
                            statistics.ConnectionDropped();
                            http.Abort();
                            return;
                        case PostWriteFault.ServerError:
                            statistics.PostWriteFault();
                            await WriteErrorAsync(http, StatusCodes.Status500InternalServerError, "Internal server error (injected by the simulator after the write was applied).", requestId);
                            return;
                        case PostWriteFault.None:
                            break;
                    }
                }
            }

            await WriteResultAsync(http, result);
        }
    }

    private async Task WriteResultAsync(HttpContext http, object result)
    {
        var minimal = http.Request.Headers["Prefer"].Any(v => v is not null && v.Contains("return=minimal", StringComparison.OrdinalIgnoreCase));
        if (minimal && (result is EmptyResult || (result is PagedResult paged && paged.IsEmptyPage)))
        {
            statistics.Status(StatusCodes.Status204NoContent);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        statistics.Status(StatusCodes.Status200OK);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, result, result.GetType(), SimulatorJson.Options, http.RequestAborted);
    }

    private async Task WriteErrorAsync(HttpContext http, int statusCode, string message, string requestId)
    {
        statistics.Status(statusCode);
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, new ErrorBody(message, requestId), SimulatorJson.Options, http.RequestAborted);
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        if (delay <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(delay, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string? StringProperty(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Simulator operation {Operation} failed")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string operation);

    private sealed record ErrorBody(string Message, string RequestId);
}
