using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Reports;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Reports;

/// <summary>The report's rules one by one, on small known records: validation, access, Front Desk, currencies,
/// commission, cents, the measured pair conversion, and that the database does the grouping.</summary>
public sealed class UpsellReportServiceTests
{
    private static readonly DateOnly March1 = new(2026, 3, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static UpsellReportQuery Query(params string[] properties) =>
        new(properties, March1, March1.AddDays(30), ReportDateBasis.SaleDate, null, null, null, []);

    [Fact]
    public async Task From_after_to_is_invalid_and_says_both_dates()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        database.CurrentUser.User = ReportTestData.Admin;
        var result = await ReportTestData.Service(database).RunAsync(Query() with { From = new DateOnly(2026, 3, 10), To = new DateOnly(2026, 3, 9) }, Ct);
        Assert.Equal(UpsellReportStatus.Invalid, result.Status);
        Assert.Null(result.Report);
        Assert.Equal("From (2026-03-10) is after To (2026-03-09).", Assert.Single(result.Errors));
    }

    [Fact]
    public async Task A_range_of_three_years_or_more_is_invalid_and_one_day_less_is_fine()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        database.CurrentUser.User = ReportTestData.Admin;
        var service = ReportTestData.Service(database);
        var tooLong = await service.RunAsync(Query() with { From = new DateOnly(2024, 1, 1), To = new DateOnly(2027, 1, 1) }, Ct);
        Assert.Equal(UpsellReportStatus.Invalid, tooLong.Status);
        Assert.Contains("at most 3 years", Assert.Single(tooLong.Errors), StringComparison.Ordinal);
        var longest = await service.RunAsync(Query() with { From = new DateOnly(2024, 1, 1), To = new DateOnly(2026, 12, 31) }, Ct);
        Assert.Equal(UpsellReportStatus.Ok, longest.Status);
    }

    [Fact]
    public async Task An_unknown_property_is_invalid_and_named()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await SeedTwoCurrenciesAsync(database);
        database.CurrentUser.User = ReportTestData.Admin;
        var result = await ReportTestData.Service(database).RunAsync(Query("EU1", "NOPE"), Ct);
        Assert.Equal(UpsellReportStatus.Invalid, result.Status);
        Assert.Equal("Unknown property: NOPE.", Assert.Single(result.Errors));
    }

    [Fact]
    public async Task A_property_the_user_may_not_see_answers_like_an_unknown_one_and_no_property_means_the_visible_ones()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await SeedTwoCurrenciesAsync(database);
        database.CurrentUser.User = FakeCurrentUser.As("rm-eu", Roles.RevenueManager); // access to EU1 only
        var service = ReportTestData.Service(database);

        // Same status and message as a code that does not exist: the answer does not tell that US1 exists.
        var hidden = await service.RunAsync(Query("EU1", "US1"), Ct);
        var unknown = await service.RunAsync(Query("EU1", "XX9"), Ct);
        Assert.Equal(UpsellReportStatus.Invalid, hidden.Status);
        Assert.Equal("Unknown property: US1.", Assert.Single(hidden.Errors));
        Assert.Equal(unknown.Status, hidden.Status);
        Assert.Equal(unknown.Errors.Single().Replace("XX9", "US1", StringComparison.Ordinal), hidden.Errors.Single());

        var visible = await service.RunAsync(Query(), Ct);
        Assert.Equal(UpsellReportStatus.Ok, visible.Status);
        var section = Assert.Single(visible.Report!.Sections);
        Assert.Equal(["EU1"], section.PropertyCodes);
        Assert.False(visible.Report.OwnFiguresOnly);
        Assert.Equal(["EU1"], Assert.Single((await service.RunAsync(Query(" ", ""), Ct)).Report!.Sections).PropertyCodes); // blanks = none given

        database.CurrentUser.User = UserContext.Anonymous;
        Assert.Equal(UpsellReportStatus.Forbidden, (await service.RunAsync(Query(), Ct)).Status);
    }

    [Fact]
    public async Task Amounts_are_never_added_across_currencies()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await SeedTwoCurrenciesAsync(database);
        database.CurrentUser.User = ReportTestData.Admin;
        var result = await ReportTestData.Service(database).RunAsync(Query() with { GroupBy = [ReportGrouping.Agent, ReportGrouping.Property] }, Ct);

        Assert.Equal(UpsellReportStatus.Ok, result.Status);
        Assert.Equal(["EUR", "USD"], result.Report!.Sections.Select(s => s.CurrencyCode));
        var eur = result.Report.Sections[0];
        var usd = result.Report.Sections[1];
        Assert.Equal(100.10m, eur.Totals.Revenue);
        Assert.Equal(250.25m, usd.Totals.Revenue);
        // The same agent sold in both: one row per currency, each with its own currency's amount.
        Assert.Equal(100.10m, Assert.Single(eur.Groups[ReportGrouping.Agent], g => g.Key == "Anna Desk").Figures.Revenue);
        Assert.Equal(250.25m, Assert.Single(usd.Groups[ReportGrouping.Agent], g => g.Key == "Anna Desk").Figures.Revenue);
        Assert.Equal(["EU1"], eur.Groups[ReportGrouping.Property].Select(g => g.Key));
        Assert.Equal("Euro One (EU1)", eur.Groups[ReportGrouping.Property][0].Label);
    }

    [Fact]
    public async Task Front_desk_sees_only_their_own_figures_whatever_agent_they_ask_for()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await SeedTwoCurrenciesAsync(database);
        database.CurrentUser.User = new UserContext("u-anna", "Anna Desk", new HashSet<string> { Roles.FrontDesk });
        var result = await ReportTestData.Service(database).RunAsync(Query("EU1") with { Agent = "Ben Desk", GroupBy = [ReportGrouping.Agent] }, Ct);

        Assert.Equal(UpsellReportStatus.Ok, result.Status);
        Assert.True(result.Report!.OwnFiguresOnly);
        Assert.Equal("Anna Desk", result.Report.Query.Agent);
        var eur = Assert.Single(result.Report.Sections);
        Assert.Equal(1, eur.Totals.Sold);
        Assert.Equal(100.10m, eur.Totals.Revenue);
        Assert.Equal(["Anna Desk"], eur.Groups[ReportGrouping.Agent].Select(g => g.Key));

        database.CurrentUser.User = ReportTestData.Admin;
        var all = await ReportTestData.Service(database).RunAsync(Query("EU1") with { GroupBy = [ReportGrouping.Agent] }, Ct);
        Assert.Equal(2, all.Report!.Sections[0].Totals.Sold);
        Assert.False(all.Report.OwnFiguresOnly);
    }

    [Fact]
    public async Task Commission_is_revenue_times_each_propertys_percent_and_null_where_none_is_set()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var (eu1, eu2, _) = await SeedPropertiesAsync(database);
        await using (var db = await database.CreateDbContextAsync())
        {
            db.UpsellConfigurations.AddRange(
                new PropertyUpsellConfiguration { PropertyId = eu1.Id, AgentCommissionPercent = 10m },
                new PropertyUpsellConfiguration { PropertyId = eu2.Id, AgentCommissionPercent = null });
            db.UpsellSales.AddRange(
                Sale(eu1, "Anna Desk", "u-anna", UpsellStatus.Posted, 123.45m),
                Sale(eu1, "Anna Desk", "u-anna", UpsellStatus.Reversed, 50m),
                Sale(eu1, "Anna Desk", "u-anna", UpsellStatus.Pending, 70m),
                Sale(eu2, "Anna Desk", "u-anna", UpsellStatus.Posted, 1000m),
                Sale(eu2, "Ben Desk", "u-ben", UpsellStatus.Posted, 200m));
            await db.SaveChangesAsync(Ct);
        }
        database.CurrentUser.User = ReportTestData.Admin;
        var result = await ReportTestData.Service(database).RunAsync(Query("EU1", "EU2") with { GroupBy = [ReportGrouping.Agent, ReportGrouping.Property] }, Ct);

        var eur = Assert.Single(result.Report!.Sections);
        var anna = Assert.Single(eur.Groups[ReportGrouping.Agent], g => g.Key == "Anna Desk").Figures;
        Assert.Equal(1123.45m, anna.Revenue);
        Assert.Equal(12.35m, anna.Commission); // 10 % of EU1's 123.45 (12.345, rounded half away from zero); EU2 has no scheme
        Assert.Null(Assert.Single(eur.Groups[ReportGrouping.Agent], g => g.Key == "Ben Desk").Figures.Commission);
        Assert.Equal(12.35m, eur.Totals.Commission);
        Assert.Null(Assert.Single(eur.Groups[ReportGrouping.Property], g => g.Key == "EU2").Figures.Commission);
        Assert.Equal(1173.45m, anna.PostedAmount); // posted or reversed: what reached Mews
        Assert.Equal(50m, anna.ReversedAmount);
        Assert.Equal(70m, anna.PendingAmount);
        Assert.Equal(3, anna.Sold); // pending and posted
        Assert.Equal(1, anna.Reversed);
        Assert.Equal(561.73m, anna.AveragePerSale); // 1123.45 over 2 posted sales = 561.725
    }

    [Fact]
    public async Task Amounts_add_up_to_the_cent_in_the_database()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var (eu1, _, _) = await SeedPropertiesAsync(database);
        await using (var db = await database.CreateDbContextAsync())
        {
            // 0.1 and 0.2 are not exact in binary floating point: a REAL sum drifts, a decimal one does not.
            for (var i = 0; i < 300; i++)
            {
                db.UpsellSales.Add(Sale(eu1, "Anna Desk", "u-anna", UpsellStatus.Posted, i % 2 == 0 ? 0.1m : 0.2m));
            }
            db.UpsellSales.Add(Sale(eu1, "Anna Desk", "u-anna", UpsellStatus.Posted, 9_999_999_999_999.99m));
            await db.SaveChangesAsync(Ct);
        }
        database.CurrentUser.User = ReportTestData.Admin;
        var result = await ReportTestData.Service(database).RunAsync(Query("EU1"), Ct);
        Assert.Equal(10_000_000_000_044.99m, result.Report!.Sections[0].Totals.Revenue);
    }

    [Fact]
    public async Task Reservations_presented_counts_a_reservation_once_across_days_channels_and_sales()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var (eu1, _, _) = await SeedPropertiesAsync(database);
        await using (var db = await database.CreateDbContextAsync())
        {
            db.UpsellPresentations.AddRange(
                Presentation(eu1, "R1", March1, SaleChannel.Desk, ("STD", "DLX"), ("STD", "SUI")),
                Presentation(eu1, "R1", March1.AddDays(1), SaleChannel.Desk, ("STD", "DLX")),
                Presentation(eu1, "R1", March1.AddDays(1), SaleChannel.Api, ("STD", "DLX")),
                Presentation(eu1, "R2", March1.AddDays(2), SaleChannel.Desk, ("STD", "DLX")));
            var sold = Sale(eu1, "Anna Desk", "u-anna", UpsellStatus.Posted, 80m);
            sold.ReservationId = "R1";
            var rejected = Sale(eu1, "Anna Desk", "u-anna", UpsellStatus.Rejected, 80m);
            rejected.ReservationId = "R9";
            var pendingWithoutPresentation = Sale(eu1, "Anna Desk", "u-anna", UpsellStatus.Pending, 80m);
            pendingWithoutPresentation.ReservationId = "R3";
            db.UpsellSales.AddRange(sold, rejected, pendingWithoutPresentation);
            await db.SaveChangesAsync(Ct);
        }
        database.CurrentUser.User = ReportTestData.Admin;
        var result = await ReportTestData.Service(database).RunAsync(Query("EU1") with { GroupBy = [ReportGrouping.RoomTypePair, ReportGrouping.Week] }, Ct);

        var totals = result.Report!.Sections[0].Totals;
        Assert.Equal(3, totals.ReservationsPresented); // R1, R2, R3 (the rejected R9 does not count)
        Assert.Equal(5, totals.OffersPresented);
        Assert.Equal(2, totals.ReservationsBought);
        Assert.Equal(0.6667m, totals.Conversion);
        var pairs = result.Report.Sections[0].Groups[ReportGrouping.RoomTypePair];
        var stdDlx = Assert.Single(pairs, g => g.Key == "STD->DLX");
        Assert.Equal("STD → DLX", stdDlx.Label);
        Assert.Equal(3, stdDlx.Figures.ReservationsPresented); // R1, R2 were shown it; R1 and R3 bought it (the sales are STD → DLX)
        Assert.Equal(4, stdDlx.Figures.OffersPresented);
        Assert.Equal(1, Assert.Single(pairs, g => g.Key == "STD->SUI").Figures.ReservationsPresented);
        // 2026-03-01 is a Sunday: its week began on Monday 23 February; 2 and 3 March are the next week.
        var weeks = result.Report.Sections[0].Groups[ReportGrouping.Week];
        Assert.Equal(["2026-02-23", "2026-03-02"], weeks.Select(w => w.Key));
        Assert.Equal("Week of 2026-02-23", weeks[0].Label);
        Assert.Equal(2, weeks[0].Figures.ReservationsPresented); // R1 (shown and sold on the 1st) and R3 (sold); the rejected R9 not
        Assert.Equal(2, weeks[1].Figures.ReservationsPresented); // R1 (twice) and R2
    }

    [Fact]
    public async Task Pair_conversion_is_buyers_over_reservations_shown_the_pair()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var (eu1, eu2, _) = await SeedPropertiesAsync(database);
        await using (var db = await database.CreateDbContextAsync())
        {
            db.UpsellPresentations.AddRange(
                Presentation(eu1, "R1", March1, SaleChannel.Desk, ("STD", "DLX")),
                Presentation(eu1, "R2", March1, SaleChannel.Desk, ("STD", "DLX")),
                Presentation(eu1, "R3", March1, SaleChannel.Desk, ("STD", "SUI")),
                Presentation(eu1, "R4", March1.AddDays(60), SaleChannel.Desk, ("STD", "DLX")),
                Presentation(eu2, "R5", March1, SaleChannel.Desk, ("STD", "DLX")));
            var sold = Sale(eu1, "Ben Desk", "u-ben", UpsellStatus.Posted, 80m);
            sold.ReservationId = "R1";
            db.UpsellSales.Add(sold);
            await db.SaveChangesAsync(Ct);
        }
        database.CurrentUser.User = ReportTestData.Admin;
        var service = ReportTestData.Service(database);
        Assert.Equal((0.5m, 2), await service.PairConversionAsync(eu1.Id, "STD", "DLX", March1, March1.AddDays(30), Ct));
        Assert.Null(await service.PairConversionAsync(eu1.Id, "DLX", "SUI", March1, March1.AddDays(30), Ct));
        database.CurrentUser.User = FakeCurrentUser.As("rm-eu", Roles.RevenueManager);
        Assert.Null(await service.PairConversionAsync(eu2.Id, "STD", "DLX", March1, March1.AddDays(30), Ct)); // not visible
    }

    [Fact]
    public async Task Pair_conversion_starts_at_the_first_presented_offer_and_is_null_before_any()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var (eu1, _, _) = await SeedPropertiesAsync(database);
        await using (var db = await database.CreateDbContextAsync())
        {
            // Old data: sales of the pair in February, before any offer shown was recorded; from March 10 on, two
            // reservations shown the pair, one bought.
            foreach (var (reservation, day) in new[] { ("OLD1", March1.AddDays(-20)), ("OLD2", March1.AddDays(-15)), ("R1", March1.AddDays(12)) })
            {
                var sale = Sale(eu1, "Ben Desk", "u-ben", UpsellStatus.Posted, 80m);
                sale.ReservationId = reservation;
                sale.SoldDate = day;
                db.UpsellSales.Add(sale);
            }
            await db.SaveChangesAsync(Ct);
        }
        database.CurrentUser.User = ReportTestData.Admin;
        var service = ReportTestData.Service(database);
        Assert.Null(await service.PairConversionAsync(eu1.Id, "STD", "DLX", March1.AddDays(-60), March1.AddDays(30), Ct)); // nothing shown ever

        await using (var db = await database.CreateDbContextAsync())
        {
            db.UpsellPresentations.AddRange(
                Presentation(eu1, "R1", March1.AddDays(9), SaleChannel.Desk, ("STD", "DLX")),
                Presentation(eu1, "R2", March1.AddDays(11), SaleChannel.Desk, ("STD", "DLX")));
            await db.SaveChangesAsync(Ct);
        }
        // Without the start, OLD1 and OLD2 would count as presented and bought: 3/4.
        Assert.Equal((0.5m, 2), await service.PairConversionAsync(eu1.Id, "STD", "DLX", March1.AddDays(-60), March1.AddDays(30), Ct));
        Assert.Null(await service.PairConversionAsync(eu1.Id, "STD", "DLX", March1.AddDays(-60), March1.AddDays(5), Ct)); // ends before the first
    }

    [Fact]
    public async Task Every_query_over_the_selling_records_is_grouped_in_the_database()
    {
        var log = new SqlLog();
        await using var database = await SqliteTestDatabase.CreateAsync(configure: s => s.AddLogging(b => b.AddProvider(log)));
        var random = new Random(5);
        var data = await ReportTestData.SeedRandomAsync(database, random, 40, 40, 20);
        database.CurrentUser.User = ReportTestData.Admin;
        log.Queue.Clear();
        foreach (var basis in Enum.GetValues<ReportDateBasis>())
        {
            var query = new UpsellReportQuery([], data.FirstDay, data.LastDay, basis, null, null, UpsellKind.RoomUpgrade, Enum.GetValues<ReportGrouping>());
            Assert.Equal(UpsellReportStatus.Ok, (await ReportTestData.Service(database).RunAsync(query, Ct)).Status);
            Assert.Equal(UpsellReportStatus.Ok, (await ReportTestData.Service(database).RunAsync(query with { Kind = null }, Ct)).Status);
        }
        string[] tables = ["\"UpsellSales\"", "\"UpsellPresentations\"", "\"UpsellPresentedOffers\"", "\"UpsellDeclines\""];
        var overRecords = log.Commands.Where(c => tables.Any(t => c.Contains(t, StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(overRecords);
        Assert.All(overRecords, sql => Assert.Contains("GROUP BY", sql, StringComparison.Ordinal));
        // 4 runs × (the per-property totals, which the property grouping reuses, + 6 other groupings) × 4 grouped queries
        Assert.Equal(4 * 7 * 4, overRecords.Count);
    }

    // ------------------------------------------------------------------------------------------------------------

    /// <summary>EU1 (EUR), EU2 (EUR), US1 (USD); users u-anna, u-ben (Front Desk, all three), rm-eu (EU1 only).</summary>
    private static async Task<(Property Eu1, Property Eu2, Property Us1)> SeedPropertiesAsync(SqliteTestDatabase database)
    {
        await using var db = await database.CreateDbContextAsync();
        var eu1 = new Property { Code = "EU1", Name = "Euro One", CurrencyCode = "EUR", TimeZone = "Europe/Budapest" };
        var eu2 = new Property { Code = "EU2", Name = "Euro Two", CurrencyCode = "EUR", TimeZone = "Europe/Budapest" };
        var us1 = new Property { Code = "US1", Name = "US One", CurrencyCode = "USD", TimeZone = "America/New_York" };
        db.Properties.AddRange(eu1, eu2, us1);
        db.Users.AddRange(new[] { "u-anna", "u-ben", "rm-eu" }.Select(id => new AppUser { Id = id, UserName = id, Email = id + "@test" }));
        await db.SaveChangesAsync(Ct);
        db.UserProperties.AddRange(
            new UserPropertyAccess { UserId = "u-anna", PropertyId = eu1.Id }, new UserPropertyAccess { UserId = "u-anna", PropertyId = eu2.Id },
            new UserPropertyAccess { UserId = "u-anna", PropertyId = us1.Id }, new UserPropertyAccess { UserId = "u-ben", PropertyId = eu1.Id },
            new UserPropertyAccess { UserId = "rm-eu", PropertyId = eu1.Id });
        await db.SaveChangesAsync(Ct);
        return (eu1, eu2, us1);
    }

    /// <summary>EU1: Anna sold 100.10 EUR, Ben 40 EUR pending; US1: Anna sold 250.25 USD.</summary>
    private static async Task SeedTwoCurrenciesAsync(SqliteTestDatabase database)
    {
        var (eu1, _, us1) = await SeedPropertiesAsync(database);
        await using var db = await database.CreateDbContextAsync();
        var ben = Sale(eu1, "Ben Desk", "u-ben", UpsellStatus.Pending, 40m);
        db.UpsellSales.AddRange(Sale(eu1, "Anna Desk", "u-anna", UpsellStatus.Posted, 100.10m), Sale(us1, "Anna Desk", "u-anna", UpsellStatus.Posted, 250.25m), ben);
        await db.SaveChangesAsync(Ct);
    }

    private static UpsellSale Sale(Property p, string agent, string? agentUserId, UpsellStatus status, decimal amount) => new()
    {
        Id = Guid.NewGuid(), PropertyId = p.Id, PropertyCode = p.Code, EnterpriseId = "e", ReservationId = "R-" + Guid.NewGuid().ToString("N")[..8],
        ReservationNumber = "1", GuestName = "Guest", AccountId = "a", ServiceId = "s", Arrival = March1.AddDays(2), TimeZone = p.TimeZone,
        Kind = UpsellKind.RoomUpgrade, FromRoomType = "STD", ToRoomType = "DLX", RuleCode = "R1", TotalAmount = amount, CurrencyCode = p.CurrencyCode,
        OfferId = "o", Channel = SaleChannel.Desk, AgentUserId = agentUserId, AgentName = agent, SoldUtc = DateTimeOffset.UtcNow, SoldDate = March1,
        UpgradeNights = 2, Status = status,
    };

    private static UpsellPresentation Presentation(Property p, string reservation, DateOnly day, SaleChannel channel, params (string From, string To)[] pairs) => new()
    {
        PropertyId = p.Id, ReservationId = reservation, ReservationNumber = "1", Day = day, Channel = channel, OffersCount = pairs.Length,
        AgentUserId = "u-anna", AgentName = "Anna Desk", PresentedUtc = DateTimeOffset.UtcNow, Arrival = day.AddDays(1),
        Offers = pairs.Select(x => new UpsellPresentedOffer
        {
            PropertyId = p.Id, ReservationId = reservation, Day = day, Arrival = day.AddDays(1), Channel = channel, AgentUserId = "u-anna",
            AgentName = "Anna Desk", Kind = UpsellKind.RoomUpgrade, FromRoomType = x.From, ToRoomType = x.To, RuleCode = "R1", TotalAmount = 10m,
            CurrencyCode = p.CurrencyCode,
        }).ToList(),
    };

    /// <summary>The SQL EF sends (its command log).</summary>
    private sealed class SqlLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Queue { get; } = new();

        public List<string> Commands => [.. Queue];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName == "Microsoft.EntityFrameworkCore.Database.Command" ? Queue : null);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string>? queue) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => queue is not null;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (eventId.Name == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted")
                {
                    queue!.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
