using System.Net;
using System.Text.Json.Nodes;

namespace UpsellAdmin.ConnectorSimulator.Tests;

public sealed class PagingTests : SimulatorTestBase
{
    [Theory]
    [InlineData(4)]
    [InlineData(3)]
    [InlineData(12)]
    public async Task GetAll_ExactMultipleOfCount_LastPageHasCursorThenEmptyPageWithNullCursor(int count)
    {
        // 12 sources are seeded.
        Assert.Equal(12, Server.Store.Sources.Count);
        string? cursor = null;
        for (var page = 0; page < 12 / count; page++)
        {
            var response = await Client.PostAsync("sources/getAll", new() { ["Limitation"] = Limitation(count, cursor) }, Ct);
            Assert.Equal(count, response.Array("Sources").Count);
            Assert.NotNull(response.Cursor);
            cursor = response.Cursor;
        }

        var last = await Client.PostAsync("sources/getAll", new() { ["Limitation"] = Limitation(count, cursor) }, Ct);

        Assert.Equal(HttpStatusCode.OK, last.Status);
        Assert.Empty(last.Array("Sources"));
        Assert.True(last.Object.ContainsKey("Cursor"));
        Assert.Null(last.Cursor);
    }

    [Fact]
    public async Task GetAll_NotAMultipleOfCount_LastPageIsShortAndHasCursor()
    {
        var first = await Client.PostAsync("sources/getAll", new() { ["Limitation"] = Limitation(5) }, Ct);
        var second = await Client.PostAsync("sources/getAll", new() { ["Limitation"] = Limitation(5, first.Cursor) }, Ct);
        var third = await Client.PostAsync("sources/getAll", new() { ["Limitation"] = Limitation(5, second.Cursor) }, Ct);

        Assert.Equal(2, third.Array("Sources").Count);
        Assert.Equal(third.Array("Sources")[^1]!["Id"]!.GetValue<string>(), third.Cursor);
    }

    [Fact]
    public async Task GetAll_WalkingAllPages_NewestFirstWithoutDuplicatesOrGaps()
    {
        var expected = Server.Store.Reservations
            .Where(r => r.EnterpriseId == DemoIds.EnterpriseA)
            .OrderByDescending(r => r.Sequence)
            .Select(r => r.Id.ToString())
            .ToList();

        var ids = await ReadAllIdsAsync("reservations/getAll/2023-06-06", "Reservations", () => [], 7);

        Assert.True(expected.Count > 100);
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task GetAll_NewestFirst_AddedItemComesFirst()
    {
        var added = await Client.PostAsync(
            "loyaltyPrograms/add",
            Json("""{"LoyaltyPrograms":[{"Name":"Newest","Code":"NEW","Type":"Hotel","Subscription":"Free"}]}"""),
            Ct);
        var newId = added.Array("LoyaltyPrograms")[0]!["Id"]!.GetValue<string>();

        var page = await Client.PostAsync("loyaltyPrograms/getAll", new() { ["Limitation"] = Limitation(2) }, Ct);

        Assert.Equal(newId, page.Array("LoyaltyPrograms")[0]!["Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetAll_FilteredPages_OnlyMatchingItemsAndStableCursor()
    {
        var body = () => Json("""{"States":["Started"]}""");

        var ids = await ReadAllIdsAsync("reservations/getAll/2023-06-06", "Reservations", body, 5);

        var expected = Server.Store.Reservations.Where(r => r.EnterpriseId == DemoIds.EnterpriseA && r.State == "Started").Select(r => r.Id.ToString()).ToHashSet();
        Assert.Equal(expected, ids.ToHashSet());
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task GetAll_UnknownCursor_ReturnsEmptyPage()
    {
        var response = await Client.PostAsync("sources/getAll", new() { ["Limitation"] = Limitation(5, Guid.NewGuid().ToString()) }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Empty(response.Array("Sources"));
        Assert.Null(response.Cursor);
    }

    [Fact]
    public async Task GetAll_MalformedCursor_Returns400()
    {
        var response = await Client.PostAsync("sources/getAll", new() { ["Limitation"] = new JsonObject { ["Count"] = 5, ["Cursor"] = "abc" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task CustomersGetAll_ExtentWithoutCustomers_StillReturnsCursor()
    {
        var response = await Client.PostAsync(
            "customers/getAll",
            Json("""{"Extent":{"Customers":false},"LastNames":["Smith"],"Limitation":{"Count":10}}"""),
            Ct);

        Assert.Empty(response.Array("Customers"));
        Assert.NotNull(response.Cursor);
    }
}
