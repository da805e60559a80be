using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Copy;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Tests.Features.Copy;

/// <summary>Copy across currencies on real SQLite: SRC (USD) → TGB (EUR); rates from a fake Mews or typed; rounding per
/// the rule; percentages not converted; the log keeps the rate and its source.</summary>
public sealed class RuleCopyConversionTests : IAsyncLifetime
{
    private CopyTestDatabase _db = null!;
    private CopyScenario _s = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await CopyTestDatabase.CreateAsync(Ct);
        _s = await CopyScenario.SeedAsync(_db, Ct);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    /// <summary>What "Mews" has: pair → rate, and how often it was asked.</summary>
    private sealed class FakeMewsRates(Dictionary<(string, string), decimal> rates) : ICopyExchangeRateSource
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyDictionary<(string From, string To), decimal>> GetAsync(int targetPropertyId, IReadOnlyCollection<(string From, string To)> pairs, CancellationToken ct)
        {
            Calls++;
            IReadOnlyDictionary<(string, string), decimal> found = pairs.Where(rates.ContainsKey).ToDictionary(p => p, p => rates[p]);
            return Task.FromResult(found);
        }
    }

    private static FakeMewsRates Mews(decimal usdToEur) => new(new() { [("USD", "EUR")] = usdToEur });

    private Task<UpsellRule> RuleAsync(string code, Action<UpsellRule> edit) => _db.AddRuleAsync(_s.Source, code, "KNG", "DKN", edit, Ct);

    private async Task<RuleCopyPreview> PreviewAsync(RuleCopyService service, params UpsellRule[] rules)
    {
        var result = await service.PreviewAsync(new RuleCopyRequest(_s.Source.Id, rules.Select(r => r.Id).ToList(), [_s.TargetB.Id]), Ct);
        Assert.True(result.Status == CopyStatus.Ok, result.Message);
        return result.Preview!;
    }

    private static RuleCopyItem Item(RuleCopyPreview preview, string code) => preview.Targets.Single().Rules.Single(r => r.Code == code);

    [Fact]
    public async Task Preview_MewsHasTheRate_ConvertsByDefaultRoundedByTheRulesRoundingAndShowsRateAndSource()
    {
        var rule = await RuleAsync("R-UP", r => { r.UpsellAmount = 25m; r.RoundingRule = RoundingRule.Up; });
        var mews = Mews(0.86m);

        var preview = await PreviewAsync(_db.Service(exchangeRates: mews), rule);

        var rate = Assert.Single(preview.ExchangeRates);
        Assert.Equal(("USD", "EUR", 0.86m, "Mews"), (rate.From, rate.To, rate.Rate!.Value, rate.Source));
        var item = Item(preview, "R-UP");
        Assert.Equal(CopyResolution.Convert, Assert.Single(item.Conflicts).DefaultResolution);
        var plan = item.Plan();
        Assert.Equal(CopyOutcome.Created, plan.Outcome);
        // 25 × 0.86 = 21.50, Rounding Rule Up → 22.
        Assert.Equal((22m, "EUR"), (plan.Result!.UpsellAmount!.Value, plan.Result.CurrencyCode));
        Assert.Equal("KNG → DKN · 25 USD → 22 EUR · at 0.86 (Mews)", RuleCopyPlanner.Describe(plan.Result, plan.Conversion));
        Assert.Equal(1, mews.Calls);
    }

    [Fact]
    public async Task Apply_MewsRate_StoresTheConvertedAmountAndTheLogKeepsRateAndSource()
    {
        var rule = await RuleAsync("R-NONE", r => { r.UpsellAmount = 25m; r.RoundingRule = RoundingRule.None; });

        var result = await _db.Service(exchangeRates: Mews(0.8612m)).ApplyAsync(new RuleCopyRequest(_s.Source.Id, [rule.Id], [_s.TargetB.Id]), Ct);

        var item = Assert.Single(Assert.Single(result.Targets).Rules);
        Assert.Equal(CopyOutcome.Created, item.Outcome);
        var copy = (await _db.RulesAsync(_s.TargetB.Id, Ct)).Single(r => r.Code == "R-NONE");
        Assert.Equal(("EUR", 21.53m), (copy.CurrencyCode, copy.UpsellAmount!.Value)); // 21.53 (None: 2 decimals)
        await using var db = await _db.ContextAsync(Ct);
        var log = await db.RuleCopyLogs.SingleAsync(l => l.TargetPropertyCode == "TGB", Ct);
        Assert.Equal((0.8612m, "Mews"), (log.ExchangeRate!.Value, log.ExchangeRateSource));
        Assert.Contains("R-NONE → Created [USD → EUR at 0.8612, Mews]", log.Details, StringComparison.Ordinal);
    }

    /// <summary>"Mews" whose answer changes after the preview: each call takes the next answer (a rate, or a failure).</summary>
    private sealed class ChangingMewsRates(params Func<decimal>[] answers) : ICopyExchangeRateSource
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyDictionary<(string From, string To), decimal>> GetAsync(int targetPropertyId, IReadOnlyCollection<(string From, string To)> pairs, CancellationToken ct)
        {
            var rate = answers[Math.Min(Calls++, answers.Length - 1)]();
            IReadOnlyDictionary<(string, string), decimal> found = pairs.ToDictionary(p => p, _ => rate);
            return Task.FromResult(found);
        }
    }

    [Theory]
    [InlineData(false)] // Mews' rate is 0.90 at Apply
    [InlineData(true)]  // Mews fails at Apply
    public async Task Apply_MewsChangedOrFailsAfterThePreview_WritesAtThePreviewsMewsRateWithoutAskingMewsAgain(bool mewsFails)
    {
        var rule = await RuleAsync("R-PIN", r => { r.UpsellAmount = 25m; r.RoundingRule = RoundingRule.None; });
        var mews = new ChangingMewsRates(() => 0.86m, () => mewsFails ? throw new HttpRequestException("Mews is down") : 0.90m);
        var service = _db.Service(exchangeRates: mews);
        var preview = await PreviewAsync(service, rule);
        var shown = Item(preview, "R-PIN").Plan();
        Assert.Equal((21.5m, 0.86m, "Mews"), (shown.Result!.UpsellAmount!.Value, shown.Conversion!.Rate, shown.Conversion.Source));

        var result = await service.ApplyAsync(new RuleCopyRequest(_s.Source.Id, [rule.Id], [_s.TargetB.Id])
        {
            Decisions = preview.Decisions(),
            ExchangeRates = preview.Rates(),
        }, Ct);

        Assert.Equal(1, mews.Calls); // the preview's read only
        var item = Assert.Single(Assert.Single(result.Targets).Rules);
        Assert.Equal(CopyOutcome.Created, item.Outcome);
        Assert.Equal((0.86m, "Mews"), (item.Conversion!.Rate, item.Conversion.Source));
        var copy = (await _db.RulesAsync(_s.TargetB.Id, Ct)).Single(r => r.Code == "R-PIN");
        Assert.Equal(("EUR", 21.5m), (copy.CurrencyCode, copy.UpsellAmount!.Value)); // 25 × 0.86, not × 0.90

        await using var db = await _db.ContextAsync(Ct);
        var log = await db.RuleCopyLogs.SingleAsync(l => l.TargetPropertyCode == "TGB", Ct);
        Assert.Equal((0.86m, "Mews"), (log.ExchangeRate!.Value, log.ExchangeRateSource));
        Assert.Contains("R-PIN → Created [USD → EUR at 0.86, Mews]", log.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_NoRateAnywhere_SkipsUntilOneIsTyped_ThenConvertsEveryRuleOfThePairAndApplyUsesIt()
    {
        var flat = await RuleAsync("R-FLAT", r => { r.UpsellAmount = 30m; r.RoundingRule = RoundingRule.Down; });
        var occupancy = await RuleAsync("R-OCC", r =>
        {
            r.UpsellByOccupancyLevels = true;
            r.UpsellAmount = null;
            r.OccupancyAmounts.AddRange([new() { Level = 1, Amount = 10m }, new() { Level = 2, Amount = 20m }, new() { Level = 3, Amount = 35m }]);
        });
        var service = _db.Service(exchangeRates: new FakeMewsRates([]));

        var preview = await PreviewAsync(service, flat, occupancy);
        var rate = Assert.Single(preview.ExchangeRates);
        Assert.Null(rate.Rate);
        Assert.All(preview.Targets.Single().Rules, r => Assert.Equal(CopyOutcome.Skipped, r.Plan().Outcome));

        Assert.Equal(2, preview.SetRate(rate, 0.9m));
        Assert.Equal("Typed", rate.Source);
        var flatPlan = Item(preview, "R-FLAT").Plan();
        Assert.Equal(27m, flatPlan.Result!.UpsellAmount); // 30 × 0.9 = 27, Down
        var occupancyPlan = Item(preview, "R-OCC").Plan();
        Assert.Equal([9m, 18m, 31.5m], occupancyPlan.Result!.OccupancyAmounts.Select(a => a.Amount!.Value));
        Assert.Equal([(10m, 9m), (20m, 18m), (35m, 31.5m)], occupancyPlan.Conversion!.Amounts);

        await service.ApplyAsync(new RuleCopyRequest(_s.Source.Id, [flat.Id, occupancy.Id], [_s.TargetB.Id])
        {
            Decisions = preview.Decisions(),
            ExchangeRates = preview.Rates(),
        }, Ct);
        var copies = await _db.RulesAsync(_s.TargetB.Id, Ct);
        Assert.Equal(("EUR", 27m), (copies.Single(r => r.Code == "R-FLAT").CurrencyCode, copies.Single(r => r.Code == "R-FLAT").UpsellAmount!.Value));
        Assert.Equal([9m, 18m, 31.5m], copies.Single(r => r.Code == "R-OCC").OccupancyAmounts.OrderBy(a => a.Level).Select(a => a.Amount));
        await using var db = await _db.ContextAsync(Ct);
        var log = await db.RuleCopyLogs.SingleAsync(Ct);
        Assert.Equal((0.9m, "Typed"), (log.ExchangeRate!.Value, log.ExchangeRateSource));
    }

    [Fact]
    public async Task Preview_PercentageRule_IsNotConvertedButTakesTheTargetCurrencyByDefault()
    {
        var rule = await RuleAsync("R-PCT", r => { r.Formula = UpsellFormula.PercentOfOriginalRateAddedToOriginalRate; r.UpsellAmount = 10m; });

        var preview = await PreviewAsync(_db.Service(exchangeRates: Mews(0.86m)), rule);

        Assert.Empty(preview.ExchangeRates); // no amount to convert: no rate asked for
        var plan = Item(preview, "R-PCT").Plan();
        Assert.Equal((10m, "EUR"), (plan.Result!.UpsellAmount!.Value, plan.Result.CurrencyCode));
        Assert.Null(plan.Conversion);
        Assert.Contains("not converted (they are percentages)", Item(preview, "R-PCT").Conflicts.Single().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_TypedRateOfZero_IsRefused()
    {
        var rule = await RuleAsync("R-Z", _ => { });

        var result = await _db.Service().PreviewAsync(new RuleCopyRequest(_s.Source.Id, [rule.Id], [_s.TargetB.Id])
        {
            ExchangeRates = [new CopyRateInput("USD", "EUR", 0m, ExchangeRateSources.Typed)],
        }, Ct);

        Assert.Equal(CopyStatus.Invalid, result.Status);
        Assert.Contains("greater than 0", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_RuleWithDaysOfWeek_CarriesTheDays()
    {
        var rule = await _db.AddRuleAsync(_s.Source, "R-WKND", "KNG", "PRS", r => r.DaysOfWeek = Weekdays.ToMask([DayOfWeek.Friday, DayOfWeek.Saturday]), Ct);

        await _db.Service().ApplyAsync(new RuleCopyRequest(_s.Source.Id, [rule.Id], [_s.TargetA.Id]), Ct);

        Assert.Equal(Weekdays.ToMask([DayOfWeek.Friday, DayOfWeek.Saturday]), (await _db.RulesAsync(_s.TargetA.Id, Ct)).Single(r => r.Code == "R-WKND").DaysOfWeek);
    }
}
