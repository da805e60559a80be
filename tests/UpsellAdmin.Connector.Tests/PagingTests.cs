using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Connector.Tests.TestSupport;

namespace UpsellAdmin.Connector.Tests;

public sealed class PagingTests
{
    /// <summary>Serves <paramref name="total"/> services newest first, like Mews: Cursor = id of the page's last item.</summary>
    private static StubHandler ServicesStub(int total) => new(request =>
    {
        var limitation = JsonNode.Parse(request.Body)!["Limitation"]!;
        var count = limitation["Count"]!.GetValue<int>();
        var cursor = limitation["Cursor"]?.GetValue<string>();
        var start = cursor is null ? 0 : int.Parse(cursor.Split('-')[1], CultureInfo.InvariantCulture) + 1;
        var ids = Enumerable.Range(start, Math.Max(0, Math.Min(count, total - start))).Select(i => $"s-{i}").ToList();
        var body = new JsonObject
        {
            ["Services"] = new JsonArray(ids.Select(id => (JsonNode)new JsonObject { ["Id"] = id, ["IsActive"] = true }).ToArray()),
            ["Cursor"] = ids.Count == 0 ? null : ids[^1],
        };
        return StubHandler.Json(body.ToJsonString());
    });

    [Fact]
    public async Task GetServicesAsync_ShortLastPage_FollowsCursorAndStopsWithoutAnExtraCall()
    {
        var stub = ServicesStub(total: 5);
        await using var host = GatewayHost.OverStub(stub, o => o.PageSize = 2);

        var services = await host.Gateway.GetServicesAsync(ct: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["s-0", "s-1", "s-2", "s-3", "s-4"], services.Select(s => s.Id));
        Assert.Equal(3, stub.Requests.Count);
        var sentCursors = stub.Requests.Select(r => JsonNode.Parse(r.Body)!["Limitation"]!["Cursor"]?.GetValue<string>()).ToList();
        Assert.Equal([null, "s-1", "s-3"], sentCursors);
    }

    [Fact]
    public async Task GetServicesAsync_FullLastPage_StopsOnEmptyPageWithNullCursor()
    {
        var stub = ServicesStub(total: 4);
        await using var host = GatewayHost.OverStub(stub, o => o.PageSize = 2);

        var services = await host.Gateway.GetServicesAsync(ct: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(4, services.Count);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task GetServicesAsync_CallerStopsEnumerating_NoFurtherPagesFetched()
    {
        var stub = ServicesStub(total: 10);
        await using var host = GatewayHost.OverStub(stub, o => o.PageSize = 2);

        var first = await host.Gateway.GetServicesAsync(ct: TestContext.Current.CancellationToken).Take(3).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task GetServicesAsync_FilterCountGiven_UsesItAsPageSize()
    {
        var stub = ServicesStub(total: 3);
        await using var host = GatewayHost.OverStub(stub);

        var services = await host.Gateway.GetServicesAsync(new ServiceFilter { Limitation = new Limitation(1) }, TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, services.Count);
        Assert.All(stub.Requests, r => Assert.Equal(1, JsonDocument.Parse(r.Body).RootElement.GetProperty("Limitation").GetProperty("Count").GetInt32()));
    }
}
