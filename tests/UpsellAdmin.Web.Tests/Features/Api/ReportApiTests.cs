using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using UpsellAdmin.Web.Features.Api;
using UpsellAdmin.Web.Features.Reports;
using UpsellAdmin.Web.Tests.Features.Reports;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>GET /api/properties/{code}/upsell-report: the JSON shape and figures (the report service's), the CSV form,
/// 400 problems naming the parameter (also a range over 3 years), 401; 404 for an unknown property or one outside the key.</summary>
public sealed class ReportApiTests(ExportTestApp app) : IClassFixture<ExportTestApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> UrlAsync(string query) => $"/api/properties/{await app.PropertyCodeAsync(Ct)}/upsell-report?{query}";

    [Fact]
    public async Task Json_HasTheIssuesShape_AndTheServicesFigures()
    {
        var code = await app.PropertyCodeAsync(Ct);
        using var client = app.CreateApiClient();
        using var response = await client.GetAsync(await UrlAsync("from=2026-11-01&to=2026-11-30&groupBy=roomTypePair"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = json.RootElement;

        var asked = app.Reports.Queries.Last(q => q.GroupBy.SequenceEqual([ReportGrouping.RoomTypePair]));
        Assert.Equal([code], asked.PropertyCodes);
        Assert.Equal(ReportDateBasis.SaleDate, asked.DateBasis);
        var expected = FakeReports.ReportFor(asked).Sections[0];

        Assert.Equal(code, root.GetProperty("propertyCode").GetString());
        Assert.Equal("EUR", root.GetProperty("currencyCode").GetString());
        Assert.Equal("2026-11-01", root.GetProperty("from").GetString());
        Assert.Equal("2026-11-30", root.GetProperty("to").GetString());
        Assert.Equal("roomTypePair", root.GetProperty("groupBy").GetString());
        Assert.Equal(expected.Totals.ReservationsPresented, root.GetProperty("presented").GetInt32());
        Assert.Equal(expected.Totals.Sold, root.GetProperty("sold").GetInt32());
        Assert.Equal(expected.Totals.Declined, root.GetProperty("declined").GetInt32());
        Assert.Equal(expected.Totals.Conversion, root.GetProperty("conversion").GetDecimal());
        Assert.Equal(expected.Totals.Revenue, root.GetProperty("revenue").GetDecimal());
        Assert.Equal(expected.Totals.OffersPresented, root.GetProperty("offersPresented").GetInt32());
        Assert.Equal(expected.Totals.UpgradeRoomNights, root.GetProperty("upgradeRoomNights").GetInt32());
        var groups = root.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(expected.Groups[ReportGrouping.RoomTypePair].Count, groups.Count);
        foreach (var (group, want) in groups.Zip(expected.Groups[ReportGrouping.RoomTypePair]))
        {
            Assert.Equal(want.Key, group.GetProperty("key").GetString());
            Assert.Equal(want.Figures.ReservationsPresented, group.GetProperty("presented").GetInt32());
            Assert.Equal(want.Figures.Sold, group.GetProperty("sold").GetInt32());
            Assert.Equal(want.Figures.Declined, group.GetProperty("declined").GetInt32());
            Assert.Equal(want.Figures.Conversion, group.GetProperty("conversion").GetDecimal());
            Assert.InRange(group.GetProperty("conversion").GetDecimal(), 0m, 1m);
            Assert.Equal(want.Figures.Revenue, group.GetProperty("revenue").GetDecimal());
        }
        Assert.Equal(JsonValueKind.Null, groups[0].GetProperty("commission").ValueKind); // always present; null without a commission percent
    }

    [Theory]
    [InlineData("agent", ReportGrouping.Agent)]
    [InlineData("rule", ReportGrouping.Rule)]
    [InlineData("day", ReportGrouping.Day)]
    [InlineData("week", ReportGrouping.Week)]
    [InlineData("addOn", ReportGrouping.AddOn)]
    [InlineData("property", ReportGrouping.Property)]
    public async Task EveryGrouping_IsAsked(string groupBy, ReportGrouping grouping)
    {
        using var client = app.CreateApiClient();
        using var response = await client.GetAsync(await UrlAsync($"from=2026-11-01&to=2026-11-30&groupBy={groupBy}"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(app.Reports.Queries, q => q.GroupBy.SequenceEqual([grouping]));
    }

    [Fact]
    public async Task Csv_WithAcceptTextCsv_TheGroupsWithAHeaderRow()
    {
        using var client = app.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, await UrlAsync("from=2026-11-01&to=2026-11-30&groupBy=agent"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.False(text.StartsWith('\uFEFF'), "no BOM for machine readers");
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Contains("sold", header);
        Assert.Contains("revenue", header);
        Assert.Equal("key", header[0]);
        Assert.Equal(3, lines.Length);
        var first = lines[1].Split(',');
        Assert.Equal("Agent-1", first[0]);
        Assert.Equal("4", first[Array.IndexOf(header, "sold")]);
        Assert.Equal("100.50", first[Array.IndexOf(header, "revenue")]);
        Assert.Equal("0.4", first[Array.IndexOf(header, "conversion")]);
    }

    [Theory]
    [InlineData("to=2026-11-30", "from")]
    [InlineData("from=2026-11-01", "to")]
    [InlineData("from=01/11/2026&to=2026-11-30", "from")]
    [InlineData("from=2026-11-01&to=2026-02-30", "to")]
    [InlineData("from=2026-12-01&to=2026-11-30", "from")]
    [InlineData("from=2026-11-01&to=2026-11-30&groupBy=colour", "groupBy")]
    [InlineData("from=2023-11-01&to=2026-11-01", "to")] // more than 3 years (3 years end on 2026-10-31)
    public async Task BadParameters_Are400ProblemsNamingTheParameter(string query, string parameter)
    {
        using var client = app.CreateApiClient();
        using var response = await client.GetAsync(await UrlAsync(query), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), json.RootElement.ToString());
    }

    [Fact]
    public async Task UnknownProperty_Is404()
    {
        using var client = app.CreateApiClient();
        using var response = await client.GetAsync("/api/properties/NOSUCH/upsell-report?from=2026-11-01&to=2026-11-30", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AKeyLimitedToAnotherProperty_Is404LikeAnUnknownCode_AndNoKeyIs401()
    {
        await app.EnsureOtherPropertyAsync(Ct);
        using (var limited = app.CreateApiClient(ApiOptions.DemoReadOnlyKey)) // the first property by code only
        using (var response = await limited.GetAsync($"/api/properties/{ExportTestApp.OtherProperty}/upsell-report?from=2026-11-01&to=2026-11-30", Ct))
        using (var unknown = await limited.GetAsync("/api/properties/NOSUCH/upsell-report?from=2026-11-01&to=2026-11-30", Ct))
        {
            // As Rules/Desk/Selling: a property outside the key reads exactly as one that does not exist.
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            using var unknownJson = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync(Ct));
            Assert.Equal($"Unknown property code: {ExportTestApp.OtherProperty}.", json.RootElement.GetProperty("detail").GetString());
            Assert.Equal(unknownJson.RootElement.GetProperty("title").GetString(), json.RootElement.GetProperty("title").GetString());
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        Assert.DoesNotContain(app.Reports.Queries, q => q.PropertyCodes.Contains(ExportTestApp.OtherProperty));
        using var anonymous = app.CreateApiClient(key: null);
        using var none = await anonymous.GetAsync(await UrlAsync("from=2026-11-01&to=2026-11-30"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesTheEndpoint_JsonAndCsv()
    {
        using var client = app.CreateApiClient(key: null);
        using var json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct));
        Assert.True(json.RootElement.GetProperty("paths").TryGetProperty("/api/properties/{propertyCode}/upsell-report", out var path),
            string.Join(", ", json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name)));
        var get = path.GetProperty("get");
        Assert.True(get.GetProperty("responses").TryGetProperty("200", out var ok), get.GetRawText());
        Assert.True(ok.TryGetProperty("content", out var content), get.GetRawText());
        Assert.True(content.TryGetProperty("application/json", out _), content.GetRawText());
        Assert.True(content.TryGetProperty("text/csv", out _), content.GetRawText());
        Assert.Contains(get.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "groupBy");
    }
}
