using UpsellAdmin.ConnectorSimulator.Model;

namespace UpsellAdmin.ConnectorSimulator.Seed;

internal static partial class DemoSeed
{
    /// <summary>1 unit of the first currency in the second (fixed, so tests and the demo can name them).</summary>
    internal static readonly IReadOnlyDictionary<(string Source, string Target), decimal> DemoExchangeRates =
        new Dictionary<(string, string), decimal>
        {
            [("EUR", "GBP")] = 0.86m,
            [("GBP", "EUR")] = 1.1628m,
            [("USD", "GBP")] = 0.79m,
            [("GBP", "USD")] = 1.2658m,
            [("USD", "EUR")] = 0.92m,
            [("EUR", "USD")] = 1.087m,
        };

    /// <summary>
    /// Each enterprise's exchange rates between its default currency and each other accepted currency, both
    /// directions (A GBP: EUR↔GBP, USD↔GBP; B EUR: GBP↔EUR, USD↔EUR; C USD accepts no other currency: none). Ids derive
    /// from enterprise and pair.
    /// </summary>
    private static void SeedExchangeRates(SeedContext c)
    {
        foreach (var spec in EnterpriseSpecs)
        {
            foreach (var other in spec.OtherCurrencies)
            {
                foreach (var (source, target) in new[] { (other, spec.Currency), (spec.Currency, other) })
                {
                    c.Store.Insert(c.Store.ExchangeRateTable, new ExchangeRate
                    {
                        Id = DemoIds.Derive($"{spec.Key}/exchange-rate/{source}/{target}"),
                        EnterpriseId = spec.Id,
                        SourceCurrency = source,
                        TargetCurrency = target,
                        Value = DemoExchangeRates[(source, target)],
                    }, static (x, s) => x with { Sequence = s });
                }
            }
        }
    }
}
