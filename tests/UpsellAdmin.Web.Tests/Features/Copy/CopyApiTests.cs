using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Copy;

/// <summary>The copy API through the real app (Program) on the scenario's SQLite file.</summary>
public sealed class CopyApiTests : IAsyncLifetime
{
    private const string Key = "copy-api-test-key";
    private CopyTestDatabase _db = null!;
    private CopyScenario _s = null!;
    private AppFactory _app = null!;
    private HttpClient _client = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await CopyTestDatabase.CreateAsync(Ct);
        _s = await CopyScenario.SeedAsync(_db, Ct);
        await _db.AddRuleAsync(_s.Source, "CLEAN", "KNG", "PRS", r =>
        {
            r.BeginDate = new DateOnly(2026, 12, 1);
            r.Filters.Add(new() { Kind = RuleFilterKind.Membership, Value = "GOLD", Level = "GLD" });
            r.Filters.Add(new() { Kind = RuleFilterKind.RateCode, Value = "RACK" });
        }, Ct);
        await _db.AddRuleAsync(_s.Source, "DUP", "KNG", "PRS", null, Ct);
        await _db.AddRuleAsync(_s.Source, "R-DKN", "DKN", "PRS", null, Ct);
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
            builder.UseSetting("RateLimiting:ApiPerKey", "0"); // not what these tests are about
            builder.UseSetting("Api:Keys:0", Key);
        }
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private Task<HttpResponseMessage> CopyAsync(string json, string source = "SRC") =>
        _client.PostAsync($"/api/properties/{source}/upsell-rules/copy", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private static JsonElement Rule(JsonElement response, string target, string rule) =>
        response.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("propertyCode").GetString() == target)
            .GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("ruleCode").GetString() == rule);

    private async Task<int> TargetRuleCountAsync()
    {
        await using var db = await _db.ContextAsync(Ct);
        return await db.UpsellRules.CountAsync(r => r.PropertyId != _s.Source.Id, Ct);
    }

    [Fact]
    public async Task GetProperties_ListsCodeNameAndCurrencyInCamelCase()
    {
        var json = await JsonAsync(await _client.GetAsync("/api/properties", Ct), HttpStatusCode.OK);

        Assert.Equal(["SRC", "TGA", "TGB"], json.EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        var tgb = json[2];
        Assert.Equal(("Hotel TGB", "EUR"), (tgb.GetProperty("name").GetString(), tgb.GetProperty("currencyCode").GetString()));
    }

    [Fact]
    public async Task GetRules_ReturnsTheEvaluateApisRuleShape()
    {
        var json = await JsonAsync(await _client.GetAsync("/api/properties/SRC/upsell-rules", Ct), HttpStatusCode.OK);

        var clean = json.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "CLEAN");
        Assert.Equal("2026-12-01", clean.GetProperty("beginDate").GetString());
        Assert.True(clean.GetProperty("upsellByRoomType").GetBoolean());
        Assert.Equal(("KNG", "PRS"), (clean.GetProperty("from").GetString(), clean.GetProperty("to").GetString()));
        Assert.Equal("RACK", clean.GetProperty("rateCodes")[0].GetString());
        Assert.Equal(("GOLD", "GLD"), (clean.GetProperty("membershipTypes")[0].GetProperty("type").GetString(), clean.GetProperty("membershipTypes")[0].GetProperty("level").GetString()));
        Assert.Equal("FlatAmountAddedToOriginalRate", clean.GetProperty("formula").GetString());
        Assert.Equal("None", clean.GetProperty("roundingRule").GetString());
        Assert.Equal(25m, clean.GetProperty("upsellAmount").GetDecimal());
        Assert.Equal(JsonValueKind.Array, clean.GetProperty("occupancyLevelAmounts").ValueKind);
    }

    [Fact]
    public async Task GetRules_UnknownProperty_Is404ProblemNamingIt()
    {
        var json = await JsonAsync(await _client.GetAsync("/api/properties/NOPE/upsell-rules", Ct), HttpStatusCode.NotFound);

        Assert.Contains("NOPE", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Copy_DryRun_PreviewsOutcomesAndWritesNothing()
    {
        var before = await TargetRuleCountAsync();

        var json = await JsonAsync(await CopyAsync("""{"ruleCodes":["CLEAN","DUP","R-DKN"],"targetPropertyCodes":["TGA","TGB"],"onConflict":"Rename","dryRun":true}"""), HttpStatusCode.OK);

        Assert.Equal("Created", Rule(json, "TGA", "CLEAN").GetProperty("outcome").GetString());
        var dup = Rule(json, "TGA", "DUP");
        Assert.Equal(("Renamed", "DUP-2"), (dup.GetProperty("outcome").GetString(), dup.GetProperty("newCode").GetString()));
        Assert.Equal("CodeExists", dup.GetProperty("conflicts")[0].GetProperty("kind").GetString());
        // The API never maps: DKN has a same-name proposal in TGA, but the rule is skipped.
        var dkn = Rule(json, "TGA", "R-DKN");
        Assert.Equal("Skipped", dkn.GetProperty("outcome").GetString());
        Assert.Equal(("FromRoomTypeMissing", "DKN"), (dkn.GetProperty("conflicts")[0].GetProperty("kind").GetString(), dkn.GetProperty("conflicts")[0].GetProperty("value").GetString()));
        Assert.Equal("CurrencyDiffers", Rule(json, "TGB", "CLEAN").GetProperty("conflicts")[0].GetProperty("kind").GetString());
        Assert.False(Rule(json, "TGA", "CLEAN").TryGetProperty("newCode", out _));
        Assert.Equal(before, await TargetRuleCountAsync());
    }

    [Fact]
    public async Task Copy_Apply_WritesAndReportsPerTarget()
    {
        var json = await JsonAsync(await CopyAsync("""{"ruleCodes":["CLEAN","DUP"],"targetPropertyCodes":["TGA"],"onConflict":"Overwrite","dryRun":false}"""), HttpStatusCode.OK);

        Assert.Equal("Created", Rule(json, "TGA", "CLEAN").GetProperty("outcome").GetString());
        Assert.Equal("Overwritten", Rule(json, "TGA", "DUP").GetProperty("outcome").GetString());
        var rules = await _db.RulesAsync(_s.TargetA.Id, Ct);
        Assert.Equal("PRS", rules.Single(r => r.Code == "DUP").ToCode);
        Assert.Equal("api-client", rules.Single(r => r.Code == "CLEAN").UpdatedBy);
        await using var db = await _db.ContextAsync(Ct);
        Assert.Equal("api-client", (await db.RuleCopyLogs.SingleAsync(Ct)).CopiedBy);
    }

    [Fact]
    public async Task Copy_OnConflictSkip_SkipsTheExistingCode()
    {
        var json = await JsonAsync(await CopyAsync("""{"ruleCodes":["DUP"],"targetPropertyCodes":["TGA"],"onConflict":"Skip","dryRun":false}"""), HttpStatusCode.OK);

        Assert.Equal("Skipped", Rule(json, "TGA", "DUP").GetProperty("outcome").GetString());
        Assert.Equal("DKX", (await _db.RulesAsync(_s.TargetA.Id, Ct)).Single(r => r.Code == "DUP").ToCode);
    }

    [Fact]
    public async Task Copy_UnknownRuleOrProperty_Is404NamingThem()
    {
        var rules = await JsonAsync(await CopyAsync("""{"ruleCodes":["CLEAN","GHOST"],"targetPropertyCodes":["TGA"],"onConflict":"Skip"}"""), HttpStatusCode.NotFound);
        Assert.Contains("GHOST", rules.GetProperty("detail").GetString());

        var properties = await JsonAsync(await CopyAsync("""{"ruleCodes":["CLEAN"],"targetPropertyCodes":["TGA","XX1"],"onConflict":"Skip"}"""), HttpStatusCode.NotFound);
        Assert.Contains("XX1", properties.GetProperty("detail").GetString());

        var source = await JsonAsync(await CopyAsync("""{"ruleCodes":["CLEAN"],"targetPropertyCodes":["TGA"]}""", "NOSRC"), HttpStatusCode.NotFound);
        Assert.Contains("NOSRC", source.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"ruleCodes":["CLEAN"],"targetPropertyCodes":["TGA"],"onConflict":"Merge"}""")]
    [InlineData("""{"ruleCodes":[],"targetPropertyCodes":["TGA"]}""")]
    [InlineData("""{"ruleCodes":["CLEAN"],"targetPropertyCodes":[]}""")]
    [InlineData("""{"ruleCodes":["CLEAN"],"targetPropertyCodes":["SRC"]}""")]
    public async Task Copy_BadBody_Is400Problem(string body)
    {
        var response = await CopyAsync(body);
        var json = await JsonAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Copy_WithoutApiKey_Is401()
    {
        using var anonymous = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.PostAsJsonAsync("/api/properties/SRC/upsell-rules/copy", new { ruleCodes = new[] { "CLEAN" }, targetPropertyCodes = new[] { "TGA" } }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
