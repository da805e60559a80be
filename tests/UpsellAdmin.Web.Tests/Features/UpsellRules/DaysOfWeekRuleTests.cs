using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.UpsellRules;

/// <summary>A rule's Days of week through the Web side: mask ⇄ definition ⇄ form, save and load, History, search.</summary>
public sealed class DaysOfWeekRuleTests : IAsyncLifetime
{
    private static readonly DayOfWeek[] FriSat = [DayOfWeek.Friday, DayOfWeek.Saturday];
    private SqliteTestDatabase _db = null!;
    private TestData.Ids _ids = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync();
        _ids = await TestData.SeedAsync(_db);
        _db.CurrentUser.User = TestData.Revenue;
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private IUpsellRuleService Service => _db.Get<IUpsellRuleService>();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Mapping_MaskToDefinitionAndBack_KeepsTheDaysInWeekOrder()
    {
        var entity = new UpsellRule { Code = "W", FromCode = "A", ToCode = "B", CurrencyCode = "USD", UpsellAmount = 1m, DaysOfWeek = Weekdays.ToMask(FriSat) };

        var definition = entity.ToDefinition();
        var copy = new UpsellRule();
        copy.Apply(definition);

        Assert.Equal(FriSat, definition.DaysOfWeek);
        Assert.Equal(entity.DaysOfWeek, copy.DaysOfWeek);
    }

    [Fact]
    public void Mapping_AllSevenDays_IsStoredAsEveryDay()
    {
        var rule = new UpsellRule();

        rule.Apply(new UpsellRuleDefinition { Code = "W", From = "A", To = "B", CurrencyCode = "USD", UpsellAmount = 1m, DaysOfWeek = Weekdays.InWeekOrder });

        Assert.Equal(Weekdays.Every, rule.DaysOfWeek);
    }

    [Fact]
    public void FormModel_DaysTickedInAnyOrder_DefinitionListsThemInWeekOrder()
    {
        var form = TestData.ValidForm(1);
        form.DaysOfWeek = [DayOfWeek.Sunday, DayOfWeek.Friday];

        Assert.Equal([DayOfWeek.Friday, DayOfWeek.Sunday], form.ToDefinition().DaysOfWeek);
        Assert.Equal([DayOfWeek.Friday, DayOfWeek.Sunday], UpsellRuleFormModel.FromDefinition(form.ToDefinition(), []).DaysOfWeek);
    }

    [Fact]
    public async Task SaveAsync_FriSat_StoresTheMaskAndGetReturnsTheDays()
    {
        var form = TestData.ValidForm(_ids.Tst);
        form.DaysOfWeek = FriSat;

        var result = await Service.SaveAsync(form, Ct);

        Assert.Equal(SaveStatus.Saved, result.Status);
        Assert.Equal(FriSat, (await Service.GetAsync(_ids.Tst, result.Id!.Value, Ct))!.DaysOfWeek);
        await using var db = await _db.CreateDbContextAsync();
        Assert.Equal(Weekdays.Bit(DayOfWeek.Friday) | Weekdays.Bit(DayOfWeek.Saturday), (await db.UpsellRules.SingleAsync(Ct)).DaysOfWeek);
    }

    [Fact]
    public void Snapshot_DaysOfWeek_AreInTheAuditJsonAndTheHistoryDiffInTheFormsLabel()
    {
        var before = UpsellRuleSnapshot.Of(TestData.ValidForm(1).ToDefinition());
        var form = TestData.ValidForm(1);
        form.DaysOfWeek = FriSat;
        var after = UpsellRuleSnapshot.Of(form.ToDefinition());

        Assert.Contains("\"daysOfWeek\":[\"Friday\",\"Saturday\"]", after.ToJson(), StringComparison.Ordinal);
        Assert.Equal(FriSat, UpsellRuleSnapshot.FromJson(after.ToJson())!.ToDefinition().DaysOfWeek);
        var change = Assert.Single(AuditDiff.Compare(before.ToJson(), after.ToJson(), UpsellRuleSnapshot.Format));
        Assert.Equal(("Days of Week", "", "Fri, Sat"), (change.Label, change.Before, change.After));
    }

    [Fact]
    public void Snapshot_SavedBeforeTheFieldExisted_ReadsAsEveryDayAndShowsNoChange()
    {
        var now = UpsellRuleSnapshot.Of(TestData.ValidForm(1).ToDefinition()).ToJson();
        var old = now.Replace("\"daysOfWeek\":[],", "", StringComparison.Ordinal);
        Assert.DoesNotContain("daysOfWeek", old, StringComparison.Ordinal);

        Assert.Empty(UpsellRuleSnapshot.FromJson(old)!.ToDefinition().DaysOfWeek);
        Assert.Empty(AuditDiff.Compare(old, now, UpsellRuleSnapshot.Format));
    }

    [Fact]
    public async Task SearchAsync_DayOfWeek_MatchesRulesAllowingThatDayAndRulesForEveryDay()
    {
        await Rule("ANY", 0);
        await Rule("FRISAT", Weekdays.ToMask(FriSat));
        await Rule("SUN", Weekdays.Bit(DayOfWeek.Sunday));
        await Rule("WEEKDAYS", Weekdays.ToMask([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday]));

        Assert.Equal(["ANY", "FRISAT"], await CodesAsync(new UpsellRuleCriteria { DayOfWeek = DayOfWeek.Saturday }));
        Assert.Equal(["ANY", "SUN"], await CodesAsync(new UpsellRuleCriteria { DayOfWeek = DayOfWeek.Sunday }));
        Assert.Equal(["ANY", "FRISAT", "SUN", "WEEKDAYS"], await CodesAsync(new UpsellRuleCriteria()));
    }

    [Fact]
    public async Task SearchAsync_Row_CarriesTheMask()
    {
        await Rule("FRISAT", Weekdays.ToMask(FriSat));

        var row = (await Service.SearchAsync(_ids.Tst, new UpsellRuleCriteria(), new PageRequest(0, 10), Ct)).Items.Single();

        Assert.Equal("Fri, Sat", Weekdays.Format(row.DaysOfWeek));
    }

    private async Task Rule(string code, int days)
    {
        var id = await TestData.AddRuleAsync(_db, _ids.Tst, code);
        await using var db = await _db.CreateDbContextAsync();
        await db.UpsellRules.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.DaysOfWeek, days), Ct);
    }

    private async Task<List<string>> CodesAsync(UpsellRuleCriteria criteria) =>
        (await Service.SearchAsync(_ids.Tst, criteria, new PageRequest(0, 50), Ct)).Items.Select(r => r.Code).ToList();
}
