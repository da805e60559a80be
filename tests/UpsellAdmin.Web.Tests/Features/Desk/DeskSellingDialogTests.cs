using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Desk;

/// <summary>
/// Selling on the desk's offers dialog (issue 13), on a fake desk service and the recording <see cref="FakeDeskSelling"/>:
/// Sell → confirm step with the per-night amounts and the total → the sale, its status on the offer; a changed offer
/// replaces what is shown; a refusal keeps the confirm step open; Declined records the decline with its note.
/// </summary>
public sealed class DeskSellingDialogTests : UiTestContext
{
    private static readonly DateOnly Arrival = new(2026, 12, 7);

    private static readonly DeskReservation Reservation = new("r-1", "501", ReservationState.Confirmed, "Ada Guest", "c-1", null, null,
        Arrival, Arrival.AddDays(2), Arrival.AddDays(-10), "STD", null, null, "BAR", null,
        [new DeskNight(Arrival, 100m), new DeskNight(Arrival.AddDays(1), 110m)], new HashSet<Guid>(), 2);

    private static readonly string BreakfastId = Guid.NewGuid().ToString();

    private sealed class FakeDesk(DeskOffers offers) : IUpsellDeskService
    {
        public int Reads { get; private set; }

        public Task<DeskBoard?> GetBoardAsync(int propertyId, DeskWindow window, bool refresh = false, CancellationToken cancellationToken = default) =>
            Task.FromResult<DeskBoard?>(null);

        public Task<DeskOffers?> GetOffersAsync(int propertyId, DeskWindow window, string reservationId, bool explain, bool refresh = false,
            CancellationToken cancellationToken = default)
        {
            Reads++;
            return Task.FromResult<DeskOffers?>(offers);
        }
    }

    private static DeskOffer Upgrade(string offerId, string to, decimal perNight) => new(offerId,
        new OfferView(to, $"{to} room", "R" + to, "Rule to " + to, 210m, 210m + 2 * perNight, 2 * perNight, [], []),
        [new DeskOfferNight(Arrival, 100m, 100m + perNight, perNight, 4), new DeskOfferNight(Arrival.AddDays(1), 110m, 110m + perNight, perNight, 3)]);

    private static readonly DeskAddOnOffer Breakfast =
        new("a-bfst", BreakfastId, "BFST", "Breakfast buffet", ProductChargingMode.PerPersonPerTimeUnit, 18m, false, 4, 72m, "200");

    private static DeskOffers Offers(params DeskOffer[] upgrades) =>
        new(Reservation, "USD", upgrades, null, [], [], DateTimeOffset.UtcNow, [Breakfast], []);

