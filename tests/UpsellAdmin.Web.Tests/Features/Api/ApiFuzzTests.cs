using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using UpsellAdmin.Web.Features.Api;
using UpsellAdmin.Web.Tests.Features.Copy;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>
/// Issue 14's proof: 10,000 generated evaluate and copy bodies through the real app (WebApplicationFactory, SQLite)
/// — valid-ish shapes with extreme numbers and dates, long strings, control characters, wrong types, missing members,
/// huge arrays up to the body limit, duplicate keys, enum integers, cut-off JSON — and not one answer ≥ 500, every
/// error application/problem+json with its status and a traceId, and no answer larger than <see cref="MaxResponseBytes"/>.
/// </summary>
public sealed class ApiFuzzTests : IAsyncLifetime
{
    /// <summary>The bound on any answer: a 400 lists at most 50 messages; a 200 echoes at most six lists of 500 codes of
    /// 20 characters in its reasons (≈ 80 KB in theory; the generated bodies stay far below).</summary>
    private const int MaxResponseBytes = 128 * 1024;

    /// <summary>Evaluate is stateless and fast; a copy reads a dozen tables per request, so it gets fewer of the 10,000.</summary>
    private const int EvaluateBodies = 7_000;

    private const int CopyBodies = 3_000;

    private const string Key = "fuzz-test-key";
    private CopyTestDatabase _db = null!;
    private AppFactory _app = null!;
    private HttpClient _client = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await CopyTestDatabase.CreateAsync(Ct);
        var scenario = await CopyScenario.SeedAsync(_db, Ct);
        await _db.AddRuleAsync(scenario.Source, "DUP", "KNG", "PRS", null, Ct);
        await _db.AddRuleAsync(scenario.Source, "CLEAN", "KNG", "PRS", null, Ct);
        _app = new AppFactory(_db.ConnectionString);
        _client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        _client.DefaultRequestHeaders.Add("X-Api-Key", Key);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    private sealed class AppFactory(string connectionString) : WebApplicationFactory<UpsellAdmin.Web.Components.App>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("DemoMode", "false");
            builder.UseSetting("Api:Keys:0", Key);
            // 10,000 requests from one key in a minute: the per-key rate limit (helper D's) would answer most of them 429.
            builder.UseSetting("RateLimiting:ApiPerKey", "0");
            // Information logs of 10,000 requests would only slow the run down.
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        }
    }

    private const string EvaluateTemplate = """
        {
          "rule": {
            "code": "STD-DLX", "description": "Standard to Deluxe", "beginDate": "2026-12-01", "endDate": "2026-12-31",
            "upsellByRoomType": true, "from": "STD", "to": "DLX",
            "rateCodes": ["BAR"], "rateCategories": [], "membershipTypes": [{"type": "GOLD", "level": "GLD"}], "channels": [],
            "reservationTypes": [], "marketCodes": [],
            "formula": "PercentOfDifferenceAddedToOriginalRate", "upsellAmount": 15, "currencyCode": "USD", "roundingRule": "UpKeepDecimal",
            "daysInAdvance": 3, "upsellByOccupancyLevels": false, "occupancyLevelAmounts": [{"level": 1, "amount": 10}]
          },
          "stay": {
            "arrivalDate": "2026-12-10", "departureDate": "2026-12-12", "bookedOn": "2026-11-22",
            "roomType": "STD", "roomClass": "STANDARD", "rateCode": "BAR", "rateCategory": "PUBLIC",
            "membership": {"type": "GOLD", "level": "GLD"}, "channel": "WEB", "reservationType": "GTD", "marketCode": "LEIS",
            "currencyCode": "USD",
            "nights": [ { "date": "2026-12-10", "originalRate": 99.95, "targetRate": 140, "occupancyLevel": 1 },
                        { "date": "2026-12-11", "originalRate": 100, "targetRate": 150, "occupancyLevel": 2 } ]
          }
        }
        """;

    private const string CopyTemplate = """
        { "ruleCodes": ["DUP", "CLEAN"], "targetPropertyCodes": ["TGA", "TGB"], "onConflict": "Rename", "dryRun": true }
        """;

    private static readonly string[] EvaluatePaths =
    [
        "rule", "stay", "rule.code", "rule.description", "rule.beginDate", "rule.endDate", "rule.upsellByRoomType", "rule.from", "rule.to",
        "rule.rateCodes", "rule.rateCategories", "rule.membershipTypes", "rule.membershipTypes.0", "rule.membershipTypes.0.type",
        "rule.channels", "rule.reservationTypes", "rule.marketCodes", "rule.formula", "rule.upsellAmount", "rule.currencyCode",
        "rule.roundingRule", "rule.daysInAdvance", "rule.upsellByOccupancyLevels", "rule.occupancyLevelAmounts",
        "rule.occupancyLevelAmounts.0.level", "rule.occupancyLevelAmounts.0.amount",
        "stay.arrivalDate", "stay.departureDate", "stay.bookedOn", "stay.roomType", "stay.roomClass", "stay.rateCode", "stay.rateCategory",
        "stay.membership", "stay.membership.type", "stay.channel", "stay.reservationType", "stay.marketCode", "stay.currencyCode",
        "stay.nights", "stay.nights.0", "stay.nights.0.date", "stay.nights.0.originalRate", "stay.nights.1.targetRate",
        "stay.nights.1.occupancyLevel", "stay.nights.1.date",
    ];

    private static readonly string[] CopyPaths =
        ["ruleCodes", "targetPropertyCodes", "onConflict", "dryRun", "ruleCodes.0", "targetPropertyCodes.1"];

    /// <summary>Raw JSON values, written as they are (numbers beyond decimal, exponents, enum integers, wrong types).</summary>
    private static readonly string[] RawValues =
    [
        "79228162514264337593543950335", "-79228162514264337593543950335", "79228162514264337593543950336", "1e400", "-1e-400",
        "0.0000000000000000000000000001", "1.00000000000000000000000000001", "-0", "-1", "0", "2147483647", "-2147483648",
        "9999999999999999999999", "1000000", "1000000.01", "10000000", "100.005", "3", "7", "-7", "true", "false", "null",
        "[]", "{}", "[null]", "[{}]", "[[]]", "\"\"", "\" \"", "\"9999-12-31\"", "\"0001-01-01\"", "\"2026-02-30\"",
        "\"2026-12-10T00:00:00\"", "\"Skip\"", "\"Rename\"", "\"Overwrite\"", "\"rename\"", "\"1\"", "\"Skip, Rename\"",
        "\"FlatAmountAddedToOriginalRate\"", "\"Up\"", "\"DUP\"", "\"TGA\"", "\"SRC\"", "\"\\u0000\"", "\"A\\nFORGED LOG LINE\"",
        "\"\\r\\n\\t\\u2028\\u202e\"", "\"<script>alert(1)</script>\"", "\"' OR 1=1 --\"", "\"😀\"", "\"\\ud800\"",
    ];

    /// <summary>Letters, digits, JSON's own specials, control characters, line separators, bidi override, BOM.</summary>
    private static readonly Gen<string> Text =
        Gen.Char["aZ09 -_./:\"\\<>&'%\u0000\u0001\u0007\u001b\n\r\t\u007f\u0085\u00e9\u2028\u2029\u202e\ufeff\u6f22"]
            .Array[0, 40].Select(chars => new string(chars));

    private static readonly Gen<(int Kind, int Path, int Value, int Size, string Text)> Mutation =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 1000], Gen.Int[0, RawValues.Length - 1], Gen.Int[0, 6], Text);

    private static readonly Gen<(int Kind, int Path, int Value, int Size, string Text)[]> Mutations = Mutation.Array[1, 4];

    [Fact]
    public async Task Fuzz_10000GeneratedEvaluateAndCopyBodies_NeverA5xxEveryErrorAProblemEveryAnswerBounded()
    {
        var stats = new Stats();
        var watch = Stopwatch.StartNew();

        await Mutations.SampleAsync(m => SendAsync("/api/upsell-rules/evaluate", Build(EvaluateTemplate, EvaluatePaths, m), stats), iter: EvaluateBodies, threads: 4);
        await Mutations.SampleAsync(m => SendAsync("/api/properties/SRC/upsell-rules/copy", Build(CopyTemplate, CopyPaths, m), stats), iter: CopyBodies, threads: 4);

        watch.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{stats.Total} requests in {watch.Elapsed.TotalSeconds:0.0} s; by status {string.Join(", ", stats.ByStatus.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value}"))}; "
            + $"largest answer {stats.LargestResponse:#,0} bytes; largest body {stats.LargestBody:#,0} bytes");
        Assert.Equal(EvaluateBodies + CopyBodies, stats.Total);
        Assert.True(stats.ByStatus.Keys.Any(s => s is >= 200 and < 300), "some generated bodies should be valid");
        Assert.True(stats.ByStatus.ContainsKey(400) && stats.ByStatus.ContainsKey(413));
    }

    private async Task SendAsync(string url, string body, Stats stats)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(url, content, Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        stats.Record((int)response.StatusCode, bytes.Length, body.Length);
        var status = (int)response.StatusCode;
        var what = $"{url} → {status} ({bytes.Length} bytes) for a body of {body.Length} characters: {Head(body)}";
        Assert.True(status < 500, $"{what}\n{Head(Encoding.UTF8.GetString(bytes))}");
        Assert.True(bytes.Length <= MaxResponseBytes, what);
        if (status >= 400)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: {response.Content.Headers.ContentType}");
            using var problem = JsonDocument.Parse(bytes);
            Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
            Assert.True(problem.RootElement.TryGetProperty("traceId", out _), what);
        }
    }

    private static string Head(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>The template with the mutations applied: replace a member with a raw value, a long or control-character
    /// string, a huge array, or remove it; duplicate a key; cut the JSON off.</summary>
    private static string Build(string template, string[] paths, (int Kind, int Path, int Value, int Size, string Text)[] mutations)
    {
        var root = JsonNode.Parse(template)!;
        var raws = new List<string>();
        var duplicates = new List<string>();
        var cut = -1;
        foreach (var (kind, pathIndex, value, size, text) in mutations)
        {
            var path = paths[pathIndex % paths.Length];
            switch (kind)
            {
                case 0:
                case 1:
                    Set(root, path, Raw(raws, RawValues[value]));
                    break;
                case 2:
                    Set(root, path, JsonValue.Create(text));
                    break;
                case 3:
                    // A long string: up to 100,000 characters of the generated text (control characters included).
                    var repeat = string.Concat(Enumerable.Repeat(text.Length == 0 ? "x" : text, Math.Max(1, (int)Math.Pow(10, size) / Math.Max(1, text.Length))));
                    Set(root, path, JsonValue.Create(repeat.Length > 100_000 ? repeat[..100_000] : repeat));
                    break;
                case 4:
                    // A huge array: up to 300,000 entries of one shape, at most ≈ 1.2 MB (around the 1 MB body limit).
                    var entry = RawValues[value] == "null" ? "{}" : RawValues[value];
                    var count = (int)Math.Min(Math.Min(300_000, Math.Pow(8, size)), 1_200_000 / (entry.Length + 1));
                    Set(root, path, Raw(raws, "[" + string.Join(",", Enumerable.Repeat(entry, count)) + "]"));
                    break;
                case 5:
                    Remove(root, path);
                    break;
                case 6:
                    duplicates.Add(path[(path.LastIndexOf('.') + 1)..]);
                    break;
                case 7:
                    Set(root, path, Raw(raws, value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                case 8:
                    Set(root, path, JsonValue.Create(new DateOnly(1, 1, 1).AddDays(value * 70_000 % 3_652_058).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                default:
                    cut = pathIndex;
                    break;
            }
        }

        var json = root.ToJsonString();
        for (var i = 0; i < raws.Count; i++)
        {
            json = json.Replace($"\"@@RAW{i}@@\"", raws[i], StringComparison.Ordinal);
        }

        foreach (var member in duplicates.Where(m => !int.TryParse(m, out _)))
        {
            var at = json.IndexOf($"\"{member}\":", StringComparison.Ordinal);
            if (at >= 0)
            {
                json = json.Insert(at, $"\"{member}\":\"duplicate\",");
            }
        }

        return cut >= 0 && json.Length > 0 ? json[..(int)((long)cut * json.Length / 1001)] : json;
    }

    private static JsonNode Raw(List<string> raws, string raw)
    {
        raws.Add(raw);
        return JsonValue.Create($"@@RAW{raws.Count - 1}@@");
    }

    private static (JsonNode? Parent, string Member) Locate(JsonNode root, string path)
    {
        var parts = path.Split('.');
        JsonNode? node = root;
        foreach (var part in parts[..^1])
        {
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return (node, parts[^1]);
    }

    private static void Set(JsonNode root, string path, JsonNode value)
    {
        switch (Locate(root, path))
        {
            case (JsonObject o, var member):
                o[member] = value;
                break;
            case (JsonArray a, var index) when int.TryParse(index, out var i) && i < a.Count:
                a[i] = value;
                break;
        }
    }

    private static void Remove(JsonNode root, string path)
    {
        switch (Locate(root, path))
        {
            case (JsonObject o, var member):
                o.Remove(member);
                break;
            case (JsonArray a, var index) when int.TryParse(index, out var i) && i < a.Count:
                a.RemoveAt(i);
                break;
        }
    }

    private sealed class Stats
    {
        private readonly Lock _lock = new();
        public Dictionary<int, int> ByStatus { get; } = [];
        public int Total { get; private set; }
        public int LargestResponse { get; private set; }
        public int LargestBody { get; private set; }

        public void Record(int status, int responseBytes, int bodyLength)
        {
            lock (_lock)
            {
                Total++;
                ByStatus[status] = ByStatus.GetValueOrDefault(status) + 1;
                LargestResponse = Math.Max(LargestResponse, responseBytes);
                LargestBody = Math.Max(LargestBody, bodyLength);
            }
        }
    }
}
