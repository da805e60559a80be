using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Reports;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Reports;

/// <summary>
/// The property-based test of the Upsell Performance report: random selling records (seeded, so a failure can be
/// replayed) in a migrated SQLite database; for random queries over every grouping and both date bases, the service's
/// figures (grouped queries in SQLite) must equal a brute-force count over the same records in memory, written from the
/// definitions and sharing no code with the service.
/// </summary>
public sealed class UpsellReportServicePropertyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Every_figure_of_every_grouping_equals_a_brute_force_count_over_the_same_records(int seed)
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var random = new Random(seed);
        var data = await ReportTestData.SeedRandomAsync(database, random, salesCount: 260, presentationsCount: 220, declinesCount: 90);
        database.CurrentUser.User = ReportTestData.Admin;
        var service = ReportTestData.Service(database);
        var allGroupings = Enum.GetValues<ReportGrouping>();

        for (var iteration = 0; iteration < 30; iteration++)
        {
            var query = ReportTestData.RandomQuery(random, data, allGroupings);
            var result = await service.RunAsync(query, TestContext.Current.CancellationToken);
            Assert.True(result.Status == UpsellReportStatus.Ok, $"seed {seed} iteration {iteration}: {string.Join(" ", result.Errors)}");
            var expected = BruteForce.Report(data, query, ownUserId: null);
            ReportAssert.Equal(expected, result.Report!, $"seed {seed} iteration {iteration} ({UpsellReportQueryString.ToQueryString(query)})");
            // Sales in a foreign currency never make a section's conversion exceed 1.
            Assert.All(result.Report!.Sections.SelectMany(x => x.Groups.Values.SelectMany(g => g.Select(y => y.Figures)).Append(x.Totals)),
                f => Assert.True(f.Conversion is null or <= 1m, $"seed {seed} iteration {iteration}: conversion {f.Conversion}"));
        }
    }

    [Fact]
    public async Task Front_desk_figures_equal_a_brute_force_count_of_their_own_records()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var random = new Random(77);
        var data = await ReportTestData.SeedRandomAsync(database, random, salesCount: 200, presentationsCount: 160, declinesCount: 60);
        var (userId, name) = ReportTestData.Agents[0];
        database.CurrentUser.User = new UserContext(userId, name!, new HashSet<string> { Roles.FrontDesk });
        var service = ReportTestData.Service(database);

        for (var iteration = 0; iteration < 10; iteration++)
        {
            var query = ReportTestData.RandomQuery(random, data, Enum.GetValues<ReportGrouping>()) with { Agent = iteration % 2 == 0 ? null : "Somebody else" };
            var result = await service.RunAsync(query, TestContext.Current.CancellationToken);
            Assert.Equal(UpsellReportStatus.Ok, result.Status);
            Assert.True(result.Report!.OwnFiguresOnly);
            Assert.Equal(name, result.Report.Query.Agent);
            var expected = BruteForce.Report(data, query with { Agent = null }, ownUserId: userId);
            ReportAssert.Equal(expected, result.Report, $"iteration {iteration}");
        }
    }
}

/// <summary>The random records of a test, kept in memory as they were written.</summary>
internal sealed record ReportData(
    IReadOnlyList<Property> Properties,
    IReadOnlyDictionary<int, decimal?> CommissionPercent,
    IReadOnlyList<UpsellSale> Sales,
    IReadOnlyList<UpsellPresentation> Presentations,
    IReadOnlyList<UpsellDecline> Declines,
    DateOnly FirstDay,
    DateOnly LastDay)
{
    public IEnumerable<UpsellPresentedOffer> Offers => Presentations.SelectMany(p => p.Offers);
}

internal static class ReportTestData
{
    public static readonly UserContext Admin = FakeCurrentUser.As("admin", Roles.Administrator);

