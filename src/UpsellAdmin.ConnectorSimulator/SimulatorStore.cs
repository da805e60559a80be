using UpsellAdmin.ConnectorSimulator.Model;
using UpsellAdmin.ConnectorSimulator.Seed;

namespace UpsellAdmin.ConnectorSimulator;

/// <summary>
/// The simulator's in-memory data: the seeded demo chain plus every write since. Thread-safe: operations run under
/// one lock; the public properties return snapshots for tests to inspect and count.
/// </summary>
public sealed class SimulatorStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, long> _sequenceById = [];
    private long _sequence;

    internal EntityTable<Enterprise> EnterpriseTable { get; } = new();
    internal EntityTable<Service> ServiceTable { get; } = new();
    internal EntityTable<AgeCategory> AgeCategoryTable { get; } = new();
    internal EntityTable<ResourceCategory> ResourceCategoryTable { get; } = new();
    internal EntityTable<Resource> ResourceTable { get; } = new();
    internal EntityTable<RateGroup> RateGroupTable { get; } = new();
    internal EntityTable<Rate> RateTable { get; } = new();
    internal EntityTable<BusinessSegment> BusinessSegmentTable { get; } = new();
    internal EntityTable<Source> SourceTable { get; } = new();
    internal EntityTable<AccountingCategory> AccountingCategoryTable { get; } = new();
    internal EntityTable<Product> ProductTable { get; } = new();
    internal EntityTable<Customer> CustomerTable { get; } = new();
    internal EntityTable<Reservation> ReservationTable { get; } = new();
    internal EntityTable<LoyaltyProgram> LoyaltyProgramTable { get; } = new();
    internal EntityTable<LoyaltyTier> LoyaltyTierTable { get; } = new();
    internal EntityTable<LoyaltyMembership> LoyaltyMembershipTable { get; } = new();
    internal EntityTable<Order> OrderTable { get; } = new();
    internal EntityTable<ResourceCategoryAssignment> ResourceCategoryAssignmentTable { get; } = new();
    internal EntityTable<SourceAssignment> SourceAssignmentTable { get; } = new();
    internal EntityTable<ExchangeRate> ExchangeRateTable { get; } = new();

    /// <summary>Creates a store seeded with the demo chain for the given options (seed, today, sizes).</summary>
    public SimulatorStore(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        // The demo's business day is enterprise A's (Europe/Budapest), the day its front desk sees: a UTC date would be
        // yesterday there from 23:00 UTC (24:00 in summer) on, and today's arrivals would look like tomorrow's.
        Today = options.Today ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.GetUtcNow(), DemoBusinessTimeZone).DateTime);
        Seed = options.Seed;
        DemoSeed.Populate(this, options, Today);
    }

    /// <summary>Enterprise A's time zone, whose date is the demo's business day when <see cref="SimulatorOptions.Today"/> is not set.</summary>
    public static readonly TimeZoneInfo DemoBusinessTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Budapest");

    /// <summary>The business date the data was seeded around.</summary>
    public DateOnly Today { get; }

    /// <summary>The seed the data was generated from.</summary>
    public int Seed { get; }

    internal TimeProvider TimeProvider { get; }

    internal DateTimeOffset UtcNow => TimeProvider.GetUtcNow();

    public IReadOnlyList<Enterprise> Enterprises => Snapshot(EnterpriseTable);
    public IReadOnlyList<Service> Services => Snapshot(ServiceTable);
    public IReadOnlyList<AgeCategory> AgeCategories => Snapshot(AgeCategoryTable);
    public IReadOnlyList<ResourceCategory> ResourceCategories => Snapshot(ResourceCategoryTable);
    public IReadOnlyList<Resource> Resources => Snapshot(ResourceTable);
    public IReadOnlyList<RateGroup> RateGroups => Snapshot(RateGroupTable);
    public IReadOnlyList<Rate> Rates => Snapshot(RateTable);
    public IReadOnlyList<BusinessSegment> BusinessSegments => Snapshot(BusinessSegmentTable);
    public IReadOnlyList<Source> Sources => Snapshot(SourceTable);
    public IReadOnlyList<AccountingCategory> AccountingCategories => Snapshot(AccountingCategoryTable);
    public IReadOnlyList<Product> Products => Snapshot(ProductTable);
    public IReadOnlyList<Customer> Customers => Snapshot(CustomerTable);
    public IReadOnlyList<Reservation> Reservations => Snapshot(ReservationTable);
    public IReadOnlyList<LoyaltyProgram> LoyaltyPrograms => Snapshot(LoyaltyProgramTable);
    public IReadOnlyList<LoyaltyTier> LoyaltyTiers => Snapshot(LoyaltyTierTable);
    public IReadOnlyList<LoyaltyMembership> LoyaltyMemberships => Snapshot(LoyaltyMembershipTable);

    public IReadOnlyList<ResourceCategoryAssignment> ResourceCategoryAssignments => Snapshot(ResourceCategoryAssignmentTable);

    /// <summary>Which source (booking channel) each reservation came through: one primary assignment per seeded reservation.</summary>
    public IReadOnlyList<SourceAssignment> SourceAssignments => Snapshot(SourceAssignmentTable);

    /// <summary>The enterprises' exchange rates (<c>exchangeRates/getAll</c>).</summary>
    public IReadOnlyList<ExchangeRate> ExchangeRates => Snapshot(ExchangeRateTable);

    /// <summary>
    /// The seeded "no free room on one night" case of enterprise A (see the README's seed table), or null when the seed
    /// could not place it (no room type above the arrival's had free rooms on the first two nights).
    /// </summary>
    public FullNightScenario? FullNight { get; internal set; }

    /// <summary>Orders posted by orders/add and items posted by reservations/addProduct (one Order each).</summary>
    public IReadOnlyList<Order> Orders => Snapshot(OrderTable);

    /// <summary>Runs <paramref name="action"/> under the store lock.</summary>
    internal T Locked<T>(Func<T> action)
    {
        using (_gate.EnterScope())
        {
            return action();
        }
    }

    /// <summary>Next creation sequence number (call under the lock or while seeding).</summary>
    internal long NextSequence() => ++_sequence;

    /// <summary>Adds an entity, giving it the next sequence number (newest). Call under the lock.</summary>
    internal T Insert<T>(EntityTable<T> table, T entity, Func<T, long, T> withSequence)
        where T : class, IStoreEntity
    {
        var stored = withSequence(entity, NextSequence());
        table.Set(stored);
        _sequenceById[stored.Id] = stored.Sequence;
        return stored;
    }

    /// <summary>Adds an order and makes its items addressable as paging cursors (items sort by order, then position).</summary>
    internal Order InsertOrder(Order order)
    {
        var stored = Insert(OrderTable, order, static (x, s) => x with { Sequence = s });
        for (var i = 0; i < stored.Items.Count; i++)
        {
            _sequenceById[stored.Items[i].Id] = OrderItemSequence(stored, i);
        }

        return stored;
    }

    internal static long OrderItemSequence(Order order, int index) => (order.Sequence * 10_000) + index;

    /// <summary>Makes a computed item (a reservation's SpaceOrder night) addressable as a paging cursor. Call under the lock.</summary>
    internal void RegisterSequence(Guid id, long sequence) => _sequenceById[id] = sequence;

    /// <summary>The creation sequence of any entity ever stored (cursor look-up), or null.</summary>
    internal long? SequenceOf(Guid id) => _sequenceById.TryGetValue(id, out var seq) ? seq : null;

    private IReadOnlyList<T> Snapshot<T>(EntityTable<T> table)
        where T : class, IStoreEntity => Locked(() => table.All.OrderBy(e => e.Sequence).ToList());
}

/// <summary>
/// Seed facts for the upsell desk: <see cref="ReservationId"/> (guest <see cref="CustomerId"/>, an Enrolled loyalty
/// member) arrives today in <see cref="FromCategoryId"/> for three nights; <see cref="FullCategoryId"/>, a room type
/// above it, has free rooms (UsableResources − Occupied ≥ 1) on the first two nights and none on
/// <see cref="FullNight"/> (the third night, Today + 2).
/// </summary>
public sealed record FullNightScenario(
    Guid EnterpriseId,
    Guid ReservationId,
    Guid CustomerId,
    Guid FromCategoryId,
    Guid FullCategoryId,
    DateOnly FullNight);

/// <summary>One kind of entity by id. Not thread-safe by itself: used under the store lock.</summary>
internal sealed class EntityTable<T>
    where T : class, IStoreEntity
{
    private readonly Dictionary<Guid, T> _byId = [];

    public IEnumerable<T> All => _byId.Values;

    public int Count => _byId.Count;

    public T? Find(Guid id) => _byId.GetValueOrDefault(id);

    public T? Find(Guid? id) => id is { } value ? Find(value) : null;

    public void Set(T entity) => _byId[entity.Id] = entity;
}
