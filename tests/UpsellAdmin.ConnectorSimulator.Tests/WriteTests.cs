using System.Net;

namespace UpsellAdmin.ConnectorSimulator.Tests;

public sealed class WriteTests : SimulatorTestBase
{
    [Fact]
    public async Task ReservationsUpdate_UpgradeCategory_VisibleOnNextReadWithNewUpdatedUtc()
    {
        var before = Server.Store.Reservations.Single(r => r.Id == DemoIds.Reservation52);

        var update = await Client.PostAsync(
            "reservations/update",
            Json($$$"""{"ReservationUpdates":[{"ReservationId":"{{{DemoIds.Reservation52}}}","RequestedCategoryId":{"Value":"{{{DemoIds.SuperiorDoubleA}}}"}}],"Reprice":true,"Reason":"Upsell: room upgrade"}"""),
            Ct);
        var read = await Client.PostAsync(
            "reservations/getAll/2023-06-06",
            Json($$$"""{"ReservationIds":["{{{DemoIds.Reservation52}}}"],"Limitation":{"Count":1}}"""),
            Ct);

        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.Equal(DemoIds.SuperiorDoubleA.ToString(), update.Array("Reservations")[0]!["RequestedCategoryId"]!.GetValue<string>());
        var reservation = read.Array("Reservations").Single()!;
        Assert.Equal(DemoIds.SuperiorDoubleA.ToString(), reservation["RequestedResourceCategoryId"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(reservation["UpdatedUtc"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > before.UpdatedUtc);
    }

    [Fact]
    public async Task ReservationsUpdate_PriceChangeWithoutReason_Returns400()
    {
        var response = await Client.PostAsync(
            "reservations/update",
            Json($$$"""{"ReservationUpdates":[{"ReservationId":"{{{DemoIds.Reservation52}}}","RequestedCategoryId":{"Value":"{{{DemoIds.SuperiorDoubleA}}}"}}]}"""),
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid Reason", response.Object["Message"]!.GetValue<string>());
        Assert.Equal(DemoIds.StandardDoubleA, Server.Store.Reservations.Single(r => r.Id == DemoIds.Reservation52).RequestedResourceCategoryId);
    }

    [Fact]
    public async Task ReservationsUpdate_UnknownCategory_Returns400AndChangesNothing()
    {
        var response = await Client.PostAsync(
            "reservations/update",
            Json($$$"""{"ReservationUpdates":[{"ReservationId":"{{{DemoIds.Reservation52}}}","RequestedCategoryId":{"Value":"{{{Guid.NewGuid()}}}"}}],"Reprice":false}"""),
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid RequestedCategoryId", response.Object["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReservationsUpdate_CanceledReservation_Returns400WrongState()
    {
        var canceled = Server.Store.Reservations.First(r => r.EnterpriseId == DemoIds.EnterpriseA && r.State == "Canceled");

        var response = await Client.PostAsync(
            "reservations/update",
            Json($$$"""{"ReservationUpdates":[{"ReservationId":"{{{canceled.Id}}}","ChannelNumber":{"Value":"X"}}]}"""),
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid ReservationId", response.Object["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReservationsUpdate_PortfolioTokenWithoutEnterpriseId_Returns400()
    {
        var portfolio = ClientFor(DemoTokens.PortfolioClientToken, DemoTokens.PortfolioAccessToken);
        var body = $$$"""{"ReservationUpdates":[{"ReservationId":"{{{DemoIds.Reservation52}}}","ChannelNumber":{"Value":"X"}}]}""";

        var without = await portfolio.PostAsync("reservations/update", Json(body), Ct);
        var with = await portfolio.PostAsync("reservations/update", Json(body.Insert(1, $$$"""
            "EnterpriseId":"{{{DemoIds.EnterpriseA}}}",
            """)), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, without.Status);
        Assert.Equal("Invalid EnterpriseId", without.Object["Message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, with.Status);
    }

    [Fact]
    public async Task ReservationsUpdate_UpgradeChangesAvailability()
    {
        var body = $$$"""{"ServiceId":"{{{DemoIds.AccommodationServiceA}}}","FirstTimeUnitStartUtc":"2026-11-22T23:00:00Z","LastTimeUnitStartUtc":"2026-11-22T23:00:00Z","Metrics":["ConfirmedReservations","UsableResources"]}""";
        int Confirmed(ApiResponse r, Guid category) => r.Array("ResourceCategoryAvailabilities")
            .Single(c => c!["ResourceCategoryId"]!.GetValue<string>() == category.ToString())!["Metrics"]!["ConfirmedReservations"]![0]!.GetValue<int>();
        var before = await Client.PostAsync("services/getAvailability/2024-01-22", Json(body), Ct);

        await Client.PostAsync(
            "reservations/update",
            Json($$$"""{"ReservationUpdates":[{"ReservationId":"{{{DemoIds.Reservation52}}}","RequestedCategoryId":{"Value":"{{{DemoIds.SuperiorDoubleA}}}"}}],"Reprice":false}"""),
            Ct);
        var after = await Client.PostAsync("services/getAvailability/2024-01-22", Json(body), Ct);

        // Night of 23 Nov (local) is inside reservation 52's stay (nights of 21, 22 and 23 Nov); counts are capped at the usable rooms.
        Assert.True(Confirmed(after, DemoIds.StandardDoubleA) <= Confirmed(before, DemoIds.StandardDoubleA));
        Assert.True(Confirmed(after, DemoIds.SuperiorDoubleA) >= Confirmed(before, DemoIds.SuperiorDoubleA));
        Assert.True(
            Confirmed(after, DemoIds.StandardDoubleA) + Confirmed(after, DemoIds.SuperiorDoubleA)
            <= Confirmed(before, DemoIds.StandardDoubleA) + Confirmed(before, DemoIds.SuperiorDoubleA) + 1);
    }

    [Fact]
    public async Task OrdersAdd_ProductOrderAndItem_StoredWithExternalIdentifiers()
    {
        var response = await Client.PostAsync(
            "orders/add",
            Json($$$"""
            {"ServiceId":"{{{DemoIds.AccommodationServiceA}}}","AccountId":"{{{DemoIds.JohnSmith}}}","LinkedReservationId":"{{{DemoIds.Reservation52}}}",
             "ProductOrders":[{"ProductId":"{{{DemoIds.ParkingProductA}}}","Count":2,"ExternalIdentifier":"UP-1"}],
             "Items":[{"Name":"Upgrade fee","UnitCount":1,"UnitAmount":{"Currency":"GBP","GrossValue":48,"TaxCodes":["UK-S"]},"AccountingCategoryId":"{{{DemoIds.AccommodationAccountingCategoryA}}}","ExternalIdentifier":"UP-2"}]}
            """),
            Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var orderId = Guid.Parse(response.Object["OrderId"]!.GetValue<string>());
        var order = Assert.Single(Server.Store.Orders, o => o.Id == orderId);
        Assert.Equal(DemoIds.Reservation52, order.LinkedReservationId);
        Assert.Equal(["UP-1", "UP-2"], order.Items.Select(i => i.ExternalIdentifier));
        Assert.Equal(40m, order.Items[1].UnitAmount.NetValue);
    }

    [Fact]
    public async Task OrdersAdd_UnknownAccount_Returns400()
    {
        var response = await Client.PostAsync(
            "orders/add",
            Json($$$"""{"ServiceId":"{{{DemoIds.AccommodationServiceA}}}","AccountId":"{{{Guid.NewGuid()}}}","ProductOrders":[{"ProductId":"{{{DemoIds.ParkingProductA}}}"}]}"""),
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid AccountId", response.Object["Message"]!.GetValue<string>());
        Assert.Empty(Server.Store.Orders);
    }

    [Fact]
    public async Task OrdersAdd_GrossValueWithTwoTaxCodes_Returns400()
    {
        var response = await Client.PostAsync(
            "orders/add",
            Json($$$"""{"ServiceId":"{{{DemoIds.AccommodationServiceA}}}","AccountId":"{{{DemoIds.JohnSmith}}}","Items":[{"Name":"X","UnitCount":1,"UnitAmount":{"Currency":"GBP","GrossValue":10,"TaxCodes":["UK-S","UK-R"]}}]}"""),
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task AddProduct_PerPersonPerNight_ReturnsOneItemPerNight()
    {
        // Reservation 52: three nights, two adults.
        var response = await Client.PostAsync(
            "reservations/addProduct",
            Json($$$"""{"ReservationId":"{{{DemoIds.Reservation52}}}","ProductId":"{{{DemoIds.BreakfastProductA}}}","Count":1}"""),
            Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(3, response.Array("ItemIds").Count);
        var order = Assert.Single(Server.Store.Orders);
        Assert.All(order.Items, i => Assert.Equal(2, i.UnitCount));
    }

    [Fact]
    public async Task AddProduct_OnceProductWithDifferentStartAndEnd_Returns400()
    {
        var lateCheckout = Server.Store.Products.Single(p => p.EnterpriseId == DemoIds.EnterpriseA && p.ExternalIdentifier == "PROD-LCO");

        var response = await Client.PostAsync(
            "reservations/addProduct",
            Json($$$"""{"ReservationId":"{{{DemoIds.Reservation52}}}","ProductId":"{{{lateCheckout.Id}}}","Count":1,"StartUtc":"2026-11-24T12:00:00Z","EndUtc":"2026-11-25T12:00:00Z"}"""),
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task AddProduct_ProcessedReservation_Returns400WrongState()
    {
        var departed = Server.Store.Reservations.First(r => r.EnterpriseId == DemoIds.EnterpriseA && r.State == "Processed");

        var response = await Client.PostAsync(
            "reservations/addProduct",
            Json($$$"""{"ReservationId":"{{{departed.Id}}}","ProductId":"{{{DemoIds.ParkingProductA}}}","Count":1}"""),
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Empty(Server.Store.Orders);
    }

    [Fact]
    public async Task CustomersSearch_ByName_FindsInHouseGuestWithReservation()
    {
        var response = await Client.PostAsync("customers/search", Json("""{"Name":"john smith"}"""), Ct);

        var hit = Assert.Single(response.Array("Customers"))!;
        Assert.Equal(DemoIds.JohnSmith.ToString(), hit["Customer"]!["Id"]!.GetValue<string>());
        Assert.Equal("52", hit["Reservation"]!["Number"]!.GetValue<string>());
    }

    [Fact]
    public async Task CustomersGetAll_ByEmail_FindsCustomer()
    {
        var response = await Client.PostAsync(
            "customers/getAll",
            Json("""{"Extent":{"Customers":true},"Emails":["j.smith@example.com"],"Limitation":{"Count":10}}"""),
            Ct);

        Assert.Equal(DemoIds.JohnSmith.ToString(), Assert.Single(response.Array("Customers"))!["Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task CustomersGetAll_PortfolioTokenWithoutChainIds_Returns400()
    {
        var portfolio = ClientFor(DemoTokens.PortfolioClientToken, DemoTokens.PortfolioAccessToken);

        var response = await portfolio.PostAsync(
            "customers/getAll",
            Json("""{"Extent":{"Customers":true},"LastNames":["Smith"],"Limitation":{"Count":10}}"""),
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid ChainIds", response.Object["Message"]!.GetValue<string>());
    }
}
