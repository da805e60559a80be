using UpsellAdmin.Connector.Models;
using UpsellAdmin.Connector.Tests.TestSupport;
using UpsellAdmin.ConnectorSimulator;

namespace UpsellAdmin.Connector.Tests.Simulator;

/// <summary><see cref="IMewsGateway.GetExchangeRatesAsync"/> against the simulator: one call, the documented fields, portfolio tokens.</summary>
public sealed class ExchangeRatesOverSimulatorTests
{
    private const string Operation = "exchangeRates/getAll";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<SimulatorSession> StartAsync(Action<ConnectorOptions>? gateway = null) =>
        SimulatorSession.StartAsync(o => { o.Today = new DateOnly(2026, 11, 22); o.RateLimit = 0; }, o => gateway?.Invoke(o));

    [Fact]
    public async Task GetExchangeRatesAsync_EnterpriseToken_ReturnsItsRatesInOneCall()
    {
        await using var s = await StartAsync();

        var rates = await s.Gateway.GetExchangeRatesAsync(ct: Ct);

        Assert.Equal([("EUR", "GBP", 0.86m), ("GBP", "EUR", 1.1628m), ("USD", "GBP", 0.79m), ("GBP", "USD", 1.2658m)],
            rates.Select(r => (r.SourceCurrency, r.TargetCurrency, r.Value)));
        Assert.All(rates, r =>
        {
            Assert.Equal(DemoIds.EnterpriseA.ToString(), r.EnterpriseId);
            Assert.True(Guid.TryParse(r.Id, out _));
        });
        Assert.Equal(1, s.Simulator.Statistics.RequestsFor(Operation));
    }

    [Fact]
    public async Task GetExchangeRatesAsync_PortfolioToken_EnterpriseIdsFilledFromOptionsOrGiven()
    {
        await using var s = await StartAsync(o =>
        {
            o.ClientToken = DemoTokens.PortfolioClientToken;
            o.AccessToken = DemoTokens.PortfolioAccessToken;
            o.EnterpriseId = DemoIds.EnterpriseB.ToString();
            o.ChainId = DemoIds.Chain.ToString();
        });

        var fromOptions = await s.Gateway.GetExchangeRatesAsync(ct: Ct);
        var forC = await s.Gateway.GetExchangeRatesAsync(new ExchangeRateFilter { EnterpriseIds = [DemoIds.EnterpriseC.ToString()] }, Ct);

        Assert.NotEmpty(fromOptions);
        Assert.All(fromOptions, r => Assert.Equal(DemoIds.EnterpriseB.ToString(), r.EnterpriseId));
        Assert.Contains(fromOptions, r => (r.SourceCurrency, r.TargetCurrency, r.Value) == ("GBP", "EUR", 1.1628m));
        Assert.Empty(forC); // C accepts no currency but USD
    }
}
