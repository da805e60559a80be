using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;

namespace UpsellAdmin.Web.Components.Shared;

/// <summary>
/// The checks a circuit's pages registered before the user's context changes under them (e.g. a property switch in
/// the top bar): each answers whether the page may be left, asking the user when it has unsaved changes. One set per
/// circuit, found through the circuit's <see cref="NavigationManager"/> (so it needs no registration of its own and
/// Components/Shared depends on no feature; CurrentPropertyState asks it).
/// </summary>
public sealed class LeaveGuards
{
    private static readonly ConditionalWeakTable<NavigationManager, LeaveGuards> PerCircuit = new();
    private readonly List<Func<string, Task<bool>>> _guards = [];

    public static LeaveGuards For(NavigationManager navigation) => PerCircuit.GetValue(navigation, _ => new LeaveGuards());

    /// <summary>Adds a check (given what the user is about to do, e.g. "switch property"); dispose to remove it.</summary>
    public IDisposable Add(Func<string, Task<bool>> mayLeave)
    {
        ArgumentNullException.ThrowIfNull(mayLeave);
        _guards.Add(mayLeave);
        return new Registration(() => _guards.Remove(mayLeave));
    }

    /// <summary>True when every registered check lets the user go on (none had unsaved changes, or they chose Discard).</summary>
    public async Task<bool> MayLeaveAsync(string action)
    {
        foreach (var guard in _guards.ToList())
        {
            if (!await guard(action))
            {
                return false;
            }
        }
        return true;
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }
}
