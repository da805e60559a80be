using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Features.Common.Audit;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>Stored API keys through the real HTTP pipeline: scopes, properties, revocation, last use, who is recorded.</summary>
public sealed class ApiKeyScopeTests : IAsyncLifetime
{
    private ApiKeyApp _app = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _app = await ApiKeyApp.StartAsync(Ct);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private const string CopyToTga = """{ "ruleCodes": ["CLEAN"], "targetPropertyCodes": ["TGA"], "onConflict": "Skip", "dryRun": false }""";

    private static void AssertForbiddenFor(string scope, (HttpStatusCode Status, string? MediaType, string Body) answer)
    {
        Assert.True(answer.Status == HttpStatusCode.Forbidden, $"{answer.Status}: {answer.Body}");
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal($"This API key lacks the '{scope}' scope.", ApiKeyApp.Detail(answer.Body));
    }

    [Fact]
    public async Task ReadOnlyKey_CopyingRules_Gets403NamingTheCopyScope_AndCopiesNothing()
    {
        using var client = _app.Client(await _app.CreateKeyAsync("reporting", ApiScopes.Read));

        AssertForbiddenFor("copy", await ApiKeyApp.ReadAsync(await client.PostAsync("/api/properties/SRC/upsell-rules/copy", Json(CopyToTga), Ct)));

        await using var db = await _app.Db.ContextAsync(Ct);
        Assert.False(await db.UpsellRules.AnyAsync(r => r.PropertyId == _app.Scenario.TargetA.Id && r.Code == "CLEAN", Ct));
        // What it may do, it does.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/properties/SRC/upsell-rules", Ct)).StatusCode);
    }

    [Fact]
    public async Task ReadOnlyKey_EvaluatingARule_Gets403NamingTheQuoteScope()
    {
        using var client = _app.Client(await _app.CreateKeyAsync("reporting", ApiScopes.Read));

        AssertForbiddenFor("quote", await ApiKeyApp.ReadAsync(await client.PostAsync("/api/upsell-rules/evaluate", Json("{}"), Ct)));
    }

    [Fact]
    public async Task CopyOnlyKey_ReadingRules_Gets403NamingTheReadScope_SellingGets403NamingSell()
    {
        using var client = _app.Client(await _app.CreateKeyAsync("copier", ApiScopes.Copy));

        AssertForbiddenFor("read", await ApiKeyApp.ReadAsync(await client.GetAsync("/api/properties", Ct)));
        AssertForbiddenFor("sell", await ApiKeyApp.ReadAsync(await client.PostAsync(
            $"/api/properties/SRC/reservations/{Guid.NewGuid()}/upsells", Json("""{ "offerId": "x" }"""), Ct)));
        AssertForbiddenFor("sell", await ApiKeyApp.ReadAsync(await client.DeleteAsync($"/api/upsells/{Guid.NewGuid()}", Ct)));
    }

