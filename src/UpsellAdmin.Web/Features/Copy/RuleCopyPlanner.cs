using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Copy;

/// <summary>One code of a property's list, with what a mapping proposal compares: name, group (room class of a room
/// type, type of a membership level) and sequence.</summary>
internal sealed record CodeInfo(string Code, string Name, string? Group, int Sequence);

/// <summary>A property's codes of one kind, for O(1) "does the target have it" and a mapping proposal.</summary>
internal sealed class CodeSet
{
    private readonly Dictionary<string, CodeInfo> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byCodeIgnoringCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _byName = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<CodeName>? _options;

    public int Count => _byCode.Count;

    public void Add(string code, string name, string? group = null, int sequence = 0)
    {
        _byCode.TryAdd(code, new CodeInfo(code, name, group, sequence));
        _byCodeIgnoringCase.TryAdd(code, code);
        if (!string.IsNullOrWhiteSpace(name))
        {
            _byName.TryAdd(name.Trim(), code);
        }
        _options = null;
    }

    public bool Contains(string code) => _byCode.ContainsKey(code);

    public CodeInfo? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Every code, as the map list offers them (one shared list per property and kind).</summary>
    public IReadOnlyList<CodeName> Options => _options ??= _byCode.Values
        .OrderBy(c => c.Sequence).ThenBy(c => c.Code, StringComparer.Ordinal)
        .Select(c => new CodeName(c.Code, c.Name))
        .ToList();

    /// <summary>A code of this set for the source's <paramref name="code"/>: the same code in another case, else
    /// the same name, else (when <paramref name="bySequence"/>) the same group and sequence.</summary>
    public string? Propose(string code, CodeInfo? source, bool bySequence)
    {
        if (_byCodeIgnoringCase.TryGetValue(code, out var sameCode))
        {
            return sameCode;
        }
        if (source is not null && !string.IsNullOrWhiteSpace(source.Name) && _byName.TryGetValue(source.Name.Trim(), out var sameName))
        {
            return sameName;
        }
        if (bySequence && source is not null)
        {
            return _byCode.Values
                .Where(c => c.Sequence == source.Sequence && string.Equals(c.Group, source.Group, StringComparison.OrdinalIgnoreCase))
                .OrderBy(c => c.Code, StringComparer.Ordinal)
                .Select(c => c.Code)
                .FirstOrDefault();
        }
        return null;
    }
}

/// <summary>Everything the copy needs to know about one property, loaded once: its lists of values as code sets,
/// its lookups (for the save validator), its occupancy levels and its rule codes.</summary>
internal sealed class CopyTargetContext
{
    public required PropertyLookups Lookups { get; init; }
    public required CodeSet RoomTypes { get; init; }
    public required CodeSet RoomClasses { get; init; }
    public required CodeSet RateCodes { get; init; }
    public required CodeSet RateCategories { get; init; }
    public required CodeSet Markets { get; init; }
    public required CodeSet Channels { get; init; }
    public required CodeSet ReservationTypes { get; init; }
    /// <summary>Keys "TYPE" and "TYPE/LEVEL".</summary>
    public required CodeSet Memberships { get; init; }
    public required IReadOnlySet<int> OccupancyLevels { get; init; }
    /// <summary>The property's rule codes → rule ids.</summary>
    public required IReadOnlyDictionary<string, int> RuleIdsByCode { get; init; }

    private UpsellRuleFormValidator? _validator;

    /// <summary>The save validator of this property (the tests check <see cref="RuleCopyPlanner.SaveProblems"/> against it).</summary>
    public UpsellRuleFormValidator Validator => _validator ??= new UpsellRuleFormValidator(Lookups);

    public int PropertyId => Lookups.Property.Id;
    public string CurrencyCode => Lookups.Property.CurrencyCode;