    /// <summary>The service over the test database, as the app registers it (ReportsSetup is wired by the web host only).</summary>
    public static IUpsellReportService Service(SqliteTestDatabase database) =>
        new UpsellReportService(database.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), database.CurrentUser);

    public static readonly (string? UserId, string? Name)[] Agents = [("u-anna", "Anna Desk"), ("u-ben", "Ben Desk"), ("u-cleo", "Cleo Revenue"), (null, "API: Channel Partner")];

    private static readonly string[] RoomTypes = ["STD", "DLX", "SUI", "EXE"];
    private static readonly string[] SaleCurrencies = ["EUR", "USD", "CHF", "GBP"];
    private static readonly string?[] Rules = ["R1", "R2", "R3", null];
    private static readonly string?[] Products = ["Breakfast", "Parking", "Late check-out", null];

    /// <summary>Properties A1 (EUR, 10 %), A2 (EUR, no commission), B1 (USD, 7.5 %), C1 (CHF, 12.345 % stored as 12.35), and
    /// Z9 (USD, no record at all); random sales, presentations with offers, declines over 60 days.</summary>
    public static async Task<ReportData> SeedRandomAsync(SqliteTestDatabase database, Random random, int salesCount, int presentationsCount, int declinesCount)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await database.CreateDbContextAsync();
        var properties = new[]
        {
            new Property { Code = "A1", Name = "Alpha One", CurrencyCode = "EUR", TimeZone = "Europe/Budapest" },
            new Property { Code = "A2", Name = "Alpha Two", CurrencyCode = "EUR", TimeZone = "Europe/Budapest" },
            new Property { Code = "B1", Name = "Bravo", CurrencyCode = "USD", TimeZone = "America/New_York" },
            new Property { Code = "C1", Name = "Charlie", CurrencyCode = "CHF", TimeZone = "Europe/Zurich" },
            new Property { Code = "Z9", Name = "Zulu", CurrencyCode = "USD", TimeZone = "UTC" },
        };
        db.Properties.AddRange(properties);
        await db.SaveChangesAsync(ct);
        var percents = new Dictionary<int, decimal?>
        {
            [properties[0].Id] = 10m, [properties[1].Id] = null, [properties[2].Id] = 7.5m, [properties[3].Id] = 12.35m, [properties[4].Id] = null,
        };
        // The desk agents may see every property; Cleo (a revenue manager in the tests) too.
        db.Users.AddRange(Agents.Where(a => a.UserId is not null).Select(a => new AppUser { Id = a.UserId!, UserName = a.Name, Email = a.UserId + "@test" }));
        db.UserProperties.AddRange(Agents.Where(a => a.UserId is not null)
            .SelectMany(a => properties.Select(p => new UserPropertyAccess { UserId = a.UserId!, PropertyId = p.Id })));
        db.UpsellConfigurations.AddRange(
            new PropertyUpsellConfiguration { PropertyId = properties[0].Id, AgentCommissionPercent = 10m },
            new PropertyUpsellConfiguration { PropertyId = properties[1].Id },
            new PropertyUpsellConfiguration { PropertyId = properties[2].Id, AgentCommissionPercent = 7.5m },
            new PropertyUpsellConfiguration { PropertyId = properties[3].Id, AgentCommissionPercent = 12.35m });

        var first = new DateOnly(2026, 2, 20);
        var active = properties.Take(4).ToArray();
        string Reservation(Property p) => $"{p.Code}-R{random.Next(1, 25):00}";
        T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];
        DateOnly Day() => first.AddDays(random.Next(0, 60));
        decimal Amount() => random.Next(1, 100_000) / 100m;

        var sales = new List<UpsellSale>();
        for (var i = 0; i < salesCount; i++)
        {
            var p = Pick(active);
            var agent = Pick(Agents);
            var kind = random.Next(3) == 0 ? UpsellKind.AddOn : UpsellKind.RoomUpgrade;
            var from = Pick(RoomTypes);
            var sold = Day();
            var sale = new UpsellSale
            {
                Id = Guid.NewGuid(), PropertyId = p.Id, PropertyCode = p.Code, EnterpriseId = "e", ReservationId = Reservation(p), ReservationNumber = "1",
                GuestName = "Guest", AccountId = "a", ServiceId = "s", Arrival = sold.AddDays(random.Next(-2, 6)), TimeZone = p.TimeZone, Kind = kind,
                FromRoomType = kind == UpsellKind.RoomUpgrade ? from : null,
                ToRoomType = kind == UpsellKind.RoomUpgrade ? Pick(RoomTypes.Where(t => t != from).ToList()) : null,
                RuleCode = kind == UpsellKind.RoomUpgrade ? Pick(Rules) : null,
                ProductName = kind == UpsellKind.AddOn ? Pick(Products) : null,
                // Some sales are in another currency than their property's (a rate code or rule with its own currency), GBP
                // being no property's currency at all.
                TotalAmount = Amount(), CurrencyCode = random.Next(6) == 0 ? Pick(SaleCurrencies.Where(c => c != p.CurrencyCode).ToList()) : p.CurrencyCode,
                OfferId = "o", Channel = agent.UserId is null ? SaleChannel.Api : Pick(new[] { SaleChannel.Desk, SaleChannel.Api }),
                AgentUserId = agent.UserId, AgentName = agent.Name!, SoldUtc = DateTimeOffset.UtcNow, SoldDate = sold,
                UpgradeNights = kind == UpsellKind.RoomUpgrade ? random.Next(1, 6) : 0,
                Status = Pick(Enum.GetValues<UpsellStatus>()),
            };
            sales.Add(sale);
        }

        var presentations = new List<UpsellPresentation>();
        var seen = new HashSet<(int, string, DateOnly, SaleChannel)>();
        for (var i = 0; i < presentationsCount; i++)
        {
            var p = Pick(active);
            var agent = Pick(Agents);
            var reservation = Reservation(p);
            var day = Day();
            var channel = agent.UserId is null ? SaleChannel.Api : Pick(new[] { SaleChannel.Desk, SaleChannel.Api });
            if (!seen.Add((p.Id, reservation, day, channel)))
            {
                continue;
            }
            var arrival = random.Next(6) == 0 ? (DateOnly?)null : day.AddDays(random.Next(0, 5));
            var from = Pick(RoomTypes);
            var offers = new List<UpsellPresentedOffer>();
            var legacy = random.Next(8) == 0; // recorded before the offers were kept: a count, no rows
            for (var o = legacy ? 0 : random.Next(1, 5); o > 0; o--)
            {
                var kind = random.Next(3) == 0 ? UpsellKind.AddOn : UpsellKind.RoomUpgrade;
                offers.Add(new UpsellPresentedOffer
                {
                    PropertyId = p.Id, ReservationId = reservation, Day = day, Arrival = arrival, Channel = channel, AgentUserId = agent.UserId,
                    AgentName = agent.Name!, Kind = kind,
                    FromRoomType = kind == UpsellKind.RoomUpgrade ? from : null,
                    ToRoomType = kind == UpsellKind.RoomUpgrade ? Pick(RoomTypes.Where(t => t != from).ToList()) : null,
                    RuleCode = kind == UpsellKind.RoomUpgrade ? Pick(Rules) : null,
                    ProductName = kind == UpsellKind.AddOn ? Pick(Products) : null,
                    TotalAmount = Amount(), CurrencyCode = p.CurrencyCode,
                });
            }
            presentations.Add(new UpsellPresentation
            {
                PropertyId = p.Id, ReservationId = reservation, ReservationNumber = "1", Day = day, Channel = channel,
                OffersCount = legacy ? random.Next(1, 4) : offers.Count, AgentUserId = agent.UserId, AgentName = agent.Name!, PresentedUtc = DateTimeOffset.UtcNow,
                Arrival = arrival, Offers = offers,
            });
        }

        var declines = new List<UpsellDecline>();
        for (var i = 0; i < declinesCount; i++)
        {
            var p = Pick(active);
            var agent = Pick(Agents);
            var kind = random.Next(3) == 0 ? UpsellKind.AddOn : UpsellKind.RoomUpgrade;
            var day = Day();
            var legacy = random.Next(6) == 0;
            var from = Pick(RoomTypes);
            declines.Add(new UpsellDecline
            {
                PropertyId = p.Id, ReservationId = Reservation(p), ReservationNumber = "1", GuestName = "Guest", Kind = kind, Offer = "x",
                RuleCode = kind == UpsellKind.RoomUpgrade ? Pick(Rules) : null, TotalAmount = Amount(), CurrencyCode = p.CurrencyCode,
                Channel = agent.UserId is null ? SaleChannel.Api : SaleChannel.Desk, AgentUserId = agent.UserId, AgentName = agent.Name!,
                DeclinedUtc = DateTimeOffset.UtcNow, Day = day, Arrival = legacy ? null : day.AddDays(random.Next(0, 4)),
                FromRoomType = kind == UpsellKind.RoomUpgrade && !legacy ? from : null,
                ToRoomType = kind == UpsellKind.RoomUpgrade && !legacy ? Pick(RoomTypes.Where(t => t != from).ToList()) : null,
                ProductName = kind == UpsellKind.AddOn && !legacy ? Pick(Products) : null,
            });
        }

        db.UpsellSales.AddRange(sales);
        db.UpsellPresentations.AddRange(presentations);
        db.UpsellDeclines.AddRange(declines);
        await db.SaveChangesAsync(ct);
        return new ReportData(properties, percents, sales, presentations, declines, first, first.AddDays(59));
    }

    public static UpsellReportQuery RandomQuery(Random random, ReportData data, IReadOnlyList<ReportGrouping> groupings)
    {
        var from = data.FirstDay.AddDays(random.Next(-5, 50));
        var to = random.Next(5) == 0 ? from : from.AddDays(random.Next(0, 40));
        var codes = random.Next(3) == 0
            ? []
            : data.Properties.Where(_ => random.Next(2) == 0).Select(p => p.Code).DefaultIfEmpty("A1").ToList();
        var agent = random.Next(4) == 0 ? Agents[random.Next(Agents.Length)].Name : null;
        SaleChannel? channel = random.Next(3) == 0 ? (SaleChannel)random.Next(2) : null;
        UpsellKind? kind = random.Next(3) == 0 ? (UpsellKind)random.Next(2) : null;
        var basis = random.Next(2) == 0 ? ReportDateBasis.SaleDate : ReportDateBasis.StayDate;
        var groupBy = groupings.Where(_ => random.Next(4) != 0).ToList();
        return new UpsellReportQuery(codes, from, to, basis, agent, channel, kind, groupBy);
    }
}

