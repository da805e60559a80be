using System.Globalization;
using UpsellAdmin.ConnectorSimulator.Model;

namespace UpsellAdmin.ConnectorSimulator.Seed;

internal static partial class DemoSeed
{
    private static readonly string[] MaleNames = ["James", "Oliver", "Lukas", "Mateo", "Jan", "Pedro", "Michael", "David", "Thomas", "Daniel", "Marco", "Henrik", "Pavel", "Joao", "William", "Noah", "Ethan", "Samuel", "Felix", "Hugo"];
    private static readonly string[] FemaleNames = ["Emma", "Olivia", "Sofia", "Anna", "Marie", "Ines", "Laura", "Charlotte", "Eva", "Beatriz", "Hannah", "Chloe", "Lucia", "Tereza", "Amelia", "Isabel", "Grace", "Mia", "Clara", "Julia"];
    private static readonly string[] LastNames = ["Brown", "Taylor", "Novak", "Silva", "Santos", "Müller", "Dvořák", "Garcia", "Wilson", "Johnson", "Williams", "Martin", "Bernard", "Rossi", "Costa", "Ferreira", "Horvat", "Kowalski", "Andersen", "Lefebvre", "Evans", "Walker", "Moore", "Clark", "Lopez", "Nielsen", "Fischer", "Weber", "Kovacs", "Svoboda"];
    private static readonly string[] Nationalities = ["GB", "US", "DE", "CZ", "PT", "FR", "ES", "IT", "NL", "DK", "PL", "HU", "BR", "CA"];

