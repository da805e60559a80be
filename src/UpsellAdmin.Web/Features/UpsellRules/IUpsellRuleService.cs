using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>
/// The Upsell Rules screen's search criteria, with OPERA's labels. Null/empty = not used. A rule matches a list
/// criterion when its list contains the value or its list is empty ("any"). Stay Date matches rules whose
/// Begin/End dates contain it (open ends unbounded). From/To Room Type X also match room-class rules whose
/// From/To is X's room class. Rate Code/Catg V matches rules with no rate filter, rules whose rate code list holds
/// V, and rules whose rate category list holds V or the category of rate code V. Membership/Level: a rule entry
/// of the type with no level matches any level. Days of Week D matches rules with no Days of week (every day) and rules
/// whose Days of week include D — the rules that may apply to a night on D (a rule for Fri+Sat is found for Friday and
/// for Saturday, never for Sunday).
/// </summary>
public sealed record UpsellRuleCriteria
{
    /// <summary>Code/Desc: a part of the rule code or description (case-insensitive).</summary>
    public string? CodeOrDescription { get; init; }
    public bool RoomTypeRules { get; init; }
    public bool RoomClassRules { get; init; }
    public DateOnly? StayDate { get; init; }
    public string? FromRoomType { get; init; }
    public string? ToRoomType { get; init; }
    public string? RateCodeOrCategory { get; init; }
    public string? MembershipType { get; init; }
    public string? MembershipLevel { get; init; }
    public string? Channel { get; init; }
    public string? ReservationType { get; init; }
    public string? Market { get; init; }

    /// <summary>Days of Week: a weekday a rule must allow (see the type's remarks); null = any.</summary>
    public DayOfWeek? DayOfWeek { get; init; }
}

/// <summary>A row of the Upsell Rules grid, in OPERA's column order. List columns are comma-separated codes.</summary>
public sealed record UpsellRuleRow(
    int Id,
    string Code,
    string Description,
    string From,
    string To,
    DateOnly? BeginDate,
    DateOnly? EndDate,
    string Type,
    string RateCodeCategoryList,
    string MembershipTypesLevels,
    string Channels,
    string ReservationTypes,
    string MarketSegments,
    /// <summary>Weekday mask (<see cref="UpsellAdmin.Domain.Rules.Weekdays"/>); 0 = every day.</summary>
    int DaysOfWeek,
    /// <summary>The rule's price as people ask for it: "25.00 EUR", "10 % of difference", "By occupancy level".</summary>
    string Amount,
    IReadOnlyList<string> Warnings);

public interface IUpsellRuleService
{
    /// <summary>Filters, sorts and pages in SQL. Sort names are the row's property names.</summary>
    Task<PagedResult<UpsellRuleRow>> SearchAsync(int propertyId, UpsellRuleCriteria criteria, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>The ids of every rule matching the criteria (the All button selects them across pages).</summary>
    Task<IReadOnlyList<int>> SearchIdsAsync(int propertyId, UpsellRuleCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>A blank form: the property's currency, one occupancy row per property level.</summary>
    Task<UpsellRuleFormModel> NewAsync(int propertyId, CancellationToken cancellationToken = default);

    Task<UpsellRuleFormModel?> GetAsync(int propertyId, int ruleId, CancellationToken cancellationToken = default);

    /// <summary>Validates again (field rules and the property's codes, unique code, hierarchy), then saves. A rule
    /// changed by someone else since it was opened is a Conflict and nothing is overwritten.</summary>
    Task<SaveResult> SaveAsync(UpsellRuleFormModel model, CancellationToken cancellationToken = default);

    /// <summary>True when no rule of the property other than <paramref name="exceptRuleId"/> has this code
    /// (for <see cref="UpsellRuleFormValidator"/>: <c>new UpsellRuleFormValidator(lookups, service.IsCodeUniqueAsync)</c>).</summary>
    Task<bool> IsCodeUniqueAsync(int propertyId, string code, int? exceptRuleId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the given rules of the property in one transaction; returns how many were deleted.
    /// Throws <see cref="UnauthorizedAccessException"/> (plain-words message) when the user may not edit the property.</summary>
    Task<int> DeleteAsync(int propertyId, IReadOnlyCollection<int> ruleIds, CancellationToken cancellationToken = default);
}
