using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Tests.TestSupport;

/// <summary>
/// Records what the screens ask for and answers from an in-memory list. Filtering is deliberately simple (code or
/// description, From, To): the tests check that the screen passes the criteria on and shows what comes back.
/// </summary>
public sealed class FakeUpsellRuleService : IUpsellRuleService
{
    public List<UpsellRuleRow> Rows { get; } =
    [
        Row(1, "STD-DLX", "Standard to Deluxe", "STD", "DLX"),
        Row(2, "STD-STE", "Standard to Suite", "STD", "STE"),
        Row(3, "DLX-STE", "Deluxe to Suite", "DLX", "STE", warnings: ["Rate code OLD is no longer active."]),
    ];

    public List<UpsellRuleCriteria> SearchedCriteria { get; } = [];
    public List<PageRequest> SearchedPages { get; } = [];
    public List<UpsellRuleFormModel> Saved { get; } = [];
    public List<int> DeletedIds { get; } = [];
    public Dictionary<int, UpsellRuleFormModel> Stored { get; } = [];
    public Queue<SaveResult> SaveResults { get; } = new();
    public HashSet<string> TakenCodes { get; } = ["STD-DLX", "STD-STE", "DLX-STE"];

    public UpsellRuleCriteria? LastCriteria => SearchedCriteria.LastOrDefault();

    public static UpsellRuleRow Row(int id, string code, string description, string from, string to, IReadOnlyList<string>? warnings = null) =>
        new(id, code, description, from, to, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "Room Type",
            "BAR", "", "", "", "", 0, "25.00 EUR", warnings ?? []);

    private IEnumerable<UpsellRuleRow> Filter(UpsellRuleCriteria c) => Rows.Where(r =>
        (c.CodeOrDescription is null || r.Code.Contains(c.CodeOrDescription, StringComparison.OrdinalIgnoreCase)
            || r.Description.Contains(c.CodeOrDescription, StringComparison.OrdinalIgnoreCase))
        && (c.FromRoomType is null || r.From == c.FromRoomType)
        && (c.ToRoomType is null || r.To == c.ToRoomType));

    public Task<PagedResult<UpsellRuleRow>> SearchAsync(int propertyId, UpsellRuleCriteria criteria, PageRequest page, CancellationToken cancellationToken = default)
    {
        SearchedCriteria.Add(criteria);
        SearchedPages.Add(page);
        var all = Filter(criteria).ToList();
        return Task.FromResult(new PagedResult<UpsellRuleRow>(all.Skip(page.Page * page.PageSize).Take(page.PageSize).ToList(), all.Count));
    }

    public Task<IReadOnlyList<int>> SearchIdsAsync(int propertyId, UpsellRuleCriteria criteria, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<int>>(Filter(criteria).Select(r => r.Id).ToList());

    public Task<UpsellRuleFormModel> NewAsync(int propertyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new UpsellRuleFormModel
        {
            PropertyId = propertyId,
            CurrencyCode = "USD",
            OccupancyAmounts =
            [
                new OccupancyAmountModel { Level = 1, Description = "Low" },
                new OccupancyAmountModel { Level = 2, Description = "High" },
            ],
        });

    public Task<UpsellRuleFormModel?> GetAsync(int propertyId, int ruleId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Stored.GetValueOrDefault(ruleId));

    public Task<SaveResult> SaveAsync(UpsellRuleFormModel model, CancellationToken cancellationToken = default)
    {
        Saved.Add(model);
        return Task.FromResult(SaveResults.Count > 0 ? SaveResults.Dequeue() : SaveResult.Saved(model.Id ?? 99, Guid.NewGuid()));
    }

    public Task<bool> IsCodeUniqueAsync(int propertyId, string code, int? exceptRuleId, CancellationToken cancellationToken = default) =>
        Task.FromResult(!TakenCodes.Contains(code) || (exceptRuleId is { } id && Stored.TryGetValue(id, out var own) && own.Code == code));

    public Task<int> DeleteAsync(int propertyId, IReadOnlyCollection<int> ruleIds, CancellationToken cancellationToken = default)
    {
        DeletedIds.AddRange(ruleIds);
        var deleted = Rows.RemoveAll(r => ruleIds.Contains(r.Id));
        return Task.FromResult(deleted);
    }

    /// <summary>A complete, valid rule as the service would load it for Edit.</summary>
    public static UpsellRuleFormModel ValidRule(int id) => new()
    {
        Id = id,
        PropertyId = 1,
        Code = "STD-DLX",
        Description = "Standard to Deluxe",
        BeginDate = new DateTime(2026, 1, 1),
        EndDate = new DateTime(2026, 12, 31),
        UpsellByRoomType = true,
        From = "STD",
        To = "DLX",
        RateCodes = ["BAR"],
        Formula = UpsellFormula.FlatAmountAddedToOriginalRate,
        UpsellAmount = 25m,
        CurrencyCode = "USD",
        RoundingRule = RoundingRule.None,
        OccupancyAmounts =
        [
            new OccupancyAmountModel { Level = 1, Description = "Low" },
            new OccupancyAmountModel { Level = 2, Description = "High" },
        ],
        Version = Guid.NewGuid(),
    };
}
