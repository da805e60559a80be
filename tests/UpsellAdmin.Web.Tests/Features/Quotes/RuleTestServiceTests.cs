using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Quotes;

/// <summary>The Test dialog's service calls on real SQLite: prefilled rates, overrides, reasons, rule problems.</summary>
public sealed class RuleTestServiceTests : IAsyncLifetime
{
    private readonly QuoteDatabase _db = new();

    public async ValueTask InitializeAsync() => await _db.SeedAsync(c => c.MaximumLengthOfStay = 3);

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static UpsellRuleDefinition Rule(UpsellFormula formula = UpsellFormula.FlatAmountAddedToOriginalRate, decimal? amount = 15m) => new()
    {
        Code = "UNSAVED",
        Description = "On screen only",
        From = "STK",
        To = "DLK",
        Formula = formula,
        UpsellAmount = amount,
        CurrencyCode = "USD",
    };

    private Task<IReadOnlyList<TestNightRates>> RatesAsync(StayQuoteInput input, params string[] targets) =>
        _db.Service.GetNightlyRatesAsync(_db.PropertyId, input.RateCode!, input.RoomType!, targets, input.ArrivalDate!.Value, input.DepartureDate!.Value, Ct);

    [Fact]
    public async Task GetNightlyRates_PrefillsOriginalAndTargetPricesPerNight()
    {
        var input = _db.Stay(nights: 2);

        var rates = await RatesAsync(input, "DLK", "DLT");

        Assert.Equal([QuoteDatabase.Start, QuoteDatabase.Start.AddDays(1)], rates.Select(r => r.Date));
        Assert.All(rates, r => Assert.Equal(100m, r.OriginalRate));
        Assert.All(rates, r => Assert.Equal(150m, r.TargetRates["DLK"]));
        Assert.All(rates, r => Assert.Equal(160m, r.TargetRates["DLT"]));
    }

    [Fact]
    public async Task TestRule_UnsavedRule_OffersWithThePrefilledRates()
    {
        var input = _db.Stay(nights: 2);
        var rates = await RatesAsync(input, "DLK");

        var outcome = await _db.Service.TestRuleAsync(input, Rule(), rates, Ct);

        Assert.True(outcome.IsValid);
        var offer = Assert.Single(outcome.Offers);
        Assert.Equal(("DLK", "UNSAVED", 230m, 30m), (offer.ToRoomType, offer.RuleCode, offer.TotalStayAmount, offer.TotalUpsellAmount));
        Assert.Empty(outcome.NotOffered);
        Assert.Empty(outcome.Notes);
    }

    [Fact]
    public async Task TestRule_OverriddenRates_AreUsed()
    {
        var input = _db.Stay(nights: 1);
        var rates = await RatesAsync(input, "DLK");
        rates[0].OriginalRate = 100m;
        rates[0].TargetRates["DLK"] = 125m;

        var outcome = await _db.Service.TestRuleAsync(input, Rule(UpsellFormula.PercentOfDifferenceAddedToOriginalRate, 5m), rates, Ct);

        Assert.Equal(101.25m, Assert.Single(outcome.Offers).TotalStayAmount);
    }

    [Fact]
    public async Task TestRule_RuleDoesNotFit_GivesEveryReason()
    {
        var input = _db.Stay(nights: 1);
        input.RateCode = "BAR";
        var rule = Rule() with { RateCodes = ["PKG"], DaysInAdvance = 90 };

        var outcome = await _db.Service.TestRuleAsync(input, rule, await RatesAsync(input, "DLK"), Ct);

        Assert.Empty(outcome.Offers);
        var reasons = Assert.Single(outcome.NotOffered);
        Assert.Equal([Criterion.DaysInAdvance, Criterion.RateCode], reasons.FailedCriteria);
        Assert.Equal(2, reasons.Reasons.Count);
    }

    [Fact]
    public async Task TestRule_RoomClassRule_OffersEveryRoomTypeOfTheClass()
    {
        var input = _db.Stay(nights: 1);
        input.RoomType = "STK";
        var rule = Rule() with { UpsellByRoomType = false, From = "STD", To = "DLX" };

        var outcome = await _db.Service.TestRuleAsync(input, rule, await RatesAsync(input, "DLK", "DLT"), Ct);

        Assert.Equal(["DLK", "DLT"], outcome.Offers.Select(o => o.ToRoomType));
    }

    [Fact]
    public async Task TestRule_OccupancyLevelsWithoutALevel_IsAnInputError()
    {
        var input = _db.Stay(nights: 1);
        var rule = Rule(amount: null) with { UpsellByOccupancyLevels = true, OccupancyLevelAmounts = [new OccupancyLevelAmount(1, 10m)] };

        var missing = await _db.Service.TestRuleAsync(input, rule, await RatesAsync(input, "DLK"), Ct);
        input.OccupancyLevel = 1;
        var given = await _db.Service.TestRuleAsync(input, rule, await RatesAsync(input, "DLK"), Ct);

        Assert.Equal(nameof(StayQuoteInput.OccupancyLevel), Assert.Single(missing.Errors).Field);
        Assert.Equal(110m, Assert.Single(given.Offers).TotalStayAmount);
    }

    [Fact]
    public async Task TestRule_RuleWithoutAmount_SaysTheRuleIsNotComplete()
    {
        var input = _db.Stay(nights: 1);

        var outcome = await _db.Service.TestRuleAsync(input, Rule(amount: null), await RatesAsync(input, "DLK"), Ct);

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("Rule", error.Field);
        Assert.StartsWith("The rule is not complete: the upsell amount is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRule_NightWithoutOriginalRate_AsksForIt()
    {
        var input = _db.Stay(nights: 2);
        var rates = await RatesAsync(input, "DLK");
        rates[1].OriginalRate = null;

        var outcome = await _db.Service.TestRuleAsync(input, Rule(), rates, Ct);

        Assert.Equal("Nights", Assert.Single(outcome.Errors).Field);
        Assert.Contains("2026-12-02: enter the original rate", outcome.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRule_StayLongerThanThePropertyOffers_StillTestsButNotes()
    {
        var input = _db.Stay(nights: 4);

        var outcome = await _db.Service.TestRuleAsync(input, Rule(), await RatesAsync(input, "DLK"), Ct);

        Assert.Single(outcome.Offers);
        Assert.Contains("it is 4 nights, the property offers upsells up to 3 nights", Assert.Single(outcome.Notes), StringComparison.Ordinal);
    }
}
