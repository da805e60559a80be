using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace UpsellAdmin.Web.Tests.Features.Copy;

/// <summary>
/// Issue 14, the copy API as an attacker or a careless integrator used it: 32,766+ rule codes (a 500 "too many SQL
/// variables"), ten parallel copies with Rename (some answered 200 with a UNIQUE-constraint error text and were missing
/// from the copy log), an enum as a number (silently Skip), duplicate keys.
/// </summary>
public sealed class CopyApiAbuseTests : IAsyncLifetime
{
    private const string Key = "copy-abuse-test-key";
    private CopyTestDatabase _db = null!;
    private CopyScenario _s = null!;
    private AppFactory _app = null!;
    private HttpClient _client = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await CopyTestDatabase.CreateAsync(Ct);
        _s = await CopyScenario.SeedAsync(_db, Ct);
        await _db.AddRuleAsync(_s.Source, "DUP", "KNG", "PRS", null, Ct);
        await _db.AddRuleAsync(_s.Source, "CLEAN", "KNG", "PRS", null, Ct);
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
        }
    }

    private Task<HttpResponseMessage> CopyAsync(string json) =>
        _client.PostAsync("/api/properties/SRC/upsell-rules/copy", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text[..Math.Min(text.Length, 1000)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(text.Length < 4096, $"{text.Length} characters");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Codes(int count, string prefix = "R") =>
        string.Join(",", Enumerable.Range(0, count).Select(i => $"\"{prefix}{i}\""));

    [Fact]
    public async Task Copy_33000RuleCodes_Is400NamingTheLimitNotA500()
    {
        var problem = await ProblemAsync(await CopyAsync($$"""{"ruleCodes":[{{Codes(33_000)}}],"targetPropertyCodes":["TGA"],"onConflict":"Skip"}"""),
            HttpStatusCode.BadRequest);

        Assert.Contains("at most 1,000 rule codes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_1000UnknownRuleCodes_Is404NamingTheFirst20AndCountingTheRest()
    {
        var problem = await ProblemAsync(await CopyAsync($$"""{"ruleCodes":["DUP",{{Codes(999, "GHOST")}}],"targetPropertyCodes":["TGA"],"onConflict":"Skip"}"""),
            HttpStatusCode.NotFound);

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("GHOST0, GHOST1", detail, StringComparison.Ordinal);
        Assert.EndsWith("and 979 more.", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"ruleCodes":["DUP"],"targetPropertyCodes":["TGA"],"onConflict":7}""")]
    [InlineData("""{"ruleCodes":["DUP"],"targetPropertyCodes":["TGA"],"onConflict":"2"}""")]
    [InlineData("""{"ruleCodes":["DUP"],"targetPropertyCodes":["TGA"],"onConflict":"overwrite"}""")]
    [InlineData("""{"ruleCodes":["DUP"],"targetPropertyCodes":["TGA"],"onConflict":"Skip, Rename"}""")]
    public async Task Copy_OnConflictNotAName_Is400NotSilentlySkip(string json)
    {
        var problem = await ProblemAsync(await CopyAsync(json), HttpStatusCode.BadRequest);

        Assert.Contains("onConflict", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await TargetRuleCountAsync("DUP-2"));
    }

    [Fact]
    public async Task Copy_DuplicateKeys_Is400()
    {
        await ProblemAsync(await CopyAsync("""{"ruleCodes":["DUP"],"targetPropertyCodes":["TGA"],"onConflict":"Skip","onConflict":"Overwrite","dryRun":false}"""),
            HttpStatusCode.BadRequest);

        Assert.Equal("DKX", (await _db.RulesAsync(_s.TargetA.Id, Ct)).Single(r => r.Code == "DUP").ToCode);
    }

    /// <summary>Ten clients copy DUP (taken in TGA) with Rename at once: each lands under its own new code, none answers
    /// 200 with an error, and each is in the copy log.</summary>
    [Fact]
    public async Task Copy_TenParallelCopiesWithRename_EachLandsUnderItsOwnCodeAndIsLogged()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var response = await CopyAsync("""{"ruleCodes":["DUP","CLEAN"],"targetPropertyCodes":["TGA"],"onConflict":"Rename"}""");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Ct));
        }));

        Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.OK, $"{r.StatusCode}: {r.Body}"));
        Assert.All(responses, r => Assert.DoesNotContain("\"error\"", r.Body, StringComparison.Ordinal));
        var rules = await _db.RulesAsync(_s.TargetA.Id, Ct);
        var dups = rules.Where(r => r.Code.StartsWith("DUP-", StringComparison.Ordinal)).Select(r => r.Code).ToList();
        var cleans = rules.Where(r => r.Code.StartsWith("CLEAN", StringComparison.Ordinal)).Select(r => r.Code).ToList();
        Assert.Equal(10, dups.Distinct().Count());
        Assert.Equal(10, cleans.Distinct().Count());
        await using var db = await _db.ContextAsync(Ct);
        Assert.Equal(10, await db.RuleCopyLogs.CountAsync(l => l.TargetPropertyCode == "TGA", Ct));
    }

    private async Task<int> TargetRuleCountAsync(string code)
    {
        await using var db = await _db.ContextAsync(Ct);
        return await db.UpsellRules.CountAsync(r => r.PropertyId == _s.TargetA.Id && r.Code == code, Ct);
    }
}
