using System.Globalization;
using UpsellAdmin.ConnectorSimulator.Model;
using UpsellAdmin.ConnectorSimulator.Operations;

namespace UpsellAdmin.ConnectorSimulator.Seed;

// The upsell desk's data: today's arrivals with real guests, one room type full on exactly one night of a seeded
// arrival's stay, the benchmark's bulk arrivals, and the rooms' category assignments. Seeded after everything else
// with its own Random, so the older entities do not change.
internal static partial class DemoSeed
{
    /// <summary>Today's extra arrivals per enterprise (A, B, C), on top of the few the future reservations put on today.</summary>
    private static int DeskArrivals(Guid enterpriseId) => enterpriseId == DemoIds.EnterpriseA ? 16 : 12;

    /// <summary>
    /// Adds today's arrivals of each enterprise: mostly Confirmed, some already checked in (Started, with a room), one
    /// Optional, one Canceled; guests alternate between Enrolled loyalty members and others. Returns enterprise A's
    /// first arrival (an Enrolled member in the lowest room type, three nights), the full-night case's stay.
    /// </summary>
    private static Reservation SeedUpsellDesk(SeedContext c, List<EnterpriseSeed> enterprises, List<Customer> customers)
    {
        var enrolled = c.Store.LoyaltyMembershipTable.All
            .Where(m => m.State == "Enrolled" && m.LoyaltyTierId is not null)
            .Select(m => m.AccountId)
            .ToHashSet();
        var guests = customers.Where(x => x.IsActive && x.Id != DemoIds.JohnSmith && x.Id != DemoIds.JaneDoe).ToList();
        var members = guests.Where(g => enrolled.Contains(g.Id)).ToList();
        var others = guests.Where(g => !enrolled.Contains(g.Id)).ToList();
        Reservation? scenario = null;
        foreach (var seed in enterprises)
        {
            var e = seed.Enterprise;
            var count = DeskArrivals(e.Id);
            var categories = seed.Categories.Where(x => x.IsActive && seed.RoomsByCategory[x.Id].Count > 0).OrderBy(x => x.Ordering).ToList();
            var rates = seed.Rates.Where(r => r.IsActive).ToList();
            var memberStart = c.Random.Next(members.Count);
            var otherStart = c.Random.Next(others.Count);
            var list = new List<Reservation>();
            for (var i = 0; i < count; i++)
            {
                var guest = i % 2 == 0 ? members[(memberStart + (i / 2)) % members.Count] : others[(otherStart + (i / 2)) % others.Count];
                var state = i == count - 1 ? "Canceled" : i == count - 2 ? "Optional" : i % 4 == 3 ? "Started" : "Confirmed";
                var category = i == 0 ? categories[0] : categories[Math.Min(categories.Count - 1, (int)Math.Floor(Math.Pow(c.Random.NextDouble(), 1.6) * categories.Count))];
                var rate = i == 0 ? rates.First(r => r.IsBaseRate) : rates[c.Random.Next(rates.Count)];
                var nights = i == 0 ? 3 : 1 + c.Random.Next(0, 5);
                var reservation = NewReservation(c, seed, $"desk/{i}", 500 + i, guest, category, rate, c.Today, nights, state, adults: i == 0 ? 2 : 1 + c.Random.Next(0, 2));
                if (state == "Started")
                {
                    reservation = reservation with { AssignedResourceId = FreeRoom(c.Store, seed, category, c.Today, list) };
                }

                list.Add(reservation);
            }

            foreach (var reservation in list)
            {
                c.Store.Insert(c.Store.ReservationTable, reservation, static (x, s) => x with { Sequence = s });
            }

            if (e.Id == DemoIds.EnterpriseA)
            {
                scenario = c.Store.ReservationTable.Find(list[0].Id);
            }
        }

        return scenario!;
    }

