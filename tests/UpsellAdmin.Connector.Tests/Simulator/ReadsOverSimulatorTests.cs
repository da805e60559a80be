using UpsellAdmin.Connector.Models;
using UpsellAdmin.Connector.Tests.TestSupport;
using UpsellAdmin.ConnectorSimulator;

namespace UpsellAdmin.Connector.Tests.Simulator;

/// <summary>
/// Every read of the gateway against the simulator over HTTP: fields populated, and paging (small pages) to the end
/// returns exactly what the simulator's store holds for enterprise A (the demo Gross token's enterprise).
/// </summary>
public sealed class ReadsOverSimulatorTests
{
    private static readonly IReadOnlyList<ActivityState> BothStates = [ActivityState.Active, ActivityState.Deleted];
    private static readonly string ServiceA = DemoIds.AccommodationServiceA.ToString();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<SimulatorSession> StartAsync() => SimulatorSession.StartAsync(gateway: o => o.PageSize = 3);

    /// <summary>Local midnight of the simulator's today in enterprise A's time zone, as UTC: a time-unit boundary.</summary>
    private static DateTimeOffset FirstNightUtc(SimulatorServer sim)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Budapest");
        var local = sim.Store.Today.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    [Fact]
    public async Task GetConfigurationAsync_DemoToken_ReturnsEnterpriseWithChainTimeZoneAndPricing()
    {
        await using var s = await StartAsync();

        var configuration = await s.Gateway.GetConfigurationAsync(ct: Ct);

        var enterprise = configuration.Enterprise!;
        Assert.Equal(DemoIds.EnterpriseA.ToString(), enterprise.Id);
        Assert.Equal(DemoIds.Chain.ToString(), enterprise.ChainId);
        Assert.Equal("Europe/Budapest", enterprise.TimeZoneIdentifier);
        Assert.Equal(PricingMode.Gross, enterprise.Pricing);
        Assert.Contains(enterprise.Currencies!, c => c.IsDefault);
        Assert.NotNull(configuration.NowUtc);
    }

    [Fact]
    public async Task GetServicesAsync_PagedByThree_ReturnsEveryServiceOfTheEnterprise()
    {
        await using var s = await StartAsync();

        var services = await s.Gateway.GetServicesAsync(ct: Ct).ToListAsync(Ct);

        Assert.Equal(s.Simulator.Store.Services.Count(x => x.EnterpriseId == DemoIds.EnterpriseA), services.Count);
        Assert.All(services, x => Assert.NotEqual(ServiceDataDiscriminator.Unknown, x.Data!.Discriminator));
        var accommodation = Assert.Single(services, x => x.IsBookableByDay);
        Assert.Equal(ServiceA, accommodation.Id);
        Assert.NotEmpty(accommodation.Names!);
    }

    [Fact]
    public async Task GetResourceCategoriesAsync_BothStates_ReturnsEveryRoomTypeOfTheService()
    {
        await using var s = await StartAsync();

        var categories = await s.Gateway.GetResourceCategoriesAsync(new ResourceCategoryFilter { ServiceIds = [ServiceA], ActivityStates = BothStates }, Ct).ToListAsync(Ct);

        Assert.Equal(s.Simulator.Store.ResourceCategories.Count(x => x.ServiceId == DemoIds.AccommodationServiceA), categories.Count);
        Assert.Contains(categories, x => x.Id == DemoIds.SuperiorDoubleA.ToString());
        Assert.All(categories, x =>
        {
            Assert.NotEmpty(x.Names!);
            Assert.NotNull(x.Ordering);
            Assert.NotEqual(ResourceCategoryType.Unknown, x.Type);
            Assert.True(x.Capacity > 0);
        });
    }

