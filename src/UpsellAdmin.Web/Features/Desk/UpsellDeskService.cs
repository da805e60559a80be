using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellConfiguration;

namespace UpsellAdmin.Web.Features.Desk;

/// <summary>One night of a desk offer: what the guest pays, the upsold rate, the difference, and free rooms of the target.</summary>
public sealed record DeskOfferNight(DateOnly Date, decimal OriginalRate, decimal UpsellRate, decimal UpsellAmount, int? FreeRooms);

/// <summary>
/// An offer the desk can make to one reservation: the quote's offer (target, rule, totals) and its nights with free
/// rooms. <see cref="OfferId"/> is the same for the same reservation, target and price, so a client can accept it later.
/// </summary>
public sealed record DeskOffer(string OfferId, OfferView Offer, IReadOnlyList<DeskOfferNight> Nights);

/// <summary>
/// An add-on of the property's catalogue offered to one reservation: the Mews product (<see cref="ProductId"/>), the
/// catalogue's display name, the unit price (the catalogue's override, else the Mews price), how many units the
/// product's charging mode makes for this stay (Once 1, PerTimeUnit nights, PerPerson persons, PerPersonPerTimeUnit
/// persons × nights) and the total, rounded to 2 decimals. <see cref="OfferId"/> is stable like an upgrade's.
/// </summary>
public sealed record DeskAddOnOffer(
    string OfferId,
    string ProductId,
    string ProductCode,
    string DisplayName,
    ProductChargingMode ChargingMode,
    decimal UnitPrice,
    bool PriceOverridden,
    int Count,
    decimal TotalAmount,
    string? AccountingCategoryCode);

/// <summary>A catalogue add-on the reservation is not offered, and why.</summary>
public sealed record DeskAddOnNotOffered(string DisplayName, string ProductCode, string Reason);

/// <summary>A grid row: the reservation, how many offers (upgrades and add-ons) and the best upgrade's upsell amount, or
/// why there are none.</summary>
public sealed record DeskRow(DeskReservation Reservation, int OfferCount, decimal? BestUpsellAmount, string? Note);

/// <summary>The desk for one property and window, as read from Mews at <see cref="ReadAt"/>.</summary>
public sealed record DeskBoard(
    PropertySummary Property,
    DeskWindow Window,
    IReadOnlyList<DeskRow> Rows,
    DateTimeOffset ReadAt,
    int MewsRequests,
    int MinimumFreeRooms);

/// <summary>A reservation's offers, ordered and cut by the property's Upsell Configuration, and why the rest are not offered.</summary>
public sealed record DeskOffers(
    DeskReservation Reservation,
    string CurrencyCode,
    IReadOnlyList<DeskOffer> Offers,
    string? Message,
    IReadOnlyList<RuleReasonView> NotOffered,
    IReadOnlyList<DateOnly> NightsPricedFromSyncedRates,
    DateTimeOffset ReadAt,
    IReadOnlyList<DeskAddOnOffer> AddOns,
    IReadOnlyList<DeskAddOnNotOffered> AddOnsNotOffered);

public interface IUpsellDeskService
{
    /// <summary>The property's arrivals (or in-house guests) with their offers. Mews is read at most once a minute per
    /// property and window; <paramref name="refresh"/> reads it now. Null when the user may not see the property.</summary>
    /// <exception cref="MewsApiException">Mews refused or could not be reached.</exception>
    Task<DeskBoard?> GetBoardAsync(int propertyId, DeskWindow window, bool refresh = false, CancellationToken cancellationToken = default);

    /// <summary>One reservation's offers (and with <paramref name="explain"/> why each other room type is not offered);
    /// null when the property or reservation is not on the board. <paramref name="refresh"/> reads Mews now (the
    /// re-check at the moment of sale) instead of reusing a read of the last minute.</summary>
    Task<DeskOffers?> GetOffersAsync(int propertyId, DeskWindow window, string reservationId, bool explain, bool refresh = false, CancellationToken cancellationToken = default);
}

