using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>
/// Turns <see cref="UpsellRuleCriteria"/> into one SQL WHERE over UpsellRules. Each list criterion is
/// "the rule has no list of that kind (a bit test on <see cref="UpsellRule.FilterKinds"/>, no subquery) OR EXISTS a
/// value row (Kind, Value, RuleId)" — a single seek in that index per rule examined. Measured against the
/// uncorrelated form (RuleId IN (SELECT …)), which SQLite materialises in full on every search (O(all rules that
/// list the value)), EXISTS keeps a search's cost proportional to the rows the page and the bounded count look at.
/// </summary>
internal static class UpsellRuleQuery
{
    public static async Task<IQueryable<UpsellRule>> FilterAsync(AppDbContext db, int propertyId, UpsellRuleCriteria c, CancellationToken ct)
    {
        var q = db.UpsellRules.AsNoTracking().Where(r => r.PropertyId == propertyId);

        if (!string.IsNullOrWhiteSpace(c.CodeOrDescription))
        {
            var pattern = "%" + EscapeLike(c.CodeOrDescription.Trim()) + "%";
            q = q.Where(r => EF.Functions.Like(r.Code, pattern, LikeEscape) || EF.Functions.Like(r.Description, pattern, LikeEscape));
        }

        // Room Type Rules / Room Class Rules: one ticked narrows to that kind; both or neither show both.
        if (c.RoomTypeRules != c.RoomClassRules)
        {
            var byRoomType = c.RoomTypeRules;
            q = q.Where(r => r.UpsellByRoomType == byRoomType);
        }

        if (c.StayDate is { } stay)
        {
            q = q.Where(r => (r.BeginDate == null || r.BeginDate <= stay) && (r.EndDate == null || r.EndDate >= stay));
        }

        if (c.DayOfWeek is { } day)
        {
            // 0 = every day. A bit test on the row, like FilterKinds: the other criteria's indexes narrow first.
            var bit = UpsellAdmin.Domain.Rules.Weekdays.Bit(day);
            q = q.Where(r => r.DaysOfWeek == 0 || (r.DaysOfWeek & bit) != 0);
        }

        if (!string.IsNullOrWhiteSpace(c.FromRoomType))
        {
            var code = c.FromRoomType.Trim();
            var roomClass = await RoomClassOfAsync(db, propertyId, code, ct);
            // The IN on FromCode is what lets SQL use the (FromCode, …) index; the second term keeps the
            // semantics exact when a room type and a room class share a code.
            q = roomClass is null
                ? q.Where(r => r.FromCode == code && r.UpsellByRoomType)
                : q.Where(r => (r.FromCode == code || r.FromCode == roomClass)
                    && ((r.UpsellByRoomType && r.FromCode == code) || (!r.UpsellByRoomType && r.FromCode == roomClass)));
        }
        if (!string.IsNullOrWhiteSpace(c.ToRoomType))
        {
            var code = c.ToRoomType.Trim();
            var roomClass = await RoomClassOfAsync(db, propertyId, code, ct);
            // The IN on ToCode is what lets SQL use the (ToCode, …) index; the second term keeps the
            // semantics exact when a room type and a room class share a code.
            q = roomClass is null
                ? q.Where(r => r.ToCode == code && r.UpsellByRoomType)
                : q.Where(r => (r.ToCode == code || r.ToCode == roomClass)
                    && ((r.UpsellByRoomType && r.ToCode == code) || (!r.UpsellByRoomType && r.ToCode == roomClass)));
        }

        var values = db.UpsellRuleFilterValues.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(c.RateCodeOrCategory))
        {
            var v = c.RateCodeOrCategory.Trim();
            var category = await db.RateCodes.AsNoTracking()
                .Where(x => x.PropertyId == propertyId && x.Code == v && x.RateCategory != null)
                .Select(x => x.RateCategory!.Code)
                .FirstOrDefaultAsync(ct) ?? v;
            // Probe only the list the rule has (the bit tells which), so a rule costs at most one seek here.
            const int codeBit = 1 << (int)RuleFilterKind.RateCode;
            const int categoryBit = 1 << (int)RuleFilterKind.RateCategory;
            q = q.Where(r => (r.FilterKinds & (codeBit | categoryBit)) == 0
                || ((r.FilterKinds & codeBit) != 0
                    && values.Any(f => f.Kind == RuleFilterKind.RateCode && f.Value == v && f.RuleId == r.Id))
                || ((r.FilterKinds & categoryBit) != 0
                    && values.Any(f => f.Kind == RuleFilterKind.RateCategory && (f.Value == v || f.Value == category) && f.RuleId == r.Id)));
        }

