namespace UpsellAdmin.Web.Tests.TestSupport;

/// <summary>A clock whose timers fire only when the test says so (<see cref="Tick"/>); the time is the system's. Timers are
/// told apart by their period (MudBlazor's own components create timers through the TimeProvider too).</summary>
public sealed class ManualTimerProvider : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];

    /// <summary>Timers of this period created and not disposed.</summary>
    public int ActiveTimersOf(TimeSpan period)
    {
        lock (_timers)
        {
            return _timers.Count(t => !t.Disposed && t.Period == period);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(callback, state, period);
        lock (_timers)
        {
            _timers.Add(timer);
        }
        return timer;
    }

    /// <summary>Fires every live timer of this period once.</summary>
    public void Tick(TimeSpan period)
    {
        List<ManualTimer> live;
        lock (_timers)
        {
            live = _timers.Where(t => !t.Disposed && t.Period == period).ToList();
        }
        foreach (var timer in live)
        {
            timer.Fire();
        }
    }

    private sealed class ManualTimer(TimerCallback callback, object? state, TimeSpan period) : ITimer
    {
        public bool Disposed { get; private set; }

        public TimeSpan Period { get; private set; } = period;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Period = period;
            return !Disposed;
        }

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
