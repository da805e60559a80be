using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;

namespace UpsellAdmin.Domain.Quotes;

/// <summary>
/// The reference quote engine: every rule, every target, evaluated with <see cref="RuleEvaluator"/> and plain LINQ.
/// Slow but obviously right; <see cref="PropertyUpsellContext"/> must give exactly the same results (the tests check
/// it on thousands of random stays), the benchmark uses it as its baseline and the fast engine uses it to explain.
/// <para>Quote decisions (documented for both engines):</para>
/// <list type="bullet">
/// <item>Targets are room types of the property. A room-type rule targets its To room type (no target when To is not
/// one of the property's room types); a room-class rule offers every room type whose class is its To class.</item>
/// <item>If the room hierarchy has rows for the stay's room type, only their to-room-types may be offered, at the
/// hierarchy's display sequence (the lowest if a pair is listed twice); otherwise every target may be offered, at the
/// room type's own sequence. The stay's own room type is never offered.</item>
/// <item>Target prices come from the request's price lookup (stay rate code × target room type × night).</item>
/// <item>Several rules for one target: room-type rules beat room-class rules, then more non-empty filters
/// (<see cref="UpsellRuleDefinitionExtensions.FilterCount"/>), then the lower total upsell rate, then the rule code
/// (ordinal), then the rule's position in the setup.</item>
/// <item>Offers are sorted (see <see cref="QuoteResult"/>) and cut; a stay longer than MaximumLengthOfStay gets none.</item>
/// </list>
/// </summary>
public sealed class NaiveQuoteEngine : IUpsellQuoter
{
    private readonly PropertyUpsellSetup _setup;
    private readonly List<RoomTypeInfo> _roomTypes;
    private readonly List<UpsellRuleDefinition> _rules;

    public NaiveQuoteEngine(PropertyUpsellSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _setup = setup;
        _roomTypes = setup.RoomTypes.DistinctBy(r => r.Code, StringComparer.Ordinal).ToList();
        SkippedRules = setup.Rules
            .Select(r => new SkippedRule(r.Code, UpsellInputValidator.ValidateRule(r, checkDateRange: false)))
            .Where(s => s.Errors.Count > 0)
            .ToList();
        _rules = setup.Rules.Where(r => UpsellInputValidator.ValidateRule(r, checkDateRange: false).Count == 0).ToList();
    }

    /// <summary>Rules left out because <see cref="UpsellInputValidator.ValidateRule"/> rejects them.</summary>
    public IReadOnlyList<SkippedRule> SkippedRules { get; }

    public QuoteResult Quote(QuoteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stay = request.Stay;
        var errors = UpsellInputValidator.ValidateStay(stay);
        if (errors.Count > 0)
        {
            throw new InvalidUpsellInputException(errors);
        }

        if (_setup.Settings.MaximumLengthOfStay is { } maxLos && stay.NightCount > maxLos)
        {
            return QuoteResult.TooLong(stay.NightCount, maxLos);
        }

        var candidates = Candidates(stay, request.Prices, request.Unavailable);
        var matches = candidates
            .Where(c => c.NotOfferedReason is null)
            .Select(c => (c.Rule, c.Target, c.Sequence, Evaluation: RuleEvaluator.Evaluate(c.Rule, c.TargetStay)))
            .Where(c => c.Evaluation.Applicable)
            .Select(c => (c.Rule, c.Target, c.Sequence, c.Evaluation,
                Matched: new MatchedRule(c.Rule.Code, c.Rule.UpsellByRoomType, c.Rule.FilterCount(), c.Evaluation.TotalUpsellRate, c.Evaluation.TotalUpsellAmount)))
            .ToList();

        var offers = matches
            .GroupBy(m => m.Target.Code, StringComparer.Ordinal)
            .Select(g =>
            {
                var ranked = g.OrderByDescending(m => m.Rule.UpsellByRoomType)
                    .ThenByDescending(m => m.Matched.FilterCount)
                    .ThenBy(m => m.Evaluation.TotalUpsellRate)
                    .ThenBy(m => m.Rule.Code, StringComparer.Ordinal)
                    .ToList();
                var winner = ranked[0];
                return new UpsellOffer
                {
                    ToRoomType = winner.Target.Code,
                    ToRoomClass = winner.Target.RoomClass,
                    DisplaySequence = winner.Sequence,
                    Rule = winner.Matched,
                    Nights = winner.Evaluation.Nights,
                    TotalOriginalAmount = winner.Evaluation.TotalOriginalAmount,
                    TotalUpsellRate = winner.Evaluation.TotalUpsellRate,
                    TotalUpsellAmount = winner.Evaluation.TotalUpsellAmount,
                    OtherMatchingRules = ranked.Skip(1).Select(m => m.Matched).ToList(),
                };
            });

        var sorted = _setup.Settings.SortOrder switch
        {
            OfferSortOrder.UpsellAmountAscending => offers.OrderBy(o => o.TotalUpsellAmount).ThenBy(o => o.DisplaySequence),
            OfferSortOrder.UpsellAmountDescending => offers.OrderByDescending(o => o.TotalUpsellAmount).ThenBy(o => o.DisplaySequence),
            _ => offers.OrderBy(o => o.DisplaySequence),
        };
        var list = sorted.ThenBy(o => o.ToRoomType, StringComparer.Ordinal).ToList();
        if (_setup.Settings.MaximumNumberOfOffers is { } max && list.Count > max)
        {
            list = list.Take(Math.Max(0, max)).ToList();
        }

        return new QuoteResult
        {
            Offers = list,
            Explanations = request.Explain ? Explain(stay, candidates) : [],
        };
    }

