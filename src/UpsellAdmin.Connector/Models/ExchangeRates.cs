namespace UpsellAdmin.Connector.Models;

/// <summary>
/// <c>exchangeRates/getAll</c> request. Not paged (no Limitation in the docs). <c>Ids</c>: only these rates;
/// <c>EnterpriseIds</c>: only these enterprises (left null, the gateway fills it from the options for portfolio tokens,
/// else Mews answers for every enterprise of the token).
/// </summary>
public sealed record ExchangeRateFilter
{
    public IReadOnlyList<string>? Ids { get; init; }
    public IReadOnlyList<string>? EnterpriseIds { get; init; }
}

/// <summary><c>exchangeRates/getAll</c> response: every exchange rate among the enterprise's currencies.</summary>
public sealed record ExchangeRatesResult
{
    public IReadOnlyList<ExchangeRate>? ExchangeRates { get; init; }
}

/// <summary>One exchange rate of an enterprise: 1 <see cref="SourceCurrency"/> = <see cref="Value"/>
/// <see cref="TargetCurrency"/> (EUR → GBP 0.85 means 1 EUR is 0.85 GBP). Mews lists each direction as its own rate.</summary>
public sealed record ExchangeRate
{
    public string Id { get; init; } = "";
    public string EnterpriseId { get; init; } = "";
    /// <summary>ISO 4217.</summary>
    public string SourceCurrency { get; init; } = "";
    /// <summary>ISO 4217.</summary>
    public string TargetCurrency { get; init; } = "";
    public decimal Value { get; init; }
}
