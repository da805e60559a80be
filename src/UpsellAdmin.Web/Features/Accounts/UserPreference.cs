using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpsellAdmin.Web.Features.Accounts;

/// <summary>One remembered choice of one user (e.g. the Rules grid's columns), as a small JSON value under a key.
/// Kept server-side so it follows the user to any browser.</summary>
public sealed class UserPreference
{
    public const int KeyMaxLength = 100;
    public const int ValueMaxLength = 4000;

    public string UserId { get; set; } = "";
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTimeOffset UpdatedUtc { get; set; }
}

internal sealed class UserPreferenceConfiguration : IEntityTypeConfiguration<UserPreference>
{
    public void Configure(EntityTypeBuilder<UserPreference> b)
    {
        b.HasKey(x => new { x.UserId, x.Key });
        b.Property(x => x.Key).HasMaxLength(UserPreference.KeyMaxLength);
        b.Property(x => x.Value).HasMaxLength(UserPreference.ValueMaxLength).IsRequired();
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
