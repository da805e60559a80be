using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Desk;

/// <summary>
/// Reads a property's arrivals or in-house guests from Mews for the Upsell Desk, batched per entity type, never per
/// reservation: one <c>reservations/getAll</c> (by ScheduledStartUtc, or by CollidingUtc + state Started), then for all
/// of them at once <c>customers/getAll</c> by CustomerIds, <c>loyaltyMemberships/getAll</c> by AccountIds,
/// <c>resources/getAll</c> by the assigned rooms' ResourceIds and
/// <c>orderItems/getAll</c> by ServiceOrderIds with types SpaceOrder (what the guest pays per night) and ProductOrder
/// (the products the reservation already has, by <c>Data.Product.ProductId</c>). Mews ids become the
/// property's codes through the ids the sync stored. Each getAll follows the Mews cursor (pages of the gateway's size).
/// </summary>
public sealed class MewsReservationReader(IMewsGateway mews, IDbContextFactory<AppDbContext> dbFactory, IMemoryCache cache, IOptions<ConnectorOptions> connector, TimeProvider clock)
{
    /// <summary>Mews' limit on ids per filter list: CustomerIds, AccountIds and ServiceOrderIds take up to 1,000
    /// (connector-api.md §2.15, §2.18, §2.20).</summary>
    private const int IdsPerCall = 1000;

    /// <summary>sourceAssignments/getAll/2024-09-20 takes up to 100 ReservationIds (§2.19); the gateway splits.</summary>
    private const int SourceAssignmentIdsPerCall = 100;

