using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Features.Reports;

/// <summary>
/// The Upsell Performance report. Every figure comes out of grouped queries (GROUP BY property and the grouping's key,
/// COUNT, COUNT(DISTINCT reservation), SUM; four statements per grouping) over the selling records — sales, presentations, presented offers and
/// declines — filtered by the query; the few result rows are merged in memory per currency and key. Currency: a sale
/// counts (amounts, sold, reversed, bought, reservations presented) in its own currency's section
/// (<see cref="UpsellSale.CurrencyCode"/>, which may differ from the property's: rate codes and rules have their own);
/// what has no amount — presentations, offers shown, declines — in the property's currency's section. A reservation is
/// "presented" in a section when it was shown offers there or has a non-rejected sale in that currency, so every buyer
/// of a section is presented in it and conversion stays ≤ 1. Nothing loads the records themselves. Definitions of the figures: the README's "Upsell Performance".
/// </summary>
public sealed class UpsellReportService(IDbContextFactory<AppDbContext> dbFactory, ICurrentUser currentUser) : IUpsellReportService
{
    /// <summary>The longest range a report covers: three years (the range may end on the day before the same date three
    /// years later).</summary>
    public const int MaximumYears = 3;

    public const string NoRuleKey = "(no rule)";
    public const string NoProductKey = "(no product)";
    public const string PairSeparator = "->";
    public const string PairLabelSeparator = " → ";

