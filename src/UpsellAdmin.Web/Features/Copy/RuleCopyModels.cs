using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Copy;

/// <summary>What can stop a rule from landing unchanged in a target property. The API writes these names.</summary>
public enum CopyConflictKind
{
    FromRoomTypeMissing,
    ToRoomTypeMissing,
    FromRoomClassMissing,
    ToRoomClassMissing,
    RateCodeMissing,
    RateCategoryMissing,
    MarketMissing,
    ChannelMissing,
    ReservationTypeMissing,
    MembershipMissing,
    /// <summary>The rule's currency is not the target property's currency.</summary>
    CurrencyDiffers,
    /// <summary>The rule has amounts per occupancy level for levels the target has not defined.</summary>
    OccupancyLevelsMissing,
    /// <summary>The target already has a rule with the same code.</summary>
    CodeExists,
    /// <summary>The rule as it would land fails the checks a save runs (e.g. the target's room hierarchy). Only Skip.</summary>
    InvalidInTarget,
    /// <summary>The rule's To room type exists in the target but is not in the target's room hierarchy of its From:
    /// map it to one of the hierarchy's room types (the choices), or skip.</summary>
    ToRoomTypeNotInHierarchy,
}

/// <summary>The choice for one conflict.</summary>
public enum CopyResolution
{
    /// <summary>Do not copy the rule to this target.</summary>
    Skip,
    /// <summary>Drop the missing value from the rule's list (never when the list would become empty = "any").</summary>
    Drop,
    /// <summary>Use another code of the target instead (<see cref="CopyConflict.MapTo"/>).</summary>
    Map,
    /// <summary>Replace the target's rule of the same code (its id stays, its version changes).</summary>
    Overwrite,
    /// <summary>Copy under a free code derived from the original (CODE-2, CODE-3, …).</summary>
    Rename,
    /// <summary>Give the copy the target's currency and keep the number as it is (a percentage needs nothing else; an
    /// amount keeps its number: 25 EUR becomes 25 GBP).</summary>
    UseTargetCurrency,
    /// <summary>Give the copy the target's currency and convert its amounts at the copy's exchange rate for the pair
    /// (amount × rate, rounded by the rule's Rounding Rule). Only for amounts; a percentage is not converted.</summary>
    Convert,
}

/// <summary>The API's <c>currency</c>: what to do with a rule whose currency is not the target's.</summary>
public enum CurrencyPolicy
{
    /// <summary>Skip the rule in that target (the default).</summary>
    Skip,
    /// <summary>Convert its amounts at the rate of the pair (from <c>exchangeRates</c>, else Mews); a percentage rule
    /// takes the target's currency unchanged.</summary>
    Convert,
}

/// <summary>Where a copy's exchange rate came from (stored in the copy log).</summary>
public static class ExchangeRateSources
{
    /// <summary>Mews exchangeRates/getAll of the target property's enterprise.</summary>
    public const string Mews = "Mews";
    /// <summary>Typed by the user in the copy dialog, or given in the copy API's <c>exchangeRates</c>.</summary>
    public const string Typed = "Typed";
}

/// <summary>An exchange rate given with a copy: 1 <see cref="From"/> = <see cref="Rate"/> <see cref="To"/>, and where it
/// came from (<see cref="ExchangeRateSources"/>): "Typed" (typed in the dialog, or the API's <c>exchangeRates</c>) or
/// "Mews" (the Mews rate the dialog's preview showed, pinned so Apply writes exactly what the user saw). A copy does not
/// ask Mews for a pair it was given.</summary>
public sealed record CopyRateInput(string From, string To, decimal Rate, string Source);

/// <summary>
/// The exchange rate of one currency pair of a copy (mutable: the dialog types it): what Mews has, or what was typed.
/// One per pair and copy, shared by every rule and target with that pair.
/// </summary>
public sealed class CopyExchangeRate
{
    public required string From { get; init; }
    public required string To { get; init; }
    /// <summary>What Mews exchangeRates/getAll has for the pair (the target's enterprise), or null.</summary>
    public decimal? MewsRate { get; init; }
    /// <summary>The rate the copy uses: typed, else Mews'. Null = none yet (a conversion skips the rule until one is typed).</summary>
    public decimal? Rate => TypedRate ?? MewsRate;
    /// <summary>Typed for this copy; wins over Mews'.</summary>
    public decimal? TypedRate { get; set; }
    /// <summary>"Mews" or "Typed" (<see cref="ExchangeRateSources"/>), null while there is no rate.</summary>
    public string? Source => TypedRate is not null ? ExchangeRateSources.Typed : MewsRate is not null ? ExchangeRateSources.Mews : null;
    public string Pair => $"{From}->{To}";

