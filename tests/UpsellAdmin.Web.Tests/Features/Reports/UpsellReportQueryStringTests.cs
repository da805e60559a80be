using Microsoft.AspNetCore.WebUtilities;
using UpsellAdmin.Web.Features.Reports;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Tests.Features.Reports;

/// <summary>The report's address form: read, written, and read back to the same query; every mistake named.</summary>
public sealed class UpsellReportQueryStringTests
{
    [Fact]
    public void Reads_every_parameter_case_insensitively()
    {
        var (query, errors) = UpsellReportQueryString.Parse(
            "?properties=A1,b2&from=2026-03-01&to=2026-03-31&by=STAY&agent=Anna%20Desk&channel=Desk&kind=addon&groupBy=day,RoomTypePair&groupBy=week");
        Assert.Empty(errors);
        Assert.NotNull(query);
        Assert.Equal(["A1", "b2"], query.PropertyCodes);
        Assert.Equal(new DateOnly(2026, 3, 1), query.From);
        Assert.Equal(new DateOnly(2026, 3, 31), query.To);
        Assert.Equal(ReportDateBasis.StayDate, query.DateBasis);
        Assert.Equal("Anna Desk", query.Agent);
        Assert.Equal(SaleChannel.Desk, query.Channel);
        Assert.Equal(UpsellKind.AddOn, query.Kind);
        Assert.Equal([ReportGrouping.Day, ReportGrouping.RoomTypePair, ReportGrouping.Week], query.GroupBy);
    }

    [Fact]
    public void Defaults_are_every_property_by_sale_date_no_filter_and_no_grouping()
    {
        var (query, errors) = UpsellReportQueryString.Parse("from=2026-03-01&to=2026-03-01&properties=&agent=");
        Assert.Empty(errors);
        Assert.Equal(new UpsellReportQuery([], new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1), ReportDateBasis.SaleDate, null, null, null, []),
            query! with { PropertyCodes = [], GroupBy = [] });
        Assert.Empty(query.PropertyCodes);
        Assert.Empty(query.GroupBy);
    }

    [Fact]
    public void From_and_to_are_required_unless_the_caller_gives_defaults()
    {
        var (none, errors) = UpsellReportQueryString.Parse("groupBy=day");
        Assert.Null(none);
        Assert.Equal(["from is required (a date, yyyy-MM-dd).", "to is required (a date, yyyy-MM-dd)."], errors);

        var (query, noErrors) = UpsellReportQueryString.Parse(new Uri("https://x.test/reports/upsells?groupBy=day"), new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31));
        Assert.Empty(noErrors);
        Assert.Equal(new DateOnly(2026, 1, 1), query!.From);
        Assert.Equal(new DateOnly(2026, 1, 31), query.To);
    }

    [Theory]
    [InlineData("from=2026-3-1&to=2026-03-31", "from '2026-3-1' is not a date: use yyyy-MM-dd, e.g. 2026-03-31.")]
    [InlineData("from=2026-03-31&to=2026-03-01", "From (2026-03-31) is after To (2026-03-01).")]
    [InlineData("from=2026-03-01&to=2026-03-31&by=checkout", "by 'checkout' is not known: use sale (the day of the sale) or stay (the arrival date).")]
    [InlineData("from=2026-03-01&to=2026-03-31&channel=phone", "channel 'phone' is not known: use desk or api.")]
    [InlineData("from=2026-03-01&to=2026-03-31&kind=spa", "kind 'spa' is not known: use roomUpgrade or addOn.")]
    [InlineData("from=2026-03-01&to=2026-03-31&groupBy=day,month", "groupBy 'month' is not known: use property, agent, roomTypePair, rule, addOn, day, week.")]
    [InlineData("from=2026-03-01&from=2026-03-02&to=2026-03-31", "from is given 2 times (2026-03-01, 2026-03-02): give it once.")]
    public void A_value_it_cannot_read_is_an_error_naming_it(string queryString, string error)
    {
        var (query, errors) = UpsellReportQueryString.Parse(queryString);
        Assert.Null(query);
        Assert.Equal(error, Assert.Single(errors));
    }

    [Fact]
    public void Writes_the_canonical_form_and_reads_it_back_to_the_same_query()
    {
        var random = new Random(16);
        string[] agents = ["Anna Desk", "API: Partner & Co", "Zoë = 100%", "a,b?c#d"];
        for (var i = 0; i < 500; i++)
        {
            var from = new DateOnly(2024, 1, 1).AddDays(random.Next(0, 900));
            var query = new UpsellReportQuery(
                new[] { "A1", "B2", "C3" }.Where(_ => random.Next(2) == 0).ToList(),
                from, from.AddDays(random.Next(0, 400)),
                random.Next(2) == 0 ? ReportDateBasis.SaleDate : ReportDateBasis.StayDate,
                random.Next(3) == 0 ? agents[random.Next(agents.Length)] : null,
                random.Next(3) == 0 ? (SaleChannel)random.Next(2) : null,
                random.Next(3) == 0 ? (UpsellKind)random.Next(2) : null,
                Enum.GetValues<ReportGrouping>().Where(_ => random.Next(3) == 0).OrderBy(_ => random.Next()).ToList());
            var text = UpsellReportQueryString.ToQueryString(query);
            var (back, errors) = UpsellReportQueryString.Parse(QueryHelpers.ParseQuery(text));
            Assert.True(errors.Count == 0, $"{text}: {string.Join(" ", errors)}");
            Assert.Equal(query.PropertyCodes, back!.PropertyCodes);
            Assert.Equal(query.GroupBy, back.GroupBy);
            Assert.Equal(query with { PropertyCodes = back.PropertyCodes, GroupBy = back.GroupBy }, back);
        }
    }

    [Fact]
    public void The_canonical_form_leaves_defaults_out_and_uses_camel_case()
    {
        var query = new UpsellReportQuery(["A1", "B2"], new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), ReportDateBasis.StayDate, "Anna Desk",
            SaleChannel.Api, UpsellKind.RoomUpgrade, [ReportGrouping.RoomTypePair, ReportGrouping.AddOn]);
        Assert.Equal("properties=A1%2CB2&from=2026-03-01&to=2026-03-31&by=stay&agent=Anna%20Desk&channel=api&kind=roomUpgrade&groupBy=roomTypePair%2CaddOn",
            UpsellReportQueryString.ToQueryString(query));
        Assert.Equal("from=2026-03-01&to=2026-03-31",
            UpsellReportQueryString.ToQueryString(new UpsellReportQuery([], new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), ReportDateBasis.SaleDate, null, null, null, [])));
    }
}
