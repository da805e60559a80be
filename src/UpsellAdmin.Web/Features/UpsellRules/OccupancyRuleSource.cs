using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.UpsellConfiguration;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary><see cref="IOccupancyRuleSource"/> over the rules: two queries (rules, their amounts' levels).</summary>
internal sealed class OccupancyRuleSource(IDbContextFactory<AppDbContext> dbFactory, ICurrentUser currentUser) : IOccupancyRuleSource
{
    public async Task<IReadOnlyList<OccupancyRuleAmounts>> GetOccupancyRulesAsync(int propertyId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await PropertyAccess.CanSeeAsync(db, user, propertyId, cancellationToken))
        {
            return [];
        }
        var rules = await db.UpsellRules.AsNoTracking()
            .Where(r => r.PropertyId == propertyId && r.UpsellByOccupancyLevels)
            .OrderBy(r => r.Code)
            .Select(r => new { r.Id, r.Code, r.Description })
            .ToListAsync(cancellationToken);
        if (rules.Count == 0)
        {
            return [];
        }
        var levels = await OccupancyCoverageWarnings.AmountLevelsAsync(db, propertyId, rules.Select(r => r.Id).ToList(), cancellationToken);
        return rules.Select(r => new OccupancyRuleAmounts(r.Id, r.Code, r.Description, levels.GetValueOrDefault(r.Id) ?? (IReadOnlySet<int>)new HashSet<int>())).ToList();
    }
}

/// <summary>The Rules grid's "No amount for occupancy level 80–100 %" warnings, for one page of rules.</summary>
internal static class OccupancyCoverageWarnings
{
    /// <summary>Per rule id, the levels it has amounts for (one query, the ids as one JSON parameter).</summary>
    public static async Task<Dictionary<int, IReadOnlySet<int>>> AmountLevelsAsync(AppDbContext db, int propertyId, List<int> ruleIds, CancellationToken ct)
    {
        var rows = await db.UpsellRuleOccupancyAmounts.AsNoTracking()
            .Where(a => EF.Parameter(ruleIds).Contains(a.RuleId))
            .Select(a => new { a.RuleId, a.Level })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.RuleId).ToDictionary(g => g.Key, g => (IReadOnlySet<int>)g.Select(r => r.Level).ToHashSet());
    }

    /// <summary>Per occupancy-based rule of <paramref name="ruleIds"/>, one warning per level of the property it has no amount for.</summary>
    public static async Task<Dictionary<int, List<string>>> LoadAsync(AppDbContext db, int propertyId, List<int> ruleIds, CancellationToken ct)
    {
        var result = new Dictionary<int, List<string>>();
        if (ruleIds.Count == 0)
        {
            return result;
        }
        var levels = await db.OccupancyLevels.AsNoTracking()
            .Where(l => l.PropertyId == propertyId)
            .OrderBy(l => l.Level)
            .Select(l => new { l.Level, l.FromPercent, l.ToPercent })
            .ToListAsync(ct);
        if (levels.Count == 0)
        {
            return result;
        }
        var amounts = await AmountLevelsAsync(db, propertyId, ruleIds, ct);
        foreach (var id in ruleIds)
        {
            var has = amounts.GetValueOrDefault(id);
            var missing = levels.Where(l => has is null || !has.Contains(l.Level)).Select(l => OccupancyCoverage.Warning(l.FromPercent, l.ToPercent)).ToList();
            if (missing.Count > 0)
            {
                result[id] = missing;
            }
        }
        return result;
    }
}
