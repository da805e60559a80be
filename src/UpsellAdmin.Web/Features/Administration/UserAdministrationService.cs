using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Features.Administration;

/// <summary>
/// Users, roles and property access for Administrators. Writes go through <see cref="UserManager{TUser}"/> (password
/// rules, security stamp, lockout); the property access rows through a short-lived context. Guard rails: nobody
/// demotes or locks themselves, and the last Administrator stays an unlocked Administrator.
/// <para>Each call takes a <see cref="UserManager{TUser}"/> from a new DI scope: in Blazor Server the page's scope
/// lasts as long as the circuit, and a user manager from it keeps the users it once loaded — after the user signed in
/// elsewhere (a new concurrency stamp) every later change failed with "Optimistic concurrency failure".</para>
/// </summary>
public sealed partial class UserAdministrationService(
    IServiceScopeFactory scopes,
    IDbContextFactory<AppDbContext> dbFactory,
    ICurrentUser currentUser,
    TimeProvider clock,
    IValidator<UserForm> validator,
    ILogger<UserAdministrationService> logger) : IUserAdministrationService
{
    public const string ForbiddenMessage = "Only an Administrator may manage users.";


    public async Task<IReadOnlyList<UserAdminRow>> GetUsersAsync(CancellationToken cancellationToken = default)
    {
        if (!(await currentUser.GetAsync(cancellationToken)).IsAdministrator)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var propertyCount = await db.Properties.CountAsync(cancellationToken);
        var raw = await db.Users.AsNoTracking()
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
            })
            .ToListAsync(cancellationToken);
        var codesOf = (await db.UserProperties.AsNoTracking()
                .Join(db.Properties, a => a.PropertyId, p => p.Id, (a, p) => new { a.UserId, p.Code })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.UserId, a => a.Code);
        var now = clock.GetUtcNow();
        return raw.Select(u => (User: u, Codes: codesOf[u.Id].Order(StringComparer.Ordinal).ToList()))
            .Select(x => new UserAdminRow(x.User.Id, x.User.Email ?? "", x.User.DisplayName, Roles.All.FirstOrDefault(x.User.Roles.Contains), x.Codes,
                propertyCount > 0 && x.Codes.Count == propertyCount, x.User.LockoutEnd is { } end && end > now))
            .ToList();
    }

    public async Task<IReadOnlyList<PropertyChoice>> GetPropertyChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Properties.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new PropertyChoice(p.Id, p.Code, p.Name, p.IsActive))
            .ToListAsync(cancellationToken);
    }

    public async Task<AdminResult> CreateAsync(UserForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var me = await currentUser.GetAsync(cancellationToken);
        if (!me.IsAdministrator)
        {
            return AdminResult.Fail(ForbiddenMessage);
        }
        form.Id = null;
        if (Check(form) is { } invalid)
        {
            return invalid;
        }
        var email = form.Email.Trim();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = form.DisplayName.Trim() };
        var created = await users.CreateAsync(user, form.Password);
        if (!created.Succeeded)
        {
            return FromIdentity(created);
        }
        var role = await users.AddToRoleAsync(user, form.Role);
        if (!role.Succeeded)
        {
            await users.DeleteAsync(user);
            return FromIdentity(role);
        }
        await SetPropertiesAsync(user.Id, email, form, (_, after) =>
            new AuditRecord(me.UserName, AuditActions.Created, AuditEntityTypes.User, email, null, $"User {email} created as {Roles.Label(form.Role)}", null, after),
            cancellationToken);
        LogUserCreated(email, form.Role, me.UserName);
        return AdminResult.Ok;
    }

    public async Task<AdminResult> UpdateAsync(UserForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var me = await currentUser.GetAsync(cancellationToken);
        if (!me.IsAdministrator)
        {
            return AdminResult.Fail(ForbiddenMessage);
        }
        if (Check(form) is { } invalid)
        {
            return invalid;
        }
        if (await users.FindByIdAsync(form.Id!) is not { } user)
        {
            return AdminResult.Fail("This user no longer exists.");
        }
        var current = (await users.GetRolesAsync(user)).ToList();
        var displayNameBefore = user.DisplayName;
        if (current.Contains(Roles.Administrator) && form.Role != Roles.Administrator)
        {
            if (user.Id == me.UserId)
            {
                return AdminResult.Fail("You cannot remove your own Administrator role. Ask another administrator to do it.", nameof(UserForm.Role));
            }
            if (await AdministratorCountAsync(users) <= 1)
            {
                return AdminResult.Fail($"{user.Email} is the last Administrator. Make another user Administrator first.", nameof(UserForm.Role));
            }
        }

        user.DisplayName = form.DisplayName.Trim();
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return FromIdentity(updated);
        }
        if (current.Count != 1 || current[0] != form.Role)
        {
            var removed = await users.RemoveFromRolesAsync(user, current);
            var added = removed.Succeeded ? await users.AddToRoleAsync(user, form.Role) : removed;
            // A new security stamp signs the user out of open sessions at the next revalidation (a minute at most),
            // so a demoted Administrator does not keep the old rights in a page left open.
            added = added.Succeeded ? await users.UpdateSecurityStampAsync(user) : added;
            if (!added.Succeeded)
            {
                return FromIdentity(added);
            }
        }
        var roleBefore = Roles.All.FirstOrDefault(current.Contains);
        await SetPropertiesAsync(user.Id, user.Email ?? user.Id, form, (before, after) =>
        {
            var old = before! with { DisplayName = displayNameBefore, Role = roleBefore };
            return old == after ? null : new AuditRecord(me.UserName, AuditActions.Updated, AuditEntityTypes.User, user.Email ?? user.Id, null,
                old.Role == after.Role ? $"User {user.Email} updated" : $"User {user.Email} updated: {Roles.Label(old.Role)} → {Roles.Label(after.Role)}", old, after);
        }, cancellationToken);
        LogUserUpdated(user.Email, form.Role, me.UserName);
        return AdminResult.Ok;
    }

    public async Task<AdminResult> ResetPasswordAsync(string userId, string newPassword, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var me = await currentUser.GetAsync(cancellationToken);
        if (!me.IsAdministrator)
        {
            return AdminResult.Fail(ForbiddenMessage);
        }
        if (string.IsNullOrEmpty(newPassword))
        {
            return AdminResult.Fail("Enter the new password.", nameof(UserForm.Password));
        }
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return AdminResult.Fail("This user no longer exists.");
        }
        // Validate first so that a rejected password leaves the old one in place.
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, newPassword);
            if (!check.Succeeded)
            {
                return FromIdentity(check);
            }
        }
        var removed = await users.RemovePasswordAsync(user);
        if (removed.Succeeded)
        {
            // Saved by the identity store with the new password (same context): never the password or its hash.
            AuditInIdentityStore(scope, new AuditRecord(me.UserName, AuditActions.PasswordReset, AuditEntityTypes.User, user.Email ?? user.Id, null,
                $"Password of {user.Email} reset"));
        }
        var result = removed.Succeeded ? await users.AddPasswordAsync(user, newPassword) : removed;
        if (!result.Succeeded)
        {
            return FromIdentity(result);
        }
        LogPasswordReset(user.Email, me.UserName);
        return AdminResult.Ok;
    }

    public async Task<AdminResult> SetLockedOutAsync(string userId, bool lockedOut, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var me = await currentUser.GetAsync(cancellationToken);
        if (!me.IsAdministrator)
        {
            return AdminResult.Fail(ForbiddenMessage);
        }
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return AdminResult.Fail("This user no longer exists.");
        }
        IdentityResult result;
        if (lockedOut)
        {
            if (user.Id == me.UserId)
            {
                return AdminResult.Fail("You cannot lock yourself out.");
            }
            if (await users.IsInRoleAsync(user, Roles.Administrator) && await AdministratorCountAsync(users) <= 1)
            {
                return AdminResult.Fail($"{user.Email} is the last Administrator and cannot be locked.");
            }
            result = await users.SetLockoutEnabledAsync(user, true);
            if (result.Succeeded)
            {
                AuditInIdentityStore(scope, new AuditRecord(me.UserName, AuditActions.Locked, AuditEntityTypes.User, user.Email ?? user.Id, null,
                    $"User {user.Email} locked", new { Locked = false }, new { Locked = true }));
                result = await users.SetLockoutEndDateAsync(user, AppUser.AdministratorLockEnd);
            }
            if (result.Succeeded)
            {
                // Ends the user's open sessions at the next revalidation.
                result = await users.UpdateSecurityStampAsync(user);
            }
        }
        else
        {
            AuditInIdentityStore(scope, new AuditRecord(me.UserName, AuditActions.Unlocked, AuditEntityTypes.User, user.Email ?? user.Id, null,
                $"User {user.Email} unlocked", new { Locked = true }, new { Locked = false }));
            result = await users.SetLockoutEndDateAsync(user, null);
            if (result.Succeeded)
            {
                result = await users.ResetAccessFailedCountAsync(user);
            }
        }
        if (!result.Succeeded)
        {
            return FromIdentity(result);
        }
        LogLockoutChanged(user.Email, lockedOut, me.UserName);
        return AdminResult.Ok;
    }

    /// <summary>Administrators who are not locked out.</summary>
    private async Task<int> AdministratorCountAsync(UserManager<AppUser> users)
    {
        var now = clock.GetUtcNow();
        return (await users.GetUsersInRoleAsync(Roles.Administrator)).Count(u => !u.IsLockedAt(now));
    }

    /// <summary>Sets the user's property access and, in the same save, the audit entry <paramref name="audit"/> builds from
    /// the access before (with the form's name and role as they are after) and after; null = nothing to record.</summary>
    private async Task SetPropertiesAsync(string userId, string email, UserForm form, Func<UserSnapshot?, UserSnapshot, AuditRecord?> audit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var codes = form.PropertyCodes.ToList();
        var wanted = await db.Properties.Where(p => form.AllProperties || codes.Contains(p.Code)).Select(p => new { p.Id, p.Code }).ToListAsync(ct);
        var wantedIds = wanted.Select(p => p.Id).ToList();
        var existing = await db.UserProperties.Where(a => a.UserId == userId).ToListAsync(ct);
        var propertyCount = await db.Properties.CountAsync(ct);
        var existingIds = existing.Select(a => a.PropertyId).ToList();
        var existingCodes = await db.Properties.Where(p => existingIds.Contains(p.Id)).Select(p => p.Code).ToListAsync(ct);
        UserSnapshot Snapshot(IReadOnlyCollection<string> propertyCodes) => new(email, form.DisplayName.Trim(), form.Role,
            propertyCount > 0 && propertyCodes.Count == propertyCount, propertyCodes.Order(StringComparer.Ordinal).ToList());
        var before = Snapshot(existingCodes);
        var after = Snapshot(wanted.Select(p => p.Code).ToList());
        db.UserProperties.RemoveRange(existing.Where(a => !wantedIds.Contains(a.PropertyId)));
        db.UserProperties.AddRange(wantedIds.Except(existingIds).Select(id => new UserPropertyAccess { UserId = userId, PropertyId = id }));
        if (audit(before, after) is { } record)
        {
            db.AddAudit(record);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds the entry to the identity store's context, so the user manager's next save writes it with the change.</summary>
    private static void AuditInIdentityStore(AsyncServiceScope scope, AuditRecord record) =>
        scope.ServiceProvider.GetRequiredService<AppDbContext>().AddAudit(record);

    private AdminResult? Check(UserForm form)
    {
        var result = validator.Validate(form);
        return result.IsValid ? null : new AdminResult(result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList());
    }

    /// <summary>Identity's own messages (e.g. the password rules), on the field they concern.</summary>
    internal const string ChangedMeanwhileMessage =
        "This user was changed meanwhile (by another administrator, or by signing in). Nothing was saved; try again.";

    internal static AdminResult FromIdentity(IdentityResult result) =>
        new(result.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure) ? new FieldError("", ChangedMeanwhileMessage) : new FieldError(
            e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(UserForm.Password)
            : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(UserForm.Email)
            : "",
            e.Description)).ToList());

    [LoggerMessage(LogLevel.Information, "User {Email} created as {Role} by {Admin}")]
    private partial void LogUserCreated(string email, string role, string admin);

    [LoggerMessage(LogLevel.Information, "User {Email} updated ({Role}) by {Admin}")]
    private partial void LogUserUpdated(string? email, string role, string admin);

    [LoggerMessage(LogLevel.Information, "Password of {Email} reset by {Admin}")]
    private partial void LogPasswordReset(string? email, string admin);

    [LoggerMessage(LogLevel.Information, "User {Email} locked out: {LockedOut} (by {Admin})")]
    private partial void LogLockoutChanged(string? email, bool lockedOut, string admin);
}

/// <summary>A user as the audit trail keeps it: no password, hash or security stamp.</summary>
internal sealed record UserSnapshot(string Email, string DisplayName, string? Role, bool AllProperties, IReadOnlyList<string> Properties)
{
    public bool Equals(UserSnapshot? other) => other is not null && Email == other.Email && DisplayName == other.DisplayName && Role == other.Role
        && AllProperties == other.AllProperties && Properties.SequenceEqual(other.Properties);

    public override int GetHashCode() => HashCode.Combine(Email, DisplayName, Role, AllProperties, Properties.Count);
}