    /// <summary>
    /// Makes a dearer room type above the scenario stay's full on its third night and only then: the first one (by Ordering)
    /// with a free room on the first two nights gets one-night Confirmed stays on the third until UsableResources −
    /// Occupied is 0. Records the case in <see cref="SimulatorStore.FullNight"/>.
    /// </summary>
    private static void SeedFullNight(SeedContext c, EnterpriseSeed seed, Reservation stay, List<Customer> customers)
    {
        var store = c.Store;
        var e = seed.Enterprise;
        var from = store.ResourceCategoryTable.Find(stay.RequestedResourceCategoryId)!;
        var nights = TimeUnits.Nights(e, stay).ToList();
        var units = nights.Select(d => new TimeUnits.Unit(d, TimeUnits.StartOf(e, d))).ToList();
        var fullNight = nights[2];
        int Free(IReadOnlyDictionary<string, int> m) => m["UsableResources"] - m["Occupied"] + Math.Min(0, m["PublicAvailabilityAdjustment"]);

        var candidates = ServiceOperations.Compute(store, e, seed.Accommodation, units)
            .Where(x => x.Category.Ordering > from.Ordering && x.Category.PriceFactor > from.PriceFactor && seed.RoomsByCategory[x.Category.Id].Count > 0)
            .Where(x => Free(x.PerUnit[0]) >= 1 && Free(x.PerUnit[1]) >= 1)
            .Select(x => x.Category)
            .ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var target = candidates[0];
        var guests = customers.Where(x => x.IsActive && x.Id != DemoIds.JohnSmith && x.Id != DemoIds.JaneDoe).ToList();
        var rates = seed.Rates.Where(r => r.IsActive).ToList();
        var lastUnit = new[] { units[2] };
        for (var i = 0; i < 200; i++)
        {
            var metrics = ServiceOperations.Compute(store, e, seed.Accommodation, lastUnit).Single(x => x.Category.Id == target.Id).PerUnit[0];
            if (metrics["UsableResources"] - metrics["Occupied"] <= 0)
            {
                break;
            }

            var filler = NewReservation(c, seed, $"full-night/{i}", 600 + i, guests[c.Random.Next(guests.Count)], target, rates[c.Random.Next(rates.Count)], fullNight, 1, "Confirmed", adults: 2)
                with { GroupId = DemoIds.Derive($"{e.Id}/reservation-group/full-night") };
            store.Insert(store.ReservationTable, filler, static (x, s) => x with { Sequence = s });
        }

        store.FullNight = new FullNightScenario(e.Id, stay.Id, stay.AccountId, from.Id, target.Id, fullNight);
    }

    /// <summary><see cref="SimulatorOptions.BulkArrivals"/>: Count arrivals on one date, each with its own new customer.</summary>
    private static void SeedBulkArrivals(SeedContext c, List<EnterpriseSeed> enterprises, BulkArrivalsOptions? bulk)
    {
        if (bulk is null || bulk.Count <= 0)
        {
            return;
        }

        var enterpriseId = bulk.EnterpriseId ?? DemoIds.EnterpriseA;
        var seed = enterprises.FirstOrDefault(x => x.Enterprise.Id == enterpriseId)
            ?? throw new InvalidOperationException($"BulkArrivals.EnterpriseId {enterpriseId} is not a seeded enterprise.");
        var e = seed.Enterprise;
        var date = bulk.Date ?? c.Today;
        var categories = seed.Categories.Where(x => x.IsActive && seed.RoomsByCategory[x.Id].Count > 0).OrderBy(x => x.Ordering).ToList();
        var rates = seed.Rates.Where(r => r.IsActive).ToList();
        var profile = DemoIds.Derive("profile/connector");
        for (var i = 0; i < bulk.Count; i++)
        {
            var male = c.Random.NextDouble() < 0.5;
            var first = male ? MaleNames[c.Random.Next(MaleNames.Length)] : FemaleNames[c.Random.Next(FemaleNames.Length)];
            var last = LastNames[c.Random.Next(LastNames.Length)];
            var customer = c.Store.Insert(c.Store.CustomerTable, new Customer
            {
                Id = DemoIds.Derive($"{e.Id}/bulk-customer/{date:yyyy-MM-dd}/{i}"),
                ChainId = e.ChainId,
                Number = (900000 + i).ToString(CultureInfo.InvariantCulture),
                Title = male ? "Mister" : "Miss",
                Sex = male ? "Male" : "Female",
                FirstName = first,
                LastName = last,
                NationalityCode = Nationalities[c.Random.Next(Nationalities.Length)],
                Email = $"{Ascii(first + "." + last).ToLowerInvariant()}.bulk{i}@example.com",
                CreatedUtc = PastUtc(c, 1, 400),
                UpdatedUtc = PastUtc(c, 1, 30),
                CreatorProfileId = profile,
                UpdaterProfileId = profile,
            }, static (x, s) => x with { Sequence = s });
            if (c.Random.NextDouble() < 0.3)
            {
                c.Store.Insert(c.Store.LoyaltyMembershipTable, new LoyaltyMembership
                {
                    Id = DemoIds.Derive($"loyalty/membership/bulk/{customer.Id}"),
                    ChainId = e.ChainId,
                    AccountId = customer.Id,
                    LoyaltyProgramId = DemoIds.PlatinumClub,
                    State = "Enrolled",
                    IsPrimary = true,
                    MembershipNumber = $"PCB-{i:D6}",
                    Points = c.Random.Next(0, 25000),
                    LoyaltyTierId = c.Random.NextDouble() < 0.3 ? DemoIds.PlatinumTier : DemoIds.SilverTier,
                    CreatedUtc = customer.CreatedUtc,
                    UpdatedUtc = customer.UpdatedUtc,
                }, static (x, s) => x with { Sequence = s });
            }

            var roll = c.Random.NextDouble();
            var state = roll < 0.9 ? "Confirmed" : roll < 0.95 ? "Optional" : "Canceled";
            var category = categories[Math.Min(categories.Count - 1, (int)Math.Floor(Math.Pow(c.Random.NextDouble(), 1.6) * categories.Count))];
            var reservation = NewReservation(c, seed, $"bulk/{date:yyyy-MM-dd}/{i}", 10000 + i, customer, category, rates[c.Random.Next(rates.Count)], date, 1 + c.Random.Next(0, 5), state, adults: 1 + c.Random.Next(0, 2));
            c.Store.Insert(c.Store.ReservationTable, reservation, static (x, s) => x with { Sequence = s });
        }
    }

