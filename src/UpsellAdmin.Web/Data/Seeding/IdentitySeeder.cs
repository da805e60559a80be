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

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
