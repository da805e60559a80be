using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.UpsellConfiguration;

/// <summary>The agents' commission percent of several properties at once (Upsell Performance shows it beside each
/// agent's commission): one query, only the properties the user may see.</summary>
public interface IAgentCommissionRates
{
    /// <summary>Property id → its <see cref="PropertyUpsellConfiguration.AgentCommissionPercent"/> (null = not set), for
    /// those of <paramref name="propertyIds"/> the user may see.</summary>
    Task<IReadOnlyDictionary<int, decimal?>> GetAsync(IReadOnlyCollection<int> propertyIds, CancellationToken cancellationToken = default);
}

internal sealed class AgentCommissionRates(IDbContextFactory<AppDbContext> dbFactory, ICurrentUser currentUser) : IAgentCommissionRates
{
    public async Task<IReadOnlyDictionary<int, decimal?>> GetAsync(IReadOnlyCollection<int> propertyIds, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = propertyIds.Distinct().ToArray();
        var rows = await PropertyAccess.Visible(db, user)
            .Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id,
                Percent = db.UpsellConfigurations.Where(c => c.PropertyId == p.Id).Select(c => c.AgentCommissionPercent).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => r.Percent);
    }
}