/// <summary>The definitions, applied record by record in memory.</summary>
internal static class BruteForce
{
    public static UpsellReport Report(ReportData data, UpsellReportQuery query, string? ownUserId)
    {
        var properties = (query.PropertyCodes.Count == 0 ? data.Properties : data.Properties.Where(p => query.PropertyCodes.Contains(p.Code))).ToList();
        var ids = properties.Select(p => p.Id).ToHashSet();
        DateOnly? Basis(DateOnly saleDay, DateOnly? arrival) => query.DateBasis == ReportDateBasis.SaleDate ? saleDay : arrival;
        bool InRange(DateOnly? d) => d is { } day && day >= query.From && day <= query.To;
        bool Who(string agentName, string? agentUserId) => (query.Agent is null || agentName == query.Agent) && (ownUserId is null || agentUserId == ownUserId);

        var sales = data.Sales.Where(s => ids.Contains(s.PropertyId) && InRange(Basis(s.SoldDate, s.Arrival)) && Who(s.AgentName, s.AgentUserId)
            && (query.Channel is null || s.Channel == query.Channel) && (query.Kind is null || s.Kind == query.Kind)).ToList();
        var presentations = data.Presentations.Where(p => ids.Contains(p.PropertyId) && InRange(Basis(p.Day, p.Arrival)) && Who(p.AgentName, p.AgentUserId)
            && (query.Channel is null || p.Channel == query.Channel) && (query.Kind is null || p.Offers.Any(o => o.Kind == query.Kind))).ToList();
        var offers = data.Offers.Where(o => ids.Contains(o.PropertyId) && InRange(Basis(o.Day, o.Arrival)) && Who(o.AgentName, o.AgentUserId)
            && (query.Channel is null || o.Channel == query.Channel) && (query.Kind is null || o.Kind == query.Kind)).ToList();
        var declines = data.Declines.Where(d => ids.Contains(d.PropertyId) && InRange(Basis(d.Day, d.Arrival)) && Who(d.AgentName, d.AgentUserId)
            && (query.Channel is null || d.Channel == query.Channel) && (query.Kind is null || d.Kind == query.Kind)).ToList();
        var code = data.Properties.ToDictionary(p => p.Id, p => p.Code);

        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string Monday(DateOnly d) => Day(d.AddDays(-(((int)d.DayOfWeek + 6) % 7)));
        string? Pair(UpsellKind kind, string? from, string? to) => kind == UpsellKind.RoomUpgrade && from is not null && to is not null ? $"{from}->{to}" : null;
        string? Rule(UpsellKind kind, string? rule) => kind == UpsellKind.RoomUpgrade ? rule ?? "(no rule)" : null;
        string? AddOn(UpsellKind kind, string? product) => kind == UpsellKind.AddOn ? product ?? "(no product)" : null;

        // Per grouping: the key of each record type (null = not in this grouping), and whether presentations (true) or
        // presented offers (false) stand for "shown".
        (Func<UpsellSale, string?> Sale, Func<UpsellPresentation, string?>? Presentation, Func<UpsellPresentedOffer, string?> Offer, Func<UpsellDecline, string?> Decline) Keys(ReportGrouping g) => g switch
        {
            ReportGrouping.Property => (s => code[s.PropertyId], p => code[p.PropertyId], o => code[o.PropertyId], d => code[d.PropertyId]),
            ReportGrouping.Agent => (s => s.AgentName, p => p.AgentName, o => o.AgentName, d => d.AgentName),
            ReportGrouping.RoomTypePair => (s => Pair(s.Kind, s.FromRoomType, s.ToRoomType), null, o => Pair(o.Kind, o.FromRoomType, o.ToRoomType), d => Pair(d.Kind, d.FromRoomType, d.ToRoomType)),
            ReportGrouping.Rule => (s => Rule(s.Kind, s.RuleCode), null, o => Rule(o.Kind, o.RuleCode), d => Rule(d.Kind, d.RuleCode)),
            ReportGrouping.AddOn => (s => AddOn(s.Kind, s.ProductName), null, o => AddOn(o.Kind, o.ProductName), d => AddOn(d.Kind, d.ProductName)),
            ReportGrouping.Day => (s => Day(Basis(s.SoldDate, s.Arrival)!.Value), p => Day(Basis(p.Day, p.Arrival)!.Value), o => Day(Basis(o.Day, o.Arrival)!.Value), d => Day(Basis(d.Day, d.Arrival)!.Value)),
            ReportGrouping.Week => (s => Monday(Basis(s.SoldDate, s.Arrival)!.Value), p => Monday(Basis(p.Day, p.Arrival)!.Value), o => Monday(Basis(o.Day, o.Arrival)!.Value), d => Monday(Basis(d.Day, d.Arrival)!.Value)),
            _ => throw new ArgumentOutOfRangeException(nameof(g)),
        };

        // Definition: a sale belongs to the section of its own currency; what has no amount of its own (presentations,
        // presented offers, declines) to the section of its property's currency. A section exists for every currency of
        // the properties asked for and every currency of a sale in the report; it lists the properties of that currency and
        // those with a sale in it.
        var currencyOf = data.Properties.ToDictionary(x => x.Id, x => x.CurrencyCode);
        var sections = new List<UpsellReportSection>();
        foreach (var currency in properties.Select(x => x.CurrencyCode).Concat(sales.Select(x => x.CurrencyCode)).Distinct().OrderBy(c => c, StringComparer.Ordinal))
        {
            var s = sales.Where(x => x.CurrencyCode == currency).ToList();
            var p = presentations.Where(x => currencyOf[x.PropertyId] == currency).ToList();
            var o = offers.Where(x => currencyOf[x.PropertyId] == currency).ToList();
            var d = declines.Where(x => currencyOf[x.PropertyId] == currency).ToList();
            var sectionCodes = properties.Where(x => x.CurrencyCode == currency).Select(x => x.Code).Concat(s.Select(x => code[x.PropertyId])).Distinct();
            var totals = Figures(data, s, p, o, d, usePresentations: true, query.Kind);
            var groups = new Dictionary<ReportGrouping, IReadOnlyList<UpsellReportGroup>>();
            foreach (var grouping in query.GroupBy.Distinct())
            {
                var k = Keys(grouping);
                var keys = s.Select(k.Sale)
                    .Concat(k.Presentation is null ? o.Select(k.Offer) : p.Select(k.Presentation).Concat(query.Kind is null ? [] : o.Select(k.Offer)))
                    .Concat(d.Select(k.Decline))
                    .OfType<string>().Distinct().ToList();
                var list = keys.Select(key => new UpsellReportGroup(key, Label(grouping, key, data),
                    Figures(data, s.Where(x => k.Sale(x) == key).ToList(),
                        k.Presentation is null ? [] : p.Where(x => k.Presentation(x) == key).ToList(),
                        o.Where(x => k.Offer(x) == key).ToList(),
                        d.Where(x => k.Decline(x) == key).ToList(), k.Presentation is not null, query.Kind))).ToList();
                groups[grouping] = grouping is ReportGrouping.Day or ReportGrouping.Week
                    ? list.OrderBy(x => x.Key, StringComparer.Ordinal).ToList()
                    : list.OrderByDescending(x => x.Figures.Revenue).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
            }
            sections.Add(new UpsellReportSection(currency, sectionCodes.OrderBy(x => x, StringComparer.Ordinal).ToList(), totals, groups));
        }
        return new UpsellReport(query, sections, ownUserId is not null);
    }

