using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Quotes;

/// <summary>Records the calls and answers with what the test set: prices 100 (original) and 150 (every target).</summary>
public sealed class FakeQuoteService : IQuoteService
{
    public List<(StayQuoteInput Input, bool Explain)> Quotes { get; } = [];
    public List<(StayQuoteInput Input, UpsellRuleDefinition Rule, IReadOnlyList<TestNightRates> Nights)> Tests { get; } = [];
    public Func<StayQuoteInput, bool, QuoteOutcome> QuoteAnswer { get; set; } = (_, _) => new QuoteOutcome { Status = QuoteStatus.NoOffers, Message = "No offers: test." };
    public RuleTestOutcome TestAnswer { get; set; } = new();

    public Task<QuoteOutcome> QuoteAsync(StayQuoteInput input, bool explain, CancellationToken cancellationToken = default)
    {
        Quotes.Add((input, explain));
        return Task.FromResult(QuoteAnswer(input, explain));
    }

    public Task<IReadOnlyList<QuoteOutcome>> QuoteManyAsync(int propertyId, IReadOnlyList<StayQuoteRequest> stays, CancellationToken cancellationToken = default)
    {
        Quotes.AddRange(stays.Select(s => (s.Input, s.Explain)));
        return Task.FromResult<IReadOnlyList<QuoteOutcome>>(stays.Select(s => QuoteAnswer(s.Input, s.Explain)).ToList());
    }

    public Task<IReadOnlyList<TestNightRates>> GetNightlyRatesAsync(int propertyId, string rateCode, string roomType, IReadOnlyList<string> targetRoomTypes,
        DateOnly arrival, DateOnly departure, CancellationToken cancellationToken = default)
    {
        var nights = new List<TestNightRates>();
        for (var d = arrival; d < departure; d = d.AddDays(1))
        {
            nights.Add(new TestNightRates { Date = d, OriginalRate = 100m, TargetRates = targetRoomTypes.ToDictionary(t => t, _ => (decimal?)150m) });
        }

        return Task.FromResult<IReadOnlyList<TestNightRates>>(nights);
    }

    public Task<RuleTestOutcome> TestRuleAsync(StayQuoteInput input, UpsellRuleDefinition rule, IReadOnlyList<TestNightRates> nights, CancellationToken cancellationToken = default)
    {
        Tests.Add((input, rule, nights));
        return Task.FromResult(TestAnswer);
    }

    public void Invalidate(int propertyId)
    {
    }

    public static OfferView Offer(string to, string rule, decimal original, decimal extra, int nights = 1, params OtherRuleView[] others) => new(
        to,
        $"{to} room",
        rule,
        $"{rule} description",
        original * nights,
        (original + extra) * nights,
        extra * nights,
        Enumerable.Range(0, nights).Select(i => new NightlyUpsell(new DateOnly(2026, 11, 23).AddDays(i), original, original + extra, extra)).ToList(),
        others);
}

/// <summary>A clock stopped at 2026-11-22 12:00 UTC.</summary>
public sealed class FixedClock : TimeProvider
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
