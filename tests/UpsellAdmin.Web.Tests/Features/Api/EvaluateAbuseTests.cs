using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Api;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>
/// Issue 14, what a careless integrator or an attacker sent to <c>POST /api/upsell-rules/evaluate</c>: numbers and dates
/// the engine cannot compute with (500 before), a 3 MB body of a million empty nights (an 89.8 MB 400 before),
/// duplicate keys, enum numbers. Each is now a small 4xx problem.
/// </summary>
public sealed class EvaluateAbuseTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Url = "/api/upsell-rules/evaluate";
    private const string DecimalMax = "79228162514264337593543950335";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Body() => JsonNode.Parse("""
        {
          "rule": {
            "code": "STD-DLX", "description": "Standard to Deluxe", "upsellByRoomType": true, "from": "STD", "to": "DLX",
            "formula": "FlatAmountAddedToOriginalRate", "upsellAmount": 15, "currencyCode": "USD", "roundingRule": "None",
            "upsellByOccupancyLevels": false
          },
          "stay": {
            "arrivalDate": "2026-12-10", "departureDate": "2026-12-11", "bookedOn": "2026-11-22",
            "roomType": "STD", "rateCode": "BAR", "currencyCode": "USD",
            "nights": [ { "date": "2026-12-10", "originalRate": 100 } ]
          }
        }
        """)!.AsObject();

    private async Task<HttpResponseMessage> PostAsync(string json, string contentType = "application/json")
    {
        using var client = factory.CreateApiClient();
        using var content = new StringContent(json, Encoding.UTF8, contentType);
        return await client.PostAsync(Url, content, Ct);
    }

    private static async Task<(JsonElement Json, int Size)> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text[..Math.Min(text.Length, 2000)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (JsonDocument.Parse(text).RootElement.Clone(), Encoding.UTF8.GetByteCount(text));
    }

    private static string Field(JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var messages)
            ? messages[0].GetString()!
            : throw new Xunit.Sdk.XunitException($"No error for {field}: {problem.GetProperty("errors").GetRawText()}");

    [Fact]
    public async Task Evaluate_UpsellAmountOfDecimalMax_Is400NotAnOverflow500()
    {
        var body = Body().ToJsonString().Replace("\"upsellAmount\":15", $"\"upsellAmount\":{DecimalMax}", StringComparison.Ordinal);

        var (problem, _) = await ProblemAsync(await PostAsync(body), HttpStatusCode.BadRequest);

        Assert.Equal("Upsell Amount can be at most 1,000,000,000.", Field(problem, "rule.upsellAmount"));
    }

    [Fact]
    public async Task Evaluate_OriginalRateOfDecimalMax_Is400NamingTheNight()
    {
        var body = Body().ToJsonString().Replace("\"originalRate\":100", $"\"originalRate\":{DecimalMax}", StringComparison.Ordinal);

        var (problem, _) = await ProblemAsync(await PostAsync(body), HttpStatusCode.BadRequest);

        Assert.Contains("at most 1,000,000,000,000", Field(problem, "stay.nights[0].originalRate"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_ArrivalOn9999_12_31WithTwoNights_Is400NamingTheArrival()
    {
        var body = Body();
        var stay = body["stay"]!.AsObject();
        stay["arrivalDate"] = "9999-12-31";
        stay["departureDate"] = "9999-12-31";
        stay["nights"] = new JsonArray(
            new JsonObject { ["date"] = "9999-12-31", ["originalRate"] = 100 },
            new JsonObject { ["date"] = "9999-12-31", ["originalRate"] = 100 });

        var (problem, _) = await ProblemAsync(await PostAsync(body.ToJsonString()), HttpStatusCode.BadRequest);

        Assert.Contains("2199-12-31", Field(problem, "stay.arrivalDate"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_NegativeUpsellAmount_IsRefusedWithTheRuleFormsMessage()
    {
        var body = Body();
        body["rule"]!["upsellAmount"] = -5;

        var (problem, _) = await ProblemAsync(await PostAsync(body.ToJsonString()), HttpStatusCode.BadRequest);

        Assert.Equal(UpsellRuleFormValidator.AmountProblem(UpsellFormula.FlatAmountAddedToOriginalRate, -5m), Field(problem, "rule.upsellAmount"));
    }

    [Fact]
    public async Task Evaluate_3MbBodyOfAMillionEmptyNights_Is413ProblemSmallAndFast()
    {
        var text = Body().ToJsonString().Replace("""[{"date":"2026-12-10","originalRate":100}]""",
            "[" + string.Join(",", Enumerable.Repeat("{}", 1_000_000)) + "]", StringComparison.Ordinal);
        Assert.True(text.Length > 3_000_000);
        var watch = Stopwatch.StartNew();

        var (problem, size) = await ProblemAsync(await PostAsync(text), HttpStatusCode.RequestEntityTooLarge);

        watch.Stop();
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("traceId", out _));
        Assert.True(size < 1024, $"{size} bytes");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed}");
    }

    [Fact]
    public async Task Evaluate_ChunkedBodyOverTheLimit_Is413Problem()
    {
        using var client = factory.CreateApiClient();
        var bytes = Encoding.UTF8.GetBytes("{\"rule\":{\"description\":\"" + new string('x', 2 * 1024 * 1024) + "\"}}");
        using var content = new StreamContent(new NoLengthStream(bytes));
        content.Headers.ContentType = new("application/json");

        using var response = await client.PostAsync(Url, content, Ct);

        Assert.Null(content.Headers.ContentLength);
        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Evaluate_300000EmptyNightsUnderTheLimit_Is400WithOneErrorNotOnePerNight()
    {
        var body = Body();
        body["stay"]!["nights"] = new JsonArray(Enumerable.Range(0, 300_000).Select(_ => (JsonNode)new JsonObject()).ToArray());
        var text = body.ToJsonString();
        Assert.True(text.Length < ApiProblems.DefaultMaxBodyBytes, $"{text.Length}");

        var (problem, size) = await ProblemAsync(await PostAsync(text), HttpStatusCode.BadRequest);

        Assert.Equal("At most 366 entries (it has 300000).", Field(problem, "stay.nights"));
        Assert.True(size < 2048, $"{size} bytes");
    }

    [Fact]
    public async Task Evaluate_366NightsWithoutDateOrRate_ListsTheFirst50ErrorsAndCountsTheRest()
    {
        var body = Body();
        body["stay"]!["departureDate"] = "2027-12-11";
        body["stay"]!["nights"] = new JsonArray(Enumerable.Range(0, 366).Select(_ => (JsonNode)new JsonObject()).ToArray());

        var (problem, size) = await ProblemAsync(await PostAsync(body.ToJsonString()), HttpStatusCode.BadRequest);

        var listed = problem.GetProperty("errors").EnumerateObject().Sum(e => e.Value.GetArrayLength());
        Assert.Equal(EvaluateMapping.MaxErrors, listed);
        Assert.Equal(366 * 2 - 50, problem.GetProperty(EvaluateMapping.MoreErrorsMember).GetInt32());
        Assert.True(size < 8192, $"{size} bytes");
    }

    [Theory]
    [InlineData("""{"rule":{"code":"A"},"rule":{"code":"B"},"stay":{}}""", "rule")]
    [InlineData("""{"rule":{"code":"A","code":"B"},"stay":{}}""", "rule.code")]
    public async Task Evaluate_DuplicateJsonKeys_Is400(string json, string field)
    {
        var (problem, _) = await ProblemAsync(await PostAsync(json), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name.StartsWith(field, StringComparison.Ordinal)
            || e.Name == "$"), problem.GetRawText());
    }

    [Fact]
    public async Task Evaluate_DuplicateUpsellAmount_IsRefusedNotLastOneWins()
    {
        var json = Body().ToJsonString().Replace("\"upsellAmount\":15", "\"upsellAmount\":15,\"upsellAmount\":-500", StringComparison.Ordinal);

        await ProblemAsync(await PostAsync(json), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Evaluate_PlainTextBody_Is415Problem()
    {
        var (problem, _) = await ProblemAsync(await PostAsync(Body().ToJsonString(), "text/plain"), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(415, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Evaluate_RuleCodeOf900KB_IsAShort400ThatDoesNotEchoIt()
    {
        var body = Body();
        body["rule"]!["code"] = new string('C', 900_000);

        var (problem, size) = await ProblemAsync(await PostAsync(body.ToJsonString()), HttpStatusCode.BadRequest);

        Assert.Equal("At most 20 characters (it has 900000).", Field(problem, "rule.code"));
        Assert.True(size < 1024, $"{size} bytes");
    }

    /// <summary>A request stream with no length: HttpClient sends it chunked, so only reading can find it too large.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