    public static CopyTargetContext From(PropertyLookups lookups, IReadOnlyDictionary<string, int> ruleIdsByCode)
    {
        var roomTypes = new CodeSet();
        foreach (var t in lookups.RoomTypes)
        {
            roomTypes.Add(t.Code, t.Name, t.RoomClassCode, t.Sequence);
        }
        var roomClasses = new CodeSet();
        var sequence = 0;
        foreach (var c in lookups.RoomClasses)
        {
            roomClasses.Add(c.Code, c.Name, null, sequence++);
        }
        var memberships = new CodeSet();
        foreach (var m in lookups.Memberships)
        {
            memberships.Add(m.TypeCode, m.TypeName);
            foreach (var level in m.Levels)
            {
                memberships.Add(UpsellRuleFormModel.MembershipKey(m.TypeCode, level.Code), $"{m.TypeName} / {level.Name}", m.TypeCode);
            }
        }
        return new CopyTargetContext
        {
            Lookups = lookups,
            RoomTypes = roomTypes,
            RoomClasses = roomClasses,
            RateCodes = Set(lookups.RateCodes.Select(r => new CodeName(r.Code, r.Name))),
            RateCategories = Set(lookups.RateCategories),
            Markets = Set(lookups.Markets),
            Channels = Set(lookups.Channels),
            ReservationTypes = Set(lookups.ReservationTypes),
            Memberships = memberships,
            OccupancyLevels = lookups.OccupancyLevels.Select(l => l.Level).ToHashSet(),
            RuleIdsByCode = ruleIdsByCode,
        };
    }

    private static CodeSet Set(IEnumerable<CodeName> items)
    {
        var set = new CodeSet();
        foreach (var item in items)
        {
            set.Add(item.Code, item.Name);
        }
        return set;
    }

