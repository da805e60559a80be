using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.Loyalty;

/// <summary>
/// Brings the local membership types/levels (what rule filters name) in line with a chain's loyalty programs/tiers
/// in Mews, for every property of that chain, right after the Loyalty screens changed them — through the sync's own
/// merge (<see cref="LoyaltyMerge"/>), so both leave the same rows: new programs/tiers are added, changed names and
/// orderings follow, removed ones are deactivated, never deleted, so a rule naming one is flagged on the Rules grid.
/// </summary>
public interface ILoyaltyReferenceRefresher
{
    /// <summary>Returns how many local rows were added, changed or deactivated.</summary>
    Task<int> RefreshAsync(string chainId, CancellationToken ct = default);
}

internal sealed partial class LoyaltyReferenceRefresher(
    ILoyaltyGatewayFactory gateways,
    IDbContextFactory<AppDbContext> dbFactory,
    ILogger<LoyaltyReferenceRefresher> logger) : ILoyaltyReferenceRefresher
{
    public async Task<int> RefreshAsync(string chainId, CancellationToken ct = default)
    {
        if (!Guid.TryParse(chainId, out var chain))
        {
            return 0;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var propertyIds = await db.Properties.Where(p => p.MewsChainId == chain).Select(p => p.Id).ToListAsync(ct);
        if (propertyIds.Count == 0)
        {
            return 0;
        }

        // Read everything first: a failed read must never look like "all programs gone".
        var gateway = gateways.ForChain(chainId);
        var programs = new List<LoyaltyProgram>();
        await foreach (var p in gateway.GetLoyaltyProgramsAsync(new LoyaltyProgramFilter { ChainIds = [chainId] }, ct))
        {
            if (Guid.TryParse(p.Id, out _))
            {
                programs.Add(p);
            }
        }
        var tiers = new List<LoyaltyTier>();
        foreach (var chunk in programs.Select(p => p.Id).Chunk(LoyaltyLimits.MaxItemsPerWrite))
        {
            await foreach (var t in gateway.GetLoyaltyTiersAsync(new LoyaltyTierFilter { ChainIds = [chainId], LoyaltyProgramIds = chunk }, ct))
            {
                if (Guid.TryParse(t.Id, out _))
                {
                    tiers.Add(t);
                }
            }
        }

        var changes = new MergeCounts();
        foreach (var propertyId in propertyIds)
        {
            changes += await LoyaltyMerge.MergeAsync(db, propertyId, programs, tiers, ct);
        }
        var total = changes.Added + changes.Updated + changes.Deactivated;
        LogRefreshed(chainId, programs.Count, tiers.Count, propertyIds.Count, total);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loyalty refreshed from Mews for chain {ChainId}: {Programs} programs, {Tiers} tiers, {Properties} properties, {Changes} local changes")]
    private partial void LogRefreshed(string chainId, int programs, int tiers, int properties, int changes);
}