        if (!string.IsNullOrWhiteSpace(c.MembershipType))
        {
            var type = c.MembershipType.Trim();
            var level = string.IsNullOrWhiteSpace(c.MembershipLevel) ? null : c.MembershipLevel.Trim();
            // A rule entry of the type without a level means any level; with a level it must be that level.
            // No level in the criteria: every rule listing the type (whatever level) matches.
            const int bit = 1 << (int)RuleFilterKind.Membership;
            q = level is null
                ? q.Where(r => (r.FilterKinds & bit) == 0
                    || values.Any(f => f.Kind == RuleFilterKind.Membership && f.Value == type && f.RuleId == r.Id))
                : q.Where(r => (r.FilterKinds & bit) == 0
                    || values.Any(f => f.Kind == RuleFilterKind.Membership && f.Value == type && f.RuleId == r.Id && (f.Level == null || f.Level == level)));
        }
        q = WhereListed(q, values, RuleFilterKind.Channel, c.Channel);
        q = WhereListed(q, values, RuleFilterKind.ReservationType, c.ReservationType);
        q = WhereListed(q, values, RuleFilterKind.Market, c.Market);
        return q;
    }

    private static IQueryable<UpsellRule> WhereListed(IQueryable<UpsellRule> q, IQueryable<UpsellRuleFilterValue> values, RuleFilterKind kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return q;
        }
        var v = value.Trim();
        var bit = UpsellRule.KindBit(kind);
        return q.Where(r => (r.FilterKinds & bit) == 0 || values.Any(f => f.Kind == kind && f.Value == v && f.RuleId == r.Id));
    }

    private static Task<string?> RoomClassOfAsync(AppDbContext db, int propertyId, string roomType, CancellationToken ct) =>
        db.RoomTypes.AsNoTracking()
            .Where(x => x.PropertyId == propertyId && x.Code == roomType && x.RoomClass != null)
            .Select(x => x.RoomClass!.Code)
            .FirstOrDefaultAsync(ct);

    /// <summary>Sort by a column of <see cref="UpsellRuleRow"/> (list columns sort by code); Id breaks ties.</summary>
    public static IOrderedQueryable<UpsellRule> Sort(IQueryable<UpsellRule> q, PageRequest page)
    {
        var ordered = page.SortBy switch
        {
            nameof(UpsellRuleRow.Description) => By(q, r => r.Description, page.Descending),
            nameof(UpsellRuleRow.From) => By(q, r => r.FromCode, page.Descending),
            nameof(UpsellRuleRow.To) => By(q, r => r.ToCode, page.Descending),
            nameof(UpsellRuleRow.BeginDate) => By(q, r => r.BeginDate, page.Descending),
            nameof(UpsellRuleRow.EndDate) => By(q, r => r.EndDate, page.Descending),
            nameof(UpsellRuleRow.Type) => By(q, r => r.UpsellByRoomType, page.Descending),
            _ => By(q, r => r.Code, page.Descending),
        };
        return page.Descending ? ordered.ThenByDescending(r => r.Id) : ordered.ThenBy(r => r.Id);
    }

    private static IOrderedQueryable<UpsellRule> By<TKey>(IQueryable<UpsellRule> q, Expression<Func<UpsellRule, TKey>> key, bool descending) =>
        descending ? q.OrderByDescending(key) : q.OrderBy(key);

    private const string LikeEscape = "\\";

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal);
}
