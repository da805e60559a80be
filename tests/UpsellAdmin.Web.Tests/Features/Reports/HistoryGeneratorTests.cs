using UpsellAdmin.Web.Features.Reports.History;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Tests.Features.Reports;

/// <summary>The activity-history generator on its own: deterministic, consistent records, realistic conversion.</summary>
public sealed class HistoryGeneratorTests
{
    private static readonly DateOnly From = new(2026, 1, 1);
    private static readonly DateOnly To = new(2026, 6, 30);

    internal static HistoryProperty Profile(double perDay = 20) => new(
        PropertyId: 7, Code: "TST", EnterpriseId: "ent-1", TimeZone: "America/New_York", CurrencyCode: "USD",
        Upgrades:
        [
            new HistoryUpgrade("STDK", "DLXK", "R1", 30m),
            new HistoryUpgrade("STDK", "SUI", "R2", 80m),
            new HistoryUpgrade("STDQ", "DLXK", "R3", 25m),
        ],
        AddOns: [new HistoryAddOn("Breakfast", "prod-1", 18m, PerNight: true), new HistoryAddOn("Late check-out", "prod-2", 35m, PerNight: false)],
        Agents:
        [
            new HistoryAgent("u1", "ada@test", SaleChannel.Desk, 1.2),
            new HistoryAgent("u2", "frankie@test", SaleChannel.Desk, 0.8),
            new HistoryAgent(null, "API: booking-engine", SaleChannel.Api),
        ],
        PresentationsPerDay: perDay);

    [Fact]
    public void Generate_SameArguments_SameRecords()
    {
        var a = ActivityHistoryGenerator.GenerateAll(Profile(), From, To);
        var b = ActivityHistoryGenerator.GenerateAll(Profile(), From, To);

        Assert.Equal(a.Presentations.Select(Key), b.Presentations.Select(Key));
        Assert.Equal(a.Sales.Select(SaleKey), b.Sales.Select(SaleKey));
        Assert.Equal(a.Declines.Select(d => $"{d.ReservationId}|{d.Offer}|{d.TotalAmount}|{d.DeclinedUtc:O}"), b.Declines.Select(d => $"{d.ReservationId}|{d.Offer}|{d.TotalAmount}|{d.DeclinedUtc:O}"));
        Assert.NotEmpty(a.Sales);
    }

    [Fact]
    public void Generate_OtherSeed_OtherRecords()
    {
        var a = ActivityHistoryGenerator.GenerateAll(Profile(), From, To);
        var b = ActivityHistoryGenerator.GenerateAll(Profile(), From, To, new HistoryOptions(Seed: 99));

        Assert.NotEqual(a.Sales.Select(SaleKey), b.Sales.Select(SaleKey));
    }

    [Fact]
    public void Generate_SubRange_EqualsTheSameDaysOfTheWholeRange()
    {
        var whole = ActivityHistoryGenerator.Generate(Profile(), From, To).Where(d => d.Day >= new DateOnly(2026, 3, 1) && d.Day <= new DateOnly(2026, 3, 31)).ToList();
        var part = ActivityHistoryGenerator.Generate(Profile(), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)).ToList();