    public async Task<UpsellReportResult> RunAsync(UpsellReportQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = Validate(query);
        if (errors.Count > 0)
        {
            return new UpsellReportResult(UpsellReportStatus.Invalid, null, errors);
        }
        var user = await currentUser.GetAsync(cancellationToken);
        if (user.UserId is null)
        {
            return new UpsellReportResult(UpsellReportStatus.Forbidden, null, ["Sign in to see the Upsell Performance report."]);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Only the visible properties are looked up (one query): a property the user may not see answers exactly like one
        // that does not exist, so the answer never tells which codes exist.
        var properties = await PropertiesAsync(db, PropertyAccess.Visible(db, user), cancellationToken);
        var asked = query.PropertyCodes.Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (asked.Count > 0)
        {
            var byCode = properties.GroupBy(p => p.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            var unknown = asked.Where(c => !byCode.ContainsKey(c)).ToList();
            if (unknown.Count > 0)
            {
                return new UpsellReportResult(UpsellReportStatus.Invalid, null,
                    [unknown.Count == 1 ? $"Unknown property: {unknown[0]}." : $"Unknown properties: {string.Join(", ", unknown)}."]);
            }
            properties = asked.Select(c => byCode[c]).ToList();
        }

        var ownOnly = OwnFiguresOnly(user);
        var effective = query with
        {
            PropertyCodes = properties.Select(p => p.Code).OrderBy(c => c, StringComparer.Ordinal).ToList(),
            Agent = ownOnly ? SellingService.AgentName(user) : string.IsNullOrWhiteSpace(query.Agent) ? null : query.Agent.Trim(),
            GroupBy = query.GroupBy.Distinct().ToList(),
        };
        var filter = new Filter(properties.Select(p => p.Id).ToArray(), effective.From, effective.To, effective.DateBasis,
            ownOnly ? null : effective.Agent, ownOnly ? user.UserId : null, effective.Channel, effective.Kind);

        // Per property: the totals of each currency are the sums of its properties (a reservation belongs to one property,
        // so the distinct counts add up too).
        var byId = properties.ToDictionary(p => p.Id);
        var perProperty = await AggregateAsync(db, filter, Specs.Property, byId, cancellationToken);
        var grouped = new Dictionary<ReportGrouping, Dictionary<(int PropertyId, string Currency, object? Key), Counts>>();
        foreach (var grouping in effective.GroupBy)
        {
            grouped[grouping] = grouping switch
            {
                ReportGrouping.Property => perProperty,
                ReportGrouping.Agent => await AggregateAsync(db, filter, Specs.Agent, byId, cancellationToken),
                ReportGrouping.RoomTypePair => await AggregateAsync(db, filter, Specs.Pair, byId, cancellationToken),
                ReportGrouping.Rule => await AggregateAsync(db, filter, Specs.Rule, byId, cancellationToken),
                ReportGrouping.AddOn => await AggregateAsync(db, filter, Specs.AddOn, byId, cancellationToken),
                ReportGrouping.Day => await AggregateAsync(db, filter, filter.DateBasis == ReportDateBasis.SaleDate ? Specs.SaleDay : Specs.StayDay, byId, cancellationToken),
                ReportGrouping.Week => await AggregateAsync(db, filter, filter.DateBasis == ReportDateBasis.SaleDate ? Specs.SaleWeek : Specs.StayWeek, byId, cancellationToken),
                _ => throw new InvalidOperationException($"Unknown grouping {grouping}."),
            };
        }

        // Sections: the properties' currencies and every currency a sale was recorded in. A section lists the properties
        // of its currency and those with a sale in it.
        var currencies = properties.Select(p => p.CurrencyCode).Concat(perProperty.Keys.Select(k => k.Currency)).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        var sections = new List<UpsellReportSection>();
        foreach (var currency in currencies)
        {
            var codes = properties.Where(p => p.CurrencyCode == currency).Select(p => p.Code)
                .Concat(perProperty.Keys.Where(k => k.Currency == currency).Select(k => byId[k.PropertyId].Code))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var totals = Figures(perProperty.Where(e => e.Key.Currency == currency).Select(e => (byId[e.Key.PropertyId], e.Value)));
            var groups = new Dictionary<ReportGrouping, IReadOnlyList<UpsellReportGroup>>();
            foreach (var (grouping, rows) in grouped)
            {
                groups[grouping] = Groups(grouping, rows.Where(e => e.Key.Currency == currency), byId);
            }
            sections.Add(new UpsellReportSection(currency, codes, totals, groups));
        }
        return new UpsellReportResult(UpsellReportStatus.Ok, new UpsellReport(effective, sections, ownOnly), []);
    }

    public async Task<(decimal Conversion, int ReservationsPresented)?> PairConversionAsync(int propertyId, string fromRoomType, string toRoomType,
        DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fromRoomType);
        ArgumentNullException.ThrowIfNull(toRoomType);
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await PropertyAccess.CanSeeAsync(db, user, propertyId, cancellationToken))
        {
            return null;
        }
        // Older records have no presented-offer rows (before the offers shown were kept): over them every sale would look
        // like a conversion of 100 %. The window starts at the property's first presented offer; none yet = no data.
        var firstShown = await db.UpsellPresentedOffers.AsNoTracking().Where(o => o.PropertyId == propertyId)
            .Select(o => (DateOnly?)o.Day).MinAsync(cancellationToken);
        if (firstShown is not { } firstDay || firstDay > to)
        {
            return null;
        }
        if (from < firstDay)
        {
            from = firstDay;
        }
        // The property's measured conversion (every agent's), whoever asks: it is what the forecast applies.
        var shown = db.UpsellPresentedOffers.AsNoTracking()
            .Where(o => o.PropertyId == propertyId && o.Kind == UpsellKind.RoomUpgrade && o.FromRoomType == fromRoomType && o.ToRoomType == toRoomType
                && o.Day >= from && o.Day <= to)
            .Select(o => o.ReservationId);
        var sales = db.UpsellSales.AsNoTracking()
            .Where(s => s.PropertyId == propertyId && s.Kind == UpsellKind.RoomUpgrade && s.FromRoomType == fromRoomType && s.ToRoomType == toRoomType
                && s.SoldDate >= from && s.SoldDate <= to);
        var presented = await shown.Union(sales.Where(s => s.Status != UpsellStatus.Rejected).Select(s => s.ReservationId)).CountAsync(cancellationToken);
        if (presented == 0)
        {
            return null;
        }
        var bought = await sales.Where(s => s.Status == UpsellStatus.Pending || s.Status == UpsellStatus.Posted)
            .Select(s => s.ReservationId).Distinct().CountAsync(cancellationToken);
        return (Ratio(bought, presented)!.Value, presented);
    }

    /// <summary>Front Desk (anyone who cannot edit, except an API key) sees only the figures recorded under their own user.</summary>
    public static bool OwnFiguresOnly(UserContext user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.CanEdit && !user.IsSystemClient;
    }

