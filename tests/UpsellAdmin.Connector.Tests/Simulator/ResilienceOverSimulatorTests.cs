using UpsellAdmin.Connector.Models;
using UpsellAdmin.Connector.Tests.TestSupport;
using UpsellAdmin.ConnectorSimulator;

namespace UpsellAdmin.Connector.Tests.Simulator;

/// <summary>The simulator's fault injection against the gateway: the caller gets its data, and writes never duplicate.</summary>
public sealed class ResilienceOverSimulatorTests
{
    private static readonly IReadOnlyList<ActivityState> BothStates = [ActivityState.Active, ActivityState.Deleted];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Reads every customer of the chain in pages of 10 (20 calls): enough calls for faults to hit.</summary>
    private static async Task AssertReadsEveryCustomerAsync(SimulatorSession s)
    {
        var ids = s.Simulator.Store.Customers.Where(x => x.ChainId == DemoIds.Chain).Select(x => x.Id.ToString()).ToList();
        var customers = await s.Gateway.GetCustomersAsync(new CustomerFilter { CustomerIds = ids, ActivityStates = BothStates, Limitation = new Limitation(10) }, Ct).ToListAsync(Ct);
        Assert.Equal(ids.Count, customers.Count);
    }

    [Fact]
    public async Task Reads_SimulatorLimitBelowTheBurstAndOwnLimiterOff_429sAreRetriedAfterRetryAfterAndDataArrives()
    {
        await using var s = await SimulatorSession.StartAsync(
            sim => { sim.RateLimit = 8; sim.RateLimitWindow = TimeSpan.FromSeconds(2); },
            gw => { gw.RateLimiterEnabled = false; gw.MaxRetryAttempts = 6; });

        await AssertReadsEveryCustomerAsync(s);

        Assert.True(s.Simulator.Statistics.TooManyRequestsSent > 0, "the simulator should have been provoked into 429s");
    }

    [Fact]
    public async Task Reads_OwnLimiterMatchesSimulatorLimit_SimulatorNeverSends429()
    {
        await using var s = await SimulatorSession.StartAsync(
            sim => { sim.RateLimit = 8; sim.RateLimitWindow = TimeSpan.FromSeconds(2); },
            gw => { gw.RequestsPerWindow = 8; gw.Window = TimeSpan.FromSeconds(2); gw.RateLimitSafetyMargin = TimeSpan.FromMilliseconds(100); });

        await AssertReadsEveryCustomerAsync(s);

        Assert.Equal(0, s.Simulator.Statistics.TooManyRequestsSent);
        Assert.True(s.Simulator.Statistics.TotalRequests > 8, "the burst should have exceeded one window's budget");
    }

    [Fact]
    public async Task Reads_ServerErrors_AreRetriedAndDataArrives()
    {
        await using var s = await SimulatorSession.StartAsync(sim => sim.ServerErrorRate = 0.3, gw => gw.MaxRetryAttempts = 6);

        await AssertReadsEveryCustomerAsync(s);

        Assert.True(s.Simulator.Statistics.ServerErrorsInjected > 0);
    }

    [Fact]
    public async Task Reads_RequestTimeouts408_AreRetriedAndDataArrives()
    {
        await using var s = await SimulatorSession.StartAsync(sim => sim.RequestTimeoutRate = 0.3, gw => gw.MaxRetryAttempts = 6);

        await AssertReadsEveryCustomerAsync(s);

        Assert.True(s.Simulator.Statistics.TimeoutsInjected > 0);
    }

    [Fact]
    public async Task Reads_DroppedConnections_AreRetriedAndDataArrives()
    {
        await using var s = await SimulatorSession.StartAsync(sim => sim.DropConnectionRate = 0.3, gw => gw.MaxRetryAttempts = 6);

        await AssertReadsEveryCustomerAsync(s);

        Assert.True(s.Simulator.Statistics.ConnectionsDropped > 0);
    }

