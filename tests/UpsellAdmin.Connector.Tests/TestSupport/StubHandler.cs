using System.Net;
using System.Text;

namespace UpsellAdmin.Connector.Tests.TestSupport;

/// <summary>A recorded request: what went over the wire.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string Body, string? ContentType)
{
    public string Operation => Uri.AbsolutePath.Replace("/api/connector/v1/", "", StringComparison.Ordinal);
}

/// <summary>A primary handler that records every request and answers through a delegate.</summary>
public sealed class StubHandler(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly List<RecordedRequest> _requests = [];

    public StubHandler(Func<RecordedRequest, HttpResponseMessage> respond)
        : this((r, _) => Task.FromResult(respond(r)))
    {
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
                return _requests.ToList();
        }
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK, string? requestId = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (requestId is not null)
            response.Headers.Add("Request-Id", requestId);
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, body, request.Content?.Headers.ContentType?.MediaType);
        lock (_requests)
            _requests.Add(recorded);
        var response = await respond(recorded, cancellationToken);
        response.RequestMessage = request;
        return response;
    }

    // The HttpClientFactory may dispose the primary handler when it rotates it and tests keep using it: harmless,
    // HttpMessageHandler's own Dispose releases nothing and this handler holds nothing either.
    protected override void Dispose(bool disposing) => base.Dispose(disposing);
}