    /// <summary>For every rule and target that did not produce a match: its failed criteria and/or why it is not offered.</summary>
    internal IReadOnlyList<RuleExplanation> Explain(Stay stay, INightlyPriceLookup prices, IReadOnlyDictionary<string, string>? unavailable) =>
        Explain(stay, Candidates(stay, prices, unavailable));

    private List<RuleExplanation> Explain(Stay stay, List<Candidate> candidates)
    {
        var withTarget = candidates
            .Select(c => (c, Evaluation: RuleEvaluator.Evaluate(c.Rule, c.TargetStay)))
            .Where(x => x.c.NotOfferedReason is not null || !x.Evaluation.Applicable)
            .Select(x => new RuleExplanation(x.c.Rule.Code, x.c.Target.Code, x.Evaluation.Reasons, x.c.NotOfferedReason));

        var targetless = _rules
            .Where(rule => !candidates.Any(c => ReferenceEquals(c.Rule, rule)))
            .Select(rule => new RuleExplanation(
                rule.Code,
                null,
                RuleEvaluator.Evaluate(rule, stay).Reasons.Where(r => r.Criterion != Criterion.TargetRate).ToList(),
                rule.UpsellByRoomType
                    ? $"To room type {rule.To} is not a room type of the property"
                    : $"To room class {rule.To} has no room types"));

        return withTarget.Concat(targetless).ToList();
    }

    private List<Candidate> Candidates(Stay stay, INightlyPriceLookup prices, IReadOnlyDictionary<string, string>? unavailable)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var hierarchy = _setup.Hierarchy
            .Where(h => string.Equals(h.FromRoomType, stay.RoomType, StringComparison.Ordinal))
            .GroupBy(h => h.ToRoomType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(h => h.DisplaySequence), StringComparer.Ordinal);
        var stays = new Dictionary<string, Stay>(StringComparer.Ordinal);

        return _rules
            .SelectMany(rule => _roomTypes
                .Where(rt => string.Equals(rule.UpsellByRoomType ? rt.Code : rt.RoomClass, rule.To, StringComparison.Ordinal))
                .Select(rt => new Candidate(
                    rule,
                    rt,
                    hierarchy.Count == 0 ? rt.Sequence : hierarchy.GetValueOrDefault(rt.Code),
                    StayFor(rt.Code),
                    NotOffered(rt.Code))))
            .ToList();

        string? NotOffered(string target) =>
            string.Equals(target, stay.RoomType, StringComparison.Ordinal) ? $"{target} is the stay's own room type"
            : hierarchy.Count > 0 && !hierarchy.ContainsKey(target) ? $"{target} is not in the room hierarchy of {stay.RoomType}"
            : unavailable is not null && unavailable.TryGetValue(target, out var reason) ? reason
            : null;

        Stay StayFor(string target)
        {
            if (!stays.TryGetValue(target, out var targetStay))
            {
                targetStay = stay with
                {
                    Nights = stay.Nights.Select(n => n with { TargetRate = prices.GetNightlyRate(stay.RateCode, target, n.Date) }).ToList(),
                };
                stays.Add(target, targetStay);
            }

            return targetStay;
        }
    }

    private sealed record Candidate(UpsellRuleDefinition Rule, RoomTypeInfo Target, int Sequence, Stay TargetStay, string? NotOfferedReason);
}
