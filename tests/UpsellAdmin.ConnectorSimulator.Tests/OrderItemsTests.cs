using System.Net;

namespace UpsellAdmin.ConnectorSimulator.Tests;

public sealed class OrderItemsTests : SimulatorTestBase
{
    [Fact]
    public async Task OrderItemsGetAll_AfterOrdersAdd_ReturnsItemsWithExternalIdentifier()
    {
        var added = await Client.PostAsync(
            "orders/add",
            Json($$$"""{"ServiceId":"{{{DemoIds.AccommodationServiceA}}}","AccountId":"{{{DemoIds.JohnSmith}}}","ProductOrders":[{"ProductId":"{{{DemoIds.ParkingProductA}}}","Count":2,"ExternalIdentifier":"UPSELL-7"}]}"""),
            Ct);
        var orderId = added.Object["OrderId"]!.GetValue<string>();

        var items = await Client.PostAsync("orderItems/getAll", Json($$$"""{"ServiceOrderIds":["{{{orderId}}}"],"Limitation":{"Count":10}}"""), Ct);

        Assert.Equal(HttpStatusCode.OK, items.Status);
        var item = Assert.Single(items.Array("OrderItems"))!;
        Assert.Equal("UPSELL-7", item["ExternalIdentifier"]!.GetValue<string>());
        Assert.Equal("ProductOrder", item["Type"]!.GetValue<string>());
        Assert.Equal(2, item["UnitCount"]!.GetValue<int>());
        Assert.Equal(50m, item["Amount"]!["GrossValue"]!.GetValue<decimal>());
        Assert.Equal(item["Id"]!.GetValue<string>(), items.Cursor);
    }

    [Fact]
    public async Task OrderItemsGetAll_AddProduct_ServiceOrderIsTheReservation()
    {
        await Client.PostAsync(
            "reservations/addProduct",
            Json($$$"""{"ReservationId":"{{{DemoIds.Reservation52}}}","ProductId":"{{{DemoIds.ParkingProductA}}}","Count":1}"""),
            Ct);

        var products = await ReadAllIdsAsync("orderItems/getAll", "OrderItems", () => Json($$$"""{"ServiceOrderIds":["{{{DemoIds.Reservation52}}}"],"Types":["ProductOrder"]}"""), 2);
        var all = await ReadAllIdsAsync("orderItems/getAll", "OrderItems", () => Json($$$"""{"ServiceOrderIds":["{{{DemoIds.Reservation52}}}"]}"""), 2);

        // Parking per night for the 3 nights, plus the stay's own 3 nights (SpaceOrder items).
        Assert.Equal(3, products.Count);
        Assert.Equal(3, products.Distinct().Count());
        Assert.Equal(6, all.Distinct().Count());
        Assert.Superset(products.ToHashSet(), all.ToHashSet());
    }

    [Fact]
    public async Task OrderItemsGetAll_NoFilter_Returns400()
    {
        var response = await Client.PostAsync("orderItems/getAll", Json("""{"Limitation":{"Count":10}}"""), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }
}

public sealed class FaultBudgetTests : SimulatorTestBase
{
    protected override void Configure(SimulatorOptions options)
    {
        options.ServerErrorRate = 1;
        options.MaxInjectedFaults = 2;
    }

    [Fact]
    public async Task MaxInjectedFaults_Two_FirstTwoCallsFailThenSucceed()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await Client.PostAsync("configuration/get", ct: Ct)).Status);
        }

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(2, Server.Statistics.FaultsInjected);
    }
}
