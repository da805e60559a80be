using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.Selling;

/// <summary>
/// Upsell Activity (every role; Front Desk sees only its properties — the service scopes by property access): every
/// upsell, newest first, paged in SQL; filters by property, sale dates, agent and status; a detail dialog; Undo on
/// Posted, Retry on Rejected. While a row on screen is Pending or waits for its undo, the page reads again every few
/// seconds, so the agent sees the worker's progress without pressing Refresh.
/// </summary>
public sealed partial class UpsellActivityPage
{
    /// <summary>How often the page reads again while a visible row is still moving (Pending, undo pending).</summary>
    public static readonly TimeSpan AutoRefreshInterval = TimeSpan.FromSeconds(3);
    private const int ErrorShown = 40;

    [Inject] private ISellingService Selling { get; set; } = default!;
    [Inject] private CurrentPropertyState PropertyState { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private readonly CancellationTokenSource _cts = new();
    private MudDataGrid<UpsellSaleView>? _grid;
    private ITimer? _timer;
    private int? _propertyId;
    private DateTime? _from;
    private DateTime? _to;
    private string? _agent;
    private UpsellStatus? _status;
    private int _total;
    private bool _moving;
    private bool _busy;
    private bool _disposed;
    /// <summary>An upsell just undone or retried: read again until its status moves away from <c>From</c> (the worker
    /// may settle it between two reads, or a read may land before its queued state is visible), at most a minute.</summary>
    private (Guid Id, UpsellStatus From, DateTimeOffset Until)? _awaiting;

    protected override Task OnInitializedAsync() => PropertyState.EnsureLoadedAsync(_cts.Token);

    private UpsellActivityFilter Filter => new(_propertyId, _from is { } f ? DateOnly.FromDateTime(f) : null, _to is { } t ? DateOnly.FromDateTime(t) : null,
        string.IsNullOrWhiteSpace(_agent) ? null : _agent.Trim(), _status);

    private async Task<GridData<UpsellSaleView>> LoadRowsAsync(GridState<UpsellSaleView> state, CancellationToken cancellationToken)
    {
        var page = await Selling.ListAsync(Filter, new PageRequest(state.Page, state.PageSize), cancellationToken);
        _total = page.TotalItems;
        if (_awaiting is { } a && (Clock.GetUtcNow() > a.Until || page.Items.Any(s => s.UpsellId == a.Id && s.Status != a.From)))
        {
            _awaiting = null;
        }
        _moving = page.Items.Any(s => s.Status == UpsellStatus.Pending || s.UndoPending || s.UpsellId == _awaiting?.Id);
        SetAutoRefresh(_moving);
        return new GridData<UpsellSaleView> { Items = page.Items, TotalItems = page.TotalItems };
    }

    /// <summary>Runs the timer only while something on screen is still moving; one timer, disposed with the page.</summary>
    private void SetAutoRefresh(bool on)
    {
        if (_disposed)
        {
            return;
        }
        if (on && _timer is null)
        {
            _timer = Clock.CreateTimer(_ => _ = TickAsync(), null, AutoRefreshInterval, AutoRefreshInterval);
        }
        else if (!on && _timer is not null)
        {
            _timer.Dispose();
            _timer = null;
        }
    }

    private async Task TickAsync()
    {
        try
        {
            await InvokeAsync(ReloadAsync);
        }
        catch (ObjectDisposedException)
        {
            // The page closed between the tick and its read.
        }
    }

    private async Task ReloadAsync()
    {
        if (_grid is not null && !_disposed)
        {
            await _grid.ReloadServerData();
        }
    }

    private string StatusLine =>
        $"{_total} upsell{(_total == 1 ? "" : "s")}. Dates are the selected property's days (UTC days for all properties)."
        + (_moving ? $" Posting to Mews: this list reads again every {AutoRefreshInterval.TotalSeconds:0} seconds." : "");

    private async Task OnPropertyChangedAsync(int? propertyId)
    {
        _propertyId = propertyId;
        await ReloadAsync();
    }

    private async Task OnFromChangedAsync(DateTime? from)
    {
        _from = from;
        await ReloadAsync();
    }

    private async Task OnToChangedAsync(DateTime? to)
    {
        _to = to;
        await ReloadAsync();
    }

    private async Task OnAgentChangedAsync(string? agent)
    {
        _agent = agent;
        await ReloadAsync();
    }

    private async Task OnStatusChangedAsync(UpsellStatus? status)
    {
        _status = status;
        await ReloadAsync();
    }

    private async Task OnRowClickAsync(DataGridRowClickEventArgs<UpsellSaleView> args)
    {
        var parameters = new DialogParameters<UpsellSaleDialog> { { d => d.Sale, args.Item }, { d => d.LocalTime, SoldAt } };
        await Dialogs.ShowAsync<UpsellSaleDialog>($"Upsell {args.Item.ReservationNumber} · {args.Item.What}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true });
    }

    private async Task UndoAsync(UpsellSaleView sale)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = $"Undo {sale.What} for {sale.GuestName}?",
            Message = $"Reservation {sale.ReservationNumber}: the original room type is restored in Mews and the {Money(sale.TotalAmount, sale.CurrencyCode)} are taken back. "
                + "This is possible until the guest checks in.",
            YesText = "Undo sale",
            CancelText = "Keep it",
        });
        if (confirmed == true)
        {
            await RunAsync(sale, () => Selling.UndoAsync(sale.UpsellId, CancellationToken.None));
        }
    }

    private Task RetryAsync(UpsellSaleView sale) => RunAsync(sale, () => Selling.RetryAsync(sale.UpsellId, CancellationToken.None));

    private async Task RunAsync(UpsellSaleView sale, Func<Task<SaleResult>> action)
    {
        _busy = true;
        try
        {
            var result = await action();
            // A refusal (already undone, guest checked in, …) is the service's message, shown as such.
            Snackbar.Add(result.Message, result.Succeeded ? Severity.Info : Severity.Warning);
            if (result.Succeeded)
            {
                _awaiting = (sale.UpsellId, sale.Status, Clock.GetUtcNow().AddMinutes(1)); // queued for the worker: follow it
            }
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The sale's moment in its property's local time (the properties the user may see carry their time zone).</summary>
    private string SoldAt(UpsellSaleView sale)
    {
        var zone = PropertyState.Properties.FirstOrDefault(p => p.Id == sale.PropertyId)?.TimeZone;
        var local = zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var z) ? TimeZoneInfo.ConvertTime(sale.SoldUtc, z) : sale.SoldUtc;
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    internal static string KindText(UpsellKind kind) => kind == UpsellKind.RoomUpgrade ? "Upgrade" : "Add-on";

    internal static string Money(decimal amount, string currency) => $"{amount.ToString("#,0.00", CultureInfo.InvariantCulture)} {currency}";

    private static string? Truncate(string? text) => text is null || text.Length <= ErrorShown ? text : text[..(ErrorShown - 1)] + "…";

    public void Dispose()
    {
        _disposed = true;
        _timer?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
