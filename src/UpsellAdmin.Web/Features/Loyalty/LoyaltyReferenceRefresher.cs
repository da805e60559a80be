using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.Loyalty;

/// <summary>
/// Brings the local membership types/levels (what rule filters name) in line with a chain's loyalty programs/tiers
/// in Mews, for every property of that chain. Meant to be merged with the sync's loyalty step; until then it is this
/// small upsert by MewsId: new programs/tiers are added, changed names and orderings follow, removed ones are
/// deactivated, never deleted, so a rule naming one is flagged on the Rules grid.
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

        var changes = 0;
        var programIds = programs.Select(p => Guid.Parse(p.Id)).ToHashSet();
        foreach (var propertyId in propertyIds)
        {
            var types = await db.MembershipTypes.Where(t => t.PropertyId == propertyId).Include(t => t.Levels).ToListAsync(ct);
            foreach (var program in programs.OrderBy(p => p.Code, StringComparer.Ordinal))
            {
                var id = Guid.Parse(program.Id);
                var wanted = CodeOf(program.Code, program.Name);
                var type = types.FirstOrDefault(t => t.MewsId == id)
                    ?? types.FirstOrDefault(t => (t.MewsId is null || !programIds.Contains(t.MewsId.Value)) && string.Equals(t.Code, wanted, StringComparison.OrdinalIgnoreCase));
                var name = NameOf(program.Name, wanted);
                if (type is null)
                {
                    type = new MembershipType { PropertyId = propertyId, Code = Unique(wanted, types.Select(t => t.Code)), Name = name, MewsId = id };
                    types.Add(type);
                    db.MembershipTypes.Add(type);
                    changes++;
                }
                else if (type.MewsId != id || type.Name != name || !type.IsActive)
                {
                    (type.MewsId, type.Name, type.IsActive) = (id, name, true);
                    changes++;
                }
                changes += MergeLevels(type, tiers.Where(t => string.Equals(t.LoyaltyProgramId, program.Id, StringComparison.OrdinalIgnoreCase)).ToList());
            }
            foreach (var gone in types.Where(t => t.IsActive && t.MewsId is { } m && !programIds.Contains(m)))
            {
                gone.IsActive = false;
                changes++;
            }
        }
        await db.SaveChangesAsync(ct);
        LogRefreshed(chainId, programs.Count, tiers.Count, propertyIds.Count, changes);
        return changes;
    }

    private static int MergeLevels(MembershipType type, List<LoyaltyTier> tiers)
    {
        var changes = 0;
        var tierIds = tiers.Select(t => Guid.Parse(t.Id)).ToHashSet();
        foreach (var tier in tiers.OrderBy(t => t.Ordering ?? int.MaxValue).ThenBy(t => t.Id, StringComparer.Ordinal))
        {
            var id = Guid.Parse(tier.Id);
            var wanted = CodeOf(tier.Code, tier.Name);
            var level = type.Levels.FirstOrDefault(l => l.MewsId == id)
                ?? type.Levels.FirstOrDefault(l => (l.MewsId is null || !tierIds.Contains(l.MewsId.Value)) && string.Equals(l.Code, wanted, StringComparison.OrdinalIgnoreCase));
            var name = NameOf(tier.Name, wanted);
            var sequence = tier.Ordering ?? 0;
            if (level is null)
            {
                type.Levels.Add(new MembershipLevel { Code = Unique(wanted, type.Levels.Select(l => l.Code)), Name = name, Sequence = sequence, MewsId = id });
                changes++;
            }
            else if (level.MewsId != id || level.Name != name || level.Sequence != sequence || !level.IsActive)
            {
                (level.MewsId, level.Name, level.Sequence, level.IsActive) = (id, name, sequence, true);
                changes++;
            }
        }
        foreach (var gone in type.Levels.Where(l => l.IsActive && l.MewsId is { } m && !tierIds.Contains(m)))
        {
            gone.IsActive = false;
            changes++;
        }
        return changes;
    }

    /// <summary>As the sync makes codes: trimmed, upper case, at most <see cref="ReferenceItem.CodeMaxLength"/>.</summary>
    private static string CodeOf(string? code, string? name)
    {
        var text = (string.IsNullOrWhiteSpace(code) ? name : code)?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(text))
        {
            return "?";
        }
        return text.Length > ReferenceItem.CodeMaxLength ? text[..ReferenceItem.CodeMaxLength] : text;
    }

    private static string NameOf(string? name, string code)
    {
        var text = string.IsNullOrWhiteSpace(name) ? code : name.Trim();
        return text.Length > ReferenceItem.NameMaxLength ? text[..ReferenceItem.NameMaxLength] : text;
    }

    private static string Unique(string code, IEnumerable<string> existing)
    {
        var taken = existing.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidate = code;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            var suffix = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            candidate = (code.Length + suffix.Length > ReferenceItem.CodeMaxLength ? code[..(ReferenceItem.CodeMaxLength - suffix.Length)] : code) + suffix;
        }
        return candidate;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loyalty refreshed from Mews for chain {ChainId}: {Programs} programs, {Tiers} tiers, {Properties} properties, {Changes} local changes")]
    private partial void LogRefreshed(string chainId, int programs, int tiers, int properties, int changes);
}
