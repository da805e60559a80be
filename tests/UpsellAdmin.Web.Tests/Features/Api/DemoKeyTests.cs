using System.Net;
using System.Text;
using System.Text.Json;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>Demo mode's two keys obey the same scope and property checks as stored keys.</summary>
public sealed class DemoKeyTests(DeskApiFactory factory) : IClassFixture<DeskApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<string>> PropertyCodesAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/properties", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.EnumerateArray().Select(p => p.GetProperty("code").GetString()!).ToList();
    }

    [Fact]
    public async Task DemoApiKey_SeesEveryDemoProperty()
    {
        using var client = factory.CreateApiClient("demo-api-key");
        Assert.Equal(3, (await PropertyCodesAsync(client)).Count);
    }

    [Fact]
    public async Task DemoReadOnlyKey_ReadsOnlyTheFirstPropertyByCode_AndCannotQuoteOrSell()
    {
        using var all = factory.CreateApiClient("demo-api-key");
        var codes = (await PropertyCodesAsync(all)).Order(StringComparer.Ordinal).ToList();
        using var client = factory.CreateApiClient("demo-readonly-key");

        Assert.Equal([codes[0]], await PropertyCodesAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/properties/{codes[0]}/upsell-rules", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/properties/{codes[1]}/upsell-rules", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/properties/{codes[1]}/reservations", Ct)).StatusCode);

        using var evaluate = await client.PostAsync("/api/upsell-rules/evaluate", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, evaluate.StatusCode);
        Assert.Contains("lacks the 'quote' scope", await evaluate.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var sell = await client.PostAsync($"/api/properties/{codes[0]}/reservations/{Guid.NewGuid()}/upsells",
            new StringContent("""{ "offerId": "x" }""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, sell.StatusCode);
    }
}
