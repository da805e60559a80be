using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Reports;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Tests.Features.Api;

namespace UpsellAdmin.Web.Tests.Features.Reports;

/// <summary>
/// The three downloads over HTTP (the real app, demo users signed in with the login form): sign-in required, the
/// property check (404 for a property not theirs, as for an unknown one), plain 400s, the file's name, type and content (the report service's figures; the activity
/// log's and the rule grid's rows, all pages).
/// </summary>
public sealed class ExportEndpointTests(ExportTestApp app) : IClassFixture<ExportTestApp>
{
    private const string Admin = "admin@demo.local";
    private const string Revenue = "revenue@demo.local";
    private const string FrontDesk = "frontdesk@demo.local";
    private const string Agent = "export-test-agent";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(PageUrls.ExportUpsellActivity + "?format=csv")]
    [InlineData(PageUrls.ExportUpsellRules + "?format=xlsx&property=X")]
    [InlineData(PageUrls.ExportUpsellReport + "?format=csv&from=2026-11-01&to=2026-11-30")]
    public async Task Anonymous_IsSentToTheLoginPage(string url)
    {
        using var browser = app.Browser();
        using var response = await browser.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(PageUrls.Login, response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnApiKey_IsNotASignIn()
    {
        using var client = app.CreateApiClient();
        using var response = await client.GetAsync(PageUrls.ExportUpsellActivity + "?format=csv", Ct);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(PageUrls.ExportUpsellActivity + "?format=pdf", "format is csv or xlsx")]
    [InlineData(PageUrls.ExportUpsellActivity + "?format=csv&from=2026-13-01", "from is a date")]
    [InlineData(PageUrls.ExportUpsellActivity + "?format=csv&from=2026-11-02&to=2026-11-01", "is after to")]
    [InlineData(PageUrls.ExportUpsellActivity + "?format=csv&status=Lost", "status is one of")]
    [InlineData(PageUrls.ExportUpsellRules + "?format=csv", "property is required")]
    [InlineData(PageUrls.ExportUpsellReport + "?format=xlsx&from=2026-11-01", "to is required")]
    [InlineData(PageUrls.ExportUpsellReport + "?format=xlsx&from=2026-11-01&to=2026-11-30&groupBy=color", "groupBy 'color' is not known")]
    public async Task ABadQuery_IsA400WithAPlainMessage(string url, string message)
    {
        using var browser = await app.SignedInAsync(Revenue, Ct);
        using var response = await browser.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PageUrls.ExportUpsellActivity + "?format=csv&property=" + ExportTestApp.OtherProperty)]
    [InlineData(PageUrls.ExportUpsellRules + "?format=xlsx&property=" + ExportTestApp.OtherProperty)]
    [InlineData(PageUrls.ExportUpsellReport + "?format=csv&from=2026-11-01&to=2026-11-30&properties=" + ExportTestApp.OtherProperty)]
    public async Task APropertyTheUserMayNotSee_Is404_LikeAnUnknownOne(string url)
    {
        await app.EnsureOtherPropertyAsync(Ct);
        using var browser = await app.SignedInAsync(FrontDesk, Ct);
        using var response = await browser.GetAsync(url, Ct);
        using var unknown = await browser.GetAsync(url.Replace(ExportTestApp.OtherProperty, "NOSUCH", StringComparison.Ordinal), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal($"Unknown property: {ExportTestApp.OtherProperty}.", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Unknown property: NOSUCH.", await unknown.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Report_WhenTheServiceSaysUnknownProperty_Is404()
    {
        var code = await app.PropertyCodeAsync(Ct);
        using var browser = await app.SignedInAsync(Revenue, Ct);
        using var response = await browser.GetAsync($"{PageUrls.ExportUpsellReport}?format=csv&from=2026-11-01&to=2026-11-30&properties={code}&agent={FakeReports.UnknownToService}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"Unknown property: {FakeReports.UnknownToService}.", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task AnUnknownProperty_Is404()
    {
        using var browser = await app.SignedInAsync(Revenue, Ct);
        using var response = await browser.GetAsync(PageUrls.ExportUpsellRules + "?format=csv&property=NOSUCH", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Report_Xlsx_IsTheServicesReport_RowsAndTotalsSheets_NamedByPropertyAndDates()
    {
        var code = await app.PropertyCodeAsync(Ct);
        using var browser = await app.SignedInAsync(Revenue, Ct);
        using var response = await browser.GetAsync($"{PageUrls.ExportUpsellReport}?format=xlsx&properties={code}&from=2026-11-01&to=2026-11-30&groupBy=agent,day&by=sale", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"upsell-report_{code}_2026-11-01_2026-11-30.xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        var asked = app.Reports.Queries.Last(q => q.GroupBy.Count == 2);
        Assert.Equal([code], asked.PropertyCodes);
        Assert.Equal(new DateOnly(2026, 11, 1), asked.From);
        Assert.Equal(new DateOnly(2026, 11, 30), asked.To);
        Assert.Equal([ReportGrouping.Agent, ReportGrouping.Day], asked.GroupBy);

        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(["Report", "Totals"], MiniExcel.GetSheetNames(file));
        file.Position = 0;
        var rows = MiniExcel.Query(file, useHeaderRow: true, sheetName: "Report").Cast<IDictionary<string, object>>().ToList();
        var expected = FakeReports.ReportFor(asked);
        var groups = expected.Sections[0].Groups;
        Assert.Equal(4, rows.Count); // 2 agent groups + 2 day groups of the EUR section; HUF has none
        Assert.Equal(["agent", "agent", "day", "day"], rows.Select(r => (string)r["Grouping"]));
        Assert.Equal(groups[ReportGrouping.Agent][0].Key, rows[0]["Key"]);
        Assert.Equal("=first Agent", rows[0]["Label"]); // text stays text in .xlsx
        Assert.Equal(20d, rows[1]["Reservations presented"]);
        Assert.Equal(0.4, rows[1]["Conversion"]);
        Assert.Equal((double)groups[ReportGrouping.Agent][1].Figures.Revenue, rows[1]["Revenue"]);
        Assert.Equal("EUR", rows[1]["Currency"]);
        file.Position = 0;
        var totals = MiniExcel.Query(file, useHeaderRow: true, sheetName: "Totals").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["EUR", "HUF"], totals.Select(t => (string)t["Currency"]));
        Assert.Equal((double)expected.Sections[1].Totals.Revenue, totals[1]["Revenue"]);
        Assert.Equal((double)expected.Sections[0].Totals.Sold, totals[0]["Sold"]);
    }

    [Fact]
    public async Task Report_Csv_HasEveryGroupThenATotalLinePerCurrency()
    {
        var code = await app.PropertyCodeAsync(Ct);
        using var browser = await app.SignedInAsync(Admin, Ct);
        using var response = await browser.GetAsync($"{PageUrls.ExportUpsellReport}?format=csv&properties={code}&from=2026-11-01&to=2026-11-30&groupBy=rule", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"upsell-report_{code}_2026-11-01_2026-11-30.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Currency,Properties,Grouping,Key,Label,Reservations presented,Offers presented,Sold,Declined,Reversed,Reservations bought,Conversion,Posted,Reversed amount,Revenue,", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith($"EUR,{code},rule,Rule-1,'=first Rule,10,25,4,3,1,4,0.4,120.50,20.00,100.50,7.25,25.13,6,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"EUR,{code},rule,Rule-2,\"second, Rule\",20,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith($"EUR,{code},total,TOTAL,Total EUR,30,", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("HUF,HTL-B,total,TOTAL,Total HUF,50,", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_Csv_IsTheLogAsFiltered_NewestFirst_AllRows()
    {
        var code = await app.PropertyCodeAsync(Ct);
        await SeedSalesAsync(code, 1200);
        using var browser = await app.SignedInAsync(FrontDesk, Ct);
        using var response = await browser.GetAsync($"{PageUrls.ExportUpsellActivity}?format=csv&property={code}&agent={Agent}&status=Posted", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"upsell-activity_{code}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Sold date,Sold at (local),Sold at (UTC),Property,Reservation,Guest,Agent,Channel,Kind,From Room Type,To Room Type,Product,Rule,Total,Currency,Status,", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + 600, lines.Length); // every other sale is Posted: all 600 of them, more than any page of the screen
        Assert.Contains(",R-1199,'=cmd|guest 1199,", lines[1], StringComparison.Ordinal); // newest first; the guest's formula is defused
        Assert.Contains(",R-1,'=cmd|guest 1,", lines[^1], StringComparison.Ordinal);
        Assert.Contains(",25.50,EUR,Posted,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_Xlsx_DatesAndAmountsAreExcelTypes_AndTheDateFilterApplies()
    {
        var code = await app.PropertyCodeAsync(Ct);
        await SeedSalesAsync(code, 1200);
        using var browser = await app.SignedInAsync(Revenue, Ct);
        using var response = await browser.GetAsync($"{PageUrls.ExportUpsellActivity}?format=xlsx&property={code}&agent={Agent}&from=2026-01-10&to=2026-01-11", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"upsell-activity_{code}_2026-01-10_2026-01-11.xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.InRange(Assert.IsType<DateTime>(r["Sold date"]), new DateTime(2026, 1, 10), new DateTime(2026, 1, 11)));
        Assert.All(rows, r => Assert.Equal(25.5, r["Total"]));
        Assert.All(rows, r => Assert.IsType<DateTime>(r["Sold at (UTC)"]));
    }

    [Fact]
    public async Task Rules_Csv_IsEveryRuleOfTheProperty_InOperasColumns()
    {
        var code = await app.PropertyCodeAsync(Ct);
        int expected;
        await using (var db = await app.Db.CreateDbContextAsync(Ct))
        {
            var id = await db.Properties.Where(p => p.Code == code).Select(p => p.Id).SingleAsync(Ct);
            expected = await db.UpsellRules.CountAsync(r => r.PropertyId == id, Ct);
        }
        Assert.True(expected > 0, "the demo seeds rules");
        using var browser = await app.SignedInAsync(FrontDesk, Ct);
        using var response = await browser.GetAsync($"{PageUrls.ExportUpsellRules}?format=csv&property={code}&size=10&page=2&sort=Code", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"upsell-rules_{code}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Code,Description,From Room Type,To Room Type,Upsell Amount,Begin Date,End Date,Days of Week,Type,Rate Codes/Categories,", lines[0], StringComparison.Ordinal);
        Assert.Equal(expected + 1, lines.Length); // all pages, whatever the grid's page and size
        var codes = lines.Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(codes.Order(StringComparer.OrdinalIgnoreCase), codes, StringComparer.OrdinalIgnoreCase); // the grid's sort
    }

    [Fact]
    public async Task Rules_Xlsx_CriteriaApply()
    {
        var code = await app.PropertyCodeAsync(Ct);
        string first;
        await using (var db = await app.Db.CreateDbContextAsync(Ct))
        {
            var id = await db.Properties.Where(p => p.Code == code).Select(p => p.Id).SingleAsync(Ct);
            first = await db.UpsellRules.Where(r => r.PropertyId == id).OrderBy(r => r.Code).Select(r => r.Code).FirstAsync(Ct);
        }
        using var browser = await app.SignedInAsync(Revenue, Ct);
        using var response = await browser.GetAsync($"{PageUrls.ExportUpsellRules}?format=xlsx&property={code}&q={Uri.EscapeDataString(first)}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(rows, r => (string)r["Code"] == first);
        Assert.All(rows, r => Assert.True(((string)r["Code"]).Contains(first, StringComparison.OrdinalIgnoreCase)
            || ((string?)r["Description"] ?? "").Contains(first, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Sales of the test agent (once): sale i at 2026-01-01 + i hours, Posted when i is odd, else Reversed.</summary>
    private async Task SeedSalesAsync(string code, int count)
    {
        await using var db = await app.Db.CreateDbContextAsync(Ct);
        if (await db.UpsellSales.AnyAsync(s => s.AgentName == Agent, Ct))
        {
            return;
        }
        var property = await db.Properties.SingleAsync(p => p.Code == code, Ct);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(property.TimeZone);
        for (var i = 0; i < count; i++)
        {
            db.UpsellSales.Add(new UpsellSale
            {
                Id = Guid.NewGuid(), PropertyId = property.Id, PropertyCode = code, EnterpriseId = "e", ReservationId = $"res-{i}", ReservationNumber = $"R-{i}",
                GuestName = $"=cmd|guest {i}", AccountId = "a", ServiceId = "s", Arrival = new DateOnly(2026, 2, 1), Departure = new DateOnly(2026, 2, 3),
                TimeZone = property.TimeZone, Kind = UpsellKind.RoomUpgrade, FromRoomType = "STD", ToRoomType = "SUP", RuleCode = "R1", TotalAmount = 25.5m,
                CurrencyCode = "EUR", OfferId = $"o-{i}", Channel = SaleChannel.Desk, AgentName = Agent, SoldUtc = start.AddHours(i),
                SoldDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start.AddHours(i), zone).DateTime), UpgradeNights = 2, // the property's own day, as the app stores it
                Status = i % 2 == 1 ? UpsellStatus.Posted : UpsellStatus.Reversed, Attempts = 1,
            });
        }
        await db.SaveChangesAsync(Ct);
    }
}

/// <summary>
/// The real app in demo mode (<see cref="DeskApiFactory"/>: demo users, properties, rules, the demo API keys) with the
/// report service replaced by <see cref="FakeReports"/>, whose answer the exports and the API must carry unchanged.
/// A property "XOTHER" exists that no demo user but the Administrator may see.
/// </summary>
public sealed partial class ExportTestApp : DeskApiFactory
{
    public const string OtherProperty = "XOTHER";
    public const string Password = "UpsellDemo1!";

    public FakeReports Reports { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:LoginPerAccount", "0"); // these tests sign in far more than 10 times a minute
        builder.UseSetting("RateLimiting:LoginPerIp", "0");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IUpsellReportService>();
            services.AddSingleton<IUpsellReportService>(Reports);
        });
    }

    public IDbContextFactory<AppDbContext> Db => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    /// <summary>Adds <see cref="OtherProperty"/> once (nobody is given access to it).</summary>
    public async Task EnsureOtherPropertyAsync(CancellationToken ct)
    {
        await using var db = await Db.CreateDbContextAsync(ct);
        if (!await db.Properties.AnyAsync(p => p.Code == OtherProperty, ct))
        {
            db.Properties.Add(new UpsellAdmin.Web.Features.Properties.Property { Code = OtherProperty, Name = "Other hotel", CurrencyCode = "GBP", TimeZone = "Europe/London" });
            await db.SaveChangesAsync(ct);
        }
    }

    public HttpClient Browser() => CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A browser signed in as a demo user through the login form (antiforgery token first).</summary>
    public async Task<HttpClient> SignedInAsync(string email, CancellationToken ct)
    {
        var client = Browser();
        var page = await client.GetStringAsync(PageUrls.Login, ct);
        var token = TokenInput().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on the login page.");
        using var response = await client.PostAsync(PageUrls.Login, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        }), ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains(PageUrls.Login, StringComparison.Ordinal) != true,
            $"signing in {email}: {(int)response.StatusCode} {response.Headers.Location}");
        return client;
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}

/// <summary>A report service that answers a fixed report (two currencies, groups per grouping asked) and records the
/// queries; a query naming <see cref="ExportTestApp.OtherProperty"/> is Forbidden.</summary>
public sealed class FakeReports : IUpsellReportService
{
    /// <summary>A query with this agent is answered Invalid "Unknown property: GHOST." (as the service answers an unknown
    /// or not visible code), to test the endpoints' mapping of that answer.</summary>
    public const string UnknownToService = "GHOST";

    public List<UpsellReportQuery> Queries { get; } = [];

    public static UpsellFigures Figures(int seed) => new(
        ReservationsPresented: 10 * seed, OffersPresented: 25 * seed, Sold: 4 * seed, Declined: 3 * seed, Reversed: 1, ReservationsBought: 4 * seed,
        Conversion: 0.4m, PostedAmount: 120.5m * seed, ReversedAmount: 20m, Revenue: 120.5m * seed - 20m, PendingAmount: 7.25m,
        AveragePerSale: 25.125m, UpgradeRoomNights: 6 * seed, Commission: seed == 1 ? null : 5.02m);

    public static UpsellReport ReportFor(UpsellReportQuery query) => new(query,
    [
        new UpsellReportSection("EUR", query.PropertyCodes.Count == 0 ? ["HTL-A"] : query.PropertyCodes, Figures(3),
            query.GroupBy.ToDictionary(g => g, g => (IReadOnlyList<UpsellReportGroup>)
            [
                new UpsellReportGroup($"{g}-1", $"=first {g}", Figures(1)),
                new UpsellReportGroup($"{g}-2", $"second, {g}", Figures(2)),
            ])),
        new UpsellReportSection("HUF", ["HTL-B"], Figures(5), new Dictionary<ReportGrouping, IReadOnlyList<UpsellReportGroup>>()),
    ], OwnFiguresOnly: false);

    public Task<UpsellReportResult> RunAsync(UpsellReportQuery query, CancellationToken cancellationToken = default)
    {
        lock (Queries)
        {
            Queries.Add(query);
        }
        return Task.FromResult(query.PropertyCodes.Contains(ExportTestApp.OtherProperty, StringComparer.OrdinalIgnoreCase)
            ? new UpsellReportResult(UpsellReportStatus.Forbidden, null, ["You may not see XOTHER."])
            : query.Agent == UnknownToService
                ? new UpsellReportResult(UpsellReportStatus.Invalid, null, [$"Unknown property: {UnknownToService}."])
                : new UpsellReportResult(UpsellReportStatus.Ok, ReportFor(query), []));
    }

    public Task<(decimal Conversion, int ReservationsPresented)?> PairConversionAsync(int propertyId, string fromRoomType, string toRoomType, DateOnly from, DateOnly to,
        CancellationToken cancellationToken = default) => Task.FromResult<(decimal, int)?>(null);
}