    private async Task OpenAsync(DeskOffers offers)
    {
        Services.AddSingleton<IUpsellDeskService>(new FakeDesk(offers));
        RenderProviders();
        var parameters = new DialogParameters<DeskOffersDialog>
        {
            { d => d.PropertyId, 7 },
            { d => d.Window, DeskWindow.Arrivals(Arrival) },
            { d => d.Reservation, Reservation },
        };
        await Dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<DeskOffersDialog>("Offers", parameters, DeskOffersDialog.Options));
        Dialogs.WaitForAssertion(() => Assert.NotEmpty(Dialogs.FindAll("[data-testid=desk-addon]")));
    }

    private AngleSharp.Dom.IElement Offer(string roomType) => Dialogs.Find($"[data-testid=desk-offer][data-room-type={roomType}]");

    /// <summary>The note's textarea (the data-testid may land on it or on its wrapper).</summary>
    private AngleSharp.Dom.IElement Note()
    {
        var element = Dialogs.Find("[data-testid=desk-confirm-note]");
        return element.TagName == "TEXTAREA" ? element : element.QuerySelector("textarea")!;
    }

    private void TypeNote(string note) => Note().Input(note);

    [Fact]
    public async Task Open_RecordsThePresentationOnce_AndReadsTheReservationsSales()
    {
        await OpenAsync(Offers(Upgrade("o-sup", "SUP", 20m)));

        Dialogs.WaitForAssertion(() => Assert.Equal([(7, "r-1")], DeskSelling.Presented));
        Assert.Equal(["r-1"], Assert.Single(DeskSelling.SalesQueries));
        Assert.Empty(Dialogs.FindAll("[data-testid=desk-sold]"));
    }

    [Fact]
    public async Task Sell_ShowsTheNightsAndTotal_ThenConfirmSellsWithTheNote_AndTheOfferShowsPending()
    {
        await OpenAsync(Offers(Upgrade("o-sup", "SUP", 20m), Upgrade("o-dlx", "DLX", 45m)));
        DeskSelling.SellResults.Enqueue(new DeskSaleResult(DeskSaleOutcome.Done, "Sold: STD → SUP for 40.00 USD. Posting to Mews…",
            new DeskSale(Guid.NewGuid(), "r-1", true, "STD → SUP", "SUP", null, 40m, "USD", DeskSaleStatus.Pending, false, null)));

        Offer("SUP").QuerySelector("[data-testid=desk-sell]")!.Click();

        var confirm = Dialogs.Find("[data-testid=desk-sell-confirm]");
        Assert.Contains("Sell STD → SUP?", confirm.TextContent);
        var nights = Dialogs.FindAll("[data-testid=desk-confirm-night]");
        Assert.Equal(2, nights.Count);
        Assert.Equal(["Tue 2026-12-08", "110.00 USD", "130.00 USD", "+20.00 USD"], nights[1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal("+40.00 USD", Dialogs.Find("[data-testid=desk-confirm-total]").TextContent.Trim());
        Assert.Empty(Dialogs.FindAll("[data-testid=desk-offer]")); // the confirm step replaces the list
        Assert.Empty(DeskSelling.Sold);

        TypeNote("Guest celebrates an anniversary");
        Dialogs.Find("[data-testid=desk-confirm]").Click();

        Dialogs.WaitForAssertion(() => Assert.Equal([("r-1", "o-sup", (string?)"Guest celebrates an anniversary")], DeskSelling.Sold));
        Dialogs.WaitForAssertion(() => Assert.Equal("Pending", Offer("SUP").QuerySelector("[data-testid=desk-sale-status]")?.GetAttribute("data-status")));
        Assert.Empty(Offer("SUP").QuerySelectorAll("[data-testid=desk-sell]"));
        Assert.Contains("Sold · Pending", Offer("SUP").TextContent);
        // One upgrade per reservation: the other one cannot be sold while this one stands; it can still be declined.
        Assert.True(Offer("DLX").QuerySelector("[data-testid=desk-sell]")!.HasAttribute("disabled"));
        Assert.False(Offer("DLX").QuerySelector("[data-testid=desk-decline]")!.HasAttribute("disabled"));
        Assert.Contains("STD → SUP", Dialogs.Find("[data-testid=desk-sold]").TextContent);
        Snackbars.WaitForAssertion(() => Assert.Contains("Sold: STD → SUP for 40.00 USD. Posting to Mews…", Snackbars.Markup));
    }

    [Fact]
    public async Task Sell_WithANoteOverTheLimit_RefusesWithItsLength_AndKeepsTheWholeNote()
    {
        await OpenAsync(Offers(Upgrade("o-sup", "SUP", 20m)));
        Offer("SUP").QuerySelector("[data-testid=desk-sell]")!.Click();
        var pasted = new string('x', DeskSaleConfirm.NoteMaxLength + 20);

        TypeNote(pasted);

        Dialogs.WaitForAssertion(() => Assert.Contains(
            $"The note can be at most {DeskSaleConfirm.NoteMaxLength} characters (it has {pasted.Length}).", Dialogs.Markup));
        Assert.Equal(pasted, Note().GetAttribute("value") ?? Note().TextContent); // nothing cut
        Assert.True(Dialogs.Find("[data-testid=desk-confirm]").HasAttribute("disabled"));
        Assert.Empty(DeskSelling.Sold);

        TypeNote("Anniversary");
        Dialogs.WaitForAssertion(() => Assert.False(Dialogs.Find("[data-testid=desk-confirm]").HasAttribute("disabled")));
    }

    [Fact]
    public async Task Sell_WhenTheOfferChanged_ShowsWhy_AndReplacesTheOffersWithTheCurrentOnes()
    {
        await OpenAsync(Offers(Upgrade("o-sup", "SUP", 20m)));
        DeskSelling.SellResults.Enqueue(new DeskSaleResult(DeskSaleOutcome.OfferChanged,
            "This offer is no longer what the guest was shown: the reservation, its price or the availability changed in Mews. 1 offer can be sold now; show the guest the new one.",
            null, Offers(Upgrade("o-sup-2", "SUP", 25m))));

        Offer("SUP").QuerySelector("[data-testid=desk-sell]")!.Click();
        Dialogs.Find("[data-testid=desk-confirm]").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("no longer what the guest was shown", Dialogs.Find("[data-testid=desk-offer-changed]").TextContent));
        Assert.Empty(Dialogs.FindAll("[data-testid=desk-sell-confirm]"));
        Assert.Equal("o-sup-2", Offer("SUP").GetAttribute("data-offer-id"));
        Assert.Equal("+50.00 USD", Offer("SUP").QuerySelector("[data-testid=desk-offer-total]")!.TextContent.Trim());
        Assert.Empty(Dialogs.FindAll("[data-testid=desk-sale-status]"));

        // The agent shows the guest the new price and sells that one.
        Offer("SUP").QuerySelector("[data-testid=desk-sell]")!.Click();
        Assert.Equal("+50.00 USD", Dialogs.Find("[data-testid=desk-confirm-total]").TextContent.Trim());
        Dialogs.Find("[data-testid=desk-confirm]").Click();
        Dialogs.WaitForAssertion(() => Assert.Equal(["o-sup", "o-sup-2"], DeskSelling.Sold.Select(s => s.OfferId)));
    }

    [Fact]
    public async Task Sell_Refused_ShowsTheMessageInTheConfirmStep_AndKeepsItOpenWithTheNote()
    {
        await OpenAsync(Offers(Upgrade("o-sup", "SUP", 20m)));
        DeskSelling.SellResults.Enqueue(new DeskSaleResult(DeskSaleOutcome.Refused,
            "HOTA has no Upgrade accounting category from Mews: set it on the Upsell Configuration page before selling upgrades."));

        Offer("SUP").QuerySelector("[data-testid=desk-sell]")!.Click();
        TypeNote("first try");
        Dialogs.Find("[data-testid=desk-confirm]").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("no Upgrade accounting category", Dialogs.Find("[data-testid=desk-sale-error]").TextContent));
        Assert.NotNull(Dialogs.Find("[data-testid=desk-sell-confirm]"));
        Assert.Equal("first try", Note().GetAttribute("value") ?? Note().TextContent);
        Assert.Empty(DeskSelling.Sales);

        Dialogs.Find("[data-testid=desk-confirm-cancel]").Click();
        Assert.Empty(Dialogs.FindAll("[data-testid=desk-sell-confirm]"));
        Assert.NotNull(Offer("SUP").QuerySelector("[data-testid=desk-sell]"));
    }

    [Fact]
    public async Task SellAddOn_ConfirmShowsUnitPriceTimesCount_AndCancelSellsNothing()
    {
        await OpenAsync(Offers());

        Dialogs.Find("[data-testid=desk-addon] [data-testid=desk-sell]").Click();

        Assert.Equal("Breakfast buffet: 18.00 USD × 4 = +72.00 USD", Dialogs.Find("[data-testid=desk-confirm-addon]").TextContent.Trim());
        Dialogs.Find("[data-testid=desk-confirm-cancel]").Click();
        Assert.Empty(DeskSelling.Sold);
        Assert.NotEmpty(Dialogs.FindAll("[data-testid=desk-addon]"));
    }

    [Fact]
    public async Task Declined_RecordsTheDeclineWithItsNote_AndTheOfferStaysSellable()
    {
        await OpenAsync(Offers(Upgrade("o-sup", "SUP", 20m)));

        Dialogs.Find("[data-testid=desk-addon] [data-testid=desk-decline]").Click();
        Assert.Contains("The guest declined Breakfast buffet", Dialogs.Find("[data-testid=desk-decline-confirm]").TextContent);
        TypeNote("Has breakfast included elsewhere");
        Dialogs.Find("[data-testid=desk-confirm]").Click();

        Dialogs.WaitForAssertion(() => Assert.Equal([("a-bfst", (string?)"Has breakfast included elsewhere")], DeskSelling.Declined));
        Assert.Empty(DeskSelling.Sold);
        Assert.Empty(Dialogs.FindAll("[data-testid=desk-decline-confirm]"));
        Assert.NotNull(Dialogs.Find("[data-testid=desk-addon] [data-testid=desk-sell]"));
        Snackbars.WaitForAssertion(() => Assert.Contains("Recorded: the guest declined.", Snackbars.Markup));
    }

    [Fact]
    public async Task AlreadySold_ShowsEachSaleWithItsStatus_AndUndoOfAPostedOneAsksFirst()
    {
        var posted = new DeskSale(Guid.NewGuid(), "r-1", true, "STD → SUP", "SUP", null, 40m, "USD", DeskSaleStatus.Posted, false, null);
        var breakfast = new DeskSale(Guid.NewGuid(), "r-1", false, "Breakfast buffet", null, BreakfastId, 72m, "USD", DeskSaleStatus.Pending, false, null);
        DeskSelling.Sales["r-1"] = [posted, breakfast];
        await OpenAsync(Offers(Upgrade("o-sup", "SUP", 20m)));

        Dialogs.WaitForAssertion(() => Assert.Equal(2, Dialogs.FindAll("[data-testid=desk-sold-item]").Count));
        Assert.Equal("Posted", Offer("SUP").QuerySelector("[data-testid=desk-sale-status]")!.GetAttribute("data-status"));
        Assert.Equal("Pending", Dialogs.Find("[data-testid=desk-addon] [data-testid=desk-sale-status]").GetAttribute("data-status"));
        Assert.Empty(Dialogs.FindAll("[data-testid=desk-addon] [data-testid=desk-sell]"));
        Assert.Single(Dialogs.FindAll("[data-testid=desk-undo]")); // only the Posted one

        Dialogs.Find("[data-testid=desk-undo]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Undo STD → SUP?", Dialogs.Markup));
        Assert.Empty(DeskSelling.Undone);
        Dialogs.FindAll(".mud-message-box__yes-button, .mud-dialog-actions button").First(b => b.TextContent.Contains("Undo sale", StringComparison.Ordinal)).Click();

        Dialogs.WaitForAssertion(() => Assert.Equal([posted.UpsellId], DeskSelling.Undone));
        Snackbars.WaitForAssertion(() => Assert.Contains("Undo queued.", Snackbars.Markup));
    }
}
