using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.UpsellRules;

public sealed class UpsellRuleServiceSaveTests : IAsyncLifetime
{
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
    public async Task SaveAsync_ValidNewRule_StoresItAndGetReturnsTheSameForm()
    {
        var result = await Service.SaveAsync(TestData.ValidForm(_ids.Tst), Ct);

        Assert.Equal(SaveStatus.Saved, result.Status);
        var loaded = await Service.GetAsync(_ids.Tst, result.Id!.Value, Ct);
        Assert.NotNull(loaded);
        Assert.Equal(("NEW1", "STDK", "DLXK", 25m, "USD"), (loaded.Code, loaded.From, loaded.To, loaded.UpsellAmount, loaded.CurrencyCode));
        Assert.Equal(["BAR", "BARBB"], loaded.RateCodes);
        Assert.Equal(["AIR", "PC01/GOLD"], loaded.Memberships);
        Assert.Equal(["WEB"], loaded.Sources);
        Assert.Equal(new DateTime(2026, 12, 1), loaded.BeginDate);
        Assert.Equal(result.Version, loaded.Version);
        await using var db = await _db.CreateDbContextAsync();
        var stored = await db.UpsellRules.SingleAsync(Ct);
        Assert.Equal(UpsellRule.KindBit(RuleFilterKind.RateCode) | UpsellRule.KindBit(RuleFilterKind.Membership) | UpsellRule.KindBit(RuleFilterKind.Channel)
            | UpsellRule.KindBit(RuleFilterKind.ReservationType) | UpsellRule.KindBit(RuleFilterKind.Market), stored.FilterKinds);
        Assert.Equal("revenue@test", stored.UpdatedBy);
    }

    [Fact]
    public async Task SaveAsync_OccupancyLevelRule_StoresOneAmountPerLevelAndNoSingleAmount()
    {
        var form = TestData.ValidForm(_ids.Tst);
        form.UseOccupancyLevels = true;
        form.UpsellAmount = null;
        for (var i = 0; i < form.OccupancyAmounts.Count; i++)
        {
            form.OccupancyAmounts[i].Amount = 10m * (i + 1);
        }

        var result = await Service.SaveAsync(form, Ct);

        Assert.Equal(SaveStatus.Saved, result.Status);
        var loaded = await Service.GetAsync(_ids.Tst, result.Id!.Value, Ct);
        Assert.Equal([10m, 20m, 30m], loaded!.OccupancyAmounts.Select(a => a.Amount));
        Assert.Null(loaded.UpsellAmount);
    }

