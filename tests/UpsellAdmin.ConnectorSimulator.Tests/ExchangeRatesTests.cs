using System.Net;
using System.Text.Json.Nodes;

namespace UpsellAdmin.ConnectorSimulator.Tests;

/// <summary><c>exchangeRates/getAll</c> over HTTP: the documented shape, the seeded rates per enterprise, the filters.</summary>
public sealed class ExchangeRatesTests : SimulatorTestBase
{
    private const string Operation = "exchangeRates/getAll";

    private static List<JsonObject> Rates(ApiResponse response) => response.Array("ExchangeRates").Select(x => x!.AsObject()).ToList();

    private static (string, string, decimal) Pair(JsonObject x) =>
        (x["SourceCurrency"]!.GetValue<string>(), x["TargetCurrency"]!.GetValue<string>(), x["Value"]!.GetValue<decimal>());

    [Fact]
    public async Task GetAll_EnterpriseA_ReturnsBothDirectionsBetweenGbpAndEachAcceptedCurrencyWithTheDocumentedFields()
    {
        var response = await Client.PostAsync(Operation, new(), Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var rates = Rates(response);
        Assert.All(rates, x =>
        {
            Assert.Equal(["Id", "EnterpriseId", "SourceCurrency", "TargetCurrency", "Value"], x.Select(p => p.Key));
            Assert.Equal(DemoIds.EnterpriseA.ToString(), x["EnterpriseId"]!.GetValue<string>());
        });
        Assert.Equal([("EUR", "GBP", 0.86m), ("GBP", "EUR", 1.1628m), ("USD", "GBP", 0.79m), ("GBP", "USD", 1.2658m)], rates.Select(Pair));
    }

    [Fact]
    public async Task GetAll_PortfolioToken_EnterpriseIdsNarrowTheAnswer_AndCAcceptsNoOtherCurrencySoHasNone()
    {
        var portfolio = ClientFor(DemoTokens.PortfolioClientToken, DemoTokens.PortfolioAccessToken);

        var all = Rates(await portfolio.PostAsync(Operation, new(), Ct));
        var b = Rates(await portfolio.PostAsync(Operation, new() { ["EnterpriseIds"] = new JsonArray(DemoIds.EnterpriseB.ToString()) }, Ct));
        var c = Rates(await portfolio.PostAsync(Operation, new() { ["EnterpriseIds"] = new JsonArray(DemoIds.EnterpriseC.ToString()) }, Ct));

        Assert.Equal(8, all.Count);
        Assert.Contains(("EUR", "GBP", 0.86m), all.Select(Pair));
        Assert.Equal([("GBP", "EUR", 1.1628m), ("EUR", "GBP", 0.86m), ("USD", "EUR", 0.92m), ("EUR", "USD", 1.087m)], b.Select(Pair));
        Assert.Empty(c);
    }

    [Fact]
    public async Task GetAll_ByIds_ReturnsOnlyThoseRates()
    {
        var one = Server.Store.ExchangeRates.First(x => x.EnterpriseId == DemoIds.EnterpriseA && x.SourceCurrency == "USD");

        var rates = Rates(await Client.PostAsync(Operation, new() { ["Ids"] = new JsonArray(one.Id.ToString()) }, Ct));

        Assert.Equal(("USD", "GBP", 0.79m), Pair(Assert.Single(rates)));
    }

    [Fact]
    public async Task GetAll_IdsNotAList_Is400()
    {
        var response = await Client.PostAsync(Operation, new() { ["Ids"] = "x" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }
}
