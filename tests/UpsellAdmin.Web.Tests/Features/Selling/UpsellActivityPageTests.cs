using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Selling;

/// <summary>
/// The Upsell Activity page on a fake <see cref="ISellingService"/>: the log's page with its statuses and actions, the
/// filters sent to the service, Undo (confirmed; a refusal shown as the service words it), Retry, the detail dialog,
/// and the auto-refresh that runs only while a row on screen is still moving.
/// </summary>
public sealed class UpsellActivityPageTests : UiTestContext
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeSelling _selling = new();
    private readonly ManualTimerProvider _clock = new();

    public UpsellActivityPageTests()
    {
        Services.AddSingleton<ISellingService>(_selling);
        Services.AddSingleton<TimeProvider>(_clock);
        SignInAs(Roles.FrontDesk);
    }

    private static UpsellSaleView Sale(string number, UpsellStatus status, DateTimeOffset? undoRequested = null, string? lastError = null, int attempts = 1) =>
        new(Guid.NewGuid(), DemoLookups.Hotel.Id, DemoLookups.Hotel.Code, "res-" + number, number, "Guest " + number, UpsellKind.RoomUpgrade, "STD", "SUP", null, null, "UPG1",
            [new UpsellSaleNightView(new DateOnly(2026, 12, 7), 100m, 120m, 20m, status == UpsellStatus.Pending ? null : "order-" + number)],
            20m, "USD", status, SaleChannel.Desk, "frontdesk@demo.local", Noon, "a note", attempts, lastError, lastError is null ? null : "req-" + number,
            status == UpsellStatus.Rejected ? "Nothing is left in Mews." : null, status == UpsellStatus.Pending ? [] : ["order-" + number], [],
            status == UpsellStatus.Pending ? null : Noon.AddSeconds(5), null, undoRequested, "UPG");

    private IRenderedComponent<UpsellActivityPage> RenderPage()
    {
        RenderProviders();
        var cut = Render<UpsellActivityPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(_selling.Lists));
        return cut;
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<UpsellActivityPage> cut) =>
        cut.FindAll("[data-testid=activity-grid] tbody tr.mud-table-row");

    [Fact]
    public void Grid_ShowsThePageNewestFirst_WithStatusesAndTheActionEachAllows()
    {
        var error = new string('x', 80) + " Mews said: the accounting category is inactive.";
        _selling.Rows = [Sale("501", UpsellStatus.Posted), Sale("502", UpsellStatus.Rejected, lastError: error, attempts: 3), Sale("503", UpsellStatus.Reversed)];

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        Assert.Equal(new PageRequest(0, 25), _selling.Lists[^1].Page);
        Assert.Equal(["Posted", "Rejected", "Reversed"], cut.FindAll("[data-testid=activity-status-chip]").Select(c => c.TextContent.Trim()));
        Assert.Contains("Guest 501", Rows(cut)[0].TextContent);
        Assert.Contains("STD → SUP", Rows(cut)[0].TextContent);
        Assert.Contains("20.00 USD", Rows(cut)[0].TextContent);
        // Europe/London in December is UTC: noon stays noon, in the property's local time.
        Assert.Equal("2026-12-07 12:00", cut.Find("[data-testid=activity-sold-at]").GetAttribute("title"));
        Assert.Equal("12:00", cut.Find("[data-testid=activity-sold-at] .second").TextContent.Trim());
        Assert.Single(Rows(cut)[0].QuerySelectorAll("[data-testid=activity-undo]"));
        Assert.Empty(Rows(cut)[0].QuerySelectorAll("[data-testid=activity-retry]"));
        Assert.Single(Rows(cut)[1].QuerySelectorAll("[data-testid=activity-retry]"));
        Assert.Empty(Rows(cut)[2].QuerySelectorAll("button"));
        var shown = Rows(cut)[1].QuerySelector("[data-testid=activity-error]")!;
        Assert.True(shown.TextContent.Length <= 60 && shown.TextContent.EndsWith('…'));
        Assert.Equal(error, shown.GetAttribute("title"));
        Assert.Contains("3 upsells", cut.Find("[data-testid=activity-status-line]").TextContent);
    }

    [Fact]
    public async Task Filters_AreSentToTheService()
    {
        var cut = RenderPage();

        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<int?>>().Single(c => c.Instance.Label == "Property").Instance.ValueChanged.InvokeAsync(DemoLookups.Other.Id));
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<UpsellStatus?>>().Single(c => c.Instance.Label == "Status").Instance.ValueChanged.InvokeAsync(UpsellStatus.Rejected));
        var pickers = cut.FindComponents<MudDatePicker>();
        await cut.InvokeAsync(() => pickers[0].Instance.DateChanged.InvokeAsync(new DateTime(2026, 12, 1)));
        await cut.InvokeAsync(() => pickers[1].Instance.DateChanged.InvokeAsync(new DateTime(2026, 12, 7)));
        await cut.InvokeAsync(() => cut.FindComponents<MudTextField<string>>().Single(c => c.Instance.Label == "Agent").Instance.ValueChanged.InvokeAsync("  front "));

        cut.WaitForAssertion(() => Assert.Equal(
            new UpsellActivityFilter(DemoLookups.Other.Id, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 7), "front", UpsellStatus.Rejected),
            _selling.Lists[^1].Filter));
        Assert.Equal(new UpsellActivityFilter(), _selling.Lists[0].Filter); // every visible property, any date and status
        Assert.NotNull(cut.Find("[data-testid=activity-empty]"));
    }

    [Fact]
    public void Undo_AsksFirst_ThenShowsAConflictAsTheServiceWordsIt()
    {
        var posted = Sale("501", UpsellStatus.Posted);
        _selling.Rows = [posted];
        _selling.UndoResult = new SaleResult(SaleResultKind.Conflict, "The guest has checked in: the upsell can no longer be undone here; correct it in Mews.");
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        cut.Find("[data-testid=activity-undo]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Undo STD → SUP for Guest 501?", Dialogs.Markup));
        Assert.Empty(_selling.Undone);
        var lists = _selling.Lists.Count;
        Dialogs.FindAll("button").First(b => b.TextContent.Contains("Undo sale", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Equal([posted.UpsellId], _selling.Undone));
        Snackbars.WaitForAssertion(() => Assert.Contains("The guest has checked in", Snackbars.Markup));
        cut.WaitForAssertion(() => Assert.True(_selling.Lists.Count > lists)); // read again after the action
    }

    [Fact]
    public void Undo_Cancelled_UndoesNothing()
    {
        _selling.Rows = [Sale("501", UpsellStatus.Posted)];
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        cut.Find("[data-testid=activity-undo]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Keep it", Dialogs.Markup));
        Dialogs.FindAll("button").First(b => b.TextContent.Contains("Keep it", StringComparison.Ordinal)).Click();

        Dialogs.WaitForAssertion(() => Assert.DoesNotContain("Keep it", Dialogs.Markup));
        Assert.Empty(_selling.Undone);
    }

    [Fact]
    public void Retry_OnARejectedUpsell_PostsItAgain()
    {
        var rejected = Sale("502", UpsellStatus.Rejected, lastError: "Mews: invalid accounting category");
        _selling.Rows = [rejected];
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        cut.Find("[data-testid=activity-retry]").Click();

        cut.WaitForAssertion(() => Assert.Equal([rejected.UpsellId], _selling.Retried));
        Snackbars.WaitForAssertion(() => Assert.Contains("Posting to Mews again.", Snackbars.Markup));
    }

    [Fact]
    public void RowClick_OpensTheDetail_WithNightsMewsIdsRequestIdAndAttention()
    {
        _selling.Rows = [Sale("502", UpsellStatus.Rejected, lastError: "Mews refused: category inactive")];
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        Rows(cut)[0].QuerySelectorAll("td")[1].Click();

        Dialogs.WaitForAssertion(() => Assert.NotNull(Dialogs.Find("[data-testid=upsell-detail]")));
        Assert.Equal("Nothing is left in Mews.", Dialogs.Find("[data-testid=upsell-attention]").TextContent.Trim());
        Assert.Equal("order-502", Dialogs.Find("[data-testid=upsell-order-ids]").TextContent.Trim());
        Assert.Equal("req-502", Dialogs.Find("[data-testid=upsell-request-id]").TextContent.Trim());
        Assert.Equal("Mews refused: category inactive", Dialogs.Find("[data-testid=upsell-last-error]").TextContent.Trim());
        var night = Dialogs.Find("[data-testid=upsell-night]").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["Mon 2026-12-07", "100.00", "120.00", "+20.00", "order-502"], night);
        Assert.Contains("20.00 USD on accounting category UPG", Dialogs.Find("[data-testid=upsell-total]").TextContent);
    }

    [Fact]
    public void AutoRefresh_ReadsAgainWhileARowIsPendingOrUndoPending_AndStopsWhenSettled()
    {
        _selling.Rows = [Sale("501", UpsellStatus.Pending)];
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal("Pending", cut.Find("[data-testid=activity-status-chip]").TextContent.Trim()));
        Assert.Equal(1, _clock.ActiveTimersOf(UpsellActivityPage.AutoRefreshInterval));
        Assert.Contains("reads again every 3 seconds", cut.Find("[data-testid=activity-status-line]").TextContent);

        _selling.Rows = [Sale("501", UpsellStatus.Posted, undoRequested: Noon.AddMinutes(1))];
        var reads = _selling.Lists.Count;
        _clock.Tick(UpsellActivityPage.AutoRefreshInterval);
        cut.WaitForAssertion(() => Assert.Equal("Posted · undo pending", cut.Find("[data-testid=activity-status-chip]").TextContent.Trim()));
        Assert.Equal(reads + 1, _selling.Lists.Count);
        Assert.Equal(1, _clock.ActiveTimersOf(UpsellActivityPage.AutoRefreshInterval)); // still moving: the same timer goes on
        Assert.Empty(cut.FindAll("[data-testid=activity-undo]")); // an undo is already queued

        _selling.Rows = [Sale("501", UpsellStatus.Reversed)];
        _clock.Tick(UpsellActivityPage.AutoRefreshInterval);
        cut.WaitForAssertion(() => Assert.Equal("Reversed", cut.Find("[data-testid=activity-status-chip]").TextContent.Trim()));
        Assert.Equal(0, _clock.ActiveTimersOf(UpsellActivityPage.AutoRefreshInterval));
        Assert.DoesNotContain("reads again", cut.Find("[data-testid=activity-status-line]").TextContent);
    }

    [Fact]
    public void Undo_KeepsReadingUntilTheRowMoves_EvenWhenTheNextReadStillShowsItPosted()
    {
        var posted = Sale("501", UpsellStatus.Posted);
        _selling.Rows = [posted];
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));
        Assert.Equal(0, _clock.ActiveTimersOf(UpsellActivityPage.AutoRefreshInterval));

        // The worker can settle the undo between two reads: the read right after the click may not show it queued.
        cut.Find("[data-testid=activity-undo]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Undo sale", Dialogs.Markup));
        Dialogs.FindAll("button").First(b => b.TextContent.Contains("Undo sale", StringComparison.Ordinal)).Click();
        cut.WaitForAssertion(() => Assert.Equal([posted.UpsellId], _selling.Undone));
        cut.WaitForAssertion(() => Assert.Equal(1, _clock.ActiveTimersOf(UpsellActivityPage.AutoRefreshInterval)));
        Assert.Equal("Posted", cut.Find("[data-testid=activity-status-chip]").TextContent.Trim());

        _selling.Rows = [posted with { Status = UpsellStatus.Reversed }];
        _clock.Tick(UpsellActivityPage.AutoRefreshInterval);

        cut.WaitForAssertion(() => Assert.Equal("Reversed", cut.Find("[data-testid=activity-status-chip]").TextContent.Trim()));
        Assert.Equal(0, _clock.ActiveTimersOf(UpsellActivityPage.AutoRefreshInterval));
    }

    [Fact]
    public async Task Dispose_StopsTheAutoRefresh()
    {
        _selling.Rows = [Sale("501", UpsellStatus.Pending)];
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal(1, _clock.ActiveTimersOf(UpsellActivityPage.AutoRefreshInterval)));

        await DisposeComponentsAsync();

        Assert.Equal(0, _clock.ActiveTimersOf(UpsellActivityPage.AutoRefreshInterval));
    }

    /// <summary>The selling service as the page uses it: one page of rows whatever the filter (recorded), Undo and Retry.</summary>
    private sealed class FakeSelling : ISellingService
    {
        public IReadOnlyList<UpsellSaleView> Rows { get; set; } = [];
        public List<(UpsellActivityFilter Filter, PageRequest Page)> Lists { get; } = [];
        public List<Guid> Undone { get; } = [];
        public List<Guid> Retried { get; } = [];
        public SaleResult? UndoResult { get; set; }

        public Task<PagedResult<UpsellSaleView>> ListAsync(UpsellActivityFilter filter, PageRequest page, CancellationToken cancellationToken = default)
        {
            Lists.Add((filter, page));
            var rows = filter == new UpsellActivityFilter() ? Rows : [];
            return Task.FromResult(new PagedResult<UpsellSaleView>(rows, rows.Count));
        }

        public IAsyncEnumerable<UpsellSaleView> StreamAsync(UpsellActivityFilter filter, CancellationToken cancellationToken = default) =>
            (filter == new UpsellActivityFilter() ? Rows : []).ToAsyncEnumerable();

        public Task<SaleResult> UndoAsync(Guid upsellId, CancellationToken cancellationToken = default)
        {
            Undone.Add(upsellId);
            return Task.FromResult(UndoResult ?? new SaleResult(SaleResultKind.Accepted, "Undo queued."));
        }

        public Task<SaleResult> RetryAsync(Guid upsellId, CancellationToken cancellationToken = default)
        {
            Retried.Add(upsellId);
            return Task.FromResult(new SaleResult(SaleResultKind.Accepted, "Posting to Mews again."));
        }

        public Task<SaleResult> SellAsync(SaleRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SaleResult> DeclineAsync(int propertyId, DeskOffers offers, string offerId, string? note, SaleChannel channel, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task RecordPresentedAsync(int propertyId, DeskOffers offers, SaleChannel channel, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<UpsellSaleView?> GetAsync(Guid upsellId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, IReadOnlyList<UpsellSaleView>>> ForReservationsAsync(int propertyId, IReadOnlyCollection<string> reservationIds,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
