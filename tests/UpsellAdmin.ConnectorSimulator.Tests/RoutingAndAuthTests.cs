using System.Net;

namespace UpsellAdmin.ConnectorSimulator.Tests;

public sealed class RoutingAndAuthTests : SimulatorTestBase
{
    private const string ValidBody = """{"ClientToken":"E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D","AccessToken":"C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D","Client":"Tests 1.0"}""";

    [Theory]
    [InlineData("api/connector/v1/Configuration/get")]
    [InlineData("api/connector/v1/configuration/Get")]
    [InlineData("api/Connector/v1/configuration/get")]
    [InlineData("api/connector/v1/reservations/getall/2023-06-06")]
    public async Task Post_WrongCase_Returns404(string path)
    {
        var response = await Client.PostRawAsync(path, ValidBody, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Theory]
    [InlineData("api/connector/v1/configuration/get/")]
    [InlineData("api/connector/v1/reservations/getAll/2023-06-06/")]
    public async Task Post_TrailingSlash_Returns404(string path)
    {
        var response = await Client.PostRawAsync(path, ValidBody, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.True(response.Headers.Contains("Request-Id"));
    }

    [Theory]
    [InlineData("api/connector/v1/configuration/getAll")]
    [InlineData("api/connector/v1/reservations/getAll")]
    [InlineData("api/connector/v1/")]
    public async Task Post_UnknownOperation_Returns404(string path)
    {
        var response = await Client.PostRawAsync(path, ValidBody, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task NonPost_KnownOperation_Returns405(string method)
    {
        var response = await Client.PostRawAsync("api/connector/v1/configuration/get", ValidBody, Ct, new HttpMethod(method));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Contains("POST", response.ContentHeaders.Allow);
    }

    [Fact]
    public async Task Post_UnknownAccessToken_Returns401WithErrorBody()
    {
        var client = ClientFor(DemoTokens.ClientToken, "NOT-A-TOKEN");

        var response = await client.PostAsync("configuration/get", ct: Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.False(string.IsNullOrWhiteSpace(response.Object["Message"]?.GetValue<string>()));
        var requestId = response.Object["RequestId"]?.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(requestId));
        Assert.Equal(requestId, Assert.Single(response.Headers.GetValues("Request-Id")));
    }

    [Fact]
    public async Task Post_UnknownClientToken_Returns401()
    {
        var response = await ClientFor("UNKNOWN", DemoTokens.AccessToken).PostAsync("configuration/get", ct: Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task Post_AccessTokenOfAnotherIntegration_Returns401()
    {
        var response = await ClientFor(DemoTokens.ClientToken, DemoTokens.Client3AccessToken).PostAsync("configuration/get", ct: Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task Post_MissingTokens_Returns401()
    {
        var response = await Client.PostRawAsync("api/connector/v1/configuration/get", """{"Client":"Tests"}""", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task Post_MissingClient_Returns400InvalidClient()
    {
        var response = await Client.PostRawAsync(
            "api/connector/v1/configuration/get",
            $$$"""{"ClientToken":"{{{DemoTokens.ClientToken}}}","AccessToken":"{{{DemoTokens.AccessToken}}}"}""",
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid Client", response.Object["Message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"ClientToken":"x","AccessToken":"y","Client":"z",}""")]
    [InlineData("""{"ClientToken":"x" """)]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public async Task Post_InvalidJson_Returns400InvalidJson(string body)
    {
        var response = await Client.PostRawAsync("api/connector/v1/configuration/get", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid JSON", response.Object["Message"]!.GetValue<string>());
        Assert.True(response.Headers.Contains("Request-Id"));
    }

    [Fact]
    public async Task Post_ValidRequest_HasRequestIdHeader()
    {
        var response = await Client.PostAsync("configuration/get", ct: Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(Guid.TryParse(Assert.Single(response.Headers.GetValues("Request-Id")), out _));
    }

    [Theory]
    [InlineData(DemoTokens.ClientToken, DemoTokens.AccessToken, "GBP", "Europe/Budapest", "Gross")]
    [InlineData(DemoTokens.Client3ClientToken, DemoTokens.Client3AccessToken, "EUR", "Europe/Lisbon", "Gross")]
    [InlineData(DemoTokens.ClientToken, DemoTokens.NetAccessToken, "USD", "America/New_York", "Net")]
    public async Task ConfigurationGet_SingleEnterpriseToken_ReturnsItsEnterprise(string clientToken, string accessToken, string currency, string timeZone, string pricing)
    {
        var response = await ClientFor(clientToken, accessToken).PostAsync("configuration/get", ct: Ct);

        var enterprise = response.Object["Enterprise"]!;
        Assert.Equal(timeZone, enterprise["TimeZoneIdentifier"]!.GetValue<string>());
        Assert.Equal(pricing, enterprise["Pricing"]!.GetValue<string>());
        Assert.Equal(currency, enterprise["Currencies"]!.AsArray().Single(c => c!["IsDefault"]!.GetValue<bool>())!["Currency"]!.GetValue<string>());
        Assert.Equal(DemoIds.Chain.ToString(), enterprise["ChainId"]!.GetValue<string>());
        Assert.False(enterprise["IsPortfolio"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ConfigurationGet_PortfolioTokenWithoutEnterpriseId_ReturnsPortfolioEnterprise()
    {
        var portfolio = ClientFor(DemoTokens.PortfolioClientToken, DemoTokens.PortfolioAccessToken);

        var dummy = await portfolio.PostAsync("configuration/get", ct: Ct);
        var lisbon = await portfolio.PostAsync("configuration/get", Json($$$"""{"EnterpriseId":"{{{DemoIds.EnterpriseB}}}"}"""), Ct);

        Assert.True(dummy.Object["Enterprise"]!["IsPortfolio"]!.GetValue<bool>());
        Assert.Equal(DemoIds.EnterpriseB.ToString(), lisbon.Object["Enterprise"]!["Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Read_PortfolioToken_SeesAllThreeEnterprises()
    {
        var portfolio = ClientFor(DemoTokens.PortfolioClientToken, DemoTokens.PortfolioAccessToken);

        var response = await portfolio.PostAsync("services/getAll", Json("""{"ServiceType":"Bookable","Limitation":{"Count":100}}"""), Ct);

        var enterprises = response.Array("Services").Select(s => s!["EnterpriseId"]!.GetValue<string>()).Distinct().ToList();
        Assert.Equal(3, enterprises.Count);
    }
}