    [Fact]
    public async Task KeyLimitedToOneProperty_ListsOnlyIt_AndAnotherPropertysRulesAre404()
    {
        using var client = _app.Client(await _app.CreateKeyAsync("src-only", ApiScopes.Read, "SRC"));

        var list = await ApiKeyApp.ReadAsync(await client.GetAsync("/api/properties", Ct));
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(["SRC"], JsonDocument.Parse(list.Body).RootElement.EnumerateArray().Select(p => p.GetProperty("code").GetString()));

        var other = await ApiKeyApp.ReadAsync(await client.GetAsync("/api/properties/TGA/upsell-rules", Ct));
        Assert.Equal(HttpStatusCode.NotFound, other.Status);
        Assert.Equal("Unknown property code: TGA.", ApiKeyApp.Detail(other.Body));
        var upsells = await ApiKeyApp.ReadAsync(await client.GetAsync("/api/properties/TGA/upsells", Ct));
        Assert.True(upsells.Status == HttpStatusCode.NotFound, $"{upsells.Status}: {upsells.Body}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/properties/SRC/upsell-rules", Ct)).StatusCode);
    }

    [Fact]
    public async Task KeyLimitedToTheSource_CopyingToAnotherProperty_Gets404NamingTheTarget_AndWritesNothing()
    {
        using var client = _app.Client(await _app.CreateKeyAsync("src-copier", ApiScopes.Read | ApiScopes.Copy, "SRC"));

        var answer = await ApiKeyApp.ReadAsync(await client.PostAsync("/api/properties/SRC/upsell-rules/copy", Json(CopyToTga), Ct));

        Assert.True(answer.Status == HttpStatusCode.NotFound, $"{answer.Status}: {answer.Body}");
        Assert.Contains("TGA", ApiKeyApp.Detail(answer.Body), StringComparison.Ordinal);
        await using var db = await _app.Db.ContextAsync(Ct);
        Assert.False(await db.UpsellRules.AnyAsync(r => r.PropertyId == _app.Scenario.TargetA.Id && r.Code == "CLEAN", Ct));
    }

    [Fact]
    public async Task KeyWithBothProperties_Copying_RecordsTheKeysNameAsWhoCopied()
    {
        using var client = _app.Client(await _app.CreateKeyAsync("rule-sync", ApiScopes.Copy, "SRC", "TGA"));

        var answer = await ApiKeyApp.ReadAsync(await client.PostAsync("/api/properties/SRC/upsell-rules/copy", Json(CopyToTga), Ct));

        Assert.True(answer.Status == HttpStatusCode.OK, $"{answer.Status}: {answer.Body}");
        await using var db = await _app.Db.ContextAsync(Ct);
        Assert.Equal("rule-sync", (await db.RuleCopyLogs.SingleAsync(Ct)).CopiedBy);
    }

    [Fact]
    public async Task RevokedOnThePage_TheKeyIsRefusedAtOnce_With401()
    {
        var key = await _app.CreateKeyAsync("kiosk", ApiScopes.Read);
        using var client = _app.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/properties", Ct)).StatusCode);

        var id = (await _app.Admin().GetKeysAsync(Ct)).Single(k => k.Name == "kiosk").Id!.Value;
        Assert.True((await _app.Admin().RevokeAsync(id, Ct)).Succeeded);

        var answer = await ApiKeyApp.ReadAsync(await client.GetAsync("/api/properties", Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    [Fact]
    public async Task RevokedByAnotherInstance_TheKeyStopsWorkingWithinSeconds()
    {
        var key = await _app.CreateKeyAsync("kiosk", ApiScopes.Read);
        using var client = _app.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/properties", Ct)).StatusCode); // cached now

        // Another app instance revoked it: this one's cache does not know.
        await using (var db = await _app.Db.ContextAsync(Ct))
        {
            await db.Set<ApiKey>().Where(k => k.Name == "kiosk").ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedUtc, DateTimeOffset.UtcNow), Ct);
        }

        var deadline = DateTimeOffset.UtcNow + ApiKeyDirectory.CacheFor + TimeSpan.FromSeconds(2);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250, Ct);
            status = (await client.GetAsync("/api/properties", Ct)).StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTimeOffset.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task KeyUsedTwiceWithinAMinute_LastUseIsWrittenOnce()
    {
        using var client = _app.Client(await _app.CreateKeyAsync("kiosk", ApiScopes.Read));
        Assert.Null((await _app.Admin().GetKeysAsync(Ct)).Single(k => k.Name == "kiosk").LastUsedUtc);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/properties", Ct)).StatusCode);
        var first = (await _app.Admin().GetKeysAsync(Ct)).Single(k => k.Name == "kiosk").LastUsedUtc;
        Assert.NotNull(first);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/properties", Ct)).StatusCode);
        Assert.Equal(first, (await _app.Admin().GetKeysAsync(Ct)).Single(k => k.Name == "kiosk").LastUsedUtc);
    }

    [Fact]
    public async Task GuessedKeyOfTheStoredShape_Gets401()
    {
        await _app.CreateKeyAsync("kiosk", ApiScopes.All);
        using var client = _app.Client(ApiKeySecret.NewKey());

        var answer = await ApiKeyApp.ReadAsync(await client.GetAsync("/api/properties", Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("The X-Api-Key header does not hold a known API key.", ApiKeyApp.Detail(answer.Body));
    }

    [Fact]
    public async Task DemoKey_WithDemoModeOff_Gets401()
    {
        using var client = _app.Client("demo-api-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/properties", Ct)).StatusCode);
        using var readOnly = _app.Client("demo-readonly-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await readOnly.GetAsync("/api/properties", Ct)).StatusCode);
    }

    [Fact]
    public async Task CreatedAndRevoked_AreAudited_WithNameScopesAndProperties_NeverTheKeyOrItsHash()
    {
        var key = await _app.CreateKeyAsync("booking-engine", ApiScopes.Quote | ApiScopes.Sell, "SRC");
        var row = (await _app.Admin().GetKeysAsync(Ct)).Single(k => k.Name == "booking-engine");
        await _app.Admin().RevokeAsync(row.Id!.Value, Ct);

        await using var db = await _app.Db.ContextAsync(Ct);
        var entries = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.EntityType == AuditEntityTypes.ApiKey).OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal([AuditActions.Created, AuditActions.Revoked], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((ApiKeyApp.AdminName, "booking-engine"), (e.By, e.EntityKey)));
        var after = JsonDocument.Parse(entries[0].After!).RootElement;
        Assert.Equal(["quote", "sell"], after.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["SRC"], after.GetProperty("properties").EnumerateArray().Select(s => s.GetString()));
        var hash = ApiKeySecret.Hash(key);
        Assert.All(entries, e =>
        {
            var text = e.Summary + e.Before + e.After;
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
            Assert.DoesNotContain(hash, text, StringComparison.OrdinalIgnoreCase);
        });
        Assert.NotNull(JsonDocument.Parse(entries[1].After!).RootElement.GetProperty("revokedUtc").GetString());
    }
}
