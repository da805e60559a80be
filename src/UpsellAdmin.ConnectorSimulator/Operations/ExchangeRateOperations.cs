namespace UpsellAdmin.ConnectorSimulator.Operations;

/// <summary>
/// <c>exchangeRates/getAll</c> (docs: <c>connector-api/operations/exchangerates.md</c>): "all available exchange rates
/// among currencies of the Enterprise". Request <c>{Ids?, EnterpriseIds?}</c> (no Limitation: not paged); response
/// <c>{ExchangeRates: [{Id, EnterpriseId, SourceCurrency, TargetCurrency, Value}]}</c>.
/// </summary>
internal static class ExchangeRateOperations
{
    public static void Register(OperationRegistry registry) => registry.Read("exchangeRates/getAll", GetAll);

    private sealed record Request(IReadOnlyList<Guid>? Ids, IReadOnlyList<Guid>? EnterpriseIds);

    private static object GetAll(OperationContext context)
    {
        var r = context.Read<Request>();
        Check.MaxCount(r.Ids, "Ids", 1000);
        return context.Store.Locked(() =>
        {
            var enterprises = context.ReadEnterpriseIds(r.EnterpriseIds);
            var rates = context.Store.ExchangeRateTable.All
                .Where(x => enterprises.Contains(x.EnterpriseId) && Check.In(r.Ids, x.Id))
                .OrderBy(x => x.Sequence)
                .ToList();
            return new { ExchangeRates = rates };
        });
    }
}
