using FluentValidation;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Common.Audit;

namespace UpsellAdmin.Web.Features.Administration;

/// <summary>
/// Administrators' view of every property (active or not) and the few fields they may change: name, time zone,
/// active, and the code while no upsell rule belongs to the property. Properties themselves come from the Mews sync.
/// </summary>
public sealed partial class PropertyAdministrationService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICurrentUser currentUser,
    IValidator<PropertyForm> validator,
    ILogger<PropertyAdministrationService> logger) : IPropertyAdministrationService
{
    public const string ForbiddenMessage = "Only an Administrator may change properties.";

    public static string CodeLockedMessage(int ruleCount) =>
        $"The code cannot change: {(ruleCount == 1 ? "1 upsell rule belongs" : $"{ruleCount} upsell rules belong")} to this property, and quotes, the API and rule copies name it by this code.";

    public async Task<IReadOnlyList<PropertyAdminRow>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        if (!(await currentUser.GetAsync(cancellationToken)).IsAdministrator)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Properties.AsNoTracking()
            .OrderBy(p => p.Code)
            .Select(p => new PropertyAdminRow(p.Id, p.Code, p.Name, p.CurrencyCode, p.TimeZone, p.MewsEnterpriseId, p.MewsChainId, p.IsActive,
                db.UpsellRules.Count(r => r.PropertyId == p.Id)))
            .ToListAsync(cancellationToken);
    }

    public async Task<AdminResult> UpdateAsync(PropertyForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var me = await currentUser.GetAsync(cancellationToken);
        if (!me.IsAdministrator)
        {
            return AdminResult.Fail(ForbiddenMessage);
        }
        var check = await validator.ValidateAsync(form, cancellationToken);
        if (!check.IsValid)
        {
            return new AdminResult(check.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList());
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Properties.FirstOrDefaultAsync(p => p.Id == form.Id, cancellationToken) is not { } property)
        {
            return AdminResult.Fail("This property no longer exists.");
        }
        var code = form.Code.Trim();
        if (!string.Equals(code, property.Code, StringComparison.Ordinal))
        {
            var rules = await db.UpsellRules.CountAsync(r => r.PropertyId == property.Id, cancellationToken);
            if (rules > 0)
            {
                return AdminResult.Fail(CodeLockedMessage(rules), nameof(PropertyForm.Code));
            }
            if (await db.Properties.AnyAsync(p => p.Id != property.Id && p.Code == code, cancellationToken))
            {
                return AdminResult.Fail($"Another property already has the code {code}.", nameof(PropertyForm.Code));
            }
        }
        var before = new { property.Code, property.Name, property.TimeZone, property.IsActive };
        property.Code = code;
        property.Name = form.Name.Trim();
        property.TimeZone = form.TimeZone.Trim();
        property.IsActive = form.IsActive;
        var after = new { property.Code, property.Name, property.TimeZone, property.IsActive };
        if (before != after)
        {
            db.AddAudit(new AuditRecord(me.UserName, AuditActions.Updated, AuditEntityTypes.Property, before.Code, property.Id,
                before.Code == after.Code ? $"Property {after.Code} updated" : $"Property {before.Code} updated (now {after.Code})", before, after));
        }
        await db.SaveChangesAsync(cancellationToken);
        LogPropertyUpdated(property.Code, property.IsActive, me.UserName);
        return AdminResult.Ok;
    }

    [LoggerMessage(LogLevel.Information, "Property {Code} updated (active: {IsActive}) by {Admin}")]
    private partial void LogPropertyUpdated(string code, bool isActive, string admin);
}
