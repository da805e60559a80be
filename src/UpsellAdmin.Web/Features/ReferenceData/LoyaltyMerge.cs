using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Data;

namespace UpsellAdmin.Web.Features.ReferenceData;

/// <summary>
/// A chain's loyalty programs (membership types, what rule filters name) and tiers (membership levels) merged into one
/// property's lists, the way <see cref="ReferenceMerge"/> merges every code list: matched by Mews id, codes unique
/// per property, programs and tiers gone from Mews deactivated, never deleted (a rule naming one is flagged on the
/// Rules grid). Used by the sync and, after each change made on the Loyalty screens, by the loyalty refresher.
/// </summary>
internal static class LoyaltyMerge
{
    /// <summary>Merges the chain's <paramref name="programs"/> and their <paramref name="tiers"/> into the property's
    /// membership types and levels, and saves.</summary>
    public static async Task<MergeCounts> MergeAsync(AppDbContext db, int propertyId, IReadOnlyList<LoyaltyProgram> programs, IReadOnlyList<LoyaltyTier> tiers, CancellationToken ct)
    {
        var existing = await db.MembershipTypes.Where(x => x.PropertyId == propertyId).Include(x => x.Levels).ToListAsync(ct);
        var tiersOf = tiers.GroupBy(t => t.LoyaltyProgramId ?? "", StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var levelCounts = new MergeCounts();
        var counts = ReferenceMerge.Merge(existing,
            ReferenceMerge.Incoming(programs.OrderBy(p => p.Code, StringComparer.Ordinal), p => p.Id, p => MewsText.Code(ReferenceItem.CodeMaxLength, p.Code, p.Name), p => p.Name, _ => true),
            () => new MembershipType { PropertyId = propertyId },
            (row, program) =>
            {
                levelCounts += MergeLevels(row, tiersOf.GetValueOrDefault(program.Id) ?? []);
                return false;
            },
            t => db.MembershipTypes.Add(t));
        await db.SaveChangesAsync(ct);
        return counts + levelCounts;
    }

    private static MergeCounts MergeLevels(MembershipType type, List<LoyaltyTier> tiers)
    {
        var counts = new MergeCounts();
        var byMewsId = type.Levels.Where(l => l.MewsId is not null).GroupBy(l => l.MewsId!.Value).ToDictionary(g => g.Key, g => g.First());
        var matched = new HashSet<MembershipLevel>(ReferenceEqualityComparer.Instance);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var incoming = tiers.Where(t => Guid.TryParse(t.Id, out _)).OrderBy(t => t.Ordering ?? int.MaxValue).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        var incomingIds = incoming.Select(t => Guid.Parse(t.Id)).ToHashSet();
        foreach (var level in type.Levels.Where(l => l.MewsId is null || !incomingIds.Contains(l.MewsId.Value)))
        {
            taken.Add(level.Code);
        }
        foreach (var tier in incoming)
        {
            var id = Guid.Parse(tier.Id);
            var wantedCode = MewsText.Code(ReferenceItem.CodeMaxLength, tier.Code, tier.Name);
            if (!byMewsId.TryGetValue(id, out var level))
            {
                level = type.Levels.FirstOrDefault(l => !matched.Contains(l) && (l.MewsId is null || !incomingIds.Contains(l.MewsId.Value))
                    && string.Equals(l.Code, wantedCode, StringComparison.OrdinalIgnoreCase));
                if (level is not null)
                {
                    taken.Remove(level.Code);
                }
            }
            var code = ReferenceMerge.Unique(wantedCode, taken);
            var name = MewsText.Name(tier.Name, code);
            var sequence = tier.Ordering ?? 0;
            if (level is null)
            {
                type.Levels.Add(new MembershipLevel { Code = code, Name = name, Sequence = sequence, MewsId = id, IsActive = true });
                counts += new MergeCounts(1, 0, 0);
                continue;
            }
            matched.Add(level);
            if (level.Code != code || level.Name != name || level.Sequence != sequence || level.MewsId != id || !level.IsActive)
            {
                (level.Code, level.Name, level.Sequence, level.MewsId, level.IsActive) = (code, name, sequence, id, true);
                counts += new MergeCounts(0, 1, 0);
            }
        }
        foreach (var level in type.Levels.Where(l => !matched.Contains(l) && l.MewsId is not null && l.IsActive && !incomingIds.Contains(l.MewsId.Value)))
        {
            level.IsActive = false;
            counts += new MergeCounts(0, 0, 1);
        }
        return counts;
    }
}
