using UpsellAdmin.Web.Features.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.Administration;

/// <summary>What an API key may do. Every <c>/api</c> endpoint requires exactly one of them.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,

    /// <summary>Properties, rules, reservations, upsells and rule history: read only.</summary>
    Read = 1,

    /// <summary>Prices: evaluate a rule, a reservation's offers.</summary>
    Quote = 2,

    /// <summary>Sell an offer, undo a sale.</summary>
    Sell = 4,

    /// <summary>Copy rules between properties (dry run included).</summary>
    Copy = 8,

    All = Read | Quote | Sell | Copy,
}

/// <summary>The scopes' names as the API, the claims and the page write them ("read", "quote", "sell", "copy").</summary>
public static class ApiScopeNames
{
    public static readonly IReadOnlyList<ApiScopes> Each = [ApiScopes.Read, ApiScopes.Quote, ApiScopes.Sell, ApiScopes.Copy];

    public static string Name(ApiScopes scope) => scope switch
    {
        ApiScopes.Read => "read",
        ApiScopes.Quote => "quote",
        ApiScopes.Sell => "sell",
        ApiScopes.Copy => "copy",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "One scope, not a combination."),
    };

    public static IReadOnlyList<string> Names(ApiScopes scopes) => Each.Where(s => scopes.HasFlag(s)).Select(Name).ToList();

    public static string Describe(ApiScopes scope) => scope switch
    {
        ApiScopes.Read => "read properties, rules, reservations, upsells and history",
        ApiScopes.Quote => "evaluate rules and read a reservation's offers",
        ApiScopes.Sell => "sell offers and undo sales",
        ApiScopes.Copy => "copy rules between properties",
        _ => Name(scope),
    };
}

/// <summary>
/// An API key an Administrator created on the API Keys page. Only the SHA-256 of the key is stored (the key has 256
/// random bits, so a plain hash is enough), with its first characters (<see cref="Prefix"/>) to recognise it in the
/// list. The <see cref="Name"/> is who the key is: the agent of its sales ("API: {name}"), the copy log's and the audit's
/// "by", the scope of its Idempotency-Keys. Unique for ever (a revoked key keeps its name).
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 100;
    public const int PrefixLength = 12;
    public const int HashLength = 64;
    public const int ByMaxLength = 256;

    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The key's first <see cref="PrefixLength"/> characters (e.g. <c>upk_3fA9xQ2b</c>).</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole key (UTF-8).</summary>
    public string KeyHash { get; set; } = "";

    public ApiScopes Scopes { get; set; }

    /// <summary>True: every active property, also those a later sync adds; false: only <see cref="Properties"/>.</summary>
    public bool AllProperties { get; set; }

    public List<ApiKeyProperty> Properties { get; set; } = [];

    public DateTimeOffset CreatedUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? RevokedUtc { get; set; }
    public string? RevokedBy { get; set; }

    /// <summary>When the key last authenticated a request, to the minute (written at most once a minute).</summary>
    public DateTimeOffset? LastUsedUtc { get; set; }

    public bool IsRevoked => RevokedUtc is not null;
}

/// <summary>A property a key limited to properties may touch.</summary>
public sealed class ApiKeyProperty
{
    public int ApiKeyId { get; set; }
    public int PropertyId { get; set; }
}

/// <summary>Making and hashing keys: <c>upk_</c> + 43 characters of base64url (32 random bytes).</summary>
public static class ApiKeySecret
{
    public const string Marker = "upk_";

    public static string NewKey() =>
        Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    public static string PrefixOf(string key) => key.Length <= ApiKey.PrefixLength ? key : key[..ApiKey.PrefixLength];
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    private static readonly ValueConverter<DateTimeOffset, DateTime> Utc = UtcColumns.Converter;

    private static readonly ValueConverter<DateTimeOffset?, DateTime?> NullableUtc = UtcColumns.NullableConverter;

    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("ApiKeys");
        b.HasKey(k => k.Id);
        b.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength).IsRequired();
        b.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength).IsRequired();
        b.Property(k => k.KeyHash).HasMaxLength(ApiKey.HashLength).IsFixedLength().IsUnicode(false).IsRequired();
        b.Property(k => k.CreatedBy).HasMaxLength(ApiKey.ByMaxLength).IsRequired();
        b.Property(k => k.RevokedBy).HasMaxLength(ApiKey.ByMaxLength);
        b.Property(k => k.CreatedUtc).HasConversion(Utc);
        b.Property(k => k.RevokedUtc).HasConversion(NullableUtc);
        b.Property(k => k.LastUsedUtc).HasConversion(NullableUtc);
        b.Ignore(k => k.IsRevoked);
        b.HasIndex(k => k.Name).IsUnique();
        // Every request looks its key up by hash.
        b.HasIndex(k => k.KeyHash).IsUnique();
        b.HasMany(k => k.Properties).WithOne().HasForeignKey(p => p.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyPropertyConfiguration : IEntityTypeConfiguration<ApiKeyProperty>
{
    public void Configure(EntityTypeBuilder<ApiKeyProperty> b)
    {
        b.ToTable("ApiKeyProperties");
        b.HasKey(p => new { p.ApiKeyId, p.PropertyId });
        // Properties are deactivated, not deleted; Restrict keeps SQL Server to one cascade path.
        b.HasOne<Property>().WithMany().HasForeignKey(p => p.PropertyId).OnDelete(DeleteBehavior.Restrict);
    }
}
