using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Features.Administration;

/// <summary>
/// The first Administrator outside demo mode: with <c>Bootstrap:AdminEmail</c> and <c>Bootstrap:AdminPassword</c>
/// set and no Administrator in the database, creates that user (or promotes it when it exists) as Administrator with
/// access to every property. Does nothing once any Administrator exists. The password is never logged.
/// </summary>
public static partial class AdministratorBootstrap
{
    public const string EmailKey = "Bootstrap:AdminEmail";
    public const string PasswordKey = "Bootstrap:AdminPassword";

    /// <summary>Returns true when it created (or promoted) the administrator.</summary>
    public static async Task<bool> EnsureBootstrapAdministratorAsync(this IServiceProvider services, IConfiguration configuration,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var email = configuration[EmailKey]?.Trim();
        var password = configuration[PasswordKey];
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password)
            || services.GetService<UserManager<AppUser>>() is not { } users
            || services.GetService<RoleManager<IdentityRole>>() is not { } roles)
        {
            return false;
        }
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdministratorBootstrap).FullName!);
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Ensure(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }
        // A locked Administrator does not count (e.g. the demo admin, locked at start outside demo mode): the instance
        // would otherwise have no way in.
        if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Any(u => !u.IsLockedAt(DateTimeOffset.UtcNow)))
        {
            return false;
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator" };
            Ensure(await users.CreateAsync(user, password), $"create the bootstrap administrator {email} ({EmailKey})");
        }
        Ensure(await users.AddToRoleAsync(user, Roles.Administrator), $"make {email} Administrator");

        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        var userId = user.Id;
        var has = await db.UserProperties.Where(a => a.UserId == userId).Select(a => a.PropertyId).ToListAsync(cancellationToken);
        var all = await db.Properties.Select(p => p.Id).ToListAsync(cancellationToken);
        db.UserProperties.AddRange(all.Except(has).Select(id => new UserPropertyAccess { UserId = userId, PropertyId = id }));
        await db.SaveChangesAsync(cancellationToken);
        LogCreated(logger, email, all.Count);
        return true;
    }

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(LogLevel.Information, "No Administrator found: bootstrap administrator {Email} created with access to {PropertyCount} properties")]
    private static partial void LogCreated(ILogger logger, string email, int propertyCount);
}