        Assert.Equal(whole.SelectMany(d => d.Sales).Select(SaleKey), part.SelectMany(d => d.Sales).Select(SaleKey));
        Assert.Equal(whole.SelectMany(d => d.Presentations).Select(Key), part.SelectMany(d => d.Presentations).Select(Key));
    }

    [Fact]
    public void Generate_Records_NameOnlyTheProfilesRoomTypesRulesAddOnsAndAgents()
    {
        var profile = Profile();
        var (presentations, sales, declines) = ActivityHistoryGenerator.GenerateAll(profile, From, To);
        var pairs = profile.Upgrades.Select(u => ((string?)u.FromRoomType, (string?)u.ToRoomType, (string?)u.RuleCode)).ToHashSet();
        var addOns = profile.AddOns.Select(a => a.Name).ToHashSet();
        var agents = profile.Agents.Select(a => (a.UserId, a.Name, a.Channel)).ToHashSet();

        var offers = presentations.SelectMany(p => p.Offers).ToList();
        Assert.All(offers.Where(o => o.Kind == UpsellKind.RoomUpgrade), o => Assert.Contains((o.FromRoomType, o.ToRoomType, o.RuleCode), pairs));
        Assert.All(offers.Where(o => o.Kind == UpsellKind.AddOn), o => Assert.Contains(o.ProductName!, addOns));
        Assert.All(sales.Where(s => s.Kind == UpsellKind.RoomUpgrade), s => Assert.Contains((s.FromRoomType, s.ToRoomType, s.RuleCode), pairs));
        Assert.All(sales.Where(s => s.Kind == UpsellKind.AddOn), s => Assert.Contains(s.ProductName!, addOns));
        Assert.All(declines.Where(d => d.Kind == UpsellKind.RoomUpgrade), d => Assert.Contains((d.FromRoomType, d.ToRoomType, d.RuleCode), pairs));
        Assert.All(declines.Where(d => d.Kind == UpsellKind.AddOn), d => Assert.Contains(d.ProductName!, addOns));
        Assert.All(presentations, p => Assert.Contains((p.AgentUserId, p.AgentName, p.Channel), agents));
        Assert.All(sales, s => Assert.Contains((s.AgentUserId, s.AgentName, s.Channel), agents));
        Assert.All(sales, s => Assert.Equal(("TST", 7, "USD", "ent-1"), (s.PropertyCode, s.PropertyId, s.CurrencyCode, s.EnterpriseId)));
        // Every upgrade pair and both add-ons appear (the charts have something per pair).
        Assert.Equal(pairs.Count, sales.Where(s => s.Kind == UpsellKind.RoomUpgrade).Select(s => (s.FromRoomType, s.ToRoomType, s.RuleCode)).Distinct().Count());
        Assert.Equal(addOns.Count, sales.Where(s => s.Kind == UpsellKind.AddOn).Select(s => s.ProductName).Distinct().Count());
    }

    [Fact]
    public void Generate_Sales_AreFinalHistoricAndConsistent()
    {
        var (presentations, sales, declines) = ActivityHistoryGenerator.GenerateAll(Profile(), From, To);

        Assert.All(presentations, p => Assert.StartsWith(ActivityHistoryGenerator.ReservationPrefix, p.ReservationId));
        Assert.All(declines, d => Assert.StartsWith(ActivityHistoryGenerator.ReservationPrefix, d.ReservationId));
        Assert.Equal(sales.Count, sales.Select(s => s.Id).Distinct().Count());
        var shown = presentations.Select(p => (p.ReservationId, p.Day, p.Channel)).ToHashSet();
        Assert.Equal(presentations.Count, shown.Count);
        foreach (var s in sales)
        {
            Assert.StartsWith(ActivityHistoryGenerator.ReservationPrefix, s.ReservationId);
            Assert.NotEqual(UpsellStatus.Pending, s.Status);
            Assert.InRange(s.SoldDate, From, To);
            Assert.True(s.Arrival >= s.SoldDate, $"{s.ReservationId}: arrival {s.Arrival} before the sale {s.SoldDate}");
            Assert.True(s.Departure > s.Arrival);
            Assert.Contains((s.ReservationId, s.SoldDate, s.Channel), shown);
            Assert.Equal(ActivityHistoryGenerator.Note, s.Note);
            Assert.Null(s.IdempotencyKey);
            // The property's own day of the sale is the local date of SoldUtc.
            var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
            Assert.Equal(s.SoldDate, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.SoldUtc, zone).DateTime));
            if (s.Kind == UpsellKind.RoomUpgrade)
            {
                Assert.Equal(s.UpgradeNights, s.Nights.Count);
                Assert.Equal(s.Departure.DayNumber - s.Arrival.DayNumber, s.Nights.Count);
                Assert.Equal(s.TotalAmount, s.Nights.Sum(n => n.UpsellAmount));
                Assert.All(s.Nights, n => Assert.InRange(n.Date, s.Arrival, s.Departure.AddDays(-1)));
            }
            else
            {
                Assert.Equal(0, s.UpgradeNights);
                Assert.Empty(s.Nights);
                Assert.Equal(s.TotalAmount, s.UnitAmount * s.UnitCount);
            }
            switch (s.Status)
            {
                case UpsellStatus.Posted:
                    Assert.NotNull(s.PostedUtc);
                    Assert.Null(s.ReversedUtc);
                    break;
                case UpsellStatus.Reversed:
                    Assert.NotNull(s.ReversedUtc);
                    Assert.True(s.ReversedUtc > s.PostedUtc);
                    break;
                case UpsellStatus.Rejected:
                    // Retry refuses a sale with an Attention: a generated sale is never sent to Mews.
                    Assert.Equal(ActivityHistoryGenerator.RejectedAttention, s.Attention);
                    break;
            }
        }
        var byStatus = sales.GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byStatus[UpsellStatus.Posted] > sales.Count * 0.8, "mostly Posted");
        Assert.True(byStatus.GetValueOrDefault(UpsellStatus.Reversed) > 0 && byStatus.GetValueOrDefault(UpsellStatus.Rejected) > 0);
        Assert.Contains(sales, s => s.Channel == SaleChannel.Api);
        Assert.Contains(sales, s => s.Channel == SaleChannel.Desk);
    }

    [Fact]
    public void Generate_IncludePending_OnlyOnTheLastTwoDays()
    {
        var sales = ActivityHistoryGenerator.GenerateAll(Profile(perDay: 200), From, To, new HistoryOptions(IncludePending: true)).Sales;

        Assert.Contains(sales, s => s.Status == UpsellStatus.Pending);
        Assert.All(sales.Where(s => s.Status == UpsellStatus.Pending), s => Assert.True(s.SoldDate >= To.AddDays(-1)));
    }

    [Fact]
    public void Generate_ConversionAndDailyShape_LookReal()
    {
        var days = ActivityHistoryGenerator.Generate(Profile(), new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)).ToList();
        var presented = days.Sum(d => d.Presentations.Count);
        var bought = days.Sum(d => d.Sales.Select(s => s.ReservationId).Distinct().Count());
        var conversion = (double)bought / presented;

        Assert.InRange(conversion, 0.15, 0.35);
        double Average(Func<HistoryDay, bool> which) => days.Where(which).Average(d => d.Presentations.Count);
        Assert.True(Average(d => d.Day.DayOfWeek == DayOfWeek.Friday) > Average(d => d.Day.DayOfWeek == DayOfWeek.Sunday) * 1.3, "Fridays busier than Sundays");
        Assert.True(Average(d => d.Day.Month == 7) > Average(d => d.Day.Month == 1) * 1.3, "July busier than January");
        // Conversion per month varies but stays in a believable band.
        var monthly = days.GroupBy(d => d.Day.Month)
            .Select(g => (double)g.Sum(d => d.Sales.Select(s => s.ReservationId).Distinct().Count()) / g.Sum(d => d.Presentations.Count)).ToList();
        Assert.All(monthly, c => Assert.InRange(c, 0.10, 0.40));
        Assert.True(monthly.Max() - monthly.Min() > 0.02, "monthly conversion varies");
    }

    [Fact]
    public void Generate_PropertyWithoutAgentsOrOffers_GeneratesNothing()
    {
        var none = Profile() with { Upgrades = [], AddOns = [] };
        var noAgents = Profile() with { Agents = [] };

        Assert.Empty(ActivityHistoryGenerator.GenerateAll(none, From, To).Presentations);
        Assert.Empty(ActivityHistoryGenerator.GenerateAll(noAgents, From, To).Presentations);
    }

    private static string Key(UpsellPresentation p) =>
        $"{p.ReservationId}|{p.Day}|{p.Channel}|{p.AgentName}|{p.Arrival}|{p.PresentedUtc:O}|{string.Join(",", p.Offers.Select(o => $"{o.Kind}:{o.ToRoomType}{o.ProductName}:{o.TotalAmount}"))}";

    private static string SaleKey(UpsellSale s) =>
        $"{s.Id}|{s.ReservationId}|{s.Kind}|{s.Status}|{s.TotalAmount}|{s.SoldUtc:O}|{s.Nights.Count}|{s.AgentName}";
}