    [Fact]
    public async Task GetResourcesAsync_WithInactive_ReturnsEveryRoomOfTheEnterprise()
    {
        await using var s = await StartAsync();

        var rooms = await s.Gateway.GetResourcesAsync(new ResourceFilter { Extent = new ResourceExtent { Inactive = true } }, Ct).ToListAsync(Ct);

        Assert.Equal(s.Simulator.Store.Resources.Count(x => x.EnterpriseId == DemoIds.EnterpriseA), rooms.Count);
        Assert.Contains(rooms, x => x.Id == DemoIds.Room101A.ToString() && x.Name == "101");
        Assert.All(rooms, x => Assert.NotEqual(ResourceState.Unknown, x.State));
    }

    [Fact]
    public async Task GetRatesAsync_Service_ReturnsEveryRateWithGroupAndCode()
    {
        await using var s = await StartAsync();

        var rates = await s.Gateway.GetRatesAsync(new RateFilter { ServiceIds = [ServiceA] }, Ct).ToListAsync(Ct);

        Assert.Equal(s.Simulator.Store.Rates.Count(x => x.ServiceId == DemoIds.AccommodationServiceA), rates.Count);
        var flexible = Assert.Single(rates, x => x.Id == DemoIds.FullyFlexibleRateA.ToString());
        Assert.Equal("FF", flexible.ShortName);
        Assert.All(rates, x => Assert.False(string.IsNullOrEmpty(x.GroupId)));
    }

    [Fact]
    public async Task GetRateGroupsAsync_Service_ReturnsEveryRateGroup()
    {
        await using var s = await StartAsync();

        var groups = await s.Gateway.GetRateGroupsAsync(new RateGroupFilter { ServiceIds = [ServiceA], ActivityStates = BothStates }, Ct).ToListAsync(Ct);

        Assert.Equal(s.Simulator.Store.RateGroups.Count(x => x.ServiceId == DemoIds.AccommodationServiceA), groups.Count);
        Assert.Contains(groups, x => x.Id == DemoIds.PublicRateGroupA.ToString());
        Assert.All(groups, x => Assert.NotEmpty(x.Names!));
    }

    [Fact]
    public async Task GetRatePricingAsync_SevenNights_ReturnsOnePricePerNightPerRoomType()
    {
        await using var s = await StartAsync();
        var first = FirstNightUtc(s.Simulator);

        var pricing = await s.Gateway.GetRatePricingAsync(new RatePricingRequest
        {
            RateId = DemoIds.FullyFlexibleRateA.ToString(),
            FirstTimeUnitStartUtc = first,
            LastTimeUnitStartUtc = first.AddDays(6),
        }, Ct);

        Assert.Equal(7, pricing.TimeUnitStartsUtc!.Count);
        Assert.False(string.IsNullOrEmpty(pricing.Currency));
        Assert.NotEmpty(pricing.CategoryPrices!);
        Assert.All(pricing.CategoryPrices!, c =>
        {
            Assert.Equal(7, c.AmountPrices!.Count);
            Assert.All(c.AmountPrices!, a => Assert.True(a.GrossValue > 0m));
        });
        Assert.Contains(pricing.CategoryPrices!, c => c.CategoryId == DemoIds.SuperiorDoubleA.ToString());
    }

    [Fact]
    public async Task GetServiceAvailabilityAsync_SevenNights_ReturnsMetricsAlignedWithTimeUnits()
    {
        await using var s = await StartAsync();
        var first = FirstNightUtc(s.Simulator);

        var availability = await s.Gateway.GetServiceAvailabilityAsync(new AvailabilityRequest
        {
            ServiceId = ServiceA,
            FirstTimeUnitStartUtc = first,
            LastTimeUnitStartUtc = first.AddDays(6),
            Metrics = [AvailabilityMetric.Occupied, AvailabilityMetric.UsableResources],
        }, Ct);

        var units = availability.TimeUnitStartsUtc!.Count;
        Assert.True(units >= 7);
        Assert.NotEmpty(availability.ResourceCategoryAvailabilities!);
        Assert.All(availability.ResourceCategoryAvailabilities!, c =>
        {
            Assert.Equal(units, c.GetMetric(AvailabilityMetric.Occupied)!.Count);
            Assert.Equal(units, c.GetMetric(AvailabilityMetric.UsableResources)!.Count);
        });
        Assert.Contains(availability.ResourceCategoryAvailabilities!, c => c.GetMetric(AvailabilityMetric.UsableResources)!.Sum() > 0);
    }

