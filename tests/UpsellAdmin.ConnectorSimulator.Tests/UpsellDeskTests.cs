using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace UpsellAdmin.ConnectorSimulator.Tests;

/// <summary>Helpers for the upsell desk's reads: enterprise A's local days (Europe/Budapest) as UTC.</summary>
internal static class DeskDays
{
    private static readonly TimeZoneInfo Budapest = TimeZoneInfo.FindSystemTimeZoneById("Europe/Budapest");

    public static DateTimeOffset StartUtc(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Budapest.GetUtcOffset(local)).ToUniversalTime();
    }

    public static string Z(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Interval(DateOnly date, int days = 1) =>
        $$"""{"StartUtc":"{{Z(StartUtc(date))}}","EndUtc":"{{Z(StartUtc(date.AddDays(days)))}}"}""";

    public static List<int> Ints(JsonNode node) => node.AsArray().Select(x => x!.GetValue<int>()).ToList();

    public static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);
}

/// <summary>Today's arrivals, in-house guests, their customers and memberships, and the full-night case (seed).</summary>
public sealed class UpsellDeskSeedTests : SimulatorTestBase
{
    private static readonly DateOnly Today = TestDates.Today;

    private async Task<List<JsonObject>> ReservationsAsync(string filter)
    {
        var all = new List<JsonObject>();
        string? cursor = null;
        while (true)
        {
            var body = Json(filter);
            body["Limitation"] = Limitation(100, cursor);
            var page = await Client.PostAsync("reservations/getAll/2023-06-06", body, Ct);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var items = page.Array("Reservations");
            if (items.Count == 0)
            {
                return all;
            }

            all.AddRange(items.Select(x => x!.AsObject()));
            cursor = page.Cursor;
        }
    }

    [Fact]
    public async Task Arrivals_Today_EnterpriseA_TenToTwentyFiveWithRealGuestsSomeMembers()
    {
        var arrivals = await ReservationsAsync($$$"""{"EnterpriseIds":["{{{DemoIds.EnterpriseA}}}"],"ServiceIds":["{{{DemoIds.AccommodationServiceA}}}"],"ScheduledStartUtc":{{{DeskDays.Interval(Today)}}},"States":["Confirmed","Started","Optional"]}""");

        Assert.InRange(arrivals.Count, 10, 25);
        Assert.Contains(arrivals, r => r["State"]!.GetValue<string>() == "Started" && r["AssignedResourceId"] is not null);
        var accountIds = arrivals.Select(r => r["AccountId"]!.GetValue<string>()).Distinct().ToList();
        var customers = await Client.PostAsync("customers/getAll", Json($$$"""{"CustomerIds":[{{{string.Join(",", accountIds.Select(id => $"\"{id}\""))}}}],"Extent":{"Customers":true},"Limitation":{"Count":1000}}"""), Ct);
        Assert.Equal(accountIds.Count, customers.Array("Customers").Count);
        Assert.All(customers.Array("Customers"), c => Assert.False(string.IsNullOrEmpty(c!["FirstName"]?.GetValue<string>())));
        var memberships = await Client.PostAsync("loyaltyMemberships/getAll", Json($$$"""{"AccountIds":[{{{string.Join(",", accountIds.Select(id => $"\"{id}\""))}}}],"Limitation":{"Count":1000}}"""), Ct);
        Assert.True(memberships.Array("LoyaltyMemberships").Count >= 3);
        Assert.All(arrivals, r =>
        {
            foreach (var field in new[] { "Id", "Number", "State", "ServiceId", "AccountId", "BookerId", "RequestedResourceCategoryId", "RateId", "BusinessSegmentId", "Origin", "CreatedUtc", "ScheduledStartUtc", "ScheduledEndUtc", "PersonCounts" })
            {
                Assert.NotNull(r[field]);
            }
        });
    }

