using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Common.Audit;

namespace UpsellAdmin.Web.Features.Selling;

/// <summary>Mews said no to the sale itself (the reservation changed, a 4xx): the work ends here, nothing is re-sent.</summary>
public sealed class SaleRefusedException(string message, string? requestId = null) : Exception(message)
{
    public string? RequestId { get; } = requestId;
}

/// <summary>
/// Claims due <see cref="UpsellWorkItem"/>s (a lease in the database: one conditional UPDATE per item, so two instances
/// never run the same one) and does what they say in Mews, saving progress after every call. A step that may have
/// reached Mews before (an attempt time is set) is first <b>reconciled</b> — the reservation re-read, the lines looked up
/// by their ExternalIdentifier, the add-on by the reservation's items of that product since the attempt — and only
/// what is provably missing is sent. Mews refusing (400/403/404/422) rejects the sale and takes back what landed;
/// anything else (5xx, timeouts, 429 beyond the gateway's retries, an unknown outcome) leaves the work due again later.
/// </summary>
public sealed partial class UpsellPoster(IDbContextFactory<AppDbContext> dbFactory, IMewsGateway mews, TimeProvider clock,
    IOptions<SellingOptions> options, ILogger<UpsellPoster> log)
{
    /// <summary>This process's name on the leases it takes.</summary>
    public static readonly string Instance = Truncated($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    private static string Truncated(string text) => text.Length <= 200 ? text : text[^200..];

    /// <summary>How far around an attempt lines are looked for (clocks differ; Mews stamps CreatedUtc itself).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(5);

    /// <summary>Runs every due work item (several at once, up to <see cref="SellingOptions.Parallelism"/>) until none is
    /// due; returns how many were run.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var ran = 0;
        var parallelism = Math.Max(1, options.Value.Parallelism);
        var skipped = new HashSet<long>();
        while (!ct.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            List<long> due;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                due = await db.UpsellWork.AsNoTracking()
                    .Where(w => w.CompletedUtc == null && w.DueUtc <= now && (w.LeaseExpiresUtc == null || w.LeaseExpiresUtc < now - options.Value.InFlightGrace))
                    .OrderBy(w => w.Id).Select(w => w.Id).Take(parallelism * 8).ToListAsync(ct);
            }
            due.RemoveAll(skipped.Contains);
            if (due.Count == 0)
            {
                return ran;
            }
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (id, c) =>
            {
                if (await RunOneAsync(id, c))
                {
                    Interlocked.Increment(ref ran);
                }
                else
                {
                    lock (skipped)
                    {
                        skipped.Add(id); // another instance holds it
                    }
                }
            });
        }
        return ran;
    }

    /// <summary>Claims one work item and runs it; false when another worker holds it or it is done.</summary>
    public async Task<bool> RunOneAsync(long workId, CancellationToken ct)
    {
        if (!await ClaimAsync(workId, ct))
        {
            return false;
        }
        try
        {
            return await RunClaimedAsync(workId, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The app is stopping mid-call: progress up to the last call is saved and the next run reconciles the rest.
            // The call cut off may still be applied by Mews, so the lease is shortened to the in-flight grace, not dropped:
            // a restarted app takes the item over once that call can no longer land behind its look-up.
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var owner = Instance;
            var until = clock.GetUtcNow(); // expired now: a take-over still waits the in-flight grace
            await db.UpsellWork.Where(w => w.Id == workId && w.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseExpiresUtc, until), CancellationToken.None);
            throw;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance took the item over (this one outlived its lease): it owns the work now; write nothing more.
            LogLeaseLost(workId);
            return false;
        }
    }

    private async Task<bool> RunClaimedAsync(long workId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var work = await db.UpsellWork.FirstAsync(w => w.Id == workId, ct);
        var sale = await db.UpsellSales.Include(s => s.Nights).FirstAsync(s => s.Id == work.SaleId, ct);
        var statusBefore = sale.Status;
        work.Attempts++;
        try
        {
            switch (work.Action)
            {
                case UpsellWorkAction.Post when sale.Status == UpsellStatus.Pending:
                    sale.Attempts++;
                    await PostAsync(db, sale, ct);
                    sale.Status = UpsellStatus.Posted;
                    sale.PostedUtc = clock.GetUtcNow();
                    sale.LastError = null;
                    LogPosted(sale.Id, sale.ReservationNumber);
                    break;
                case UpsellWorkAction.Undo when sale.Status == UpsellStatus.Posted:
                    await TakeBackAsync(db, sale, checkedInBlocks: true, ct);
                    sale.Status = UpsellStatus.Reversed;
                    sale.ReversedUtc = clock.GetUtcNow();
                    sale.LastError = null;
                    LogReversed(sale.Id, sale.ReservationNumber);
                    break;
                case UpsellWorkAction.Revert when sale.Status == UpsellStatus.Pending:
                    await TakeBackAsync(db, sale, checkedInBlocks: false, ct);
                    sale.Status = UpsellStatus.Rejected;
                    sale.RejectedUtc = clock.GetUtcNow();
                    sale.LastError = Limited($"{RefusalOf(sale)} What had already reached Mews was taken back (room type restored, lines cancelled).");
                    break;
            }
            Complete(work);
        }
        catch (Exception e) when (Refusal(e) is { } refusal)
        {
            Refused(sale, work, refusal.Message, refusal.RequestId);
        }
        catch (Exception e) when (e is MewsApiException or HttpRequestException or TimeoutException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // Mews may recover: keep the work, say what happened, try again later (reconciling first).
            var backoff = TimeSpan.FromSeconds(Math.Min(options.Value.MaxBackoff.TotalSeconds, 5 * Math.Pow(2, Math.Min(16, work.Attempts - 1))));
            if (e is MewsOutcomeUnknownException or TimeoutException or OperationCanceledException && backoff < options.Value.InFlightGrace)
            {
                backoff = options.Value.InFlightGrace; // the cut-off write may still land: look it up only after that
            }
            var error = Describe(e) + $" Attempt {work.Attempts}; next in {backoff.TotalSeconds:0} s.";
            sale.LastRequestId = (e as MewsApiException)?.RequestId;
            if (e is MewsOutcomeUnknownException unknown)
            {
                error += " The outcome is unknown; the next attempt looks the lines up before sending anything.";
                sale.LastRequestId ??= unknown.RequestId;
            }
            // Taking back a refused sale keeps Mews' refusal in front: it is why the upsell ends Rejected.
            sale.LastError = Limited(work.Action == UpsellWorkAction.Revert ? $"{RefusalOf(sale)}{TakingBack}{error}" : error);
            work.DueUtc = clock.GetUtcNow() + backoff;
            Release(work);
            LogWillRetry(sale.Id, work.Action.ToString(), sale.LastError);
        }
        if (sale.Status != statusBefore && sale.Status is UpsellStatus.Posted or UpsellStatus.Rejected or UpsellStatus.Reversed)
        {
            // Saved with the outcome: Posted, Rejected (Mews refused) or Reversed (undone in Mews).
            SellingAudit.Record(db, SellingAudit.Worker, sale.Status.ToString(), sale, statusBefore);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    private async Task<bool> ClaimAsync(long workId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var until = now + options.Value.Lease;
        // A lease that ran out may belong to an instance still inside a slow call (rate-limit waits, retries): take it
        // over only once that call could no longer land behind our look-up.
        var expiredBefore = now - options.Value.InFlightGrace;
        var owner = Instance;
        var claimed = await db.UpsellWork
            .Where(w => w.Id == workId && w.CompletedUtc == null && w.DueUtc <= now && (w.LeaseExpiresUtc == null || w.LeaseExpiresUtc < expiredBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseOwner, owner).SetProperty(w => w.LeaseExpiresUtc, until), ct);
        return claimed == 1;
    }

    /// <summary>Saves progress after (or before) a Mews call and renews the lease; the lease owner is a concurrency token,
    /// so an instance whose lease ran out and was taken over fails here instead of writing (or sending) more.</summary>
    private async Task SaveProgressAsync(AppDbContext db, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + options.Value.Lease;
        foreach (var entry in db.ChangeTracker.Entries<UpsellWorkItem>())
        {
            entry.Entity.LeaseExpiresUtc = until;
        }
        await db.SaveChangesAsync(ct);
    }

    private const string TakingBack = " Taking back what landed: ";

    /// <summary>The refusal a Revert started from, without what the attempts to take the sale back said since.</summary>
    private static string RefusalOf(UpsellSale sale)
    {
        var error = sale.LastError ?? "Mews refused the sale.";
        var cut = error.IndexOf(TakingBack, StringComparison.Ordinal);
        return cut < 0 ? error : error[..cut];
    }

    /// <summary>LastError is 2,000 characters at most in the database.</summary>
    private static string Limited(string error) => error.Length <= 2000 ? error : error[..1997] + "...";

    private void Complete(UpsellWorkItem work)
    {
        work.CompletedUtc = clock.GetUtcNow();
        Release(work);
    }

    private static void Release(UpsellWorkItem work)
    {
        work.LeaseOwner = null;
        work.LeaseExpiresUtc = null;
    }

    /// <summary>Mews refused: a post whose parts landed becomes a Revert (then Rejected); one with nothing in Mews is
    /// Rejected now; a refused undo or revert leaves the upsell as it is and says what to check in Mews.</summary>
    private void Refused(UpsellSale sale, UpsellWorkItem work, string message, string? requestId)
    {
        sale.LastRequestId = requestId;
        switch (work.Action)
        {
            case UpsellWorkAction.Post when sale.RoomAttemptedUtc is not null || sale.LinesAttemptedUtc is not null:
                sale.LastError = Limited($"Mews refused the sale: {message}");
                work.Action = UpsellWorkAction.Revert;
                work.DueUtc = clock.GetUtcNow();
                work.Attempts = 0;
                Release(work);
                LogRejected(sale.Id, message);
                return;
            case UpsellWorkAction.Post:
                sale.Status = UpsellStatus.Rejected;
                sale.RejectedUtc = clock.GetUtcNow();
                sale.LastError = Limited($"Mews refused the sale: {message} Nothing was posted.");
                LogRejected(sale.Id, message);
                break;
            case UpsellWorkAction.Undo:
                sale.UndoRequestedUtc = null;
                sale.LastError = Limited($"Undo refused: {message}");
                sale.Attention = Limited($"The upsell is still in Mews. {message}");
                break;
            default:
                sale.Status = UpsellStatus.Rejected;
                sale.RejectedUtc = clock.GetUtcNow();
                sale.Attention = Limited($"Mews refused to take back part of the sale ({message}). In Mews, reservation {sale.ReservationNumber} should have room type "
                    + $"{sale.FromRoomType ?? "(unchanged)"} and no line whose external identifier starts with {sale.Id:D}: check and correct it there.");
                break;
        }
        Complete(work);
    }

    // ---- posting ----

    private async Task PostAsync(AppDbContext db, UpsellSale sale, CancellationToken ct)
    {
        if (sale.Kind == UpsellKind.RoomUpgrade)
        {
            await ChangeRoomAsync(db, sale, ct);
            await PostLinesAsync(db, sale, ct);
        }
        else
        {
            await PostAddOnAsync(db, sale, ct);
        }
    }

    private async Task ChangeRoomAsync(AppDbContext db, UpsellSale sale, CancellationToken ct)
    {
        if (sale.RoomChangedUtc is not null)
        {
            return;
        }
        if (sale.RoomAttemptedUtc is not null)
        {
            // Sent before, outcome unknown (a crash, a timeout): read the reservation first.
            var r = await ReservationAsync(sale, ct) ?? throw new SaleRefusedException($"Reservation {sale.ReservationNumber} is no longer in Mews.");
            if (r.RequestedResourceCategoryId == sale.ToCategoryId)
            {
                sale.RoomChangedUtc = clock.GetUtcNow();
                await SaveProgressAsync(db, ct);
                return;
            }
            if (r.State is not (ReservationState.Confirmed or ReservationState.Started))
            {
                throw new SaleRefusedException($"Reservation {sale.ReservationNumber} is now {r.State} in Mews.");
            }
            if (r.RequestedResourceCategoryId != sale.FromCategoryId)
            {
                throw new SaleRefusedException($"Reservation {sale.ReservationNumber}'s room type was changed in Mews since the sale; the upgrade was not applied.");
            }
        }
        sale.RoomAttemptedUtc ??= clock.GetUtcNow();
        await SaveProgressAsync(db, ct);
        await SetRoomTypeAsync(sale, sale.ToCategoryId!, ct);
        sale.RoomChangedUtc = clock.GetUtcNow();
        await SaveProgressAsync(db, ct);
    }

    private Task SetRoomTypeAsync(UpsellSale sale, string categoryId, CancellationToken ct) =>
        mews.UpdateReservationsAsync(new ReservationsUpdate
        {
            EnterpriseId = sale.EnterpriseId,
            ReservationUpdates = [new ReservationUpdate { ReservationId = sale.ReservationId, RequestedCategoryId = new UpdateValue<string?>(categoryId) }],
            Reprice = false, // the upgrade's price is posted as its own lines
        }, ct);

    /// <summary>One order per night (its ConsumptionUtc in that night), one line each with the night's upsell amount.</summary>
    private async Task PostLinesAsync(AppDbContext db, UpsellSale sale, CancellationToken ct)
    {
        if (sale.Nights.All(n => n.MewsOrderId is not null))
        {
            return;
        }
        if (sale.LinesAttemptedUtc is not null)
        {
            var landed = await OurLinesAsync(sale, ct);
            foreach (var night in sale.Nights.Where(n => n.MewsOrderId is null))
            {
                if (landed.FirstOrDefault(i => i.ExternalIdentifier == sale.LineIdentifier(night.Date)) is { } item)
                {
                    night.MewsOrderId = item.ServiceOrderId ?? item.Id;
                    night.MewsItemId = item.Id;
                }
            }
        }
        sale.LinesAttemptedUtc ??= clock.GetUtcNow();
        await SaveProgressAsync(db, ct);
        foreach (var night in sale.Nights.Where(n => n.MewsOrderId is null).OrderBy(n => n.Date).ToList())
        {
            night.MewsOrderId = await mews.AddOrderOnceAsync(new OrderAddition
            {
                EnterpriseId = sale.EnterpriseId,
                ServiceId = sale.ServiceId,
                AccountId = sale.AccountId,
                LinkedReservationId = sale.ReservationId,
                ConsumptionUtc = InTheNight(sale, night.Date),
                Notes = $"Upsell {sale.Id:D} by {sale.AgentName}",
                Items =
                [
                    new OrderItemParameters
                    {
                        Name = LineName(sale),
                        UnitCount = 1,
                        UnitAmount = Amount(sale, night.UpsellAmount, night.TaxCodes),
                        AccountingCategoryId = sale.AccountingCategoryId,
                        ExternalIdentifier = sale.LineIdentifier(night.Date),
                    },
                ],
            }, ct);
            await SaveProgressAsync(db, ct);
        }
    }

    private async Task PostAddOnAsync(AppDbContext db, UpsellSale sale, CancellationToken ct)
    {
        if (sale.ItemIds.Count > 0)
        {
            return;
        }
        if (sale.LinesAttemptedUtc is not null)
        {
            var landed = await AddOnItemsAsync(sale, ct);
            if (landed.Count > 0)
            {
                sale.MewsItemIds = string.Join(',', landed.Select(i => i.Id));
                await SaveProgressAsync(db, ct);
                return;
            }
        }
        sale.LinesAttemptedUtc ??= clock.GetUtcNow();
        await SaveProgressAsync(db, ct);
        var from = sale.ChargeFrom is { } day ? SellingService.StartOfDay(day, sale.TimeZone) : (DateTimeOffset?)null;
        var ids = await mews.AddReservationProductAsync(new ReservationProductAddition
        {
            ReservationId = sale.ReservationId,
            ProductId = sale.ProductId!,
            Count = 1, // per charging unit: Mews multiplies by nights and persons as the product's charging says
            UnitAmount = sale.UnitAmountOverridden && sale.UnitAmount is { } unit ? Amount(sale, unit, "") : null,
            StartUtc = from,
            EndUtc = from is null ? null : SellingService.StartOfDay(sale.Departure, sale.TimeZone),
        }, ct);
        sale.MewsItemIds = string.Join(',', ids);
        await SaveProgressAsync(db, ct);
    }

    // ---- taking back (undo, or after a refusal) ----

    private async Task TakeBackAsync(AppDbContext db, UpsellSale sale, bool checkedInBlocks, CancellationToken ct)
    {
        if (sale.Kind == UpsellKind.RoomUpgrade)
        {
            if (sale.RoomAttemptedUtc is not null || sale.RoomChangedUtc is not null)
            {
                var r = await ReservationAsync(sale, ct);
                // Check-in ends the undo only while the room is still upgraded: once this undo restored the room type,
                // it always goes on to cancel the lines (else the guest keeps paying for an upgrade taken back).
                if (checkedInBlocks && sale.RoomChangedUtc is not null && r?.State is ReservationState.Started or ReservationState.Processed)
                {
                    throw new SaleRefusedException($"The guest has checked in (reservation {sale.ReservationNumber} is {r!.State}); the upgrade can no longer be undone here.");
                }
                if (r is not null && r.RequestedResourceCategoryId == sale.ToCategoryId)
                {
                    await SetRoomTypeAsync(sale, sale.FromCategoryId!, ct);
                }
                sale.RoomChangedUtc = null;
                await SaveProgressAsync(db, ct);
            }
            if (sale.LinesAttemptedUtc is not null)
            {
                await CancelLinesAsync(db, sale, ct);
            }
            return;
        }

        if (sale.LinesAttemptedUtc is null)
        {
            return;
        }
        var items = sale.ItemIds.Count > 0
            ? await ListAsync(mews.GetOrderItemsAsync(new OrderItemFilter { EnterpriseIds = [sale.EnterpriseId], OrderItemIds = sale.ItemIds }, ct), ct)
            : await AddOnItemsAsync(sale, ct);
        var open = items.Where(i => i.AccountingState != OrderItemAccountingStates.Canceled).Select(i => i.Id).ToList();
        foreach (var chunk in open.Chunk(10))
        {
            await SaveProgressAsync(db, ct); // still this instance's lease before each call
            await mews.CancelOrderItemsAsync(chunk, sale.EnterpriseId, ct);
        }
    }

    /// <summary>Cancels the sale's revenue lines still open; a line Mews will not cancel (closed on a bill) gets a
    /// negative correction line with its own ExternalIdentifier, looked up first so it is never posted twice.</summary>
    private async Task CancelLinesAsync(AppDbContext db, UpsellSale sale, CancellationToken ct)
    {
        var lines = await OurLinesAsync(sale, ct, includeCanceled: true);
        var corrected = lines.Where(l => l.AccountingState != OrderItemAccountingStates.Canceled && l.ExternalIdentifier!.EndsWith(":undo", StringComparison.Ordinal))
            .Select(l => l.ExternalIdentifier!).ToHashSet(StringComparer.Ordinal);
        var open = lines.Where(l => l.AccountingState != OrderItemAccountingStates.Canceled && !l.ExternalIdentifier!.EndsWith(":undo", StringComparison.Ordinal))
            .Where(l => !corrected.Contains(l.ExternalIdentifier + ":undo"))
            .ToList();
        foreach (var chunk in open.Chunk(10))
        {
            await SaveProgressAsync(db, ct);
            try
            {
                await mews.CancelOrderItemsAsync(chunk.Select(l => l.Id).ToList(), sale.EnterpriseId, ct);
            }
            catch (MewsApiException e) when (IsRefusal(e))
            {
                // Correct only what is still open now (someone may have cancelled a line meanwhile).
                var stillOpen = (await ListAsync(mews.GetOrderItemsAsync(new OrderItemFilter { EnterpriseIds = [sale.EnterpriseId], OrderItemIds = chunk.Select(l => l.Id).ToList() }, ct), ct))
                    .Where(l => l.AccountingState != OrderItemAccountingStates.Canceled).ToList();
                foreach (var line in stillOpen)
                {
                    await SaveProgressAsync(db, ct);
                    var night = sale.Nights.FirstOrDefault(n => sale.LineIdentifier(n.Date) == line.ExternalIdentifier);
                    if (night is null)
                    {
                        continue;
                    }
                    await mews.AddOrderOnceAsync(new OrderAddition
                    {
                        EnterpriseId = sale.EnterpriseId,
                        ServiceId = sale.ServiceId,
                        AccountId = sale.AccountId,
                        LinkedReservationId = sale.ReservationId,
                        Notes = $"Undo of upsell {sale.Id:D}",
                        Items =
                        [
                            new OrderItemParameters
                            {
                                Name = "Undo: " + LineName(sale),
                                UnitCount = 1,
                                UnitAmount = Amount(sale, -night.UpsellAmount, night.TaxCodes),
                                AccountingCategoryId = sale.AccountingCategoryId,
                                ExternalIdentifier = sale.CorrectionIdentifier(night.Date),
                            },
                        ],
                    }, ct);
                }
            }
        }
    }

    // ---- reading Mews ----

    private async Task<Reservation?> ReservationAsync(UpsellSale sale, CancellationToken ct)
    {
        await foreach (var r in mews.GetReservationsAsync(new ReservationFilter { EnterpriseIds = [sale.EnterpriseId], ReservationIds = [sale.ReservationId] }, ct))
        {
            return r;
        }
        return null;
    }

    /// <summary>The account's lines created around the sale's attempts whose ExternalIdentifier is this sale's.</summary>
    private async Task<List<OrderItem>> OurLinesAsync(UpsellSale sale, CancellationToken ct, bool includeCanceled = false)
    {
        var prefix = sale.Id.ToString("D") + ":";
        var orderIds = sale.Nights.Select(n => n.MewsOrderId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        // Every night's order known: read those orders (no time window, so an undo months later still finds them);
        // else the account's lines created around the first attempt.
        var items = await ListAsync(mews.GetOrderItemsAsync(orderIds.Count == sale.Nights.Count && orderIds.Count > 0
            ? new OrderItemFilter { EnterpriseIds = [sale.EnterpriseId], ServiceOrderIds = orderIds }
            : new OrderItemFilter { EnterpriseIds = [sale.EnterpriseId], AccountIds = [sale.AccountId], CreatedUtc = Around(sale.LinesAttemptedUtc!.Value) }, ct), ct);
        if (sale.UndoRequestedUtc is { } undoAt)
        {
            // Correction lines of an undo are created around the undo.
            items.AddRange(await ListAsync(mews.GetOrderItemsAsync(new OrderItemFilter
            {
                EnterpriseIds = [sale.EnterpriseId], AccountIds = [sale.AccountId], CreatedUtc = Around(undoAt),
            }, ct), ct));
        }
        return items.DistinctBy(i => i.Id, StringComparer.Ordinal).Where(i => i.ExternalIdentifier?.StartsWith(prefix, StringComparison.Ordinal) == true
            && (includeCanceled || i.AccountingState != OrderItemAccountingStates.Canceled)).ToList();
    }

    /// <summary>The reservation's open items of the add-on's product created since the first attempt (reservations/addProduct
    /// takes no ExternalIdentifier, so this is how an attempt is recognised).</summary>
    private async Task<List<OrderItem>> AddOnItemsAsync(UpsellSale sale, CancellationToken ct)
    {
        var items = await ListAsync(mews.GetOrderItemsAsync(new OrderItemFilter
        {
            EnterpriseIds = [sale.EnterpriseId],
            ServiceOrderIds = [sale.ReservationId],
            Types = [OrderItemTypes.ProductOrder],
            CreatedUtc = Around(sale.LinesAttemptedUtc!.Value),
        }, ct), ct);
        return items.Where(i => string.Equals(i.Data?.Product?.ProductId, sale.ProductId, StringComparison.OrdinalIgnoreCase)
            && i.AccountingState != OrderItemAccountingStates.Canceled).ToList();
    }

    private TimeInterval Around(DateTimeOffset attempt)
    {
        var now = clock.GetUtcNow();
        var start = attempt - Slack;
        if (now - start > TimeSpan.FromDays(89))
        {
            start = now - TimeSpan.FromDays(89); // Mews takes intervals of at most 3 months
        }
        return new TimeInterval(start, now + Slack);
    }

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> items, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(ct))
        {
            list.Add(item);
        }
        return list;
    }

    // ---- amounts and names ----

    private static AmountParameters Amount(UpsellSale sale, decimal value, string taxCodes) => new()
    {
        Currency = sale.CurrencyCode,
        GrossValue = sale.PricesAreGross ? value : null,
        NetValue = sale.PricesAreGross ? null : value,
        TaxCodes = string.IsNullOrEmpty(taxCodes) ? [] : taxCodes.Split(','),
    };

    private static string LineName(UpsellSale sale) => $"Room upgrade {sale.FromRoomType} → {sale.ToRoomType}";

    /// <summary>20:00 property time on the night's date: inside the night the line pays for.</summary>
    private static DateTimeOffset InTheNight(UpsellSale sale, DateOnly night) => SellingService.StartOfDay(night, sale.TimeZone).AddHours(20);

    private static (string Message, string? RequestId)? Refusal(Exception e) => e switch
    {
        SaleRefusedException r => (r.Message, r.RequestId),
        MewsApiException m when IsRefusal(m) => ($"{m.MewsMessage} ({m.Operation}, HTTP {(int)m.StatusCode!.Value})", m.RequestId),
        _ => null,
    };

    /// <summary>A definite no from Mews (the request is wrong for this reservation): 400, 403, 404, 422. Not 401 (the token:
    /// fix the configuration and it posts), 408, 409 (a concurrent edit) or 429.</summary>
    private static bool IsRefusal(MewsApiException e) =>
        e is not MewsOutcomeUnknownException
        && e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity;

    private static string Describe(Exception e) => e switch
    {
        MewsOutcomeUnknownException u => $"Mews did not say whether {u.Operation} applied ({u.MewsMessage}).",
        MewsApiException m => $"Mews failed on {m.Operation}: {m.MewsMessage}{(m.StatusCode is { } s ? $" (HTTP {(int)s})" : "")}{(m.RequestId is { } id ? $", RequestId {id}" : "")}.",
        _ => $"Mews could not be reached: {e.Message}",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upsell work item {WorkId} was taken over by another instance after its lease ran out; this one stopped")]
    private partial void LogLeaseLost(long workId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upsell {UpsellId} posted to Mews (reservation {Reservation})")]
    private partial void LogPosted(Guid upsellId, string reservation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upsell {UpsellId} reversed in Mews (reservation {Reservation})")]
    private partial void LogReversed(Guid upsellId, string reservation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upsell {UpsellId} refused by Mews: {Message}")]
    private partial void LogRejected(Guid upsellId, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upsell {UpsellId} {Action} will be retried: {Error}")]
    private partial void LogWillRetry(Guid upsellId, string action, string error);
}
