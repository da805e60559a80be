using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace UpsellAdmin.Connector.Http;

/// <summary>
/// The one place where ClientToken, AccessToken and Client enter a request: it adds them to the JSON body of every
/// call (Mews authenticates by body, not by header). No DTO carries a token, so no call site can forget or leak one.
/// </summary>
public sealed class MewsAuthenticationHandler(IOptionsMonitor<ConnectorOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var json = string.IsNullOrWhiteSpace(body) ? new JsonObject() : JsonNode.Parse(body) as JsonObject
            ?? throw new InvalidOperationException("A Mews request body must be a JSON object.");
        json["ClientToken"] = current.ClientToken;
        json["AccessToken"] = current.AccessToken;
        json["Client"] = current.Client;
        request.Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json");
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
