using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Reports;
using UpsellAdmin.Web.Features.Reports.Forecast;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.Features.Desk;

namespace UpsellAdmin.Web.Tests.Features.Reports;

/// <summary>
/// The rule page's Forecast against the Connector API simulator after a real sync (the desk's harness): two competing
/// rules of the same upgrade whose outcome is computed by hand from the arrivals Mews lists, the draft against the saved
/// rule, measured against assumed conversion, and a Mews failure.
/// </summary>
public sealed class ForecastServiceTests : IAsyncLifetime
{
    private const int Days = 14;
    private DeskHarness _harness = default!;
    private ServiceProvider _app = default!;
    private readonly FakeReportService _report = new();
    private Property _property = default!;
    private string _from = "";
    private string _to = "";
    private string _other = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _harness = await DeskHarness.StartAsync(ct: Ct);
        _app = _harness.BuildInstance(s =>
        {
            s.AddScoped<IRuleForecast, RuleForecastService>();
            s.RemoveAll<IUpsellReportService>();
            s.AddSingleton<IUpsellReportService>(_report);
        });
        _property = await _harness.PropertyOfAsync(_harness.Simulator.Store.FullNight!.EnterpriseId, Ct);
        await using var db = await _harness.Db.CreateDbContextAsync(Ct);
        // The most booked room type of the window, and two others to upgrade to; no hierarchy, no availability limit, no
        // room status limit, no cut: only the rules decide.
        var arrivals = await ArrivalsAsync();
        _from = arrivals.GroupBy(r => r.RoomType!).OrderByDescending(g => g.Count()).First().Key;
        var others = await db.RoomTypes.Where(t => t.PropertyId == _property.Id && t.IsActive && t.Code != _from).OrderBy(t => t.Code).Select(t => t.Code).ToListAsync(Ct);
        (_to, _other) = (others[0], others[1]);
        await db.RoomHierarchy.Where(h => h.PropertyId == _property.Id).ExecuteDeleteAsync(Ct);
        await db.UpsellRules.Where(r => r.PropertyId == _property.Id).ExecuteDeleteAsync(Ct);
        var config = await db.UpsellConfigurations.SingleAsync(c => c.PropertyId == _property.Id, Ct);
        config.MinimumFreeRooms = 0;
        config.UpsellRoomStatus = RoomStatus.Dirty;
        config.MaximumNumberOfOffers = null;
        config.MaximumLengthOfStay = null;
        config.Version = Guid.NewGuid();
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _harness.DisposeAsync();
    }

    /// <summary>The arrivals of the forecast's window as the desk reads them, that the desk would price.</summary>
    private async Task<List<DeskReservation>> ArrivalsAsync()
    {
        var today = DeskHarness.TodayIn(_property);
        return (await _harness.Get<MewsReservationReader>().ReadAsync(_property, new DeskWindow(today, today.AddDays(Days - 1)), Ct)).Reservations
            .Where(r => r.NotOfferableReason is null && r.RoomType is not null && r.RateCode is not null && r.HasMewsRates)
            .ToList();
    }

    private UpsellRuleDefinition Rule(string code, string to, decimal amount) => new()
    {
        Code = code,
        Description = $"forecast {code}",
        UpsellByRoomType = true,
        From = _from,
        To = to,
        Formula = UpsellFormula.FlatAmountAddedToOriginalRate,
        UpsellAmount = amount,
        CurrencyCode = _property.CurrencyCode,
        RoundingRule = RoundingRule.None,
    };

    private async Task<int> SaveAsync(UpsellRuleDefinition definition)
    {
        await using var db = await _harness.Db.CreateDbContextAsync(Ct);
        var rule = new UpsellRule { PropertyId = _property.Id, CreatedUtc = DateTimeOffset.UtcNow, UpdatedUtc = DateTimeOffset.UtcNow };
        rule.Apply(definition);
        db.UpsellRules.Add(rule);
        await db.SaveChangesAsync(Ct);
        return rule.Id;
    }

    private async Task<RuleForecastResult> ForecastAsync(int? ruleId, UpsellRuleDefinition draft, decimal assumed = 0.10m)
    {
        using var scope = _app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IRuleForecast>().RunAsync(new RuleForecastRequest(_property.Id, ruleId, draft, Days, assumed), Ct);
    }

    [Fact]
    public async Task TwoCompetingRules_TheCheaperWins_CountsAndAmountsAsComputedByHand()
    {
        // Two rules of the same upgrade: FCA (saved at 20 a night) and FCB (saved at 10). Equally specific, so the
        // cheaper offer wins. On screen FCA is lowered to 5: it then wins every stay FCB won.
        var fca = await SaveAsync(Rule("FCA", _to, 20m));
        await SaveAsync(Rule("FCB", _to, 10m));
        var stays = (await ArrivalsAsync()).Where(r => r.RoomType == _from).ToList();
        var nights = stays.Sum(r => r.NightCount);
        Assert.True(stays.Count >= 2, $"only {stays.Count} {_from} arrivals in {Days} days");

        var result = await ForecastAsync(fca, Rule("FCA", _to, 5m));

        Assert.Equal(RuleForecastStatus.Ok, result.Status);
        var draft = result.Draft!;
        var saved = result.Saved!;
        Assert.Equal(("FCA", stays.Count, stays.Count, nights, 5m * nights), (draft.RuleCode, draft.ReservationsOffered, draft.ReservationsWon, draft.RoomNights, draft.UpsellAmount));
        Assert.Equal(5m, draft.AmountPerNight);
        // Saved FCA (20) matches the same stays but loses every one to FCB (10).
        Assert.Equal(("FCA", stays.Count, 0, 0, 0m, (decimal?)null), (saved.RuleCode, saved.ReservationsOffered, saved.ReservationsWon, saved.RoomNights, saved.UpsellAmount, saved.AmountPerNight));
        Assert.Equal(0m, saved.ExpectedRevenue);
        Assert.True(result.ReservationsRead >= stays.Count);
    }

    [Fact]
    public async Task UnsavedChange_ShowsADifferentResultThanTheSavedRule_AndReusesTheMewsRead()
    {
        var id = await SaveAsync(Rule("FCA", _to, 20m));
        var stays = (await ArrivalsAsync()).Where(r => r.RoomType == _from).ToList();
        var nights = stays.Sum(r => r.NightCount);

        var first = await ForecastAsync(id, Rule("FCA", _to, 30m));
        var reservationReads = _harness.Simulator.Statistics.RequestsFor("reservations/getAll/2023-06-06");
        var second = await ForecastAsync(id, Rule("FCA", _to, 25m));

        Assert.Equal(30m * nights, first.Draft!.UpsellAmount);
        Assert.Equal(20m * nights, first.Saved!.UpsellAmount);
        Assert.Equal(25m * nights, second.Draft!.UpsellAmount);
        Assert.Equal(first.Saved, second.Saved);
        Assert.True(first.MewsRequests > 0);
        Assert.Equal(0, second.MewsRequests); // the read of the last minute
        Assert.Equal(reservationReads, _harness.Simulator.Statistics.RequestsFor("reservations/getAll/2023-06-06"));
        // The draft was never saved.
        await using var db = await _harness.Db.CreateDbContextAsync(Ct);
        Assert.Equal(20m, await db.UpsellRules.Where(r => r.Id == id).Select(r => r.UpsellAmount).SingleAsync(Ct));
    }

    [Fact]
    public async Task NewRule_OnlyTheDraft_MeasuredConversionForOnePair_AssumedForTheOther()
    {
        _report.Measured[(_from, _to)] = (0.25m, 8);
        var stays = (await ArrivalsAsync()).Where(r => r.RoomType == _from).ToList();
        var nights = stays.Sum(r => r.NightCount);

        var measured = await ForecastAsync(null, Rule("NEWTO", _to, 10m), assumed: 0.20m);
        var assumed = await ForecastAsync(null, Rule("NEWOTHER", _other, 10m), assumed: 0.20m);

        Assert.Null(measured.Saved);
        Assert.Equal(stays.Count, measured.Draft!.ReservationsWon);
        var pair = Assert.Single(measured.Pairs);
        Assert.Equal((_from, _to, 0.25m, true, 8, stays.Count), (pair.FromRoomType, pair.ToRoomType, pair.Conversion, pair.Measured, pair.ReservationsMeasured, pair.DraftReservationsWon));
        Assert.Equal(Math.Round(10m * nights * 0.25m, 2), measured.Draft.ExpectedRevenue);

        var guess = Assert.Single(assumed.Pairs);
        Assert.Equal((_from, _other, 0.20m, false, 0), (guess.FromRoomType, guess.ToRoomType, guess.Conversion, guess.Measured, guess.ReservationsMeasured));
        Assert.Equal(Math.Round(10m * nights * 0.20m, 2), assumed.Draft!.ExpectedRevenue);
        Assert.Contains((_property.Id, _from, _other), _report.Asked);
    }

    [Fact]
    public async Task MewsFails_SaysSoAndThatNothingChanged()
    {
        var id = await SaveAsync(Rule("FCA", _to, 20m));
        var options = _harness.Simulator.Options;
        options.FaultOperations = new HashSet<string>(StringComparer.Ordinal) { "reservations/getAll/2023-06-06" };
        options.ServerErrorRate = 1;
        RuleForecastResult result;
        try
        {
            result = await ForecastAsync(id, Rule("FCA", _to, 30m));
        }
        finally
        {
            options.ServerErrorRate = 0;
            options.FaultOperations = new HashSet<string>(StringComparer.Ordinal);
        }

        Assert.Equal(RuleForecastStatus.MewsFailed, result.Status);
        Assert.StartsWith("Mews could not be read: ", result.Message, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was changed; try again.", result.Message, StringComparison.Ordinal);
        Assert.Null(result.Draft);
    }

    [Fact]
    public async Task DraftFiltersByChannel_NoSavedRuleDoes_SaysTheChannelsWereNotRead()
    {
        var result = await ForecastAsync(null, Rule("CHAN", _to, 10m) with { Channels = ["AIRBNB"] });

        Assert.Equal(0, result.Draft!.ReservationsOffered);
        Assert.Contains("booking channels are read from Mews only when a saved rule", Assert.Single(result.Notes), StringComparison.Ordinal);
        Assert.Empty((await ForecastAsync(null, Rule("NOCHAN", _to, 10m))).Notes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    public async Task DaysOutOfRange_Invalid_WithAMessage(int days)
    {
        using var scope = _app.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<IRuleForecast>()
            .RunAsync(new RuleForecastRequest(_property.Id, null, Rule("X", _to, 5m), days, 0.1m), Ct);

        Assert.Equal(RuleForecastStatus.Invalid, result.Status);
        Assert.Contains("1 to 365", result.Message, StringComparison.Ordinal);
    }

    /// <summary>The report's pair conversion: measured for the pairs set in <see cref="Measured"/>, else no data.</summary>
    private sealed class FakeReportService : IUpsellReportService
    {
        public Dictionary<(string From, string To), (decimal Conversion, int Reservations)> Measured { get; } = [];
        public List<(int PropertyId, string From, string To)> Asked { get; } = [];

        public Task<UpsellReportResult> RunAsync(UpsellReportQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<(decimal Conversion, int ReservationsPresented)?> PairConversionAsync(int propertyId, string fromRoomType, string toRoomType,
            DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
        {
            Asked.Add((propertyId, fromRoomType, toRoomType));
            return Task.FromResult(Measured.TryGetValue((fromRoomType, toRoomType), out var m) ? ((decimal, int)?)(m.Conversion, m.Reservations) : null);
        }
    }
}