    [Fact]
    public async Task Arrivals_Today_BAndC_HaveArrivalsToo()
    {
        var portfolio = ClientFor(DemoTokens.PortfolioClientToken, DemoTokens.PortfolioAccessToken);
        foreach (var enterprise in new[] { DemoIds.EnterpriseB, DemoIds.EnterpriseC })
        {
            var e = Server.Store.Enterprises.Single(x => x.Id == enterprise);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(e.TimeZoneIdentifier);
            var local = Today.ToDateTime(TimeOnly.MinValue);
            var start = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
            var response = await portfolio.PostAsync("reservations/getAll/2023-06-06",
                Json($$$"""{"EnterpriseIds":["{{{enterprise}}}"],"ScheduledStartUtc":{"StartUtc":"{{{DeskDays.Z(start)}}}","EndUtc":"{{{DeskDays.Z(start.AddDays(1))}}}"},"States":["Confirmed","Started"],"Limitation":{"Count":1000}}"""), Ct);

            Assert.InRange(response.Array("Reservations").Count, 10, 40);
        }
    }

    [Fact]
    public async Task InHouse_StatesStarted_AllHaveRoomsAndActualStart()
    {
        var inHouse = await ReservationsAsync($$$"""{"EnterpriseIds":["{{{DemoIds.EnterpriseA}}}"],"States":["Started"]}""");

        Assert.True(inHouse.Count >= 12);
        Assert.Contains(inHouse, r => r["Id"]!.GetValue<string>() == DemoIds.Reservation52.ToString());
        Assert.All(inHouse, r => Assert.NotNull(r["ActualStartUtc"]));
        var desk = inHouse.Where(r => DeskDays.Time(r["ScheduledStartUtc"]) >= DeskDays.StartUtc(Today)).ToList();
        Assert.NotEmpty(desk);
        Assert.All(desk, r => Assert.NotNull(r["AssignedResourceId"]));
        Assert.Equal(desk.Count, desk.Select(r => r["AssignedResourceId"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task FullNight_TargetTypeFreeOnFirstTwoNightsAndFullOnTheThird()
    {
        var scenario = Server.Store.FullNight!;
        Assert.NotNull(scenario);
        Assert.Equal(Today.AddDays(2), scenario.FullNight);
        Assert.Equal((DemoIds.StandardDoubleA, DemoIds.SuperiorDoubleA), (scenario.FromCategoryId, scenario.FullCategoryId)); // for the default Seed and this Today
        var stay = Server.Store.Reservations.Single(r => r.Id == scenario.ReservationId);
        Assert.Equal((scenario.CustomerId, "Confirmed", scenario.FromCategoryId), (stay.AccountId, stay.State, stay.RequestedResourceCategoryId));
        Assert.Contains(Server.Store.LoyaltyMemberships, m => m.AccountId == scenario.CustomerId && m.State == "Enrolled");

        var availability = await Client.PostAsync("services/getAvailability/2024-01-22",
            Json($$$"""{"ServiceId":"{{{DemoIds.AccommodationServiceA}}}","FirstTimeUnitStartUtc":"{{{DeskDays.Z(DeskDays.StartUtc(Today))}}}","LastTimeUnitStartUtc":"{{{DeskDays.Z(DeskDays.StartUtc(Today.AddDays(2)))}}}","Metrics":["Occupied","UsableResources","PublicAvailabilityAdjustment"]}"""), Ct);

        var metrics = availability.Array("ResourceCategoryAvailabilities").Single(c => c!["ResourceCategoryId"]!.GetValue<string>() == scenario.FullCategoryId.ToString())!["Metrics"]!;
        var free = DeskDays.Ints(metrics["UsableResources"]!).Zip(DeskDays.Ints(metrics["Occupied"]!), (u, o) => u - o).ToList();
        Assert.True(free[0] >= 1 && free[1] >= 1, string.Join(",", free));
        Assert.Equal(0, free[2]);
        var legacy = await Client.PostAsync("services/getAvailability",
            Json($$$"""{"ServiceId":"{{{DemoIds.AccommodationServiceA}}}","FirstTimeUnitStartUtc":"{{{DeskDays.Z(DeskDays.StartUtc(Today))}}}","LastTimeUnitStartUtc":"{{{DeskDays.Z(DeskDays.StartUtc(Today.AddDays(2)))}}}"}"""), Ct);
        var legacyFree = DeskDays.Ints(legacy.Array("CategoryAvailabilities").Single(c => c!["CategoryId"]!.GetValue<string>() == scenario.FullCategoryId.ToString())!["Availabilities"]!);
        Assert.Equal(0, legacyFree[2]);
        Assert.True(legacyFree[0] >= 1 && legacyFree[1] >= 1);
    }

    [Fact]
    public void Seed_SameSeedAndToday_SameDeskData()
    {
        var a = new SimulatorStore(new SimulatorOptions { Today = Today });
        var b = new SimulatorStore(new SimulatorOptions { Today = Today });

        Assert.Equal(a.FullNight, b.FullNight);
        Assert.Equal(a.Reservations.Select(r => (r.Id, r.Number, r.State, r.AccountId, r.RequestedResourceCategoryId, r.AssignedResourceId)),
            b.Reservations.Select(r => (r.Id, r.Number, r.State, r.AccountId, r.RequestedResourceCategoryId, r.AssignedResourceId)));
        Assert.Equal(a.ResourceCategoryAssignments.Count, a.Resources.Count);
    }

    [Fact]
    public async Task ReservationsGetAll_FiltersAndErrors()
    {
        var inHouse = Server.Store.Reservations.Where(r => r.EnterpriseId == DemoIds.EnterpriseA && r.State == "Started").ToList();
        var ids = await ReadAllIdsAsync("reservations/getAll/2023-06-06", "Reservations", () => Json($$$"""{"States":["Started"],"ServiceIds":["{{{DemoIds.AccommodationServiceA}}}"]}"""), 4);
        Assert.Equal(inHouse.Select(r => r.Id.ToString()).Order(), ids.Order());

        var processed = await ReservationsAsync("""{"States":["Processed"]}""");
        Assert.All(processed, r => Assert.NotNull(r["ActualEndUtc"]));
        var canceled = await ReservationsAsync("""{"States":["Canceled"]}""");
        Assert.All(canceled, r => Assert.NotNull(r["CancelledUtc"]));
        var byId = await ReservationsAsync($$$"""{"ReservationIds":["{{{DemoIds.Reservation52}}}"],"States":["Started"]}""");
        Assert.Single(byId);

        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync("reservations/getAll/2023-06-06", Json("""{"States":["NoShow"],"Limitation":{"Count":10}}"""), Ct)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync("reservations/getAll/2023-06-06", Json($$$"""{"ScheduledStartUtc":{{{DeskDays.Interval(Today, 100)}}},"Limitation":{"Count":10}}"""), Ct)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync("reservations/getAll/2023-06-06", Json($$$"""{"ScheduledStartUtc":{{{DeskDays.Interval(Today)}}},"ActualStartUtc":{{{DeskDays.Interval(Today)}}},"Limitation":{"Count":10}}"""), Ct)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync("reservations/getAll/2023-06-06", Json($$$"""{"ScheduledStartUtc":{{{DeskDays.Interval(Today)}}}}"""), Ct)).Status);
    }

    [Fact]
    public async Task CustomersAndMemberships_TooManyIds_Return400()
    {
        var ids = string.Join(",", Enumerable.Range(0, 1001).Select(_ => $"\"{Guid.NewGuid()}\""));

        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync("customers/getAll", Json($$$"""{"CustomerIds":[{{{ids}}}],"Extent":{"Customers":true},"Limitation":{"Count":10}}"""), Ct)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync("loyaltyMemberships/getAll", Json($$$"""{"AccountIds":[{{{ids}}}],"Limitation":{"Count":10}}"""), Ct)).Status);
    }

