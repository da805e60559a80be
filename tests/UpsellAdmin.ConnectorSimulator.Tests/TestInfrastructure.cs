using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UpsellAdmin.ConnectorSimulator.Tests;

/// <summary>The fixed business date every test seeds around (time-unit boundaries in the fixtures depend on it).</summary>
internal static class TestDates
{
    public static readonly DateOnly Today = new(2026, 11, 22);
}

/// <summary>One answer of the simulator: status, parsed body (null when empty) and headers.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string RawBody)
{
    public JsonObject Object => Body as JsonObject ?? throw new InvalidOperationException($"Expected a JSON object, got: {RawBody}");

    public JsonArray Array(string name) => Object[name] as JsonArray ?? throw new InvalidOperationException($"Expected array {name}: {RawBody}");

    public string? Cursor => Object["Cursor"]?.GetValue<string>();
}

/// <summary>Posts Connector API requests to a running simulator over real HTTP.</summary>
internal sealed class ConnectorTestClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public string ClientToken { get; init; } = DemoTokens.ClientToken;

    public string AccessToken { get; init; } = DemoTokens.AccessToken;

    /// <summary>Adds ClientToken, AccessToken and Client to <paramref name="body"/> and posts it.</summary>
    public Task<ApiResponse> PostAsync(string operation, JsonObject? body = null, CancellationToken ct = default)
    {
        body ??= [];
        body["ClientToken"] ??= ClientToken;
        body["AccessToken"] ??= AccessToken;
        body["Client"] ??= DemoTokens.Client;
        return PostRawAsync("api/connector/v1/" + operation, body.ToJsonString(), ct);
    }

    public async Task<ApiResponse> PostRawAsync(string relativePath, string content, CancellationToken ct, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, relativePath)
        {
            Content = new StringContent(content, Encoding.UTF8, "application/json"),
        };
        using var response = await Http.SendAsync(request, ct);
        var raw = await response.Content.ReadAsStringAsync(ct);
        var node = string.IsNullOrWhiteSpace(raw) ? null : JsonNode.Parse(raw);
        return new ApiResponse(response.StatusCode, node, response.Headers, response.Content.Headers, raw);
    }
}

/// <summary>Starts a fresh simulator (fixed Today) per test and gives it a client with the demo tokens of enterprise A.</summary>
public abstract class SimulatorTestBase : IAsyncLifetime
{
    private SimulatorServer? _server;
    private HttpClient? _http;

    internal SimulatorServer Server => _server ?? throw new InvalidOperationException("Not started.");

    internal ConnectorTestClient Client { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Adjusts the options of the server this test class starts.</summary>
    protected virtual void Configure(SimulatorOptions options)
    {
    }

    public async ValueTask InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(
            options =>
            {
                options.Today = TestDates.Today;
                Configure(options);
            },
            Ct);
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        Client = new ConnectorTestClient(_http);
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A second client on the same server with another token pair.</summary>
    internal ConnectorTestClient ClientFor(string clientToken, string accessToken) =>
        new(Client.Http) { ClientToken = clientToken, AccessToken = accessToken };

    internal static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    internal static JsonObject Limitation(int count, string? cursor = null)
    {
        var limitation = new JsonObject { ["Count"] = count };
        if (cursor is not null)
        {
            limitation["Cursor"] = cursor;
        }

        return limitation;
    }

    /// <summary>Walks every page of a paginated operation, returning the ids in the order received.</summary>
    internal async Task<List<string>> ReadAllIdsAsync(string operation, string collection, Func<JsonObject> body, int count)
    {
        var ids = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 10_000; page++)
        {
            var request = body();
            request["Limitation"] = Limitation(count, cursor);
            var response = await Client.PostAsync(operation, request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.Status);
            var items = response.Array(collection);
            if (items.Count == 0)
            {
                Assert.Null(response.Cursor);
                return ids;
            }

            ids.AddRange(items.Select(i => i!["Id"]!.GetValue<string>()));
            Assert.Equal(ids[^1], response.Cursor);
            cursor = response.Cursor;
        }

        throw new InvalidOperationException("Paging did not end.");
    }
}

/// <summary>Where the repository and the shared folder are, found from the test binaries.</summary>
internal static class RepoPaths
{
    public static string? RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UpsellAdmin.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary><c>&lt;repo root&gt;/../shared/connector-api-examples</c>, or null when it is not there.</summary>
    public static string? DocsExamples()
    {
        var root = RepoRoot();
        if (root is null)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(root, "..", "shared", "connector-api-examples"));
        return Directory.Exists(path) ? path : null;
    }
}

internal static class JsonAssert
{
    public static void HasFields(JsonObject obj, IEnumerable<string> fields, string context)
    {
        var missing = fields.Where(f => !obj.ContainsKey(f)).ToList();
        Assert.True(missing.Count == 0, $"{context}: missing {string.Join(", ", missing)} in {obj.ToJsonString(new JsonSerializerOptions { WriteIndented = false })[..Math.Min(400, obj.ToJsonString().Length)]}");
    }
}
