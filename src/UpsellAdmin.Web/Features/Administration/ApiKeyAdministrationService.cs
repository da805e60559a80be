using FluentValidation;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Common.Audit;

namespace UpsellAdmin.Web.Features.Administration;

/// <summary>
/// API keys for Administrators: list (stored keys, then the configured and demo ones), create (the key is returned
/// once and only its hash is kept), revoke. Creation and revocation are audited with the key's name, scopes and
/// properties — never the key or its hash.
/// </summary>
public sealed partial class ApiKeyAdministrationService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICurrentUser currentUser,
    ApiKeyDirectory directory,
    TimeProvider clock,
    IValidator<ApiKeyForm> validator,
    ILogger<ApiKeyAdministrationService> logger) : IApiKeyAdministrationService
{
    public const string ForbiddenMessage = "Only an Administrator may manage API keys.";

    public async Task<IReadOnlyList<ApiKeyRow>> GetKeysAsync(CancellationToken cancellationToken = default)
    {
        if (!(await currentUser.GetAsync(cancellationToken)).IsAdministrator)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var codes = await db.Properties.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Code, cancellationToken);
        var stored = await db.Set<ApiKey>().AsNoTracking()
            .OrderBy(k => k.RevokedUtc != null).ThenBy(k => k.Name)
            .Select(k => new
            {
                k.Id, k.Name, k.Prefix, k.Scopes, k.AllProperties, k.CreatedUtc, k.CreatedBy, k.LastUsedUtc, k.RevokedUtc, k.RevokedBy,
                PropertyIds = k.Properties.Select(p => p.PropertyId).ToList(),
            })
            .ToListAsync(cancellationToken);
        var rows = stored.Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.Scopes, k.AllProperties,
                k.PropertyIds.Select(id => codes.GetValueOrDefault(id, $"#{id}")).Order(StringComparer.Ordinal).ToList(),
                k.CreatedUtc, k.CreatedBy, k.LastUsedUtc, k.RevokedUtc, k.RevokedBy, ApiKeySource.Stored))
            .ToList();
        var firstCode = codes.Values.Order(StringComparer.Ordinal).FirstOrDefault();
        foreach (var other in directory.Unstored())
        {
            var demoReadOnly = other.Name == ApiKeyDirectory.DemoReadOnlyName && other.Source == ApiKeySource.Demo;
            IReadOnlyList<string> propertyCodes = demoReadOnly
                ? firstCode is null ? [] : [firstCode]
                : other.Source == ApiKeySource.Configured ? directory.ConfiguredProperties(other.Name) : [];
            var createdBy = other.Source == ApiKeySource.Demo ? "demo mode"
                : other.Name == ApiKeyOptions.UnnamedClientName ? "settings (Api:Keys)"
                : "settings (Api:Clients)";
            // demo-readonly reaches one property (none while there is none), never all of them.
            rows.Add(new ApiKeyRow(null, other.Name, null, other.Scopes, !demoReadOnly && propertyCodes.Count == 0, propertyCodes,
                null, createdBy, null, null, null, other.Source));
        }
        return rows;
    }

    public async Task<IReadOnlyList<PropertyChoice>> GetPropertyChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Properties.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new PropertyChoice(p.Id, p.Code, p.Name, p.IsActive))
            .ToListAsync(cancellationToken);
    }

    public async Task<ApiKeyCreated> CreateAsync(ApiKeyForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var me = await currentUser.GetAsync(cancellationToken);
        if (!me.IsAdministrator)
        {
            return ApiKeyCreated.Fail(AdminResult.Fail(ForbiddenMessage));
        }
        var checkedForm = await validator.ValidateAsync(form, cancellationToken);
        if (!checkedForm.IsValid)
        {
            return ApiKeyCreated.Fail(new AdminResult(checkedForm.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList()));
        }
        var name = form.Name.Trim();
        if (directory.Unstored().Any(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return ApiKeyCreated.Fail(AdminResult.Fail($"A key from the settings is already called '{name}'; choose another name.", nameof(ApiKeyForm.Name)));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await NameTakenAsync(db, name, cancellationToken))
        {
            return ApiKeyCreated.Fail(NameTaken(name));
        }
        var wanted = form.PropertyCodes.Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var properties = form.AllProperties ? [] : await db.Properties.AsNoTracking()
            .Where(p => wanted.Contains(p.Code)).Select(p => new { p.Id, p.Code }).ToListAsync(cancellationToken);
        var unknown = wanted.Except(properties.Select(p => p.Code), StringComparer.Ordinal).ToList();
        if (!form.AllProperties && unknown.Count > 0)
        {
            return ApiKeyCreated.Fail(AdminResult.Fail($"Unknown property code(s): {string.Join(", ", unknown)}.", nameof(ApiKeyForm.PropertyCodes)));
        }

        var key = ApiKeySecret.NewKey();
        var entity = new ApiKey
        {
            Name = name,
            Prefix = ApiKeySecret.PrefixOf(key),
            KeyHash = ApiKeySecret.Hash(key),
            Scopes = form.Scopes,
            AllProperties = form.AllProperties,
            Properties = properties.Select(p => new ApiKeyProperty { PropertyId = p.Id }).ToList(),
            CreatedUtc = clock.GetUtcNow(),
            CreatedBy = me.UserName,
        };
        db.Set<ApiKey>().Add(entity);
        var snapshot = Snapshot(entity, properties.Select(p => p.Code).Order(StringComparer.Ordinal).ToList());
        db.AddAudit(new AuditRecord(me.UserName, AuditActions.Created, AuditEntityTypes.ApiKey, name, null,
            $"API key '{name}' created: {string.Join(", ", snapshot.Scopes)}; {(entity.AllProperties ? "all properties" : string.Join(", ", snapshot.Properties))}",
            After: snapshot) { At = entity.CreatedUtc });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two administrators creating the same name at once: the unique index refused the second.
            if (await NameTakenAsync(dbFactory, name, cancellationToken))
            {
                return ApiKeyCreated.Fail(NameTaken(name));
            }
            throw;
        }
        LogKeyCreated(name, entity.Prefix, string.Join(",", snapshot.Scopes), me.UserName);
        return new ApiKeyCreated(AdminResult.Ok, key, entity.Prefix);
    }

    public async Task<AdminResult> RevokeAsync(int id, CancellationToken cancellationToken = default)
    {
        var me = await currentUser.GetAsync(cancellationToken);
        if (!me.IsAdministrator)
        {
            return AdminResult.Fail(ForbiddenMessage);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.Set<ApiKey>().Include(k => k.Properties).FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return AdminResult.Fail("This API key no longer exists.");
        }
        if (key.IsRevoked)
        {
            return AdminResult.Fail($"'{key.Name}' was already revoked by {key.RevokedBy}.");
        }
        var propertyIds = key.Properties.Select(p => p.PropertyId).ToList();
        var codes = await db.Properties.AsNoTracking().Where(p => propertyIds.Contains(p.Id)).Select(p => p.Code).ToListAsync(cancellationToken);
        var before = Snapshot(key, codes.Order(StringComparer.Ordinal).ToList());
        key.RevokedUtc = clock.GetUtcNow();
        key.RevokedBy = me.UserName;
        db.AddAudit(new AuditRecord(me.UserName, AuditActions.Revoked, AuditEntityTypes.ApiKey, key.Name, null,
            $"API key '{key.Name}' revoked", before, Snapshot(key, before.Properties)) { At = key.RevokedUtc });
        await db.SaveChangesAsync(cancellationToken);
        directory.Forget(key.KeyHash);
        LogKeyRevoked(key.Name, key.Prefix, me.UserName);
        return AdminResult.Ok;
    }

    /// <summary>What the audit keeps of a key: never the key or its hash.</summary>
    internal sealed record KeySnapshot(string Name, string Prefix, IReadOnlyList<string> Scopes, bool AllProperties, IReadOnlyList<string> Properties,
        DateTimeOffset CreatedUtc, string CreatedBy, DateTimeOffset? RevokedUtc, string? RevokedBy);

    private static KeySnapshot Snapshot(ApiKey key, IReadOnlyList<string> propertyCodes) =>
        new(key.Name, key.Prefix, ApiScopeNames.Names(key.Scopes), key.AllProperties, propertyCodes, key.CreatedUtc, key.CreatedBy, key.RevokedUtc, key.RevokedBy);

    private static Task<bool> NameTakenAsync(AppDbContext db, string name, CancellationToken ct)
    {
        var lower = name.ToLowerInvariant();
#pragma warning disable CA1862, CA1304, CA1311 // ToLower is translated to SQL (LOWER); the comparison must run in the database.
        return db.Set<ApiKey>().AnyAsync(k => k.Name.ToLower() == lower, ct);
#pragma warning restore CA1862, CA1304, CA1311
    }

    private static async Task<bool> NameTakenAsync(IDbContextFactory<AppDbContext> factory, string name, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await NameTakenAsync(db, name, ct);
    }

    private static AdminResult NameTaken(string name) =>
        AdminResult.Fail($"A key called '{name}' exists already (revoked keys keep their names); choose another name.", nameof(ApiKeyForm.Name));

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyName} ({Prefix}…) created with scopes {Scopes} by {Administrator}")]
    private partial void LogKeyCreated(string keyName, string prefix, string scopes, string administrator);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyName} ({Prefix}…) revoked by {Administrator}")]
    private partial void LogKeyRevoked(string keyName, string prefix, string administrator);
}
