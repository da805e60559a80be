using System.Net;

namespace UpsellAdmin.ConnectorSimulator.Tests;

public sealed class SeedTests
{
    private static SimulatorStore NewStore(int seed = 20261122) => new(new SimulatorOptions { Seed = seed, Today = TestDates.Today });

    [Fact]
    public void Store_SameSeed_SameData()
    {
        var a = NewStore();
        var b = NewStore();

        Assert.Equal(a.Customers.Select(c => (c.Id, c.FirstName, c.LastName, c.Email)), b.Customers.Select(c => (c.Id, c.FirstName, c.LastName, c.Email)));
        Assert.Equal(a.Reservations.Select(r => (r.Id, r.Number, r.ScheduledStartUtc, r.RequestedResourceCategoryId, r.RateId)), b.Reservations.Select(r => (r.Id, r.Number, r.ScheduledStartUtc, r.RequestedResourceCategoryId, r.RateId)));
        Assert.Equal(a.LoyaltyMemberships.Select(m => (m.Id, m.State, m.LoyaltyTierId)), b.LoyaltyMemberships.Select(m => (m.Id, m.State, m.LoyaltyTierId)));
    }

    [Fact]
    public void Store_OtherSeed_OtherGuestsSameConfiguration()
    {
        var a = NewStore(1);
        var b = NewStore(2);

        Assert.Equal(a.ResourceCategories.Select(c => c.Id), b.ResourceCategories.Select(c => c.Id));
        Assert.NotEqual(a.Customers.Select(c => c.LastName), b.Customers.Select(c => c.LastName));
    }

    [Fact]
    public void Store_Seeded_ThreeEnterprisesInOneChainWithDistinctCurrenciesAndTimeZones()
    {
        var store = NewStore();

        Assert.Equal(3, store.Enterprises.Count);
        Assert.All(store.Enterprises, e => Assert.Equal(DemoIds.Chain, e.ChainId));
        Assert.Equal(["GBP", "EUR", "USD"], store.Enterprises.Select(e => e.Currency));
        Assert.Equal(3, store.Enterprises.Select(e => e.TimeZoneIdentifier).Distinct().Count());
        Assert.Equal(DemoIds.EnterpriseA, store.Enterprises[0].Id);
    }

    [Fact]
    public void Store_Seeded_HasDocsSampleIdsInEnterpriseA()
    {
        var store = NewStore();

        Assert.Contains(store.Services, s => s.Id == DemoIds.AccommodationServiceA && s.EnterpriseId == DemoIds.EnterpriseA && s.IsBookable);
        Assert.Contains(store.ResourceCategories, c => c.Id == DemoIds.StandardDoubleA);
        Assert.Contains(store.Resources, r => r.Id == DemoIds.Room101A && r.Name == "101" && r.CategoryId == DemoIds.StandardDoubleA);
        Assert.Contains(store.Rates, r => r.Id == DemoIds.FullyFlexibleRateA && r.ShortName == "FF");
        Assert.Contains(store.RateGroups, g => g.Id == DemoIds.PublicRateGroupA);
        Assert.Contains(store.Customers, c => c.Id == DemoIds.JohnSmith && c.LastName == "Smith");
        Assert.Contains(store.Reservations, r => r.Id == DemoIds.Reservation52 && r.Number == "52" && r.State == "Started");
        Assert.Contains(store.LoyaltyPrograms, p => p.Id == DemoIds.PlatinumClub && p.Code == "PC01");
        Assert.Contains(store.LoyaltyTiers, t => t.Id == DemoIds.PlatinumTier && t.Code == "P1");
        Assert.Contains(store.AccountingCategories, a => a.Id == DemoIds.AccommodationAccountingCategoryA && a.Name == "Accommodation");
    }

    [Fact]
    public void Store_Seeded_RealisticVolumes()
    {
        var store = NewStore();

        Assert.Equal(200, store.Customers.Count);
        foreach (var enterprise in store.Enterprises)
        {
            var categories = store.ResourceCategories.Count(c => c.EnterpriseId == enterprise.Id && c.IsActive);
            Assert.InRange(categories, 6, 9);
            var shortNames = store.Rates.Where(r => r.EnterpriseId == enterprise.Id).Select(r => r.ShortName).ToList();
            Assert.Contains("BAR", shortNames);
            Assert.Contains("NREF", shortNames);
            var arrivals = store.Reservations
                .Where(r => r.EnterpriseId == enterprise.Id && r.ScheduledStartUtc >= new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero))
                .ToList();
            Assert.True(arrivals.Count >= 100);
            Assert.True(arrivals.Max(r => r.ScheduledStartUtc) < new DateTimeOffset(2027, 1, 23, 0, 0, 0, TimeSpan.Zero));
        }
    }
}

