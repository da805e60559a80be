using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;

namespace UpsellAdmin.Domain.Quotes;

/// <summary>
/// The property's Upsell Configuration as the quote engine needs it.
/// </summary>
/// <param name="MaximumLengthOfStay">Stays with more nights get no offers at all (the quote says so); null = no limit.</param>
/// <param name="MaximumNumberOfOffers">Offers are cut to this many after sorting; null = no cut.</param>
/// <param name="SortOrder">How offers are ordered, see <see cref="QuoteResult.Offers"/>.</param>
public sealed record PropertyUpsellSettings(int? MaximumLengthOfStay = null, int? MaximumNumberOfOffers = null, OfferSortOrder SortOrder = OfferSortOrder.DisplaySequence);

/// <summary>A room type of the property: its code, its room class and its own display sequence.</summary>
public sealed record RoomTypeInfo(string Code, string RoomClass, int Sequence);

/// <summary>
/// One Upsell Room Hierarchy row: <paramref name="FromRoomType"/> may be upsold to <paramref name="ToRoomType"/>,
/// listed at <paramref name="DisplaySequence"/>. When a stay's room type has at least one row, only the listed to-types
/// may be offered, in this sequence; otherwise any rule target may be offered, in the room type's own sequence.
/// </summary>
public sealed record RoomHierarchyEntry(string FromRoomType, string ToRoomType, int DisplaySequence);

/// <summary>
/// Nightly prices for quotes: the rate of <paramref name="rateCode"/> for <paramref name="roomType"/> on a night, or null
/// when there is none. Only % of Difference rules ask for it (target room types); a missing price makes that target
/// not offerable by such a rule (criterion TargetRate). Implementations must be thread-safe if the context is shared.
/// </summary>
public interface INightlyPriceLookup
{
    decimal? GetNightlyRate(string rateCode, string roomType, DateOnly date);

    /// <summary>
    /// Fills <paramref name="rates"/>[i] with the rate of night <paramref name="firstNight"/> + i (null when none). The
    /// quote engine calls this once per target room type; the default asks <see cref="GetNightlyRate"/> night by night,
    /// so override it when rate code and room type can be resolved once for all nights.
    /// </summary>
    void GetNightlyRates(string rateCode, string roomType, DateOnly firstNight, Span<decimal?> rates)
    {
        for (var i = 0; i < rates.Length; i++)
        {
            rates[i] = GetNightlyRate(rateCode, roomType, firstNight.AddDays(i));
        }
    }
}

/// <summary>Ready-made price lookups.</summary>
public static class NightlyPriceLookup
{
    /// <summary>A lookup that knows no price (enough when no rule uses % of Difference).</summary>
    public static INightlyPriceLookup None { get; } = new DelegateLookup((_, _, _) => null);

    /// <summary>Wraps a delegate (rate code, room type, night) → price or null.</summary>
    public static INightlyPriceLookup From(Func<string, string, DateOnly, decimal?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return new DelegateLookup(lookup);
    }

    private sealed class DelegateLookup(Func<string, string, DateOnly, decimal?> lookup) : INightlyPriceLookup
    {
        public decimal? GetNightlyRate(string rateCode, string roomType, DateOnly date) => lookup(rateCode, roomType, date);
    }
}

/// <summary>
/// Everything of one property the quote engine compiles: settings, room types, the room hierarchy and the rules.
/// For the rule form's Test dialog, pass just the rule being edited (with the property's room types and hierarchy).
/// </summary>
public sealed record PropertyUpsellSetup
{
    public PropertyUpsellSettings Settings { get; init; } = new();
    public IReadOnlyList<RoomTypeInfo> RoomTypes { get; init; } = [];
    public IReadOnlyList<RoomHierarchyEntry> Hierarchy { get; init; } = [];
    public IReadOnlyList<UpsellRuleDefinition> Rules { get; init; } = [];
}

