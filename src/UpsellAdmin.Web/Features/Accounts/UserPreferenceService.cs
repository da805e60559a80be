using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;

namespace UpsellAdmin.Web.Features.Accounts;

/// <summary><see cref="IUserPreferenceService"/> over the UserPreferences table (one row per user and key). Scoped.</summary>
public sealed class UserPreferenceService(IDbContextFactory<AppDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock)
    : IUserPreferenceService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default) where T : class
    {
        CheckKey(key);
        if (await UserIdAsync(cancellationToken) is not { } userId)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var json = await db.UserPreferences.AsNoTracking()
            .Where(p => p.UserId == userId && p.Key == key)
            .Select(p => p.Value)
            .FirstOrDefaultAsync(cancellationToken);
        if (json is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json);
        }
        catch (JsonException)
        {
            return null; // an older or damaged value: as if nothing were remembered
        }
    }

    public async Task SetAsync<T>(string key, T value, CancellationToken cancellationToken = default) where T : class
    {
        CheckKey(key);
        ArgumentNullException.ThrowIfNull(value);
        var json = JsonSerializer.Serialize(value, Json);
        if (json.Length > UserPreference.ValueMaxLength)
        {
            throw new ArgumentException($"A preference holds at most {UserPreference.ValueMaxLength} characters of JSON; this one has {json.Length}.", nameof(value));
        }
        if (await UserIdAsync(cancellationToken) is not { } userId)
        {
            return;
        }
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var row = await db.UserPreferences.FirstOrDefaultAsync(p => p.UserId == userId && p.Key == key, cancellationToken);
            if (row is null)
            {
                db.UserPreferences.Add(new UserPreference { UserId = userId, Key = key, Value = json, UpdatedUtc = clock.GetUtcNow() });
            }
            else
            {
                row.Value = json;
                row.UpdatedUtc = clock.GetUtcNow();
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (row is null && attempt == 0)
            {
                // Another tab of the same user inserted the key first: update that row instead.
            }
        }
    }

    public async Task RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        if (await UserIdAsync(cancellationToken) is not { } userId)
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.UserPreferences.Where(p => p.UserId == userId && p.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<string?> UserIdAsync(CancellationToken cancellationToken)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        return user.IsSystemClient || string.IsNullOrEmpty(user.UserId) ? null : user.UserId;
    }

    private static void CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Length > UserPreference.KeyMaxLength)
        {
            throw new ArgumentException($"A preference key has at most {UserPreference.KeyMaxLength} characters.", nameof(key));
        }
    }
}
