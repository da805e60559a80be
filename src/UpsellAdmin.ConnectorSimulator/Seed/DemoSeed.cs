using UpsellAdmin.ConnectorSimulator.Model;

namespace UpsellAdmin.ConnectorSimulator.Seed;

/// <summary>
/// Builds the demo chain: three enterprises (A: GBP/Europe/Budapest/Gross with the docs' sample ids, B:
/// EUR/Europe/Lisbon/Gross, C: USD/America/New_York/Net) with services, room types, rooms, rate groups and rates,
/// segments, products, accounting categories, reservations; chain-level customers and loyalty; global sources.
/// Same options, same data: ids derive from names, everything else from one seeded Random and date math.
/// </summary>
internal static partial class DemoSeed
{
    private const string En = "en-US";

    public static void Populate(SimulatorStore store, SimulatorOptions options, DateOnly today)
    {
        var random = new Random(options.Seed);
        var todayUtc = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var setupUtc = todayUtc.AddDays(-800).AddHours(11).AddMinutes(48).AddSeconds(57);
        var context = new SeedContext(store, random, today, todayUtc, setupUtc, options);

        SeedSources(context);
        var enterprises = new List<EnterpriseSeed>();
        foreach (var spec in EnterpriseSpecs)
        {
            enterprises.Add(SeedEnterprise(context, spec));
        }

        var customers = SeedCustomers(context, Math.Max(2, options.CustomerCount));
        foreach (var enterprise in enterprises)
        {
            SeedReservations(context, enterprise, customers, Math.Max(0, options.ReservationsPerEnterprise), Math.Max(1, options.ReservationHorizonDays));
        }

        SeedLoyalty(context, customers);

        // Everything below was added later and draws from its own Random, after all the above: the entities seeded
        // above stay exactly as they were for a given Seed and Today.
        var later = context with { Random = new Random(unchecked((options.Seed * 31) + 17)) };
        var scenarioArrival = SeedUpsellDesk(later, enterprises, customers);
        SeedFullNight(later, enterprises.Single(e => e.Enterprise.Id == DemoIds.EnterpriseA), scenarioArrival, customers);
        SeedBulkArrivals(later, enterprises, options.BulkArrivals);
        SeedCategoryAssignments(later);

        // Source assignments came later still and draw from a Random of their own: a reservation's source neither
        // depends on nor changes anything above.
        SeedSourceAssignments(context with { Random = new Random(unchecked((options.Seed * 53) + 29)) }, enterprises);

        // Exchange rates came last and draw from no Random at all.
        SeedExchangeRates(context);
    }

    private static Dictionary<string, string> Text(string value) => new(StringComparer.Ordinal) { [En] = value };

    private static Guid IdFor(string key, Guid? known = null) => known ?? DemoIds.Derive(key);

    /// <summary>A past instant between <paramref name="minDaysAgo"/> (at least 1) and <paramref name="maxDaysAgo"/> days before today.</summary>
    private static DateTimeOffset PastUtc(SeedContext c, int minDaysAgo, int maxDaysAgo)
    {
        var min = Math.Max(1, minDaysAgo);
        return c.TodayUtc.AddDays(-c.Random.Next(min, Math.Max(min, maxDaysAgo) + 1)).AddMinutes(c.Random.Next(0, 24 * 60)).AddSeconds(c.Random.Next(0, 60));
    }

    /// <summary>Config-style timestamps: created long ago, last updated within the last 120 days.</summary>
    private static (DateTimeOffset Created, DateTimeOffset Updated) ConfigStamps(SeedContext c, int index) =>
        (c.SetupUtc.AddMinutes(index * 7), PastUtc(c, 1, 120));

    private static void SeedSources(SeedContext c)
    {
        (string Name, string Type, Guid? Id)[] sources =
        [
            ("Booking.com", "OnlineTravelAgency", DemoIds.BookingComSource),
            ("Hostelworld", "OnlineTravelAgency", Guid.Parse("22e42a59-b321-43f8-a5d1-af1f00e1bb8b")),
            ("SynXis", "CentralReservationSystem", Guid.Parse("b5a55d41-bbc5-48d0-a01b-af1f00e1bb8b")),
            ("Expedia", "OnlineTravelAgency", null),
            ("Airbnb", "AlternativeDistributionSystem", null),
            ("Amadeus", "GlobalDistributionSystem", null),
            ("Sabre", "GlobalDistributionSystem", null),
            ("Mews Booking Engine", "OnlineBookingEngine", null),
            ("Front desk", "PropertyManagementSystem", null),
            ("Lobby kiosk", "Kiosk", null),
            ("Corporate travel agent", "Agent", null),
            ("TUI", "TourOperatorSystem", null),
        ];
        for (var i = 0; i < sources.Length; i++)
        {
            var (name, type, id) = sources[i];
            c.Store.Insert(c.Store.SourceTable, new Source
            {
                Id = IdFor("source/" + name, id),
                Name = name,
                Type = type,
                Code = i + 1,
                UpdatedUtc = PastUtc(c, 1, 200),
            }, static (e, s) => e with { Sequence = s });
        }
    }

    private sealed record SeedContext(SimulatorStore Store, Random Random, DateOnly Today, DateTimeOffset TodayUtc, DateTimeOffset SetupUtc, SimulatorOptions Options);

    /// <summary>What reservations need of a seeded enterprise.</summary>
    private sealed record EnterpriseSeed(
        Enterprise Enterprise,
        Service Accommodation,
        IReadOnlyList<ResourceCategory> Categories,
        IReadOnlyDictionary<Guid, List<Resource>> RoomsByCategory,
        IReadOnlyList<Rate> Rates,
        IReadOnlyList<BusinessSegment> Segments,
        AgeCategory Adult,
        AgeCategory Child);
}