    [Fact]
    public async Task ResourceCategoryAssignments_OnePerRoom_CategoryOfTheRoom_StatesFromTheEnum()
    {
        var categories = Server.Store.ResourceCategories.Where(c => c.EnterpriseId == DemoIds.EnterpriseA).Select(c => $"\"{c.Id}\"");
        var ids = await ReadAllIdsAsync("resourceCategoryAssignments/getAll", "ResourceCategoryAssignments", () => Json($$"""{"ResourceCategoryIds":[{{string.Join(",", categories)}}]}"""), 25);
        Assert.Equal(Server.Store.Resources.Count(r => r.EnterpriseId == DemoIds.EnterpriseA), ids.Count);

        var std = await Client.PostAsync("resourceCategoryAssignments/getAll", Json($$$"""{"ResourceCategoryIds":["{{{DemoIds.StandardDoubleA}}}"],"ResourceIds":["{{{DemoIds.Room101A}}}"],"Limitation":{"Count":10}}"""), Ct);
        var assignment = Assert.Single(std.Array("ResourceCategoryAssignments"))!;
        Assert.Equal((DemoIds.Room101A.ToString(), DemoIds.StandardDoubleA.ToString(), true), (assignment["ResourceId"]!.GetValue<string>(), assignment["CategoryId"]!.GetValue<string>(), assignment["IsActive"]!.GetValue<bool>()));
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync("resourceCategoryAssignments/getAll", Json("""{"Limitation":{"Count":10}}"""), Ct)).Status);

        var rooms = await Client.PostAsync("resources/getAll", Json("""{"Extent":{"Resources":true},"Limitation":{"Count":1000}}"""), Ct);
        var states = rooms.Array("Resources").Select(r => r!["State"]!.GetValue<string>()).ToHashSet();
        Assert.Subset(new HashSet<string> { "Dirty", "Clean", "Inspected", "OutOfService", "OutOfOrder" }, states);
        Assert.True(states.Count >= 3);
    }
}

