using UpsellAdmin.Connector.Models;
using UpsellAdmin.Connector.Tests.TestSupport;
using UpsellAdmin.ConnectorSimulator;

namespace UpsellAdmin.Connector.Tests.Simulator;

/// <summary>Every write of the gateway against the simulator: what was written is what the next read returns.</summary>
public sealed class WritesOverSimulatorTests
{
    private static readonly IReadOnlyList<ActivityState> ActiveOnly = [ActivityState.Active];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<LoyaltyProgram> AddProgramAsync(IMewsGateway gateway, string code) =>
        Assert.Single(await gateway.AddLoyaltyProgramsAsync(
            [new LoyaltyProgramAddition { Name = "Club " + code, Code = code, Type = LoyaltyProgramType.Hotel, Subscription = LoyaltySubscription.Free }], Ct));

    [Fact]
    public async Task LoyaltyPrograms_AddUpdateDelete_EachVisibleOnRead()
    {
        await using var s = await SimulatorSession.StartAsync();
        var g = s.Gateway;

        var added = await AddProgramAsync(g, "UPS1");
        Assert.Equal(DemoIds.Chain.ToString(), added.ChainId);
        var read = Assert.Single(await g.GetLoyaltyProgramsAsync(new LoyaltyProgramFilter { Codes = ["UPS1"] }, Ct).ToListAsync(Ct));
        Assert.Equal((added.Id, "Club UPS1", LoyaltyProgramType.Hotel), (read.Id, read.Name, read.Type));

        var updated = Assert.Single(await g.UpdateLoyaltyProgramsAsync(
            [new LoyaltyProgramUpdate { LoyaltyProgramId = added.Id, Name = new("Upsell Club"), Subscription = new(LoyaltySubscription.Paid) }], Ct));
        Assert.Equal("Upsell Club", updated.Name);
        read = Assert.Single(await g.GetLoyaltyProgramsAsync(new LoyaltyProgramFilter { LoyaltyProgramIds = [added.Id] }, Ct).ToListAsync(Ct));
        Assert.Equal(("Upsell Club", LoyaltySubscription.Paid), (read.Name, read.Subscription));

        await g.DeleteLoyaltyProgramsAsync([added.Id], Ct);
        Assert.Empty(await g.GetLoyaltyProgramsAsync(new LoyaltyProgramFilter { LoyaltyProgramIds = [added.Id], ActivityStates = ActiveOnly }, Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task LoyaltyTiers_AddUpdateDelete_EachVisibleOnRead()
    {
        await using var s = await SimulatorSession.StartAsync();
        var g = s.Gateway;
        var program = await AddProgramAsync(g, "UPS2");

        var tiers = await g.AddLoyaltyTiersAsync(
            [
                new LoyaltyTierAddition { LoyaltyProgramId = program.Id, Name = "Gold", Code = "G", Ordering = 1 },
                new LoyaltyTierAddition { LoyaltyProgramId = program.Id, Name = "Silver", Code = "S", Ordering = 2 },
            ], Ct);
        Assert.Equal(2, tiers.Count);
        var read = await g.GetLoyaltyTiersAsync(new LoyaltyTierFilter { LoyaltyProgramIds = [program.Id] }, Ct).ToListAsync(Ct);
        Assert.Equal(["G", "S"], read.OrderBy(t => t.Ordering).Select(t => t.Code));

        var gold = tiers.Single(t => t.Code == "G");
        await g.UpdateLoyaltyTiersAsync([new LoyaltyTierUpdate { LoyaltyTierId = gold.Id, Name = new("Platinum"), Ordering = new(0) }], Ct);
        read = await g.GetLoyaltyTiersAsync(new LoyaltyTierFilter { LoyaltyProgramIds = [program.Id], LoyaltyTierIds = [gold.Id] }, Ct).ToListAsync(Ct);
        Assert.Equal(("Platinum", 0), (Assert.Single(read).Name, read[0].Ordering));

        await g.DeleteLoyaltyTiersAsync([gold.Id], Ct);
        read = await g.GetLoyaltyTiersAsync(new LoyaltyTierFilter { LoyaltyProgramIds = [program.Id], ActivityStates = ActiveOnly }, Ct).ToListAsync(Ct);
        Assert.Equal("S", Assert.Single(read).Code);
    }

    [Fact]
    public async Task LoyaltyMemberships_AddUpdateDelete_EachVisibleOnRead()
    {
        await using var s = await SimulatorSession.StartAsync();
        var g = s.Gateway;
        var program = await AddProgramAsync(g, "UPS3");
        var tier = Assert.Single(await g.AddLoyaltyTiersAsync([new LoyaltyTierAddition { LoyaltyProgramId = program.Id, Name = "Gold", Code = "G", Ordering = 1 }], Ct));
        var jane = DemoIds.JaneDoe.ToString();

        var added = Assert.Single(await g.AddLoyaltyMembershipsAsync(
            [new LoyaltyMembershipAddition { AccountId = jane, LoyaltyProgramId = program.Id, IsPrimary = false, MembershipNumber = "UPS3-0001", Points = 10, LoyaltyTierId = tier.Id }], Ct));
        var read = Assert.Single(await g.GetLoyaltyMembershipsAsync(new LoyaltyMembershipFilter { AccountIds = [jane], LoyaltyProgramIds = [program.Id] }, Ct).ToListAsync(Ct));
        Assert.Equal((added.Id, "UPS3-0001", 10, tier.Id, LoyaltyMembershipState.Enrolled), (read.Id, read.MembershipNumber, read.Points, read.LoyaltyTierId, read.State));

        await g.UpdateLoyaltyMembershipsAsync(
            [new LoyaltyMembershipUpdate { LoyaltyMembershipId = added.Id, Points = new(250), LoyaltyTierId = new(null), State = new(LoyaltyMembershipState.Pending) }], Ct);
        read = Assert.Single(await g.GetLoyaltyMembershipsAsync(new LoyaltyMembershipFilter { LoyaltyMembershipIds = [added.Id] }, Ct).ToListAsync(Ct));
        Assert.Equal((250, (string?)null, LoyaltyMembershipState.Pending), (read.Points, read.LoyaltyTierId, read.State));

        await g.DeleteLoyaltyMembershipsAsync([added.Id], Ct);
        Assert.Empty(await g.GetLoyaltyMembershipsAsync(new LoyaltyMembershipFilter { LoyaltyMembershipIds = [added.Id], ActivityStates = ActiveOnly }, Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task AddOrderAsync_CustomItemAndProduct_StoredWithExternalIdentifiers()
    {
        await using var s = await SimulatorSession.StartAsync();
        var product = s.Simulator.Store.Products.First(p => p.EnterpriseId == DemoIds.EnterpriseA && p.IsActive && !p.IsDefault);
        var category = s.Simulator.Store.AccountingCategories.First(c => c.EnterpriseId == DemoIds.EnterpriseA && c.IsActive);

        var orderId = await s.Gateway.AddOrderAsync(new OrderAddition
        {
            ServiceId = product.ServiceId.ToString(),
            AccountId = DemoIds.JohnSmith.ToString(),
            LinkedReservationId = DemoIds.UpcomingReservationA.ToString(),
            ProductOrders = [new ProductOrder { ProductId = product.Id.ToString(), Count = 2 }],
            Items = [new OrderItemParameters
            {
                Name = "Room upgrade fee",
                UnitCount = 1,
                UnitAmount = new AmountParameters { Currency = "GBP", GrossValue = 35m, TaxCodes = ["UK-S"] },
                AccountingCategoryId = category.Id.ToString(),
                ExternalIdentifier = "upgrade-42",
            }],
        }, Ct);

        var order = Assert.Single(s.Simulator.Store.Orders, o => o.Id.ToString() == orderId);
        Assert.Equal(DemoIds.JohnSmith, order.AccountId);
        Assert.Contains(order.Items, i => i.ExternalIdentifier == "upgrade-42" && i.UnitAmount.GrossValue == 35m);
        Assert.Contains(order.Items, i => i.ProductId == product.Id && i.ExternalIdentifier!.StartsWith("ua-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddReservationProductAsync_ProductOnUpcomingStay_ReturnsItemIdsStoredOnTheReservation()
    {
        await using var s = await SimulatorSession.StartAsync();
        var product = s.Simulator.Store.Products.First(p => p.ServiceId == DemoIds.AccommodationServiceA && p.IsActive && !p.IsDefault && p.ChargingMode == "PerTimeUnit");

        var itemIds = await s.Gateway.AddReservationProductAsync(new ReservationProductAddition
        {
            ReservationId = DemoIds.UpcomingReservationA.ToString(),
            ProductId = product.Id.ToString(),
            Count = 1,
        }, Ct);

        Assert.NotEmpty(itemIds);
        var stored = s.Simulator.Store.Orders.SelectMany(o => o.Items).Where(i => itemIds.Contains(i.Id.ToString())).ToList();
        Assert.Equal(itemIds.Count, stored.Count);
        Assert.All(stored, i => Assert.Equal(product.Id, i.ProductId));
    }

    [Fact]
    public async Task UpdateReservationsAsync_RequestedCategory_UpgradeVisibleOnRead()
    {
        await using var s = await SimulatorSession.StartAsync();
        var reservationId = DemoIds.UpcomingReservationA.ToString();
        var before = Assert.Single(await s.Gateway.GetReservationsAsync(new ReservationFilter { ReservationIds = [reservationId] }, Ct).ToListAsync(Ct));
        var target = before.RequestedResourceCategoryId == DemoIds.SuperiorDoubleA.ToString() ? DemoIds.StandardDoubleA : DemoIds.SuperiorDoubleA;

        var updated = await s.Gateway.UpdateReservationsAsync(new ReservationsUpdate
        {
            ReservationUpdates = [new ReservationUpdate { ReservationId = reservationId, RequestedCategoryId = new(target.ToString()) }],
            Reprice = false,
        }, Ct);

        Assert.Equal(target.ToString(), Assert.Single(updated).RequestedCategoryId);
        var after = Assert.Single(await s.Gateway.GetReservationsAsync(new ReservationFilter { ReservationIds = [reservationId] }, Ct).ToListAsync(Ct));
        Assert.Equal(target.ToString(), after.RequestedResourceCategoryId);
    }
}
