using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.UpsellRules;

/// <summary>Rules by occupancy level without an amount for a level: the editor's list and the grid's warning.
/// The test property has levels 1 (0–50 %), 2 (50–80 %), 3 (80–100 %).</summary>
public sealed class OccupancyCoverageTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = null!;
    private TestData.Ids _ids = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync();
        _ids = await TestData.SeedAsync(_db);
        _db.CurrentUser.User = TestData.Revenue;
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task ByOccupancyAsync(string code, params int[] levels)
    {
        var id = await TestData.AddRuleAsync(_db, _ids.Tst, code);
        await using var db = await _db.CreateDbContextAsync();
        var rule = await db.UpsellRules.Include(r => r.OccupancyAmounts).SingleAsync(r => r.Id == id, Ct);
        rule.UpsellByOccupancyLevels = true;
        rule.UpsellAmount = null;
        rule.OccupancyAmounts.AddRange(levels.Select(l => new UpsellRuleOccupancyAmount { Level = l, Amount = 10m * l }));
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task SearchAsync_RuleWithoutAnAmountForALevel_WarnsWithTheLevelsBand()
    {
        await ByOccupancyAsync("OCC-ALL", 1, 2, 3);
        await ByOccupancyAsync("OCC-TWO", 1, 2);
        await TestData.AddRuleAsync(_db, _ids.Tst, "FLAT");

        var rows = (await _db.Get<IUpsellRuleService>().SearchAsync(_ids.Tst, new UpsellRuleCriteria(), new PageRequest(0, 50), Ct)).Items;

        Assert.Empty(rows.Single(r => r.Code == "OCC-ALL").Warnings);
        Assert.Equal(["No amount for occupancy level 80–100 %"], rows.Single(r => r.Code == "OCC-TWO").Warnings);
        Assert.Empty(rows.Single(r => r.Code == "FLAT").Warnings);
    }

    [Fact]
    public async Task Gaps_AddingALevel_ListsEveryOccupancyRuleAsLosingIt_AndOnlyThose()
    {
        await ByOccupancyAsync("OCC-B", 1, 2, 3);
        await ByOccupancyAsync("OCC-A", 1, 2);
        await TestData.AddRuleAsync(_db, _ids.Tst, "FLAT");
        var rules = await new OccupancyRuleSource(_db.Get<IDbContextFactory<UpsellAdmin.Web.Data.AppDbContext>>(), _db.Get<UpsellAdmin.Web.Features.Accounts.ICurrentUser>()).GetOccupancyRulesAsync(_ids.Tst, Ct);
        List<OccupancyLevelModel> levels =
        [
            new() { Level = 1, FromPercent = 0, ToPercent = 50 }, new() { Level = 2, FromPercent = 50, ToPercent = 80 },
            new() { Level = 3, FromPercent = 80, ToPercent = 90 }, new() { Level = 4, FromPercent = 90, ToPercent = 100 },
        ];

        var gaps = OccupancyCoverage.Gaps(rules, levels, new HashSet<int> { 1, 2, 3 });

        Assert.Equal(["OCC-A", "OCC-B"], gaps.Select(g => g.Code));
        Assert.Equal(["3: 80–90 %", "4: 90–100 %"], gaps[0].Missing.Select(m => $"{m.Level}: {m.Band}"));
        Assert.Equal(["4: 90–100 %"], gaps[1].Missing.Select(m => $"{m.Level}: {m.Band}"));
        Assert.All(gaps, g => Assert.True(g.Loses));
        Assert.False(Assert.Single(OccupancyCoverage.Gaps(rules, levels.Take(3), new HashSet<int> { 1, 2, 3 })).Loses); // OCC-A already lacked 3
    }
}
