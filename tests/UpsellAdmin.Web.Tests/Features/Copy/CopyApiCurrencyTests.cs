using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Rules;

namespace UpsellAdmin.Web.Tests.Features.Copy;

/// <summary>The copy API across currencies: SRC (USD) → TGB (EUR), none linked to Mews, so rates come from the request.</summary>
public sealed class CopyApiCurrencyTests : IAsyncLifetime
{
    private const string Key = "copy-api-currency-key";
    private CopyTestDatabase _db = null!;
    private CopyScenario _s = null!;
    private AppFactory _app = null!;
    private HttpClient _client = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await CopyTestDatabase.CreateAsync(Ct);
        _s = await CopyScenario.SeedAsync(_db, Ct);
        await _db.AddRuleAsync(_s.Source, "FLAT", "KNG", "PRS", r => { r.UpsellAmount = 25m; r.RoundingRule = RoundingRule.Up; }, Ct);
        await _db.AddRuleAsync(_s.Source, "PCT", "KNG", "PRS", r => { r.Formula = UpsellFormula.PercentOfOriginalRateAddedToOriginalRate; r.UpsellAmount = 10m; }, Ct);
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

    private async Task<JsonElement> CopyAsync(string json, HttpStatusCode expected)
    {
        var response = await _client.PostAsync("/api/properties/SRC/upsell-rules/copy", new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static JsonElement Rule(JsonElement response, string code) =>
        response.GetProperty("targets")[0].GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("ruleCode").GetString() == code);

    [Fact]
    public async Task Copy_ConvertWithARate_WritesTheConvertedAmountAndSaysHow()
    {
        var json = await CopyAsync("""{"ruleCodes":["FLAT","PCT"],"targetPropertyCodes":["TGB"],"currency":"Convert","exchangeRates":{"USD->EUR":0.86}}""", HttpStatusCode.OK);

        var flat = Rule(json, "FLAT");
        Assert.Equal("Created", flat.GetProperty("outcome").GetString());
        var conversion = flat.GetProperty("conversion");
        Assert.Equal(("USD", "EUR", 0.86m, "Typed"), (conversion.GetProperty("from").GetString(), conversion.GetProperty("to").GetString(),
            conversion.GetProperty("rate").GetDecimal(), conversion.GetProperty("source").GetString()));
        Assert.Equal((25m, 22m), (conversion.GetProperty("amounts")[0].GetProperty("from").GetDecimal(), conversion.GetProperty("amounts")[0].GetProperty("to").GetDecimal()));
        var pct = Rule(json, "PCT");
        Assert.Equal("Created", pct.GetProperty("outcome").GetString());
        Assert.False(pct.TryGetProperty("conversion", out _)); // a percentage is not converted
        var rules = await _db.RulesAsync(_s.TargetB.Id, Ct);
        Assert.Equal(("EUR", 22m), (rules.Single(r => r.Code == "FLAT").CurrencyCode, rules.Single(r => r.Code == "FLAT").UpsellAmount!.Value));
        Assert.Equal(("EUR", 10m), (rules.Single(r => r.Code == "PCT").CurrencyCode, rules.Single(r => r.Code == "PCT").UpsellAmount!.Value));
        await using var db = await _db.ContextAsync(Ct);
        var log = await db.RuleCopyLogs.SingleAsync(Ct);
        Assert.Equal((0.86m, "Typed"), (log.ExchangeRate!.Value, log.ExchangeRateSource));
    }

    [Fact]
    public async Task Copy_ConvertWithoutARate_Is400NamingThePairAndWritesNothing()
    {
        var json = await CopyAsync("""{"ruleCodes":["FLAT"],"targetPropertyCodes":["TGA","TGB"],"currency":"Convert"}""", HttpStatusCode.BadRequest);

        Assert.Contains("USD->EUR", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _db.RulesAsync(_s.TargetB.Id, Ct));
    }

    [Fact]
    public async Task Copy_DryRunWithoutCurrency_SkipsTheRuleAsBefore()
    {
        var json = await CopyAsync("""{"ruleCodes":["FLAT"],"targetPropertyCodes":["TGB"],"dryRun":true,"exchangeRates":{"USD->EUR":0.86}}""", HttpStatusCode.OK);

        var flat = Rule(json, "FLAT");
        Assert.Equal("Skipped", flat.GetProperty("outcome").GetString());
        Assert.Equal("CurrencyDiffers", flat.GetProperty("conflicts")[0].GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("""{"EUR/GBP":0.86}""", "not a currency pair")]
    [InlineData("""{"usd->EUR":0.86}""", "not a currency pair")]
    [InlineData("""{"USD->EUR":0}""", "greater than 0")]
    [InlineData("""{"USD->EUR":-1}""", "greater than 0")]
    public async Task Copy_BadExchangeRates_Is400SayingWhy(string rates, string expected)
    {
        var json = await CopyAsync($$"""{"ruleCodes":["FLAT"],"targetPropertyCodes":["TGB"],"currency":"Convert","exchangeRates":{{rates}}}""", HttpStatusCode.BadRequest);

        Assert.Contains(expected, json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
