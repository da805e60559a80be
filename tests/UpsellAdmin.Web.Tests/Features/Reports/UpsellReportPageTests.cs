using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Reports;
using UpsellAdmin.Web.Features.Reports.Components;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Reports;

/// <summary>
/// The Upsell Performance page on a fake <see cref="IUpsellReportService"/>: the filters it asks with and writes into
/// the address, an address reproducing a report, Front Desk's own figures, one block per currency (never summed), the
/// empty and invalid-range messages, the export links, the agent grouping's commission.
/// </summary>
public sealed class UpsellReportPageTests : UiTestContext
{
    /// <summary>2026-11-20 at noon UTC: the same day in Europe/London (HTL1).</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeReports _reports = new();
    private readonly FakeRates _rates = new();

    public UpsellReportPageTests()
    {
        Services.AddSingleton<IUpsellReportService>(_reports);
        Services.AddSingleton<IAgentCommissionRates>(_rates);
        Services.AddSingleton<TimeProvider>(new FixedClock(Now));
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<UpsellReportPage> RenderPage(string? address = null)
    {
        RenderProviders();
        if (address is not null)
        {
            Navigation.NavigateTo(address);
        }
        var cut = Render<UpsellReportPage>();
        return cut;
    }

    private static UpsellFigures Figures(decimal revenue, int sold = 1, int presented = 4, decimal? commission = null) =>
        new(presented, presented + 2, sold, 1, 0, sold, presented == 0 ? null : (decimal)sold / presented, revenue, 0m, revenue, 5m,
            sold == 0 ? null : revenue / sold, 2, commission);

    private static UpsellReportSection Section(string currency, string property, decimal revenue, Dictionary<ReportGrouping, IReadOnlyList<UpsellReportGroup>>? groups = null) =>
        new(currency, [property], Figures(revenue), groups ?? new Dictionary<ReportGrouping, IReadOnlyList<UpsellReportGroup>>());

    [Fact]
    public void FirstVisit_AsksForTheCurrentPropertysLast30DaysBySaleDate_AndWritesThemIntoTheAddress()
    {
        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Single(_reports.Queries));
        var query = _reports.Queries[0];
        Assert.Equal(["HTL1"], query.PropertyCodes);
        Assert.Equal((new DateOnly(2026, 10, 22), new DateOnly(2026, 11, 20), ReportDateBasis.SaleDate), (query.From, query.To, query.DateBasis));
        Assert.Equal((null, null, null), (query.Agent, query.Channel, query.Kind));
        Assert.Equal([ReportGrouping.Property, ReportGrouping.Day, ReportGrouping.RoomTypePair, ReportGrouping.Agent], query.GroupBy);
        cut.WaitForAssertion(() => Assert.EndsWith("/reports/upsells?properties=HTL1&from=2026-10-22&to=2026-11-20&groupBy=property", Navigation.Uri, StringComparison.Ordinal));
        Assert.Equal("Sales dated 2026-10-22 – 2026-11-20 (sale date)", cut.Find("[data-testid=report-range]").TextContent.Trim());
    }

    [Fact]
    public async Task Filters_AreAskedFor_AndKeptInTheAddress()
    {
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(_reports.Queries));

