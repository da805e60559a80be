using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.Quotes;

/// <summary>
/// One offer as the screens show it (OPERA's Upsell Offers grid): the stay upsold to <see cref="ToRoomType"/> by
/// <see cref="RuleCode"/>. <see cref="TotalStayAmount"/> is what the stay costs in the upsold room (Σ upsell rates),
/// <see cref="TotalUpsellAmount"/> the extra over <see cref="TotalOriginalAmount"/>. Amounts are per room.
/// </summary>
public sealed record OfferView(
    string ToRoomType,
    string ToRoomTypeName,
    string RuleCode,
    string RuleDescription,
    decimal TotalOriginalAmount,
    decimal TotalStayAmount,
    decimal TotalUpsellAmount,
    IReadOnlyList<NightlyUpsell> Nights,
    IReadOnlyList<OtherRuleView> OtherMatchingRules);

/// <summary>A rule that also matched the same target but lost (less specific or dearer), with its total upsell amount.</summary>
public sealed record OtherRuleView(string RuleCode, decimal TotalUpsellAmount);

/// <summary>Why a rule did not lead to an offer of <see cref="TargetRoomType"/>, every reason in plain words.</summary>
public sealed record RuleReasonView(string RuleCode, string? TargetRoomType, IReadOnlyList<string> Reasons, IReadOnlyList<Criterion> FailedCriteria);

/// <summary>A night of the quoted stay: the original rate used and the occupancy level used (null = none known).</summary>
public sealed record QuoteNightView(DateOnly Date, decimal OriginalRate, int? OccupancyLevel);

public enum QuoteStatus
{
    /// <summary>At least one offer.</summary>
    Offers,

    /// <summary>Quoted, nothing to offer; <see cref="QuoteOutcome.Message"/> says why in plain words.</summary>
    NoOffers,

    /// <summary>The input cannot be quoted (see <see cref="QuoteOutcome.Errors"/>).</summary>
    Invalid,
}

/// <summary>The Upsell Quote page's answer.</summary>
public sealed record QuoteOutcome
{
    public required QuoteStatus Status { get; init; }
    public IReadOnlyList<OfferView> Offers { get; init; } = [];

    /// <summary>For an empty quote, why (e.g. "No offers: the stay is 9 nights, the property offers upsells up to 7 nights.").</summary>
    public string? Message { get; init; }

    /// <summary>With "Why not?": every rule and target that did not lead to an offer, and why.</summary>
    public IReadOnlyList<RuleReasonView> NotOffered { get; init; } = [];

    /// <summary>Input problems, by <see cref="StayQuoteInput"/> property name ("" = the whole form).</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public string CurrencyCode { get; init; } = "";
    public IReadOnlyList<QuoteNightView> Nights { get; init; } = [];

    /// <summary>Nights whose original rate is the property's synced price because the request gave none (the desk
    /// says so when Mews had no nightly amount).</summary>
    public IReadOnlyList<DateOnly> OriginalRatesFromPrices { get; init; } = [];

    /// <summary>How the property orders and cuts offers, in words (e.g. "Sorted by display sequence, at most 3 offers").</summary>
    public string SettingsSummary { get; init; } = "";

    public static QuoteOutcome Invalid(IReadOnlyList<FieldError> errors) => new() { Status = QuoteStatus.Invalid, Errors = errors };
}

/// <summary>
/// One night of the Test dialog's rate table: the original rate and the rate of each target room type, both prefilled
/// from the property's prices and editable. Null = no price (the user must enter the original one).
/// </summary>
public sealed class TestNightRates
{
    public DateOnly Date { get; init; }
    public decimal? OriginalRate { get; set; }
    public Dictionary<string, decimal?> TargetRates { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>The Test dialog's answer: the offers the rule makes, or the reasons it makes none (both for room-class
/// rules that reach several room types).</summary>
public sealed record RuleTestOutcome
{
    public IReadOnlyList<OfferView> Offers { get; init; } = [];
    public IReadOnlyList<RuleReasonView> NotOffered { get; init; } = [];

    /// <summary>Input or rule problems that stop the test, by <see cref="StayQuoteInput"/> property name, or "Rule"
    /// for the rule's own (e.g. no upsell amount yet), or "Nights" for the rate table.</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    /// <summary>Things that do not stop the test but the front desk would meet (e.g. the property's maximum length of stay).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public string CurrencyCode { get; init; } = "";

    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// One stay to quote (<see cref="IQuoteService.QuoteManyAsync"/>): the typed stay, optionally what the guest pays per
/// night (null entries, or null: the property's price), the room types that may not be offered with the reason, and
/// whether to explain every rule that did not offer.
/// </summary>
public sealed record StayQuoteRequest(
    StayQuoteInput Input,
    bool Explain = false,
    IReadOnlyList<decimal?>? OriginalRates = null,
    IReadOnlyDictionary<string, string>? Unavailable = null);