    [Fact]
    public async Task SaveAsync_InvalidForm_ReturnsFieldErrorsAndStoresNothing()
    {
        var form = TestData.ValidForm(_ids.Tst);
        form.EndDate = new DateTime(2026, 11, 1);
        form.To = "STDK";
        form.Markets = ["NOPE"];

        var result = await Service.SaveAsync(form, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Contains(result.Errors, e => e.Field == nameof(UpsellRuleFormModel.EndDate) && e.Message == "End Date must be on or after Begin Date (2026-12-01).");
        Assert.Contains(result.Errors, e => e.Field == nameof(UpsellRuleFormModel.To));
        Assert.Contains(result.Errors, e => e.Field == nameof(UpsellRuleFormModel.Markets) && e.Message.Contains("NOPE", StringComparison.Ordinal));
        await using var db = await _db.CreateDbContextAsync();
        Assert.Equal(0, await db.UpsellRules.CountAsync(Ct));
    }

    [Fact]
    public async Task SaveAsync_CodeUsedByAnotherRuleOfTheProperty_IsInvalid()
    {
        await TestData.AddRuleAsync(_db, _ids.Tst, "NEW1");

        var result = await Service.SaveAsync(TestData.ValidForm(_ids.Tst), Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal(nameof(UpsellRuleFormModel.Code), error.Field);
        Assert.Equal("Code NEW1 is already used by another rule of this property; choose another code.", error.Message);
    }

    [Fact]
    public async Task SaveAsync_SameCodeInAnotherProperty_IsAllowed()
    {
        _db.CurrentUser.User = TestData.Admin;
        await TestData.AddRuleAsync(_db, _ids.Oth, "NEW1");

        var result = await Service.SaveAsync(TestData.ValidForm(_ids.Tst), Ct);

        Assert.Equal(SaveStatus.Saved, result.Status);
    }

    [Fact]
    public async Task SaveAsync_EditWithItsOwnCode_IsNotADuplicate()
    {
        var saved = await Service.SaveAsync(TestData.ValidForm(_ids.Tst), Ct);
        var form = await Service.GetAsync(_ids.Tst, saved.Id!.Value, Ct);
        form!.Description = "Changed";
        form.Sources = [];

        var result = await Service.SaveAsync(form, Ct);

        Assert.Equal(SaveStatus.Saved, result.Status);
        Assert.NotEqual(saved.Version, result.Version);
        var reloaded = await Service.GetAsync(_ids.Tst, saved.Id.Value, Ct);
        Assert.Equal("Changed", reloaded!.Description);
        Assert.Empty(reloaded.Sources);
    }

    [Fact]
    public async Task SaveAsync_StaleVersion_IsAConflictAndOverwritesNothing()
    {
        var saved = await Service.SaveAsync(TestData.ValidForm(_ids.Tst), Ct);
        var mine = await Service.GetAsync(_ids.Tst, saved.Id!.Value, Ct);
        var theirs = await Service.GetAsync(_ids.Tst, saved.Id.Value, Ct);
        theirs!.Description = "Their change";
        Assert.Equal(SaveStatus.Saved, (await Service.SaveAsync(theirs, Ct)).Status);

        mine!.Description = "My change";
        mine.UpsellAmount = 99m;
        var result = await Service.SaveAsync(mine, Ct);

        Assert.Equal(SaveStatus.Conflict, result.Status);
        Assert.Equal("This rule was changed by someone else since you opened it. Reload it to see their changes; nothing was saved.", Assert.Single(result.Errors).Message);
        var stored = await Service.GetAsync(_ids.Tst, saved.Id.Value, Ct);
        Assert.Equal(("Their change", 25m), (stored!.Description, stored.UpsellAmount));
    }

    [Fact]
    public async Task SaveAsync_FrontDesk_IsForbidden()
    {
        _db.CurrentUser.User = TestData.FrontDesk;

        var result = await Service.SaveAsync(TestData.ValidForm(_ids.Tst), Ct);

        Assert.Equal(SaveStatus.Forbidden, result.Status);
        await using var db = await _db.CreateDbContextAsync();
        Assert.Equal(0, await db.UpsellRules.CountAsync(Ct));
    }

    [Fact]
    public async Task SaveAsync_RevenueManagerWithoutAccessToTheProperty_IsForbidden()
    {
        var result = await Service.SaveAsync(TestData.ValidForm(_ids.Oth), Ct);

        Assert.Equal(SaveStatus.Forbidden, result.Status);
    }

    [Fact]
    public async Task SaveAsync_RuleDeletedMeanwhile_IsNotFound()
    {
        var form = TestData.ValidForm(_ids.Tst);
        form.Id = 12345;
        form.Version = Guid.NewGuid();

        var result = await Service.SaveAsync(form, Ct);

        Assert.Equal(SaveStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task NewAsync_Defaults_PropertyCurrencyAndOneRowPerOccupancyLevel()
    {
        var form = await Service.NewAsync(_ids.Tst, Ct);

        Assert.Equal("USD", form.CurrencyCode);
        Assert.Null(form.Id);
        Assert.Equal(Guid.Empty, form.Version);
        Assert.Equal(UpsellFormula.FlatAmountAddedToOriginalRate, form.Formula);
        Assert.True(form.UpsellByRoomType);
        Assert.NotNull(form.BeginDate);
        Assert.Equal([(1, "Low"), (2, "Medium"), (3, "High")], form.OccupancyAmounts.Select(a => (a.Level, a.Description)));
        Assert.All(form.OccupancyAmounts, a => Assert.Null(a.Amount));
    }

    [Fact]
    public async Task DeleteAsync_ManyRules_DeletesThemAndTheirListsOnlyInThatProperty()
    {
        var a = await TestData.AddRuleAsync(_db, _ids.Tst, "A", filters: ["Channel:WEB", "Market:TRANS"]);
        var b = await TestData.AddRuleAsync(_db, _ids.Tst, "B", filters: "Channel:GDS");
        var keep = await TestData.AddRuleAsync(_db, _ids.Tst, "KEEP", filters: "Channel:GDS");
        var other = await TestData.AddRuleAsync(_db, _ids.Oth, "OTHER");

        var deleted = await Service.DeleteAsync(_ids.Tst, [a, b, other], Ct);

        Assert.Equal(2, deleted);
        await using var db = await _db.CreateDbContextAsync();
        Assert.Equal([keep, other], await db.UpsellRules.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(Ct));
        Assert.Equal([keep], await db.UpsellRuleFilterValues.Select(f => f.RuleId).ToListAsync(Ct));
    }

    [Fact]
    public async Task DeleteAsync_FrontDesk_ThrowsAndDeletesNothing()
    {
        var a = await TestData.AddRuleAsync(_db, _ids.Tst, "A");
        _db.CurrentUser.User = TestData.FrontDesk;

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Service.DeleteAsync(_ids.Tst, [a], Ct));

        await using var db = await _db.CreateDbContextAsync();
        Assert.Equal(1, await db.UpsellRules.CountAsync(Ct));
    }

    [Fact]
    public async Task IsCodeUniqueAsync_ExceptTheRuleItself_IsTrue()
    {
        var a = await TestData.AddRuleAsync(_db, _ids.Tst, "A");

        Assert.False(await Service.IsCodeUniqueAsync(_ids.Tst, "A", null, Ct));
        Assert.True(await Service.IsCodeUniqueAsync(_ids.Tst, "A", a, Ct));
        Assert.True(await Service.IsCodeUniqueAsync(_ids.Oth, "A", null, Ct));
    }
}
