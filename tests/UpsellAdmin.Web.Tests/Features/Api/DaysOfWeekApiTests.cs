using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Administration;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>
/// <c>daysOfWeek</c> in the public API: the evaluate request's rule (optional, .NET DayOfWeek names, omitted = every
/// day; an unknown name or a day twice is a 400 naming the entry) and the rules list (the rule's days, week order).
/// </summary>
public sealed class DaysOfWeekApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Url = "/api/upsell-rules/evaluate";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A STD→DLX flat 15 rule and a stay from Friday 2027-03-05 with <paramref name="nights"/> nights at 100.</summary>
    private static JsonObject Body(int nights, JsonNode? daysOfWeek)
    {
        var body = JsonNode.Parse("""
            {
              "rule": {
                "code": "WKND", "upsellByRoomType": true, "from": "STD", "to": "DLX",
                "formula": "FlatAmountAddedToOriginalRate", "upsellAmount": 15, "currencyCode": "USD", "roundingRule": "None",
                "upsellByOccupancyLevels": false
              },
              "stay": { "bookedOn": "2027-02-01", "roomType": "STD", "rateCode": "BAR", "currencyCode": "USD" }
            }
            """)!.AsObject();
        var arrival = new DateOnly(2027, 3, 5);
        var stay = body["stay"]!.AsObject();
        stay["arrivalDate"] = Iso(arrival);
        stay["departureDate"] = Iso(arrival.AddDays(nights));
        stay["nights"] = new JsonArray(Enumerable.Range(0, nights)
            .Select(i => (JsonNode)new JsonObject { ["date"] = Iso(arrival.AddDays(i)), ["originalRate"] = 100 }).ToArray());
        if (daysOfWeek is not null)
        {
            body["rule"]!["daysOfWeek"] = daysOfWeek;
        }

        return body;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(HttpStatusCode Status, JsonElement Json)> EvaluateAsync(JsonObject body)
    {
        using var client = factory.CreateApiClient();
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(Url, content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Evaluate_FriSatRuleAndFriToSunStay_Applies()
    {
        var (status, json) = await EvaluateAsync(Body(2, new JsonArray("Friday", "Saturday")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(json.GetProperty("applicable").GetBoolean());
        Assert.Equal(30m, json.GetProperty("offer").GetProperty("totalUpsellAmount").GetDecimal());
    }

    [Fact]
    public async Task Evaluate_FriSatRuleAndStayIncludingSunday_DoesNotApplyAndNamesTheSundayNight()
    {
        var (status, json) = await EvaluateAsync(Body(3, new JsonArray("Friday", "Saturday")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(json.GetProperty("applicable").GetBoolean());
        var reason = Assert.Single(json.GetProperty("reasons").EnumerateArray());
        Assert.Equal("DaysOfWeek", reason.GetProperty("criterion").GetString());
        Assert.Equal("Sunday 2027-03-07 is not one of the rule's days (Fri, Sat)", reason.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Evaluate_DaysOfWeekOmittedOrEmpty_AppliesEveryDay()
    {
        Assert.True((await EvaluateAsync(Body(3, null))).Json.GetProperty("applicable").GetBoolean());
        Assert.True((await EvaluateAsync(Body(3, new JsonArray()))).Json.GetProperty("applicable").GetBoolean());
    }

    [Theory]
    [InlineData("Fri")]
    [InlineData("friday")]
    [InlineData("5")]
    public async Task Evaluate_UnknownDayName_Is400NamingTheEntry(string name)
    {
        var (status, json) = await EvaluateAsync(Body(2, new JsonArray("Friday", name)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var messages = json.GetProperty("errors").GetProperty("rule.daysOfWeek[1]");
        Assert.Contains("Monday", messages[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_NumberInsteadOfAName_Is400()
    {
        var (status, json) = await EvaluateAsync(Body(2, new JsonArray(5)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(json.GetProperty("errors").TryGetProperty("rule.daysOfWeek[0]", out _), json.ToString());
    }

    [Fact]
    public async Task Evaluate_DayListedTwice_Is400NotSilentlyMerged()
    {
        var (status, json) = await EvaluateAsync(Body(2, new JsonArray("Friday", "Saturday", "Friday")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Friday is listed more than once.", json.GetProperty("errors").GetProperty("rule.daysOfWeek[2]")[0].GetString());
    }

    [Fact]
    public async Task ListRules_RuleWithDays_ListsThemInWeekOrder_EveryDayRuleAnEmptyList()
    {
        await using var app = await ApiKeyApp.StartAsync(Ct);
        var weekend = await app.Db.AddRuleAsync(app.Scenario.Source, "WKND", "KNG", "PRS",
            r => r.DaysOfWeek = Weekdays.ToMask([DayOfWeek.Sunday, DayOfWeek.Saturday, DayOfWeek.Friday]), Ct);
        await app.Db.AddRuleAsync(app.Scenario.Source, "ALLDAYS", "KNG", "PRS", null, Ct);
        using var client = app.Client(await app.CreateKeyAsync("reader", ApiScopes.Read));

        var answer = await ApiKeyApp.ReadAsync(await client.GetAsync("/api/properties/SRC/upsell-rules", Ct));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var rules = JsonDocument.Parse(answer.Body).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!);
        Assert.Equal(["Friday", "Saturday", "Sunday"], rules["WKND"].GetProperty("daysOfWeek").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(0, rules["ALLDAYS"].GetProperty("daysOfWeek").GetArrayLength());
        Assert.NotEqual(0, weekend.Id);
    }
}