/// <summary>
/// A quote request: the stay (its nights carry the original rate and the occupancy level; their TargetRate is ignored,
/// target prices come from <paramref name="Prices"/>) and whether to explain the rules that did not match.
/// </summary>
/// <param name="Unavailable">Room types that may not be offered to this stay whatever the rules say, each with the
/// reason to explain (e.g. no free room on a night). They are left out before offers are sorted and cut, so they do not
/// take a place among the Maximum Number of Offers.</param>
public sealed record QuoteRequest(Stay Stay, INightlyPriceLookup Prices, bool Explain = false, IReadOnlyDictionary<string, string>? Unavailable = null);

/// <summary>Anything that quotes a stay against one property's rules.</summary>
public interface IUpsellQuoter
{
    /// <exception cref="InvalidUpsellInputException">The stay fails <see cref="UpsellInputValidator.ValidateStay"/>.</exception>
    QuoteResult Quote(QuoteRequest request);
}

/// <summary>A rule the quote engine leaves out because it is malformed (see <see cref="UpsellInputValidator.ValidateRule"/>).</summary>
public sealed record SkippedRule(string? RuleCode, IReadOnlyList<ValidationError> Errors);

/// <summary>A rule that matched a target, with its totals for the stay.</summary>
public readonly record struct MatchedRule(string RuleCode, bool UpsellByRoomType, int FilterCount, decimal TotalUpsellRate, decimal TotalUpsellAmount);

/// <summary>
/// One offer: upsell the stay to <see cref="ToRoomType"/> at the winning rule's price. <see cref="OtherMatchingRules"/>
/// lists the other rules that also matched this target, best first (same ranking as the winner's).
/// </summary>
public sealed class UpsellOffer
{
    public required string ToRoomType { get; init; }
    public required string ToRoomClass { get; init; }

    /// <summary>The hierarchy's display sequence for the stay's room type, or the room type's own when it has no hierarchy.</summary>
    public required int DisplaySequence { get; init; }

    /// <summary>The winning rule.</summary>
    public required MatchedRule Rule { get; init; }

    public required IReadOnlyList<NightlyUpsell> Nights { get; init; }
    public required decimal TotalOriginalAmount { get; init; }
    public required decimal TotalUpsellRate { get; init; }
    public required decimal TotalUpsellAmount { get; init; }
    public required IReadOnlyList<MatchedRule> OtherMatchingRules { get; init; }
}

/// <summary>
/// Why a rule did not lead to an offer of <see cref="TargetRoomType"/>: every failed criterion
/// (<see cref="Failures"/>, as <see cref="RuleEvaluator"/> gives them with that target's prices) and/or a reason the
/// target may not be offered to this stay at all (<see cref="NotOfferedReason"/>: the stay's own room type, not in the
/// room hierarchy, not a room type of the property, a room class without room types). <see cref="TargetRoomType"/> is
/// null when the rule has no target room type.
/// </summary>
public sealed record RuleExplanation(string RuleCode, string? TargetRoomType, IReadOnlyList<CriterionFailure> Failures, string? NotOfferedReason);

/// <summary>
/// The offers for one stay at one property.
/// <para><see cref="Offers"/>: one per target room type, the winning rule's, ordered by the property's sort order
/// (DisplaySequence: display sequence then room type code; UpsellAmountAscending / Descending: total upsell amount,
/// ties by display sequence then code) and cut at MaximumNumberOfOffers.</para>
/// <para>When the stay has more nights than MaximumLengthOfStay there are no offers,
/// <see cref="ExceedsMaximumLengthOfStay"/> is true and <see cref="Reason"/> says so.</para>
/// </summary>
public sealed class QuoteResult
{
    public required IReadOnlyList<UpsellOffer> Offers { get; init; }
    public bool ExceedsMaximumLengthOfStay { get; init; }

    /// <summary>Why the quote has no offers for a reason other than the rules (today only the length of stay), else null.</summary>
    public string? Reason { get; init; }

    /// <summary>With <see cref="QuoteRequest.Explain"/>: for every rule and target that did not produce a match, why. Else empty.</summary>
    public IReadOnlyList<RuleExplanation> Explanations { get; init; } = [];

    internal static QuoteResult TooLong(int nights, int maximum) => new()
    {
        Offers = [],
        ExceedsMaximumLengthOfStay = true,
        Reason = $"The stay has {nights} nights; the property's maximum length of stay for upsell offers is {maximum}",
    };
}
