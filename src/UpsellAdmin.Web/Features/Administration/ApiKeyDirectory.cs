using UpsellAdmin.Web.Features.Common.Audit;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.Administration;

/// <summary>Who presented a key: its name, scopes and the properties it may touch (<see cref="PropertyIds"/> null = every
/// active property).</summary>
public sealed record ApiCaller(string Name, ApiScopes Scopes, IReadOnlyList<int>? PropertyIds, ApiKeySource Source);

public enum ApiKeySource
{
    /// <summary>Created on the API Keys page (stored hashed).</summary>
    Stored,

    /// <summary>From the <c>Api:Clients</c> setting (deployment automation).</summary>
    Configured,

    /// <summary><c>demo-api-key</c> or <c>demo-readonly-key</c>, in demo mode only.</summary>
    Demo,
}

/// <summary>
/// Section "Api": keys a deployment provisions without the API Keys page (a secret store, CI smoke tests).
/// <see cref="Clients"/> have a name, a key, optionally their scopes (none listed = all four, as before keys had
/// scopes) and property codes (none = every active property). <see cref="Keys"/> is the older unnamed list: each acts
/// as <see cref="UnnamedClientName"/> with every scope and property (kept so that existing deployments keep working;
/// prefer named clients or stored keys). Both obey the same scope and property checks as stored keys and are listed on
/// the API Keys page; to revoke one, remove it from the settings.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Api";

    /// <summary>The name of a key from <see cref="Keys"/>: what Upsell Activity and the audit show.</summary>
    public const string UnnamedClientName = "api-client";

    public List<ConfiguredApiClient> Clients { get; set; } = [];

    public List<string> Keys { get; set; } = [];
}

/// <summary><c>Api:Clients:0:Name</c>, <c>…:Key</c>, <c>…:Scopes:0</c> ("read", "quote", "sell", "copy"), <c>…:Properties:0</c> (codes).</summary>
public sealed class ConfiguredApiClient
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    public List<string> Scopes { get; set; } = [];
    public List<string> Properties { get; set; } = [];

    internal ApiScopes ParsedScopes => Scopes.Count == 0 ? ApiScopes.All
        : Scopes.Aggregate(ApiScopes.None, (all, s) => all | (ApiKeyDirectory.ParseScope(s) ?? ApiScopes.None));
}

