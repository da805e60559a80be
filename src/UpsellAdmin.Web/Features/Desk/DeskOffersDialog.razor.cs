using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using UpsellAdmin.Connector;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.Desk;

/// <summary>The offers of one desk reservation (see the .razor). Reads through <see cref="IUpsellDeskService"/>, which
/// reuses the desk's last Mews read of the window.</summary>
public sealed partial class DeskOffersDialog : IDisposable
{
    public static DialogOptions Options { get; } = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true };

    [CascadingParameter] private IMudDialogInstance? MudDialog { get; set; }

    [Parameter, EditorRequired] public int PropertyId { get; set; }
    [Parameter, EditorRequired] public DeskWindow Window { get; set; } = default!;
    [Parameter, EditorRequired] public DeskReservation Reservation { get; set; } = default!;

    [Inject] private IUpsellDeskService Desk { get; set; } = default!;

    private readonly CancellationTokenSource _cts = new();
    private DeskOffers? _offers;
    private string? _error;
    private bool _loading = true;
    private bool _whyNot;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _offers = await Desk.GetOffersAsync(PropertyId, Window, Reservation.ReservationId, _whyNot, cancellationToken: _cts.Token);
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

    private static string CountText(DeskAddOnOffer addOn) => addOn.ChargingMode switch
    {
        ProductChargingMode.PerTimeUnit => "One per night",
        ProductChargingMode.PerPerson => "One per person",
        ProductChargingMode.PerPersonPerTimeUnit => "One per person and night",
        _ => "Once per stay",
    };

    private void Close() => MudDialog?.Close();

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
