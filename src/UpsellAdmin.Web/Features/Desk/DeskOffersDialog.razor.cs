using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using UpsellAdmin.Connector;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.Desk;

/// <summary>The offers of one desk reservation (see the .razor). Reads through <see cref="IUpsellDeskService"/>, which
/// reuses the desk's last Mews read of the window; sells, records declines and presentations through <see cref="IDeskSelling"/>.
/// Closes with <c>true</c> when the offers changed in Mews (the desk then reads its board again).</summary>
public sealed partial class DeskOffersDialog : IDisposable
{
    public static DialogOptions Options { get; } = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true };

    [CascadingParameter] private IMudDialogInstance? MudDialog { get; set; }

    [Parameter, EditorRequired] public int PropertyId { get; set; }
    [Parameter, EditorRequired] public DeskWindow Window { get; set; } = default!;
    [Parameter, EditorRequired] public DeskReservation Reservation { get; set; } = default!;

    [Inject] private IUpsellDeskService Desk { get; set; } = default!;
    [Inject] private IDeskSelling Selling { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ILogger<DeskOffersDialog> Logger { get; set; } = default!;

    /// <summary>The offer being confirmed (sold or declined), shown instead of the list.</summary>
    private sealed record Pending(DeskOffer? Upgrade, DeskAddOnOffer? AddOn, bool Decline)
    {
        public string OfferId => Upgrade?.OfferId ?? AddOn!.OfferId;
    }

    private readonly CancellationTokenSource _cts = new();
    private DeskOffers? _offers;
    private List<DeskSale> _sales = [];
    private Pending? _confirm;
    private string? _error;
    private string? _saleError;
    private string? _changedMessage;
    private bool _loading = true;
    private bool _busy;
    private bool _whyNot;
    /// <summary>After Mews said the offer changed, the desk's cached read is stale: read Mews again for this dialog.</summary>
    private bool _offersChanged;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        if (_offers is { } shown)
        {
            _ = RecordPresentedAsync(shown); // not awaited: the agent does not wait for the conversion statistics
        }
        await LoadSalesAsync();
    }

    private async Task RecordPresentedAsync(DeskOffers offers)
    {
        try
        {
            await Selling.RecordPresentedAsync(PropertyId, offers, CancellationToken.None);
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "Recording that the offers of reservation {ReservationId} were presented failed", offers.Reservation.ReservationId);
        }
    }

    private async Task LoadSalesAsync()
    {
        var sales = await Selling.SalesOfAsync(PropertyId, [Reservation.ReservationId], _cts.Token);
        _sales = sales.TryGetValue(Reservation.ReservationId, out var mine) ? [.. mine] : [];
    }

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _offers = await Desk.GetOffersAsync(PropertyId, Window, Reservation.ReservationId, _whyNot, refresh: _offersChanged, cancellationToken: _cts.Token);
            _error = _offers is null ? "The reservation is no longer in this list. Close and Refresh the desk." : null;
        }
        catch (MewsApiException e)
        {
            _error = $"Mews did not answer ({e.Message}). Try again in a moment.";
        }
        catch (DeskUnavailableException e)
        {
            _error = e.Message;
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task OnWhyNotChangedAsync(bool value)
    {
        _whyNot = value;
        if (value)
        {
            await LoadAsync();
        }
    }

    private string StayText
    {
        get
        {
            var r = Reservation;
            var room = r.AssignedRoom is { } name ? $", room {name}" : "";
            var membership = r.MembershipType is { } type ? $", member {type}{(r.MembershipLevel is { } level ? "/" + level : "")}" : "";
            return $"Reservation {r.Number} · {r.Arrival:yyyy-MM-dd} → {r.Departure:yyyy-MM-dd} ({r.NightCount} night{(r.NightCount == 1 ? "" : "s")}) · "
                + $"{r.RoomType ?? "?"} on {r.RateCode ?? "?"}{room}{membership} · {r.State}";
        }
    }

    private string Money(decimal amount) =>
        $"{amount.ToString("#,0.00", CultureInfo.InvariantCulture)} {_offers?.CurrencyCode}";

    private static string SaleMoney(DeskSale sale) =>
        $"{sale.TotalAmount.ToString("#,0.00", CultureInfo.InvariantCulture)} {sale.CurrencyCode}";

    private static string CountText(DeskAddOnOffer addOn) => addOn.ChargingMode switch
    {
        ProductChargingMode.PerTimeUnit => "One per night",
        ProductChargingMode.PerPerson => "One per person",
        ProductChargingMode.PerPersonPerTimeUnit => "One per person and night",
        _ => "Once per stay",
    };

    /// <summary>The latest sale of this upgrade's target room type (Pending, Posted, …); a Rejected or Reversed one may be sold again.</summary>
    private DeskSale? SaleOf(DeskOffer offer) =>
        _sales.LastOrDefault(s => s.IsUpgrade && s.IsOpen && string.Equals(s.ToRoomType, offer.Offer.ToRoomType, StringComparison.OrdinalIgnoreCase));

    private DeskSale? SaleOf(DeskAddOnOffer addOn) =>
        _sales.LastOrDefault(s => !s.IsUpgrade && s.IsOpen && string.Equals(s.ProductId, addOn.ProductId, StringComparison.OrdinalIgnoreCase));

    /// <summary>One upgrade per reservation: while one stands, the others cannot be sold.</summary>
    private DeskSale? OpenUpgrade => _sales.LastOrDefault(s => s.IsUpgrade && s.IsOpen);

    private void StartSell(DeskOffer? upgrade, DeskAddOnOffer? addOn) => Start(new Pending(upgrade, addOn, Decline: false));

    private void StartDecline(DeskOffer? upgrade, DeskAddOnOffer? addOn) => Start(new Pending(upgrade, addOn, Decline: true));

    private void Start(Pending pending)
    {
        _confirm = pending;
        _saleError = null;
        _changedMessage = null;
    }

    private void CancelConfirm()
    {
        _confirm = null;
        _saleError = null;
    }

    private async Task ConfirmAsync(string? note)
    {
        if (_confirm is not { } pending || _offers is not { } offers || _busy)
        {
            return;
        }
        _busy = true;
        _saleError = null;
        try
        {
            // Not cancelled by closing the dialog: a sale or decline that started is recorded (or refused) whole.
            var result = pending.Decline
                ? await Selling.DeclineAsync(PropertyId, offers, pending.OfferId, note, CancellationToken.None)
                : await Selling.SellAsync(PropertyId, Reservation.ReservationId, pending.OfferId, note, CancellationToken.None);
            switch (result.Outcome)
            {
                case DeskSaleOutcome.Done:
                    _confirm = null;
                    if (result.Sale is { } sale)
                    {
                        _sales.Add(sale);
                    }
                    Snackbar.Add(result.Message, pending.Decline ? Severity.Info : Severity.Success);
                    break;
                case DeskSaleOutcome.OfferChanged:
                    // The agent never sells a price the guest was not shown: show what can be sold now.
                    _confirm = null;
                    _changedMessage = result.Message;
                    _offersChanged = true;
                    if (result.CurrentOffers is { } current && !_whyNot)
                    {
                        _offers = current;
                    }
                    else
                    {
                        await LoadAsync();
                    }
                    break;
                default:
                    _saleError = result.Message; // the confirm step stays open with its note
                    break;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task UndoAsync(DeskSale sale)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = $"Undo {sale.What}?",
            Message = "The original room type is restored in Mews and the upgrade's lines are cancelled. This is possible until the guest checks in.",
            YesText = "Undo sale",
            CancelText = "Keep it",
        });
        if (confirmed != true)
        {
            return;
        }
        _busy = true;
        try
        {
            var result = await Selling.UndoAsync(sale.UpsellId, CancellationToken.None);
            Snackbar.Add(result.Message, result.Succeeded ? Severity.Info : Severity.Warning);
            await LoadSalesAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private void Close() => MudDialog?.Close(DialogResult.Ok(_offersChanged));

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
