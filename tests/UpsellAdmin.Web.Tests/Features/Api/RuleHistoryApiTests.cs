using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.Features.Copy;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary><c>GET /api/properties/{p}/upsell-rules/{r}/history</c> through the real app on the copy scenario's database.</summary>
public sealed class RuleHistoryApiTests : IAsyncLifetime
{
    private const string Key = "history-api-test-key";
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
            builder.UseSetting("RateLimiting:ApiPerKey", "0");
            builder.UseSetting("Api:Keys:0", Key);
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> GetAsync(string url)
    {
        var response = await _client.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task IntegratorOverwritesARuleByCopyThenReadsItsHistory_SeesTheCopyWithTheRuleBeforeAndAfterAsObjects()
    {
        var copy = await _client.PostAsync("/api/properties/SRC/upsell-rules/copy",
            new StringContent("""{"ruleCodes":["DUP"],"targetPropertyCodes":["TGA"],"onConflict":"Overwrite","dryRun":false}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);

        var (status, body, _) = await GetAsync("/api/properties/TGA/upsell-rules/DUP/history");

        Assert.Equal(HttpStatusCode.OK, status);
        var entry = Assert.Single(body.EnumerateArray());
        Assert.Equal(AuditActions.Copied, entry.GetProperty("action").GetString());
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("by").GetString()));
        Assert.True(entry.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(JsonValueKind.Object, entry.GetProperty("before").ValueKind);
        Assert.Equal("DKX", entry.GetProperty("before").GetProperty("to").GetString());
        Assert.Equal(["RACK"], entry.GetProperty("before").GetProperty("rateCodes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("PRS", entry.GetProperty("after").GetProperty("to").GetString());
    }

    [Fact]
    public async Task IntegratorReadsTheHistoryOfAnEditedRule_NewestFirstAndCreationHasNullBefore()
    {
        await using (var db = await _db.ContextAsync(Ct))
        {
            var rule = await db.UpsellRules.Include(r => r.Filters).Include(r => r.OccupancyAmounts).SingleAsync(r => r.PropertyId == _s.Source.Id && r.Code == "DUP", Ct);
            var v1 = UpsellRuleSnapshot.Of(rule);
            var v2 = v1 with { Description = "Changed" };
            UpsellRuleAudit.Add(db, "revenue@test", AuditActions.Created, rule, null, v1, DateTimeOffset.UtcNow.AddMinutes(-2));
            UpsellRuleAudit.Add(db, "revenue@test", AuditActions.Updated, rule, v1, v2, DateTimeOffset.UtcNow.AddMinutes(-1));
            await db.SaveChangesAsync(Ct);
        }

        var (status, body, _) = await GetAsync("/api/properties/SRC/upsell-rules/DUP/history");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([AuditActions.Updated, AuditActions.Created], body.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("Changed", body[0].GetProperty("after").GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, body[1].GetProperty("before").ValueKind);
    }

    [Fact]
    public async Task IntegratorAsksForTheHistoryOfAnUnknownRuleOrProperty_Gets404ProblemDetailsNamingIt()
    {
        var (ruleStatus, ruleBody, ruleType) = await GetAsync("/api/properties/SRC/upsell-rules/NOPE/history");
        var (propertyStatus, propertyBody, propertyType) = await GetAsync("/api/properties/XXX/upsell-rules/DUP/history");

        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (ruleStatus, ruleType));
        Assert.Contains("NOPE", ruleBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (propertyStatus, propertyType));
        Assert.Contains("XXX", propertyBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerWithoutAKeyAsksForHistory_Gets401()
    {
        using var anonymous = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync("/api/properties/SRC/upsell-rules/DUP/history", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
