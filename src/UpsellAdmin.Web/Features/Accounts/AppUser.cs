using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpsellAdmin.Web.Features.Accounts;

/// <summary>The three roles of the product. FrontDesk reads; RevenueManager edits; Administrator also manages
/// properties and users.</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string RevenueManager = nameof(RevenueManager);
    public const string FrontDesk = nameof(FrontDesk);

    /// <summary>For [Authorize(Roles = ...)]: who may change rules, configuration and loyalty.</summary>
    public const string Editors = Administrator + "," + RevenueManager;

    public static readonly IReadOnlyList<string> All = [Administrator, RevenueManager, FrontDesk];

    /// <summary>Not a user role: the role an API key's principal carries (never given to a user, not in <see cref="All"/>).</summary>
    public const string SystemClient = nameof(SystemClient);

    /// <summary>The role as people read it on screen ("Revenue Manager"); <see cref="All"/> holds the stored names.</summary>
    public static string Label(string? role) => role switch
    {
        Administrator => "Administrator",
        RevenueManager => "Revenue Manager",
        FrontDesk => "Front Desk",
        null => "No role",
        _ => role,
    };
}

public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 80;

    /// <summary>An administrator's lock has no end, unlike Identity's lock after failed sign-ins (the login page tells
    /// the two apart by it).</summary>
    public static readonly DateTimeOffset AdministratorLockEnd = DateTimeOffset.MaxValue;

    public string DisplayName { get; set; } = "";

    /// <summary>Locked at <paramref name="now"/>: by an administrator, or by Identity after failed sign-ins.</summary>
    public bool IsLockedAt(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    /// <summary>Properties this user may see. Administrators see every property whatever this holds.</summary>
    public List<UserPropertyAccess> Properties { get; set; } = [];
}

/// <summary>Which properties a user may see (and, for editors, edit).</summary>
public sealed class UserPropertyAccess
{
    public string UserId { get; set; } = "";
    /// <summary>The property (Properties configures the foreign key: Accounts sits below Properties).</summary>
    public int PropertyId { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
        b.HasMany(u => u.Properties).WithOne().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserPropertyAccessConfiguration : IEntityTypeConfiguration<UserPropertyAccess>
{
    public void Configure(EntityTypeBuilder<UserPropertyAccess> b)
    {
        b.HasKey(a => new { a.UserId, a.PropertyId });
    }
}