        await cut.InvokeAsync(() => cut.FindComponent<MudRadioGroup<ReportDateBasis>>().Instance.ValueChanged.InvokeAsync(ReportDateBasis.StayDate));
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<SaleChannel?>>().Single().Instance.ValueChanged.InvokeAsync(SaleChannel.Desk));
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<UpsellKind?>>().Single().Instance.ValueChanged.InvokeAsync(UpsellKind.AddOn));
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<ReportGrouping>>().Single().Instance.ValueChanged.InvokeAsync(ReportGrouping.Agent));
        await cut.InvokeAsync(() => cut.FindComponents<MudTextField<string>>().Single(c => c.Instance.Label == "Agent").Instance.ValueChanged.InvokeAsync("  ann "));
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(c => c.Instance.Label == "Properties").Instance.SelectedValuesChanged
            .InvokeAsync(["HTL2", "HTL1"]));
        cut.Find("[data-testid=range-LastMonth]").Click();

        cut.WaitForAssertion(() => Assert.Equal(new DateOnly(2026, 10, 1), _reports.Queries[^1].From));
        var query = _reports.Queries[^1];
        Assert.Equal(["HTL1", "HTL2"], query.PropertyCodes); // the list's order, whatever order they were ticked in
        Assert.Equal((new DateOnly(2026, 10, 31), ReportDateBasis.StayDate, "ann", SaleChannel.Desk, UpsellKind.AddOn),
            (query.To, query.DateBasis, query.Agent, query.Channel, query.Kind));
        Assert.Equal(ReportGrouping.Agent, query.GroupBy[0]);
        Assert.EndsWith("/reports/upsells?properties=HTL1%2CHTL2&from=2026-10-01&to=2026-10-31&by=stay&agent=ann&channel=desk&kind=addOn&groupBy=agent",
            Navigation.Uri, StringComparison.Ordinal);
        Assert.Equal("Stays arriving 2026-10-01 – 2026-10-31 (stay date)", cut.Find("[data-testid=report-range]").TextContent.Trim());
        Assert.Contains("Agent: ann · Channel: Desk · Kind: Add-on", cut.Find("[data-testid=report-filters-text]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("range-Last7Days", "2026-11-14", "2026-11-20")]
    [InlineData("range-Last90Days", "2026-08-23", "2026-11-20")]
    [InlineData("range-ThisMonth", "2026-11-01", "2026-11-30")]
    [InlineData("range-ThisYear", "2026-01-01", "2026-12-31")]
    public void QuickRanges_CountFromThePropertysToday(string button, string from, string to)
    {
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(_reports.Queries));

        cut.Find($"[data-testid={button}]").Click();

        cut.WaitForAssertion(() => Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)),
            (_reports.Queries[^1].From, _reports.Queries[^1].To)));
    }

    [Fact]
    public void ALink_ReproducesItsReport_WeeksForALongRange()
    {
        var cut = RenderPage("/reports/upsells?properties=HTL1,HTL2&from=2026-06-01&to=2026-11-30&by=stay&channel=Api&kind=RoomUpgrade&groupBy=roomTypePair");

        cut.WaitForAssertion(() => Assert.Single(_reports.Queries));
        var query = _reports.Queries[0];
        Assert.Equal(["HTL1", "HTL2"], query.PropertyCodes);
        Assert.Equal((new DateOnly(2026, 6, 1), new DateOnly(2026, 11, 30), ReportDateBasis.StayDate, SaleChannel.Api, UpsellKind.RoomUpgrade),
            (query.From, query.To, query.DateBasis, query.Channel, query.Kind));
        Assert.Equal([ReportGrouping.RoomTypePair, ReportGrouping.Week, ReportGrouping.Agent], query.GroupBy);
    }

    [Theory]
    [InlineData("stay")]
    [InlineData("StayDate")]
    [InlineData("STAY")]
    public void ALinkByStayDate_IsReadAsTheExportsReadIt(string by)
    {
        var cut = RenderPage($"/reports/upsells?properties=HTL1&from=2026-11-01&to=2026-11-30&by={by}");

        cut.WaitForAssertion(() => Assert.Single(_reports.Queries));
        Assert.Equal(ReportDateBasis.StayDate, _reports.Queries[0].DateBasis);
        Assert.Equal("Stays arriving 2026-11-01 – 2026-11-30 (stay date)", cut.Find("[data-testid=report-range]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=report-address-problems]"));
    }

    [Fact]
    public async Task ALinkWithAnUnknownValue_SaysWhatCouldNotBeRead_AndKeepsTheRest()
    {
        var cut = RenderPage("/reports/upsells?properties=HTL1&from=2026-11-01&to=2026-11-30&channel=phone&kind=addOn&groupBy=month,agent");

        cut.WaitForAssertion(() => Assert.Single(_reports.Queries));
        var problems = cut.Find("[data-testid=report-address-problems]").TextContent;
        Assert.Contains("channel 'phone' is not known: use desk or api.", problems, StringComparison.Ordinal);
        Assert.Contains("groupBy 'month' is not known", problems, StringComparison.Ordinal);
        var query = _reports.Queries[0];
        Assert.Equal(["HTL1"], query.PropertyCodes);
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), (SaleChannel?)null, (UpsellKind?)UpsellKind.AddOn),
            (query.From, query.To, query.Channel, query.Kind));
        Assert.Equal(ReportGrouping.Agent, query.GroupBy[0]);

        // A filter chosen on the page replaces the link: the message goes.
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<SaleChannel?>>().Single().Instance.ValueChanged.InvokeAsync(SaleChannel.Desk));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=report-address-problems]")));
    }

    [Fact]
    public void ALinkWithABadDate_SaysSo_AndKeepsTheDefaultLength()
    {
        var cut = RenderPage("/reports/upsells?properties=HTL1&from=2026-11-1&to=2026-11-30");

        cut.WaitForAssertion(() => Assert.Single(_reports.Queries));
        Assert.Contains("from '2026-11-1' is not a date", cut.Find("[data-testid=report-address-problems]").TextContent, StringComparison.Ordinal);
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (_reports.Queries[0].From, _reports.Queries[0].To));
    }

    [Fact]
    public async Task NoPropertyTicked_MeansAllMyProperties_AndIsAskedFor()
    {
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(_reports.Queries));

        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(c => c.Instance.Label == "Properties").Instance.SelectedValuesChanged
            .InvokeAsync([]));

        cut.WaitForAssertion(() => Assert.Equal(2, _reports.Queries.Count));
        Assert.Empty(_reports.Queries[1].PropertyCodes); // the service's "none = every visible property"
        Assert.StartsWith("All my properties", cut.Find("[data-testid=report-filters-text]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=report-no-property]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=report-section]"));
        cut.WaitForAssertion(() => Assert.EndsWith("/reports/upsells?properties=&from=2026-10-22&to=2026-11-20&groupBy=property", Navigation.Uri, StringComparison.Ordinal));
        Assert.Contains("properties=&", cut.Find("a[data-testid=report-export-csv]").GetAttribute("href"), StringComparison.Ordinal);

        // The address says "all" too: opening it again asks for every property, not the current one.
        var (again, problems) = ReportFilter.Read(Navigation.Uri, ReportFilter.Default("HTL1", new DateOnly(2026, 11, 20)));
        Assert.Empty(again.Properties);
        Assert.Empty(problems);
        Assert.Equal(["HTL1"], ReportFilter.Read("/reports/upsells?from=2026-11-01&to=2026-11-30", ReportFilter.Default("HTL1", new DateOnly(2026, 11, 20))).Filter.Properties);
    }

    [Fact]
    public void WeeksCutByTheRange_AreMarkedPartial_InTheChartLabelsAndTheTable()
    {
        // Wednesday 2026-06-03 to Wednesday 2026-11-25: the first and the last week are cut.
        var filter = ReportFilter.Default("HTL1", new DateOnly(2026, 11, 25)) with { From = new DateOnly(2026, 6, 3) };
        var periods = ReportChartData.EveryPeriod([new UpsellReportGroup("2026-11-23", "Week of 2026-11-23", Figures(10m))], filter);

        var labels = ReportChartData.PeriodLabels(periods);
        Assert.Equal("06-01*", labels[0]);
        Assert.Equal("06-08", labels[1]);
        Assert.Equal("11-23*", labels[^1]);
        Assert.Equal("Week of 2026-11-23*", periods[^1].Label);
        Assert.Equal(10m, periods[^1].Figures.Revenue);
        Assert.Equal(2, periods.Count(ReportChartData.IsPartial));
        Assert.Equal("* partial weeks: only 2026-06-03 – 2026-06-07 and 2026-11-23 – 2026-11-25 are in the range, so they are not comparable with whole weeks.",
            ReportChartData.PartialNote(periods, filter));

        // Whole weeks (Monday to Sunday) and days are never marked.
        var whole = filter with { From = new DateOnly(2026, 6, 1), To = new DateOnly(2026, 11, 29) };
        Assert.DoesNotContain(ReportChartData.EveryPeriod([], whole), ReportChartData.IsPartial);
        Assert.Equal("", ReportChartData.PartialNote(ReportChartData.EveryPeriod([], whole), whole));

        var cut = RenderPage("/reports/upsells?properties=HTL1&from=2026-06-03&to=2026-11-25");
        cut.WaitForAssertion(() => Assert.Contains("Week of 2026-06-01*", cut.Find("[data-testid=table-time]").TextContent, StringComparison.Ordinal));
        Assert.Contains("* partial week", cut.Find("[data-testid=chart-time]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void FrontDesk_SeesTheOwnFiguresNote_AndNoAgentFilterNorAgentChart()
    {
        SignInAs(Roles.FrontDesk);
        _reports.Answer = q => new UpsellReport(q with { Agent = "frontdesk@demo.local" }, [Section("USD", "HTL1", 120m)], OwnFiguresOnly: true);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Contains("Your own figures", cut.Find("[data-testid=report-own-figures]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(cut.FindComponents<MudTextField<string>>(), c => c.Instance.Label == "Agent");
        Assert.Empty(cut.FindAll("[data-testid=chart-agents]"));
        Assert.DoesNotContain(ReportGrouping.Agent, _reports.Queries[0].GroupBy);
    }

    [Fact]
    public void Currencies_AreShownInTheirOwnBlocks_NeverAddedTogether()
    {
        _reports.Answer = q => new UpsellReport(q, [Section("EUR", "HTL2", 200m), Section("USD", "HTL1", 100m)], false);

        var cut = RenderPage("/reports/upsells?properties=HTL1,HTL2&from=2026-11-01&to=2026-11-30");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=report-section]").Count));
        var sections = cut.FindAll("[data-testid=report-section]");
        Assert.Equal(["EUR", "USD"], sections.Select(s => s.GetAttribute("data-currency")));
        Assert.Equal("200.00 EUR", sections[0].QuerySelector("[data-testid=kpi-revenue] .kpi-value")!.TextContent.Trim());
        Assert.Equal("100.00 USD", sections[1].QuerySelector("[data-testid=kpi-revenue] .kpi-value")!.TextContent.Trim());
        Assert.DoesNotContain("300.00", cut.Markup, StringComparison.Ordinal);
        // Each block's charts are drawn (svg), each with its table.
        Assert.All(sections, s => Assert.NotNull(s.QuerySelector("[data-testid=chart-time] svg")));
        Assert.All(sections, s => Assert.NotNull(s.QuerySelector("[data-testid=table-time] table")));
    }

    [Fact]
    public void NoActivity_SaysSoAndWhatToTry()
    {
        _reports.Answer = q => new UpsellReport(q, [new UpsellReportSection("USD", ["HTL1"], Figures(0m, sold: 0, presented: 0) with { OffersPresented = 0, Declined = 0, PendingAmount = 0m }, new Dictionary<ReportGrouping, IReadOnlyList<UpsellReportGroup>>())], false);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("No upsell activity in this range — widen the dates or pick another property.",
            cut.Find("[data-testid=report-empty]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=report-section]"));
    }

    [Fact]
    public void FromAfterTo_IsSaidClearly_AndNothingIsAsked()
    {
        var cut = RenderPage("/reports/upsells?properties=HTL1&from=2026-11-30&to=2026-11-01");

        cut.WaitForAssertion(() => Assert.Contains("From 2026-11-30 is after To 2026-11-01", cut.Find("[data-testid=report-range-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_reports.Queries);
        Assert.NotNull(cut.Find("[data-testid=report-export-xlsx]").GetAttribute("disabled") ?? cut.Find("[data-testid=report-export-xlsx]").GetAttribute("aria-disabled"));
    }

    [Fact]
    public void InvalidOrFailedReport_ShowsTheMessage_NotACrash()
    {
        _reports.Result = new UpsellReportResult(UpsellReportStatus.Forbidden, null, ["You may not see the upsell figures of HTL2."]);
        var cut = RenderPage("/reports/upsells?properties=HTL2&from=2026-11-01&to=2026-11-30");
        cut.WaitForAssertion(() => Assert.Equal("You may not see the upsell figures of HTL2.", cut.Find("[data-testid=report-invalid]").TextContent.Trim()));

        _reports.Result = null;
        _reports.Throw = true;
        cut.Find("[data-testid=range-Last7Days]").Click();
        cut.WaitForAssertion(() => Assert.Contains("could not be read", cut.Find("[data-testid=report-error]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void ExportLinks_AreDownloadsOfTheSameQuery()
    {
        var cut = RenderPage("/reports/upsells?properties=HTL1&from=2026-11-01&to=2026-11-30&by=stay&groupBy=day");
        cut.WaitForAssertion(() => Assert.Single(_reports.Queries));

        var csv = cut.Find("a[data-testid=report-export-csv]");
        var xlsx = cut.Find("a[data-testid=report-export-xlsx]");
        Assert.Equal("/exports/upsell-report?format=csv&properties=HTL1&from=2026-11-01&to=2026-11-30&by=stay&groupBy=day", csv.GetAttribute("href"));
        Assert.Equal("/exports/upsell-report?format=xlsx&properties=HTL1&from=2026-11-01&to=2026-11-30&by=stay&groupBy=day", xlsx.GetAttribute("href"));
        Assert.True(csv.HasAttribute("download") && xlsx.HasAttribute("download"));
    }

    [Fact]
    public void AgentGrouping_HasACommissionColumnWithThePropertysRate_AndATotalsRow()
    {
        _rates.Rates[DemoLookups.Hotel.Id] = 5m;
        IReadOnlyList<UpsellReportGroup> agents =
        [
            new("ann", "ann", Figures(300m, sold: 3, commission: 15m)),
            new("bob", "bob", Figures(100m, sold: 1, commission: 5m)),
        ];
        _reports.Answer = q => new UpsellReport(q, [new UpsellReportSection("USD", ["HTL1"], Figures(400m, sold: 4, commission: 20m),
            new Dictionary<ReportGrouping, IReadOnlyList<UpsellReportGroup>> { [ReportGrouping.Agent] = agents })], false);

        var cut = RenderPage("/reports/upsells?properties=HTL1&from=2026-11-01&to=2026-11-30&groupBy=agent");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=table-grouped]")));
        var grouped = cut.Find("[data-testid=table-grouped]");
        Assert.Contains("Commission (USD)", grouped.TextContent, StringComparison.Ordinal);
        Assert.Equal(["15.00", "5.00", "20.00"], grouped.QuerySelectorAll("[data-testid=figures-commission]").Select(c => c.TextContent.Trim()));
        Assert.Equal("Total", grouped.QuerySelector("[data-testid=figures-total-label]")!.TextContent.Trim());
        Assert.Contains("HTL1 5 % of revenue", cut.Find("[data-testid=report-commission-rate]").TextContent, StringComparison.Ordinal);
    }

    private sealed class FakeReports : IUpsellReportService
    {
        public List<UpsellReportQuery> Queries { get; } = [];
        public Func<UpsellReportQuery, UpsellReport>? Answer { get; set; }
        public UpsellReportResult? Result { get; set; }
        public bool Throw { get; set; }

        public Task<UpsellReportResult> RunAsync(UpsellReportQuery query, CancellationToken cancellationToken = default)
        {
            Queries.Add(query);
            if (Throw)
            {
                throw new InvalidOperationException("database is locked");
            }
            return Task.FromResult(Result ?? new UpsellReportResult(UpsellReportStatus.Ok,
                Answer?.Invoke(query) ?? new UpsellReport(query, [Section("USD", "HTL1", 50m)], false), []));
        }

        public Task<(decimal Conversion, int ReservationsPresented)?> PairConversionAsync(int propertyId, string fromRoomType, string toRoomType,
            DateOnly from, DateOnly to, CancellationToken cancellationToken = default) => Task.FromResult<(decimal, int)?>(null);
    }

    private sealed class FakeRates : IAgentCommissionRates
    {
        public Dictionary<int, decimal?> Rates { get; } = [];

        public Task<IReadOnlyDictionary<int, decimal?>> GetAsync(IReadOnlyCollection<int> propertyIds, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<int, decimal?>>(propertyIds.ToDictionary(id => id, id => Rates.GetValueOrDefault(id)));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