    public async Task<DeskRead> ReadAsync(Property property, DeskWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(window);
        if (window.Problem is { } problem)
        {
            throw new ArgumentException(problem, nameof(window));
        }
        if (property.MewsEnterpriseId is not { } enterpriseId)
        {
            throw new InvalidOperationException($"Property {property.Code} is not linked to a Mews enterprise.");
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(property.TimeZone);
        var requests = 0;
        var enterprise = enterpriseId.ToString();
        var pricing = await CachedAsync(("pricing", enterprise), async () =>
        {
            requests++;
            return (await mews.GetConfigurationAsync(enterprise, cancellationToken)).Enterprise?.Pricing;
        });
        var codes = await CodesAsync(property.Id, pricing, cancellationToken);

        var filter = window.ReservationId is { } one
            ? new ReservationFilter { EnterpriseIds = [enterprise], ReservationIds = [one] }
            : window.InHouse
            ? new ReservationFilter
            {
                EnterpriseIds = [enterprise],
                States = [ReservationState.Started],
                CollidingUtc = new TimeInterval(clock.GetUtcNow(), clock.GetUtcNow().AddMinutes(1)),
            }
            : new ReservationFilter
            {
                EnterpriseIds = [enterprise],
                ScheduledStartUtc = new TimeInterval(StartOfDay(window.From, zone), StartOfDay(window.To.AddDays(1), zone)),
            };
        var reservations = (await ListAsync(mews.GetReservationsAsync(filter, cancellationToken), () => requests++, cancellationToken))
            .DistinctBy(r => r.Id, StringComparer.Ordinal).ToList();

        var customerIds = reservations.Select(r => r.AccountId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var customers = new Dictionary<string, Customer>(StringComparer.Ordinal);
        var memberships = new Dictionary<string, LoyaltyMembership>(StringComparer.Ordinal);
        foreach (var chunk in customerIds.Chunk(IdsPerCall))
        {
            foreach (var c in await ListAsync(mews.GetCustomersAsync(new CustomerFilter
                {
                    ChainIds = property.MewsChainId is { } chain ? [chain.ToString()] : null,
                    CustomerIds = chunk,
                }, cancellationToken), () => requests++, cancellationToken))
            {
                customers[c.Id] = c;
            }
            foreach (var m in await ListAsync(mews.GetLoyaltyMembershipsAsync(new LoyaltyMembershipFilter
                {
                    ChainIds = property.MewsChainId is { } chain2 ? [chain2.ToString()] : null,
                    AccountIds = chunk,
                }, cancellationToken), () => requests++, cancellationToken))
            {
                // The primary membership wins; else the first one Mews lists.
                // Only an enrolled membership counts (§3); of several, the primary one wins.
                if (m.State == LoyaltyMembershipState.Enrolled && m.AccountId is { } account && (!memberships.ContainsKey(account) || m.IsPrimary))
                {
                    memberships[account] = m;
                }
            }
        }

        var rooms = new Dictionary<string, string>(StringComparer.Ordinal);
        var today = LocalDate(clock.GetUtcNow(), zone);
        RoomReadiness? readiness = null;
        if (reservations.Any(r => r.State is ReservationState.Confirmed or ReservationState.Optional
            && r.ScheduledStartUtc is { } start && LocalDate(start, zone) == today))
        {
            // Same-day arrivals: which rooms of each type are vacant and how clean (every room's name comes with it).
            readiness = await RoomReadinessAsync(enterprise, codes, rooms, () => requests++, cancellationToken);
        }
        foreach (var chunk in readiness is not null ? [] : reservations.Select(r => r.AssignedResourceId).OfType<string>().Distinct(StringComparer.Ordinal).Chunk(IdsPerCall))
        {
            foreach (var room in await ListAsync(mews.GetResourcesAsync(new ResourceFilter { EnterpriseIds = [enterprise], ResourceIds = chunk }, cancellationToken),
                () => requests++, cancellationToken))
            {
                rooms[room.Id] = room.Name ?? room.Id;
            }
        }

        var nightly = new Dictionary<(string Reservation, DateOnly Night), decimal>();
        var nightlyTaxes = new Dictionary<(string Reservation, DateOnly Night), IReadOnlyList<string>>();
        var products = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        foreach (var chunk in reservations.Select(r => r.Id).Chunk(IdsPerCall))
        {
            // One call for both: the nights (SpaceOrder) and the products the reservation already has (ProductOrder).
            var items = await ListAsync(mews.GetOrderItemsAsync(new OrderItemFilter
            {
                EnterpriseIds = [enterprise],
                ServiceOrderIds = chunk,
                Types = [OrderItemTypes.SpaceOrder, OrderItemTypes.ProductOrder],
            }, cancellationToken), () => requests++, cancellationToken);
            foreach (var item in items.Where(i => i.ServiceOrderId is not null && i.AccountingState != OrderItemAccountingStates.Canceled))
            {
                if (item.Type == OrderItemTypes.ProductOrder)
                {
                    if (Guid.TryParse(item.Data?.Product?.ProductId, CultureInfo.InvariantCulture, out var productId))
                    {
                        if (!products.TryGetValue(item.ServiceOrderId!, out var set))
                        {
                            products[item.ServiceOrderId!] = set = [];
                        }
                        set.Add(productId);
                    }
                    continue;
                }
                if (item.StartUtc is null)
                {
                    continue;
                }
                var night = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(item.StartUtc.Value, zone).DateTime);
                // A nightly item in another currency than the property's is not what the stay is priced in: fall back.
                if (item.Amount?.Currency is { } currency && !string.Equals(currency, property.CurrencyCode, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                if (codes.Amount(item.Amount) is { } amount)
                {
                    var key = (item.ServiceOrderId!, night);
                    nightly[key] = nightly.GetValueOrDefault(key) + amount;
                    if (item.Amount?.TaxValues is { Count: > 0 } taxes)
                    {
                        nightlyTaxes[key] = taxes.Select(t => t.Code).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                    }
                }
            }
        }

        // The booking channel: the reservation's primary Mews Source (sourceAssignments, 100 reservations a call, Mews'
        // limit) — read only when a rule of the property is limited to channels, since nothing else uses it.
        var channels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reservations.Count > 0 && await AnyChannelRuleAsync(property.Id, cancellationToken))
        {
            // A reservation's source is set when it is booked: the Mews ids seen in the last hour are not asked again,
            // so a refresh only asks for new reservations.
            var ids = new List<string>();
            foreach (var r in reservations)
            {
                if (cache.TryGetValue((nameof(MewsReservationReader), "source", r.Id), out string? known))
                {
                    channels[r.Id] = known ?? "";
                }
                else
                {
                    ids.Add(r.Id);
                }
            }
            if (ids.Count > 0)
            {
                var assignments = await ListAsync(mews.GetSourceAssignmentsAsync(new SourceAssignmentFilter
                {
                    EnterpriseIds = [enterprise],
                    ReservationIds = ids,
                }, cancellationToken), () => requests += (ids.Count + SourceAssignmentIdsPerCall - 1) / SourceAssignmentIdsPerCall, cancellationToken);
                var sourceOf = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var a in assignments.OrderBy(a => a.IsPrimary))
                {
                    if (a.ReservationId is { } reservation && a.SourceId is { } source)
                    {
                        sourceOf[reservation] = source;
                    }
                }
                foreach (var id in ids)
                {
                    var channel = sourceOf.TryGetValue(id, out var source) ? PropertyCodes.Code(codes.Channels, source) ?? "" : "";
                    channels[id] = channel;
                    cache.Set((nameof(MewsReservationReader), "source", id), channel, SourceMaxAge);
                }
            }
        }

        var list = reservations.Select(r => ToDesk(r, zone, codes, customers, memberships, rooms, nightly, nightlyTaxes, products) is { } desk
                ? desk with { Channel = channels.GetValueOrDefault(r.Id) is { Length: > 0 } channel ? channel : null, NoShow = r.CancellationReason == CancellationReason.NoShow }
                : null)
            .OfType<DeskReservation>()
            .OrderBy(r => r.Arrival).ThenBy(r => r.GuestName, StringComparer.CurrentCulture).ThenBy(r => r.Number, StringComparer.Ordinal)
            .ToList();
        return new DeskRead(list, requests, clock.GetUtcNow(), today, readiness);
    }

    /// <summary>
    /// Free rooms per room type code and night on [<paramref name="firstNight"/>, <paramref name="end"/>): Mews'
    /// UsableResources − Occupied from <c>services/getAvailability/2024-01-22</c> of the property's bookable services
    /// (after one <c>services/getAll</c>); at most 366 nights a call.
    /// </summary>
    public async Task<FreeRooms> ReadFreeRoomsAsync(Property property, DateOnly firstNight, DateOnly end, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (property.MewsEnterpriseId is not { } enterpriseId)
        {
            throw new InvalidOperationException($"Property {property.Code} is not linked to a Mews enterprise.");
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(property.TimeZone);
        var requests = 0;
        var services = await CachedAsync(("services", enterpriseId.ToString()), () =>
            ListAsync(mews.GetServicesAsync(new ServiceFilter { EnterpriseIds = [enterpriseId.ToString()] }, cancellationToken), () => requests++, cancellationToken));
        var roomTypes = await RoomTypeCodesAsync(property.Id, cancellationToken);
        var free = new Dictionary<(string RoomType, DateOnly Night), int>();
        foreach (var service in services.Where(s => s.IsBookableByDay))
        {
            for (var first = firstNight; first < end; first = first.AddDays(MaxNightsPerCall))
            {
                var last = first.AddDays(Math.Min(MaxNightsPerCall, end.DayNumber - first.DayNumber) - 1);
                requests++;
                var result = await mews.GetServiceAvailabilityAsync(new AvailabilityRequest
                {
                    ServiceId = service.Id,
                    FirstTimeUnitStartUtc = StartOfDay(first, zone),
                    LastTimeUnitStartUtc = StartOfDay(last, zone),
                    Metrics = [AvailabilityMetric.Occupied, AvailabilityMetric.UsableResources],
                }, cancellationToken);
                var units = result.TimeUnitStartsUtc ?? [];
                foreach (var category in result.ResourceCategoryAvailabilities ?? [])
                {
                    if (!Guid.TryParse(category.ResourceCategoryId, CultureInfo.InvariantCulture, out var id) || !roomTypes.TryGetValue(id, out var code))
                    {
                        continue;
                    }
                    var occupied = category.GetMetric(AvailabilityMetric.Occupied) ?? [];
                    var usable = category.GetMetric(AvailabilityMetric.UsableResources) ?? [];
                    for (var i = 0; i < units.Count && i < usable.Count; i++)
                    {
                        free[(code, LocalDate(units[i], zone))] = usable[i] - (i < occupied.Count ? occupied[i] : 0);
                    }
                }
            }
        }
        return new FreeRooms(free, requests, clock.GetUtcNow());
    }

    private const int MaxNightsPerCall = 366;

    /// <summary>How long an enterprise's pricing mode and services are reused: they change with the hotel's set-up, not
    /// with the day (the sync reads them too).</summary>
    public static readonly TimeSpan SetupMaxAge = TimeSpan.FromMinutes(10);

    /// <summary>How long a reservation's booking channel is reused (it is set when the reservation is made).</summary>
    public static readonly TimeSpan SourceMaxAge = TimeSpan.FromHours(1);

    private async Task<T> CachedAsync<T>((string Kind, string Enterprise) key, Func<Task<T>> load)
    {
        if (cache.TryGetValue((nameof(MewsReservationReader), key), out T? value) && value is not null)
        {
            return value;
        }
        value = await load();
        if (value is not null)
        {
            cache.Set((nameof(MewsReservationReader), key), value, SetupMaxAge);
        }
        return value!;
    }

    /// <summary>
    /// Every room of the enterprise with its Mews <c>State</c> (resources/getAll), its room type
    /// (resourceCategoryAssignments/getAll) and whether a checked-in guest holds it (reservations/getAll, state Started,
    /// colliding with now). Fills <paramref name="names"/> with every room's name.
    /// </summary>
    private async Task<RoomReadiness> RoomReadinessAsync(string enterprise, PropertyCodes codes, Dictionary<string, string> names, Action onRequest, CancellationToken ct)
    {
        var resources = await ListAsync(mews.GetResourcesAsync(new ResourceFilter { EnterpriseIds = [enterprise] }, ct), onRequest, ct);
        foreach (var room in resources)
        {
            names[room.Id] = room.Name ?? room.Id;
        }
        var typeOfRoom = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in codes.RoomTypes.Keys.Select(id => id.ToString()).Chunk(1000))
        {
            foreach (var a in await ListAsync(mews.GetResourceCategoryAssignmentsAsync(new ResourceCategoryAssignmentFilter
                { EnterpriseIds = [enterprise], ResourceCategoryIds = chunk }, ct), onRequest, ct))
            {
                if (a.IsActive && a.ResourceId is { } room && PropertyCodes.Code(codes.RoomTypes, a.CategoryId) is { } code)
                {
                    typeOfRoom[room] = code;
                }
            }
        }
        var now = clock.GetUtcNow();
        var held = (await ListAsync(mews.GetReservationsAsync(new ReservationFilter
            {
                EnterpriseIds = [enterprise],
                States = [ReservationState.Started],
                CollidingUtc = new TimeInterval(now, now.AddMinutes(1)),
            }, ct), onRequest, ct))
            .Select(r => r.AssignedResourceId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var rooms = resources
            .Where(r => r.IsActive && typeOfRoom.ContainsKey(r.Id))
            .Select(r => new RoomState(typeOfRoom[r.Id], r.Name ?? r.Id, r.State ?? ResourceState.Unknown, held.Contains(r.Id)))
            .ToList();
        return new RoomReadiness(rooms);
    }

    private async Task<Dictionary<Guid, string>> RoomTypeCodesAsync(int propertyId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ByMewsIdAsync(Codes(db.RoomTypes, propertyId), ct);
    }

    private static DeskReservation? ToDesk(Reservation r, TimeZoneInfo zone, PropertyCodes codes, Dictionary<string, Customer> customers,
        Dictionary<string, LoyaltyMembership> memberships, Dictionary<string, string> rooms, Dictionary<(string, DateOnly), decimal> nightly,
        Dictionary<(string, DateOnly), IReadOnlyList<string>> nightlyTaxes, Dictionary<string, HashSet<Guid>> products)
    {
        if (r.ScheduledStartUtc is not { } start || r.ScheduledEndUtc is not { } end)
        {
            return null;
        }
        var arrival = LocalDate(start, zone);
        var departure = LocalDate(end, zone);
        if (departure <= arrival)
        {
            departure = arrival.AddDays(1);
        }
        var customer = r.AccountId is { } id ? customers.GetValueOrDefault(id) : null;
        var membership = r.AccountId is { } account ? memberships.GetValueOrDefault(account) : null;
        var nights = Enumerable.Range(0, departure.DayNumber - arrival.DayNumber)
            .Select(i => arrival.AddDays(i))
            .Select(d => new DeskNight(d, nightly.TryGetValue((r.Id, d), out var amount) ? amount : null, nightlyTaxes.GetValueOrDefault((r.Id, d))))
            .ToList();
        return new DeskReservation(
            r.Id,
            r.Number ?? "",
            r.State ?? ReservationState.Unknown,
            GuestName(customer),
            r.AccountId,
            PropertyCodes.Code(codes.MembershipTypes, membership?.LoyaltyProgramId),
            PropertyCodes.Code(codes.MembershipLevels, membership?.LoyaltyTierId),
            arrival,
            departure,
            r.CreatedUtc is { } created ? LocalDate(created, zone) : arrival,
            PropertyCodes.Code(codes.RoomTypes, r.RequestedResourceCategoryId),
            r.AssignedResourceId,
            r.AssignedResourceId is { } room ? rooms.GetValueOrDefault(room) : null,
            PropertyCodes.Code(codes.RateCodes, r.RateId),
            PropertyCodes.Code(codes.Markets, r.BusinessSegmentId),
            nights,
            products.TryGetValue(r.Id, out var owned) ? owned : new HashSet<Guid>(),
            r.PersonCounts is { Count: > 0 } persons ? persons.Sum(p => p.Count) : null)
        {
            ServiceId = r.ServiceId,
            RequestedCategoryId = r.RequestedResourceCategoryId,
            Pricing = codes.Pricing,
        };
    }

    private static string GuestName(Customer? customer) => customer is null
        ? "(guest not found in Mews)"
        : string.Join(" ", new[] { customer.FirstName, customer.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name
            ? name
            : "(no name)";

    private static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Everything a getAll returns; <paramref name="onRequest"/> runs once for the call and once more per
    /// further page the gateway had to fetch (full pages of <see cref="ConnectorOptions.PageSize"/>).</summary>
    private async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> items, Action onRequest, CancellationToken ct)
    {
        var list = new List<T>();
        onRequest();
        await foreach (var item in items.WithCancellation(ct))
        {
            list.Add(item);
        }
        var pageSize = Math.Max(1, connector.Value.PageSize);
        for (var extra = list.Count / pageSize; extra > 0; extra--)
        {
            onRequest();
        }
        return list;
    }

    private async Task<bool> AnyChannelRuleAsync(int propertyId, CancellationToken ct)
    {
        var channelBit = UpsellRule.KindBit(RuleFilterKind.Channel);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UpsellRules.AsNoTracking().AnyAsync(r => r.PropertyId == propertyId && (r.FilterKinds & channelBit) != 0, ct);
    }

    private async Task<PropertyCodes> CodesAsync(int propertyId, PricingMode? pricing, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var levels = await ByMewsIdAsync(db.MembershipLevels.Where(x => db.MembershipTypes.Any(t => t.Id == x.MembershipTypeId && t.PropertyId == propertyId))
            .Select(x => new CodeRow(x.MewsId, x.Code)), ct);
        return new PropertyCodes(
            await ByMewsIdAsync(Codes(db.RoomTypes, propertyId), ct),
            await ByMewsIdAsync(Codes(db.RateCodes, propertyId), ct),
            await ByMewsIdAsync(Codes(db.Markets, propertyId), ct),
            await ByMewsIdAsync(Codes(db.MembershipTypes, propertyId), ct),
            levels,
            await ByMewsIdAsync(Codes(db.Channels, propertyId), ct),
            pricing);
    }

    private sealed record CodeRow(Guid? MewsId, string Code);

    /// <summary>A property's code list as (Mews id, code) rows.</summary>
    private static IQueryable<CodeRow> Codes<T>(IQueryable<T> items, int propertyId) where T : ReferenceItem =>
        items.Where(x => x.PropertyId == propertyId && x.MewsId != null).Select(x => new CodeRow(x.MewsId, x.Code));

    /// <summary>Code by Mews id (the first code where two items share an id).</summary>
    private static async Task<Dictionary<Guid, string>> ByMewsIdAsync(IQueryable<CodeRow> rows, CancellationToken ct) =>
        (await rows.AsNoTracking().ToListAsync(ct)).Where(r => r.MewsId is not null)
            .GroupBy(r => r.MewsId!.Value).ToDictionary(g => g.Key, g => g.First().Code);

    /// <summary>The property's synced codes by Mews id.</summary>
    private sealed record PropertyCodes(
        Dictionary<Guid, string> RoomTypes,
        Dictionary<Guid, string> RateCodes,
        Dictionary<Guid, string> Markets,
        Dictionary<Guid, string> MembershipTypes,
        Dictionary<Guid, string> MembershipLevels,
        Dictionary<Guid, string> Channels,
        PricingMode? Pricing)
    {
        public static string? Code(Dictionary<Guid, string> map, string? mewsId) =>
            Guid.TryParse(mewsId, CultureInfo.InvariantCulture, out var id) && map.TryGetValue(id, out var code) ? code : null;

        /// <summary>Gross for Gross enterprises, net for Net ones (what the hotel quotes, as the synced prices).</summary>
        public decimal? Amount(Amount? amount) => amount is null ? null
            : Pricing == PricingMode.Net ? amount.NetValue ?? amount.GrossValue : amount.GrossValue ?? amount.NetValue;
    }
}
