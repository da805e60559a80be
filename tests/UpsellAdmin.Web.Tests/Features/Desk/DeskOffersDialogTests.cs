using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Desk;

/// <summary>The desk's offers dialog, opened through IDialogService, on a fake desk service: the Add-ons section.</summary>
public sealed class DeskOffersDialogTests : UiTestContext
{
    private static readonly DateOnly Arrival = new(2026, 12, 7);

    private static readonly DeskReservation Reservation = new("r-1", "501", ReservationState.Confirmed, "Ada Guest", null, null, null,
        Arrival, Arrival.AddDays(2), Arrival.AddDays(-10), "STD", null, null, "BAR", null,
        [new DeskNight(Arrival, 100m), new DeskNight(Arrival.AddDays(1), 100m)], new HashSet<Guid>(), 2);

    private sealed class FakeDesk(DeskOffers offers) : IUpsellDeskService
    {
        public Task<DeskBoard?> GetBoardAsync(int propertyId, DeskWindow window, bool refresh = false, CancellationToken cancellationToken = default) =>
            Task.FromResult<DeskBoard?>(null);

        public Task<DeskOffers?> GetOffersAsync(int propertyId, DeskWindow window, string reservationId, bool explain, bool refresh = false, CancellationToken cancellationToken = default) =>
            Task.FromResult<DeskOffers?>(offers);
    }

    [Fact]
    public async Task AddOns_AreListedUnderTheUpgrades_AndWhyNotSaysWhyTheOthersAreNot()
    {
        var offers = new DeskOffers(Reservation, "USD", [], "No upgrade rule applies.", [], [], DateTimeOffset.UtcNow,
            [
                new DeskAddOnOffer("a1", Guid.NewGuid().ToString(), "BFST", "Breakfast buffet", ProductChargingMode.PerPersonPerTimeUnit, 18m, false, 4, 72m, "200"),
                new DeskAddOnOffer("a2", Guid.NewGuid().ToString(), "PARK", "Garage parking", ProductChargingMode.PerTimeUnit, 12.5m, true, 2, 25m, "400"),
            ],
            [new DeskAddOnNotOffered("Spa day pass", "SPA", "The product is inactive in Mews.")]);
        Services.AddSingleton<IUpsellDeskService>(new FakeDesk(offers));
        RenderProviders();
        var parameters = new DialogParameters<DeskOffersDialog>
        {
            { d => d.PropertyId, 1 },
            { d => d.Window, DeskWindow.Arrivals(Arrival) },
            { d => d.Reservation, Reservation },
        };

        await Dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<DeskOffersDialog>("Offers", parameters, DeskOffersDialog.Options));

        Dialogs.WaitForAssertion(() => Assert.Equal(2, Dialogs.FindAll("[data-testid=desk-addon]").Count));
        Assert.Empty(Dialogs.FindAll("[data-testid=desk-no-offers]"));
        Assert.Equal("Add-ons", Dialogs.Find("[data-testid=desk-addons]").TextContent.Trim());
        Assert.Equal(["+72.00 USD", "+25.00 USD"], Dialogs.FindAll("[data-testid=desk-addon-total]").Select(e => e.TextContent.Trim()));
        Assert.Contains("Breakfast buffet", Dialogs.FindAll("[data-testid=desk-addon]")[0].TextContent);
        Assert.Empty(Dialogs.FindAll("[data-testid=desk-addon-not-offered]"));

        var whyNot = Dialogs.Find("[data-testid=desk-why-not]");
        (whyNot.TagName == "INPUT" ? whyNot : whyNot.QuerySelector("input")!).Change(true);

        Dialogs.WaitForAssertion(() => Assert.Contains("Spa day pass SPA: The product is inactive in Mews.",
            Dialogs.Find("[data-testid=desk-addon-not-offered]").TextContent.Trim()));
    }
}
