using System.Text.Json;
using UpsellAdmin.Connector.Json;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Connector.Tests.TestSupport;

namespace UpsellAdmin.Connector.Tests.Json;

public sealed class WireFormatTests
{
    private static readonly string Tokens =
        $"\"ClientToken\":\"{GatewayHost.ClientToken}\",\"AccessToken\":\"{GatewayHost.AccessToken}\",\"Client\":\"{GatewayHost.ClientName}\"";

    [Fact]
    public async Task GetCustomersAsync_FilterWithUnsetFields_SendsExactPascalCaseBodyWithTokensOnceAndNoNulls()
    {
        var stub = new StubHandler(_ => StubHandler.Json("""{"Customers":[],"Cursor":null}"""));
        await using var host = GatewayHost.OverStub(stub);

        var customers = await host.Gateway.GetCustomersAsync(new CustomerFilter { Emails = ["ada@example.com"] }, TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Empty(customers);
        var request = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://mews.test/api/connector/v1/customers/getAll", request.Uri.ToString());
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal(
            """{"Extent":{"Customers":true,"Addresses":false},"Emails":["ada@example.com"],"Limitation":{"Count":1000},""" + Tokens + "}",
            request.Body);
    }

    [Fact]
    public async Task GetSourceAssignmentsAsync_Filter_SendsDocumentedBodyAndFollowsTheNewerItemsCursor()
    {
        var stub = new StubHandler(request => StubHandler.Json(request.Body.Contains("\"Cursor\":\"sa-2\"", StringComparison.Ordinal)
            ? """{"SourceAssignments":[],"Cursor":null}"""
            : """{"SourceAssignments":[{"Id":"sa-1","ReservationId":"r-1","SourceId":"s-1","IsPrimary":true,"UpdatedUtc":"2026-11-05T11:00:00Z"},{"Id":"sa-2","ReservationId":"r-1","SourceId":"s-2","IsPrimary":false,"UpdatedUtc":"2026-11-11T05:00:00Z"}],"Cursor":"sa-2"}"""));
        await using var host = GatewayHost.OverStub(stub, o => { o.EnterpriseId = "ent-1"; o.PageSize = 2; });

        var assignments = await host.Gateway.GetSourceAssignmentsAsync(new SourceAssignmentFilter
        {
            ReservationIds = ["r-1"],
            UpdatedUtc = new TimeInterval(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero)),
        }, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["sa-1", "sa-2"], assignments.Select(a => a.Id));
        Assert.Equal([true, false], assignments.Select(a => a.IsPrimary));
        Assert.Equal(new DateTimeOffset(2026, 11, 11, 5, 0, 0, TimeSpan.Zero), assignments[1].UpdatedUtc);
        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal("https://mews.test/api/connector/v1/sourceAssignments/getAll/2024-09-20", stub.Requests[0].Uri.ToString());
        Assert.Equal(
            """{"ReservationIds":["r-1"],"UpdatedUtc":{"StartUtc":"2026-11-01T00:00:00Z","EndUtc":"2026-11-30T00:00:00Z"},"EnterpriseIds":["ent-1"],"Limitation":{"Count":2},""" + Tokens + "}",
            stub.Requests[0].Body);
        Assert.Contains("\"Limitation\":{\"Count\":2,\"Cursor\":\"sa-2\"}", stub.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLoyaltyProgramsAsync_Program_SendsEnumsAsNamesAndConfiguredChainId()
    {
        var stub = new StubHandler(_ => StubHandler.Json(
            """{"LoyaltyPrograms":[{"Id":"p1","ChainId":"chain-1","Name":"Club","Code":"C1","Type":"Hotel","Subscription":"Paid"}]}"""));
        await using var host = GatewayHost.OverStub(stub, o => o.ChainId = "chain-1");

        var added = await host.Gateway.AddLoyaltyProgramsAsync(
            [new LoyaltyProgramAddition { Name = "Club", Code = "C1", Type = LoyaltyProgramType.Hotel, Subscription = LoyaltySubscription.Paid }],
            TestContext.Current.CancellationToken);

        Assert.Equal("p1", Assert.Single(added).Id);
        Assert.Equal(
            """{"ChainId":"chain-1","LoyaltyPrograms":[{"Name":"Club","Code":"C1","Type":"Hotel","Subscription":"Paid"}],""" + Tokens + "}",
            Assert.Single(stub.Requests).Body);
    }

    [Fact]
    public async Task UpdateLoyaltyMembershipsAsync_ClearAndSetValues_WritesValueWrappersIncludingExplicitNull()
    {
        var stub = new StubHandler(_ => StubHandler.Json("""{"LoyaltyMemberships":[]}"""));
        await using var host = GatewayHost.OverStub(stub);

        await host.Gateway.UpdateLoyaltyMembershipsAsync(
            [new LoyaltyMembershipUpdate
            {
                LoyaltyMembershipId = "m1",
                Points = new UpdateValue<int?>(42),
                LoyaltyTierId = new UpdateValue<string?>(null),
                State = new UpdateValue<LoyaltyMembershipState>(LoyaltyMembershipState.Canceled),
            }],
            TestContext.Current.CancellationToken);

        Assert.Equal(
            """{"LoyaltyMembershipUpdates":[{"LoyaltyMembershipId":"m1","State":{"Value":"Canceled"},"Points":{"Value":42},"LoyaltyTierId":{"Value":null}}],""" + Tokens + "}",
            Assert.Single(stub.Requests).Body);
    }

    [Fact]
    public async Task GetServiceAvailabilityAsync_Instants_WrittenAsUtcWithZ()
    {
        var stub = new StubHandler(_ => StubHandler.Json("""{"TimeUnitStartsUtc":[],"ResourceCategoryAvailabilities":[]}"""));
        await using var host = GatewayHost.OverStub(stub);

        await host.Gateway.GetServiceAvailabilityAsync(new AvailabilityRequest
        {
            ServiceId = "s1",
            FirstTimeUnitStartUtc = new DateTimeOffset(2024, 2, 2, 0, 0, 0, TimeSpan.FromHours(1)),
            LastTimeUnitStartUtc = new DateTimeOffset(2024, 2, 5, 23, 0, 0, TimeSpan.Zero),
            Metrics = [AvailabilityMetric.Occupied, AvailabilityMetric.UsableResources],
        }, TestContext.Current.CancellationToken);

        Assert.Equal(
            """{"ServiceId":"s1","FirstTimeUnitStartUtc":"2024-02-01T23:00:00Z","LastTimeUnitStartUtc":"2024-02-05T23:00:00Z","Metrics":["Occupied","UsableResources"],""" + Tokens + "}",
            Assert.Single(stub.Requests).Body);
    }

    [Fact]
    public void Deserialize_UnknownEnumValues_ReadAsUnknownWithoutThrowing()
    {
        const string json = """
            {"Id":"c1","LastName":"Lovelace","Title":"Doctor","Sex":"Female","Classifications":["VeryImportant","Astronaut"],
             "Options":["SendMarketingEmails"],"ActivityState":42,"IsActive":true}
            """;

        var customer = JsonSerializer.Deserialize<Customer>(json, MewsJson.Options)!;

        Assert.Equal(CustomerTitle.Unknown, customer.Title);
        Assert.Equal(CustomerSex.Female, customer.Sex);
        Assert.Equal([CustomerClassification.VeryImportant, CustomerClassification.Unknown], customer.Classifications);
        Assert.Equal(ActivityState.Unknown, customer.ActivityState);
        Assert.Equal("Lovelace", customer.LastName);
    }

    [Fact]
    public async Task GetLoyaltyProgramsAsync_UnknownProgramTypeFromServer_StillReturnsTheProgram()
    {
        var stub = new StubHandler(_ => StubHandler.Json(
            """{"LoyaltyPrograms":[{"Id":"p1","Name":"Club","Code":"C1","Type":"Metaverse","Subscription":"Freemium","NewField":{"x":1}}],"Cursor":"p1"}"""));
        await using var host = GatewayHost.OverStub(stub);

        var programs = await host.Gateway.GetLoyaltyProgramsAsync(ct: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        var program = Assert.Single(programs);
        Assert.Equal(LoyaltyProgramType.Unknown, program.Type);
        Assert.Equal(LoyaltySubscription.Unknown, program.Subscription);
        Assert.Equal("C1", program.Code);
    }

    [Fact]
    public async Task GetOrderItemsAsync_NightsOfAReservation_SendsServiceOrderIdsTypesAndStates()
    {
        var stub = new StubHandler(_ => StubHandler.Json("""{"OrderItems":[{"Id":"i1","Type":"SpaceOrder","AccountingState":"Open","StartUtc":"2026-11-21T23:00:00Z","Data":{"Discriminator":"Product","Product":{"ProductId":"p1"}}}],"Cursor":"i1"}"""));
        await using var host = GatewayHost.OverStub(stub);

        var items = await host.Gateway.GetOrderItemsAsync(new OrderItemFilter
        {
            ServiceOrderIds = ["r1"],
            Types = [OrderItemTypes.SpaceOrder],
            AccountingStates = [OrderItemAccountingStates.Open, OrderItemAccountingStates.Inactive],
        }, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        var item = Assert.Single(items);
        Assert.Equal(("SpaceOrder", "p1", new DateTimeOffset(2026, 11, 21, 23, 0, 0, TimeSpan.Zero)), (item.Type, item.Data!.Product!.ProductId, item.StartUtc!.Value));
        Assert.Equal(
            """{"ServiceOrderIds":["r1"],"AccountingStates":["Open","Inactive"],"Types":["SpaceOrder"],"Limitation":{"Count":1000},""" + Tokens + "}",
            Assert.Single(stub.Requests).Body);
    }

    [Fact]
    public async Task CancelOrderItemsAsync_PortfolioOptions_SendsEnterpriseIdAndIds()
    {
        var stub = new StubHandler(_ => StubHandler.Json("{}"));
        await using var host = GatewayHost.OverStub(stub, o => o.EnterpriseId = "e1");

        await host.Gateway.CancelOrderItemsAsync(["i1", "i2"], ct: TestContext.Current.CancellationToken);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("orderItems/cancel", request.Operation);
        Assert.Equal("""{"EnterpriseId":"e1","OrderItemIds":["i1","i2"],""" + Tokens + "}", request.Body);
    }
}
