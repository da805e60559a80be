using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Quotes;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Reports.Forecast;

/// <summary>
/// <see cref="IRuleForecast"/>: the property's arrivals of the next N days read from Mews by the desk's reader
/// (<see cref="MewsReservationReader"/>, windows of <see cref="DeskWindow.MaxDays"/> days, then the free rooms of every
/// night in one availability read; the read is reused for a minute so that trying several drafts costs Mews nothing),
/// each stay built as the desk builds it (Mews' nightly rates, else the synced price) with the desk's availability
/// rules (minimum free rooms, a ready room for today's arrivals), then quoted twice by the Domain's compiled engine:
/// with the property's saved rules (<see cref="PropertySetupCache"/>) and with the draft in place of the saved rule.
/// Expected revenue uses <see cref="IUpsellReportService.PairConversionAsync"/> over the last
/// <see cref="ConversionDays"/> days, or the request's assumed conversion where a pair has no data.
/// </summary>
public sealed class RuleForecastService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICurrentUser currentUser,
    MewsReservationReader reader,
    PropertySetupCache setups,
    IMemoryCache cache,
    TimeProvider clock,
    IUpsellReportService report,
    ILogger<RuleForecastService> logger) : IRuleForecast
{
    /// <summary>How long a read of the arrivals is reused (as the desk's board).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>The measured conversion is taken over the sales of the last 365 days.</summary>
    public const int ConversionDays = 365;

    private sealed record ArrivalsRead(IReadOnlyList<DeskReservation> Reservations, FreeRooms Free, RoomReadiness? Rooms, DateTimeOffset ReadAt, int MewsRequests);

    private sealed record Settings(int MinimumFreeRooms, RoomStatus RoomStatus, IReadOnlyList<string> RoomTypes);

    public async Task<RuleForecastResult> RunAsync(RuleForecastRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Problem is { } problem)
        {
            return RuleForecastResult.Failed(RuleForecastStatus.Invalid, problem);
        }
        if (UpsellInputValidator.ValidateRule(request.Draft) is { Count: > 0 } ruleErrors)
        {
            return RuleForecastResult.Failed(RuleForecastStatus.Invalid,
                "The rule on screen is not complete: " + string.Join(" ", ruleErrors.Select(e => e.Message)));
        }

        Property? property;
        Settings settings;
        CompiledPropertySetup? compiled;
        string? savedCode = null;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var user = await currentUser.GetAsync(cancellationToken);
            property = await PropertyAccess.Visible(db, user).AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PropertyId, cancellationToken);
            if (property is null)
            {
                return RuleForecastResult.Failed(RuleForecastStatus.Unavailable, "The property does not exist or you may not see it.");
            }
            if (property.MewsEnterpriseId is null)
            {
                return RuleForecastResult.Failed(RuleForecastStatus.Unavailable,
                    $"Property {property.Code} is not linked to a Mews enterprise, so it has no arrivals to forecast (run Sync from Mews).");
            }
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(property.TimeZone, out _))
            {
                return RuleForecastResult.Failed(RuleForecastStatus.Unavailable,
                    $"Property {property.Code} has the time zone \"{property.TimeZone}\", which this server does not know; fix it on the Properties page.");
            }
            var config = await db.UpsellConfigurations.AsNoTracking().Where(c => c.PropertyId == property.Id)
                .Select(c => new { c.MinimumFreeRooms, c.UpsellRoomStatus }).FirstOrDefaultAsync(cancellationToken);
            settings = new Settings(
                config?.MinimumFreeRooms ?? PropertyUpsellConfiguration.DefaultMinimumFreeRooms,
                config?.UpsellRoomStatus ?? RoomStatus.Clean,
                await db.RoomTypes.AsNoTracking().Where(t => t.PropertyId == property.Id && t.IsActive).Select(t => t.Code).ToListAsync(cancellationToken));
            compiled = await setups.GetAsync(db, property.Id, cancellationToken);
            if (request.RuleId is { } ruleId)
            {
                savedCode = await db.UpsellRules.AsNoTracking().Where(r => r.Id == ruleId && r.PropertyId == property.Id)
                    .Select(r => r.Code).FirstOrDefaultAsync(cancellationToken);
            }
        }
        if (compiled is null)
        {
            return RuleForecastResult.Failed(RuleForecastStatus.Unavailable, "The property does not exist or you may not see it.");
        }

        var today = QuoteDates.Today(clock, property.TimeZone);
        var from = today;
        var to = today.AddDays(request.Days - 1);

        ArrivalsRead read;
        var reused = false;
        try
        {
            (read, reused) = await ReadAsync(property, from, to, cancellationToken);
        }
        catch (MewsApiException e)
        {
            logger.LogWarning(e, "Forecast of property {PropertyId}: Mews refused the read", property.Id);
            return RuleForecastResult.Failed(RuleForecastStatus.MewsFailed, $"Mews could not be read: {e.Message} Nothing was changed; try again.");
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "Forecast of property {PropertyId}: Mews could not be reached", property.Id);
            return RuleForecastResult.Failed(RuleForecastStatus.MewsFailed, $"Mews could not be read: {e.Message} Nothing was changed; try again.");
        }

        // The saved rules as the desk quotes them, and the same with the draft in place of the saved rule (or added).
        var draftRules = compiled.Setup.Rules
            .Where(r => !string.Equals(r.Code, savedCode, StringComparison.Ordinal) && !string.Equals(r.Code, request.Draft.Code, StringComparison.Ordinal))
            .Append(request.Draft)
            .ToList();
        var draftQuoter = PropertyUpsellContext.Compile(compiled.Setup with { Rules = draftRules });

        var stays = await StaysAsync(property, compiled, read, settings, today, cancellationToken);
        var draft = new Tally(request.Draft.Code);
        var saved = savedCode is null ? null : new Tally(savedCode);
        foreach (var (stay, unavailable) in stays)
        {
            draft.Add(stay, draftQuoter.Quote(new QuoteRequest(stay.Stay, stay.Prices, Unavailable: unavailable)));
            saved?.Add(stay, compiled.Quoter.Quote(new QuoteRequest(stay.Stay, stay.Prices, Unavailable: unavailable)));
        }

        var conversionTo = today.AddDays(-1);
        var conversionFrom = today.AddDays(-ConversionDays);
        var conversions = new Dictionary<(string From, string To), (decimal Conversion, bool Measured, int Reservations)>();
        // Once per distinct room-type pair of the won offers (the keys are already grouped), not per reservation.
        foreach (var pair in draft.Pairs.Keys.Union(saved is null ? [] : saved.Pairs.Keys).Order())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var measured = await report.PairConversionAsync(property.Id, pair.From, pair.To, conversionFrom, conversionTo, cancellationToken);
            conversions[pair] = measured is { ReservationsPresented: > 0 } m
                ? (m.Conversion, true, m.ReservationsPresented)
                : (request.AssumedConversion, false, 0);
        }

        var pairs = conversions
            .Select(c => new RuleForecastPair(c.Key.From, c.Key.To, c.Value.Conversion, c.Value.Measured, c.Value.Reservations,
                draft.Pairs.GetValueOrDefault(c.Key).Reservations, saved?.Pairs.GetValueOrDefault(c.Key).Reservations ?? 0))
            .ToList();
        return new RuleForecastResult(
            RuleForecastStatus.Ok,
            null,
            draft.Figures(conversions),
            saved?.Figures(conversions),
            pairs,
            property.CurrencyCode,
            from,
            to,
            read.Reservations.Count,
            stays.Count,
            read.ReadAt,
            reused ? 0 : read.MewsRequests,
            conversionFrom,
            conversionTo,
            request.AssumedConversion)
        {
            Notes = request.Draft.Channels.Count > 0 && !compiled.Setup.Rules.Any(r => r.Channels.Count > 0)
                ? ["The booking channels are read from Mews only when a saved rule of the property filters by channel, so this draft's "
                    + "Channels filter matched no reservation here; save the rule (or forecast it without Channels) to see it."]
                : [],
        };
    }

    /// <summary>One rule's count over the quotes: reservations offered and won, and the won offers per pair.</summary>
    private sealed class Tally(string code)
    {
        private int _offered;
        private int _won;
        private int _nights;
        private decimal _amount;

        public Dictionary<(string From, string To), (int Reservations, decimal Amount)> Pairs { get; } = [];

        public void Add(PricedStay stay, QuoteResult result)
        {
            if (!result.Offers.Any(o => o.Rule.RuleCode == code || o.OtherMatchingRules.Any(m => m.RuleCode == code)))
            {
                return;
            }
            _offered++;
            // The desk shows one offer per target; a room-class rule may win several targets of one stay, of which the
            // guest takes at most one: the first the desk lists.
            if (result.Offers.FirstOrDefault(o => o.Rule.RuleCode == code) is not { } won)
            {
                return;
            }
            _won++;
            _nights += won.Nights.Count;
            _amount += won.TotalUpsellAmount;
            var key = (stay.Stay.RoomType, won.ToRoomType);
            var (reservations, amount) = Pairs.GetValueOrDefault(key);
            Pairs[key] = (reservations + 1, amount + won.TotalUpsellAmount);
        }

        public RuleForecastFigures Figures(IReadOnlyDictionary<(string From, string To), (decimal Conversion, bool Measured, int Reservations)> conversions) => new(
            code,
            _offered,
            _won,
            _nights,
            _amount,
            _nights == 0 ? null : Math.Round(_amount / _nights, 2, MidpointRounding.AwayFromZero),
            Math.Round(Pairs.Sum(p => p.Value.Amount * conversions[p.Key].Conversion), 2, MidpointRounding.AwayFromZero));
    }

    private sealed record PricedStay(Stay Stay, INightlyPriceLookup Prices);

    /// <summary>The arrivals of [from, to] and the free rooms of their nights, from a read of the last minute or from Mews now.</summary>
    private async Task<(ArrivalsRead Read, bool Reused)> ReadAsync(Property property, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var key = (nameof(RuleForecastService), property.Id, from, to);
        if (cache.TryGetValue(key, out ArrivalsRead? cached) && cached is not null && clock.GetUtcNow() - cached.ReadAt < MaxAge)
        {
            return (cached, true);
        }
        var reservations = new List<DeskReservation>();
        RoomReadiness? rooms = null;
        var requests = 0;
        for (var start = from; start <= to; start = start.AddDays(DeskWindow.MaxDays))
        {
            var end = start.AddDays(DeskWindow.MaxDays - 1) is var e && e > to ? to : e;
            ct.ThrowIfCancellationRequested();
            var chunk = await reader.ReadAsync(property, new DeskWindow(start, end), ct);
            reservations.AddRange(chunk.Reservations);
            rooms ??= chunk.Rooms;
            requests += chunk.MewsRequests;
        }
        var priced = reservations.Where(r => Unpriceable(r) is null).ToList();
        var firstNight = priced.Count == 0 ? from : priced.Min(r => r.Arrival);
        var lastNight = priced.Count == 0 ? from : priced.Max(r => r.Departure.AddDays(-1));
        var free = await reader.ReadFreeRoomsAsync(property, firstNight, lastNight.AddDays(1), ct);
        var read = new ArrivalsRead(reservations, free, rooms, clock.GetUtcNow(), requests + free.MewsRequests);
        cache.Set(key, read, MaxAge);
        return (read, false);
    }

    /// <summary>The stays the desk would price, as the quote engine takes them, with the room types each may not be offered.</summary>
    private async Task<List<(PricedStay Stay, IReadOnlyDictionary<string, string>? Unavailable)>> StaysAsync(Property property,
        CompiledPropertySetup compiled, ArrivalsRead read, Settings settings, DateOnly today, CancellationToken ct)
    {
        var offerable = read.Reservations.Where(r => Unpriceable(r) is null && compiled.RoomClassByRoomType.ContainsKey(r.RoomType!)
            && compiled.RateCodes.ContainsKey(r.RateCode!)).ToList();
        if (offerable.Count == 0)
        {
            return [];
        }
        var first = offerable.Min(r => r.Arrival);
        var end = offerable.Max(r => r.Departure);
        var codes = offerable.Select(r => r.RateCode!).Distinct(StringComparer.Ordinal).ToArray();
        Dictionary<(string RateCode, string RoomType, DateOnly Date), decimal> prices;
        Dictionary<DateOnly, int?> levels;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            prices = (await (
                    from p in db.NightlyPrices.AsNoTracking()
                    join rc in db.RateCodes on p.RateCodeId equals rc.Id
                    join rt in db.RoomTypes on p.RoomTypeId equals rt.Id
                    where p.PropertyId == property.Id && EF.Parameter(codes).Contains(rc.Code) && p.Date >= first && p.Date < end
                    select new { RateCode = rc.Code, RoomType = rt.Code, p.Date, p.Amount })
                .ToListAsync(ct))
                .ToDictionary(r => (r.RateCode, r.RoomType, r.Date), r => r.Amount);
            levels = await db.NightlyOccupancies.AsNoTracking()
                .Where(o => o.PropertyId == property.Id && o.Date >= first && o.Date < end)
                .ToDictionaryAsync(o => o.Date, o => o.Level, ct);
        }
        var lookup = NightlyPriceLookup.From((rateCode, roomType, date) => prices.TryGetValue((rateCode, roomType, date), out var amount) ? amount : null);

        var stays = new List<(PricedStay, IReadOnlyDictionary<string, string>?)>();
        foreach (var r in offerable)
        {
            var nights = new List<StayNight>();
            foreach (var night in Dates(r.Arrival, r.Departure))
            {
                var original = r.Nights.FirstOrDefault(n => n.Date == night)?.OriginalRate ?? lookup.GetNightlyRate(r.RateCode!, r.RoomType!, night);
                if (original is not { } rate)
                {
                    break; // the desk cannot quote it either
                }
                nights.Add(new StayNight(night, rate, null, levels.GetValueOrDefault(night)));
            }
            if (nights.Count != r.NightCount)
            {
                continue;
            }
            var rateCode = compiled.RateCodes[r.RateCode!];
            var stay = new Stay
            {
                Arrival = r.Arrival,
                Departure = r.Departure,
                BookedOn = r.BookedOn <= r.Arrival ? r.BookedOn : r.Arrival,
                RoomType = r.RoomType!,
                RoomClass = compiled.RoomClassByRoomType.GetValueOrDefault(r.RoomType!),
                RateCode = r.RateCode!,
                RateCategory = rateCode.Category,
                Membership = string.IsNullOrEmpty(r.MembershipType) ? null : new StayMembership(r.MembershipType, string.IsNullOrEmpty(r.MembershipLevel) ? null : r.MembershipLevel),
                Channel = r.Channel,
                Market = r.Market,
                CurrencyCode = rateCode.CurrencyCode is { Length: > 0 } currency ? currency : compiled.PropertyCurrency,
                Nights = nights,
            };
            if (UpsellInputValidator.ValidateStay(stay).Count > 0)
            {
                continue;
            }
            stays.Add((new PricedStay(stay, lookup), Unavailable(r, read, settings, today)));
        }
        return stays;
    }

    /// <summary>As the desk: a room type with fewer free rooms than the minimum on a night of the stay, or (for a guest
    /// arriving today) without a vacant room in the configuration's room status, is not offered.</summary>
    private static Dictionary<string, string>? Unavailable(DeskReservation r, ArrivalsRead read, Settings settings, DateOnly today)
    {
        var unavailable = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.Arrival == today && r.State != ReservationState.Started && read.Rooms is { } rooms)
        {
            foreach (var roomType in settings.RoomTypes.Where(t => rooms.Ready(t, settings.RoomStatus) == 0))
            {
                unavailable[roomType] = $"No vacant {roomType} room is ready";
            }
        }
        if (settings.MinimumFreeRooms > 0)
        {
            foreach (var roomType in settings.RoomTypes.Where(t => !unavailable.ContainsKey(t)))
            {
                if (Dates(r.Arrival, r.Departure).Any(night => read.Free.Get(roomType, night) is not { } free || free < settings.MinimumFreeRooms))
                {
                    unavailable[roomType] = $"Too few free {roomType} rooms";
                }
            }
        }
        return unavailable.Count == 0 ? null : unavailable;
    }

    /// <summary>The desk's reasons not to quote a reservation at all (state, unknown codes, too long).</summary>
    private static string? Unpriceable(DeskReservation r) =>
        r.NotOfferableReason
        ?? (r.RoomType is null ? "unknown room type"
            : r.RateCode is null ? "unknown rate code"
            : r.NightCount > StayQuoteInput.MaxNights ? "too long"
            : null);

    private static IEnumerable<DateOnly> Dates(DateOnly arrival, DateOnly departure)
    {
        for (var d = arrival; d < departure; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}
