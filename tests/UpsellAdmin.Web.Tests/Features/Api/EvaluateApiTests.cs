using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>POST /api/upsell-rules/evaluate through the real HTTP pipeline (routing, X-Api-Key auth, problem details).</summary>
public sealed class EvaluateApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Url = "/api/upsell-rules/evaluate";

    /// <summary>A one-night STD stay on BAR at 100.00 and a STD→DLX rule for BAR, flat 15, no rounding.</summary>
    private static JsonObject Body() => JsonNode.Parse("""
        {
          "rule": {
            "code": "STD-DLX", "description": "Standard to Deluxe", "beginDate": "2026-12-01", "endDate": "2026-12-31",
            "upsellByRoomType": true, "from": "STD", "to": "DLX",
            "rateCodes": ["BAR"], "rateCategories": [], "membershipTypes": [], "channels": [], "reservationTypes": [], "marketCodes": [],
            "formula": "FlatAmountAddedToOriginalRate", "upsellAmount": 15, "currencyCode": "USD", "roundingRule": "None",
            "daysInAdvance": null, "upsellByOccupancyLevels": false, "occupancyLevelAmounts": []
          },
          "stay": {
            "arrivalDate": "2026-12-10", "departureDate": "2026-12-11", "bookedOn": "2026-11-22",
            "roomType": "STD", "rateCode": "BAR", "currencyCode": "USD",
            "nights": [ { "date": "2026-12-10", "originalRate": 100 } ]
          }
        }
        """)!.AsObject();

    private static JsonObject Rule(JsonObject body) => body["rule"]!.AsObject();

    private static JsonObject Stay(JsonObject body) => body["stay"]!.AsObject();

    private static JsonObject Night(JsonObject body, int i) => Stay(body)["nights"]![i]!.AsObject();

    private static void TwoNights(JsonObject body)
    {
        Stay(body)["departureDate"] = "2026-12-12";
        Stay(body)["nights"] = new JsonArray(
            new JsonObject { ["date"] = "2026-12-10", ["originalRate"] = 100 },
            new JsonObject { ["date"] = "2026-12-11", ["originalRate"] = 100 });
    }

    private async Task<HttpResponseMessage> PostAsync(string json, string? key = ApiFactory.Key)
    {
        using var client = factory.CreateApiClient(key);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(Url, content, TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Evaluate_FlatAmount_Returns115()
    {
        using var response = await PostAsync(Body().ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.True(json.GetProperty("applicable").GetBoolean());
        Assert.Equal(0, json.GetProperty("reasons").GetArrayLength());
        var offer = json.GetProperty("offer");
        Assert.Equal("STD-DLX", offer.GetProperty("ruleCode").GetString());
        Assert.Equal("STD", offer.GetProperty("from").GetString());
        Assert.Equal("DLX", offer.GetProperty("to").GetString());
        Assert.Equal("USD", offer.GetProperty("currencyCode").GetString());
        Assert.Equal(115.00m, offer.GetProperty("totalUpsellRate").GetDecimal());
        Assert.Equal(15.00m, offer.GetProperty("totalUpsellAmount").GetDecimal());
        Assert.Equal(100m, offer.GetProperty("totalOriginalAmount").GetDecimal());
        var night = offer.GetProperty("nights")[0];
        Assert.Equal("2026-12-10", night.GetProperty("date").GetString());
        Assert.Equal("115.00", night.GetProperty("upsellRate").GetRawText());
        Assert.Equal(15.00m, night.GetProperty("upsellAmount").GetDecimal());
    }

    [Fact]
    public async Task Evaluate_PercentOfDifference_Returns101Point25()
    {
        var body = Body();
        Rule(body)["formula"] = "PercentOfDifferenceAddedToOriginalRate";
        Rule(body)["upsellAmount"] = 5;
        Night(body, 0)["targetRate"] = 125;

        using var response = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var offer = (await JsonAsync(response)).GetProperty("offer");
        Assert.Equal(101.25m, offer.GetProperty("nights")[0].GetProperty("upsellRate").GetDecimal());
        Assert.Equal(1.25m, offer.GetProperty("totalUpsellAmount").GetDecimal());
    }

    [Fact]
    public async Task Evaluate_PercentOfOriginal_Returns105()
    {
        var body = Body();
        Rule(body)["formula"] = "PercentOfOriginalRateAddedToOriginalRate";
        Rule(body)["upsellAmount"] = 5;

        using var response = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var offer = (await JsonAsync(response)).GetProperty("offer");
        Assert.Equal("105.00", offer.GetProperty("totalUpsellRate").GetRawText());
        Assert.Equal(5.00m, offer.GetProperty("totalUpsellAmount").GetDecimal());
    }

    [Fact]
    public async Task Evaluate_RuleDoesNotFit_ListsEveryFailedCriterionAndNoOffer()
    {
        var body = Body();
        Stay(body)["roomType"] = "DLX";
        Stay(body)["rateCode"] = "RACK";
        Stay(body)["currencyCode"] = "EUR";

        using var response = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.False(json.GetProperty("applicable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("offer").ValueKind);
        var reasons = json.GetProperty("reasons").EnumerateArray().ToList();
        Assert.Equal(["Room", "RateCode", "Currency"], reasons.Select(r => r.GetProperty("criterion").GetString()));
        Assert.All(reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("message").GetString())));
        Assert.Contains("RACK", reasons[1].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_NightLevelNotInRulesLevelList_IsNotApplicableNotBadInput()
    {
        var body = Body();
        Rule(body)["upsellByOccupancyLevels"] = true;
        Rule(body)["upsellAmount"] = null;
        Rule(body)["occupancyLevelAmounts"] = new JsonArray(new JsonObject { ["level"] = 1, ["amount"] = 10 });
        Night(body, 0)["occupancyLevel"] = 3;

        using var response = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.False(json.GetProperty("applicable").GetBoolean());
        Assert.Equal("OccupancyLevel", json.GetProperty("reasons")[0].GetProperty("criterion").GetString());
    }

    [Fact]
    public async Task Evaluate_OccupancyLevelAmount_UsesTheNightsLevel()
    {
        var body = Body();
        Rule(body)["upsellByOccupancyLevels"] = true;
        Rule(body)["occupancyLevelAmounts"] = new JsonArray(
            new JsonObject { ["level"] = 1, ["amount"] = 10 }, new JsonObject { ["level"] = 2, ["amount"] = 20 });
        Night(body, 0)["occupancyLevel"] = 2;

        using var response = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(120m, (await JsonAsync(response)).GetProperty("offer").GetProperty("totalUpsellRate").GetDecimal());
    }

    [Fact]
    public async Task Evaluate_TargetRateNotAboveOriginal_IsNotApplicableNotBadInput()
    {
        var body = Body();
        Rule(body)["formula"] = "PercentOfDifferenceAddedToOriginalRate";
        Night(body, 0)["targetRate"] = 90;

        using var response = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reason = (await JsonAsync(response)).GetProperty("reasons")[0];
        Assert.Equal("TargetRate", reason.GetProperty("criterion").GetString());
    }

    /// <summary>Each bad-input case: how to spoil the valid body, and the field the 400 must name.</summary>
    private static readonly Dictionary<string, (Action<JsonObject> Spoil, string Field)> BadInputs = new()
    {
        ["departure before arrival"] = (b => Stay(b)["departureDate"] = "2026-12-09", "stay.departureDate"),
        ["departure equal to arrival"] = (b => Stay(b)["departureDate"] = "2026-12-10", "stay.departureDate"),
        ["nights out of order"] = (b =>
        {
            TwoNights(b);
            Night(b, 0)["date"] = "2026-12-11";
            Night(b, 1)["date"] = "2026-12-10";
        }, "stay.nights[0].date"),
        ["a night too few"] = (b => Stay(b)["departureDate"] = "2026-12-12", "stay.nights"),
        ["a night outside the stay"] = (b =>
        {
            TwoNights(b);
            Night(b, 1)["date"] = "2026-12-15";
        }, "stay.nights[1].date"),
        ["negative original rate"] = (b => Night(b, 0)["originalRate"] = -1, "stay.nights[0].originalRate"),
        ["negative target rate"] = (b => Night(b, 0)["targetRate"] = -5, "stay.nights[0].targetRate"),
        ["missing target rate for % of difference"] = (b =>
        {
            Rule(b)["formula"] = "PercentOfDifferenceAddedToOriginalRate";
            TwoNights(b);
            Night(b, 0)["targetRate"] = 120;
        }, "stay.nights[1].targetRate"),
        ["occupancy levels without any level amount"] = (b =>
        {
            Rule(b)["upsellByOccupancyLevels"] = true;
            Night(b, 0)["occupancyLevel"] = 1;
        }, "rule.occupancyLevelAmounts"),
        ["a night without occupancy level when the rule uses levels"] = (b =>
        {
            Rule(b)["upsellByOccupancyLevels"] = true;
            Rule(b)["occupancyLevelAmounts"] = new JsonArray(new JsonObject { ["level"] = 1, ["amount"] = 10 });
        }, "stay.nights[0].occupancyLevel"),
        ["unknown formula"] = (b => Rule(b)["formula"] = "FlatAmount", "rule.formula"),
        ["formula as a number"] = (b => Rule(b)["formula"] = 0, "rule.formula"),
        ["rounding rule in other casing"] = (b => Rule(b)["roundingRule"] = "up", "rule.roundingRule"),
        ["rounding rules combined"] = (b => Rule(b)["roundingRule"] = "Up, Down", "rule.roundingRule"),
        ["amount as a string"] = (b => Night(b, 0)["originalRate"] = "100", "stay.nights[0].originalRate"),
        ["bad date"] = (b => Stay(b)["arrivalDate"] = "2026-13-01", "stay.arrivalDate"),
        ["missing formula"] = (b => Rule(b).Remove("formula"), "rule.formula"),
        ["missing upsellByRoomType"] = (b => Rule(b).Remove("upsellByRoomType"), "rule.upsellByRoomType"),
        ["missing arrival"] = (b => Stay(b).Remove("arrivalDate"), "stay.arrivalDate"),
        ["missing night date"] = (b => Night(b, 0).Remove("date"), "stay.nights[0].date"),
        ["missing nights"] = (b => Stay(b).Remove("nights"), "stay.nights"),
        ["missing stay"] = (b => b.Remove("stay"), "stay"),
        ["missing amount without levels"] = (b => Rule(b).Remove("upsellAmount"), "rule.upsellAmount"),
        ["membership without type"] = (b => Stay(b)["membership"] = new JsonObject { ["level"] = "GOLD" }, "stay.membership.type"),
    };

    public static TheoryData<string> BadInputCases() => new(BadInputs.Keys);

    [Theory]
    [MemberData(nameof(BadInputCases))]
    public async Task Evaluate_BadInput_Returns400NamingTheField(string name)
    {
        var (spoil, field) = BadInputs[name];
        var body = Body();
        spoil(body);

        using var response = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages),
            $"Expected an error for '{field}', got: {errors.GetRawText()}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Theory]
    [InlineData("{\"rule\": {\"code\": \"A\",")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task Evaluate_MalformedJson_Returns400ProblemDetails(string json)
    {
        using var response = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await JsonAsync(response);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.NotEmpty(body.GetProperty("errors").EnumerateObject());
    }

    [Fact]
    public async Task Evaluate_WrongTypeDeepInside_NamesItsPath()
    {
        var body = Body();
        TwoNights(body);
        Night(body, 1)["occupancyLevel"] = "high";

        using var response = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("stay.nights[1].occupancyLevel", out _), errors.GetRawText());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Evaluate_WithoutAValidKey_Returns401ProblemDetails(string? key)
    {
        using var response = await PostAsync(Body().ToJsonString(), key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await JsonAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Evaluate_DemoKeyOutsideDemoMode_Returns401()
    {
        using var response = await PostAsync(Body().ToJsonString(), "demo-api-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEvaluateEndpointItsSchemasAndTheKey()
    {
        using var client = factory.CreateApiClient(key: null);
        using var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await JsonAsync(response);
        var post = doc.GetProperty("paths").GetProperty("/api/upsell-rules/evaluate").GetProperty("post");
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var responses = post.GetProperty("responses");
        Assert.True(responses.TryGetProperty("200", out _));
        Assert.True(responses.TryGetProperty("400", out _));
        Assert.True(responses.TryGetProperty("401", out _));
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("EvaluateRequest", out _), schemas.GetRawText());
        Assert.True(schemas.TryGetProperty("EvaluateResponse", out _));
        var ruleSchema = schemas.GetProperty("EvaluateRuleJson");
        Assert.Contains("formula", ruleSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("PercentOfDifferenceAddedToOriginalRate", schemas.GetRawText(), StringComparison.Ordinal);
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
    }
}