internal sealed class ApiKeyOptionsValidator : AbstractValidator<ApiKeyOptions>
{
    public ApiKeyOptionsValidator()
    {
        RuleForEach(o => o.Clients).ChildRules(c =>
        {
            c.RuleFor(x => x.Name).NotEmpty().WithMessage("Api:Clients: every client needs a Name (who sold, in Upsell Activity and the audit).")
                .MaximumLength(ApiKey.NameMaxLength).WithMessage($"Api:Clients: a Name is at most {ApiKey.NameMaxLength} characters.")
                .Must(n => !ApiKeyDirectory.IsReservedName(n)).WithMessage(x => $"Api:Clients: the name '{x.Name}' is reserved for demo mode's keys.");
            c.RuleForEach(x => x.Scopes).Must(s => ApiKeyDirectory.ParseScope(s) is not null)
                .WithMessage((x, s) => $"Api:Clients '{x.Name}': unknown scope '{s}' (read, quote, sell, copy).");
        });
        RuleFor(o => o.Clients).Must(c => c.Select(x => x.Name.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() == c.Count)
            .WithMessage("Api:Clients: two clients have the same Name.");
    }
}

/// <summary>
/// Finds the caller of a presented <c>X-Api-Key</c>: configured and demo keys (compared in fixed time, all of them),
/// then stored keys by the SHA-256 of the presented key (a unique index). A stored key's answer is cached for
/// <see cref="CacheFor"/>, so a revoked key stops working within that on every instance (at once on the instance that
/// revoked it). A stored key's last use is written at most once per <see cref="LastUsedEvery"/>. Singleton.
/// </summary>
public sealed partial class ApiKeyDirectory(
    IDbContextFactory<AppDbContext> dbFactory,
    IMemoryCache cache,
    IOptionsMonitor<ApiKeyOptions> options,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<ApiKeyDirectory> logger)
{
    public const string DemoKey = "demo-api-key";
    public const string DemoReadOnlyKey = "demo-readonly-key";
    public const string DemoName = "demo";
    public const string DemoReadOnlyName = "demo-readonly";

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan LastUsedEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<int, DateTimeOffset> _lastTouched = new();

    public bool DemoModeEnabled => DemoMode.IsEnabled(configuration, environment);

    /// <summary>Demo mode's names, and the unnamed configured keys' (a stored key must not share a name with them).</summary>
    public static bool IsReservedName(string? name) =>
        new[] { DemoName, DemoReadOnlyName, ApiKeyOptions.UnnamedClientName, AuditActors.PostingWorker }.Contains(name?.Trim(), StringComparer.OrdinalIgnoreCase);

    public static ApiScopes? ParseScope(string? name) =>
        ApiScopeNames.Each.Cast<ApiScopes?>().FirstOrDefault(s => string.Equals(ApiScopeNames.Name(s!.Value), name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The caller, or null for an unknown or revoked key.</summary>
    public async Task<ApiCaller?> FindAsync(string presented, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(presented);
        if (MatchSpecial(presented) is { } special)
        {
            return await ResolveAsync(special, ct);
        }
        if (!presented.StartsWith(ApiKeySecret.Marker, StringComparison.Ordinal) || presented.Length > 200)
        {
            return null;
        }
        var hash = ApiKeySecret.Hash(presented);
        var cacheKey = CacheKey(hash);
        if (!cache.TryGetValue(cacheKey, out StoredKey? stored))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            stored = await db.Set<ApiKey>().AsNoTracking()
                .Where(k => k.KeyHash == hash && k.RevokedUtc == null)
                .Select(k => new StoredKey(k.Id, new ApiCaller(k.Name, k.Scopes,
                    k.AllProperties ? null : k.Properties.Select(p => p.PropertyId).ToList(), ApiKeySource.Stored)))
                .FirstOrDefaultAsync(ct);
            if (stored is not null)
            {
                // Only known keys: random wrong keys must not fill the cache.
                cache.Set(cacheKey, stored, CacheFor);
            }
        }
        if (stored is null)
        {
            return null;
        }
        await TouchAsync(stored.Id, ct);
        return stored.Caller;
    }

    /// <summary>Drops a key's cached answer (the instance that revokes it stops it at once).</summary>
    public void Forget(string keyHash) => cache.Remove(CacheKey(keyHash));

    /// <summary>The configured clients and, in demo mode, the demo keys (for the API Keys page and name checks).</summary>
    public IReadOnlyList<ApiCaller> Unstored()
    {
        var configured = options.CurrentValue;
        var list = configured.Clients
            .Select(c => new ApiCaller(c.Name.Trim(), c.ParsedScopes, null, ApiKeySource.Configured))
            .ToList();
        if (configured.Keys.Any(k => !string.IsNullOrWhiteSpace(k)))
        {
            list.Add(new ApiCaller(ApiKeyOptions.UnnamedClientName, ApiScopes.All, null, ApiKeySource.Configured));
        }
        if (DemoModeEnabled)
        {
            list.Add(new ApiCaller(DemoName, ApiScopes.All, null, ApiKeySource.Demo));
            list.Add(new ApiCaller(DemoReadOnlyName, ApiScopes.Read, null, ApiKeySource.Demo));
        }
        return list;
    }

    /// <summary>The configured property codes of a configured client (empty = all).</summary>
    public IReadOnlyList<string> ConfiguredProperties(string name) =>
        options.CurrentValue.Clients.FirstOrDefault(c => string.Equals(c.Name.Trim(), name, StringComparison.Ordinal))?.Properties ?? [];

    private static string CacheKey(string hash) => "api-key:" + hash;

    private sealed record StoredKey(int Id, ApiCaller Caller);

    private sealed record Special(string Name, ApiScopes Scopes, ApiKeySource Source, IReadOnlyList<string> PropertyCodes, bool FirstProperty);

    /// <summary>Compares the presented key with every configured and demo key in fixed time (the timing tells nothing).</summary>
    private Special? MatchSpecial(string presented)
    {
        var configured = options.CurrentValue;
        var candidates = configured.Clients
            .Where(c => !string.IsNullOrWhiteSpace(c.Key))
            .Select(c => (c.Key, Special: new Special(c.Name.Trim(), c.ParsedScopes, ApiKeySource.Configured, c.Properties, false)))
            .Concat(configured.Keys.Where(k => !string.IsNullOrWhiteSpace(k))
                .Select(k => (Key: k, Special: new Special(ApiKeyOptions.UnnamedClientName, ApiScopes.All, ApiKeySource.Configured, [], false))))
            .ToList();
        if (DemoModeEnabled)
        {
            candidates.Add((DemoKey, new Special(DemoName, ApiScopes.All, ApiKeySource.Demo, [], false)));
            candidates.Add((DemoReadOnlyKey, new Special(DemoReadOnlyName, ApiScopes.Read, ApiKeySource.Demo, [], true)));
        }
        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        Special? match = null;
        foreach (var (key, special) in candidates)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), presentedBytes) && match is null)
            {
                match = special;
            }
        }
        return match;
    }

    private async Task<ApiCaller> ResolveAsync(Special special, CancellationToken ct)
    {
        if (!special.FirstProperty && special.PropertyCodes.Count == 0)
        {
            return new ApiCaller(special.Name, special.Scopes, null, special.Source);
        }
        var cacheKey = "api-key-special:" + special.Name;
        if (cache.TryGetValue(cacheKey, out IReadOnlyList<int>? ids) && ids is not null)
        {
            return new ApiCaller(special.Name, special.Scopes, ids, special.Source);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (special.FirstProperty)
        {
            // demo-readonly-key: the first active property by code (none yet: no property at all).
            ids = await db.Properties.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Code).Select(p => p.Id).Take(1).ToListAsync(ct);
        }
        else
        {
            var codes = special.PropertyCodes.Select(c => c.Trim()).ToList();
            ids = await db.Properties.AsNoTracking().Where(p => codes.Contains(p.Code)).Select(p => p.Id).ToListAsync(ct);
        }
        cache.Set(cacheKey, ids, CacheFor);
        return new ApiCaller(special.Name, special.Scopes, ids, special.Source);
    }

    private async Task TouchAsync(int keyId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_lastTouched.TryGetValue(keyId, out var last) && now - last < LastUsedEvery)
        {
            return;
        }
        _lastTouched[keyId] = now;
        try
        {
            var before = now - LastUsedEvery;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Set<ApiKey>().Where(k => k.Id == keyId && (k.LastUsedUtc == null || k.LastUsedUtc < before))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedUtc, now), ct);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            LogTouchFailed(e, keyId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the last use of API key {KeyId}")]
    private partial void LogTouchFailed(Exception exception, int keyId);
}
