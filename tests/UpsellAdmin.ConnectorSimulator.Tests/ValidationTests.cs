using System.Net;

namespace UpsellAdmin.ConnectorSimulator.Tests;

public sealed class ValidationTests : SimulatorTestBase
{
    [Fact]
    public async Task GetAll_MissingLimitation_Returns400()
    {
        var response = await Client.PostAsync("sources/getAll", ct: Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith("Invalid ", response.Object["Message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task GetAll_CountOutOfRange_Returns400(int count)
    {
        var response = await Client.PostAsync("accountingCategories/getAll", new() { ["Limitation"] = Limitation(count) }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public async Task GetAll_CountAtBounds_Returns200(int count)
    {
        var response = await Client.PostAsync("accountingCategories/getAll", new() { ["Limitation"] = Limitation(count) }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task GetAll_IntervalOverThreeMonths_Returns400()
    {
        var response = await Client.PostAsync(
            "reservations/getAll/2023-06-06",
            Json("""{"UpdatedUtc":{"StartUtc":"2026-01-01T00:00:00Z","EndUtc":"2026-04-01T00:00:01Z"},"Limitation":{"Count":10}}"""),
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid UpdatedUtc", response.Object["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetAll_IntervalOfExactlyThreeMonths_Returns200()
    {
        var response = await Client.PostAsync(
            "reservations/getAll/2023-06-06",
            Json("""{"UpdatedUtc":{"StartUtc":"2026-01-01T00:00:00Z","EndUtc":"2026-04-01T00:00:00Z"},"Limitation":{"Count":10}}"""),
            Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task GetAll_IntervalEndBeforeStart_Returns400()
    {
        var response = await Client.PostAsync(
            "sources/getAll",
            Json("""{"UpdatedUtc":{"StartUtc":"2026-02-01T00:00:00Z","EndUtc":"2026-01-01T00:00:00Z"},"Limitation":{"Count":10}}"""),
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task GetAll_ScheduledAndActualStartTogether_Returns400()
    {
        var response = await Client.PostAsync(
            "reservations/getAll/2023-06-06",
            Json("""{"ScheduledStartUtc":{"StartUtc":"2026-11-01T00:00:00Z","EndUtc":"2026-12-01T00:00:00Z"},"ActualStartUtc":{"StartUtc":"2026-11-01T00:00:00Z","EndUtc":"2026-12-01T00:00:00Z"},"Limitation":{"Count":10}}"""),
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Theory]
    [InlineData("resourceCategories/getAll", """{"Limitation":{"Count":10}}""", "Invalid ServiceIds")]
    [InlineData("products/getAll", """{"Limitation":{"Count":10}}""", "Invalid ServiceIds")]
    [InlineData("rates/getAll", """{"Limitation":{"Count":10}}""", "Invalid ServiceIds")]
    [InlineData("rateGroups/getAll", """{"Limitation":{"Count":10}}""", "Invalid ServiceIds")]
    [InlineData("resources/getAll", """{"Limitation":{"Count":10}}""", "Invalid Extent")]
    [InlineData("customers/getAll", """{"LastNames":["Smith"],"Limitation":{"Count":10}}""", "Invalid Extent")]
    [InlineData("customers/getAll", """{"Extent":{"Customers":true},"Limitation":{"Count":10}}""", "Invalid CustomerIds")]
    [InlineData("loyaltyTiers/getAll", """{"Limitation":{"Count":10}}""", "Invalid LoyaltyProgramIds")]
    [InlineData("rates/getPricing", """{"FirstTimeUnitStartUtc":"2026-11-22T23:00:00Z","LastTimeUnitStartUtc":"2026-11-23T23:00:00Z"}""", "Invalid RateId")]
    [InlineData("services/getAvailability/2024-01-22", """{"ServiceId":"bd26d8db-86da-4f96-9efc-e5a4654a4a94","FirstTimeUnitStartUtc":"2026-11-22T23:00:00Z","LastTimeUnitStartUtc":"2026-11-23T23:00:00Z"}""", "Invalid Metrics")]
    [InlineData("reservations/addProduct", """{"ProductId":"47312820-2268-4f5c-864d-aa4100ed82bc","Count":1}""", "Invalid ReservationId")]
    [InlineData("orders/add", """{"AccountId":"fadd5bb6-b428-45d5-94f8-fd0d89fece6d","Items":[]}""", "Invalid ServiceId")]
    [InlineData("loyaltyMemberships/add", """{"LoyaltyMemberships":[{"AccountId":"fadd5bb6-b428-45d5-94f8-fd0d89fece6d","LoyaltyProgramId":"f701dafb-5765-4cf4-b1dd-1f602a740ae5"}]}""", "Invalid IsPrimary")]
    public async Task Operation_MissingRequiredField_Returns400InvalidParameter(string operation, string body, string message)
    {
        var response = await Client.PostAsync(operation, Json(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(message, response.Object["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Operation_WrongFieldType_Returns400()
    {
        var response = await Client.PostAsync("sources/getAll", Json("""{"Limitation":{"Count":"ten"}}"""), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task GetPricing_FirstNotOnTimeUnitBoundary_Returns400()
    {
        // Enterprise A is in Europe/Budapest: local midnight of 23 Nov 2026 is 22 Nov 23:00Z, not 00:00Z.
        var response = await Client.PostAsync(
            "rates/getPricing",
            Json($$$"""{"RateId":"{{{DemoIds.FullyFlexibleRateA}}}","FirstTimeUnitStartUtc":"2026-11-23T00:00:00Z","LastTimeUnitStartUtc":"2026-11-24T00:00:00Z"}"""),
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid FirstTimeUnitStartUtc", response.Object["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetPricing_MoreThan367Days_Returns400()
    {
        var response = await Client.PostAsync(
            "rates/getPricing",
            Json($$$"""{"RateId":"{{{DemoIds.FullyFlexibleRateA}}}","FirstTimeUnitStartUtc":"2026-11-22T23:00:00Z","LastTimeUnitStartUtc":"2027-11-25T23:00:00Z"}"""),
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task GetAvailability_AcrossDstChange_UsesLocalMidnights()
    {
        // Budapest leaves summer time on 25 Oct 2026: midnight is 22:00Z before and 23:00Z after.
        var response = await Client.PostAsync(
            "services/getAvailability/2024-01-22",
            Json($$$"""{"ServiceId":"{{{DemoIds.AccommodationServiceA}}}","FirstTimeUnitStartUtc":"2026-10-23T22:00:00Z","LastTimeUnitStartUtc":"2026-10-26T23:00:00Z","Metrics":["Occupied"]}"""),
            Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var starts = response.Array("TimeUnitStartsUtc").Select(x => x!.GetValue<string>()).ToList();
        Assert.Equal(["2026-10-23T22:00:00Z", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", "2026-10-26T23:00:00Z"], starts);
    }

    [Fact]
    public async Task Operation_OtherEnterprisesService_Returns400()
    {
        // Enterprise A's token cannot read enterprise B's service.
        var store = Server.Store;
        var lisbonService = store.Services.First(s => s.EnterpriseId == DemoIds.EnterpriseB && s.IsBookable);

        var response = await Client.PostAsync(
            "services/getAvailability/2024-01-22",
            Json($$$"""{"ServiceId":"{{{lisbonService.Id}}}","FirstTimeUnitStartUtc":"2026-11-23T00:00:00Z","LastTimeUnitStartUtc":"2026-11-24T00:00:00Z","Metrics":["Occupied"]}"""),
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task GetAll_PreferReturnMinimalOnEmptyPage_Returns204()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/connector/v1/sources/getAll")
        {
            Content = new StringContent(
                $$$"""{"ClientToken":"{{{DemoTokens.ClientToken}}}","AccessToken":"{{{DemoTokens.AccessToken}}}","Client":"Tests","SourceIds":["{{{Guid.NewGuid()}}}"],"Limitation":{"Count":5}}""",
                System.Text.Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Add("Prefer", "return=minimal");

        using var response = await Client.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
