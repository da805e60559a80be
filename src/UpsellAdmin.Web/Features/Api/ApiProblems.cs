using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Template;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.Api;

/// <summary>
/// Every <c>/api</c> error is <c>application/problem+json</c> with a <c>traceId</c> and nothing else, in every
/// environment: an unhandled exception is a 500 problem (no stack, no headers; the exception goes to the log under the
/// same trace id), an empty 4xx/5xx from the framework becomes a problem of its status, the app's HTML status pages
/// are never served under <c>/api</c>, a body over <see cref="MaxBodyBytesSetting"/> is a 413 problem before anything
/// reads it, a body that is not JSON is a 415 problem, and an unknown path under <c>/api</c> is a 404 problem
/// (a known path with another method a 405 with <c>Allow</c>) instead of the Blazor app's page or a login redirect.
/// </summary>
public static class ApiProblems
{
    /// <summary>The largest request body under /api, in bytes (configuration key; default <see cref="DefaultMaxBodyBytes"/>).</summary>
    public const string MaxBodyBytesSetting = "Api:MaxRequestBodyBytes";

    public const long DefaultMaxBodyBytes = 1024 * 1024;

    public const string Prefix = "/api";

    /// <summary>Marks the catch-all endpoint that answers unknown /api paths (route matrices skip it).</summary>
    public sealed class NotFoundEndpointMarker;

    /// <summary>The /api error middleware: call it after the UI's status-code pages and exception handler (it runs
    /// inside them, so they never see an /api request's error).</summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var limit = configuration.GetValue<long?>(MaxBodyBytesSetting) ?? DefaultMaxBodyBytes;
        return app.UseWhen(
            context => context.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase),
            api => api.Use((context, next) => InvokeAsync(context, next, limit)));
    }

    /// <summary>
    /// Maps the catch-all of /api: an unknown path is a 404 problem, a known path with another method a 405 problem
    /// with <c>Allow</c>. Anonymous (it holds no data; the OpenAPI document lists the same paths), so an API client
    /// without a key gets a problem too, never the login page.
    /// </summary>
    public static IEndpointRouteBuilder MapApiFallback(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var sources = endpoints.DataSources;
        var matchers = new Lazy<IReadOnlyList<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)>>(() => ApiRoutes(sources));
        endpoints.MapFallback(Prefix + "/{**path}", (HttpContext context) =>
            {
                var path = context.Request.Path;
                var allowed = matchers.Value
                    .Where(m => m.Matcher.TryMatch(path, new RouteValueDictionary()))
                    .SelectMany(m => m.Methods)
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .ToList();
                if (allowed.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
                {
                    // The path and the method exist: routing turned the endpoint down for its content type (Accepts).
                    return Problem(StatusCodes.Status415UnsupportedMediaType, "Send the body as application/json.");
                }

                if (allowed.Count > 0)
                {
                    context.Response.Headers.Allow = string.Join(", ", allowed);
                    return Problem(StatusCodes.Status405MethodNotAllowed,
                        $"{context.Request.Method} is not allowed here; use {string.Join(" or ", allowed)}.");
                }

                return Problem(StatusCodes.Status404NotFound, "There is no such API endpoint; see /openapi/v1.json.");
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription()
            .WithMetadata(new NotFoundEndpointMarker())
            .WithDisplayName("API: unknown path");
        return endpoints;
    }

    private static IResult Problem(int status, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: ReasonPhrase(status));

    private static List<(TemplateMatcher, IReadOnlyList<string>)> ApiRoutes(ICollection<EndpointDataSource> sources) =>
        sources.SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<NotFoundEndpointMarker>() is null
                && e.RoutePattern.RawText is { } raw
                && raw.TrimStart('/').StartsWith("api/", StringComparison.OrdinalIgnoreCase)
                && e.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 })
            .Select(e => (new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods))
            .ToList();

    private static async Task InvokeAsync(HttpContext context, RequestDelegate next, long limit)
    {
        // The UI's status-code pages would answer an empty 404/405 with the app's HTML page: not under /api.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        if (context.Request.ContentLength > limit)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"The request body has {context.Request.ContentLength:#,0} bytes; at most {limit:#,0} are accepted.");
            return;
        }

        LimitBody(context, limit);
        if (HasBody(context.Request) && !context.Request.HasJsonContentType()
            && context.GetEndpoint()?.Metadata.GetMetadata<NotFoundEndpointMarker>() is null && context.GetEndpoint() is not null)
        {
            await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"Send the body as application/json (this one is {LogText.Safe(context.Request.ContentType ?? "without a Content-Type", 100)}).");
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            // Kestrel's (or our) body limit, a malformed request: the client's fault, said in its status.
            await WriteAsync(context, exception.StatusCode, exception.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"The request body is larger than {limit:#,0} bytes."
                : "The request could not be read.");
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !context.Response.HasStarted)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiProblems));
            logger.LogError(exception, "Unhandled exception on {Method} {Path} (trace {TraceId})",
                LogText.Safe(context.Request.Method, 20), LogText.Safe(context.Request.Path.Value), TraceId(context));
            await WriteAsync(context, StatusCodes.Status500InternalServerError,
                "The server failed to answer this request. Quote the traceId when you report it.");
            return;
        }

        if (context.Response.StatusCode >= 400 && !context.Response.HasStarted)
        {
            // An empty error from the framework (routing's 405, a 403 from authorization, a 400 from binding): a problem.
            await WriteAsync(context, context.Response.StatusCode, null);
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    /// <summary>Kestrel stops reading past <paramref name="limit"/> (413); a server without that feature (the test host)
    /// gets a stream that does the same.</summary>
    private static void LimitBody(HttpContext context, long limit)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength is null)
        {
            context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string? detail)
    {
        var allow = context.Response.Headers.Allow;
        var retryAfter = context.Response.Headers.RetryAfter;
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (allow.Count > 0)
        {
            context.Response.Headers.Allow = allow;
        }

        if (retryAfter.Count > 0)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = ReasonPhrase(status),
            Detail = detail,
        };
        problem.Extensions["traceId"] = TraceId(context);
        await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }

    private static string TraceId(HttpContext context) => Activity.Current?.Id ?? context.TraceIdentifier;

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";

    /// <summary>Reads through to the request body and throws a 413 <see cref="BadHttpRequestException"/> past the limit.</summary>
    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            return read;
        }
    }
}