    [Fact]
    public async Task GetBusinessSegmentsAsync_BothStates_ReturnsEverySegment()
    {
        await using var s = await StartAsync();

        var segments = await s.Gateway.GetBusinessSegmentsAsync(new BusinessSegmentFilter { ActivityStates = BothStates }, Ct).ToListAsync(Ct);

        Assert.Equal(s.Simulator.Store.BusinessSegments.Count(x => x.EnterpriseId == DemoIds.EnterpriseA), segments.Count);
        Assert.All(segments, x => Assert.False(string.IsNullOrEmpty(x.Name)));
    }

    [Fact]
    public async Task GetSourcesAsync_NoFilter_ReturnsEverySource()
    {
        await using var s = await StartAsync();

        var sources = await s.Gateway.GetSourcesAsync(ct: Ct).ToListAsync(Ct);

        Assert.Equal(s.Simulator.Store.Sources.Count, sources.Count);
        Assert.All(sources, x =>
        {
            Assert.False(string.IsNullOrEmpty(x.Name));
            Assert.NotEqual(SourceType.Unknown, x.Type);
        });
    }

    [Fact]
    public async Task GetProductsAsync_AllServicesWithDefaults_ReturnsEveryProductWithPrice()
    {
        await using var s = await StartAsync();
        var serviceIds = s.Simulator.Store.Services.Where(x => x.EnterpriseId == DemoIds.EnterpriseA).Select(x => x.Id.ToString()).ToList();

        var products = await s.Gateway.GetProductsAsync(new ProductFilter { ServiceIds = serviceIds, IncludeDefault = true }, Ct).ToListAsync(Ct);

        Assert.Equal(s.Simulator.Store.Products.Count(x => x.EnterpriseId == DemoIds.EnterpriseA), products.Count);
        Assert.All(products, x =>
        {
            Assert.NotEmpty(x.Names!);
            Assert.NotNull(x.Price?.Currency);
            Assert.NotEqual(ChargingMode.Unknown, x.ChargingMode);
        });
    }

    [Fact]
    public async Task GetAccountingCategoriesAsync_BothStates_ReturnsEveryCategory()
    {
        await using var s = await StartAsync();

        var categories = await s.Gateway.GetAccountingCategoriesAsync(new AccountingCategoryFilter { ActivityStates = BothStates }, Ct).ToListAsync(Ct);

        Assert.Equal(s.Simulator.Store.AccountingCategories.Count(x => x.EnterpriseId == DemoIds.EnterpriseA), categories.Count);
        Assert.All(categories, x => Assert.False(string.IsNullOrEmpty(x.Name)));
    }

    [Fact]
    public async Task GetReservationsAsync_ServicePagedBy25_ReturnsEveryReservationWithStayFields()
    {
        await using var s = await StartAsync();

        var reservations = await s.Gateway.GetReservationsAsync(new ReservationFilter { ServiceIds = [ServiceA], Limitation = new Limitation(25) }, Ct).ToListAsync(Ct);

        Assert.Equal(s.Simulator.Store.Reservations.Count(x => x.ServiceId == DemoIds.AccommodationServiceA), reservations.Count);
        Assert.Equal(reservations.Count, reservations.Select(r => r.Id).Distinct().Count());
        Assert.All(reservations, r =>
        {
            Assert.False(string.IsNullOrEmpty(r.Number));
            Assert.NotEqual(ReservationState.Unknown, r.State);
            Assert.False(string.IsNullOrEmpty(r.RequestedResourceCategoryId));
            Assert.False(string.IsNullOrEmpty(r.RateId));
            Assert.NotNull(r.ScheduledStartUtc);
            Assert.NotEmpty(r.PersonCounts!);
        });
    }