    public CodeSet FilterSet(RuleFilterKind kind) => kind switch
    {
        RuleFilterKind.RateCode => RateCodes,
        RuleFilterKind.RateCategory => RateCategories,
        RuleFilterKind.Membership => Memberships,
        RuleFilterKind.Channel => Channels,
        RuleFilterKind.ReservationType => ReservationTypes,
        RuleFilterKind.Market => Markets,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>
/// The copy's pure logic, in memory: which conflicts a rule has in a target (with choices, defaults, proposals),
/// and what the rule becomes with the chosen resolutions. No I/O, so 50,000 rule-target pairs stay fast.
/// </summary>
internal static class RuleCopyPlanner
{
    public static readonly RuleFilterKind[] FilterKindsInOrder =
    [
        RuleFilterKind.RateCode, RuleFilterKind.RateCategory, RuleFilterKind.Membership,
        RuleFilterKind.Channel, RuleFilterKind.ReservationType, RuleFilterKind.Market,
    ];

    public static CopyConflictKind MissingKind(RuleFilterKind kind) => kind switch
    {
        RuleFilterKind.RateCode => CopyConflictKind.RateCodeMissing,
        RuleFilterKind.RateCategory => CopyConflictKind.RateCategoryMissing,
        RuleFilterKind.Membership => CopyConflictKind.MembershipMissing,
        RuleFilterKind.Channel => CopyConflictKind.ChannelMissing,
        RuleFilterKind.ReservationType => CopyConflictKind.ReservationTypeMissing,
        RuleFilterKind.Market => CopyConflictKind.MarketMissing,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string ListName(RuleFilterKind kind) => kind switch
    {
        RuleFilterKind.RateCode => "rate code",
        RuleFilterKind.RateCategory => "rate category",
        RuleFilterKind.Membership => "membership",
        RuleFilterKind.Channel => "channel",
        RuleFilterKind.ReservationType => "reservation type",
        RuleFilterKind.Market => "market",
        _ => kind.ToString(),
    };

    public static string FilterKey(UpsellRuleFilterValue f) =>
        f.Kind == RuleFilterKind.Membership ? UpsellRuleFormModel.MembershipKey(f.Value, f.Level) : f.Value;

    /// <summary>The free code a rename uses: CODE-2, CODE-3, … cut so it stays within the code's maximum length;
    /// the code is added to <paramref name="taken"/>.</summary>
    public static string FreeCode(string code, ISet<string> taken)
    {
        for (var n = 2; ; n++)
        {
            var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var keep = Math.Min(code.Length, UpsellRule.CodeMaxLength - suffix.Length);
            var candidate = code[..keep] + suffix;
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The conflicts of <paramref name="rule"/> in <paramref name="target"/>, each with its default choice.</summary>
    public static RuleCopyItem Detect(UpsellRule rule, CopyTargetContext source, CopyTargetContext target, ISet<string> takenCodes,
        CopyExchangeRateSet? rates = null)
    {
        rates ??= CopyExchangeRateSet.Empty;
        int? existingId = target.RuleIdsByCode.TryGetValue(rule.Code, out var id) ? id : null;
        var renameCode = existingId is null ? null : FreeCode(rule.Code, takenCodes);
        List<CopyConflict> conflicts =
        [
            .. MissingRooms(rule, source, target),
            .. NotInHierarchy(rule, target),
            .. MissingFilterValues(rule, source, target),
            .. CurrencyDiffers(rule, target, rates),
            .. MissingOccupancyLevels(rule, target),
            .. CodeExists(rule, target, renameCode),
        ];
        return new RuleCopyItem
        {
            RuleId = rule.Id,
            Code = rule.Code,
            Description = rule.Description,
            Conflicts = conflicts,
            RenameCode = renameCode,
            ExistingRuleId = existingId,
            Source = rule,
            Target = target,
            Rates = rates,
        };
    }

    /// <summary>
    /// The rule's To exists in the target, and so does its From, but the target's room hierarchy of From does not list
    /// To (a save would refuse it: "choose one of …"): the choice right here — map To to one of the hierarchy's room
    /// types — or skip. Skip by default (nothing is chosen for the user).
    /// </summary>
    private static IEnumerable<CopyConflict> NotInHierarchy(UpsellRule rule, CopyTargetContext target)
    {
        if (!rule.UpsellByRoomType || !target.RoomTypes.Contains(rule.FromCode) || !target.RoomTypes.Contains(rule.ToCode)
            || !target.Lookups.Hierarchy.TryGetValue(rule.FromCode, out var allowed) || allowed.Count == 0
            || allowed.Any(t => t.ToRoomType == rule.ToCode))
        {
            yield break;
        }
        var choices = allowed.Select(t => new CodeName(t.ToRoomType, target.RoomTypes.Find(t.ToRoomType)?.Name ?? t.ToRoomType)).ToList();
        yield return Conflict(CopyConflictKind.ToRoomTypeNotInHierarchy, rule.ToCode,
            $"{rule.ToCode} is not in the room hierarchy of {rule.FromCode} in {target.Lookups.Property.Code}; choose one of {string.Join(", ", choices.Select(c => c.Code))}.",
            [CopyResolution.Map, CopyResolution.Skip], CopyResolution.Skip, choices);
    }

    /// <summary>The conflict kinds of a missing From and To: room types or room classes, after the rule.</summary>
    private static (CopyConflictKind From, CopyConflictKind To) RoomMissingKinds(UpsellRule rule) => rule.UpsellByRoomType
        ? (CopyConflictKind.FromRoomTypeMissing, CopyConflictKind.ToRoomTypeMissing)
        : (CopyConflictKind.FromRoomClassMissing, CopyConflictKind.ToRoomClassMissing);

    /// <summary>From, then To, where the target lacks it: Map to a proposal (same code in another case, same name,
    /// else same class and sequence) by default, else Skip.</summary>
    private static IEnumerable<CopyConflict> MissingRooms(UpsellRule rule, CopyTargetContext source, CopyTargetContext target)
    {
        var rooms = rule.UpsellByRoomType ? target.RoomTypes : target.RoomClasses;
        var sourceRooms = rule.UpsellByRoomType ? source.RoomTypes : source.RoomClasses;
        var what = rule.UpsellByRoomType ? "room type" : "room class";
        var (fromKind, toKind) = RoomMissingKinds(rule);
        foreach (var (code, kind, end) in new[] { (rule.FromCode, fromKind, "From"), (rule.ToCode, toKind, "To") })
        {
            if (rooms.Contains(code))
            {
                continue;
            }
            var proposal = rooms.Propose(code, sourceRooms.Find(code), bySequence: true);
            yield return Conflict(kind, code, $"{end} {what} {code} does not exist in {target.Lookups.Property.Code}.",
                rooms.Count > 0 ? [CopyResolution.Map, CopyResolution.Skip] : [CopyResolution.Skip],
                proposal is not null ? CopyResolution.Map : CopyResolution.Skip,
                rooms.Options, proposal);
        }
    }

    /// <summary>Each value of the rule's filter lists the target lacks, list by list in <see cref="FilterKindsInOrder"/>:
    /// Drop by default where another value of the list is present, else Map to a proposal (same code in another case
    /// or same name), else Skip. Drop is offered only in a list of several values.</summary>
    private static IEnumerable<CopyConflict> MissingFilterValues(UpsellRule rule, CopyTargetContext source, CopyTargetContext target)
    {
        if (rule.Filters.Count == 0)
        {
            yield break;
        }
        foreach (var kind in FilterKindsInOrder)
        {
            var set = target.FilterSet(kind);
            var values = rule.Filters.Where(f => f.Kind == kind).Select(FilterKey).Distinct(StringComparer.Ordinal).ToList();
            var missing = values.Where(v => !set.Contains(v)).ToList();
            var anyPresent = missing.Count < values.Count;
            var sourceSet = source.FilterSet(kind);
            foreach (var value in missing)
            {
                var proposal = set.Propose(value, sourceSet.Find(value), bySequence: false);
                var options = new List<CopyResolution>(3);
                if (values.Count > 1)
                {
                    options.Add(CopyResolution.Drop);
                }
                if (set.Count > 0)
                {
                    options.Add(CopyResolution.Map);
                }
                options.Add(CopyResolution.Skip);
                yield return Conflict(MissingKind(kind), value, $"The {ListName(kind)} {value} does not exist in {target.Lookups.Property.Code}.",
                    options,
                    anyPresent ? CopyResolution.Drop : proposal is not null ? CopyResolution.Map : CopyResolution.Skip,
                    set.Count > 0 ? set.Options : [], proposal);
            }
        }
    }

    /// <summary>
    /// The rule's currency where the target prices in another. An amount: Convert at the pair's exchange rate (the
    /// default when one is known), Skip (the default without a rate, until one is typed), or keep the number in the
    /// target's currency. A percentage does not depend on the currency: use the target's (the default), or Skip.
    /// </summary>
    private static IEnumerable<CopyConflict> CurrencyDiffers(UpsellRule rule, CopyTargetContext target, CopyExchangeRateSet rates)
    {
        if (string.Equals(rule.CurrencyCode, target.CurrencyCode, StringComparison.Ordinal))
        {
            yield break;
        }
        var property = target.Lookups.Property.Code;
        if (rule.Formula.IsPercentage())
        {
            yield return Conflict(CopyConflictKind.CurrencyDiffers, rule.CurrencyCode,
                $"The rule is in {rule.CurrencyCode}; {property} prices in {target.CurrencyCode}. Its percentages are not converted (they are percentages).",
                [CopyResolution.UseTargetCurrency, CopyResolution.Skip],
                CopyResolution.UseTargetCurrency);
            yield break;
        }
        var rate = rates.Find(rule.CurrencyCode, target.CurrencyCode);
        yield return Conflict(CopyConflictKind.CurrencyDiffers, rule.CurrencyCode,
            $"The rule's amounts are in {rule.CurrencyCode}; {property} prices in {target.CurrencyCode}.",
            [CopyResolution.Convert, CopyResolution.Skip, CopyResolution.UseTargetCurrency],
            rate?.Rate is not null ? CopyResolution.Convert : CopyResolution.Skip);
    }

    /// <summary>An amount in the target's currency: amount × rate, rounded by the rule's Rounding Rule (the engine's
    /// <see cref="Rounding"/>; the Keep Decimal variants keep the decimal part of the original amount).</summary>
    public static decimal ConvertAmount(decimal amount, decimal rate, RoundingRule rounding) =>
        Rounding.Apply(rounding, amount * rate, amount);

    /// <summary>One conflict for the occupancy levels the rule has amounts for and the target has not defined: Skip by
    /// default; Drop them where the rule keeps an amount for another level.</summary>
    private static IEnumerable<CopyConflict> MissingOccupancyLevels(UpsellRule rule, CopyTargetContext target)
    {
        if (!rule.UpsellByOccupancyLevels)
        {
            yield break;
        }
        var missing = rule.OccupancyAmounts.Select(a => a.Level).Where(l => !target.OccupancyLevels.Contains(l)).Order().ToList();
        if (missing.Count == 0)
        {
            yield break;
        }
        var property = target.Lookups.Property.Code;
        var remaining = rule.OccupancyAmounts.Count - missing.Count;
        yield return Conflict(CopyConflictKind.OccupancyLevelsMissing, string.Join(", ", missing),
            target.OccupancyLevels.Count == 0
                ? $"The rule uses occupancy levels; {property} has none defined."
                : $"The rule has amounts for occupancy level(s) {string.Join(", ", missing)}, which {property} has not defined.",
            remaining > 0 ? [CopyResolution.Skip, CopyResolution.Drop] : [CopyResolution.Skip],
            CopyResolution.Skip);
    }

    /// <summary>The target's rule of the same code, when it has one (<paramref name="renameCode"/> set): copy under
    /// that free code by default, overwrite, or Skip.</summary>
    private static IEnumerable<CopyConflict> CodeExists(UpsellRule rule, CopyTargetContext target, string? renameCode)
    {
        if (renameCode is null)
        {
            yield break;
        }
        yield return Conflict(CopyConflictKind.CodeExists, rule.Code,
            $"{target.Lookups.Property.Code} already has a rule {rule.Code}; a new code would be {renameCode}.",
            [CopyResolution.Rename, CopyResolution.Overwrite, CopyResolution.Skip],
            CopyResolution.Rename);
    }

    /// <summary>A conflict with its choice preset to <paramref name="choice"/>; for a missing code, the target's codes
    /// to map to and the proposal, which is also the preset mapping.</summary>
    private static CopyConflict Conflict(CopyConflictKind kind, string value, string detail, IReadOnlyList<CopyResolution> options,
        CopyResolution choice, IReadOnlyList<CodeName>? mapCandidates = null, string? proposal = null) => new()
    {
        Kind = kind,
        Value = value,
        Detail = detail,
        Options = options,
        DefaultResolution = choice,
        Resolution = choice,
        MapCandidates = mapCandidates ?? [],
        Proposal = proposal,
        MapTo = proposal,
    };

    /// <summary>Sets every conflict's choice from the decisions (or, with a policy, the API's fixed choices); a
    /// conflict without a decision keeps its default.</summary>
    public static void ApplyDecisions(RuleCopyItem item, int targetPropertyId, IReadOnlyDictionary<(int, int, CopyConflictKind, string), RuleCopyDecision> decisions, CodeConflictPolicy? policy,
        CurrencyPolicy currency = CurrencyPolicy.Skip)
    {
        foreach (var conflict in item.Conflicts)
        {
            if (policy is { } p)
            {
                conflict.MapTo = null;
                conflict.Resolution = conflict.Kind switch
                {
                    CopyConflictKind.CodeExists => p switch
                    {
                        CodeConflictPolicy.Overwrite => CopyResolution.Overwrite,
                        CodeConflictPolicy.Rename => CopyResolution.Rename,
                        _ => CopyResolution.Skip,
                    },
                    CopyConflictKind.CurrencyDiffers when currency == CurrencyPolicy.Convert =>
                        conflict.Options.Contains(CopyResolution.Convert) ? CopyResolution.Convert : CopyResolution.UseTargetCurrency,
                    _ => CopyResolution.Skip,
                };
            }
            else if (decisions.TryGetValue((targetPropertyId, item.RuleId, conflict.Kind, conflict.Value), out var d))
            {
                conflict.Resolution = d.Resolution;
                conflict.MapTo = d.MapTo;
            }
        }
    }

    /// <summary>What the rule becomes in the target with the current choices; Skipped with a reason when a choice
    /// skips it, a choice is not allowed, or the result fails the save checks.</summary>
    public static RuleCopyPlan Plan(RuleCopyItem item)
    {
        var rule = item.Source;
        var target = item.Target;
        Dictionary<(CopyConflictKind, string), CopyConflict>? byKey = null;
        var code = rule.Code;
        var outcome = CopyOutcome.Created;
        foreach (var c in item.Conflicts)
        {
            if (!c.Options.Contains(c.Resolution))
            {
                return Skipped(item, $"{c.Kind.Label()} {c.Value}: \"{c.Resolution}\" is not a choice here.");
            }
            if (c.Resolution == CopyResolution.Skip)
            {
                return Skipped(item, c.Detail);
            }
            if (c.Resolution == CopyResolution.Map && (c.MapTo is null || !c.MapCandidates.Any(m => m.Code == c.MapTo)))
            {
                return Skipped(item, $"{c.Kind.Label()} {c.Value}: choose a code of {target.Lookups.Property.Code} to map to.");
            }
            if (c.Kind == CopyConflictKind.CodeExists)
            {
                (outcome, code) = c.Resolution == CopyResolution.Overwrite
                    ? (CopyOutcome.Overwritten, rule.Code)
                    : (CopyOutcome.Renamed, item.RenameCode!);
            }
            (byKey ??= []).TryAdd((c.Kind, c.Value), c);
        }

        string Room(string value, CopyConflictKind kind) =>
            byKey is not null && byKey.TryGetValue((kind, value), out var c) && c.Resolution == CopyResolution.Map ? c.MapTo! : value;

        var (fromMissing, toMissing) = RoomMissingKinds(rule);
        var from = Room(rule.FromCode, fromMissing);
        var to = Room(rule.ToCode, toMissing);
        if (byKey is not null && byKey.TryGetValue((CopyConflictKind.ToRoomTypeNotInHierarchy, rule.ToCode), out var h) && h.Resolution == CopyResolution.Map)
        {
            to = h.MapTo!;
        }

        var lists = new Dictionary<RuleFilterKind, List<string>>();
        foreach (var f in rule.Filters)
        {
            var key = FilterKey(f);
            var list = lists.TryGetValue(f.Kind, out var l) ? l : lists[f.Kind] = [];
            if (byKey is not null && byKey.TryGetValue((MissingKind(f.Kind), key), out var c))
            {
                if (c.Resolution == CopyResolution.Drop)
                {
                    continue;
                }
                key = c.MapTo!;
            }
            if (!list.Contains(key, StringComparer.Ordinal))
            {
                list.Add(key);
            }
        }
        foreach (var (kind, list) in lists)
        {
            if (list.Count == 0)
            {
                return Skipped(item, $"Dropping every {ListName(kind)} of the rule would make it apply to any {ListName(kind)}; map one or skip the rule.");
            }
        }

        var currencyChoice = byKey is not null && byKey.TryGetValue((CopyConflictKind.CurrencyDiffers, rule.CurrencyCode), out var cur)
            ? cur.Resolution
            : (CopyResolution?)null;
        var currency = currencyChoice is CopyResolution.UseTargetCurrency or CopyResolution.Convert ? target.CurrencyCode : rule.CurrencyCode;
        decimal? rate = null;
        string? rateSource = null;
        if (currencyChoice == CopyResolution.Convert)
        {
            var pair = item.Rates.Find(rule.CurrencyCode, target.CurrencyCode);
            if (pair?.Rate is not { } r)
            {
                return Skipped(item, $"No exchange rate {rule.CurrencyCode} → {target.CurrencyCode}: type one to convert, or skip the rule.");
            }
            (rate, rateSource) = (r, pair.Source);
        }
        var amounts = rate is null ? null : new List<(decimal Before, decimal After)>();
        decimal? Amount(decimal? amount)
        {
            if (amount is not { } a || rate is not { } r)
            {
                return amount;
            }
            var converted = ConvertAmount(a, r, rule.RoundingRule);
            amounts!.Add((a, converted));
            return converted;
        }

        var model = new UpsellRuleFormModel
        {
            Id = outcome == CopyOutcome.Overwritten ? item.ExistingRuleId : null,
            PropertyId = target.PropertyId,
            Code = code,
            Description = rule.Description,
            BeginDate = rule.BeginDate?.ToDateTime(TimeOnly.MinValue),
            EndDate = rule.EndDate?.ToDateTime(TimeOnly.MinValue),
            UpsellByRoomType = rule.UpsellByRoomType,
            From = from,
            To = to,
            UseRateCategories = lists.ContainsKey(RuleFilterKind.RateCategory),
            RateCodes = lists.GetValueOrDefault(RuleFilterKind.RateCode) ?? [],
            RateCategories = lists.GetValueOrDefault(RuleFilterKind.RateCategory) ?? [],
            Memberships = lists.GetValueOrDefault(RuleFilterKind.Membership) ?? [],
            Sources = lists.GetValueOrDefault(RuleFilterKind.Channel) ?? [],
            ReservationTypes = lists.GetValueOrDefault(RuleFilterKind.ReservationType) ?? [],
            Markets = lists.GetValueOrDefault(RuleFilterKind.Market) ?? [],
            // Formula before the amounts: setting it clears them.
            Formula = rule.Formula,
            CurrencyCode = currency,
            RoundingRule = rule.RoundingRule,
            DaysInAdvance = rule.DaysInAdvance,
            DaysOfWeek = Weekdays.FromMask(rule.DaysOfWeek),
            UseOccupancyLevels = rule.UpsellByOccupancyLevels,
        };
        model.UpsellAmount = rule.UpsellByOccupancyLevels ? null : Amount(rule.UpsellAmount);
        if (rule.UpsellByOccupancyLevels)
        {
            // One row per level of the target, as the form has; a missing level's amount was dropped (or skipped).
            model.OccupancyAmounts = target.Lookups.OccupancyLevels
                .Select(l => new OccupancyAmountModel
                {
                    Level = l.Level,
                    Description = l.Description,
                    Amount = Amount(rule.OccupancyAmounts.FirstOrDefault(a => a.Level == l.Level)?.Amount),
                })
                .ToList();
        }

        var conversion = rate is { } used ? new CopyConversion(rule.CurrencyCode, target.CurrencyCode, used, rateSource!, amounts!) : null;
        var problems = SaveProblems(model, target);
        if (problems.Count > 0)
        {
            return new RuleCopyPlan(CopyOutcome.Skipped, rule.Code,
                "Not valid in " + target.Lookups.Property.Code + ": " + string.Join(" ", problems), model)
            { IsInvalid = true, Conversion = conversion };
        }
        return new RuleCopyPlan(outcome, code, null, model) { Conversion = conversion };
    }

    /// <summary>
    /// The checks <see cref="UpsellRuleFormValidator"/> runs on a save, for a copied rule, in plain code: FluentValidation
    /// costs ~80 µs a rule, which is 4 s for 50,000 rule-target pairs. Codes need no check here: every code of a copy is
    /// one the target has (a conflict was resolved otherwise). Same limits and messages (the validator's constants and
    /// <see cref="UpsellRuleFormValidator.AmountProblem"/>); a test compares both on every scenario rule.
    /// </summary>
    public static List<string> SaveProblems(UpsellRuleFormModel m, CopyTargetContext target)
    {
        var problems = new List<string>();
        var lookups = target.Lookups;
        if (string.IsNullOrWhiteSpace(m.Code) || m.Code.Length > UpsellRule.CodeMaxLength)
        {
            problems.Add($"Code must have 1 to {UpsellRule.CodeMaxLength} characters.");
        }
        if (string.IsNullOrWhiteSpace(m.Description) || m.Description.Length > UpsellRule.DescriptionMaxLength)
        {
            problems.Add($"Rule Description must have 1 to {UpsellRule.DescriptionMaxLength} characters.");
        }
        if (m.BeginDate is { } b && m.EndDate is { } e && e.Date < b.Date)
        {
            problems.Add("End Date must be on or after Begin Date.");
        }
        if (string.Equals(m.From, m.To, StringComparison.Ordinal))
        {
            problems.Add($"To must differ from From ({m.From}).");
        }
        else if (m.UpsellByRoomType && lookups.Hierarchy.TryGetValue(m.From, out var allowed) && allowed.Count > 0
            && !allowed.Any(t => t.ToRoomType == m.To))
        {
            problems.Add($"{m.To} is not in the room hierarchy of {m.From}; choose one of {string.Join(", ", allowed.Select(t => t.ToRoomType))}.");
        }
        if (!lookups.Currencies.Contains(m.CurrencyCode))
        {
            problems.Add($"Currency {m.CurrencyCode} is not known in {lookups.Property.Code}.");
        }
        if (m.DaysInAdvance is { } days && (days < 0 || days > UpsellRuleFormValidator.MaxDaysInAdvance))
        {
            problems.Add($"Days in advance must be between 0 and {UpsellRuleFormValidator.MaxDaysInAdvance}.");
        }
        if (!m.UseOccupancyLevels)
        {
            if (m.UpsellAmount is not { } amount)
            {
                problems.Add($"{m.AmountLabel} is required.");
            }
            else if (UpsellRuleFormValidator.AmountProblem(m.Formula, amount) is { } problem)
            {
                problems.Add(problem);
            }
        }
        else if (lookups.OccupancyLevels.Count == 0)
        {
            problems.Add($"{lookups.Property.Code} has no occupancy levels.");
        }
        else
        {
            foreach (var row in m.OccupancyAmounts)
            {
                if (row.Amount is not { } amount)
                {
                    problems.Add($"Level {row.Level} ({row.Description}) needs an amount.");
                }
                else if (UpsellRuleFormValidator.AmountProblem(m.Formula, amount) is { } problem)
                {
                    problems.Add($"Level {row.Level}: {problem}");
                }
            }
        }
        return problems;
    }

    private static RuleCopyPlan Skipped(RuleCopyItem item, string reason) => new(CopyOutcome.Skipped, item.Code, reason, null);

    /// <summary>One line saying what the copy will be: "STD → DLX · rate codes BAR, RACK · 20 USD".</summary>
    public static string Describe(UpsellRuleFormModel m, CopyConversion? conversion = null)
    {
        var parts = new List<string> { $"{m.From} → {m.To}" };
        void List(string label, IEnumerable<string> values)
        {
            var v = values.ToList();
            if (v.Count > 0)
            {
                parts.Add($"{label} {string.Join(", ", v)}");
            }
        }
        if (m.UseRateCategories)
        {
            List("rate categories", m.RateCategories);
        }
        else
        {
            List("rate codes", m.RateCodes);
        }
        List("memberships", m.Memberships);
        List("channels", m.Sources);
        List("reservation types", m.ReservationTypes);
        List("markets", m.Markets);
        if (m.DaysOfWeek.Count > 0)
        {
            parts.Add($"days {Weekdays.Format(Weekdays.ToMask(m.DaysOfWeek))}");
        }
        var unit = m.Formula.IsPercentage() ? "%" : " " + m.CurrencyCode;
        var converted = new Queue<(decimal Before, decimal After)>(conversion?.Amounts ?? []);
        string Amount(decimal? amount)
        {
            if (amount is { } a && conversion is not null && converted.TryDequeue(out var c))
            {
                return $"{Number(c.Before)} {conversion.From} → {Number(c.After)} {conversion.To}";
            }
            return Number(amount) + unit;
        }
        if (m.UseOccupancyLevels)
        {
            parts.Add("by occupancy level: " + string.Join(", ", m.OccupancyAmounts.Select(a => $"{a.Level}: {Amount(a.Amount)}")));
        }
        else
        {
            parts.Add(Amount(m.UpsellAmount));
        }
        if (conversion is not null)
        {
            parts.Add($"at {conversion.Rate.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)} ({conversion.Source})");
        }
        if (m.Formula.IsPercentage())
        {
            parts.Add(m.CurrencyCode);
        }
        return string.Join(" · ", parts);
    }

    private static string Number(decimal? amount) => amount?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
