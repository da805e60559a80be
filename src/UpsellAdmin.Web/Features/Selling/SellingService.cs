using System.Runtime.CompilerServices;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.Selling;

/// <inheritdoc />
public sealed class SellingService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICurrentUser currentUser,
    IUpsellDeskService desk,
    IMewsGateway mews,
    UpsellWorkSignal signal,
    TimeProvider clock,
    ILogger<SellingService>? logger = null) : ISellingService
{
    public const int OfferIdMaxLength = 64;
    public const int ReservationIdMaxLength = 64;

    public async Task<SaleResult> SellAsync(SaleRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Problem(request) is { } problem)
        {
            return new SaleResult(SaleResultKind.Invalid, problem);
        }
        var user = await currentUser.GetAsync(cancellationToken);
        var agent = AgentName(user);
        var hash = RequestHash(request);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var property = await PropertyAccess.Visible(db, user).FirstOrDefaultAsync(p => p.Id == request.PropertyId, cancellationToken);
        if (property is null)
        {
            return new SaleResult(SaleResultKind.NotFound, "The property does not exist or you may not see it.");
        }
        if (!CanSell(user))
        {
            return new SaleResult(SaleResultKind.Forbidden, "Selling needs the Front Desk, Revenue Manager or Administrator role.");
        }
        if (request.IdempotencyKey is { } key && await ReplayAsync(db, agent, key, hash, cancellationToken) is { } replay)
        {
            return replay;
        }

        DeskOffers? offers;
        try
        {
            offers = await desk.GetOffersAsync(property.Id, DeskWindow.OneReservation(request.ReservationId, QuoteDates.Today(clock, property.TimeZone)),
                request.ReservationId, explain: false, refresh: true, cancellationToken);
        }
        catch (DeskUnavailableException e)
        {
            return new SaleResult(SaleResultKind.Invalid, e.Message);
        }
        catch (Exception e) when (e is MewsApiException or HttpRequestException)
        {
            return new SaleResult(SaleResultKind.MewsUnavailable,
                $"Mews could not be read to check the offer again ({e.Message}). Nothing was sold; try again in a moment.");
        }
        if (offers is null)
        {
            return new SaleResult(SaleResultKind.NotFound, $"Reservation {request.ReservationId} is not a reservation of {property.Code} in Mews.");
        }
        var reservation = offers.Reservation;
        if (reservation.State is not (ReservationState.Confirmed or ReservationState.Started))
        {
            return await RefuseAsync(db, request, agent, hash,
                Changed(offers, $"The reservation is now {reservation.State}: only a confirmed or checked-in reservation can be sold an upsell."), cancellationToken);
        }

        var upgrade = offers.Offers.FirstOrDefault(o => string.Equals(o.OfferId, request.OfferId, StringComparison.OrdinalIgnoreCase));
        var addOn = upgrade is null ? offers.AddOns.FirstOrDefault(o => string.Equals(o.OfferId, request.OfferId, StringComparison.OrdinalIgnoreCase)) : null;
        if (upgrade is null && addOn is null)
        {
            var now = offers.Offers.Count + offers.AddOns.Count;
            return await RefuseAsync(db, request, agent, hash,
                Changed(offers, "This offer is no longer what the guest was shown: the reservation, its price or the availability changed in Mews. "
                    + (now == 0 ? offers.Message ?? "Nothing can be offered to this reservation now." : $"{now} offer{(now == 1 ? "" : "s")} can be sold now; show the guest the new one.")),
                cancellationToken);
        }

        if (reservation.CustomerId is null || reservation.ServiceId is null)
        {
            return new SaleResult(SaleResultKind.Invalid, "Mews did not say whose reservation this is or which service it belongs to, so nothing can be posted to it.");
        }
        // One upgrade per reservation, one sale per add-on product, unless the earlier one was rejected or undone.
        var open = await OpenSalesOfTheSame(db, property.Id, reservation.ReservationId, upgrade is not null ? UpsellKind.RoomUpgrade : UpsellKind.AddOn, addOn?.ProductId, except: null)
            .Select(s => new { s.Id, s.AgentName, s.Status })
            .FirstOrDefaultAsync(cancellationToken);
        if (open is not null)
        {
            return await RefuseAsync(db, request, agent, hash, new SaleResult(SaleResultKind.Conflict, upgrade is not null
                ? $"This reservation already has an upgrade ({open.Status}, sold by {open.AgentName}); undo it first to sell another."
                : $"This add-on was already sold to this reservation ({open.Status}, by {open.AgentName})."), cancellationToken);
        }

        var sale = new UpsellSale
        {
            Id = Guid.NewGuid(),
            PropertyId = property.Id,
            PropertyCode = property.Code,
            EnterpriseId = property.MewsEnterpriseId!.Value.ToString(),
            ReservationId = reservation.ReservationId,
            ReservationNumber = reservation.Number,
            GuestName = Truncate(reservation.GuestName, 200),
            AccountId = reservation.CustomerId,
            ServiceId = reservation.ServiceId,
            Arrival = reservation.Arrival,
            Departure = reservation.Departure,
            TimeZone = property.TimeZone,
            PricesAreGross = reservation.Pricing != PricingMode.Net,
            CurrencyCode = offers.CurrencyCode,
            OfferId = request.OfferId,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            Channel = request.Channel,
            AgentUserId = user.IsSystemClient ? null : user.UserId,
            AgentName = agent,
            SoldUtc = clock.GetUtcNow(),
            SoldDate = QuoteDates.Today(clock, property.TimeZone),
            IdempotencyKey = request.IdempotencyKey,
            RequestHash = request.IdempotencyKey is null ? null : hash,
            Status = UpsellStatus.Pending,
        };
        if (upgrade is not null)
        {
            var config = await db.UpsellConfigurations.AsNoTracking().Where(c => c.PropertyId == property.Id)
                .Select(c => c.UpgradeAccountingCategoryId).FirstOrDefaultAsync(cancellationToken);
            var category = config is null ? null : await db.AccountingCategories.AsNoTracking()
                .Where(a => a.Id == config && a.PropertyId == property.Id).Select(a => new { a.MewsId, a.Code }).FirstOrDefaultAsync(cancellationToken);
            if (category?.MewsId is null)
            {
                return new SaleResult(SaleResultKind.Invalid,
                    $"{property.Code} has no Upgrade accounting category from Mews: set it on the Upsell Configuration page before selling upgrades.");
            }
            var target = await db.RoomTypes.AsNoTracking().Where(t => t.PropertyId == property.Id && t.Code == upgrade.Offer.ToRoomType)
                .Select(t => t.MewsId).FirstOrDefaultAsync(cancellationToken);
            if (target is null || reservation.RequestedCategoryId is null)
            {
                return new SaleResult(SaleResultKind.Invalid, $"Room type {upgrade.Offer.ToRoomType} is not linked to Mews (run Sync from Mews).");
            }
            var taxes = reservation.Nights.ToDictionary(n => n.Date, n => string.Join(',', n.TaxCodes ?? []));
            sale.Kind = UpsellKind.RoomUpgrade;
            sale.FromRoomType = reservation.RoomType;
            sale.ToRoomType = upgrade.Offer.ToRoomType;
            sale.FromCategoryId = reservation.RequestedCategoryId;
            sale.ToCategoryId = target.Value.ToString();
            sale.RuleCode = upgrade.Offer.RuleCode;
            sale.AccountingCategoryId = category.MewsId.Value.ToString();
            sale.AccountingCategoryCode = category.Code;
            sale.Nights = upgrade.Nights.Select(n => new UpsellSaleNight
            {
                Date = n.Date,
                OriginalRate = n.OriginalRate,
                UpsellRate = n.UpsellRate,
                UpsellAmount = n.UpsellAmount,
                TaxCodes = taxes.GetValueOrDefault(n.Date, ""),
            }).ToList();
            sale.TotalAmount = sale.Nights.Sum(n => n.UpsellAmount);
            sale.UpgradeNights = sale.Nights.Count;
        }
        else
        {
            sale.Kind = UpsellKind.AddOn;
            sale.ProductId = addOn!.ProductId;
            sale.ProductName = Truncate(addOn.DisplayName, 200);
            sale.UnitAmount = addOn.UnitPrice;
            sale.UnitAmountOverridden = addOn.PriceOverridden;
            sale.UnitCount = addOn.Count;
            if (reservation.State == ReservationState.Started && addOn.ChargingMode is ProductChargingMode.PerTimeUnit or ProductChargingMode.PerPersonPerTimeUnit)
            {
                sale.ChargeFrom = QuoteDates.Today(clock, property.TimeZone); // the nights still to come, as the offer priced them
            }
            sale.AccountingCategoryCode = addOn.AccountingCategoryCode;
            sale.TotalAmount = addOn.TotalAmount;
        }

        try
        {
            // The sale and its posting work in one serializable transaction (through the provider's execution strategy:
            // SQL Server retries on failure) that first checks again that no other sale of the same upgrade or add-on
            // was recorded since the check above: two agents (or two API clients with different keys) selling the same
            // reservation at the same moment record one sale, the other is refused.
            var rival = await db.InTransactionAsync(async token =>
            {
                var found = await OpenSalesOfTheSame(db, sale.PropertyId, sale.ReservationId, sale.Kind, sale.ProductId, except: sale.Id)
                    .Select(s => new { s.AgentName, s.Status })
                    .FirstOrDefaultAsync(token);
                if (found is not null)
                {
                    return (false, (string?)$"{found.Status}, sold by {found.AgentName}");
                }
                db.UpsellSales.Add(sale);
                db.UpsellWork.Add(NewWork(sale.Id, UpsellWorkAction.Post));
                SellingAudit.Record(db, user.UserName, AuditActions.Sold, sale, before: null);
                await db.SaveChangesAsync(token);
                return (true, (string?)null);
            }, cancellationToken, IsolationLevel.Serializable);
            if (rival is not null)
            {
                return await RefuseAsync(db, request, agent, hash, new SaleResult(SaleResultKind.Conflict,
                    $"This reservation was sold the same {(sale.Kind == UpsellKind.RoomUpgrade ? "upgrade" : "add-on")} a moment ago ({rival}); nothing more was recorded."),
                    cancellationToken);
            }
        }
        catch (Exception e) when (e is DbException or DbUpdateException)
        {
            // Lost a race: the same Idempotency-Key recorded by a parallel request (answer with the one that won), or
            // SQL Server ended one of two racing serializable transactions as the deadlock victim.
            if (request.IdempotencyKey is not null)
            {
                await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
                if (await ReplayAsync(again, agent, request.IdempotencyKey, hash, cancellationToken) is { } winner)
                {
                    return winner;
                }
            }
            return new SaleResult(SaleResultKind.Conflict, "Another sale of this reservation was being recorded at the same moment; open its offers again.");
        }
        signal.Notify();
        return new SaleResult(SaleResultKind.Accepted,
            $"Sold: {(sale.Kind == UpsellKind.RoomUpgrade ? $"{sale.FromRoomType} → {sale.ToRoomType}" : sale.ProductName)} for {Money(sale.TotalAmount, sale.CurrencyCode)}. Posting to Mews…",
            ToView(sale), offers);
    }

    public async Task<SaleResult> DeclineAsync(int propertyId, DeskOffers offers, string offerId, string? note, SaleChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offers);
        if (note is { Length: > UpsellSale.NoteMaxLength })
        {
            return new SaleResult(SaleResultKind.Invalid, $"A note can be at most {UpsellSale.NoteMaxLength} characters.");
        }
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!CanSell(user) || !await PropertyAccess.CanSeeAsync(db, user, propertyId, cancellationToken))
        {
            return new SaleResult(SaleResultKind.Forbidden, "You may not record offers of this property.");
        }
        var upgrade = offers.Offers.FirstOrDefault(o => o.OfferId == offerId);
        var addOn = offers.AddOns.FirstOrDefault(o => o.OfferId == offerId);
        if (upgrade is null && addOn is null)
        {
            return new SaleResult(SaleResultKind.NotFound, "That offer is not among this reservation's offers.");
        }
        var zone = await db.Properties.AsNoTracking().Where(p => p.Id == propertyId).Select(p => p.TimeZone).FirstOrDefaultAsync(cancellationToken);
        var decline = new UpsellDecline
        {
            PropertyId = propertyId,
            ReservationId = offers.Reservation.ReservationId,
            ReservationNumber = offers.Reservation.Number,
            GuestName = Truncate(offers.Reservation.GuestName, 200),
            Kind = upgrade is not null ? UpsellKind.RoomUpgrade : UpsellKind.AddOn,
            Offer = Truncate(upgrade is not null ? $"{offers.Reservation.RoomType} → {upgrade.Offer.ToRoomType}" : addOn!.DisplayName, 200),
            RuleCode = upgrade?.Offer.RuleCode,
            TotalAmount = upgrade?.Offer.TotalUpsellAmount ?? addOn!.TotalAmount,
            CurrencyCode = offers.CurrencyCode,
            Channel = channel,
            AgentUserId = user.IsSystemClient ? null : user.UserId,
            AgentName = AgentName(user),
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            DeclinedUtc = clock.GetUtcNow(),
            Day = QuoteDates.Today(clock, zone),
            Arrival = offers.Reservation.Arrival,
            FromRoomType = upgrade is null ? null : offers.Reservation.RoomType,
            ToRoomType = upgrade?.Offer.ToRoomType,
            ProductName = addOn is null ? null : Truncate(addOn.DisplayName, 200),
        };
        db.UpsellDeclines.Add(decline);
        SellingAudit.RecordDecline(db, user.UserName, decline);
        await db.SaveChangesAsync(cancellationToken);
        return new SaleResult(SaleResultKind.Accepted, "Recorded: the guest declined.");
    }

    public async Task RecordPresentedAsync(int propertyId, DeskOffers offers, SaleChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offers);
        var count = offers.Offers.Count + offers.AddOns.Count;
        if (count == 0)
        {
            return; // nothing was offered
        }
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var zone = await db.Properties.AsNoTracking().Where(p => p.Id == propertyId).Select(p => p.TimeZone).FirstOrDefaultAsync(cancellationToken);
        if (zone is null)
        {
            return;
        }
        var day = QuoteDates.Today(clock, zone);
        var id = offers.Reservation.ReservationId;
        Task<bool> AlreadyRecordedAsync(AppDbContext context) =>
            context.UpsellPresentations.AnyAsync(p => p.PropertyId == propertyId && p.ReservationId == id && p.Day == day && p.Channel == channel, cancellationToken);
        if (await AlreadyRecordedAsync(db))
        {
            return;
        }
        var presentation = new UpsellPresentation
        {
            PropertyId = propertyId,
            ReservationId = id,
            ReservationNumber = offers.Reservation.Number,
            Day = day,
            Arrival = offers.Reservation.Arrival,
            Channel = channel,
            OffersCount = count,
            AgentUserId = user.IsSystemClient ? null : user.UserId,
            AgentName = AgentName(user),
            PresentedUtc = clock.GetUtcNow(),
        };
        db.UpsellPresentations.Add(presentation);
        UpsellPresentedOffer Offer(UpsellKind kind, decimal total) => new()
        {
            PropertyId = propertyId,
            ReservationId = id,
            Day = day,
            Arrival = presentation.Arrival,
            Channel = channel,
            AgentUserId = presentation.AgentUserId,
            AgentName = presentation.AgentName,
            Kind = kind,
            TotalAmount = total,
            CurrencyCode = offers.CurrencyCode,
        };
        var presented = offers.Offers.Select(o =>
        {
            var row = Offer(UpsellKind.RoomUpgrade, o.Offer.TotalUpsellAmount);
            row.FromRoomType = offers.Reservation.RoomType;
            row.ToRoomType = o.Offer.ToRoomType;
            row.RuleCode = o.Offer.RuleCode;
            return row;
        }).Concat(offers.AddOns.Select(a =>
        {
            var row = Offer(UpsellKind.AddOn, a.TotalAmount);
            row.ProductName = Truncate(a.DisplayName, 200);
            return row;
        })).ToList();
        presentation.Offers = presented;
        try
        {
            // One SaveChanges (one transaction): the presentation and its offers are kept together or not at all.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            // Another circuit or request recorded the same presentation a moment ago: once is enough. Anything else
            // lost the figures' denominator: say so in the log (the agent is not held up by statistics).
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await AlreadyRecordedAsync(again))
            {
                logger?.LogWarning(e, "The presentation of reservation {Reservation} at property {PropertyId} could not be recorded", LogText.Safe(offers.Reservation.Number), propertyId);
            }
        }
    }

    public async Task<SaleResult> UndoAsync(Guid upsellId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await SaleToActOnAsync(db, user, upsellId, cancellationToken) is not { } sale)
        {
            return Refusal(user, "Undoing");
        }
        if (DemoHistoryRefusal(sale) is { } demo)
        {
            return demo;
        }
        if (sale.UndoRequestedUtc is not null && sale.Status == UpsellStatus.Posted)
        {
            return new SaleResult(SaleResultKind.Accepted, "Undo is already under way.", ToView(sale));
        }
        if (sale.Status != UpsellStatus.Posted)
        {
            return new SaleResult(SaleResultKind.Conflict, sale.Status switch
            {
                UpsellStatus.Pending => "The upsell is still being posted to Mews; undo it once it is Posted.",
                UpsellStatus.Reversed => "The upsell was already undone.",
                _ => "A rejected upsell left nothing in Mews; there is nothing to undo.",
            }, ToView(sale));
        }
        try
        {
            var state = await ReservationStateAsync(sale, cancellationToken);
            if (state is ReservationState.Started or ReservationState.Processed)
            {
                return new SaleResult(SaleResultKind.Conflict,
                    $"The guest has {(state == ReservationState.Started ? "checked in" : "checked out")}: the upsell can no longer be undone here; correct it in Mews.", ToView(sale));
            }
        }
        catch (Exception e) when (e is MewsApiException or HttpRequestException)
        {
            return new SaleResult(SaleResultKind.MewsUnavailable, $"Mews could not be read to check the reservation ({e.Message}); nothing was undone. Try again in a moment.", ToView(sale));
        }
        // Queued with a conditional update: two undo clicks at the same moment queue one undo.
        var now = clock.GetUtcNow();
        var undoneBy = AgentName(user);
        var saleId = sale.Id;
        var queued = await db.InTransactionAsync(async token =>
        {
            var rows = await db.UpsellSales.Where(s => s.Id == saleId && s.UndoRequestedUtc == null && s.Status == UpsellStatus.Posted)
                .ExecuteUpdateAsync(x => x.SetProperty(s => s.UndoRequestedUtc, now).SetProperty(s => s.UndoneBy, undoneBy), token);
            if (rows == 0)
            {
                return (false, false);
            }
            db.UpsellWork.Add(NewWork(saleId, UpsellWorkAction.Undo));
            SellingAudit.Record(db, user.UserName, AuditActions.Undone, sale, UpsellStatus.Posted, "undo queued");
            await db.SaveChangesAsync(token);
            return (true, true);
        }, cancellationToken);
        sale.UndoRequestedUtc = now;
        sale.UndoneBy = undoneBy;
        if (!queued)
        {
            return new SaleResult(SaleResultKind.Accepted, "Undo is already under way.", ToView(sale));
        }
        signal.Notify();
        return new SaleResult(SaleResultKind.Accepted, "Undo queued: the room type is restored and the lines are cancelled in Mews.", ToView(sale));
    }

    public async Task<SaleResult> RetryAsync(Guid upsellId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await SaleToActOnAsync(db, user, upsellId, cancellationToken) is not { } sale)
        {
            return Refusal(user, "Retrying");
        }
        if (DemoHistoryRefusal(sale) is { } demo)
        {
            return demo;
        }
        if (sale.Status != UpsellStatus.Rejected)
        {
            return new SaleResult(SaleResultKind.Conflict, "Only a Rejected upsell can be retried.", ToView(sale));
        }
        if (sale.Attention is not null)
        {
            // Part of it may still be in Mews: posting it again could charge twice.
            return new SaleResult(SaleResultKind.Conflict, $"Check Mews first: {sale.Attention} Then sell again from the desk.", ToView(sale));
        }
        var otherOpen = await OpenSalesOfTheSame(db, sale.PropertyId, sale.ReservationId, sale.Kind, sale.ProductId, except: sale.Id).AnyAsync(cancellationToken);
        if (otherOpen)
        {
            return new SaleResult(SaleResultKind.Conflict, "This reservation was sold the same upgrade or add-on again since; retrying would charge it twice.", ToView(sale));
        }
        if (sale.Kind == UpsellKind.RoomUpgrade)
        {
            // The configuration may have been fixed since: post on the accounting category set now.
            var category = await db.UpsellConfigurations.AsNoTracking().Where(c => c.PropertyId == sale.PropertyId)
                .Join(db.AccountingCategories, c => c.UpgradeAccountingCategoryId, a => a.Id, (c, a) => new { a.MewsId, a.Code })
                .FirstOrDefaultAsync(cancellationToken);
            if (category?.MewsId is null)
            {
                return new SaleResult(SaleResultKind.Invalid, $"{sale.PropertyCode} has no Upgrade accounting category: set it on the Upsell Configuration page first.", ToView(sale));
            }
            sale.AccountingCategoryId = category.MewsId.Value.ToString();
            sale.AccountingCategoryCode = category.Code;
        }
        // The attempt times stay: the new attempt looks up what an earlier one may have left before sending
        // (cancelled lines do not count), and the room is read again before it is changed.
        var statusBefore = sale.Status;
        sale.Status = UpsellStatus.Pending;
        sale.RejectedUtc = null;
        sale.RoomChangedUtc = null;
        sale.MewsItemIds = null;
        sale.Attention = null;
        foreach (var night in sale.Nights)
        {
            night.MewsOrderId = null;
            night.MewsItemId = null;
        }
        db.UpsellWork.Add(NewWork(sale.Id, UpsellWorkAction.Post));
        SellingAudit.Record(db, user.UserName, AuditActions.Retried, sale, statusBefore);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return new SaleResult(SaleResultKind.Accepted, "Posting to Mews again.", ToView(sale));
    }

    public async Task<UpsellSaleView?> GetAsync(Guid upsellId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sale = await VisibleSaleAsync(db, user, upsellId, cancellationToken);
        return sale is null ? null : ToView(sale);
    }

    public async Task<PagedResult<UpsellSaleView>> ListAsync(UpsellActivityFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, user, filter);
        var total = await query.CountAsync(cancellationToken);
        var size = Math.Clamp(page.PageSize, 1, 500);
        var rows = await query.OrderByDescending(s => s.SoldUtc).ThenBy(s => s.Id)
            .Skip(Math.Max(0, page.Page) * size).Take(size)
            .Include(s => s.Nights)
            .ToListAsync(cancellationToken);
        return new PagedResult<UpsellSaleView>(rows.Select(ToView).ToList(), total);
    }

    public async IAsyncEnumerable<UpsellSaleView> StreamAsync(UpsellActivityFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var user = await currentUser.GetAsync(cancellationToken);
        // The context lives as long as the enumeration: one query, rows read as they are written out (no paging, no count).
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, user, filter);
        // Only the view's columns are read (not the whole entity: the ids, hashes and progress stamps an export never
        // shows were most of the time and allocation per row in the export-csv benchmark).
        // Only the view's columns are read, into a sale without nights (not the whole entity: the ids, hashes and progress
        // stamps an export never shows were most of the time and allocation per row in the export-csv benchmark); ToView
        // maps it as it maps every sale.
        var rows = query.OrderByDescending(s => s.SoldUtc).ThenBy(s => s.Id).Select(s => new UpsellSale
        {
            Id = s.Id, PropertyId = s.PropertyId, PropertyCode = s.PropertyCode, ReservationId = s.ReservationId,
            ReservationNumber = s.ReservationNumber, GuestName = s.GuestName, Kind = s.Kind, FromRoomType = s.FromRoomType,
            ToRoomType = s.ToRoomType, ProductId = s.ProductId, ProductName = s.ProductName, RuleCode = s.RuleCode,
            TotalAmount = s.TotalAmount, CurrencyCode = s.CurrencyCode, Status = s.Status, Channel = s.Channel, AgentName = s.AgentName,
            SoldUtc = s.SoldUtc, Note = s.Note, Attempts = s.Attempts, LastError = s.LastError, LastRequestId = s.LastRequestId,
            Attention = s.Attention, MewsItemIds = s.MewsItemIds, PostedUtc = s.PostedUtc, ReversedUtc = s.ReversedUtc,
            UndoRequestedUtc = s.UndoRequestedUtc, AccountingCategoryCode = s.AccountingCategoryCode,
        });
        await foreach (var sale in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToView(sale);
        }
    }

    /// <summary>The Upsell Activity log's query: the sales of the properties the user may see, filtered as asked.</summary>
    private static IQueryable<UpsellSale> Filtered(AppDbContext db, UserContext user, UpsellActivityFilter filter)
    {
        var visible = PropertyAccess.Visible(db, user).Select(p => p.Id);
        var query = db.UpsellSales.AsNoTracking().Where(s => visible.Contains(s.PropertyId));
        if (filter.PropertyId is { } propertyId)
        {
            query = query.Where(s => s.PropertyId == propertyId);
        }
        // Sale dates are each property's own business day (SoldDate), as the Upsell Performance report counts them.
        if (filter.From is { } from)
        {
            query = query.Where(s => s.SoldDate >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(s => s.SoldDate <= to);
        }
        if (!string.IsNullOrWhiteSpace(filter.Agent))
        {
            var agent = filter.Agent.Trim();
            query = query.Where(s => s.AgentName.Contains(agent));
        }
        if (filter.Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(filter.ReservationId))
        {
            var reservation = filter.ReservationId.Trim();
            query = query.Where(s => s.ReservationId == reservation || s.ReservationNumber == reservation);
        }
        return query;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<UpsellSaleView>>> ForReservationsAsync(int propertyId, IReadOnlyCollection<string> reservationIds,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservationIds);
        if (reservationIds.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<UpsellSaleView>>();
        }
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await PropertyAccess.CanSeeAsync(db, user, propertyId, cancellationToken))
        {
            return new Dictionary<string, IReadOnlyList<UpsellSaleView>>();
        }
        var result = new List<UpsellSale>();
        foreach (var chunk in reservationIds.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            result.AddRange(await db.UpsellSales.AsNoTracking().Include(s => s.Nights)
                .Where(s => s.PropertyId == propertyId && chunk.Contains(s.ReservationId))
                .ToListAsync(cancellationToken));
        }
        return result.OrderBy(s => s.SoldUtc).GroupBy(s => s.ReservationId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<UpsellSaleView>)g.Select(ToView).ToList(), StringComparer.Ordinal);
    }

    public static UpsellSaleView ToView(UpsellSale s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new UpsellSaleView(s.Id, s.PropertyId, s.PropertyCode, s.ReservationId, s.ReservationNumber, s.GuestName, s.Kind, s.FromRoomType,
            s.ToRoomType, s.ProductId, s.ProductName, s.RuleCode,
            s.Nights.OrderBy(n => n.Date).Select(n => new UpsellSaleNightView(n.Date, n.OriginalRate, n.UpsellRate, n.UpsellAmount, n.MewsOrderId)).ToList(),
            s.TotalAmount, s.CurrencyCode, s.Status, s.Channel, s.AgentName, s.SoldUtc, s.Note, s.Attempts, s.LastError, s.LastRequestId, s.Attention,
            s.MewsOrderIds, s.ItemIds, s.PostedUtc, s.ReversedUtc, s.UndoRequestedUtc, s.AccountingCategoryCode);
    }

    /// <summary>Generated demo history was never in Mews: nothing to undo or retry there.</summary>
    private static SaleResult? DemoHistoryRefusal(UpsellSale sale) => UpsellSale.IsDemoHistory(sale.ReservationId)
        ? new SaleResult(SaleResultKind.Conflict, "This is generated demo history: it was never in Mews, so there is nothing to undo or retry.", ToView(sale))
        : null;

    /// <summary>Who the sale is recorded under: the signed-in user's name, or the API client's.</summary>
    public static string AgentName(UserContext user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsSystemClient ? $"API: {user.UserName}" : user.UserName;
    }

    /// <summary>Every signed-in role sells (Front Desk and editors), and API clients do.</summary>
    private static bool CanSell(UserContext user) => user.IsSystemClient || user.Roles.Any(r => Roles.All.Contains(r));

    private static string? Problem(SaleRequest r) =>
        string.IsNullOrWhiteSpace(r.ReservationId) ? "Which reservation? The reservation id is missing."
        : r.ReservationId.Length > ReservationIdMaxLength ? $"A reservation id has at most {ReservationIdMaxLength} characters."
        : string.IsNullOrWhiteSpace(r.OfferId) ? "Which offer? offerId is missing (take it from the reservation's offers)."
        : r.OfferId.Length > OfferIdMaxLength ? $"An offerId has at most {OfferIdMaxLength} characters."
        : r.Note is { Length: > UpsellSale.NoteMaxLength } ? $"A note can be at most {UpsellSale.NoteMaxLength} characters."
        : r.IdempotencyKey is { } key && (string.IsNullOrWhiteSpace(key) || key.Length > UpsellSale.IdempotencyKeyMaxLength)
            ? $"Idempotency-Key must be 1 to {UpsellSale.IdempotencyKeyMaxLength} characters."
        : null;

    /// <summary>The same key again: the same request gets the upsell it created, another request is refused.</summary>
    private static async Task<SaleResult?> ReplayAsync(AppDbContext db, string agent, string key, string hash, CancellationToken ct)
    {
        var earlier = await db.UpsellSales.AsNoTracking().Include(s => s.Nights)
            .FirstOrDefaultAsync(s => s.AgentName == agent && s.IdempotencyKey == key, ct);
        if (earlier is null)
        {
            return null;
        }
        return earlier.RequestHash == hash
            ? new SaleResult(SaleResultKind.Replayed, "This Idempotency-Key was already used for this sale: here is the upsell it created.", ToView(earlier))
            : new SaleResult(SaleResultKind.KeyReused, "This Idempotency-Key was already used for a different request (another reservation, offer or note). Use a new key for a new sale.");
    }

    private static string RequestHash(SaleRequest r)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{r.PropertyId}|{r.ReservationId}|{r.OfferId.ToLowerInvariant()}|{r.Note?.Trim()}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static SaleResult Changed(DeskOffers offers, string message) => new(SaleResultKind.OfferChanged, message, null, offers);

    /// <summary>A refusal after the Mews read. A request with the same Idempotency-Key may have been recorded while this one
    /// read Mews (a client retrying a slow request), and even posted, which changes the offer or makes this one a second
    /// upgrade: the retry must get that upsell (or 422), not a 409 about its own sale.</summary>
    private static async Task<SaleResult> RefuseAsync(AppDbContext db, SaleRequest request, string agent, string hash, SaleResult refusal, CancellationToken ct) =>
        request.IdempotencyKey is { } key && await ReplayAsync(db, agent, key, hash, ct) is { } replay ? replay : refusal;

    /// <summary>The reservation's Pending or Posted sales of the same thing: any upgrade (one per reservation), or the
    /// same add-on product. Rejected and Reversed ones do not count.</summary>
    private static IQueryable<UpsellSale> OpenSalesOfTheSame(AppDbContext db, int propertyId, string reservationId, UpsellKind kind, string? productId, Guid? except) =>
        db.UpsellSales.AsNoTracking()
            .Where(s => s.PropertyId == propertyId && s.ReservationId == reservationId && s.Id != except
                && (s.Status == UpsellStatus.Pending || s.Status == UpsellStatus.Posted)
                && (kind == UpsellKind.RoomUpgrade ? s.Kind == UpsellKind.RoomUpgrade : s.Kind == UpsellKind.AddOn && s.ProductId == productId));

    private UpsellWorkItem NewWork(Guid saleId, UpsellWorkAction action) =>
        new() { SaleId = saleId, Action = action, CreatedUtc = clock.GetUtcNow(), DueUtc = clock.GetUtcNow() };

    /// <summary>The sale an undo or retry acts on: visible to the user, who may sell (else null; <see cref="Refusal"/> says why).</summary>
    private static async Task<UpsellSale?> SaleToActOnAsync(AppDbContext db, UserContext user, Guid id, CancellationToken ct) =>
        CanSell(user) ? await VisibleSaleAsync(db, user, id, ct) : null;

    private static SaleResult Refusal(UserContext user, string verb) => CanSell(user)
        ? new SaleResult(SaleResultKind.NotFound, "No such upsell, or you may not see its property.")
        : new SaleResult(SaleResultKind.Forbidden, $"{verb} a sale needs the Front Desk, Revenue Manager or Administrator role.");

    private static async Task<UpsellSale?> VisibleSaleAsync(AppDbContext db, UserContext user, Guid id, CancellationToken ct)
    {
        var visible = PropertyAccess.Visible(db, user).Select(p => p.Id);
        return await db.UpsellSales.Include(s => s.Nights).FirstOrDefaultAsync(s => s.Id == id && visible.Contains(s.PropertyId), ct);
    }

    private async Task<ReservationState?> ReservationStateAsync(UpsellSale sale, CancellationToken ct)
    {
        await foreach (var r in mews.GetReservationsAsync(new ReservationFilter { EnterpriseIds = [sale.EnterpriseId], ReservationIds = [sale.ReservationId] }, ct))
        {
            return r.State;
        }
        return null;
    }

    internal static DateTimeOffset StartOfDay(DateOnly day, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var z) ? z : TimeZoneInfo.Utc;
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static string Money(decimal amount, string currency) => $"{amount.ToString("#,0.00", CultureInfo.InvariantCulture)} {currency}";

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
