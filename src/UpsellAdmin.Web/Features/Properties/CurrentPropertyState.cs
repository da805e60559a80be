
using Microsoft.AspNetCore.Components;
using UpsellAdmin.Web.Components.Shared;

namespace UpsellAdmin.Web.Features.Properties;

/// <summary>
/// The property the user is working on, shared by the app bar's picker and every page of the circuit (scoped =
/// one per circuit). Holds only the properties the user may see.
/// </summary>
/// <param name="navigation">The circuit's navigation manager: through it the pages' <see cref="LeaveGuards"/> (unsaved
/// changes) are asked before a switch. Null outside a circuit (no page can have unsaved changes there).</param>
public sealed class CurrentPropertyState(IPropertyService properties, NavigationManager? navigation = null)
{
    private Task? _loading;

    public IReadOnlyList<PropertySummary> Properties { get; private set; } = [];

    public PropertySummary? Current { get; private set; }

    /// <summary>Raised after <see cref="Current"/> changed; handlers run on the circuit's thread.</summary>
    public event Func<Task>? Changed;

    public Task EnsureLoadedAsync(CancellationToken cancellationToken = default) =>
        _loading ??= LoadAsync(cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Properties = await properties.GetVisibleAsync(cancellationToken);
        Current ??= Properties.FirstOrDefault();
    }

    /// <summary>
    /// Switches to the given property if the user may see it and no page's <see cref="LeaveGuards"/> check refuses (the
    /// user chose to stay with unsaved changes); returns whether it is now current.
    /// </summary>
    public async Task<bool> SelectAsync(int propertyId)
    {
        await EnsureLoadedAsync();
        if (Current?.Id == propertyId)
        {
            return true;
        }
        var next = Properties.FirstOrDefault(p => p.Id == propertyId);
        if (next is null)
        {
            return false;
        }
        if (navigation is not null && !await LeaveGuards.For(navigation).MayLeaveAsync("switch property"))
        {
            return false;
        }
        Current = next;
        if (Changed is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
            {
                await handler();
            }
        }
        return true;
    }

}
