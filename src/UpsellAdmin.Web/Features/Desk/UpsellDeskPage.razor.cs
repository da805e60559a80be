using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using UpsellAdmin.Connector;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Quotes;

namespace UpsellAdmin.Web.Features.Desk;

/// <summary>
/// The Upsell Desk (every role): the current property's arrivals for a day or a range (up to 14 days), or its
/// in-house guests, read from Mews; per reservation how many upgrades it can really get and the best one. Clicking a
/// reservation opens its offers. Mews failing is shown with its message; the last rows stay.
/// </summary>
public sealed partial class UpsellDeskPage
{
    [Inject] private CurrentPropertyState Properties { get; set; } = default!;
    [Inject] private IUpsellDeskService Desk { get; set; } = default!;
    [Inject] private IDeskSelling Selling { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private readonly CancellationTokenSource _cts = new();
    private PropertySummary? _property;
    private DeskBoard? _board;
    private IReadOnlyDictionary<string, IReadOnlyList<DeskSale>> _sales = new Dictionary<string, IReadOnlyList<DeskSale>>();
    private bool _inHouse;
    private DateTime? _from;
    private DateTime? _to;
    private string? _search;
    private string? _error;
    private bool _busy;
    private bool _noProperty;
    private int _loadGeneration; // a read answered after a newer one started (another property, day, tab) is dropped

    protected override async Task OnInitializedAsync()
    {
        Properties.Changed += OnPropertyChangedAsync;
        await Properties.EnsureLoadedAsync(_cts.Token);
        await LoadAsync(refresh: false);
    }

    private DeskWindow Window
    {
        get
        {
            var today = _property is null ? DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime) : QuoteDates.Today(Clock, _property.TimeZone);
            if (_inHouse)
            {
                return DeskWindow.InHouseOn(today);
            }
            var from = _from is { } f ? DateOnly.FromDateTime(f) : today;
            var to = _to is { } t ? DateOnly.FromDateTime(t) : from;
            return new DeskWindow(from, to);
        }
    }

    private async Task LoadAsync(bool refresh)
    {
        _property = Properties.Current;
        if (_property is null)
        {
            _noProperty = true;
            return;
        }
        _noProperty = false;
        if (!_inHouse && _from is null)
        {
            var today = QuoteDates.Today(Clock, _property.TimeZone).ToDateTime(TimeOnly.MinValue);
            (_from, _to) = (today, today);
        }
        var window = Window;
        if (window.Problem is { } problem)
        {
            _error = problem;
            return;
        }

        var generation = ++_loadGeneration;
        _busy = true;
        _error = null;
        DeskBoard? board = null;
        string? error = null;
        var answered = false;
        try
        {
            board = await Desk.GetBoardAsync(_property.Id, window, refresh, _cts.Token);
            answered = true;
            if (board is null)
            {
                error = "The property does not exist or you may not see it.";
            }
        }
        catch (MewsApiException e)
        {
            error = $"Mews did not answer the desk's request ({e.Message}). The rows below are from the last read; try Refresh.";
        }
        catch (DeskUnavailableException e)
        {
            error = e.Message;
        }
        catch (HttpRequestException e)
        {
            error = $"Mews could not be reached ({e.Message}). The rows below are from the last read; try Refresh.";
        }
        if (generation != _loadGeneration)
        {
            return; // superseded: the newer read owns the board, the error and the busy flag
        }
        _busy = false;
        _error = error;
        if (answered)
        {
            _board = board; // null: the property is gone or hidden; after a Mews failure the last rows stay
            await LoadSalesAsync(generation);
        }
    }

    /// <summary>The "Sold" column: what was sold to the board's reservations, in one query for the whole board.</summary>
    private async Task LoadSalesAsync(int generation)
    {
        if (_board is not { } board || _property is not { } property)
        {
            _sales = new Dictionary<string, IReadOnlyList<DeskSale>>();
            return;
        }
        var sales = await Selling.SalesOfAsync(property.Id, board.Rows.Select(r => r.Reservation.ReservationId).ToList(), _cts.Token);
        if (generation == _loadGeneration)
        {
            _sales = sales;
        }
    }

    private IReadOnlyList<DeskSale> SalesOf(DeskRow row) => _sales.TryGetValue(row.Reservation.ReservationId, out var sales) ? sales : [];

    private IEnumerable<DeskRow> FilteredRows =>
        string.IsNullOrWhiteSpace(_search) || _board is null
            ? _board?.Rows ?? []
            : _board.Rows.Where(r => Matches(r.Reservation, _search.Trim()));

    private static bool Matches(DeskReservation r, string text) =>
        r.GuestName.Contains(text, StringComparison.CurrentCultureIgnoreCase)
        || r.Number.Contains(text, StringComparison.OrdinalIgnoreCase)
        || (r.AssignedRoom?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);

    private string ReadText => _board is null
        ? ""
        : (_board.Window.InHouse
            ? $"{_board.Rows.Count} guest{(_board.Rows.Count == 1 ? "" : "s")} in house, read from Mews for {_board.Property.Code} at"
            : $"{_board.Rows.Count} arrival{(_board.Rows.Count == 1 ? "" : "s")} read from Mews for {_board.Property.Code} at")
          + $" {_board.ReadAt.ToOffset(TimeSpan.Zero):HH:mm:ss} UTC "
          + $"({_board.MewsRequests} Mews requests; reused for a minute, Refresh reads again). Offers need {_board.MinimumFreeRooms} free room{(_board.MinimumFreeRooms == 1 ? "" : "s")} of their type every night.";

    private string EmptyText => _inHouse ? "No guest is in house." : string.IsNullOrWhiteSpace(_search) ? "No arrivals in this range." : "No reservation matches the search.";

    private async Task OnModeChangedAsync(bool inHouse)
    {
        _inHouse = inHouse;
        await LoadAsync(refresh: false);
    }

    private async Task OnFromChangedAsync(DateTime? from)
    {
        _from = from;
        if (_to is { } to && from is { } f && to < f)
        {
            _to = f;
        }
        await LoadAsync(refresh: false);
    }

    private async Task OnToChangedAsync(DateTime? to)
    {
        _to = to;
        await LoadAsync(refresh: false);
    }

    private async Task OnRowClickAsync(DataGridRowClickEventArgs<DeskRow> args)
    {
        if (_property is null)
        {
            return;
        }
        var parameters = new DialogParameters<DeskOffersDialog>
        {
            { d => d.PropertyId, _property.Id },
            { d => d.Window, Window },
            { d => d.Reservation, args.Item.Reservation },
        };
        var dialog = await Dialogs.ShowAsync<DeskOffersDialog>($"Offers for {args.Item.Reservation.GuestName}", parameters, DeskOffersDialog.Options);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: true })
        {
            await LoadAsync(refresh: true); // the offers changed in Mews: the board's read is stale
        }
        else
        {
            await LoadSalesAsync(_loadGeneration); // something may have been sold or undone: the Sold column, without a Mews read
        }
    }

    private string Money(decimal amount) =>
        $"{amount.ToString("#,0.00", CultureInfo.InvariantCulture)} {_property?.CurrencyCode}";

    private async Task OnPropertyChangedAsync()
    {
        _board = null;
        (_from, _to) = (null, null); // today in the new property's time zone
        await LoadAsync(refresh: false);
        await InvokeAsync(StateHasChanged);
    }

    public void Dispose()
    {
        Properties.Changed -= OnPropertyChangedAsync;
        _cts.Cancel();
        _cts.Dispose();
    }
}
