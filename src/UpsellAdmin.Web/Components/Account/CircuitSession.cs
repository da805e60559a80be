using Microsoft.AspNetCore.Components.Server.Circuits;

namespace UpsellAdmin.Web.Components.Account;

/// <summary>
/// One open page's (circuit's) session: when the user last did something in it, and why it was signed out. Scoped, so
/// one per circuit; <see cref="CircuitActivityHandler"/> touches it, the revalidating authentication state provider
/// reads it, <c>RedirectToLogin</c> passes the reason on to the login page.
/// </summary>
public sealed class CircuitSession(TimeProvider clock)
{
    private long _lastActivityTicks = clock.GetUtcNow().UtcTicks;

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    /// <summary><see cref="SessionEndReasons"/>, or null while signed in (or signed out for another reason).</summary>
    public string? EndReason { get; set; }

    public void Touch() => Interlocked.Exchange(ref _lastActivityTicks, clock.GetUtcNow().UtcTicks);
}

/// <summary>
/// Counts everything the browser sends into the circuit as activity: UI events, navigation, JS calls into .NET and
/// their answers. A page that re-renders on a server timer with nobody at it sends none of these, so it goes idle.
/// </summary>
internal sealed class CircuitActivityHandler(CircuitSession session) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            session.Touch();
            return next(context);
        };
}