    /// <summary>Largest rate accepted (a typo like 86 for 0.86 is refused, not copied).</summary>
    public const decimal MaxRate = 1_000_000m;

    /// <summary>Why a typed rate is refused, or null.</summary>
    public static string? RateProblem(decimal rate) =>
        rate <= 0 ? "An exchange rate must be greater than 0." : rate > MaxRate ? $"An exchange rate must be at most {MaxRate:#,0}." : null;
}

/// <summary>What a conversion did to one rule: the rate and its source, and each amount before → after.</summary>
public sealed record CopyConversion(string From, string To, decimal Rate, string Source, IReadOnlyList<(decimal Before, decimal After)> Amounts);

public enum CopyOutcome
{
    Created,
    Overwritten,
    Renamed,
    Skipped,
}

/// <summary>The API's <c>onConflict</c>: what to do when the target has a rule with the same code. Every other
/// conflict makes the rule Skipped (the API never widens or remaps a rule).</summary>
public enum CodeConflictPolicy
{
    Skip,
    Overwrite,
    Rename,
}

/// <summary>The user's choice for one conflict, identified by target, rule, kind and value.</summary>
public sealed record RuleCopyDecision(int TargetPropertyId, int RuleId, CopyConflictKind Kind, string Value, CopyResolution Resolution, string? MapTo = null);

/// <summary>Copy these rules of the source property to these target properties.</summary>
public sealed record RuleCopyRequest(int SourcePropertyId, IReadOnlyList<int> RuleIds, IReadOnlyList<int> TargetPropertyIds)
{
    /// <summary>Choices made in the preview; a conflict without a decision takes its default.</summary>
    public IReadOnlyList<RuleCopyDecision> Decisions { get; init; } = [];

    /// <summary>When set (the API), decisions are ignored: every conflict skips the rule except an existing code,
    /// which follows the policy, and a different currency, which follows <see cref="Currency"/>.</summary>
    public CodeConflictPolicy? Policy { get; init; }

    /// <summary>With <see cref="Policy"/>: what a different currency does (Skip by default).</summary>
    public CurrencyPolicy Currency { get; init; } = CurrencyPolicy.Skip;

    /// <summary>Exchange rates given with the copy (typed, or the API's); they win over Mews' for their pair.</summary>
    public IReadOnlyList<CopyRateInput> ExchangeRates { get; init; } = [];
}

public enum CopyStatus
{
    Ok,
    Forbidden,
    NotFound,
    Invalid,
}

/// <summary>One conflict of one rule in one target, with its choices and the current choice (mutable: the preview
/// dialog binds to it).</summary>
public sealed class CopyConflict
{
    public required CopyConflictKind Kind { get; init; }
    /// <summary>The missing code ("TYPE" or "TYPE/LEVEL" for memberships), the rule's currency, the missing
    /// occupancy levels ("3, 4"), the existing code, or the validation message.</summary>
    public required string Value { get; init; }
    /// <summary>Plain words for the preview.</summary>
    public required string Detail { get; init; }
    public required IReadOnlyList<CopyResolution> Options { get; init; }
    public required CopyResolution DefaultResolution { get; init; }
    /// <summary>The codes of the target one may map to (empty when Map is not offered).</summary>
    public IReadOnlyList<CodeName> MapCandidates { get; init; } = [];
    /// <summary>The proposed mapping: the target's code with the same code (any case) or the same name, or for
    /// rooms the same class and sequence.</summary>
    public string? Proposal { get; init; }

    public CopyResolution Resolution { get; set; }
    public string? MapTo { get; set; }

    public bool IsLike(CopyConflict other) => other.Kind == Kind && string.Equals(other.Value, Value, StringComparison.Ordinal);
}

/// <summary>What the copy of one rule to one target will do, given the current choices. <see cref="Result"/> is the
/// rule as it would land (also for a rule skipped as invalid, to show why); null when a choice skips it.</summary>
public sealed record RuleCopyPlan(CopyOutcome Outcome, string Code, string? Reason, UpsellRuleFormModel? Result)
{
    public string? NewCode => Outcome == CopyOutcome.Renamed ? Code : null;

    /// <summary>Skipped because the result fails the checks a save runs in the target (not because of a choice).</summary>
    public bool IsInvalid { get; init; }

    /// <summary>Set when the rule's amounts were converted into the target's currency.</summary>
    public CopyConversion? Conversion { get; init; }
}

