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
    /// <summary>Give the copy the target's currency; the amount or percentage is not converted.</summary>
    UseTargetCurrency,
}

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
    /// which follows the policy.</summary>
    public CodeConflictPolicy? Policy { get; init; }
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

    internal UpsellRule Source { get; init; } = null!;
    internal CopyTargetContext Target { get; init; } = null!;

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
public sealed record RuleCopyResultItem(int RuleId, string RuleCode, CopyOutcome Outcome, string? NewCode, string? Reason, IReadOnlyList<CopyConflict> Conflicts);

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
            ? "Convert: use the target currency"
            : "Use the target currency (amount unchanged)",
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
        _ => kind.ToString(),
    };
}
