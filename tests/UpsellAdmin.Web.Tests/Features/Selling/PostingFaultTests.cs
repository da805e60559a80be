using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Tests.Features.Selling;

/// <summary>
/// "Never lost, never doubled" (issue 13), proven against the simulator's own store rather than our database's word:
/// post-write 500s and dropped connections on every write, a crash between Mews applying a write and our database
/// saving it (then a restarted app on the same SQLite file), two instances polling one database, Mews refusing the
/// lines after the room changed, and an undo whose lines can no longer be cancelled. Back-off is skipped by making the
/// work due again between passes (no sleeps).
/// </summary>
public sealed class PostingFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The writes of selling: the faults apply to these only (reads stay clean so the checks are not the subject).</summary>
    private static readonly HashSet<string> Writes = new(StringComparer.Ordinal)
    {
        "reservations/update", "orders/add", "reservations/addProduct", "orderItems/cancel",
    };

    private SellingHarness _h = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _h = await SellingHarness.StartAsync(ct: Ct);
        await _h.OpenRulesToEveryoneAsync(Ct);
    }

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task FaultsOnEveryWrite_EachUpgradePostedOrRejected_ExactlyItsLinesInMews_ThenUndoneExactlyOnce()
    {
        var ids = await SellAsync(12, Ct);
        Assert.True(ids.Count >= 8, $"only {ids.Count} upgrades could be sold");
        // Writes that land and then fail (500, dropped connection), and writes that fail before landing: both must
        // end with each line exactly once, the first by looking up instead of re-sending, the second by re-sending.
        InjectPostWriteFaults(serverErrorRate: 0.25, dropConnectionRate: 0.25);
        _h.Simulator.Options.ServerErrorRate = 0.1;
        _h.Simulator.Options.DropConnectionRate = 0.1;

        var sales = await SettleAsync(ids, () => _h.PostAsync(Ct));

        Report(sales);
        Assert.True(_h.Simulator.Statistics.PostWriteFaultsInjected >= 5, $"only {_h.Simulator.Statistics.PostWriteFaultsInjected} post-write faults were injected");
        Assert.All(sales, AssertExactlyOnceInMews);
        var posted = sales.Where(s => s.Status == UpsellStatus.Posted).ToList();
        Assert.NotEmpty(posted);

        foreach (var sale in posted)
        {
            var undo = await _h.Selling.UndoAsync(sale.Id, Ct);
            Assert.True(undo.Kind == SaleResultKind.Accepted, undo.Message);
        }
        var undone = await SettleAsync(posted.Select(s => s.Id).ToList(), () => _h.PostAsync(Ct), UpsellStatus.Reversed);

        Report(undone);
        foreach (var sale in undone)
        {
            var reservation = _h.Simulator.Store.Reservations.Single(r => r.Id == Guid.Parse(sale.ReservationId));
            Assert.Equal(sale.FromCategoryId, reservation.RequestedResourceCategoryId.ToString(), ignoreCase: true);
            var lines = _h.LinesOf(sale.Id);
            Assert.Equal(sale.Nights.Select(n => sale.LineIdentifier(n.Date)).Order(StringComparer.Ordinal), lines.Select(l => l.ExternalIdentifier!).Order(StringComparer.Ordinal));
            Assert.All(lines, l => Assert.NotNull(l.CanceledUtc));
        }
    }

    [Fact]
    public async Task CrashAfterMewsAppliedAWrite_RestartedAppOnTheSameDatabase_PostsTheRestExactlyOnce()
    {
        var ids = await SellAsync(4, Ct, minNights: 2);
        Assert.True(ids.Count >= 2, $"only {ids.Count} multi-night upgrades could be sold");

        // Instance 1 dies right after Mews applied its first room change; instance 2 after its second revenue line.
        var landed = new ConcurrentBag<string>();
        await using (var first = await _h.NewInstanceAsync(s => s.InterceptGateway(CrashAfter(nameof(IMewsGateway.UpdateReservationsAsync), 1, landed)), Ct))
        {
            await Assert.ThrowsAsync<ProcessDiedException>(() => SellingHarness.PostAsync(first, Ct));
        }
        await _h.ExpireLeasesAsync(Ct); // the dead instance's leases run out
        await using (var second = await _h.NewInstanceAsync(s => s.InterceptGateway(CrashAfter(nameof(IMewsGateway.AddOrderOnceAsync), 2, landed)), Ct))
        {
            await Assert.ThrowsAsync<ProcessDiedException>(() => SellingHarness.PostAsync(second, Ct));
        }
        await _h.ExpireLeasesAsync(Ct);
        Assert.Equal(2, landed.Count);

        await using var restarted = await _h.NewInstanceAsync(ct: Ct);
        var sales = await SettleAsync(ids, () => SellingHarness.PostAsync(restarted, Ct));

        Report(sales);
        Assert.All(sales, s => Assert.Equal(UpsellStatus.Posted, s.Status));
        Assert.All(sales, AssertExactlyOnceInMews);
    }

    /// <summary>An instance that outlived its lease (a stalled call) while another took the item over and posted it:
    /// when its call returns, its next progress save fails on the lease owner, so it sends nothing more.</summary>
    [Fact]
    public async Task StalledInstanceLosesItsLease_TheOtherPostsIt_TheStalledOneSendsNothingMore()
    {
        var ids = await SellAsync(1, Ct, minNights: 2);
        var id = Assert.Single(ids);
        await using var other = await _h.NewInstanceAsync(ct: Ct);
        var linesSentByStalled = 0;
        await using var stalled = await _h.NewInstanceAsync(s => s.InterceptGateway((m, args, proceed) =>
        {
            if (m.Name == nameof(IMewsGateway.AddOrderOnceAsync))
            {
                Interlocked.Increment(ref linesSentByStalled);
            }
            if (m.Name != nameof(IMewsGateway.UpdateReservationsAsync))
            {
                return proceed(args);
            }
            return StallAsync();

            async Task<IReadOnlyList<ReservationLegacy>> StallAsync()
            {
                // While this call hangs, the lease runs out and the other instance takes the item and posts all of it.
                await _h.ExpireLeasesAsync(Ct);
                Assert.Equal(1, await SellingHarness.PostAsync(other, Ct));
                return await (Task<IReadOnlyList<ReservationLegacy>>)proceed(args)!;
            }
        }), Ct);

        Assert.Equal(0, await SellingHarness.PostAsync(stalled, Ct));

        Assert.Equal(0, linesSentByStalled);
        var sale = (await _h.SalesAsync(Ct)).Single(s => s.Id == id);
        Assert.Equal(UpsellStatus.Posted, sale.Status);
        AssertExactlyOnceInMews(sale);
    }

    /// <summary>An undo restored the room type, then cancelling the lines failed (a 500) and the guest checked in before
    /// the retry: the undo still cancels the lines (the check-in guard only stops an undo whose room is still upgraded).</summary>
    [Fact]
    public async Task UndoInterruptedByACheckIn_AfterTheRoomWasRestored_StillCancelsTheLines()
    {
        var id = Assert.Single(await SellAsync(1, Ct, minNights: 2));
        await _h.PostAsync(Ct);
        Assert.True((await _h.Selling.UndoAsync(id, Ct)).Succeeded);

        var cancelFailed = false;
        var checkedIn = false;
        await using var app = await _h.NewInstanceAsync(s => s.InterceptGateway((m, args, proceed) =>
        {
            if (m.Name == nameof(IMewsGateway.CancelOrderItemsAsync) && !cancelFailed)
            {
                cancelFailed = true;
                checkedIn = true; // the guest checks in while the undo waits to retry
                return Task.FromException(new MewsApiException("orderItems/cancel", System.Net.HttpStatusCode.InternalServerError, "Injected failure.", null));
            }
            return m.Name == nameof(IMewsGateway.GetReservationsAsync) && checkedIn
                ? AsCheckedIn((IAsyncEnumerable<Reservation>)proceed(args)!)
                : proceed(args);
        }), Ct);
        var undone = await SettleAsync([id], () => SellingHarness.PostAsync(app, Ct), UpsellStatus.Reversed);

        Assert.True(cancelFailed);
        var sale = Assert.Single(undone);
        Assert.Equal(sale.FromCategoryId, _h.Simulator.Store.Reservations.Single(r => r.Id == Guid.Parse(sale.ReservationId)).RequestedResourceCategoryId.ToString(), ignoreCase: true);
        Assert.All(_h.LinesOf(id), l => Assert.NotNull(l.CanceledUtc));

        static async IAsyncEnumerable<Reservation> AsCheckedIn(IAsyncEnumerable<Reservation> reservations)
        {
            await foreach (var r in reservations)
            {
                yield return r with { State = ReservationState.Started };
            }
        }
    }

    [Fact]
    public async Task TwoInstancesPollingOneDatabase_NeverBothRunAWorkItem()
    {
        var ids = await SellAsync(10, Ct);
        Assert.True(ids.Count >= 8, $"only {ids.Count} upgrades could be sold");
        var sent = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var ran = new ConcurrentDictionary<int, int>();

        await using var a = await _h.NewInstanceAsync(s => s.InterceptGateway(CountWrites(sent, ran, 1)), Ct);
        await using var b = await _h.NewInstanceAsync(s => s.InterceptGateway(CountWrites(sent, ran, 2)), Ct);
        var sales = await SettleAsync(ids, () => Task.WhenAll(SellingHarness.PostAsync(a, Ct), SellingHarness.PostAsync(b, Ct)));

        output.WriteLine($"writes by instance: {string.Join(", ", ran.OrderBy(p => p.Key).Select(p => $"#{p.Key} {p.Value}"))}");
        Report(sales);
        Assert.All(sales, s => Assert.Equal(UpsellStatus.Posted, s.Status));
        Assert.All(sales, AssertExactlyOnceInMews);
        // No faults here, so each write was needed exactly once: two instances running one item would send it twice.
        Assert.All(sent, p => Assert.True(p.Value == 1, $"{p.Key} was sent {p.Value} times"));
        Assert.Equal(sales.Count + sales.Sum(s => s.Nights.Count), sent.Count);
    }

    [Fact]
    public async Task MewsRefusesTheLinesAfterTheRoomChanged_Rejected_RoomRestoredAndNothingLeftOpen()
    {
        var ids = await SellAsync(2, Ct, minNights: 2);
        Assert.Equal(2, ids.Count);
        var sales = await _h.SalesAsync(Ct);
        var allRefused = sales.Single(s => s.Id == ids[0]);
        var secondRefused = sales.Single(s => s.Id == ids[1]);
        var otherEnterprisesCategory = _h.Simulator.Store.AccountingCategories.First(c => c.EnterpriseId == DemoIds.EnterpriseB).Id.ToString();
        var refusedLine = secondRefused.LineIdentifier(secondRefused.Nights.OrderBy(n => n.Date).ElementAt(1).Date);
        InjectPostWriteFaults(serverErrorRate: 0.2, dropConnectionRate: 0.2);

        // Mews refuses what carries an accounting category of another enterprise (400 Invalid AccountingCategoryId):
        // every line of the first sale, and only the second night of the second (its first night lands, then must go).
        await using var app = await _h.NewInstanceAsync(s => s.InterceptGateway((method, args, proceed) =>
        {
            if (method.Name == nameof(IMewsGateway.AddOrderOnceAsync) && args[0] is OrderAddition order
                && order.Items!.Any(i => i.ExternalIdentifier!.StartsWith(allRefused.Id.ToString("D"), StringComparison.Ordinal) || i.ExternalIdentifier == refusedLine))
            {
                args[0] = order with { Items = order.Items!.Select(i => i with { AccountingCategoryId = otherEnterprisesCategory }).ToList() };
            }
            return proceed(args);
        }), Ct);
        var settled = await SettleAsync(ids, () => SellingHarness.PostAsync(app, Ct));

        Report(settled);
        Assert.All(settled, s => Assert.Equal(UpsellStatus.Rejected, s.Status));
        Assert.All(settled, s => Assert.Contains("Invalid AccountingCategoryId", s.LastError, StringComparison.Ordinal));
        Assert.All(settled, AssertExactlyOnceInMews);
        Assert.Contains(_h.LinesOf(secondRefused.Id), l => l.CanceledUtc is not null); // its first night did land, and was cancelled
    }

    [Fact]
    public async Task UndoWhenMewsWillNotCancelTheLines_OneNegativeCorrectionPerNight_ExactlyOnce()
    {
        var ids = await SellAsync(3, Ct, minNights: 2);
        Assert.True(ids.Count >= 2);
        await SettleAsync(ids, () => _h.PostAsync(Ct));
        foreach (var id in ids)
        {
            var undo = await _h.Selling.UndoAsync(id, Ct);
            Assert.True(undo.Kind == SaleResultKind.Accepted, undo.Message);
        }
        InjectPostWriteFaults(serverErrorRate: 0.3, dropConnectionRate: 0.2);

        // The simulator closes lines only when the stay is checked out (and then undo is refused), so the closed-on-a-bill
        // refusal is the one the simulator gives for a Closed line: 400 Invalid OrderItemIds, nothing cancelled.
        await using var app = await _h.NewInstanceAsync(s => s.InterceptGateway((method, args, proceed) =>
            method.Name == nameof(IMewsGateway.CancelOrderItemsAsync)
                ? Task.FromException(new MewsApiException("orderItems/cancel", System.Net.HttpStatusCode.BadRequest, "Invalid OrderItemIds", "test"))
                : proceed(args)), Ct);
        var sales = await SettleAsync(ids, () => SellingHarness.PostAsync(app, Ct), UpsellStatus.Reversed);

        Report(sales);
        foreach (var sale in sales)
        {
            Assert.Equal(UpsellStatus.Reversed, sale.Status);
            var reservation = _h.Simulator.Store.Reservations.Single(r => r.Id == Guid.Parse(sale.ReservationId));
            Assert.Equal(sale.FromCategoryId, reservation.RequestedResourceCategoryId.ToString(), ignoreCase: true);
            var lines = _h.LinesOf(sale.Id);
            Assert.All(lines, l => Assert.Null(l.CanceledUtc));
            foreach (var night in sale.Nights)
            {
                var original = Assert.Single(lines, l => l.ExternalIdentifier == sale.LineIdentifier(night.Date));
                var correction = Assert.Single(lines, l => l.ExternalIdentifier == sale.CorrectionIdentifier(night.Date));
                Assert.Equal(night.UpsellAmount, Value(sale, original));
                Assert.Equal(-night.UpsellAmount, Value(sale, correction));
            }
            Assert.Equal(2 * sale.Nights.Count, lines.Count);
            Assert.Equal(0m, lines.Sum(l => Value(sale, l)));
        }
    }

    // ---- selling and settling ----

    /// <summary>Sells the first upgrade offer of up to <paramref name="count"/> of today's Confirmed arrivals at A.</summary>
    private async Task<List<Guid>> SellAsync(int count, CancellationToken ct, int minNights = 1)
    {
        var ids = new List<Guid>();
        var upgradeable = await _h.UpgradeableAsync(ct);
        output.WriteLine($"upgradeable: {string.Join(", ", upgradeable.Select(o => $"{o.Reservation.Number} {o.Reservation.State} {o.Offers[0].Nights.Count}n"))}");
        foreach (var offers in upgradeable)
        {
            if (ids.Count == count)
            {
                break;
            }
            if (offers.Reservation.State != ReservationState.Confirmed || offers.Offers[0].Nights.Count < minNights)
            {
                continue;
            }
            var sold = await _h.Selling.SellAsync(new SaleRequest(_h.Property.Id, offers.Reservation.ReservationId, offers.Offers[0].OfferId, null, SaleChannel.Desk), ct);
            Assert.True(sold.Kind == SaleResultKind.Accepted, sold.Message);
            ids.Add(sold.Sale!.UpsellId);
        }
        return ids;
    }

    /// <summary>Runs the poster, makes the backed-off work due again, until every sale is settled (or 40 passes).</summary>
    private async Task<List<UpsellSale>> SettleAsync(IReadOnlyCollection<Guid> ids, Func<Task> runPoster, UpsellStatus? until = null)
    {
        for (var pass = 1; pass <= 40; pass++)
        {
            await runPoster();
            var sales = (await _h.SalesAsync(Ct)).Where(s => ids.Contains(s.Id)).ToList();
            if (sales.All(s => until is { } status ? s.Status == status : s.Status is UpsellStatus.Posted or UpsellStatus.Rejected))
            {
                output.WriteLine($"settled after {pass} poster pass(es)");
                return sales;
            }
            await _h.MakeAllDueAsync(Ct);
        }
        var left = (await _h.SalesAsync(Ct)).Where(s => ids.Contains(s.Id) && s.Status == UpsellStatus.Pending).ToList();
        Assert.Fail($"{left.Count} sale(s) still Pending after 40 passes: {string.Join(" | ", left.Select(s => s.LastError))}");
        return [];
    }

    private void InjectPostWriteFaults(double serverErrorRate, double dropConnectionRate)
    {
        _h.Simulator.Options.FaultOperations = Writes;
        _h.Simulator.Options.PostWriteServerErrorRate = serverErrorRate;
        _h.Simulator.Options.PostWriteDropConnectionRate = dropConnectionRate;
    }

    private void Report(IReadOnlyCollection<UpsellSale> sales)
    {
        var stats = _h.Simulator.Statistics;
        output.WriteLine($"{sales.Count} sale(s): {string.Join(", ", sales.GroupBy(s => s.Status).Select(g => $"{g.Count()} {g.Key}"))}; "
            + $"{sales.Sum(s => s.Nights.Count)} nights; attempts {sales.Sum(s => s.Attempts)}; "
            + $"faults injected {stats.FaultsInjected} (post-write {stats.PostWriteFaultsInjected}, dropped {stats.ConnectionsDropped}); "
            + $"requests {string.Join(", ", stats.RequestsByOperation.Where(p => Writes.Contains(p.Key) || p.Key.StartsWith("orderItems", StringComparison.Ordinal)).Select(p => $"{p.Key} {p.Value}"))}");
    }

    // ---- what Mews has ----

    /// <summary>Posted: the reservation has the target room type and exactly one open line per night with its
    /// ExternalIdentifier (none cancelled, none doubled), linked to it, on the sale's accounting category, adding up
    /// to the sale's total to the cent. Rejected: the room type is the original and no line of the sale is open.</summary>
    private void AssertExactlyOnceInMews(UpsellSale sale)
    {
        var store = _h.Simulator.Store;
        var reservation = store.Reservations.Single(r => r.Id == Guid.Parse(sale.ReservationId));
        var prefix = sale.Id.ToString("D") + ":";
        var orders = store.Orders.Where(o => o.Items.Any(i => i.ExternalIdentifier?.StartsWith(prefix, StringComparison.Ordinal) == true)).ToList();
        var lines = orders.SelectMany(o => o.Items).ToList();
        switch (sale.Status)
        {
            case UpsellStatus.Posted:
                Assert.Equal(sale.ToCategoryId, reservation.RequestedResourceCategoryId.ToString(), ignoreCase: true);
                Assert.Equal(sale.Nights.Select(n => sale.LineIdentifier(n.Date)).Order(StringComparer.Ordinal),
                    lines.Select(l => l.ExternalIdentifier!).Order(StringComparer.Ordinal));
                Assert.All(lines, l => Assert.Null(l.CanceledUtc));
                Assert.All(orders, o => Assert.Equal(reservation.Id, o.LinkedReservationId));
                Assert.All(lines, l => Assert.Equal(sale.AccountingCategoryId, l.AccountingCategoryId?.ToString(), ignoreCase: true));
                foreach (var night in sale.Nights)
                {
                    Assert.Equal(night.UpsellAmount, Value(sale, lines.Single(l => l.ExternalIdentifier == sale.LineIdentifier(night.Date))));
                }
                Assert.Equal(sale.TotalAmount, lines.Sum(l => Value(sale, l)));
                Assert.Equal(sale.Nights.Count, sale.MewsOrderIds.Distinct().Count());
                break;
            case UpsellStatus.Rejected:
                Assert.Equal(sale.FromCategoryId, reservation.RequestedResourceCategoryId.ToString(), ignoreCase: true);
                Assert.All(lines, l => Assert.NotNull(l.CanceledUtc));
                break;
            default:
                Assert.Fail($"Upsell {sale.Id} is {sale.Status}.");
                break;
        }
    }

    private static decimal Value(UpsellSale sale, UpsellAdmin.ConnectorSimulator.Model.OrderItem line) =>
        (sale.PricesAreGross ? line.UnitAmount.GrossValue : line.UnitAmount.NetValue) * line.UnitCount;

    // ---- gateway decorators ----

    /// <summary>Lets the <paramref name="nth"/> call of <paramref name="method"/> reach Mews and succeed, then dies.</summary>
    private static GatewayInterceptor.Interception CrashAfter(string method, int nth, ConcurrentBag<string> landed)
    {
        var calls = 0;
        return (m, args, proceed) =>
        {
            if (m.Name != method || Interlocked.Increment(ref calls) != nth)
            {
                return proceed(args);
            }
            void Die()
            {
                landed.Add(method);
                throw new ProcessDiedException(method);
            }
            return proceed(args) switch
            {
                Task<string> order => order.ThenAsync(Die),
                Task<IReadOnlyList<ReservationLegacy>> update => update.ThenAsync(Die),
                var other => other,
            };
        };
    }

    /// <summary>Counts every write by what it writes (a line's ExternalIdentifier, a reservation's room change) and by instance.</summary>
    private static GatewayInterceptor.Interception CountWrites(ConcurrentDictionary<string, int> sent, ConcurrentDictionary<int, int> byInstance, int instance) =>
        (m, args, proceed) =>
        {
            var key = args.FirstOrDefault() switch
            {
                OrderAddition order => string.Join(",", order.Items?.Select(i => i.ExternalIdentifier) ?? []),
                ReservationsUpdate update => "room " + string.Join(",", update.ReservationUpdates.Select(u => u.ReservationId)),
                _ => null,
            };
            if (key is not null)
            {
                sent.AddOrUpdate(key, 1, (_, n) => n + 1);
                byInstance.AddOrUpdate(instance, 1, (_, n) => n + 1);
            }
            return proceed(args);
        };
}