    /// <summary>The query's own problems (before any property is looked at).</summary>
    public static IReadOnlyList<string> Validate(UpsellReportQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<string>();
        var from = query.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = query.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (query.From > query.To)
        {
            errors.Add($"From ({from}) is after To ({to}).");
        }
        else if (query.To >= query.From.AddYears(MaximumYears))
        {
            errors.Add($"The range {from} to {to} is longer than {MaximumYears} years: ask for at most {MaximumYears} years at a time (To before {query.From.AddYears(MaximumYears):yyyy-MM-dd}).");
        }
        if (!Enum.IsDefined(query.DateBasis))
        {
            errors.Add($"Unknown date basis {query.DateBasis}.");
        }
        if (query.Channel is { } channel && !Enum.IsDefined(channel))
        {
            errors.Add($"Unknown channel {channel}.");
        }
        if (query.Kind is { } kind && !Enum.IsDefined(kind))
        {
            errors.Add($"Unknown kind {kind}.");
        }
        foreach (var grouping in query.GroupBy.Where(g => !Enum.IsDefined(g)))
        {
            errors.Add($"Unknown grouping {grouping}.");
        }
        return errors;
    }

    /// <summary>The properties with their currency and agent commission percent (null when not set).</summary>
    private static Task<List<PropertyInfo>> PropertiesAsync(AppDbContext db, IQueryable<Property> properties, CancellationToken ct) =>
        properties.Select(p => new PropertyInfo(p.Id, p.Code, p.Name, p.CurrencyCode,
                db.UpsellConfigurations.Where(c => c.PropertyId == p.Id).Select(c => c.AgentCommissionPercent).FirstOrDefault()))
            .ToListAsync(ct);

    // ------------------------------------------------------------------------------------------------------------
    // The grouped queries

    /// <summary>The query's filters, applied to every record type by one helper over each type's columns.</summary>
    private sealed record Filter(int[] PropertyIds, DateOnly From, DateOnly To, ReportDateBasis DateBasis, string? Agent, string? AgentUserId,
        SaleChannel? Channel, UpsellKind? Kind)
    {
        private static readonly RecordColumns<UpsellSale> SaleColumns = new(s => s.PropertyId, s => s.SoldDate,
            (Expression<Func<UpsellSale, DateOnly>>)(s => s.Arrival), s => s.AgentName, s => s.AgentUserId, s => s.Channel, kind => s => s.Kind == kind);

        // A presentation has no kind: it counts when it showed an offer of that kind.
        private static readonly RecordColumns<UpsellPresentation> PresentationColumns = new(p => p.PropertyId, p => p.Day,
            (Expression<Func<UpsellPresentation, DateOnly?>>)(p => p.Arrival), p => p.AgentName, p => p.AgentUserId, p => p.Channel,
            kind => p => p.Offers.Any(o => o.Kind == kind));

        private static readonly RecordColumns<UpsellPresentedOffer> OfferColumns = new(o => o.PropertyId, o => o.Day,
            (Expression<Func<UpsellPresentedOffer, DateOnly?>>)(o => o.Arrival), o => o.AgentName, o => o.AgentUserId, o => o.Channel, kind => o => o.Kind == kind);

        private static readonly RecordColumns<UpsellDecline> DeclineColumns = new(d => d.PropertyId, d => d.Day,
            (Expression<Func<UpsellDecline, DateOnly?>>)(d => d.Arrival), d => d.AgentName, d => d.AgentUserId, d => d.Channel, kind => d => d.Kind == kind);

        public IQueryable<UpsellSale> Sales(AppDbContext db) => Apply(db.UpsellSales.AsNoTracking(), SaleColumns);

        public IQueryable<UpsellPresentation> Presentations(AppDbContext db) => Apply(db.UpsellPresentations.AsNoTracking(), PresentationColumns);

        public IQueryable<UpsellPresentedOffer> Offers(AppDbContext db) => Apply(db.UpsellPresentedOffers.AsNoTracking(), OfferColumns);

        public IQueryable<UpsellDecline> Declines(AppDbContext db) => Apply(db.UpsellDeclines.AsNoTracking(), DeclineColumns);

        /// <summary>The filters on one record type: each condition is written once, over a value, and put on the type's
        /// column by replacing the value with the column (the same expression trees — so the same SQL — as conditions
        /// written per type; the captured values stay parameters).</summary>
        private IQueryable<T> Apply<T>(IQueryable<T> q, RecordColumns<T> c)
        {
            var (ids, from, to, agent, userId) = (PropertyIds, From, To, Agent, AgentUserId);
            q = On(q, c.PropertyId, (int id) => ids.Contains(id));
            if (DateBasis == ReportDateBasis.SaleDate)
            {
                q = On(q, c.Day, (DateOnly d) => d >= from && d <= to);
            }
            else
            {
                q = c.Arrival.Body.Type == typeof(DateOnly)
                    ? On(q, c.Arrival, (DateOnly d) => d >= from && d <= to)
                    : On(q, c.Arrival, (DateOnly? d) => d >= from && d <= to);
            }
            if (agent is not null)
            {
                q = On(q, c.AgentName, (string a) => a == agent);
            }
            if (userId is not null)
            {
                q = On(q, c.AgentUserId, (string? u) => u == userId);
            }
            if (Channel is { } channel)
            {
                q = On(q, c.Channel, (SaleChannel ch) => ch == channel);
            }
            if (Kind is { } kind)
            {
                q = q.Where(c.OfKind(kind));
            }
            return q;
        }

        /// <summary><c>q.Where(x => condition(column(x)))</c>.</summary>
        private static IQueryable<T> On<T, TValue>(IQueryable<T> q, LambdaExpression column, Expression<Func<TValue, bool>> condition)
        {
            var body = new ParameterSwap(condition.Parameters[0], column.Body).Visit(condition.Body);
            return q.Where(Expression.Lambda<Func<T, bool>>(body, column.Parameters[0]));
        }
    }