    [Fact]
    public async Task Reads_LatencyAboveTheAttemptTimeoutForTheFirstCalls_TimedOutAttemptsAreRetriedAndDataArrives()
    {
        await using var s = await SimulatorSession.StartAsync(
            sim => sim.Latency = TimeSpan.FromSeconds(3),
            gw => { gw.ReadAttemptTimeout = TimeSpan.FromMilliseconds(500); gw.MaxRetryAttempts = 6; });
        var ct = Ct;
        // Slow answers for the first attempts, then the simulator speeds up while the gateway is retrying.
        var first = s.Gateway.GetConfigurationAsync(ct: ct);
        while (s.Simulator.Statistics.TotalRequests < 2)
            await Task.Delay(20, ct); // polls the counter; no assertion on time
        s.Simulator.Options.Latency = TimeSpan.FromMilliseconds(50);

        var configuration = await first;

        Assert.Equal(DemoIds.EnterpriseA.ToString(), configuration.Enterprise!.Id);
        Assert.True(s.Simulator.Statistics.RequestsFor("configuration/get") >= 2);
        await AssertReadsEveryCustomerAsync(s);
    }

    [Fact]
    public async Task AddLoyaltyProgramsAsync_ClientTimesOutAfterTheWriteLanded_LooksUpAndStoresExactlyOne()
    {
        await using var s = await SimulatorSession.StartAsync(
            sim => { sim.PostWriteDelay = TimeSpan.FromSeconds(5); sim.FaultOperations = new HashSet<string> { "loyaltyPrograms/add" }; },
            gw => gw.WriteTimeout = TimeSpan.FromMilliseconds(500));

        var added = await s.Gateway.AddLoyaltyProgramsAsync(
            [new LoyaltyProgramAddition { Name = "Timeout Club", Code = "TMO1", Type = LoyaltyProgramType.Hotel, Subscription = LoyaltySubscription.Free }], Ct);

        Assert.Equal("TMO1", Assert.Single(added).Code);
        Assert.Single(s.Simulator.Store.LoyaltyPrograms, p => p.Code == "TMO1");
        Assert.Equal(1, s.Simulator.Statistics.RequestsFor("loyaltyPrograms/add"));
        Assert.True(s.Simulator.Statistics.RequestsFor("loyaltyPrograms/getAll") >= 1);
    }

    [Fact]
    public async Task AddLoyaltyMembershipsAsync_500AfterTheWriteLanded_LooksUpAndStoresExactlyOne()
    {
        await using var s = await SimulatorSession.StartAsync(sim =>
        {
            sim.PostWriteServerErrorRate = 1;
            sim.MaxInjectedFaults = 1;
            sim.FaultOperations = new HashSet<string> { "loyaltyMemberships/add" };
        });
        var jane = DemoIds.JaneDoe.ToString();
        var program = DemoIds.ConnectorRewards.ToString();
        var before = s.Simulator.Store.LoyaltyMemberships.Count(m => m.AccountId == DemoIds.JaneDoe && m.LoyaltyProgramId == DemoIds.ConnectorRewards);
        Assert.Equal(0, before); // precondition of the seed: Jane Doe is not yet in Connector Rewards

        var added = await s.Gateway.AddLoyaltyMembershipsAsync(
            [new LoyaltyMembershipAddition { AccountId = jane, LoyaltyProgramId = program, IsPrimary = false, MembershipNumber = "CR-JD-1" }], Ct);

        Assert.Equal(jane, Assert.Single(added).AccountId);
        Assert.Single(s.Simulator.Store.LoyaltyMemberships, m => m.AccountId == DemoIds.JaneDoe && m.LoyaltyProgramId == DemoIds.ConnectorRewards);
        Assert.Equal(1, s.Simulator.Statistics.RequestsFor("loyaltyMemberships/add"));
        Assert.Equal(1, s.Simulator.Statistics.PostWriteFaultsInjected);
    }