/// <summary>
/// The Upsell Desk: reservations from Mews (<see cref="MewsReservationReader"/>), priced by the quote engine with the
/// same semantics as the Upsell Quote page (<see cref="IQuoteService.QuoteManyAsync"/>): original rates are what the
/// guest pays in Mews (else the synced price, and the offer says so); a room type is not offered when one night of the
/// stay has fewer free rooms than the configuration's minimum. Reads are cached a minute per property and window
/// (shared across circuits).
/// </summary>
public sealed class UpsellDeskService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICurrentUser currentUser,
    MewsReservationReader reader,
    IQuoteService quotes,
    IMemoryCache cache,
    TimeProvider clock) : IUpsellDeskService
{
    /// <summary>How long a Mews read is reused (the issue's "availability read at most a minute before the offer").</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <param name="RoomTypes">The property's active room types: every one is checked, so a type Mews did not report is not offered.</param>
    private sealed record Snapshot(Property Property, DeskRead Read, FreeRooms Free, int MinimumFreeRooms, RoomStatus RoomStatus, IReadOnlyList<string> RoomTypes);

    public async Task<DeskBoard?> GetBoardAsync(int propertyId, DeskWindow window, bool refresh = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        var snapshot = await SnapshotAsync(propertyId, window, refresh, cancellationToken);
        if (snapshot is null)
        {
            return null;
        }

        var offerable = snapshot.Read.Reservations.Where(r => Unpriceable(r) is null).ToList();
        var outcomes = offerable.Count == 0
            ? []
            : await quotes.QuoteManyAsync(propertyId, offerable.Select(r => Request(r, snapshot, explain: false)).ToList(), cancellationToken);
        var byId = offerable.Zip(outcomes).ToDictionary(x => x.First.ReservationId, x => x.Second, StringComparer.Ordinal);
        var catalogue = await CatalogueAsync(propertyId, cancellationToken);

        var rows = snapshot.Read.Reservations.Select(r =>
        {
            var addOns = AddOns(r, catalogue, snapshot.Property.CurrencyCode, snapshot.Read.Today).Offers.Count;
            if (!byId.TryGetValue(r.ReservationId, out var outcome))
            {
                return new DeskRow(r, addOns, null, addOns > 0 ? null : Unpriceable(r));
            }
            if (outcome.Status == QuoteStatus.Invalid)
            {
                return new DeskRow(r, addOns, null, addOns > 0 ? null : string.Join(" ", outcome.Errors.Select(e => e.Message)));
            }
            var count = outcome.Offers.Count + addOns;
            return new DeskRow(r, count, outcome.Offers.Count == 0 ? null : outcome.Offers.Max(o => o.TotalUpsellAmount),
                count == 0 ? outcome.Message : null);
        }).ToList();

        var p = snapshot.Property;
        return new DeskBoard(new PropertySummary(p.Id, p.Code, p.Name, p.CurrencyCode, p.TimeZone), window, rows,
            snapshot.Read.ReadAt, snapshot.Read.MewsRequests + snapshot.Free.MewsRequests, snapshot.MinimumFreeRooms);
    }

    public async Task<DeskOffers?> GetOffersAsync(int propertyId, DeskWindow window, string reservationId, bool explain, bool refresh = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        // One reservation (the offers API): a desk board of today already read holds it, so no new Mews read.
        var snapshot = refresh
            ? await SnapshotAsync(propertyId, window.ReservationId is null ? DeskWindow.OneReservation(reservationId, window.From) : window, refresh: true, cancellationToken)
            : window.ReservationId is not null
            ? await CachedSnapshotWithAsync(propertyId, reservationId, window.From, cancellationToken)
              ?? await SnapshotAsync(propertyId, window, refresh: false, cancellationToken)
            : await SnapshotAsync(propertyId, window, refresh: false, cancellationToken);
        var reservation = snapshot?.Read.Reservations.FirstOrDefault(r => r.ReservationId == reservationId);
        if (snapshot is null || reservation is null)
        {
            return null;
        }
        var currency = snapshot.Property.CurrencyCode;
        var (addOns, addOnsNotOffered) = AddOns(reservation, await CatalogueAsync(propertyId, cancellationToken), currency, snapshot.Read.Today);
        if (Unpriceable(reservation) is { } reason)
        {
            return new DeskOffers(reservation, currency, [], reason, [], [], snapshot.Read.ReadAt, addOns, addOnsNotOffered);
        }

        var outcome = (await quotes.QuoteManyAsync(propertyId, [Request(reservation, snapshot, explain)], cancellationToken))[0];
        if (outcome.Status == QuoteStatus.Invalid)
        {
            return new DeskOffers(reservation, currency, [], string.Join(" ", outcome.Errors.Select(e => e.Message)), [], [], snapshot.Read.ReadAt, addOns, addOnsNotOffered);
        }
        var offers = outcome.Offers.Select(o => new DeskOffer(
                OfferId(reservation.ReservationId, o, reservation.RoomType),
                o,
                o.Nights.Select(n => new DeskOfferNight(n.Date, n.OriginalRate, n.UpsellRate, n.UpsellAmount, snapshot.Free.Get(o.ToRoomType, n.Date))).ToList()))
            .ToList();
        return new DeskOffers(reservation, outcome.CurrencyCode, offers, outcome.Message, outcome.NotOffered, outcome.OriginalRatesFromPrices, snapshot.Read.ReadAt,
            addOns, addOnsNotOffered);
    }

    /// <summary>A catalogue line with what pricing it needs from its product.</summary>
    private sealed record CatalogueLine(string DisplayName, decimal? PriceOverride, Guid? MewsId, string Code, bool IsActive, decimal? Price,
        string? CurrencyCode, ProductChargingMode? ChargingMode, string? AccountingCategoryCode);

    /// <summary>The property's add-on catalogue in display order (read from the database on each call: it is small).</summary>
    private async Task<List<CatalogueLine>> CatalogueAsync(int propertyId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AddOnCatalogue.AsNoTracking()
            .Where(x => x.PropertyId == propertyId)
            .OrderBy(x => x.DisplaySequence).ThenBy(x => x.Id)
            .Select(x => new CatalogueLine(x.DisplayName, x.PriceOverride, x.Product!.MewsId, x.Product.Code, x.Product.IsActive, x.Product.Price,
                x.Product.CurrencyCode, x.Product.ChargingMode, x.AccountingCategory != null ? x.AccountingCategory.Code : null))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The catalogue's add-ons for one reservation: none for a reservation that is offered nothing (canceled, checked
    /// out); not an add-on the reservation already has in Mews, nor one whose product is inactive, not from Mews, or has
    /// no price (no override and no Mews price in the property's currency). Unit price = override ?? Mews price; count
    /// by charging mode (persons = the reservation's PersonCounts, 1 when Mews sent none; an unknown mode counts once).
    /// </summary>
    private static (IReadOnlyList<DeskAddOnOffer> Offers, IReadOnlyList<DeskAddOnNotOffered> NotOffered) AddOns(
        DeskReservation reservation, IReadOnlyList<CatalogueLine> catalogue, string propertyCurrency, DateOnly today)
    {
        if (catalogue.Count == 0 || reservation.NotOfferableReason is not null)
        {
            return ([], []);
        }
        var offers = new List<DeskAddOnOffer>();
        var notOffered = new List<DeskAddOnNotOffered>();
        foreach (var line in catalogue)
        {
            var mewsPrice = line.Price is not null && (line.CurrencyCode is null || string.Equals(line.CurrencyCode, propertyCurrency, StringComparison.OrdinalIgnoreCase))
                ? line.Price
                : null;
            var reason = line.MewsId is not { } productId ? "The product is not a Mews product, so it cannot be posted to the reservation."
                : !line.IsActive ? "The product is inactive in Mews."
                : reservation.Products.Contains(productId) ? "The reservation already has it."
                : line.PriceOverride is null && mewsPrice is null
                    ? line.Price is null
                        ? "Its price is unknown: Mews has no price for the product and the catalogue has no price override."
                        : $"Its price is unknown: Mews prices the product in {line.CurrencyCode}, not {propertyCurrency}, and the catalogue has no price override."
                : null;
            if (reason is not null)
            {
                notOffered.Add(new DeskAddOnNotOffered(line.DisplayName, line.Code, reason));
                continue;
            }
            var unit = line.PriceOverride ?? mewsPrice!.Value;
            var persons = Math.Max(1, reservation.Persons ?? 1);
            var nights = Math.Max(1, RemainingNights(reservation, today).Count); // a checked-in guest: the nights still to come
            var mode = line.ChargingMode ?? ProductChargingMode.Unknown;
            var count = mode switch
            {
                ProductChargingMode.PerTimeUnit => nights,
                ProductChargingMode.PerPerson => persons,
                ProductChargingMode.PerPersonPerTimeUnit => persons * nights,
                _ => 1,
            };
            var total = Math.Round(unit * count, 2, MidpointRounding.AwayFromZero);
            var id = line.MewsId!.Value.ToString();
            offers.Add(new DeskAddOnOffer(AddOnOfferId(reservation.ReservationId, id, unit, count, total), id, line.Code, line.DisplayName, mode,
                unit, line.PriceOverride is not null, count, total, line.AccountingCategoryCode));
        }
        return (offers, notOffered);
    }

    /// <summary>Stable for the same reservation, product, unit price, count and total (hex of a SHA-256, 16 bytes).</summary>
    public static string AddOnOfferId(string reservationId, string productId, decimal unitPrice, int count, decimal total)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"addon|{reservationId}|{productId}|{unitPrice:0.00}|{count}|{total:0.00}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    /// <summary>Stable for the same reservation, current room type, target and per-night amounts (hex of a SHA-256, 16
    /// bytes): a reservation moved to another room type in Mews gets new offer ids even where the amounts are the same.</summary>
    public static string OfferId(string reservationId, OfferView offer, string? fromRoomType = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var text = new StringBuilder(reservationId).Append('|').Append(fromRoomType).Append('>').Append(offer.ToRoomType);
        foreach (var night in offer.Nights)
        {
            text.Append('|').Append(night.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append('=').Append(night.UpsellAmount.ToString("0.00", CultureInfo.InvariantCulture));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    /// <summary>Why the engine is not even asked: the reservation's state, or a code the property does not know.</summary>
    private static string? Unpriceable(DeskReservation r) =>
        r.NotOfferableReason
        ?? (r.RoomType is null ? "Its room type in Mews is not a room type of this property (run Sync from Mews)."
            : r.RateCode is null ? "Its rate in Mews is not a rate code of this property (run Sync from Mews)."
            : r.NightCount > StayQuoteInput.MaxNights ? $"The stay is longer than {StayQuoteInput.MaxNights} nights."
            : null);

    /// <summary>The nights still to come: a checked-in guest is offered (and checked) from today, not from arrival.</summary>
    private static IReadOnlyList<DeskNight> RemainingNights(DeskReservation r, DateOnly today) =>
        r.State == ReservationState.Started ? r.Nights.Where(n => n.Date >= today).ToList() : r.Nights;

    private static StayQuoteRequest Request(DeskReservation r, Snapshot snapshot, bool explain)
    {
        var nights = RemainingNights(r, snapshot.Read.Today);
        var first = nights.Count > 0 ? nights[0].Date : r.Arrival;
        var input = new StayQuoteInput
        {
            PropertyId = snapshot.Property.Id,
            Arrival = first.ToDateTime(TimeOnly.MinValue),
            Nights = Math.Max(1, nights.Count),
            BookedOn = (r.BookedOn <= r.Arrival ? r.BookedOn : r.Arrival).ToDateTime(TimeOnly.MinValue),
            RoomType = r.RoomType,
            RateCode = r.RateCode,
            MembershipType = r.MembershipType,
            MembershipLevel = r.MembershipType is null ? null : r.MembershipLevel,
            Market = r.Market,
            Source = r.Channel,
        };
        return new StayQuoteRequest(input, explain, nights.Select(n => n.OriginalRate).ToList(), Unavailable(r, nights, snapshot));
    }

    /// <summary>
    /// Room types that may not be offered: fewer free rooms than the minimum on a night of the stay (unless the minimum
    /// is 0); and for a guest arriving today, no vacant room of the type in the configuration's room status or cleaner.
    /// </summary>
    private static Dictionary<string, string>? Unavailable(DeskReservation r, IReadOnlyList<DeskNight> nights, Snapshot snapshot)
    {
        var unavailable = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.Arrival == snapshot.Read.Today && r.State != ReservationState.Started && snapshot.Read.Rooms is { } rooms)
        {
            foreach (var roomType in snapshot.RoomTypes)
            {
                if (rooms.Ready(roomType, snapshot.RoomStatus) == 0)
                {
                    unavailable[roomType] = $"No vacant {roomType} room is {snapshot.RoomStatus}{(snapshot.RoomStatus == RoomStatus.Inspected ? "" : " or better")} "
                        + "for a guest arriving today (Upsell Room Type's Room Status)";
                }
            }
        }
        var minimum = snapshot.MinimumFreeRooms;
        if (minimum <= 0)
        {
            return unavailable.Count == 0 ? null : unavailable;
        }
        foreach (var roomType in snapshot.RoomTypes.Where(t => !unavailable.ContainsKey(t)))
        {
            foreach (var night in nights)
            {
                var free = snapshot.Free.Get(roomType, night.Date);
                if (free is null || free < minimum)
                {
                    unavailable[roomType] = free is null
                        ? $"Mews reported no availability for {roomType} on {night.Date:yyyy-MM-dd}"
                        : $"No free {roomType} room on {night.Date:yyyy-MM-dd} ({free} free, at least {minimum} needed)";
                    break;
                }
            }
        }
        return unavailable;
    }

    private async Task<Snapshot?> SnapshotAsync(int propertyId, DeskWindow window, bool refresh, CancellationToken ct)
    {
        Property? property;
        int minimumFreeRooms;
        RoomStatus roomStatus;
        List<string> roomTypes;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var user = await currentUser.GetAsync(ct);
            property = await PropertyAccess.Visible(db, user).FirstOrDefaultAsync(p => p.Id == propertyId, ct);
            if (property is null)
            {
                return null;
            }
            var config = await db.UpsellConfigurations.AsNoTracking().Where(c => c.PropertyId == propertyId)
                .Select(c => new { c.MinimumFreeRooms, c.UpsellRoomStatus }).FirstOrDefaultAsync(ct);
            minimumFreeRooms = config?.MinimumFreeRooms ?? PropertyUpsellConfiguration.DefaultMinimumFreeRooms;
            roomStatus = config?.UpsellRoomStatus ?? RoomStatus.Clean;
            roomTypes = await db.RoomTypes.AsNoTracking().Where(t => t.PropertyId == propertyId && t.IsActive).Select(t => t.Code).ToListAsync(ct);
        }
        if (property.MewsEnterpriseId is null)
        {
            throw new DeskUnavailableException($"Property {property.Code} is not linked to a Mews enterprise, so it has no reservations to show (run Sync from Mews).");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(property.TimeZone, out _))
        {
            throw new DeskUnavailableException($"Property {property.Code} has the time zone \"{property.TimeZone}\", which this server does not know; fix it on the Properties page.");
        }

        var key = (nameof(UpsellDeskService), propertyId, window);
        if (!refresh && cache.TryGetValue(key, out Snapshot? cached) && cached is not null && clock.GetUtcNow() - cached.Read.ReadAt < MaxAge)
        {
            return cached with { MinimumFreeRooms = minimumFreeRooms, RoomStatus = roomStatus, RoomTypes = roomTypes };
        }

        var read = await reader.ReadAsync(property, window, ct);
        // Free rooms for the nights still to come of the stays that will be priced.
        var priced = read.Reservations.Where(r => Unpriceable(r) is null).Select(r => RemainingNights(r, read.Today)).Where(n => n.Count > 0).ToList();
        var first = priced.Count == 0 ? window.From : priced.Min(n => n[0].Date);
        var end = priced.Count == 0 ? first.AddDays(1) : priced.Max(n => n[^1].Date).AddDays(1);
        if (end.DayNumber - first.DayNumber > StayQuoteInput.MaxNights)
        {
            end = first.AddDays(StayQuoteInput.MaxNights);
        }
        var free = await reader.ReadFreeRoomsAsync(property, first, end, ct);
        var snapshot = new Snapshot(property, read, free, minimumFreeRooms, roomStatus, roomTypes);
        cache.Set(key, snapshot, MaxAge);
        if (window.ReservationId is null)
        {
            // Which board holds each reservation, so that its offers (the offers API right after listing any window)
            // reuse this read instead of reading Mews again.
            foreach (var r in read.Reservations)
            {
                cache.Set((nameof(UpsellDeskService), "board-of", propertyId, r.ReservationId), window, MaxAge);
            }
        }
        return snapshot;
    }

    /// <summary>A board read in the last minute that holds the reservation (the last one listed it, else today's
    /// arrivals or in-house board).</summary>
    private async Task<Snapshot?> CachedSnapshotWithAsync(int propertyId, string reservationId, DateOnly today, CancellationToken ct)
    {
        var listedIn = cache.TryGetValue((nameof(UpsellDeskService), "board-of", propertyId, reservationId), out DeskWindow? last) && last is not null
            ? new[] { last }
            : [];
        foreach (var window in listedIn.Concat([DeskWindow.Arrivals(today), DeskWindow.InHouseOn(today)]).Distinct())
        {
            if (cache.TryGetValue((nameof(UpsellDeskService), propertyId, window), out Snapshot? cached) && cached is not null
                && clock.GetUtcNow() - cached.Read.ReadAt < MaxAge && cached.Read.Reservations.Any(r => r.ReservationId == reservationId))
            {
                return await SnapshotAsync(propertyId, window, refresh: false, ct); // re-checks access and re-reads the settings
            }
        }
        return null;
    }
}

/// <summary>The desk cannot be shown for the property (not linked to Mews, a time zone the server does not know);
/// the message says what to fix.</summary>
public sealed class DeskUnavailableException(string message) : Exception(message);
