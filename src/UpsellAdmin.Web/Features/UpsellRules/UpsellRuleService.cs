using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.UpsellRules;

public sealed class UpsellRuleService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICurrentUser currentUser,
    TimeProvider clock,
    ILogger<UpsellRuleService> logger) : IUpsellRuleService
{
    public const string ConflictMessage =
        "This rule was changed by someone else since you opened it. Reload it to see their changes; nothing was saved.";

    /// <summary>How list columns join their codes.</summary>
    public const string ListSeparator = ", ";

    private const int DeleteChunkSize = 500;

    /// <summary>How many matches past the requested page are counted exactly; beyond that TotalItems is a lower
    /// bound (<see cref="PagedResult{T}.TotalIsLowerBound"/>).</summary>
    public const int CountLookahead = 1000;

    public async Task<PagedResult<UpsellRuleRow>> SearchAsync(int propertyId, UpsellRuleCriteria criteria, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(page);
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await PropertyAccess.CanSeeAsync(db, user, propertyId, cancellationToken))
        {
            return new PagedResult<UpsellRuleRow>([], 0);
        }

        var filtered = await UpsellRuleQuery.FilterAsync(db, propertyId, criteria, cancellationToken);
        var pageSize = Math.Clamp(page.PageSize, 1, 1000);
        var skip = Math.Max(0, page.Page) * pageSize;
        var rules = await UpsellRuleQuery.Sort(filtered, page)
            .Skip(skip)
            .Take(pageSize)
            .Select(r => new
            {
                r.Id, r.Code, r.Description, r.FromCode, r.ToCode, r.BeginDate, r.EndDate, r.UpsellByRoomType, r.FilterKinds,
                r.DaysOfWeek, r.UpsellByOccupancyLevels, r.UpsellAmount, r.Formula, r.CurrencyCode,
            })
            .ToListAsync(cancellationToken);

        // A page that is not full tells the total. Otherwise count at most CountLookahead matches past the page:
        // SELECT COUNT(*) FROM (… LIMIT n) stops early, so a search costs about the same at 1,000 and at 100,000
        // rules (bench/UpsellAdmin.Bench.Web rules-search).
        int total;
        var totalIsLowerBound = false;
        if (rules.Count > 0 && rules.Count < pageSize)
        {
            total = skip + rules.Count;
        }
        else
        {
            var countLimit = skip + pageSize + CountLookahead;
            total = await filtered.Take(countLimit + 1).CountAsync(cancellationToken);
            totalIsLowerBound = total > countLimit;
            total = Math.Min(total, countLimit);
        }
        if (rules.Count == 0)
        {
            return new PagedResult<UpsellRuleRow>([], total, totalIsLowerBound);
        }

        // The page's filter lists in one query (only rules that have any), then the codes the page names.
        var withFilters = rules.Where(r => r.FilterKinds != 0).Select(r => r.Id).ToList();
        var filters = withFilters.Count == 0
            ? []
            : await db.UpsellRuleFilterValues.AsNoTracking()
                .Where(f => withFilters.Contains(f.RuleId))
                .Select(f => new { f.RuleId, f.Kind, f.Value, f.Level })
                .ToListAsync(cancellationToken);
        var byRule = filters.ToLookup(f => f.RuleId);
        var status = await ReferenceStatus.LoadAsync(db, propertyId, cancellationToken);
        // A rule by occupancy level without an amount for one of the property's levels makes no offer in that band.
        var uncovered = await OccupancyCoverageWarnings.LoadAsync(db, propertyId,
            rules.Where(r => r.UpsellByOccupancyLevels).Select(r => r.Id).ToList(), cancellationToken);

        var rows = rules.Select(r =>
        {
            var list = byRule[r.Id].ToList();
            string Join(RuleFilterKind kind) => string.Join(ListSeparator,
                list.Where(f => f.Kind == kind).Select(f => UpsellRuleFormModel.MembershipKey(f.Value, f.Level)).Order(StringComparer.Ordinal));
            var rates = list.Any(f => f.Kind == RuleFilterKind.RateCategory) ? Join(RuleFilterKind.RateCategory) : Join(RuleFilterKind.RateCode);
            var warnings = status.Warnings(r.UpsellByRoomType, r.FromCode, r.ToCode, list.Select(f => (f.Kind, f.Value, f.Level)));
            if (uncovered.TryGetValue(r.Id, out var levels))
            {
                warnings = [.. warnings, .. levels];
            }
            return new UpsellRuleRow(r.Id, r.Code, r.Description, r.FromCode, r.ToCode, r.BeginDate, r.EndDate,
                r.UpsellByRoomType ? RuleTypeRoomType : RuleTypeRoomClass, rates, Join(RuleFilterKind.Membership),
                Join(RuleFilterKind.Channel), Join(RuleFilterKind.ReservationType), Join(RuleFilterKind.Market),
                r.DaysOfWeek, AmountText(r.UpsellByOccupancyLevels, r.UpsellAmount, r.Formula, r.CurrencyCode), warnings);
        }).ToList();
        return new PagedResult<UpsellRuleRow>(rows, total, totalIsLowerBound);
    }

    /// <summary>The grid's Amount column.</summary>
    internal static string AmountText(bool byOccupancyLevels, decimal? amount, UpsellFormula formula, string currencyCode) =>
        (byOccupancyLevels, amount) switch
        {
            (true, _) => "By occupancy level",
            (_, null) => "",
            (_, { } a) when formula == UpsellFormula.FlatAmountAddedToOriginalRate => $"{a.ToString("0.00", CultureInfo.InvariantCulture)} {currencyCode}",
            (_, { } a) when formula == UpsellFormula.PercentOfDifferenceAddedToOriginalRate => $"{a.ToString("0.##", CultureInfo.InvariantCulture)} % of difference",
            (_, { } a) => $"{a.ToString("0.##", CultureInfo.InvariantCulture)} % of original",
        };

    /// <summary>The grid's Type column.</summary>
    public const string RuleTypeRoomType = "Room Type";
    public const string RuleTypeRoomClass = "Room Class";

    public async Task<IReadOnlyList<int>> SearchIdsAsync(int propertyId, UpsellRuleCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await PropertyAccess.CanSeeAsync(db, user, propertyId, cancellationToken))
        {
            return [];
        }
        var filtered = await UpsellRuleQuery.FilterAsync(db, propertyId, criteria, cancellationToken);
        return await filtered.OrderBy(r => r.Code).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    public async Task<UpsellRuleFormModel> NewAsync(int propertyId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var property = await PropertyAccess.Visible(db, user)
            .Where(p => p.Id == propertyId)
            .Select(p => new { p.CurrencyCode, p.TimeZone })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"Property {propertyId} does not exist or you may not see it.");
        var levels = await OccupancyRowsAsync(db, propertyId, cancellationToken);
        return new UpsellRuleFormModel
        {
            PropertyId = propertyId,
            BeginDate = PropertyToday(property.TimeZone).ToDateTime(TimeOnly.MinValue),
            CurrencyCode = property.CurrencyCode,
            Formula = UpsellFormula.FlatAmountAddedToOriginalRate,
            RoundingRule = RoundingRule.None,
            OccupancyAmounts = levels,
            Version = Guid.Empty,
        };
    }

    /// <summary>A rule of the property with its filters and occupancy amounts, read-only (the form, the History tab).</summary>
    internal static Task<UpsellRule?> ReadRuleAsync(AppDbContext db, int propertyId, int ruleId, CancellationToken cancellationToken) =>
        db.UpsellRules.AsNoTracking()
            .Include(r => r.Filters)
            .Include(r => r.OccupancyAmounts)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == ruleId && r.PropertyId == propertyId, cancellationToken);

    public async Task<UpsellRuleFormModel?> GetAsync(int propertyId, int ruleId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await PropertyAccess.CanSeeAsync(db, user, propertyId, cancellationToken))
        {
            return null;
        }
        var rule = await UpsellRuleService.ReadRuleAsync(db, propertyId, ruleId, cancellationToken);
        if (rule is null)
        {
            return null;
        }
        var levels = await OccupancyRowsAsync(db, propertyId, cancellationToken);
        var model = UpsellRuleFormModel.FromDefinition(rule.ToDefinition(), levels);
        model.Id = rule.Id;
        model.PropertyId = rule.PropertyId;
        model.Version = rule.Version;
        return model;
    }

    public async Task<bool> IsCodeUniqueAsync(int propertyId, string code, int? exceptRuleId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await IsCodeUniqueAsync(db, propertyId, code, exceptRuleId, cancellationToken);
    }

    private static async Task<bool> IsCodeUniqueAsync(AppDbContext db, int propertyId, string code, int? exceptRuleId, CancellationToken ct)
    {
        var trimmed = code.Trim();
        var except = exceptRuleId ?? 0;
        return !await db.UpsellRules.AnyAsync(r => r.PropertyId == propertyId && r.Code == trimmed && r.Id != except, ct);
    }

    public Task<SaveResult> SaveAsync(UpsellRuleFormModel model, CancellationToken cancellationToken = default) =>
        SaveAsync(model, restoredVersion: null, cancellationToken);

    /// <summary>
    /// Saves the form: the rule and its audit entry (Created, Updated — or Restored when <paramref name="restoredVersion"/>
    /// names the version it brings back) in one transaction. A save that changes nothing records nothing.
    /// </summary>
    internal async Task<SaveResult> SaveAsync(UpsellRuleFormModel model, DateTimeOffset? restoredVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await PropertyAccess.CanEditAsync(db, user, model.PropertyId, cancellationToken))
        {
            return SaveResult.Forbidden(PropertyAccess.ForbiddenMessage);
        }

        var lookups = await LookupLoader.LoadAsync(db, model.PropertyId, cancellationToken);
        if (lookups is null)
        {
            return SaveResult.NotFound("This property no longer exists; nothing was saved.");
        }
        var validator = new UpsellRuleFormValidator(lookups, (p, c, id, ct) => IsCodeUniqueAsync(db, p, c, id, ct));
        var validation = await validator.ValidateAsync(model, cancellationToken);
        if (!validation.IsValid)
        {
            return SaveResult.Invalid(validation.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList());
        }

        UpsellRule rule = null!;
        SaveResult? refused = null;
        var now = clock.GetUtcNow();
        try
        {
            // Two SaveChanges (a new rule's audit entry needs its id), one transaction: both or neither.
            await db.InTransactionAsync(async ct =>
            {
                refused = null;
                UpsellRuleSnapshot? before = null;
                if (model.Id is { } id)
                {
                    var existing = await db.UpsellRules
                        .Include(r => r.Filters)
                        .Include(r => r.OccupancyAmounts)
                        .AsSplitQuery()
                        .FirstOrDefaultAsync(r => r.Id == id && r.PropertyId == model.PropertyId, ct);
                    if (existing is null)
                    {
                        refused = SaveResult.NotFound("This rule was deleted by someone else since you opened it; nothing was saved.");
                        return (false, 0);
                    }
                    if (existing.Version != model.Version)
                    {
                        logger.LogInformation("Upsell rule {RuleCode} ({RuleId}) of property {PropertyId} not saved by {User}: changed by someone else",
                            existing.Code, id, model.PropertyId, user.UserName);
                        refused = SaveResult.Conflict(ConflictMessage);
                        return (false, 0);
                    }
                    before = UpsellRuleSnapshot.Of(existing);
                    rule = existing;
                    // The UPDATE's WHERE checks the version the user opened, so a save in between makes it miss.
                    db.Entry(rule).Property(r => r.Version).OriginalValue = model.Version;
                }
                else
                {
                    rule = new UpsellRule { PropertyId = model.PropertyId, CreatedUtc = now };
                    db.UpsellRules.Add(rule);
                }

                rule.Apply(model.ToDefinition());
                rule.UpdatedUtc = now;
                rule.UpdatedBy = user.UserName;
                rule.Version = Guid.NewGuid();
                await db.SaveChangesAsync(ct);

                var after = UpsellRuleSnapshot.Of(rule);
                if (restoredVersion is { } version)
                {
                    UpsellRuleAudit.Add(db, user.UserName, AuditActions.Restored, rule, before, after, now,
                        $"version of {AuditTime.Text(version)}");
                }
                else if (before is null)
                {
                    UpsellRuleAudit.Add(db, user.UserName, AuditActions.Created, rule, null, after, now);
                }
                else if (before.ToJson() != after.ToJson())
                {
                    UpsellRuleAudit.Add(db, user.UserName, AuditActions.Updated, rule, before, after, now);
                }
                await db.SaveChangesAsync(ct);
                return (true, 0);
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Upsell rule {RuleCode} of property {PropertyId} not saved by {User}: changed by someone else",
                rule.Code, model.PropertyId, user.UserName);
            return SaveResult.Conflict(ConflictMessage);
        }
        catch (DbUpdateException)
        {
            if (await IsCodeUniqueAsync(model.PropertyId, rule.Code, model.Id, cancellationToken))
            {
                throw;
            }
            // Someone created the same code between the check and the insert.
            return SaveResult.Invalid([new FieldError(nameof(UpsellRuleFormModel.Code),
                $"Code {rule.Code} is already used by another rule of this property; choose another code.")]);
        }
        if (refused is not null)
        {
            return refused;
        }

        logger.LogInformation("Upsell rule {RuleCode} ({RuleId}) of property {PropertyId} {Action} by {User}",
            rule.Code, rule.Id, rule.PropertyId, restoredVersion is not null ? "restored" : model.Id is null ? "created" : "updated", user.UserName);
        return SaveResult.Saved(rule.Id, rule.Version);
    }

    public async Task<int> DeleteAsync(int propertyId, IReadOnlyCollection<int> ruleIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await PropertyAccess.CanEditAsync(db, user, propertyId, cancellationToken))
        {
            throw new UnauthorizedAccessException(PropertyAccess.ForbiddenMessage);
        }
        if (ruleIds.Count == 0)
        {
            return 0;
        }

        var codes = new List<string>();
        var now = clock.GetUtcNow();
        var deleted = await db.InTransactionAsync(async ct =>
        {
            codes.Clear();
            var count = 0;
            foreach (var chunk in ruleIds.Distinct().Chunk(DeleteChunkSize))
            {
                // Only rules of this property: an id of another property's rule is ignored, not deleted.
                // Loaded whole: each deleted rule's last version goes to the audit trail with the delete.
                var ids = await db.UpsellRules.AsNoTracking()
                    .Include(r => r.Filters)
                    .Include(r => r.OccupancyAmounts)
                    .AsSplitQuery()
                    .Where(r => r.PropertyId == propertyId && chunk.Contains(r.Id))
                    .ToListAsync(ct);
                var idList = ids.Select(x => x.Id).ToList();
                codes.AddRange(ids.Select(x => x.Code));
                foreach (var rule in ids)
                {
                    UpsellRuleAudit.Add(db, user.UserName, AuditActions.Deleted, rule, UpsellRuleSnapshot.Of(rule), null, now);
                }
                await db.SaveChangesAsync(ct);
                await db.UpsellRuleFilterValues.Where(f => idList.Contains(f.RuleId)).ExecuteDeleteAsync(ct);
                await db.UpsellRuleOccupancyAmounts.Where(a => idList.Contains(a.RuleId)).ExecuteDeleteAsync(ct);
                count += await db.UpsellRules.Where(r => idList.Contains(r.Id)).ExecuteDeleteAsync(ct);
            }
            return (true, count);
        }, cancellationToken);

        logger.LogInformation("{Count} upsell rules of property {PropertyId} deleted by {User}: {RuleCodes}",
            deleted, propertyId, user.UserName, codes.Count <= 50 ? string.Join(", ", codes) : $"{string.Join(", ", codes.Take(50))}, …");
        return deleted;
    }

    private static async Task<List<OccupancyAmountModel>> OccupancyRowsAsync(AppDbContext db, int propertyId, CancellationToken ct) =>
        await db.OccupancyLevels.AsNoTracking()
            .Where(l => l.PropertyId == propertyId)
            .OrderBy(l => l.Level)
            .Select(l => new OccupancyAmountModel { Level = l.Level, Description = l.Description })
            .ToListAsync(ct);

    private DateOnly PropertyToday(string timeZone)
    {
        var now = clock.GetUtcNow();
        try
        {
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);
        }
        catch (TimeZoneNotFoundException)
        {
            return DateOnly.FromDateTime(now.UtcDateTime);
        }
    }
}
