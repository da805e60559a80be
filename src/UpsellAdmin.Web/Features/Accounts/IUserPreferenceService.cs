namespace UpsellAdmin.Web.Features.Accounts;

/// <summary>
/// The signed-in user's remembered choices (e.g. the Rules grid's columns), kept server-side in
/// <see cref="UserPreference"/> so they follow the user to another browser. Values are small JSON documents under a
/// key; a value that no longer reads (changed shape, hand-edited) reads as "nothing remembered", never an error.
/// Without a signed-in person (anonymous, an API key) nothing is read or written.
/// </summary>
public interface IUserPreferenceService
{
    /// <summary>The value remembered under <paramref name="key"/>, or null (none, unreadable, no user).</summary>
    Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default) where T : class;

    /// <summary>Remembers <paramref name="value"/> under <paramref name="key"/> (replacing what was there). Throws
    /// <see cref="ArgumentException"/> when the key or the JSON is longer than the table allows.</summary>
    Task SetAsync<T>(string key, T value, CancellationToken cancellationToken = default) where T : class;

    /// <summary>Forgets <paramref name="key"/> (e.g. "Reset columns"); nothing remembered is fine.</summary>
    Task RemoveAsync(string key, CancellationToken cancellationToken = default);
}
