using System.Net;

namespace UpsellAdmin.ConnectorSimulator.Tests;

public sealed class FaultInjectionTests : SimulatorTestBase
{
    private static string OrderBody => $$$"""{"ServiceId":"{{{DemoIds.AccommodationServiceA}}}","AccountId":"{{{DemoIds.JohnSmith}}}","ProductOrders":[{"ProductId":"{{{DemoIds.ParkingProductA}}}","Count":1,"ExternalIdentifier":"UPSELL-42"}]}""";

    [Fact]
    public async Task ServerErrorRate_One_Returns500AndCountsFault()
    {
        Server.Options.ServerErrorRate = 1;

        var response = await Client.PostAsync("configuration/get", ct: Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.NotNull(response.Object["Message"]);
        Assert.True(response.Headers.Contains("Request-Id"));
        Assert.Equal(1, Server.Statistics.ServerErrorsInjected);
    }

    [Fact]
    public async Task RequestTimeoutRate_One_Returns408()
    {
        Server.Options.RequestTimeoutRate = 1;

        var response = await Client.PostAsync("configuration/get", ct: Ct);

        Assert.Equal(HttpStatusCode.RequestTimeout, response.Status);
        Assert.Equal(1, Server.Statistics.TimeoutsInjected);
    }

    [Fact]
    public async Task DropConnectionRate_One_ClientSeesNoResponse()
    {
        Server.Options.DropConnectionRate = 1;

        await Assert.ThrowsAsync<HttpRequestException>(() => Client.PostAsync("configuration/get", ct: Ct));

        Assert.Equal(1, Server.Statistics.ConnectionsDropped);
    }

    [Fact]
    public async Task Faults_ResetAtRuntime_NextCallSucceeds()
    {
        Server.Options.ServerErrorRate = 1;
        await Client.PostAsync("configuration/get", ct: Ct);

        Server.Options.ServerErrorRate = 0;
        var response = await Client.PostAsync("configuration/get", ct: Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task PreExecutionFault_OnWrite_DoesNotApplyWrite()
    {
        Server.Options.ServerErrorRate = 1;

        var response = await Client.PostAsync("orders/add", Json(OrderBody), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.Empty(Server.Store.Orders);
    }

    [Fact]
    public async Task PostWriteServerError_WriteLandsButClientSees500()
    {
        Server.Options.PostWriteServerErrorRate = 1;

        var response = await Client.PostAsync("orders/add", Json(OrderBody), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        var order = Assert.Single(Server.Store.Orders);
        Assert.Equal("UPSELL-42", order.Items.Single().ExternalIdentifier);
        Assert.Equal(1, Server.Statistics.PostWriteFaultsInjected);
    }

    [Fact]
    public async Task PostWriteDropConnection_WriteLandsButClientSeesNoResponse()
    {
        Server.Options.PostWriteDropConnectionRate = 1;

        await Assert.ThrowsAsync<HttpRequestException>(() => Client.PostAsync("orders/add", Json(OrderBody), Ct));

        Assert.Single(Server.Store.Orders);
    }

    [Fact]
    public async Task PostWriteDelay_ClientTimesOut_WriteLandsOnce()
    {
        Server.Options.PostWriteDelay = TimeSpan.FromMinutes(5);
        using var impatient = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(3) };
        var client = new ConnectorTestClient(impatient);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PostAsync("orders/add", Json(OrderBody), Ct));

        // The write is applied before the delay; wait on that condition rather than on time.
        for (var i = 0; i < 200 && Server.Store.Orders.Count == 0; i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Single(Server.Store.Orders);
        Assert.Equal(1, Server.Statistics.WritesApplied);
    }

    [Fact]
    public async Task FaultOperations_OnlyListedOperationsFail()
    {
        Server.Options.FaultOperations = new HashSet<string>(StringComparer.Ordinal) { "orders/add" };
        Server.Options.ServerErrorRate = 1;

        var read = await Client.PostAsync("configuration/get", ct: Ct);
        var write = await Client.PostAsync("orders/add", Json(OrderBody), Ct);

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, write.Status);
    }

    [Fact]
    public async Task Latency_Set_RequestStillSucceeds()
    {
        Server.Options.Latency = TimeSpan.FromMilliseconds(20);

        var response = await Client.PostAsync("configuration/get", ct: Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }
}

public sealed class FaultDeterminismTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Faults_SameSeed_SameSequenceOfAnswers()
    {
        var first = await RunAsync(seed: 7);
        var second = await RunAsync(seed: 7);

        Assert.Equal(first, second);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.Contains(HttpStatusCode.InternalServerError, first);
    }

    private static async Task<List<HttpStatusCode>> RunAsync(int seed)
    {
        await using var server = await SimulatorServer.StartAsync(
            o =>
            {
                o.Seed = seed;
                o.Today = TestDates.Today;
                o.ServerErrorRate = 0.4;
                o.RequestTimeoutRate = 0.2;
            },
            Ct);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var client = new ConnectorTestClient(http);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            statuses.Add((await client.PostAsync("configuration/get", ct: Ct)).Status);
        }

        return statuses;
    }
}