    [Fact]
    public async Task AddOrderAsync_ConnectionDroppedAfterTheWriteLanded_FindsItsItemsAndStoresExactlyOneOrder()
    {
        await using var s = await SimulatorSession.StartAsync(sim =>
        {
            sim.PostWriteDropConnectionRate = 1;
            sim.FaultOperations = new HashSet<string> { "orders/add" };
        });
        var ordersBefore = s.Simulator.Store.Orders.Count;

        var orderId = await s.Gateway.AddOrderAsync(new OrderAddition
        {
            ServiceId = DemoIds.AccommodationServiceA.ToString(),
            AccountId = DemoIds.JohnSmith.ToString(),
            Items = [new OrderItemParameters { Name = "Late checkout", UnitCount = 1, UnitAmount = new AmountParameters { Currency = "GBP", GrossValue = 20m, TaxCodes = ["UK-S"] } }],
        }, Ct);

        Assert.Equal(1, s.Simulator.Statistics.RequestsFor("orders/add"));
        Assert.Equal(1, s.Simulator.Statistics.ConnectionsDropped);
        Assert.Equal(ordersBefore + 1, s.Simulator.Store.Orders.Count);
        var order = Assert.Single(s.Simulator.Store.Orders, o => o.Items.Any(i => i.Name == "Late checkout"));
        Assert.Equal(order.Id.ToString(), orderId);
    }

    [Fact]
    public async Task AddReservationProductAsync_TimedOutAfterTheWriteLanded_NotResentAndTellsTheCallerToCheck()
    {
        await using var s = await SimulatorSession.StartAsync(
            sim => { sim.PostWriteDelay = TimeSpan.FromSeconds(5); sim.FaultOperations = new HashSet<string> { "reservations/addProduct" }; },
            gw => gw.WriteTimeout = TimeSpan.FromMilliseconds(500));
        var product = s.Simulator.Store.Products.First(p => p.ServiceId == DemoIds.AccommodationServiceA && p.IsActive && !p.IsDefault && p.ChargingMode == "PerTimeUnit");
        var itemsBefore = s.Simulator.Store.Orders.SelectMany(o => o.Items).Count(i => i.ProductId == product.Id);

        var e = await Assert.ThrowsAsync<MewsOutcomeUnknownException>(() => s.Gateway.AddReservationProductAsync(
            new ReservationProductAddition { ReservationId = DemoIds.UpcomingReservationA.ToString(), ProductId = product.Id.ToString(), Count = 1 }, Ct));

        Assert.Contains(DemoIds.UpcomingReservationA.ToString(), e.Guidance);
        Assert.Equal(1, s.Simulator.Statistics.RequestsFor("reservations/addProduct"));
        Assert.True(s.Simulator.Store.Orders.SelectMany(o => o.Items).Count(i => i.ProductId == product.Id) > itemsBefore);
    }

    /// <summary>AddOrderOnceAsync (the selling worker's write): a write that timed out is neither looked up nor re-sent
    /// here — the caller is told the outcome is unknown and reconciles later, when Mews can no longer still apply it.</summary>
    [Fact]
    public async Task AddOrderOnceAsync_TimedOutAfterTheWriteLanded_NotResentAndOutcomeUnknown()
    {
        await using var s = await SimulatorSession.StartAsync(
            sim => { sim.PostWriteDelay = TimeSpan.FromSeconds(3); sim.FaultOperations = new HashSet<string> { "orders/add" }; },
            gw => gw.WriteTimeout = TimeSpan.FromMilliseconds(500));

        var e = await Assert.ThrowsAsync<MewsOutcomeUnknownException>(() => s.Gateway.AddOrderOnceAsync(new OrderAddition
        {
            ServiceId = DemoIds.AccommodationServiceA.ToString(),
            AccountId = DemoIds.JohnSmith.ToString(),
            Items = [new OrderItemParameters { Name = "Room upgrade", UnitCount = 1, UnitAmount = new AmountParameters { Currency = "GBP", GrossValue = 20m, TaxCodes = ["UK-S"] }, ExternalIdentifier = "sale-1:2026-12-07" }],
        }, Ct));

        Assert.Contains("sale-1:2026-12-07", e.ExternalIdentifiers);
        Assert.Equal(1, s.Simulator.Statistics.RequestsFor("orders/add"));
        Assert.Equal(0, s.Simulator.Statistics.RequestsFor("orderItems/getAll"));
        await Assert.ThrowsAsync<ArgumentException>(() => s.Gateway.AddOrderOnceAsync(new OrderAddition
        {
            ServiceId = DemoIds.AccommodationServiceA.ToString(),
            AccountId = DemoIds.JohnSmith.ToString(),
            Items = [new OrderItemParameters { Name = "No identifier", UnitCount = 1, UnitAmount = new AmountParameters { Currency = "GBP", GrossValue = 1m, TaxCodes = [] } }],
        }, Ct));
    }
}
