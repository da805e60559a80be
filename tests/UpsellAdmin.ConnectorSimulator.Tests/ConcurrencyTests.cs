using System.Net;

namespace UpsellAdmin.ConnectorSimulator.Tests;

public sealed class ConcurrencyTests : SimulatorTestBase
{
    [Fact]
    public async Task OrdersAdd_ManyInParallelWithReads_EveryWriteStoredOnce()
    {
        const int writes = 40;
        var tasks = Enumerable.Range(0, writes).Select(async i =>
        {
            var write = Client.PostAsync(
                "orders/add",
                Json($$$"""{"ServiceId":"{{{DemoIds.AccommodationServiceA}}}","AccountId":"{{{DemoIds.JohnSmith}}}","ProductOrders":[{"ProductId":"{{{DemoIds.ParkingProductA}}}","ExternalIdentifier":"P-{{{i}}}"}]}"""),
                Ct);
            var read = Client.PostAsync("reservations/getAll/2023-06-06", Json("""{"Limitation":{"Count":50}}"""), Ct);
            return (await write, await read);
        });

        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Item1.Status));
        Assert.All(results, r => Assert.Equal(50, r.Item2.Array("Reservations").Count));
        Assert.Equal(writes, Server.Store.Orders.Count);
        Assert.Equal(writes, Server.Store.Orders.Select(o => o.Items.Single().ExternalIdentifier).Distinct().Count());
        Assert.Equal(writes, Server.Statistics.WritesApplied);
    }

    [Fact]
    public async Task Reads_PortfolioTokenWithEnterpriseIds_NarrowsToThoseEnterprises()
    {
        var portfolio = ClientFor(DemoTokens.PortfolioClientToken, DemoTokens.PortfolioAccessToken);

        var ids = await ReadAllIdsWithAsync(portfolio, $$$"""{"EnterpriseIds":["{{{DemoIds.EnterpriseC}}}"]}""");

        var expected = Server.Store.Reservations.Where(r => r.EnterpriseId == DemoIds.EnterpriseC).Select(r => r.Id.ToString()).ToHashSet();
        Assert.Equal(expected, ids.ToHashSet());
    }

    private static async Task<List<string>> ReadAllIdsWithAsync(ConnectorTestClient client, string filter)
    {
        var ids = new List<string>();
        string? cursor = null;
        while (true)
        {
            var body = Json(filter);
            body["Limitation"] = Limitation(100, cursor);
            var page = await client.PostAsync("reservations/getAll/2023-06-06", body, Ct);
            var items = page.Array("Reservations");
            if (items.Count == 0)
            {
                return ids;
            }

            ids.AddRange(items.Select(x => x!["Id"]!.GetValue<string>()));
            cursor = page.Cursor;
        }
    }
}
