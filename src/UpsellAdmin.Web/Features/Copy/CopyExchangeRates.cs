using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.Copy;

/// <summary>A copy's exchange rates by pair (rule currency → target currency).</summary>
internal sealed class CopyExchangeRateSet
{
    public static readonly CopyExchangeRateSet Empty = new([]);

    private readonly Dictionary<(string, string), CopyExchangeRate> _byPair;

    public CopyExchangeRateSet(IEnumerable<CopyExchangeRate> rates) =>
        _byPair = rates.ToDictionary(r => (r.From, r.To));

    public IReadOnlyList<CopyExchangeRate> All => _byPair.Values.OrderBy(r => r.From, StringComparer.Ordinal).ThenBy(r => r.To, StringComparer.Ordinal).ToList();

    public CopyExchangeRate? Find(string from, string to) => _byPair.GetValueOrDefault((from, to));
}

/// <summary>Where a copy looks up exchange rates it was not given.</summary>
public interface ICopyExchangeRateSource
{
    /// <summary>The rates the target property's system has for these pairs (rule currency → target currency), keyed by
    /// pair; a pair it has none for is left out. Never throws for an unreachable system: it answers nothing.</summary>
    Task<IReadOnlyDictionary<(string From, string To), decimal>> GetAsync(int targetPropertyId, IReadOnlyCollection<(string From, string To)> pairs, CancellationToken ct);
}

/// <summary>
/// Exchange rates from Mews exchangeRates/getAll of the target property's enterprise (the rates that hotel works with:
/// "among currencies of the Enterprise"). A property not linked to Mews, or Mews failing, gives none (the user types one).
/// One call per target enterprise and copy.
/// </summary>
internal sealed class MewsCopyExchangeRateSource(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceProvider services,
    ILogger<MewsCopyExchangeRateSource> logger) : ICopyExchangeRateSource
{
    /// <summary>A copy preview does not wait longer than this for Mews.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyDictionary<(string From, string To), decimal>> GetAsync(int targetPropertyId, IReadOnlyCollection<(string From, string To)> pairs, CancellationToken ct)
    {
        var none = new Dictionary<(string, string), decimal>();
        if (pairs.Count == 0 || services.GetService<IMewsGateway>() is not { } mews)
        {
            return none;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var property = await db.Properties.AsNoTracking().Where(p => p.Id == targetPropertyId)
            .Select(p => new { p.Code, p.MewsEnterpriseId }).FirstOrDefaultAsync(ct);
        if (property?.MewsEnterpriseId is not { } enterprise)
        {
            return none;
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            var rates = await mews.GetExchangeRatesAsync(new ExchangeRateFilter { EnterpriseIds = [enterprise.ToString()] }, timeout.Token);
            var wanted = pairs.ToHashSet();
            var found = new Dictionary<(string, string), decimal>();
            foreach (var r in rates)
            {
                var pair = (r.SourceCurrency, r.TargetCurrency);
                if (r.Value > 0 && wanted.Contains(pair) && string.Equals(r.EnterpriseId, enterprise.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    found.TryAdd(pair, r.Value);
                }
            }
            return found;
        }
        catch (Exception ex) when (ex is MewsApiException or HttpRequestException or OperationCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Mews exchange rates for {Property} could not be read ({Error}); the copy asks for a typed rate",
                LogText.Safe(property.Code), ex is MewsApiException m ? LogText.Safe(m.MewsMessage) : ex.GetType().Name);
            return none;
        }
    }
}
