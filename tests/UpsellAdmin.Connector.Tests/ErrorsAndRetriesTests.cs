using System.Net;
using System.Text.Json.Nodes;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Connector.Tests.TestSupport;

namespace UpsellAdmin.Connector.Tests;

public sealed class ErrorsAndRetriesTests
{
    private const string Configuration = """{"NowUtc":"2026-11-22T10:00:00Z","Enterprise":{"Id":"e1","Name":"Hotel","Pricing":"Gross"}}""";

    private static LoyaltyProgramAddition Program(string code) =>
        new() { Name = "Club " + code, Code = code, Type = LoyaltyProgramType.Hotel, Subscription = LoyaltySubscription.Free };

    [Fact]
    public async Task GetConfigurationAsync_403WithMewsError_ThrowsMewsApiExceptionWithMessageAndRequestIdWithoutRetry()
    {
        var stub = new StubHandler(_ => StubHandler.Json("""{"Message":"Invalid EnterpriseId.","RequestId":"req-403"}""", HttpStatusCode.Forbidden));
        await using var host = GatewayHost.OverStub(stub);

        var e = await Assert.ThrowsAsync<MewsApiException>(() => host.Gateway.GetConfigurationAsync(ct: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
        Assert.Equal("Invalid EnterpriseId.", e.MewsMessage);
        Assert.Equal("req-403", e.RequestId);
        Assert.Equal("configuration/get", e.Operation);
        Assert.True(e.IsBusinessRuleViolation);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task GetConfigurationAsync_ErrorWithoutBodyRequestId_TakesRequestIdFromHeader()
    {
        var stub = new StubHandler(_ => StubHandler.Json("""{"Message":"Invalid ClientToken."}""", HttpStatusCode.Unauthorized, requestId: "hdr-1"));
        await using var host = GatewayHost.OverStub(stub);

        var e = await Assert.ThrowsAsync<MewsApiException>(() => host.Gateway.GetConfigurationAsync(ct: TestContext.Current.CancellationToken));

        Assert.Equal("hdr-1", e.RequestId);
        Assert.True(e.IsAuthenticationFailure);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task GetConfigurationAsync_TransientStatusThenSuccess_RetriesAndReturnsData(HttpStatusCode transient)
    {
        var calls = 0;
        var stub = new StubHandler(_ => Interlocked.Increment(ref calls) == 1
            ? StubHandler.Json("""{"Message":"Try again."}""", transient)
            : StubHandler.Json(Configuration));
        await using var host = GatewayHost.OverStub(stub);

        var configuration = await host.Gateway.GetConfigurationAsync(ct: TestContext.Current.CancellationToken);

        Assert.Equal(PricingMode.Gross, configuration.Enterprise!.Pricing);
        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal(stub.Requests[0].Body, stub.Requests[1].Body);
    }

    [Fact]
    public async Task GetConfigurationAsync_429WithRetryAfter_WaitsAndRetries()
    {
        var calls = 0;
        var stub = new StubHandler(_ =>
        {
            if (Interlocked.Increment(ref calls) > 1)
                return StubHandler.Json(Configuration);
            var limited = StubHandler.Json("""{"Message":"Too many requests."}""", HttpStatusCode.TooManyRequests);
            limited.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
            return limited;
        });
        await using var host = GatewayHost.OverStub(stub);

        var configuration = await host.Gateway.GetConfigurationAsync(ct: TestContext.Current.CancellationToken);

        Assert.Equal("e1", configuration.Enterprise!.Id);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task GetConfigurationAsync_AlwaysFailing_GivesUpWithTypedExceptionAfterConfiguredRetries()
    {
        var stub = new StubHandler(_ => StubHandler.Json("""{"Message":"Boom.","RequestId":"req-500"}""", HttpStatusCode.InternalServerError));
        await using var host = GatewayHost.OverStub(stub, o => o.MaxRetryAttempts = 2);

        var e = await Assert.ThrowsAsync<MewsApiException>(() => host.Gateway.GetConfigurationAsync(ct: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.InternalServerError, e.StatusCode);
        Assert.Equal("req-500", e.RequestId);
        Assert.Equal(3, stub.Requests.Count);
    }

    private static OrderAddition UpgradeOrder() => new()
    {
        ServiceId = "svc",
        AccountId = "acc",
        Items = [new OrderItemParameters { Name = "Upgrade", UnitCount = 1, UnitAmount = new AmountParameters { Currency = "EUR", GrossValue = 30m, TaxCodes = ["DE-S"] } }],
    };

    private static string SentExternalId(RecordedRequest add) => JsonNode.Parse(add.Body)!["Items"]![0]!["ExternalIdentifier"]!.GetValue<string>();

    [Fact]
    public async Task AddOrderAsync_500AndLookupFailingToo_IsNotResentAndThrowsOutcomeUnknownWithExternalIdentifiers()
    {
        var stub = new StubHandler(_ => StubHandler.Json("""{"Message":"Internal error.","RequestId":"req-o"}""", HttpStatusCode.InternalServerError));
        await using var host = GatewayHost.OverStub(stub, o => o.MaxRetryAttempts = 1);

        var e = await Assert.ThrowsAsync<MewsOutcomeUnknownException>(() => host.Gateway.AddOrderAsync(UpgradeOrder(), TestContext.Current.CancellationToken));

        var add = Assert.Single(stub.Requests, r => r.Operation == "orders/add");
        Assert.Equal([SentExternalId(add)], e.ExternalIdentifiers);
        Assert.Equal("req-o", e.RequestId);
        Assert.Contains("acc", e.Guidance);
    }

    [Fact]
    public async Task AddOrderAsync_500AfterMewsApplied_FindsItsItemsAndReturnsTheOrderWithoutResending()
    {
        RecordedRequest? add = null;
        var stub = new StubHandler(request =>
        {
            if (request.Operation == "orders/add")
            {
                add = request;
                return StubHandler.Json("""{"Message":"Internal error."}""", HttpStatusCode.InternalServerError);
            }

            var item = new JsonObject { ["Id"] = "i1", ["AccountId"] = "acc", ["ServiceOrderId"] = "order-1", ["ExternalIdentifier"] = SentExternalId(add!) };
            return StubHandler.Json(new JsonObject { ["OrderItems"] = new JsonArray(item), ["Cursor"] = "i1" }.ToJsonString());
        });
        await using var host = GatewayHost.OverStub(stub);

        var orderId = await host.Gateway.AddOrderAsync(UpgradeOrder(), TestContext.Current.CancellationToken);

        Assert.Equal("order-1", orderId);
        Assert.Equal(["orders/add", "orderItems/getAll"], stub.Requests.Select(r => r.Operation));
        Assert.Equal(["acc"], JsonNode.Parse(stub.Requests[1].Body)!["AccountIds"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task AddOrderAsync_500BeforeMewsApplied_NotFoundSoResentOnceWithTheSameIdentifiers()
    {
        var adds = 0;
        var stub = new StubHandler(request => request.Operation switch
        {
            "orders/add" when Interlocked.Increment(ref adds) == 1 => StubHandler.Json("""{"Message":"Internal error."}""", HttpStatusCode.InternalServerError),
            "orders/add" => StubHandler.Json("""{"OrderId":"order-2"}"""),
            _ => StubHandler.Json("""{"OrderItems":[],"Cursor":null}"""),
        });
        await using var host = GatewayHost.OverStub(stub);

        var orderId = await host.Gateway.AddOrderAsync(UpgradeOrder(), TestContext.Current.CancellationToken);

        Assert.Equal("order-2", orderId);
        Assert.Equal(["orders/add", "orderItems/getAll", "orders/add"], stub.Requests.Select(r => r.Operation));
        Assert.Equal(SentExternalId(stub.Requests[0]), SentExternalId(stub.Requests[2]));
    }

    [Fact]
    public async Task AddReservationProductAsync_Timeout_IsNotResentAndThrowsOutcomeUnknown()
    {
        var stub = new StubHandler(async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return StubHandler.Json("""{"ItemIds":["i1"]}""");
        });
        await using var host = GatewayHost.OverStub(stub, o => o.WriteTimeout = TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAsync<MewsOutcomeUnknownException>(() => host.Gateway.AddReservationProductAsync(
            new ReservationProductAddition { ReservationId = "r1", ProductId = "p1", Count = 1 }, TestContext.Current.CancellationToken));

        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task AddLoyaltyProgramsAsync_429_IsRetriedBecauseMewsDidNotProcessIt()
    {
        var calls = 0;
        var stub = new StubHandler(_ => Interlocked.Increment(ref calls) == 1
            ? StubHandler.Json("""{"Message":"Too many requests."}""", HttpStatusCode.TooManyRequests)
            : StubHandler.Json("""{"LoyaltyPrograms":[{"Id":"p1","Code":"A"}]}"""));
        await using var host = GatewayHost.OverStub(stub);

        var added = await host.Gateway.AddLoyaltyProgramsAsync([Program("A")], TestContext.Current.CancellationToken);

        Assert.Equal("p1", Assert.Single(added).Id);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task AddLoyaltyProgramsAsync_400_FailsWithoutRetryOrLookup()
    {
        var stub = new StubHandler(_ => StubHandler.Json("""{"Message":"Invalid Code."}""", HttpStatusCode.BadRequest));
        await using var host = GatewayHost.OverStub(stub);

        var e = await Assert.ThrowsAsync<MewsApiException>(() => host.Gateway.AddLoyaltyProgramsAsync([Program("A")], TestContext.Current.CancellationToken));

        Assert.IsNotType<MewsOutcomeUnknownException>(e);
        Assert.Equal("loyaltyPrograms/add", Assert.Single(stub.Requests).Operation);
    }

    [Fact]
    public async Task AddLoyaltyProgramsAsync_TimeoutAfterMewsApplied_LooksUpAndReturnsItWithoutResending()
    {
        var store = new List<JsonObject>();
        var stub = new StubHandler(async (request, ct) =>
        {
            if (request.Operation == "loyaltyPrograms/add")
            {
                lock (store)
                    store.Add(new JsonObject { ["Id"] = "p-new", ["Code"] = "A", ["Name"] = "Club A" });
                await Task.Delay(TimeSpan.FromSeconds(30), ct); // applied, then too slow to answer
            }

            lock (store)
                return StubHandler.Json(new JsonObject { ["LoyaltyPrograms"] = new JsonArray(store.Select(p => (JsonNode)p.DeepClone()).ToArray()), ["Cursor"] = null }.ToJsonString());
        });
        await using var host = GatewayHost.OverStub(stub, o => o.WriteTimeout = TimeSpan.FromMilliseconds(200));

        var added = await host.Gateway.AddLoyaltyProgramsAsync([Program("A")], TestContext.Current.CancellationToken);

        Assert.Equal("p-new", Assert.Single(added).Id);
        Assert.Equal(["loyaltyPrograms/add", "loyaltyPrograms/getAll"], stub.Requests.Select(r => r.Operation));
        Assert.Equal(["A"], JsonNode.Parse(stub.Requests[1].Body)!["Codes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Single(store);
    }

    [Fact]
    public async Task AddLoyaltyProgramsAsync_500BeforeMewsApplied_LooksUpThenResendsOnlyTheMissingOnce()
    {
        var adds = 0;
        var stub = new StubHandler(request => request.Operation switch
        {
            "loyaltyPrograms/add" when Interlocked.Increment(ref adds) == 1 => StubHandler.Json("""{"Message":"Internal error."}""", HttpStatusCode.InternalServerError),
            "loyaltyPrograms/add" => StubHandler.Json("""{"LoyaltyPrograms":[{"Id":"p-b","Code":"B"}]}"""),
            _ => StubHandler.Json("""{"LoyaltyPrograms":[{"Id":"p-a","Code":"A"}],"Cursor":"p-a"}"""), // A existed (applied), B did not
        });
        await using var host = GatewayHost.OverStub(stub);

        var added = await host.Gateway.AddLoyaltyProgramsAsync([Program("A"), Program("B")], TestContext.Current.CancellationToken);

        Assert.Equal(["p-a", "p-b"], added.Select(p => p.Id).Order());
        Assert.Equal(["loyaltyPrograms/add", "loyaltyPrograms/getAll", "loyaltyPrograms/add"], stub.Requests.Select(r => r.Operation));
        var resent = JsonNode.Parse(stub.Requests[2].Body)!["LoyaltyPrograms"]!.AsArray();
        Assert.Equal("B", Assert.Single(resent)!["Code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AddLoyaltyMembershipsAsync_AlwaysAmbiguousAndNeverFound_ThrowsOutcomeUnknownAfterOneResend()
    {
        var stub = new StubHandler(request => request.Operation == "loyaltyMemberships/add"
            ? StubHandler.Json("""{"Message":"Gateway timeout."}""", HttpStatusCode.GatewayTimeout)
            : StubHandler.Json("""{"LoyaltyMemberships":[],"Cursor":null}"""));
        await using var host = GatewayHost.OverStub(stub);

        await Assert.ThrowsAsync<MewsOutcomeUnknownException>(() => host.Gateway.AddLoyaltyMembershipsAsync(
            [new LoyaltyMembershipAddition { AccountId = "c1", LoyaltyProgramId = "p1", IsPrimary = true }], TestContext.Current.CancellationToken));

        Assert.Equal(
            ["loyaltyMemberships/add", "loyaltyMemberships/getAll", "loyaltyMemberships/add", "loyaltyMemberships/getAll"],
            stub.Requests.Select(r => r.Operation));
    }
}