    [Fact]
    public async Task GetCustomersAsync_AllIdsPagedBy40_ReturnsEveryCustomerOfTheChain()
    {
        await using var s = await StartAsync();
        var ids = s.Simulator.Store.Customers.Where(x => x.ChainId == DemoIds.Chain).Select(x => x.Id.ToString()).ToList();

        var customers = await s.Gateway.GetCustomersAsync(new CustomerFilter { CustomerIds = ids, ActivityStates = BothStates, Limitation = new Limitation(40) }, Ct).ToListAsync(Ct);

        Assert.Equal(ids.Count, customers.Count);
        Assert.All(customers, c => Assert.False(string.IsNullOrEmpty(c.LastName)));
    }

    [Fact]
    public async Task GetCustomersAsync_ByEmail_FindsJohnSmith()
    {
        await using var s = await StartAsync();
        var john = s.Simulator.Store.Customers.Single(x => x.Id == DemoIds.JohnSmith);

        var customers = await s.Gateway.GetCustomersAsync(new CustomerFilter { Emails = [john.Email!] }, Ct).ToListAsync(Ct);

        var found = Assert.Single(customers);
        Assert.Equal(("John", "Smith"), (found.FirstName, found.LastName));
    }

    [Fact]
    public async Task SearchCustomersAsync_NameOfAnInHouseGuest_ReturnsTheGuestWithTheStay()
    {
        await using var s = await StartAsync();
        var stay = s.Simulator.Store.Reservations.First(x => x.State == "Started" && x.ServiceId == DemoIds.AccommodationServiceA);
        var guest = s.Simulator.Store.Customers.Single(x => x.Id == stay.AccountId);

        var results = await s.Gateway.SearchCustomersAsync(new CustomerSearchRequest { Name = guest.LastName }, Ct);

        var match = Assert.Single(results, r => r.Customer!.Id == guest.Id.ToString());
        Assert.NotNull(match.Reservation);
        Assert.Equal(ReservationState.Started, match.Reservation!.State);
    }

    [Fact]
    public async Task GetLoyaltyProgramsAsync_BothStates_ReturnsEveryProgramOfTheChain()
    {
        await using var s = await StartAsync();

        var programs = await s.Gateway.GetLoyaltyProgramsAsync(new LoyaltyProgramFilter { ActivityStates = BothStates }, Ct).ToListAsync(Ct);

        Assert.Equal(s.Simulator.Store.LoyaltyPrograms.Count(x => x.ChainId == DemoIds.Chain), programs.Count);
        var platinum = Assert.Single(programs, x => x.Id == DemoIds.PlatinumClub.ToString());
        Assert.Equal(("PC01", LoyaltyProgramType.Hotel, LoyaltySubscription.Free), (platinum.Code, platinum.Type, platinum.Subscription));
    }

    [Fact]
    public async Task GetLoyaltyTiersAsync_AllPrograms_ReturnsEveryTier()
    {
        await using var s = await StartAsync();
        var programIds = s.Simulator.Store.LoyaltyPrograms.Select(x => x.Id.ToString()).ToList();

        var tiers = await s.Gateway.GetLoyaltyTiersAsync(new LoyaltyTierFilter { LoyaltyProgramIds = programIds, ActivityStates = BothStates }, Ct).ToListAsync(Ct);

        Assert.Equal(s.Simulator.Store.LoyaltyTiers.Count, tiers.Count);
        Assert.Contains(tiers, x => x.Id == DemoIds.PlatinumTier.ToString() && x.Code == "P1" && x.Ordering == 1);
    }

    [Fact]
    public async Task GetLoyaltyMembershipsAsync_BothStates_ReturnsEveryMembership()
    {
        await using var s = await StartAsync();

        var memberships = await s.Gateway.GetLoyaltyMembershipsAsync(new LoyaltyMembershipFilter { ActivityStates = BothStates }, Ct).ToListAsync(Ct);

        Assert.Equal(s.Simulator.Store.LoyaltyMemberships.Count(x => x.ChainId == DemoIds.Chain), memberships.Count);
        Assert.All(memberships, m =>
        {
            Assert.False(string.IsNullOrEmpty(m.AccountId));
            Assert.NotEqual(LoyaltyMembershipState.Unknown, m.State);
        });
    }
}