    /// <summary>The columns the filters read, per record type. <see cref="Arrival"/> is DateOnly (sales) or DateOnly?.</summary>
    private sealed record RecordColumns<T>(
        Expression<Func<T, int>> PropertyId,
        Expression<Func<T, DateOnly>> Day,
        LambdaExpression Arrival,
        Expression<Func<T, string>> AgentName,
        Expression<Func<T, string?>> AgentUserId,
        Expression<Func<T, SaleChannel>> Channel,
        Func<UpsellKind, Expression<Func<T, bool>>> OfKind);

    /// <summary>How one grouping keys each record type (and which records it takes). A null <see cref="Presentation"/>
    /// means the grouping looks at what was shown (pair, rule, add-on): reservations presented and offers presented come
    /// from the presented offers.</summary>
    private sealed record KeySpec<TKey>(
        Expression<Func<UpsellSale, TKey>> Sale,
        Expression<Func<UpsellPresentation, TKey>>? Presentation,
        Expression<Func<UpsellPresentedOffer, TKey>> Offer,
        Expression<Func<UpsellDecline, TKey>> Decline,
        Expression<Func<UpsellSale, bool>>? SaleWhere = null,
        Expression<Func<UpsellPresentedOffer, bool>>? OfferWhere = null,
        Expression<Func<UpsellDecline, bool>>? DeclineWhere = null,
        Func<TKey, object?>? ToKey = null);

    private static class Specs
    {
        public static readonly KeySpec<int> Property = new(s => s.PropertyId, p => p.PropertyId, o => o.PropertyId, d => d.PropertyId);

        public static readonly KeySpec<string> Agent = new(s => s.AgentName, p => p.AgentName, o => o.AgentName, d => d.AgentName);

        public static readonly KeySpec<string> Pair = new(
            s => s.FromRoomType + PairSeparator + s.ToRoomType, null, o => o.FromRoomType + PairSeparator + o.ToRoomType,
            d => d.FromRoomType + PairSeparator + d.ToRoomType,
            s => s.Kind == UpsellKind.RoomUpgrade && s.FromRoomType != null && s.ToRoomType != null,
            o => o.Kind == UpsellKind.RoomUpgrade && o.FromRoomType != null && o.ToRoomType != null,
            d => d.Kind == UpsellKind.RoomUpgrade && d.FromRoomType != null && d.ToRoomType != null);

        public static readonly KeySpec<string?> Rule = new(s => s.RuleCode, null, o => o.RuleCode, d => d.RuleCode,
            s => s.Kind == UpsellKind.RoomUpgrade, o => o.Kind == UpsellKind.RoomUpgrade, d => d.Kind == UpsellKind.RoomUpgrade,
            k => k ?? NoRuleKey);