/// <summary>orderItems/getAll SpaceOrder nights and filters, orders/add Items, orderItems/cancel.</summary>
public sealed class OrderItemsDeskTests : SimulatorTestBase
{
    private static readonly DateOnly Today = TestDates.Today;

    private async Task<List<JsonObject>> ItemsAsync(string filter, ConnectorTestClient? client = null)
    {
        var body = Json(filter);
        body["Limitation"] = Limitation(1000);
        var response = await (client ?? Client).PostAsync("orderItems/getAll", body, Ct);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Array("OrderItems").Select(x => x!.AsObject()).ToList();
    }

    [Fact]
    public async Task SpaceOrders_OnePerNight_AmountEqualsGetPricingForRateAndCategory()
    {
        var stay = Server.Store.Reservations.Single(r => r.Id == Server.Store.FullNight!.ReservationId);

        var nights = await ItemsAsync($$$"""{"ServiceOrderIds":["{{{stay.Id}}}"],"Types":["SpaceOrder"]}""");

        Assert.Equal(3, nights.Count);
        var pricing = await Client.PostAsync("rates/getPricing",
            Json($$$"""{"RateId":"{{{stay.RateId}}}","FirstTimeUnitStartUtc":"{{{DeskDays.Z(DeskDays.StartUtc(Today))}}}","LastTimeUnitStartUtc":"{{{DeskDays.Z(DeskDays.StartUtc(Today.AddDays(2)))}}}"}"""), Ct);
        var units = pricing.Array("TimeUnitStartsUtc").Select(DeskDays.Time).ToList();
        var prices = pricing.Array("CategoryPrices").Single(c => c!["CategoryId"]!.GetValue<string>() == stay.RequestedResourceCategoryId.ToString())!["AmountPrices"]!.AsArray();
        foreach (var night in nights)
        {
            var index = units.IndexOf(DeskDays.Time(night["StartUtc"]));
            Assert.InRange(index, 0, 2);
            Assert.Equal(prices[index]!["GrossValue"]!.GetValue<decimal>(), night["Amount"]!["GrossValue"]!.GetValue<decimal>());
            Assert.Equal(prices[index]!["NetValue"]!.GetValue<decimal>(), night["Amount"]!["NetValue"]!.GetValue<decimal>());
            Assert.Equal("GBP", night["Amount"]!["Currency"]!.GetValue<string>());
            Assert.Equal(("Open", stay.Id.ToString(), stay.AccountId.ToString()), (night["AccountingState"]!.GetValue<string>(), night["ServiceOrderId"]!.GetValue<string>(), night["AccountId"]!.GetValue<string>()));
            Assert.Equal(DemoIds.AccommodationAccountingCategoryA.ToString(), night["AccountingCategoryId"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task SpaceOrders_StateOfTheReservation_OptionalInactive_ProcessedClosed_CanceledNone()
    {
        var a = Server.Store.Reservations.Where(r => r.EnterpriseId == DemoIds.EnterpriseA).ToList();
        var optional = a.First(r => r.State == "Optional");
        var processed = a.First(r => r.State == "Processed");
        var canceled = a.First(r => r.State == "Canceled");

        Assert.All(await ItemsAsync($$$"""{"ServiceOrderIds":["{{{optional.Id}}}"]}"""), x => Assert.Equal("Inactive", x["AccountingState"]!.GetValue<string>()));
        var closed = await ItemsAsync($$$"""{"ServiceOrderIds":["{{{processed.Id}}}"]}""");
        Assert.NotEmpty(closed);
        Assert.All(closed, x => Assert.Equal("Closed", x["AccountingState"]!.GetValue<string>()));
        Assert.All(closed, x => Assert.NotNull(x["ClosedUtc"]));
        Assert.Empty(await ItemsAsync($$$"""{"ServiceOrderIds":["{{{canceled.Id}}}"]}"""));
        Assert.Empty(await ItemsAsync($$$"""{"ServiceOrderIds":["{{{optional.Id}}}"],"AccountingStates":["Open"]}"""));
    }

    [Fact]
    public async Task SpaceOrders_PagedByCursor_AcrossManyReservations()
    {
        var stays = Server.Store.Reservations.Where(r => r.EnterpriseId == DemoIds.EnterpriseA && r.State is "Started" or "Confirmed").Take(20).ToList();
        var expected = stays.Sum(r => (r.ScheduledEndUtc.Date - r.ScheduledStartUtc.Date).Days);
        var list = string.Join(",", stays.Select(r => $"\"{r.Id}\""));

        var ids = await ReadAllIdsAsync("orderItems/getAll", "OrderItems", () => Json($$"""{"ServiceOrderIds":[{{list}}],"Types":["SpaceOrder"]}"""), 7);

        Assert.Equal(expected, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task OrdersAdd_Items_StoredAndVisibleWithEveryField_FiltersWork()
    {
        var stay = Server.Store.Reservations.Single(r => r.Id == DemoIds.Reservation52);
        var added = await Client.PostAsync("orders/add", Json($$$"""
            {"ServiceId":"{{{DemoIds.AccommodationServiceA}}}","AccountId":"{{{stay.AccountId}}}","LinkedReservationId":"{{{stay.Id}}}","ConsumptionUtc":"{{{DeskDays.Z(DeskDays.StartUtc(Today.AddDays(1)))}}}",
             "Items":[{"Name":"Upgrade to Superior Double","UnitCount":2,"UnitAmount":{"Currency":"GBP","GrossValue":30,"TaxCodes":["UK-S"]},"AccountingCategoryId":"{{{DemoIds.AccommodationAccountingCategoryA}}}","ExternalIdentifier":"UPSELL-DESK-1"}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.OK, added.Status);
        var orderId = added.Object["OrderId"]!.GetValue<string>();

        var item = Assert.Single(await ItemsAsync($$$"""{"ServiceOrderIds":["{{{orderId}}}"]}"""));
        Assert.Equal(("CustomItem", "UPSELL-DESK-1", "Upgrade to Superior Double", 2), (item["Type"]!.GetValue<string>(), item["ExternalIdentifier"]!.GetValue<string>(), item["BillingName"]!.GetValue<string>(), item["UnitCount"]!.GetValue<int>()));
        Assert.Equal((60m, 50m, "GBP"), (item["Amount"]!["GrossValue"]!.GetValue<decimal>(), item["Amount"]!["NetValue"]!.GetValue<decimal>(), item["Amount"]!["Currency"]!.GetValue<string>()));
        Assert.Equal(DemoIds.AccommodationAccountingCategoryA.ToString(), item["AccountingCategoryId"]!.GetValue<string>());
        Assert.Equal(DeskDays.StartUtc(Today.AddDays(1)), DeskDays.Time(item["ConsumedUtc"]));
        var id = item["Id"]!.GetValue<string>();

        Assert.Single(await ItemsAsync($$$"""{"OrderItemIds":["{{{id}}}"]}"""));
        Assert.Contains(await ItemsAsync($$$"""{"AccountIds":["{{{stay.AccountId}}}"],"Types":["CustomItem"]}"""), x => x["Id"]!.GetValue<string>() == id);
        var createdNow = $$"""{"StartUtc":"{{DeskDays.Z(DateTimeOffset.UtcNow.AddMinutes(-5))}}","EndUtc":"{{DeskDays.Z(DateTimeOffset.UtcNow.AddMinutes(5))}}"}""";
        Assert.Single(await ItemsAsync($$"""{"CreatedUtc":{{createdNow}}}"""));
        Assert.Empty(await ItemsAsync($$$"""{"OrderItemIds":["{{{id}}}"],"Types":["ProductOrder"]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync("orderItems/getAll", Json($$$"""{"OrderItemIds":["{{{id}}}"],"Types":["Night"],"Limitation":{"Count":10}}"""), Ct)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync("orderItems/getAll", Json($$$"""{"OrderItemIds":["{{{id}}}"],"AccountingStates":["Paid"],"Limitation":{"Count":10}}"""), Ct)).Status);
    }

    private async Task<string> AddItemAsync(Guid reservationId, string externalId)
    {
        var stay = Server.Store.Reservations.Single(r => r.Id == reservationId);
        var added = await Client.PostAsync("orders/add", Json($$$"""
            {"ServiceId":"{{{DemoIds.AccommodationServiceA}}}","AccountId":"{{{stay.AccountId}}}","LinkedReservationId":"{{{stay.Id}}}",
             "Items":[{"Name":"Upgrade","UnitCount":1,"UnitAmount":{"Currency":"GBP","GrossValue":25,"TaxCodes":["UK-S"]},"ExternalIdentifier":"{{{externalId}}}"}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.OK, added.Status);
        return (await ItemsAsync($$$"""{"ServiceOrderIds":["{{{added.Object["OrderId"]!.GetValue<string>()}}}"]}"""))[0]["Id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Cancel_OpenItem_BecomesCanceledWithCanceledUtc_AndSecondCancelIsHarmless()
    {
        var id = await AddItemAsync(DemoIds.Reservation52, "C-1");

        var cancel = await Client.PostAsync("orderItems/cancel", Json($$$"""{"OrderItemIds":["{{{id}}}"]}"""), Ct);

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal("{}", cancel.RawBody);
        var item = Assert.Single(await ItemsAsync($$$"""{"OrderItemIds":["{{{id}}}"]}"""));
        Assert.Equal("Canceled", item["AccountingState"]!.GetValue<string>());
        var canceledUtc = DeskDays.Time(item["CanceledUtc"]);
        Assert.Single(await ItemsAsync($$$"""{"CanceledUtc":{"StartUtc":"{{{DeskDays.Z(canceledUtc.AddMinutes(-1))}}}","EndUtc":"{{{DeskDays.Z(canceledUtc.AddMinutes(1))}}}"}}"""));
        Assert.Single(await ItemsAsync($$$"""{"OrderItemIds":["{{{id}}}"],"AccountingStates":["Canceled"]}"""));
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("orderItems/cancel", Json($$$"""{"OrderItemIds":["{{{id}}}"]}"""), Ct)).Status);
        Assert.Equal(canceledUtc, DeskDays.Time((await ItemsAsync($$$"""{"OrderItemIds":["{{{id}}}"]}"""))[0]["CanceledUtc"]));
    }

    [Fact]
    public async Task Cancel_InvalidRequests_Return400AndChangeNothing()
    {
        var open = await AddItemAsync(DemoIds.Reservation52, "C-2");
        var departed = Server.Store.Reservations.First(r => r.EnterpriseId == DemoIds.EnterpriseA && r.State == "Processed");
        var closed = await AddItemAsync(departed.Id, "C-3");
        Assert.Equal("Closed", (await ItemsAsync($$$"""{"OrderItemIds":["{{{closed}}}"]}"""))[0]["AccountingState"]!.GetValue<string>());
        var night = (await ItemsAsync($$$"""{"ServiceOrderIds":["{{{DemoIds.Reservation52}}}"],"Types":["SpaceOrder"]}"""))[0]["Id"]!.GetValue<string>();
        var eleven = string.Join(",", Enumerable.Range(0, 11).Select(_ => $"\"{open}\""));

        foreach (var body in new[]
        {
            $$$"""{"OrderItemIds":["{{{open}}}","{{{closed}}}"]}""",
            $$$"""{"OrderItemIds":["{{{open}}}","{{{Guid.NewGuid()}}}"]}""",
            $$$"""{"OrderItemIds":["{{{night}}}"]}""",
            $$"""{"OrderItemIds":[{{eleven}}]}""",
            """{"OrderItemIds":[]}""",
        })
        {
            var response = await Client.PostAsync("orderItems/cancel", Json(body), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal("Invalid OrderItemIds", response.Object["Message"]!.GetValue<string>());
        }

        Assert.Equal("Open", (await ItemsAsync($$$"""{"OrderItemIds":["{{{open}}}"]}"""))[0]["AccountingState"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_PortfolioToken_NeedsEnterpriseId()
    {
        var id = await AddItemAsync(DemoIds.Reservation52, "C-4");
        var portfolio = ClientFor(DemoTokens.PortfolioClientToken, DemoTokens.PortfolioAccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, (await portfolio.PostAsync("orderItems/cancel", Json($$$"""{"OrderItemIds":["{{{id}}}"]}"""), Ct)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await portfolio.PostAsync("orderItems/cancel", Json($$$"""{"EnterpriseId":"{{{DemoIds.EnterpriseB}}}","OrderItemIds":["{{{id}}}"]}"""), Ct)).Status);
        Assert.Equal(HttpStatusCode.OK, (await portfolio.PostAsync("orderItems/cancel", Json($$$"""{"EnterpriseId":"{{{DemoIds.EnterpriseA}}}","OrderItemIds":["{{{id}}}"]}"""), Ct)).Status);
        Assert.Equal("Canceled", (await ItemsAsync($$$"""{"EnterpriseIds":["{{{DemoIds.EnterpriseA}}}"],"OrderItemIds":["{{{id}}}"]}""", portfolio))[0]["AccountingState"]!.GetValue<string>());
    }
}

/// <summary>reservations/update of the category: availability and what the guest pays follow.</summary>
public sealed class UpgradeTests : SimulatorTestBase
{
    private static readonly DateOnly Today = TestDates.Today;

    private async Task<Dictionary<string, List<int>>> ConfirmedAsync()
    {
        var response = await Client.PostAsync("services/getAvailability/2024-01-22",
            Json($$$"""{"ServiceId":"{{{DemoIds.AccommodationServiceA}}}","FirstTimeUnitStartUtc":"{{{DeskDays.Z(DeskDays.StartUtc(Today))}}}","LastTimeUnitStartUtc":"{{{DeskDays.Z(DeskDays.StartUtc(Today.AddDays(2)))}}}","Metrics":["ConfirmedReservations","UsableResources"]}"""), Ct);
        return response.Array("ResourceCategoryAvailabilities").ToDictionary(
            c => c!["ResourceCategoryId"]!.GetValue<string>(),
            c => DeskDays.Ints(c!["Metrics"]!["ConfirmedReservations"]!).Concat(DeskDays.Ints(c["Metrics"]!["UsableResources"]!)).ToList());
    }

    private async Task<List<decimal>> NightsAsync(Guid reservationId) =>
        (await Client.PostAsync("orderItems/getAll", Json($$$"""{"ServiceOrderIds":["{{{reservationId}}}"],"Types":["SpaceOrder"],"Limitation":{"Count":100}}"""), Ct))
        .Array("OrderItems").OrderBy(x => DeskDays.Time(x!["StartUtc"])).Select(x => x!["Amount"]!["GrossValue"]!.GetValue<decimal>()).ToList();

    [Fact]
    public async Task Update_CategoryWithoutReprice_AvailabilityFollowsAndPriceStays()
    {
        var scenario = Server.Store.FullNight!;
        var stay = Server.Store.Reservations.Single(r => r.Id == scenario.ReservationId);
        var target = Server.Store.ResourceCategories.Single(c => c.Id == scenario.FullCategoryId);
        var before = await ConfirmedAsync();
        var pricesBefore = await NightsAsync(stay.Id);

        var update = await Client.PostAsync("reservations/update",
            Json($$$"""{"ReservationUpdates":[{"ReservationId":"{{{stay.Id}}}","RequestedCategoryId":{"Value":"{{{target.Id}}}"}}],"Reprice":false}"""), Ct);

        Assert.Equal(HttpStatusCode.OK, update.Status);
        var after = await ConfirmedAsync();
        for (var night = 0; night < 3; night++)
        {
            var usable = before[target.Id.ToString()][3 + night];
            Assert.Equal(Math.Min(usable, before[target.Id.ToString()][night] + 1), after[target.Id.ToString()][night]);
            Assert.True(after[stay.RequestedResourceCategoryId.ToString()][night] <= before[stay.RequestedResourceCategoryId.ToString()][night]);
        }

        Assert.True(after[target.Id.ToString()][0] > before[target.Id.ToString()][0]);
        Assert.Equal(pricesBefore, await NightsAsync(stay.Id));
        var read = await Client.PostAsync("reservations/getAll/2023-06-06", Json($$$"""{"ReservationIds":["{{{stay.Id}}}"],"Limitation":{"Count":1}}"""), Ct);
        Assert.Equal(target.Id.ToString(), read.Array("Reservations")[0]!["RequestedResourceCategoryId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_CategoryWithReprice_NightsPricedOnTheNewCategory()
    {
        var stay = Server.Store.Reservations.Single(r => r.Id == Server.Store.FullNight!.ReservationId);
        var pricesBefore = await NightsAsync(stay.Id);

        var update = await Client.PostAsync("reservations/update",
            Json($$$"""{"ReservationUpdates":[{"ReservationId":"{{{stay.Id}}}","RequestedCategoryId":{"Value":"{{{DemoIds.SuperiorDoubleA}}}"}}],"Reprice":true,"Reason":"Upgrade"}"""), Ct);

        Assert.Equal(HttpStatusCode.OK, update.Status);
        var pricing = await Client.PostAsync("rates/getPricing",
            Json($$$"""{"RateId":"{{{stay.RateId}}}","FirstTimeUnitStartUtc":"{{{DeskDays.Z(DeskDays.StartUtc(Today))}}}","LastTimeUnitStartUtc":"{{{DeskDays.Z(DeskDays.StartUtc(Today.AddDays(2)))}}}"}"""), Ct);
        var superior = pricing.Array("CategoryPrices").Single(c => c!["CategoryId"]!.GetValue<string>() == DemoIds.SuperiorDoubleA.ToString())!["AmountPrices"]!.AsArray().Select(a => a!["GrossValue"]!.GetValue<decimal>()).ToList();
        var pricesAfter = await NightsAsync(stay.Id);
        Assert.Equal(superior, pricesAfter);
        Assert.All(pricesAfter.Zip(pricesBefore), p => Assert.True(p.First > p.Second));
    }
}

/// <summary>SimulatorOptions.BulkArrivals: 400 arrivals of one property on one day.</summary>
public sealed class BulkArrivalsTests : SimulatorTestBase
{
    private static readonly DateOnly Day = TestDates.Today.AddDays(5);

    protected override void Configure(SimulatorOptions options)
    {
        options.BulkArrivals = new BulkArrivalsOptions { Count = 400, Date = Day, EnterpriseId = DemoIds.EnterpriseA };
        options.RateLimit = 0;
    }

    [Fact]
    public async Task BulkArrivals_400OnTheDay_PagedWithDistinctCustomers()
    {
        var ids = await ReadAllIdsAsync("reservations/getAll/2023-06-06", "Reservations",
            () => Json($$$"""{"EnterpriseIds":["{{{DemoIds.EnterpriseA}}}"],"ScheduledStartUtc":{{{DeskDays.Interval(Day)}}}}"""), 100);

        Assert.InRange(ids.Count, 400, 440);
        var bulk = Server.Store.Reservations.Where(r => r.Number.Length == 5 && r.Number.StartsWith('1')).ToList();
        Assert.Equal(400, bulk.Count);
        Assert.Equal(400, bulk.Select(r => r.AccountId).Distinct().Count());
        Assert.Equal(600, Server.Store.Customers.Count);
        var first = string.Join(",", bulk.Take(1000).Select(r => $"\"{r.AccountId}\""));
        var customers = await Client.PostAsync("customers/getAll", Json($$$"""{"CustomerIds":[{{{first}}}],"Extent":{"Customers":true},"Limitation":{"Count":1000}}"""), Ct);
        Assert.Equal(400, customers.Array("Customers").Count);
    }

    [Fact]
    public void BulkArrivals_Default_Off()
    {
        var store = new SimulatorStore(new SimulatorOptions { Today = TestDates.Today });

        Assert.Equal(200, store.Customers.Count);
        Assert.DoesNotContain(store.Reservations, r => r.Number.Length == 5 && r.Number.StartsWith('1'));
    }
}