/// <summary>One selected rule in one target of the preview.</summary>
public sealed class RuleCopyItem
{
    public required int RuleId { get; init; }
    public required string Code { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<CopyConflict> Conflicts { get; init; }
    /// <summary>The free code a Rename would use in this target.</summary>
    public string? RenameCode { get; init; }
    /// <summary>The id of the target's rule with the same code (for Overwrite).</summary>
    public int? ExistingRuleId { get; init; }

    /// <summary>The rule's formula (the currency choice is worded after it).</summary>
    public UpsellFormula Formula => Source.Formula;

    /// <summary>The rule's currency (the source of a conversion).</summary>
    public string CurrencyCode => Source.CurrencyCode;

    internal UpsellRule Source { get; init; } = null!;
    internal CopyTargetContext Target { get; init; } = null!;
    /// <summary>The copy's exchange rates (shared by every item of the preview).</summary>
    internal CopyExchangeRateSet Rates { get; set; } = CopyExchangeRateSet.Empty;

    /// <summary>What the rule becomes with the current choices (recomputed on each call; cheap, in memory).</summary>
    public RuleCopyPlan Plan() => RuleCopyPlanner.Plan(this);
}

/// <summary>The preview of one target property.</summary>
public sealed class TargetCopyPreview
{
    public required PropertySummary Property { get; init; }
    public required IReadOnlyList<RuleCopyItem> Rules { get; init; }
}

/// <summary>The whole preview: per target and rule, copied as is or its conflicts with choices.</summary>
public sealed class RuleCopyPreview
{
    public required PropertySummary Source { get; init; }
    public required IReadOnlyList<TargetCopyPreview> Targets { get; init; }

    /// <summary>The exchange rate of each currency pair some rule needs (rule currency → target currency), with where
    /// it came from; the dialog lets the user type one where Mews has none (or change Mews').</summary>
    public IReadOnlyList<CopyExchangeRate> ExchangeRates { get; init; } = [];

    /// <summary>Every rate this preview shows (typed or Mews'), with its source, for
    /// <see cref="IRuleCopyService.ApplyAsync"/>: Apply writes at exactly these rates and does not read Mews again (a rate
    /// changed in Mews, or Mews failing, after the preview changes nothing the user saw).</summary>
    public IReadOnlyList<CopyRateInput> Rates() =>
        ExchangeRates.Where(r => r is { Rate: not null, Source: not null })
            .Select(r => new CopyRateInput(r.From, r.To, r.Rate!.Value, r.Source!)).ToList();

    /// <summary>Types <paramref name="rate"/> for <paramref name="pair"/> (null = back to Mews') and sets every
    /// currency conflict of that pair that offers a conversion to Convert. Returns how many conflicts were set.</summary>
    public int SetRate(CopyExchangeRate pair, decimal? rate)
    {
        ArgumentNullException.ThrowIfNull(pair);
        pair.TypedRate = rate;
        if (pair.Rate is null)
        {
            return 0;
        }
        var count = 0;
        foreach (var item in Targets.SelectMany(t => t.Rules.Where(r => r.CurrencyCode == pair.From && t.Property.CurrencyCode == pair.To)))
        {
            foreach (var c in item.Conflicts.Where(c => c.Kind == CopyConflictKind.CurrencyDiffers && c.Options.Contains(CopyResolution.Convert)))
            {
                c.Resolution = CopyResolution.Convert;
                count++;
            }
        }
        return count;
    }

    public IEnumerable<CopyConflict> AllConflicts => Targets.SelectMany(t => t.Rules).SelectMany(r => r.Conflicts);

    /// <summary>"Apply to all like this": the same choice for every conflict of the same kind and value, across all
    /// rules and targets, where that choice is offered (and, for Map, where the code exists in that target).
    /// Returns how many conflicts now carry the choice.</summary>
    public int ApplyToAllLike(CopyConflict like, CopyResolution resolution, string? mapTo)
    {
        ArgumentNullException.ThrowIfNull(like);
        var count = 0;
        foreach (var conflict in AllConflicts.Where(c => c.IsLike(like)))
        {
            if (!conflict.Options.Contains(resolution))
            {
                continue;
            }
            if (resolution == CopyResolution.Map && (mapTo is null || !conflict.MapCandidates.Any(c => c.Code == mapTo)))
            {
                continue;
            }
            conflict.Resolution = resolution;
            conflict.MapTo = resolution == CopyResolution.Map ? mapTo : conflict.MapTo;
            count++;
        }
        return count;
    }