    private static List<Customer> SeedCustomers(SeedContext c, int count)
    {
        var created = new List<Customer>
        {
            new()
            {
                Id = DemoIds.JohnSmith,
                ChainId = DemoIds.Chain,
                Number = "12345",
                Title = "Mister",
                Sex = "Male",
                FirstName = "John",
                LastName = "Smith",
                NationalityCode = "GB",
                PreferredLanguageCode = "en-GB",
                LanguageCode = "en-GB",
                BirthDate = "1983-12-31",
                BirthPlace = "Bristol",
                Occupation = "Carpenter",
                Email = "j.smith@example.com",
                Phone = "+44 20 7946 0018",
                LoyaltyCode = "LL810213",
                AccountingCode = "AC123",
                Notes = "Prefers a quiet room.",
                CarRegistrationNumber = "1A23456",
                CreatedUtc = c.TodayUtc.AddDays(-1100).AddHours(9),
                UpdatedUtc = c.TodayUtc.AddDays(-20).AddHours(10),
                Classifications = ["Returning", "VeryImportant"],
                Options = ["SendMarketingEmails"],
                PreferredSpaceFeatures = ["QuietRoom"],
                CreatorProfileId = DemoIds.Derive("profile/connector"),
                UpdaterProfileId = DemoIds.Derive("profile/connector"),
            },
            new()
            {
                Id = DemoIds.JaneDoe,
                ChainId = DemoIds.Chain,
                Number = "12346",
                Title = "Miss",
                Sex = "Female",
                FirstName = "Jane",
                LastName = "Doe",
                NationalityCode = "US",
                PreferredLanguageCode = "en-US",
                LanguageCode = "en-US",
                BirthDate = "1990-06-15",
                Email = "jane.doe@example.com",
                Phone = "+1 202 555 0143",
                CreatedUtc = c.TodayUtc.AddDays(-400).AddHours(14),
                UpdatedUtc = c.TodayUtc.AddDays(-10).AddHours(8),
                Classifications = ["Returning"],
                CreatorProfileId = DemoIds.Derive("profile/connector"),
                UpdaterProfileId = DemoIds.Derive("profile/connector"),
            },
        };

        for (var i = 2; i < count; i++)
        {
            var male = c.Random.NextDouble() < 0.5;
            var first = male ? MaleNames[c.Random.Next(MaleNames.Length)] : FemaleNames[c.Random.Next(FemaleNames.Length)];
            var last = LastNames[c.Random.Next(LastNames.Length)];
            var createdUtc = PastUtc(c, 1, 1500);
            var daysSinceCreated = (int)(c.TodayUtc - createdUtc).TotalDays;
            var updatedUtc = c.Random.NextDouble() < 0.35
                ? PastUtc(c, 1, Math.Max(1, Math.Min(85, daysSinceCreated)))
                : createdUtc.AddDays(c.Random.Next(0, Math.Max(1, daysSinceCreated)));
            if (updatedUtc < createdUtc)
            {
                updatedUtc = createdUtc;
            }

            var classifications = new List<string>();
            var roll = c.Random.NextDouble();
            if (roll < 0.07)
            {
                classifications.Add("VeryImportant");
            }
            else if (roll < 0.18)
            {
                classifications.Add("Important");
            }

            if (c.Random.NextDouble() < 0.35)
            {
                classifications.Add("Returning");
            }

            var inactive = i % 67 == 0;
            var ascii = Ascii(first + "." + last).ToLowerInvariant();
            created.Add(new Customer
            {
                Id = DemoIds.Derive($"customer/{i}"),
                ChainId = DemoIds.Chain,
                Number = (12345 + i).ToString(CultureInfo.InvariantCulture),
                Title = male ? "Mister" : c.Random.NextDouble() < 0.5 ? "Miss" : "Misses",
                Sex = male ? "Male" : "Female",
                FirstName = first,
                LastName = last,
                NationalityCode = Nationalities[c.Random.Next(Nationalities.Length)],
                PreferredLanguageCode = "en-US",
                LanguageCode = "en-US",
                BirthDate = new DateOnly(1950 + c.Random.Next(0, 53), 1 + c.Random.Next(0, 12), 1 + c.Random.Next(0, 28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Email = $"{ascii}{i}@example.com",
                HasOtaEmail = c.Random.NextDouble() < 0.1,
                Phone = "+1 555 01" + i.ToString("D2", CultureInfo.InvariantCulture),
                LoyaltyCode = c.Random.NextDouble() < 0.3 ? "LL" + c.Random.Next(100000, 999999).ToString(CultureInfo.InvariantCulture) : null,
                CreatedUtc = createdUtc,
                UpdatedUtc = updatedUtc,
                Classifications = classifications,
                Options = c.Random.NextDouble() < 0.4 ? ["SendMarketingEmails"] : [],
                IsActive = !inactive,
                DeletedUtc = inactive ? updatedUtc : null,
                CreatorProfileId = DemoIds.Derive("profile/connector"),
                UpdaterProfileId = DemoIds.Derive("profile/connector"),
            });
        }

        return created
            .OrderBy(x => x.CreatedUtc)
            .Select(x => c.Store.Insert(c.Store.CustomerTable, x, static (e, s) => e with { Sequence = s }))
            .ToList();
    }

    private static string Ascii(string text)
    {
        var normalized = text.Normalize(System.Text.NormalizationForm.FormD);
        return new string(normalized.Where(ch => ch < 128).ToArray());
    }

    private static DateTimeOffset LocalToUtc(Enterprise enterprise, DateOnly date, int hour, int minute = 0)
    {
        var local = date.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified);
        var tz = enterprise.TimeZone;
        return new DateTimeOffset(local, tz.GetUtcOffset(local)).ToUniversalTime();
    }

    private static void SeedReservations(SeedContext c, EnterpriseSeed seed, List<Customer> customers, int futureCount, int horizonDays)
    {
        var e = seed.Enterprise;
        var activeCategories = seed.Categories.Where(x => x.IsActive && seed.RoomsByCategory[x.Id].Count > 0).ToList();
        var activeRates = seed.Rates.Where(r => r.IsActive).ToList();
        var activeSegments = seed.Segments.Where(s => s.IsActive).ToList();
        var guests = customers.Where(x => x.IsActive && x.Id != DemoIds.JohnSmith && x.Id != DemoIds.JaneDoe).ToList();
        var list = new List<Reservation>();
        var number = 100;
        var roomPointer = activeCategories.ToDictionary(x => x.Id, _ => 0);
        var isA = e.Id == DemoIds.EnterpriseA;

        Reservation Make(string kind, int index, DateOnly arrival, int nights, string state, Customer guest, ResourceCategory? forcedCategory = null, Rate? forcedRate = null)
        {
            // Lower categories are booked more often.
            var category = forcedCategory ?? activeCategories[Math.Min(activeCategories.Count - 1, (int)Math.Floor(Math.Pow(c.Random.NextDouble(), 1.8) * activeCategories.Count))];
            var rate = forcedRate ?? activeRates[c.Random.Next(activeRates.Count)];
            var segment = rate.BusinessSegmentId ?? activeSegments[c.Random.Next(activeSegments.Count)].Id;
            var originRoll = c.Random.NextDouble();
            var origin = originRoll < 0.25 ? "Distributor" : originRoll < 0.6 ? "ChannelManager" : originRoll < 0.85 ? "Commander" : originRoll < 0.95 ? "Connector" : "Navigator";
            string[] commanderOrigins = ["InPerson", "Phone", "Email", "Website", "CallCenter"];
            var adults = Math.Max(1, Math.Min(category.Capacity, 1 + c.Random.Next(0, 2)));
            var children = category.Capacity > 2 && c.Random.NextDouble() < 0.35 ? 1 : 0;
            var leadDays = Math.Max(1, c.Random.Next(1, 150));
            var arrivalUtc = LocalToUtc(e, arrival, 15);
            var createdUtc = arrivalUtc.AddDays(-leadDays);
            if (createdUtc > c.TodayUtc)
            {
                createdUtc = PastUtc(c, 1, 30);
            }

            var updatedUtc = createdUtc.AddHours(c.Random.Next(0, 72));
            if (updatedUtc > c.TodayUtc)
            {
                updatedUtc = c.TodayUtc.AddHours(-1);
            }

            Guid? room = null;
            if (state is "Started" or "Processed")
            {
                var rooms = seed.RoomsByCategory[category.Id];
                room = rooms[roomPointer[category.Id]++ % rooms.Count].Id;
            }

            var canceled = state == "Canceled";
            return new Reservation
            {
                Id = DemoIds.Derive($"{e.Id}/reservation/{kind}/{index}"),
                EnterpriseId = e.Id,
                ServiceId = seed.Accommodation.Id,
                AccountId = guest.Id,
                CreatorProfileId = DemoIds.Derive("profile/connector"),
                UpdaterProfileId = DemoIds.Derive("profile/connector"),
                BookerId = guest.Id,
                Number = (number++).ToString(CultureInfo.InvariantCulture),
                State = state,
                Origin = origin,
                CommanderOrigin = origin == "Commander" ? commanderOrigins[c.Random.Next(commanderOrigins.Length)] : null,
                CreatedUtc = createdUtc,
                UpdatedUtc = updatedUtc,
                CancelledUtc = canceled ? updatedUtc : null,
                CancellationReason = canceled ? "RequestedByGuest" : null,
                BusinessSegmentId = segment,
                Options = new ReservationOptions(state is "Started" or "Processed", state is "Started" or "Processed", state is "Started" or "Processed", false),
                RateId = rate.Id,
                GroupId = DemoIds.Derive($"{e.Id}/reservation-group/{kind}/{index}"),
                RequestedResourceCategoryId = category.Id,
                AssignedResourceId = room,
                ChannelNumber = origin == "ChannelManager" ? "BDC-" + c.Random.Next(100000000, 999999999).ToString(CultureInfo.InvariantCulture) : null,
                ChannelManagerNumber = origin == "ChannelManager" ? "CM" + c.Random.Next(100000, 999999).ToString(CultureInfo.InvariantCulture) : null,
                ScheduledStartUtc = arrivalUtc,
                ScheduledEndUtc = LocalToUtc(e, arrival.AddDays(nights), 12),
                ActualStartUtc = state is "Started" or "Processed" ? LocalToUtc(e, arrival, 15, 30) : null,
                ActualEndUtc = state == "Processed" ? LocalToUtc(e, arrival.AddDays(nights), 11, 15) : null,
                Purpose = e.IsBusinessHotel && c.Random.NextDouble() < 0.6 ? "Business" : "Leisure",
                PersonCounts = children > 0
                    ? [new PersonCount(seed.Adult.Id, adults), new PersonCount(seed.Child.Id, children)]
                    : [new PersonCount(seed.Adult.Id, adults)],
            };
        }

        int Nights() => c.Random.NextDouble() switch
        {
            < 0.25 => 1,
            < 0.55 => 2,
            < 0.75 => 3,
            < 0.87 => 4,
            < 0.95 => 5,
            _ => 7,
        };

        for (var i = 0; i < futureCount; i++)
        {
            var arrival = c.Today.AddDays(c.Random.Next(0, horizonDays));
            var roll = c.Random.NextDouble();
            var state = roll < 0.85 ? "Confirmed" : roll < 0.93 ? "Optional" : "Canceled";
            list.Add(Make("future", i, arrival, Nights(), state, guests[c.Random.Next(guests.Count)]));
        }

        for (var i = 0; i < 12; i++)
        {
            var arrival = c.Today.AddDays(-c.Random.Next(1, 5));
            var nights = (c.Today.DayNumber - arrival.DayNumber) + c.Random.Next(1, 4);
            list.Add(Make("in-house", i, arrival, nights, "Started", guests[c.Random.Next(guests.Count)]));
        }

        for (var i = 0; i < 15; i++)
        {
            var nights = c.Random.Next(1, 5);
            var arrival = c.Today.AddDays(-c.Random.Next(nights, 40));
            list.Add(Make("departed", i, arrival, nights, "Processed", guests[c.Random.Next(guests.Count)]));
        }

        if (isA)
        {
            var standardDouble = seed.Categories.Single(x => x.Id == DemoIds.StandardDoubleA);
            var superiorDouble = seed.Categories.Single(x => x.Id == DemoIds.SuperiorDoubleA);
            var ff = seed.Rates.Single(r => r.Id == DemoIds.FullyFlexibleRateA);
            var bar = seed.Rates.Single(r => r.ShortName == "BAR");
            var john = customers.Single(x => x.Id == DemoIds.JohnSmith);
            var jane = customers.Single(x => x.Id == DemoIds.JaneDoe);
            var r52 = Make("special", 52, c.Today.AddDays(-1), 3, "Started", john, standardDouble, ff) with
            {
                Id = DemoIds.Reservation52,
                Number = "52",
                Origin = "Connector",
                CommanderOrigin = null,
                ChannelNumber = "TW48ZP",
                ChannelManagerNumber = null,
                AssignedResourceId = DemoIds.Room101A,
                BusinessSegmentId = DemoIds.LeisureSegmentA,
                Purpose = "Leisure",
                PersonCounts = [new PersonCount(DemoIds.AdultA, 2)],
            };
            var upcoming = Make("special", 53, c.Today.AddDays(3), 2, "Confirmed", jane, superiorDouble, bar) with
            {
                Id = DemoIds.UpcomingReservationA,
                Number = "53",
                BusinessSegmentId = DemoIds.LeisureSegmentA,
                PersonCounts = [new PersonCount(DemoIds.AdultA, 2)],
            };
            list.Add(r52);
            list.Add(upcoming);
        }

        foreach (var reservation in list.OrderBy(x => x.CreatedUtc))
        {
            c.Store.Insert(c.Store.ReservationTable, reservation, static (x, s) => x with { Sequence = s });
        }
    }

    private static void SeedLoyalty(SeedContext c, List<Customer> customers)
    {
        var store = c.Store;
        var programs = new[]
        {
            new LoyaltyProgram { Id = DemoIds.PlatinumClub, ChainId = DemoIds.Chain, Name = "Platinum Club", Code = "PC01", Type = "Hotel", Subscription = "Free" },
            new LoyaltyProgram { Id = DemoIds.GoldExclusiveClub, ChainId = DemoIds.Chain, Name = "Gold Exclusive Club", Code = "GEC07", Type = "ExternalPartner", Subscription = "Paid" },
            new LoyaltyProgram { Id = DemoIds.ConnectorRewards, ChainId = DemoIds.Chain, Name = "Connector Rewards", Code = "CR", Type = "SoftBrand", Subscription = "Free" },
        };
        for (var i = 0; i < programs.Length; i++)
        {
            var stamps = ConfigStamps(c, i);
            store.Insert(store.LoyaltyProgramTable, programs[i] with { CreatedUtc = stamps.Created, UpdatedUtc = stamps.Updated }, static (e, s) => e with { Sequence = s });
        }

        (Guid Program, string Name, string Code, int Ordering, Guid? Id)[] tiers =
        [
            (DemoIds.PlatinumClub, "Platinum", "P1", 1, DemoIds.PlatinumTier),
            (DemoIds.PlatinumClub, "Silver", "S1", 2, DemoIds.SilverTier),
            (DemoIds.PlatinumClub, "Blue", "B1", 3, null),
            (DemoIds.GoldExclusiveClub, "Gold Elite", "GE1", 1, null),
            (DemoIds.GoldExclusiveClub, "Gold", "GE2", 2, null),
        ];
        var tierIds = new List<Guid>();
        for (var i = 0; i < tiers.Length; i++)
        {
            var (program, name, code, ordering, id) = tiers[i];
            var stamps = ConfigStamps(c, i);
            tierIds.Add(store.Insert(store.LoyaltyTierTable, new LoyaltyTier
            {
                Id = IdFor($"loyalty/tier/{code}", id),
                LoyaltyProgramId = program,
                ChainId = DemoIds.Chain,
                Name = name,
                Code = code,
                Ordering = ordering,
                CreatedUtc = stamps.Created,
                UpdatedUtc = stamps.Updated,
            }, static (e, s) => e with { Sequence = s }).Id);
        }

        var memberships = new List<LoyaltyMembership>
        {
            new()
            {
                Id = DemoIds.JohnSmithPlatinumMembership,
                ChainId = DemoIds.Chain,
                AccountId = DemoIds.JohnSmith,
                LoyaltyProgramId = DemoIds.PlatinumClub,
                State = "Enrolled",
                IsPrimary = false,
                ProviderMembershipId = "PRV-MBR-9842XKLT",
                MembershipNumber = "MBR-2025-AX49ZT73",
                Points = 22,
                ExpirationDate = c.TodayUtc.AddYears(3),
                Url = "https://rewards.example.com/member/PRV-MBR-9842XKLT",
                LoyaltyTierId = DemoIds.PlatinumTier,
                CreatedUtc = c.TodayUtc.AddDays(-700),
                UpdatedUtc = c.TodayUtc.AddDays(-30),
            },
            new()
            {
                Id = DemoIds.JohnSmithGoldMembership,
                ChainId = DemoIds.Chain,
                AccountId = DemoIds.JohnSmith,
                LoyaltyProgramId = DemoIds.GoldExclusiveClub,
                State = "Enrolled",
                IsPrimary = false,
                MembershipNumber = "GEC-000001",
                Points = 1500,
                ExpirationDate = c.TodayUtc.AddYears(1),
                LoyaltyTierId = tierIds[4],
                CreatedUtc = c.TodayUtc.AddDays(-300),
                UpdatedUtc = c.TodayUtc.AddDays(-12),
            },
        };

        var index = 0;
        foreach (var customer in customers.Where(x => x.Id != DemoIds.JohnSmith && x.Id != DemoIds.JaneDoe))
        {
            index++;
            var primaryTaken = false;
            foreach (var (program, share, programTiers, prefix) in new[]
            {
                (DemoIds.PlatinumClub, 0.45, tierIds.Take(3).ToArray(), "PC"),
                (DemoIds.GoldExclusiveClub, 0.15, tierIds.Skip(3).ToArray(), "GEC"),
            })
            {
                if (c.Random.NextDouble() >= share)
                {
                    continue;
                }

                var tierRoll = c.Random.NextDouble();
                var tier = programTiers.Length == 3
                    ? programTiers[tierRoll < 0.12 ? 0 : tierRoll < 0.42 ? 1 : 2]
                    : programTiers[tierRoll < 0.3 ? 0 : 1];
                var stateRoll = c.Random.NextDouble();
                var state = stateRoll < 0.85 ? "Enrolled" : stateRoll < 0.93 ? "Pending" : stateRoll < 0.97 ? "New" : "Canceled";
                var created = customer.CreatedUtc.AddDays(c.Random.Next(0, 30));
                if (created > c.TodayUtc)
                {
                    created = customer.CreatedUtc;
                }

                memberships.Add(new LoyaltyMembership
                {
                    Id = DemoIds.Derive($"loyalty/membership/{prefix}/{customer.Id}"),
                    ChainId = DemoIds.Chain,
                    AccountId = customer.Id,
                    LoyaltyProgramId = program,
                    State = state,
                    IsPrimary = !primaryTaken,
                    ProviderMembershipId = $"PRV-{prefix}-{index:D5}",
                    MembershipNumber = $"{prefix}-{index:D6}",
                    Points = c.Random.Next(0, 25000),
                    ExpirationDate = c.TodayUtc.AddDays(c.Random.Next(60, 1100)),
                    LoyaltyTierId = tier,
                    CreatedUtc = created,
                    UpdatedUtc = created.AddDays(c.Random.Next(0, Math.Max(1, (int)(c.TodayUtc - created).TotalDays))),
                });
                primaryTaken = true;
            }
        }

        foreach (var membership in memberships.OrderBy(x => x.CreatedUtc))
        {
            store.Insert(store.LoyaltyMembershipTable, membership, static (e, s) => e with { Sequence = s });
        }
    }
}
