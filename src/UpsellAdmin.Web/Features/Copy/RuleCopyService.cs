using UpsellAdmin.Domain.Rules;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Copy;

/// <summary>Who copies: a signed-in user (checked against their properties and role) or an API client (a system
/// client: every property, may copy).</summary>
internal sealed record CopyCaller(string Name, UserContext? User)
{
    public bool IsSystem => User is null;

    public static CopyCaller ApiClient(string name) => new(name, null);
}

/// <summary>
/// Copies upsell rules between properties: a preview that names every conflict per target and rule with a choice,
/// then an apply that writes each target in one transaction and logs the copy. Conflicts are found in memory
/// against each target's code sets, loaded once (a dozen queries for any number of targets).
/// </summary>
public sealed class RuleCopyService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICurrentUser currentUser,
    TimeProvider clock,
    ILogger<RuleCopyService> logger,
    IEnumerable<IRuleCopyWriteHook>? writeHooks = null,
    ICopyExchangeRateSource? exchangeRateSource = null) : IRuleCopyService
{
    private readonly IReadOnlyList<IRuleCopyWriteHook> _hooks = writeHooks?.ToList() ?? [];

    public const string ForbiddenMessage =
        "You may not copy upsell rules. Ask an administrator for the Revenue Manager role.";

    public async Task<IReadOnlyList<PropertySummary>> GetTargetPropertiesAsync(int sourcePropertyId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        if (!user.CanEdit)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await PropertyAccess.Visible(db, user)
            .Where(p => p.Id != sourcePropertyId)
            .OrderBy(p => p.Code)
            .Select(PropertyAccess.ToSummary)
            .ToListAsync(cancellationToken);
    }

    public async Task<RuleCopyPreviewResult> PreviewAsync(RuleCopyRequest request, CancellationToken cancellationToken = default) =>
        await PreviewAsync(request, await UserCallerAsync(cancellationToken), cancellationToken);

    public async Task<RuleCopyApplyResult> ApplyAsync(RuleCopyRequest request, CancellationToken cancellationToken = default) =>
        await ApplyAsync(request, await UserCallerAsync(cancellationToken), cancellationToken);

    private async Task<CopyCaller> UserCallerAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        return new CopyCaller(user.UserName, user);
    }

    internal async Task<RuleCopyPreviewResult> PreviewAsync(RuleCopyRequest request, CopyCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await BuildPreviewAsync(db, request, caller, ct);
    }

    internal async Task<RuleCopyApplyResult> ApplyAsync(RuleCopyRequest request, CopyCaller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        RuleCopyPreview preview;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var built = await BuildPreviewAsync(db, request, caller, ct);
            if (built.Preview is null)
            {
                return RuleCopyApplyResult.Failed(built.Status, built.Message!);
            }
            preview = built.Preview;
        }

        var decisions = new Dictionary<(int, int, CopyConflictKind, string), RuleCopyDecision>();
        foreach (var d in request.Decisions)
        {
            decisions[(d.TargetPropertyId, d.RuleId, d.Kind, d.Value)] = d;
        }

        var results = new List<TargetCopyResult>(preview.Targets.Count);
        foreach (var previewed in preview.Targets)
        {
            var target = previewed;
            var attempt = 1;
            while (true)
            {
                foreach (var item in target.Rules)
                {
                    RuleCopyPlanner.ApplyDecisions(item, target.Property.Id, decisions, request.Policy, request.Currency);
                }
                var plans = target.Rules.Select(item => (Item: item, Plan: item.Plan())).ToList();
                var (result, conflicted) = await ApplyTargetAsync(preview.Source, target, plans, caller, ct);
                if (result.Error is null || !conflicted || attempt == MaxAttempts)
                {
                    if (result.Error is not null)
                    {
                        await LogTargetAsync(preview.Source, target.Property, result.Rules, caller, ct);
                    }
                    results.Add(result);
                    break;
                }

                // Another copy (or an edit) changed the target's rules since this preview: a renamed code was taken, a
                // created code now exists, an overwritten rule has a new version or is gone. Plan this target again
                // against its rules as they are now, and retry.
                attempt++;
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25 * attempt)), ct);
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var again = await BuildPreviewAsync(db, request with { TargetPropertyIds = [target.Property.Id] }, caller, ct);
                if (again.Preview is not { Targets: [var replanned] })
                {
                    // The target can no longer be planned (deactivated, the source rule deleted, access lost): a
                    // failure like any other, in the copy log too.
                    await LogTargetAsync(preview.Source, target.Property, result.Rules, caller, ct);
                    results.Add(result);
                    break;
                }
                target = replanned;
            }
        }

        logger.LogInformation(
            "Upsell rules copied by {User} from {SourceProperty} to {TargetProperties}: {RuleCount} rules, {Created} created, {Overwritten} overwritten, {Renamed} renamed, {Skipped} skipped, {FailedTargets} targets rolled back",
            LogText.Safe(caller.Name), preview.Source.Code, string.Join(", ", results.Select(r => r.Property.Code)), request.RuleIds.Distinct().Count(),
            results.Sum(r => r.Created), results.Sum(r => r.Overwritten), results.Sum(r => r.Renamed), results.Sum(r => r.Skipped),
            results.Count(r => r.Error is not null));
        return new RuleCopyApplyResult(CopyStatus.Ok, null, results);
    }

    /// <summary>How often one target's copy is planned and written when other writers keep changing its rules.</summary>
    private const int MaxAttempts = 8;

    /// <summary>Writes one target in one transaction. <c>Conflicted</c>: it was rolled back because the target's rules
    /// changed since the plan (a unique code taken, a rule's version changed or the rule deleted), so planning again
    /// may succeed.</summary>
    private async Task<(TargetCopyResult Result, bool Conflicted)> ApplyTargetAsync(PropertySummary source, TargetCopyPreview target, List<(RuleCopyItem Item, RuleCopyPlan Plan)> plans, CopyCaller caller, CancellationToken ct)
    {
        var items = plans.Select(p => ToResult(p.Item, p.Plan)).ToList();
        if (plans.All(p => p.Plan.Outcome == CopyOutcome.Skipped))
        {
            // Nothing to write; still logged, so the audit shows the attempt.
            await LogTargetAsync(source, target.Property, items, caller, ct);
            return (new TargetCopyResult(target.Property, items, null), false);
        }

        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.InTransactionAsync(async token =>
            {
                var now = clock.GetUtcNow();
                var overwriteIds = plans.Where(p => p.Plan.Outcome == CopyOutcome.Overwritten).Select(p => p.Item.ExistingRuleId!.Value).ToList();
                var existing = overwriteIds.Count == 0
                    ? []
                    : await db.UpsellRules
                        .Include(r => r.Filters)
                        .Include(r => r.OccupancyAmounts)
                        .AsSplitQuery()
                        // One JSON parameter, not one parameter per id (see the rules query of the preview).
                        .Where(r => r.PropertyId == target.Property.Id && EF.Parameter(overwriteIds).Contains(r.Id))
                        .ToDictionaryAsync(r => r.Id, token);

                var added = new List<UpsellRule>();
                var overwritten = new List<(UpsellRule Rule, UpsellRuleSnapshot Before)>();
                foreach (var (item, plan) in plans)
                {
                    if (plan.Outcome == CopyOutcome.Skipped)
                    {
                        continue;
                    }
                    UpsellRule rule;
                    if (plan.Outcome == CopyOutcome.Overwritten)
                    {
                        if (!existing.TryGetValue(item.ExistingRuleId!.Value, out var found))
                        {
                            throw new StalePlanException(
                                $"Rule {item.Code} of {target.Property.Code} was deleted since the preview; nothing was copied to {target.Property.Code}.");
                        }
                        rule = found;
                        overwritten.Add((found, UpsellRuleSnapshot.Of(found)));
                        rule.Version = Guid.NewGuid(); // a new version: an editor holding the old one gets a conflict
                    }
                    else
                    {
                        // Its Version is already a new Guid (one Guid.NewGuid per rule: ~2 µs each, measured).
                        rule = new UpsellRule { PropertyId = target.Property.Id, CreatedUtc = now };
                        added.Add(rule);
                    }
                    rule.Apply(plan.Result!.ToDefinition());
                    rule.UpdatedUtc = now;
                    rule.UpdatedBy = caller.Name;
                }
                // Overwrites first (tracked entities), then the new rules in bulk, then the log: one transaction.
                await db.SaveChangesAsync(token);
                await RuleBulkWriter.InsertAsync(db, target.Property.Code, added, _hooks, token);
                RuleCopyAudit.Record(db, caller.Name, source, target.Property, items, overwritten, now);
                db.RuleCopyLogs.Add(Log(source, target.Property, items, caller));
                await db.SaveChangesAsync(token);
                return (true, added.Count);
            }, ct);
            return (new TargetCopyResult(target.Property, items, null), false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The transaction was rolled back: nothing of this copy landed in this target.
            // A unique code taken meanwhile surfaces from SaveChanges (DbUpdateException) or from the bulk insert's own
            // command (the provider's DbException, e.g. SQLite error 19); both, and a busy database, are worth a new plan.
            var conflicted = ex is DbUpdateException or System.Data.Common.DbException or StalePlanException;
            logger.LogWarning(ex, "Copy of upsell rules from {SourceProperty} to {TargetProperty} by {User} rolled back ({Kind}): {Error}",
                source.Code, target.Property.Code, LogText.Safe(caller.Name), conflicted ? "the target changed meanwhile" : "failed", LogText.Safe(ex.Message));
            var reason = $"Nothing was copied to {target.Property.Code}: {Message(ex)}";
            var failed = plans.Select(p => new RuleCopyResultItem(p.Item.RuleId, p.Item.Code, CopyOutcome.Skipped, null,
                p.Plan.Outcome == CopyOutcome.Skipped ? p.Plan.Reason : reason, p.Item.Conflicts)).ToList();
            return (new TargetCopyResult(target.Property, failed, reason), conflicted);
        }
    }

    /// <summary>The plan names a rule of the target that is gone: plan again.</summary>
    private sealed class StalePlanException(string message) : Exception(message);

    private static string Message(Exception ex) => ex is DbUpdateException { InnerException: { } inner } ? inner.Message : ex.Message;

    internal static RuleCopyResultItem ToResult(RuleCopyItem item, RuleCopyPlan plan) => ToResultCore(item, plan) with
    {
        Conversion = plan.Outcome == CopyOutcome.Skipped ? null : plan.Conversion,
    };

    private static RuleCopyResultItem ToResultCore(RuleCopyItem item, RuleCopyPlan plan)
    {
        IReadOnlyList<CopyConflict> conflicts = item.Conflicts;
        if (plan.IsInvalid)
        {
            conflicts = [.. item.Conflicts, new CopyConflict
            {
                Kind = CopyConflictKind.InvalidInTarget,
                Value = plan.Reason!,
                Detail = plan.Reason!,
                Options = [CopyResolution.Skip],
                DefaultResolution = CopyResolution.Skip,
                Resolution = CopyResolution.Skip,
            }];
        }
        return new RuleCopyResultItem(item.RuleId, item.Code, plan.Outcome, plan.NewCode, plan.Reason, conflicts);
    }

    /// <summary>A copy-log line in its own context: for a target with nothing to write, and for one that did not land
    /// (after its transaction was rolled back) — the log shows every attempt, not only the ones that landed.</summary>
    private async Task LogTargetAsync(PropertySummary source, PropertySummary target, IReadOnlyList<RuleCopyResultItem> items, CopyCaller caller, CancellationToken ct)
    {
        await using var logDb = await dbFactory.CreateDbContextAsync(ct);
        logDb.RuleCopyLogs.Add(Log(source, target, items, caller));
        await logDb.SaveChangesAsync(ct);
    }

    private RuleCopyLog Log(PropertySummary source, PropertySummary target, IReadOnlyList<RuleCopyResultItem> items, CopyCaller caller)
    {
        var details = new StringBuilder();
        foreach (var r in items)
        {
            details.Append(r.RuleCode).Append(" → ").Append(r.Outcome);
            if (r.NewCode is not null)
            {
                details.Append(" (").Append(r.NewCode).Append(')');
            }
            if (r.Outcome == CopyOutcome.Skipped && r.Reason is not null)
            {
                details.Append(": ").Append(r.Reason);
            }
            if (r.Conversion is { } c)
            {
                details.Append(" [").Append(c.From).Append(" → ").Append(c.To).Append(" at ")
                    .Append(c.Rate.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)).Append(", ").Append(c.Source).Append(']');
            }
            details.Append('\n');
        }
        // The rate most of this target's converted rules used (a copy converts each pair at one rate; the details name
        // every rule's rate when rules in several currencies were converted).
        var rate = items.Where(r => r.Conversion is not null).GroupBy(r => (r.Conversion!.Rate, r.Conversion.Source))
            .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        return new RuleCopyLog
        {
            CopiedUtc = clock.GetUtcNow(),
            CopiedBy = caller.Name.Length > 256 ? caller.Name[..256] : caller.Name,
            SourcePropertyCode = source.Code,
            TargetPropertyCode = target.Code,
            Created = items.Count(r => r.Outcome == CopyOutcome.Created),
            Overwritten = items.Count(r => r.Outcome == CopyOutcome.Overwritten),
            Renamed = items.Count(r => r.Outcome == CopyOutcome.Renamed),
            Skipped = items.Count(r => r.Outcome == CopyOutcome.Skipped),
            ExchangeRate = rate.Source is null ? null : rate.Rate,
            ExchangeRateSource = rate.Source,
            Details = details.ToString(),
        };
    }

    private async Task<RuleCopyPreviewResult> BuildPreviewAsync(AppDbContext db, RuleCopyRequest request, CopyCaller caller, CancellationToken ct)
    {
        var ruleIds = request.RuleIds.Distinct().ToList();
        var targetIds = request.TargetPropertyIds.Distinct().ToList();
        if (ruleIds.Count == 0)
        {
            return RuleCopyPreviewResult.Failed(CopyStatus.Invalid, "Select at least one rule to copy.");
        }
        if (targetIds.Count == 0)
        {
            return RuleCopyPreviewResult.Failed(CopyStatus.Invalid, "Pick at least one target property.");
        }
        if (targetIds.Contains(request.SourcePropertyId))
        {
            return RuleCopyPreviewResult.Failed(CopyStatus.Invalid, "A property cannot be a target of its own rules.");
        }

        if (caller.User is { } user)
        {
            if (!user.CanEdit)
            {
                return RuleCopyPreviewResult.Failed(CopyStatus.Forbidden, ForbiddenMessage);
            }
            if (!await PropertyAccess.CanSeeAsync(db, user, request.SourcePropertyId, ct))
            {
                return RuleCopyPreviewResult.Failed(CopyStatus.NotFound, $"Property {request.SourcePropertyId} does not exist or you may not see it.");
            }
            var editable = await PropertyAccess.Visible(db, user).Where(p => targetIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
            var notEditable = targetIds.Except(editable).ToList();
            if (notEditable.Count > 0)
            {
                return RuleCopyPreviewResult.Failed(CopyStatus.Forbidden,
                    $"You may not change the upsell rules of property {string.Join(", ", notEditable)}.");
            }
        }

        var lookups = await CopyLookupLoader.LoadAsync(db, [request.SourcePropertyId, .. targetIds], ct);
        var unknown = targetIds.Prepend(request.SourcePropertyId).Where(id => !lookups.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            return RuleCopyPreviewResult.Failed(CopyStatus.NotFound, $"Unknown property {string.Join(", ", unknown)}.");
        }

        // EF.Parameter: the selection goes to SQLite as one JSON array (json_each) instead of EF 10's default of one
        // parameter per id. For 1,000 selected rules that took this load from ~500 ms to ~40 ms (copy benchmark).
        var rules = await db.UpsellRules.AsNoTracking()
            .Include(r => r.Filters)
            .Include(r => r.OccupancyAmounts)
            .AsSplitQuery()
            .Where(r => r.PropertyId == request.SourcePropertyId && EF.Parameter(ruleIds).Contains(r.Id))
            .OrderBy(r => r.Code)
            .ToListAsync(ct);
        var missingRules = ruleIds.Except(rules.Select(r => r.Id)).ToList();
        if (missingRules.Count > 0)
        {
            return RuleCopyPreviewResult.Failed(CopyStatus.NotFound,
                $"Rule {string.Join(", ", missingRules)} is not a rule of {lookups[request.SourcePropertyId].Property.Code}.");
        }

        var codes = (await db.UpsellRules.AsNoTracking()
            .Where(r => targetIds.Contains(r.PropertyId))
            .Select(r => new { r.PropertyId, r.Code, r.Id })
            .ToListAsync(ct)).ToLookup(r => r.PropertyId);

        foreach (var typed in request.ExchangeRates)
        {
            if (CopyExchangeRate.RateProblem(typed.Rate) is { } problem)
            {
                return RuleCopyPreviewResult.Failed(CopyStatus.Invalid, $"Exchange rate {typed.From}->{typed.To}: {problem}");
            }
        }
        var rates = await ExchangeRatesAsync(request, rules, targetIds.Select(id => lookups[id].Property).ToList(), ct);
        if (request.Policy is not null && request.Currency == CurrencyPolicy.Convert && rates.All.FirstOrDefault(r => r.Rate is null) is { } missing)
        {
            return RuleCopyPreviewResult.Failed(CopyStatus.Invalid,
                $"No exchange rate {missing.Pair}: Mews has none for it; give it in exchangeRates (e.g. {{ \"{missing.Pair}\": 0.86 }}), or copy with currency Skip.");
        }

        var source = CopyTargetContext.From(lookups[request.SourcePropertyId], new Dictionary<string, int>());
        var selectedCodes = rules.Select(r => r.Code).ToList();
        var targets = new List<TargetCopyPreview>(targetIds.Count);
        foreach (var targetId in targetIds.OrderBy(id => lookups[id].Property.Code, StringComparer.Ordinal))
        {
            var existing = codes[targetId].ToDictionary(r => r.Code, r => r.Id, StringComparer.Ordinal);
            var context = CopyTargetContext.From(lookups[targetId], existing);
            // A rename never takes a code the target has or a code of the selection (which may land as is).
            var taken = new HashSet<string>(existing.Keys, StringComparer.Ordinal);
            taken.UnionWith(selectedCodes);
            var items = new List<RuleCopyItem>(rules.Count);
            foreach (var rule in rules)
            {
                items.Add(RuleCopyPlanner.Detect(rule, source, context, taken, rates));
            }
            targets.Add(new TargetCopyPreview { Property = context.Lookups.Property, Rules = items });
        }
        return new RuleCopyPreviewResult(CopyStatus.Ok, null,
            new RuleCopyPreview { Source = source.Lookups.Property, Targets = targets, ExchangeRates = rates.All });
    }

    /// <summary>
    /// One exchange rate per currency pair the copy may convert (an amount rule's currency → a target's currency): the
    /// request's rate (typed, or a Mews rate the preview showed, kept with its source), else what Mews has for the pair in the first target of that currency that has one (one
    /// exchangeRates/getAll per target enterprise), else none yet.
    /// </summary>
    private async Task<CopyExchangeRateSet> ExchangeRatesAsync(RuleCopyRequest request, List<UpsellRule> rules, List<PropertySummary> targets, CancellationToken ct)
    {
        var ruleCurrencies = rules.Where(r => !r.Formula.IsPercentage()).Select(r => r.CurrencyCode).Distinct(StringComparer.Ordinal).ToList();
        var typed = new Dictionary<(string, string), decimal>();
        // A Mews rate given with the request is the one the preview showed: pinned, not read again.
        var mews = new Dictionary<(string, string), decimal>();
        foreach (var given in request.ExchangeRates)
        {
            if (given.Source == ExchangeRateSources.Mews)
            {
                mews[(given.From, given.To)] = given.Rate;
            }
            else
            {
                typed[(given.From, given.To)] = given.Rate;
            }
        }
        var pairs = new HashSet<(string From, string To)>();
        foreach (var target in targets)
        {
            var wanted = ruleCurrencies.Where(c => c != target.CurrencyCode).Select(c => (c, target.CurrencyCode)).ToList();
            pairs.UnionWith(wanted);
            var unknown = wanted.Where(p => !typed.ContainsKey(p) && !mews.ContainsKey(p)).ToList();
            if (unknown.Count > 0 && exchangeRateSource is not null)
            {
                foreach (var (pair, value) in await exchangeRateSource.GetAsync(target.Id, unknown, ct))
                {
                    mews.TryAdd(pair, value);
                }
            }
        }
        return new CopyExchangeRateSet(pairs.Select(p => new CopyExchangeRate
        {
            From = p.From,
            To = p.To,
            MewsRate = mews.TryGetValue(p, out var m) ? m : null,
            TypedRate = typed.TryGetValue(p, out var t) ? t : null,
        }));
    }
}