    private static string Label(ReportGrouping grouping, string key, ReportData data) => grouping switch
    {
        ReportGrouping.Property => $"{data.Properties.Single(p => p.Code == key).Name} ({key})",
        ReportGrouping.RoomTypePair => key.Replace("->", " → ", StringComparison.Ordinal),
        ReportGrouping.Week => $"Week of {key}",
        _ => key,
    };

    private static UpsellFigures Figures(ReportData data, List<UpsellSale> sales, List<UpsellPresentation> presentations, List<UpsellPresentedOffer> offers,
        List<UpsellDecline> declines, bool usePresentations, UpsellKind? kind)
    {
        var shown = usePresentations ? presentations.Select(p => (p.PropertyId, p.ReservationId)) : offers.Select(o => (o.PropertyId, o.ReservationId));
        var reservationsPresented = shown.Concat(sales.Where(s => s.Status != UpsellStatus.Rejected).Select(s => (s.PropertyId, s.ReservationId))).Distinct().Count();
        var offersPresented = usePresentations && kind is null ? presentations.Sum(p => p.OffersCount) : offers.Count;
        var sold = sales.Where(s => s.Status is UpsellStatus.Pending or UpsellStatus.Posted).ToList();
        var bought = sold.Select(s => (s.PropertyId, s.ReservationId)).Distinct().Count();
        var postedAmount = sales.Where(s => s.Status is UpsellStatus.Posted or UpsellStatus.Reversed).Sum(s => s.TotalAmount);
        var reversedAmount = sales.Where(s => s.Status == UpsellStatus.Reversed).Sum(s => s.TotalAmount);
        var revenue = postedAmount - reversedAmount;
        var postedCount = sales.Count(s => s.Status == UpsellStatus.Posted);
        decimal? commission = null;
        foreach (var byProperty in sales.GroupBy(s => s.PropertyId))
        {
            if (data.CommissionPercent[byProperty.Key] is { } percent)
            {
                var propertyRevenue = byProperty.Where(s => s.Status == UpsellStatus.Posted).Sum(s => s.TotalAmount);
                commission = (commission ?? 0m) + propertyRevenue * percent / 100m;
            }
        }
        // A group whose records are only presentations/declines of a property with a commission still has a commission (0).
        var propertiesInGroup = sales.Select(s => s.PropertyId).Concat(presentations.Select(p => p.PropertyId)).Concat(offers.Select(o => o.PropertyId))
            .Concat(declines.Select(d => d.PropertyId)).Distinct();
        if (commission is null && propertiesInGroup.Any(id => data.CommissionPercent[id] is not null))
        {
            commission = 0m;
        }
        return new UpsellFigures(
            reservationsPresented, offersPresented, sold.Count, declines.Count, sales.Count(s => s.Status == UpsellStatus.Reversed), bought,
            reservationsPresented == 0 ? null : Math.Round((decimal)bought / reservationsPresented, 4, MidpointRounding.AwayFromZero),
            postedAmount, reversedAmount, revenue, sales.Where(s => s.Status == UpsellStatus.Pending).Sum(s => s.TotalAmount),
            postedCount == 0 ? null : Math.Round(revenue / postedCount, 2, MidpointRounding.AwayFromZero),
            sold.Where(s => s.Kind == UpsellKind.RoomUpgrade).Sum(s => s.UpgradeNights),
            commission is { } c ? Math.Round(c, 2, MidpointRounding.AwayFromZero) : null);
    }
}