        public static readonly KeySpec<string?> AddOn = new(s => s.ProductName, null, o => o.ProductName, d => d.ProductName,
            s => s.Kind == UpsellKind.AddOn, o => o.Kind == UpsellKind.AddOn, d => d.Kind == UpsellKind.AddOn,
            k => k ?? NoProductKey);

        public static readonly KeySpec<DateOnly> SaleDay = new(s => s.SoldDate, p => p.Day, o => o.Day, d => d.Day, ToKey: k => k);

        public static readonly KeySpec<DateOnly> StayDay = new(s => s.Arrival, p => p.Arrival!.Value, o => o.Arrival!.Value, d => d.Arrival!.Value, ToKey: k => k);

        // The week's Monday as a day number: 0001-01-01 (day number 0) was a Monday, so a day's Monday is
        // DayNumber - DayNumber % 7. EF translates DayNumber on both providers.
        public static readonly KeySpec<int> SaleWeek = new(s => s.SoldDate.DayNumber - s.SoldDate.DayNumber % 7, p => p.Day.DayNumber - p.Day.DayNumber % 7,
            o => o.Day.DayNumber - o.Day.DayNumber % 7, d => d.Day.DayNumber - d.Day.DayNumber % 7, ToKey: k => DateOnly.FromDayNumber(k));

        public static readonly KeySpec<int> StayWeek = new(s => s.Arrival.DayNumber - s.Arrival.DayNumber % 7,
            p => p.Arrival!.Value.DayNumber - p.Arrival!.Value.DayNumber % 7,
            o => o.Arrival!.Value.DayNumber - o.Arrival!.Value.DayNumber % 7,
            d => d.Arrival!.Value.DayNumber - d.Arrival!.Value.DayNumber % 7, ToKey: k => DateOnly.FromDayNumber(k));
    }

    /// <summary>A record reduced to what the grouped queries need, keyed (a nominal type so that the union of sales and
    /// presentations has one shape).</summary>
    private sealed class Keyed<TKey>
    {
        public int PropertyId { get; init; }
        public TKey Key { get; init; } = default!;
        public string ReservationId { get; init; } = "";
        public string Currency { get; init; } = "";
    }

    private sealed class KeyedSale<TKey>
    {
        public int PropertyId { get; init; }
        public TKey Key { get; init; } = default!;
        public string ReservationId { get; init; } = "";
        public UpsellStatus Status { get; init; }
        public string CurrencyCode { get; init; } = "";
        public UpsellKind Kind { get; init; }
        public decimal TotalAmount { get; init; }
        public int UpgradeNights { get; init; }
    }

    private sealed class Counts
    {
        public int ReservationsPresented;
        public int OffersPresented;
        public int Pending;
        public int Posted;
        public int Reversed;
        public int Declined;
        public int ReservationsBought;
        public int UpgradeRoomNights;
        public decimal PostedStatusAmount;
        public decimal ReversedAmount;
        public decimal PendingAmount;
    }

