using UpsellAdmin.Connector.Models;
using UpsellAdmin.Connector.Tests.TestSupport;
using UpsellAdmin.ConnectorSimulator;

namespace UpsellAdmin.Connector.Tests.Simulator;

/// <summary>
/// The upsell desk's reads and the selling writes through the gateway against the simulator: today's arrivals and
/// in-house guests, their customers and memberships, what each night costs, room states and types, availability after
/// an upgrade, posting and canceling lines.
/// </summary>
public sealed class UpsellDeskOverSimulatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly string ServiceA = DemoIds.AccommodationServiceA.ToString();
    private static readonly TimeZoneInfo Budapest = TimeZoneInfo.FindSystemTimeZoneById("Europe/Budapest");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<SimulatorSession> StartAsync(Action<SimulatorOptions>? simulator = null) =>
        SimulatorSession.StartAsync(o => { o.Today = Today; o.RateLimit = 0; simulator?.Invoke(o); }, o => o.PageSize = 5);

    private static DateTimeOffset NightUtc(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Budapest.GetUtcOffset(local)).ToUniversalTime();
    }

    private static TimeInterval Day(DateOnly date) => new(NightUtc(date), NightUtc(date.AddDays(1)));

    [Fact]
    public async Task GetReservationsAsync_ArrivalsToday_PagedByFive_EveryFieldTheDeskNeeds()
    {
        await using var s = await StartAsync();

        var arrivals = await s.Gateway.GetReservationsAsync(new ReservationFilter
        {
            ServiceIds = [ServiceA],
            ScheduledStartUtc = Day(Today),
            States = [ReservationState.Confirmed, ReservationState.Started, ReservationState.Optional],
        }, Ct).ToListAsync(Ct);

        var expected = s.Simulator.Store.Reservations.Count(r => r.EnterpriseId == DemoIds.EnterpriseA && r.State is "Confirmed" or "Started" or "Optional"
            && r.ScheduledStartUtc >= NightUtc(Today) && r.ScheduledStartUtc < NightUtc(Today.AddDays(1)));
        Assert.Equal(expected, arrivals.Count);
        Assert.InRange(arrivals.Count, 10, 25);
        Assert.Equal(arrivals.Count, arrivals.Select(r => r.Id).Distinct().Count());
        Assert.All(arrivals, r =>
        {
            Assert.NotNull(r.Number);
            Assert.NotNull(r.AccountId);
            Assert.NotNull(r.BookerId);
            Assert.NotNull(r.RequestedResourceCategoryId);
            Assert.NotNull(r.RateId);
            Assert.NotNull(r.BusinessSegmentId);
            Assert.NotNull(r.CreatedUtc);
            Assert.NotNull(r.ScheduledEndUtc);
            Assert.NotEqual(ReservationOrigin.Unknown, r.Origin);
            Assert.NotEmpty(r.PersonCounts!);
        });
        Assert.Contains(arrivals, r => r.State == ReservationState.Started && r.AssignedResourceId is not null && r.ActualStartUtc is not null);
    }

    [Fact]
    public async Task GetReservationsAsync_InHouse_StartedOnly()
    {
        await using var s = await StartAsync();

        var inHouse = await s.Gateway.GetReservationsAsync(new ReservationFilter { States = [ReservationState.Started] }, Ct).ToListAsync(Ct);

        Assert.Equal(s.Simulator.Store.Reservations.Count(r => r.EnterpriseId == DemoIds.EnterpriseA && r.State == "Started"), inHouse.Count);
        Assert.All(inHouse, r => Assert.Equal(ReservationState.Started, r.State));
        Assert.Contains(inHouse, r => r.Id == DemoIds.Reservation52.ToString() && r.AssignedResourceId == DemoIds.Room101A.ToString());
    }

    [Fact]
    public async Task CustomersAndMemberships_OneCallPerBatchOfIds()
    {
        await using var s = await StartAsync();
        var arrivals = await s.Gateway.GetReservationsAsync(new ReservationFilter { ScheduledStartUtc = Day(Today) }, Ct).ToListAsync(Ct);
        var accountIds = arrivals.Select(r => r.AccountId!).Distinct().ToList();
        var before = s.Simulator.Statistics.TotalRequests;

        var customers = await s.Gateway.GetCustomersAsync(new CustomerFilter { CustomerIds = accountIds, Limitation = new Limitation(1000) }, Ct).ToListAsync(Ct);
        var memberships = await s.Gateway.GetLoyaltyMembershipsAsync(new LoyaltyMembershipFilter { AccountIds = accountIds, Limitation = new Limitation(1000) }, Ct).ToListAsync(Ct);

        Assert.Equal(2, s.Simulator.Statistics.TotalRequests - before);
        Assert.Equal(accountIds.Order(), customers.Select(c => c.Id).Order());
        Assert.All(customers, c => Assert.False(string.IsNullOrEmpty(c.LastName)));
        var scenario = s.Simulator.Store.FullNight!;
        Assert.Contains(memberships, m => m.AccountId == scenario.CustomerId.ToString() && m.State == LoyaltyMembershipState.Enrolled);
    }

    [Fact]
    public async Task GetOrderItemsAsync_SpaceOrders_AmountPerNightEqualsGetPricing()
    {
        await using var s = await StartAsync();
        var stayId = s.Simulator.Store.FullNight!.ReservationId.ToString();
        var stay = Assert.Single(await s.Gateway.GetReservationsAsync(new ReservationFilter { ReservationIds = [stayId] }, Ct).ToListAsync(Ct));

        var nights = await s.Gateway.GetOrderItemsAsync(new OrderItemFilter { ServiceOrderIds = [stayId], Types = [OrderItemTypes.SpaceOrder] }, Ct).ToListAsync(Ct);
        var pricing = await s.Gateway.GetRatePricingAsync(new RatePricingRequest { RateId = stay.RateId!, FirstTimeUnitStartUtc = NightUtc(Today), LastTimeUnitStartUtc = NightUtc(Today.AddDays(2)) }, Ct);

        Assert.Equal(3, nights.Count);
        var prices = pricing.CategoryPrices!.Single(c => c.CategoryId == stay.RequestedResourceCategoryId).AmountPrices!;
        foreach (var night in nights)
        {
            var index = pricing.TimeUnitStartsUtc!.ToList().IndexOf(night.StartUtc!.Value);
            Assert.Equal(prices[index].GrossValue, night.Amount!.GrossValue);
            Assert.Equal(("GBP", OrderItemAccountingStates.Open, stay.AccountId, OrderItemTypes.SpaceOrder), (night.Amount.Currency, night.AccountingState, night.AccountId, night.Type));
        }
    }

    [Fact]
    public async Task AddOrderAsync_ItemsLinkedToTheStay_ReadBack_ThenCanceled()
    {
        await using var s = await StartAsync();
        var g = s.Gateway;
        var stay = s.Simulator.Store.Reservations.Single(r => r.Id == DemoIds.Reservation52);

        var orderId = await g.AddOrderAsync(new OrderAddition
        {
            ServiceId = ServiceA,
            AccountId = stay.AccountId.ToString(),
            LinkedReservationId = stay.Id.ToString(),
            ConsumptionUtc = NightUtc(Today.AddDays(1)),
            Items =
            [
                new OrderItemParameters
                {
                    Name = "Upgrade to Superior Double",
                    UnitCount = 2,
                    UnitAmount = new AmountParameters { Currency = "GBP", GrossValue = 30m, TaxCodes = ["UK-S"] },
                    AccountingCategoryId = DemoIds.AccommodationAccountingCategoryA.ToString(),
                    ExternalIdentifier = "DESK-1",
                },
            ],
        }, Ct);

        var item = Assert.Single(await g.GetOrderItemsAsync(new OrderItemFilter { ServiceOrderIds = [orderId] }, Ct).ToListAsync(Ct));
        Assert.Equal((OrderItemTypes.CustomItem, "DESK-1", 2, 60m, DemoIds.AccommodationAccountingCategoryA.ToString()),
            (item.Type, item.ExternalIdentifier, item.UnitCount, item.Amount!.GrossValue, item.AccountingCategoryId));
        Assert.Equal(NightUtc(Today.AddDays(1)), item.ConsumedUtc);
        Assert.Equal(OrderItemAccountingStates.Open, item.AccountingState);
        Assert.Null(item.CanceledUtc);

        await g.CancelOrderItemsAsync([item.Id], ct: Ct);

        var canceled = Assert.Single(await g.GetOrderItemsAsync(new OrderItemFilter { OrderItemIds = [item.Id], AccountingStates = [OrderItemAccountingStates.Canceled] }, Ct).ToListAsync(Ct));
        Assert.NotNull(canceled.CanceledUtc);
        Assert.Single(await g.GetOrderItemsAsync(new OrderItemFilter
        {
            CanceledUtc = new TimeInterval(canceled.CanceledUtc!.Value.AddMinutes(-1), canceled.CanceledUtc.Value.AddMinutes(1)),
        }, Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task AddReservationProductAsync_ProductLine_HasProductIdInData()
    {
        await using var s = await StartAsync();

        var ids = await s.Gateway.AddReservationProductAsync(new ReservationProductAddition { ReservationId = DemoIds.Reservation52.ToString(), ProductId = DemoIds.BreakfastProductA.ToString(), Count = 1 }, Ct);

        var items = await s.Gateway.GetOrderItemsAsync(new OrderItemFilter { OrderItemIds = ids, Types = [OrderItemTypes.ProductOrder] }, Ct).ToListAsync(Ct);
        Assert.Equal(ids.Order(), items.Select(i => i.Id).Order());
        Assert.All(items, i => Assert.Equal((DemoIds.BreakfastProductA.ToString(), DemoIds.Reservation52.ToString()), (i.Data!.Product!.ProductId, i.ServiceOrderId)));
    }

    [Fact]
    public async Task CancelOrderItemsAsync_ClosedLineOrTooMany_Refused()
    {
        await using var s = await StartAsync();
        var departed = s.Simulator.Store.Reservations.First(r => r.EnterpriseId == DemoIds.EnterpriseA && r.State == "Processed");
        var orderId = await s.Gateway.AddOrderAsync(new OrderAddition
        {
            ServiceId = ServiceA,
            AccountId = departed.AccountId.ToString(),
            LinkedReservationId = departed.Id.ToString(),
            Items = [new OrderItemParameters { Name = "Late fee", UnitCount = 1, UnitAmount = new AmountParameters { Currency = "GBP", GrossValue = 10m, TaxCodes = ["UK-S"] } }],
        }, Ct);
        var closed = Assert.Single(await s.Gateway.GetOrderItemsAsync(new OrderItemFilter { ServiceOrderIds = [orderId] }, Ct).ToListAsync(Ct));
        Assert.Equal(OrderItemAccountingStates.Closed, closed.AccountingState);

        var refused = await Assert.ThrowsAsync<MewsApiException>(() => s.Gateway.CancelOrderItemsAsync([closed.Id], ct: Ct));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Invalid OrderItemIds", refused.MewsMessage);
        await Assert.ThrowsAsync<ArgumentException>(() => s.Gateway.CancelOrderItemsAsync(Enumerable.Range(0, 11).Select(i => closed.Id).ToList(), ct: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => s.Gateway.CancelOrderItemsAsync([], ct: Ct));
    }

    [Fact]
    public async Task RoomsStatesAndTypes_ResourcesAndCategoryAssignments()
    {
        await using var s = await StartAsync();
        var categories = s.Simulator.Store.ResourceCategories.Where(c => c.EnterpriseId == DemoIds.EnterpriseA).Select(c => c.Id.ToString()).ToList();

        var rooms = await s.Gateway.GetResourcesAsync(ct: Ct).ToListAsync(Ct);
        var assignments = await s.Gateway.GetResourceCategoryAssignmentsAsync(new ResourceCategoryAssignmentFilter { ResourceCategoryIds = categories }, Ct).ToListAsync(Ct);

        Assert.All(rooms, r => Assert.NotEqual(ResourceState.Unknown, r.State));
        Assert.True(rooms.Select(r => r.State).Distinct().Count() >= 3);
        Assert.Equal(rooms.Select(r => r.Id).Order(), assignments.Select(a => a.ResourceId!).Order());
        Assert.Contains(assignments, a => a.ResourceId == DemoIds.Room101A.ToString() && a.CategoryId == DemoIds.StandardDoubleA.ToString() && a.IsActive);
    }

    [Fact]
    public async Task Availability_FullNightThenUpgrade_MetricsFollowTheReservation()
    {
        await using var s = await StartAsync();
        var g = s.Gateway;
        var scenario = s.Simulator.Store.FullNight!;
        var request = new AvailabilityRequest
        {
            ServiceId = ServiceA,
            FirstTimeUnitStartUtc = NightUtc(Today),
            LastTimeUnitStartUtc = NightUtc(Today.AddDays(2)),
            Metrics = [AvailabilityMetric.Occupied, AvailabilityMetric.UsableResources, AvailabilityMetric.ConfirmedReservations, AvailabilityMetric.ActiveResources, AvailabilityMetric.OutOfOrderBlocks],
        };
        var before = (await g.GetServiceAvailabilityAsync(request, Ct)).ResourceCategoryAvailabilities!.Single(c => c.ResourceCategoryId == scenario.FullCategoryId.ToString());
        var legacy = await g.GetLegacyServiceAvailabilityAsync(new LegacyAvailabilityRequest { ServiceId = ServiceA, FirstTimeUnitStartUtc = NightUtc(Today), LastTimeUnitStartUtc = NightUtc(Today.AddDays(2)) }, Ct);

        var free = before.GetMetric(AvailabilityMetric.UsableResources)!.Zip(before.GetMetric(AvailabilityMetric.Occupied)!, (u, o) => u - o).ToList();
        Assert.True(free[0] >= 1 && free[1] >= 1);
        Assert.Equal(0, free[2]);
        Assert.Equal(0, legacy.CategoryAvailabilities!.Single(c => c.CategoryId == scenario.FullCategoryId.ToString()).Availabilities![2]);
        Assert.NotNull(before.GetMetric(AvailabilityMetric.ActiveResources));

        await g.UpdateReservationsAsync(new ReservationsUpdate
        {
            ReservationUpdates = [new ReservationUpdate { ReservationId = scenario.ReservationId.ToString(), RequestedCategoryId = new(scenario.FullCategoryId.ToString()) }],
            Reprice = false,
        }, Ct);

        var after = (await g.GetServiceAvailabilityAsync(request, Ct)).ResourceCategoryAvailabilities!.Single(c => c.ResourceCategoryId == scenario.FullCategoryId.ToString());
        var usable = before.GetMetric(AvailabilityMetric.UsableResources)!;
        var confirmedBefore = before.GetMetric(AvailabilityMetric.ConfirmedReservations)!;
        Assert.Equal(Enumerable.Range(0, 3).Select(i => Math.Min(usable[i], confirmedBefore[i] + 1)), after.GetMetric(AvailabilityMetric.ConfirmedReservations)!);
        var moved = Assert.Single(await g.GetReservationsAsync(new ReservationFilter { ReservationIds = [scenario.ReservationId.ToString()] }, Ct).ToListAsync(Ct));
        Assert.Equal(scenario.FullCategoryId.ToString(), moved.RequestedResourceCategoryId);
    }

    [Fact]
    public async Task BulkArrivals_400OnOneDay_ReadInPagesOfAThousand()
    {
        await using var s = await StartAsync(o => o.BulkArrivals = new BulkArrivalsOptions { Count = 400 });
        var before = s.Simulator.Statistics.TotalRequests;

        var arrivals = await s.Gateway.GetReservationsAsync(new ReservationFilter { ScheduledStartUtc = Day(Today), Limitation = new Limitation(1000) }, Ct).ToListAsync(Ct);

        Assert.InRange(arrivals.Count, 417, 440);
        Assert.Equal(1, s.Simulator.Statistics.TotalRequests - before);
    }
}