    /// <summary>One resourceCategoryAssignments entry per room (§2.6), in room order.</summary>
    private static void SeedCategoryAssignments(SeedContext c)
    {
        foreach (var room in c.Store.ResourceTable.All.OrderBy(r => r.Sequence).ToList())
        {
            c.Store.Insert(c.Store.ResourceCategoryAssignmentTable, new ResourceCategoryAssignment
            {
                Id = DemoIds.Derive($"{room.Id}/category-assignment"),
                EnterpriseId = room.EnterpriseId,
                ResourceId = room.Id,
                CategoryId = room.CategoryId,
                IsActive = room.IsActive,
                CreatedUtc = room.CreatedUtc,
                UpdatedUtc = room.CreatedUtc,
            }, static (x, s) => x with { Sequence = s });
        }
    }

    /// <summary>An active room of <paramref name="category"/> that no in-house stay holds tonight, Inspected or Clean first.</summary>
    private static Guid? FreeRoom(SimulatorStore store, EnterpriseSeed seed, ResourceCategory category, DateOnly night, IReadOnlyList<Reservation> pending)
    {
        var e = seed.Enterprise;
        var taken = store.ReservationTable.All.Concat(pending)
            .Where(r => r.EnterpriseId == e.Id && r.State == "Started" && r.AssignedResourceId is not null && TimeUnits.Nights(e, r).Contains(night))
            .Select(r => r.AssignedResourceId!.Value)
            .ToHashSet();
        return seed.RoomsByCategory[category.Id]
            .Where(r => r.IsActive && r.State is not ("OutOfOrder" or "OutOfService") && !taken.Contains(r.Id))
            .OrderBy(r => r.State switch { "Inspected" => 0, "Clean" => 1, _ => 2 })
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => (Guid?)r.Id)
            .FirstOrDefault();
    }

    /// <summary>A reservation of the later seeds (desk, full night, bulk): checked in at 14:00 local when Started.</summary>
    private static Reservation NewReservation(SeedContext c, EnterpriseSeed seed, string key, int number, Customer guest, ResourceCategory category, Rate rate, DateOnly arrival, int nights, string state, int adults)
    {
        var e = seed.Enterprise;
        var originRoll = c.Random.NextDouble();
        var origin = originRoll < 0.25 ? "Distributor" : originRoll < 0.6 ? "ChannelManager" : originRoll < 0.85 ? "Commander" : "Connector";
        var arrivalUtc = LocalToUtc(e, arrival, 15);
        var createdUtc = c.TodayUtc.AddDays(-c.Random.Next(1, 120)).AddMinutes(c.Random.Next(0, 24 * 60));
        var updatedUtc = createdUtc.AddHours(c.Random.Next(0, 48));
        if (updatedUtc > c.TodayUtc)
        {
            updatedUtc = c.TodayUtc.AddHours(-1);
        }

        var started = state is "Started" or "Processed";
        var canceled = state == "Canceled";
        var profile = DemoIds.Derive("profile/connector");
        var activeSegments = seed.Segments.Where(s => s.IsActive).ToList();
        return new Reservation
        {
            Id = DemoIds.Derive($"{e.Id}/reservation/{key}"),
            EnterpriseId = e.Id,
            ServiceId = seed.Accommodation.Id,
            AccountId = guest.Id,
            CreatorProfileId = profile,
            UpdaterProfileId = profile,
            BookerId = guest.Id,
            Number = number.ToString(CultureInfo.InvariantCulture),
            State = state,
            Origin = origin,
            CommanderOrigin = origin == "Commander" ? "Phone" : null,
            CreatedUtc = createdUtc,
            UpdatedUtc = updatedUtc,
            CancelledUtc = canceled ? updatedUtc : null,
            CancellationReason = canceled ? "RequestedByGuest" : null,
            BusinessSegmentId = rate.BusinessSegmentId ?? activeSegments[c.Random.Next(activeSegments.Count)].Id,
            Options = new ReservationOptions(started, started, started, false),
            RateId = rate.Id,
            GroupId = DemoIds.Derive($"{e.Id}/reservation-group/{key}"),
            RequestedResourceCategoryId = category.Id,
            ChannelNumber = origin == "ChannelManager" ? "BDC-" + c.Random.Next(100000000, 999999999).ToString(CultureInfo.InvariantCulture) : null,
            ChannelManagerNumber = origin == "ChannelManager" ? "CM" + c.Random.Next(100000, 999999).ToString(CultureInfo.InvariantCulture) : null,
            ScheduledStartUtc = arrivalUtc,
            ScheduledEndUtc = LocalToUtc(e, arrival.AddDays(nights), 12),
            ActualStartUtc = started ? LocalToUtc(e, arrival, 14) : null,
            Purpose = e.IsBusinessHotel ? "Business" : "Leisure",
            PersonCounts = [new PersonCount(seed.Adult.Id, Math.Max(1, Math.Min(category.Capacity, adults)))],
        };
    }
}
