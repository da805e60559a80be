using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Data.Seeding;

/// <summary>
/// Demo roles and users (demo mode only), idempotent: the three roles, one user per role with the demo password,
/// each with access to every demo property. Kept apart from the reference-data seed, which the Mews sync replaces.
/// </summary>
public static class IdentitySeeder
{
    public const string DemoPassword = "UpsellDemo1!";
    public const string AdminEmail = "admin@demo.local";
    public const string RevenueEmail = "revenue@demo.local";
    public const string FrontDeskEmail = "frontdesk@demo.local";

    public static readonly IReadOnlyList<(string Email, string DisplayName, string Role)> DemoUsers =
    [
        (AdminEmail, "Ada Admin", Roles.Administrator),
        (RevenueEmail, "Remy Revenue", Roles.RevenueManager),
        (FrontDeskEmail, "Frankie Frontdesk", Roles.FrontDesk),
    ];

    public static async Task SeedAsync(UserManager<AppUser> users, RoleManager<IdentityRole> roles, AppDbContext db,
        IReadOnlyCollection<string> propertyCodes, ILogger logger, CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Ensure(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        var propertyIds = await db.Properties.AsNoTracking()
            .Where(p => propertyCodes.Contains(p.Code))
            .Select(p => p.Id)
            .ToListAsync(ct);
        var created = 0;
        foreach (var (email, displayName, role) in DemoUsers)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
                Ensure(await users.CreateAsync(user, DemoPassword), $"create user {email}");
                created++;
            }
            if (!await users.IsInRoleAsync(user, role))
            {
                Ensure(await users.AddToRoleAsync(user, role), $"add {email} to {role}");
            }
            var userId = user.Id;
            var has = await db.UserProperties.Where(a => a.UserId == userId).Select(a => a.PropertyId).ToListAsync(ct);
            db.UserProperties.AddRange(propertyIds.Except(has).Select(id => new UserPropertyAccess { UserId = userId, PropertyId = id }));
        }
        await db.SaveChangesAsync(ct);
        if (created > 0)
        {
            logger.LogInformation("Demo users seeded: {Count} created ({Emails})", created, string.Join(", ", DemoUsers.Select(u => u.Email)));
        }
    }

    /// <summary>
    /// Outside demo mode: locks every demo user that still has the published demo password (a database once run in demo
    /// mode — the default before demo mode needed Development — keeps admin@demo.local and its friends). Returns how many
    /// were locked; an Administrator unlocks a user after giving it a new password on the Users page.
    /// </summary>
    public static async Task<int> LockPublishedDemoPasswordsAsync(UserManager<AppUser> users, ILogger logger)
    {
        var locked = 0;
        foreach (var (email, _, _) in DemoUsers)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null || user.IsLockedAt(DateTimeOffset.UtcNow) || !await users.CheckPasswordAsync(user, DemoPassword))
            {
                continue;
            }
            Ensure(await users.SetLockoutEnabledAsync(user, true), $"enable lockout of {email}");
            Ensure(await users.SetLockoutEndDateAsync(user, AppUser.AdministratorLockEnd), $"lock {email}");
            locked++;
            logger.LogWarning("Demo mode is off, and demo user {Email} still has the published demo password: locked. "
                + "An Administrator can give it a new password and unlock it on the Users page", email);
        }
        return locked;
    }

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
