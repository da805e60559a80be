using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Common;
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
        await SetPropertiesAsync(user.Id, form, cancellationToken);
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
        await SetPropertiesAsync(user.Id, form, cancellationToken);
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
        return (await users.GetUsersInRoleAsync(Roles.Administrator)).Count(u => u.LockoutEnd is not { } end || end <= now);
    }

    private async Task SetPropertiesAsync(string userId, UserForm form, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var codes = form.PropertyCodes.ToList();
        var wanted = await db.Properties.Where(p => form.AllProperties || codes.Contains(p.Code)).Select(p => p.Id).ToListAsync(ct);
        var existing = await db.UserProperties.Where(a => a.UserId == userId).ToListAsync(ct);
        db.UserProperties.RemoveRange(existing.Where(a => !wanted.Contains(a.PropertyId)));
        db.UserProperties.AddRange(wanted.Except(existing.Select(a => a.PropertyId)).Select(id => new UserPropertyAccess { UserId = userId, PropertyId = id }));
        await db.SaveChangesAsync(ct);
    }

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
