using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Features.Properties;

/// <summary>Visible = every property for Administrators, the user's <see cref="UserPropertyAccess"/> rows for
/// everyone else. Editable = visible when the user may edit (Administrator, RevenueManager).</summary>
public sealed class PropertyService(IDbContextFactory<AppDbContext> dbFactory, ICurrentUser currentUser) : IPropertyService
{
    public async Task<IReadOnlyList<PropertySummary>> GetVisibleAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await PropertyAccess.Visible(db, user)
            .OrderBy(p => p.Code)
            .Select(PropertyAccess.ToSummary)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PropertySummary>> GetEditableAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        if (!user.CanEdit)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await PropertyAccess.Visible(db, user)
            .OrderBy(p => p.Code)
            .Select(PropertyAccess.ToSummary)
            .ToListAsync(cancellationToken);
    }

    public async Task<PropertySummary?> GetAsync(int propertyId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await PropertyAccess.Visible(db, user)
            .Where(p => p.Id == propertyId)
            .Select(PropertyAccess.ToSummary)
            .FirstOrDefaultAsync(cancellationToken);
    }
}

/// <summary>The one place that decides which properties a user may see; every feature service asks here.</summary>
internal static class PropertyAccess
{
    public static readonly System.Linq.Expressions.Expression<Func<Property, PropertySummary>> ToSummary =
        p => new PropertySummary(p.Id, p.Code, p.Name, p.CurrencyCode, p.TimeZone);

    /// <summary>Administrators: all properties. Others: the active properties they were given access to (an API key:
    /// its key's properties, or all active ones). Anonymous: none.</summary>
    public static IQueryable<Property> Visible(AppDbContext db, UserContext user)
    {
        if (user.UserId is null)
        {
            return db.Properties.AsNoTracking().Where(_ => false);
        }
        if (user.IsAdministrator)
        {
            return db.Properties.AsNoTracking();
        }
        if (user.IsSystemClient)
        {
            // An API key: the active properties it was given (all of them for a key without a property list).
            var active = db.Properties.AsNoTracking().Where(p => p.IsActive);
            if (user.ApiPropertyIds is { } limited)
            {
                var ids = limited.ToArray();
                return active.Where(p => ids.Contains(p.Id));
            }
            return active;
        }
        var userId = user.UserId;
        return db.Properties.AsNoTracking()
            .Where(p => p.IsActive && db.UserProperties.Any(a => a.UserId == userId && a.PropertyId == p.Id));
    }

    public static Task<bool> CanSeeAsync(AppDbContext db, UserContext user, int propertyId, CancellationToken ct) =>
        Visible(db, user).AnyAsync(p => p.Id == propertyId, ct);

    public static async Task<bool> CanEditAsync(AppDbContext db, UserContext user, int propertyId, CancellationToken ct) =>
        user.CanEdit && await CanSeeAsync(db, user, propertyId, ct);

    public const string ForbiddenMessage =
        "You may not change this property's upsell set-up. Ask an administrator for the Revenue Manager role or access to the property.";
}