    private static async Task<Dictionary<(int PropertyId, string Currency, object? Key), Counts>> AggregateAsync<TKey>(AppDbContext db, Filter filter,
        KeySpec<TKey> spec, Dictionary<int, PropertyInfo> properties, CancellationToken ct)
    {
        var result = new Dictionary<(int, string, object?), Counts>();
        // currency: the section's currency; null or "" = the property's own currency.
        Counts At(int propertyId, string? currency, TKey key)
        {
            var k = (propertyId, string.IsNullOrEmpty(currency) ? properties[propertyId].CurrencyCode : currency, spec.ToKey is null ? key : spec.ToKey(key));
            if (!result.TryGetValue(k, out var counts))
            {
                result[k] = counts = new Counts();
            }
            return counts;
        }

        var sales = filter.Sales(db);
        if (spec.SaleWhere is not null)
        {
            sales = sales.Where(spec.SaleWhere);
        }
        var keyedSales = sales.Select(KeyedSaleOf(spec.Sale));

        // 1. Sales, one statement: counts and amounts per status (conditional aggregates), upgrade nights of sold upgrades,
        // and the reservations that bought (COUNT(DISTINCT) of the sold sales' reservations).
        var bySale = await keyedSales
            .GroupBy(s => new { s.PropertyId, s.CurrencyCode, s.Key })
            .Select(g => new
            {
                g.Key.PropertyId,
                g.Key.CurrencyCode,
                g.Key.Key,
                Pending = g.Count(s => s.Status == UpsellStatus.Pending),
                Posted = g.Count(s => s.Status == UpsellStatus.Posted),
                Reversed = g.Count(s => s.Status == UpsellStatus.Reversed),
                PendingAmount = g.Where(s => s.Status == UpsellStatus.Pending).Sum(s => s.TotalAmount),
                PostedAmount = g.Where(s => s.Status == UpsellStatus.Posted).Sum(s => s.TotalAmount),
                ReversedAmount = g.Where(s => s.Status == UpsellStatus.Reversed).Sum(s => s.TotalAmount),
                Nights = g.Where(s => s.Kind == UpsellKind.RoomUpgrade && (s.Status == UpsellStatus.Pending || s.Status == UpsellStatus.Posted)).Sum(s => s.UpgradeNights),
                Bought = g.Where(s => s.Status == UpsellStatus.Pending || s.Status == UpsellStatus.Posted).Select(s => s.ReservationId).Distinct().Count(),
            })
            .ToListAsync(ct);
        foreach (var row in bySale)
        {
            // A key with only Rejected sales still gets its (empty) row: it has records.
            var c = At(row.PropertyId, row.CurrencyCode, row.Key);
            c.Pending += row.Pending;
            c.Posted += row.Posted;
            c.Reversed += row.Reversed;
            c.PendingAmount += row.PendingAmount;
            c.PostedStatusAmount += row.PostedAmount;
            c.ReversedAmount += row.ReversedAmount;
            c.UpgradeRoomNights += row.Nights;
            c.ReservationsBought += row.Bought;
        }

        // 3. Reservations presented: distinct reservations shown offers (presentations, or the presented offers of the
        // pair/rule/add-on) or with a sale that was not rejected (UNION, then COUNT per key).
        var offers = filter.Offers(db);
        if (spec.OfferWhere is not null)
        {
            offers = offers.Where(spec.OfferWhere);
        }
        // Per currency section: what was shown belongs to the property's currency (Currency ""), a sale to its own
        // currency ("" when it is the property's, so that a reservation shown and sold there is counted once).
        var shown = spec.Presentation is not null
            ? filter.Presentations(db).Select(KeyedOf(spec.Presentation, p => p.PropertyId, p => p.ReservationId, p => ""))
            : offers.Select(KeyedOf(spec.Offer, o => o.PropertyId, o => o.ReservationId, o => ""));
        var withSale = sales.Where(s => s.Status != UpsellStatus.Rejected).Select(KeyedOf(spec.Sale, s => s.PropertyId, s => s.ReservationId,
            s => s.CurrencyCode == db.Properties.Where(p => p.Id == s.PropertyId).Select(p => p.CurrencyCode).FirstOrDefault() ? "" : s.CurrencyCode));
        var presented = await shown.Union(withSale)
            .GroupBy(r => new { r.PropertyId, r.Currency, r.Key })
            .Select(g => new { g.Key.PropertyId, g.Key.Currency, g.Key.Key, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var row in presented)
        {
            At(row.PropertyId, row.Currency, row.Key).ReservationsPresented += row.Count;
        }

        // 4. Offers presented: the presentations' offer counts, or (by pair/rule/add-on, or with a kind filter) the
        // presented offers themselves.
        if (spec.Presentation is not null && filter.Kind is null)
        {
            var counts = await filter.Presentations(db).Select(KeyedCountOf(spec.Presentation))
                .GroupBy(p => new { p.PropertyId, p.Key })
                .Select(g => new { g.Key.PropertyId, g.Key.Key, Count = g.Sum(p => p.Count) })
                .ToListAsync(ct);
            foreach (var row in counts)
            {
                At(row.PropertyId, null, row.Key).OffersPresented += row.Count;
            }
        }
        else
        {
            var counts = await offers.Select(KeyedOf(spec.Offer, o => o.PropertyId, o => o.ReservationId, o => ""))
                .GroupBy(o => new { o.PropertyId, o.Key })
                .Select(g => new { g.Key.PropertyId, g.Key.Key, Count = g.Count() })
                .ToListAsync(ct);
            foreach (var row in counts)
            {
                At(row.PropertyId, null, row.Key).OffersPresented += row.Count;
            }
        }

        // 5. Declines.
        var declines = filter.Declines(db);
        if (spec.DeclineWhere is not null)
        {
            declines = declines.Where(spec.DeclineWhere);
        }
        var declined = await declines.Select(KeyedOf(spec.Decline, d => d.PropertyId, d => d.ReservationId, d => ""))
            .GroupBy(d => new { d.PropertyId, d.Key })
            .Select(g => new { g.Key.PropertyId, g.Key.Key, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var row in declined)
        {
            At(row.PropertyId, null, row.Key).Declined += row.Count;
        }
        return result;
    }

    private sealed class KeyedCount<TKey>
    {
        public int PropertyId { get; init; }
        public TKey Key { get; init; } = default!;
        public int Count { get; init; }
    }

    /// <summary><c>x => new Keyed&lt;TKey&gt; { PropertyId = …, Key = key(x), ReservationId = … }</c>, one parameter throughout.</summary>
    private static Expression<Func<T, Keyed<TKey>>> KeyedOf<T, TKey>(Expression<Func<T, TKey>> key, Expression<Func<T, int>> propertyId,
        Expression<Func<T, string>> reservationId, Expression<Func<T, string>> currency)
    {
        var x = key.Parameters[0];
        return Expression.Lambda<Func<T, Keyed<TKey>>>(Expression.MemberInit(Expression.New(typeof(Keyed<TKey>)),
            Expression.Bind(typeof(Keyed<TKey>).GetProperty(nameof(Keyed<TKey>.PropertyId))!, Rebind(propertyId, x)),
            Expression.Bind(typeof(Keyed<TKey>).GetProperty(nameof(Keyed<TKey>.Key))!, key.Body),
            Expression.Bind(typeof(Keyed<TKey>).GetProperty(nameof(Keyed<TKey>.ReservationId))!, Rebind(reservationId, x)),
            Expression.Bind(typeof(Keyed<TKey>).GetProperty(nameof(Keyed<TKey>.Currency))!, Rebind(currency, x))), x);
    }

    private static Expression<Func<UpsellPresentation, KeyedCount<TKey>>> KeyedCountOf<TKey>(Expression<Func<UpsellPresentation, TKey>> key)
    {
        var p = key.Parameters[0];
        return Expression.Lambda<Func<UpsellPresentation, KeyedCount<TKey>>>(Expression.MemberInit(Expression.New(typeof(KeyedCount<TKey>)),
            Expression.Bind(typeof(KeyedCount<TKey>).GetProperty(nameof(KeyedCount<TKey>.PropertyId))!, Expression.Property(p, nameof(UpsellPresentation.PropertyId))),
            Expression.Bind(typeof(KeyedCount<TKey>).GetProperty(nameof(KeyedCount<TKey>.Key))!, key.Body),
            Expression.Bind(typeof(KeyedCount<TKey>).GetProperty(nameof(KeyedCount<TKey>.Count))!, Expression.Property(p, nameof(UpsellPresentation.OffersCount)))), p);
    }

    private static Expression<Func<UpsellSale, KeyedSale<TKey>>> KeyedSaleOf<TKey>(Expression<Func<UpsellSale, TKey>> key)
    {
        var s = key.Parameters[0];
        MemberAssignment Bind(string name, Expression value) => Expression.Bind(typeof(KeyedSale<TKey>).GetProperty(name)!, value);
        Expression Of(string name) => Expression.Property(s, name);
        return Expression.Lambda<Func<UpsellSale, KeyedSale<TKey>>>(Expression.MemberInit(Expression.New(typeof(KeyedSale<TKey>)),
            Bind(nameof(KeyedSale<TKey>.PropertyId), Of(nameof(UpsellSale.PropertyId))),
            Bind(nameof(KeyedSale<TKey>.Key), key.Body),
            Bind(nameof(KeyedSale<TKey>.ReservationId), Of(nameof(UpsellSale.ReservationId))),
            Bind(nameof(KeyedSale<TKey>.Status), Of(nameof(UpsellSale.Status))),
            Bind(nameof(KeyedSale<TKey>.CurrencyCode), Of(nameof(UpsellSale.CurrencyCode))),
            Bind(nameof(KeyedSale<TKey>.Kind), Of(nameof(UpsellSale.Kind))),
            Bind(nameof(KeyedSale<TKey>.TotalAmount), Of(nameof(UpsellSale.TotalAmount))),
            Bind(nameof(KeyedSale<TKey>.UpgradeNights), Of(nameof(UpsellSale.UpgradeNights)))), s);
    }

    private static Expression Rebind<T, TValue>(Expression<Func<T, TValue>> selector, ParameterExpression parameter) =>
        new ParameterSwap(selector.Parameters[0], parameter).Visit(selector.Body);

    private sealed class ParameterSwap(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    // ------------------------------------------------------------------------------------------------------------
    // From counts to figures

    private sealed record PropertyInfo(int Id, string Code, string Name, string CurrencyCode, decimal? CommissionPercent);

    private static IReadOnlyList<UpsellReportGroup> Groups(ReportGrouping grouping, IEnumerable<KeyValuePair<(int PropertyId, string Currency, object? Key), Counts>> rows,
        Dictionary<int, PropertyInfo> properties)
    {
        var groups = rows.GroupBy(e => grouping == ReportGrouping.Property ? properties[e.Key.PropertyId].Code : KeyText(e.Key.Key), StringComparer.Ordinal)
            .Select(g => new UpsellReportGroup(g.Key, Label(grouping, g.Key, g.First().Key, properties),
                Figures(g.Select(e => (properties[e.Key.PropertyId], e.Value)))))
            .ToList();
        return grouping is ReportGrouping.Day or ReportGrouping.Week
            ? groups.OrderBy(g => g.Key, StringComparer.Ordinal).ToList()
            : groups.OrderByDescending(g => g.Figures.Revenue).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
    }

    private static string KeyText(object? key) => key switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string s => s,
        null => "",
        _ => Convert.ToString(key, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Label(ReportGrouping grouping, string key, (int PropertyId, string Currency, object? Key) first, Dictionary<int, PropertyInfo> properties) => grouping switch
    {
        ReportGrouping.Property => $"{properties[first.PropertyId].Name} ({key})",
        ReportGrouping.RoomTypePair => key.Replace(PairSeparator, PairLabelSeparator, StringComparison.Ordinal),
        ReportGrouping.Week => $"Week of {key}",
        _ => key,
    };

    private static UpsellFigures Figures(IEnumerable<(PropertyInfo Property, Counts Counts)> parts)
    {
        var sum = new Counts();
        decimal? commission = null;
        foreach (var (property, c) in parts)
        {
            sum.ReservationsPresented += c.ReservationsPresented;
            sum.OffersPresented += c.OffersPresented;
            sum.Pending += c.Pending;
            sum.Posted += c.Posted;
            sum.Reversed += c.Reversed;
            sum.Declined += c.Declined;
            sum.ReservationsBought += c.ReservationsBought;
            sum.UpgradeRoomNights += c.UpgradeRoomNights;
            sum.PostedStatusAmount += c.PostedStatusAmount;
            sum.ReversedAmount += c.ReversedAmount;
            sum.PendingAmount += c.PendingAmount;
            if (property.CommissionPercent is { } percent)
            {
                commission = (commission ?? 0m) + c.PostedStatusAmount * percent / 100m;
            }
        }
        var revenue = sum.PostedStatusAmount;
        return new UpsellFigures(
            sum.ReservationsPresented,
            sum.OffersPresented,
            sum.Pending + sum.Posted,
            sum.Declined,
            sum.Reversed,
            sum.ReservationsBought,
            Ratio(sum.ReservationsBought, sum.ReservationsPresented),
            sum.PostedStatusAmount + sum.ReversedAmount,
            sum.ReversedAmount,
            revenue,
            sum.PendingAmount,
            sum.Posted == 0 ? null : Math.Round(revenue / sum.Posted, 2, MidpointRounding.AwayFromZero),
            sum.UpgradeRoomNights,
            commission is { } c2 ? Math.Round(c2, 2, MidpointRounding.AwayFromZero) : null);
    }

    private static decimal? Ratio(int part, int whole) =>
        whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);
}