internal static class ReportAssert
{
    public static void Equal(UpsellReport expected, UpsellReport actual, string context)
    {
        Assert.True(expected.OwnFiguresOnly == actual.OwnFiguresOnly, $"{context}: OwnFiguresOnly");
        Assert.True(expected.Sections.Select(s => s.CurrencyCode).SequenceEqual(actual.Sections.Select(s => s.CurrencyCode)),
            $"{context}: currencies {string.Join(",", expected.Sections.Select(s => s.CurrencyCode))} vs {string.Join(",", actual.Sections.Select(s => s.CurrencyCode))}");
        foreach (var (e, a) in expected.Sections.Zip(actual.Sections))
        {
            Assert.True(e.PropertyCodes.SequenceEqual(a.PropertyCodes), $"{context} {e.CurrencyCode}: properties");
            Assert.True(e.Totals == a.Totals, $"{context} {e.CurrencyCode} totals:\n expected {e.Totals}\n actual   {a.Totals}");
            Assert.True(e.Groups.Keys.Order().SequenceEqual(a.Groups.Keys.Order()), $"{context} {e.CurrencyCode}: groupings");
            foreach (var (grouping, groups) in e.Groups)
            {
                var actualGroups = a.Groups[grouping];
                Assert.True(groups.Select(g => g.Key).SequenceEqual(actualGroups.Select(g => g.Key)),
                    $"{context} {e.CurrencyCode} {grouping} keys:\n expected {string.Join(" | ", groups.Select(g => g.Key))}\n actual   {string.Join(" | ", actualGroups.Select(g => g.Key))}");
                foreach (var (eg, ag) in groups.Zip(actualGroups))
                {
                    Assert.True(eg == ag, $"{context} {e.CurrencyCode} {grouping} {eg.Key}:\n expected {eg}\n actual   {ag}");
                }
            }
        }
    }
}
