namespace UpsellAdmin.Web.Components.Account;

/// <summary>
/// Section "Session": how long a sign-in lasts. <see cref="IdleTimeout"/> without activity (no page request, nothing
/// done in an open page) signs the user out; <see cref="AbsoluteTimeout"/> after the password was entered it ends
/// however active the user is.
/// </summary>
public sealed class SessionOptions
{
    public const string SectionName = "Session";

    /// <summary>Signed out after this long without activity (default 1 hour).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Signed out this long after signing in, active or not (default 8 hours).</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often an open page checks its session (idle, expired, signed out elsewhere, role changed): one
    /// indexed lookup per open page and interval (default 1 minute).</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>While the user clicks and types in an open page (which makes no HTTP request), the page renews the
    /// cookie this often: a quarter of the idle timeout, between 1 second and 5 minutes.</summary>
    public TimeSpan KeepAliveInterval =>
        TimeSpan.FromTicks(Math.Clamp(IdleTimeout.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.FromMinutes(5).Ticks));

    internal static string? Validate(SessionOptions o) =>
        o.IdleTimeout <= TimeSpan.Zero || o.AbsoluteTimeout <= TimeSpan.Zero || o.RevalidationInterval <= TimeSpan.Zero
            ? "Session: IdleTimeout, AbsoluteTimeout and RevalidationInterval must be positive."
            : o.AbsoluteTimeout < o.IdleTimeout
                ? "Session: AbsoluteTimeout must not be shorter than IdleTimeout."
                : null;

    /// <summary>"1 hour", "8 hours", "30 minutes", "5 seconds": for the messages on the login page.</summary>
    public static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? Plural((int)span.TotalHours, "hour")
        : span.TotalMinutes >= 1 && span.TotalMinutes == Math.Floor(span.TotalMinutes) ? Plural((int)span.TotalMinutes, "minute")
        : Plural((int)Math.Ceiling(span.TotalSeconds), "second");

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}

/// <summary>Why an open page was signed out; the login page says it (query parameter <c>reason</c>).</summary>
public static class SessionEndReasons
{
    public const string Idle = "idle";
    public const string Expired = "expired";
}