public sealed class PricingAndAvailabilityTests : SimulatorTestBase
{
    [Fact]
    public async Task GetPricing_Year_PricesVaryByWeekdayAndSeasonAndRiseWithCategoryOrdering()
    {
        var response = await Client.PostAsync(
            "rates/getPricing",
            Json($$$"""{"RateId":"{{{DemoIds.FullyFlexibleRateA}}}","FirstTimeUnitStartUtc":"2026-11-22T23:00:00Z","LastTimeUnitStartUtc":"2027-11-22T23:00:00Z"}"""),
            Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("GBP", response.Object["Currency"]!.GetValue<string>());
        var units = response.Array("TimeUnitStartsUtc").Count;
        Assert.Equal(366, units);
        var standard = Prices(response, DemoIds.StandardDoubleA);
        var superior = Prices(response, DemoIds.SuperiorDoubleA);
        Assert.Equal(units, standard.Count);
        Assert.All(standard.Zip(superior), p => Assert.True(p.Second > p.First));
        Assert.True(standard.Distinct().Count() > 20);
        var amount = response.Array("BaseAmountPrices")[0]!;
        Assert.Equal(amount["GrossValue"]!.GetValue<decimal>(), amount["NetValue"]!.GetValue<decimal>() + amount["TaxValues"]![0]!["Value"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task GetPricing_NetEnterprise_GrossIsNetPlusTax()
    {
        var washington = ClientFor(DemoTokens.ClientToken, DemoTokens.NetAccessToken);
        var rate = Server.Store.Rates.First(r => r.EnterpriseId == DemoIds.EnterpriseC && r.IsBaseRate);

        // America/New_York: local midnight of 23 Nov 2026 is 05:00Z.
        var response = await washington.PostAsync(
            "rates/getPricing",
            Json($$$"""{"RateId":"{{{rate.Id}}}","FirstTimeUnitStartUtc":"2026-11-23T05:00:00Z","LastTimeUnitStartUtc":"2026-11-24T05:00:00Z"}"""),
            Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var amount = response.Array("CategoryPrices")[0]!["AmountPrices"]![0]!;
        Assert.Equal("USD", amount["Currency"]!.GetValue<string>());
        Assert.Equal(decimal.Round(amount["NetValue"]!.GetValue<decimal>(), 0), amount["NetValue"]!.GetValue<decimal>());
        Assert.True(amount["GrossValue"]!.GetValue<decimal>() > amount["NetValue"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task GetAvailability_400Days_MetricsConsistent()
    {
        var response = await Client.PostAsync(
            "services/getAvailability/2024-01-22",
            Json($$$"""{"ServiceId":"{{{DemoIds.AccommodationServiceA}}}","FirstTimeUnitStartUtc":"2026-11-22T23:00:00Z","LastTimeUnitStartUtc":"2027-11-24T23:00:00Z","Metrics":["Occupied","UsableResources","ActiveResources","OutOfOrderBlocks"]}"""),
            Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var categories = response.Array("ResourceCategoryAvailabilities");
        Assert.Equal(8, categories.Count);
        foreach (var category in categories)
        {
            var metrics = category!["Metrics"]!;
            var occupied = metrics["Occupied"]!.AsArray().Select(x => x!.GetValue<int>()).ToList();
            var usable = metrics["UsableResources"]!.AsArray().Select(x => x!.GetValue<int>()).ToList();
            var active = metrics["ActiveResources"]!.AsArray().Select(x => x!.GetValue<int>()).ToList();
            var outOfOrder = metrics["OutOfOrderBlocks"]!.AsArray().Select(x => x!.GetValue<int>()).ToList();
            Assert.Equal(368, occupied.Count);
            for (var i = 0; i < occupied.Count; i++)
            {
                Assert.InRange(occupied[i], 0, usable[i]);
                Assert.Equal(active[i], usable[i] + outOfOrder[i]);
            }
        }
    }

    private static List<decimal> Prices(ApiResponse response, Guid category) => response.Array("CategoryPrices")
        .Single(c => c!["CategoryId"]!.GetValue<string>() == category.ToString())!["AmountPrices"]!.AsArray()
        .Select(a => a!["GrossValue"]!.GetValue<decimal>())
        .ToList();
}