    /// <summary>The current choices, for <see cref="IRuleCopyService.ApplyAsync"/>.</summary>
    public IReadOnlyList<RuleCopyDecision> Decisions() =>
        Targets.SelectMany(t => t.Rules.SelectMany(r => r.Conflicts.Select(c =>
            new RuleCopyDecision(t.Property.Id, r.RuleId, c.Kind, c.Value, c.Resolution, c.MapTo)))).ToList();
}

public sealed record RuleCopyPreviewResult(CopyStatus Status, string? Message, RuleCopyPreview? Preview)
{
    public static RuleCopyPreviewResult Failed(CopyStatus status, string message) => new(status, message, null);
}

/// <summary>What happened to one rule in one target.</summary>
public sealed record RuleCopyResultItem(int RuleId, string RuleCode, CopyOutcome Outcome, string? NewCode, string? Reason, IReadOnlyList<CopyConflict> Conflicts)
{
    /// <summary>Set when the rule's amounts were converted.</summary>
    public CopyConversion? Conversion { get; init; }
}

/// <summary>What happened in one target. <see cref="Error"/> set = the target's transaction was rolled back and
/// nothing landed there (every rule is then reported Skipped).</summary>
public sealed record TargetCopyResult(PropertySummary Property, IReadOnlyList<RuleCopyResultItem> Rules, string? Error)
{
    public int Created => Rules.Count(r => r.Outcome == CopyOutcome.Created);
    public int Overwritten => Rules.Count(r => r.Outcome == CopyOutcome.Overwritten);
    public int Renamed => Rules.Count(r => r.Outcome == CopyOutcome.Renamed);
    public int Skipped => Rules.Count(r => r.Outcome == CopyOutcome.Skipped);
}

public sealed record RuleCopyApplyResult(CopyStatus Status, string? Message, IReadOnlyList<TargetCopyResult> Targets)
{
    public static RuleCopyApplyResult Failed(CopyStatus status, string message) => new(status, message, []);
}

public interface IRuleCopyService
{
    /// <summary>The properties the current user may copy into from the source: editable ones, the source excluded.
    /// Empty for FrontDesk.</summary>
    Task<IReadOnlyList<PropertySummary>> GetTargetPropertiesAsync(int sourcePropertyId, CancellationToken cancellationToken = default);

    /// <summary>Per target and rule: copied as is, or its conflicts with choices and defaults. Writes nothing.</summary>
    Task<RuleCopyPreviewResult> PreviewAsync(RuleCopyRequest request, CancellationToken cancellationToken = default);

    /// <summary>Copies with the request's choices, each target in one transaction (all its chosen rules or none),
    /// logs the copy, and reports per target what was created, overwritten, renamed, skipped.</summary>
    Task<RuleCopyApplyResult> ApplyAsync(RuleCopyRequest request, CancellationToken cancellationToken = default);
}

internal static class CopyLabels
{
    public static string Label(this CopyResolution resolution, UpsellFormula formula) => resolution switch
    {
        CopyResolution.Skip => "Skip the rule",
        CopyResolution.Drop => "Drop the value",
        CopyResolution.Map => "Map to",
        CopyResolution.Overwrite => "Overwrite the existing rule",
        CopyResolution.Rename => "Copy under a new code",
        CopyResolution.UseTargetCurrency => formula.IsPercentage()
            ? "Use the target currency (a percentage: nothing to convert)"
            : "Keep the number, in the target currency (no conversion)",
        CopyResolution.Convert => "Convert at the exchange rate",
        _ => resolution.ToString(),
    };

    public static string Label(this CopyConflictKind kind) => kind switch
    {
        CopyConflictKind.FromRoomTypeMissing => "From room type missing",
        CopyConflictKind.ToRoomTypeMissing => "To room type missing",
        CopyConflictKind.FromRoomClassMissing => "From room class missing",
        CopyConflictKind.ToRoomClassMissing => "To room class missing",
        CopyConflictKind.RateCodeMissing => "Rate code missing",
        CopyConflictKind.RateCategoryMissing => "Rate category missing",
        CopyConflictKind.MarketMissing => "Market missing",
        CopyConflictKind.ChannelMissing => "Channel missing",
        CopyConflictKind.ReservationTypeMissing => "Reservation type missing",
        CopyConflictKind.MembershipMissing => "Membership missing",
        CopyConflictKind.CurrencyDiffers => "Currency differs",
        CopyConflictKind.OccupancyLevelsMissing => "Occupancy levels missing",
        CopyConflictKind.CodeExists => "Code exists",
        CopyConflictKind.InvalidInTarget => "Invalid in target",
        CopyConflictKind.ToRoomTypeNotInHierarchy => "Not in the room hierarchy",
        _ => kind.ToString(),
    };
}
