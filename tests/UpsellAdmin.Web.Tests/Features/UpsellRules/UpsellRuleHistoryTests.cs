using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.UpsellRules;

/// <summary>Every save and delete of a rule leaves an audit entry with who, before and after; the History shows the
/// diff of each version and restores one through the normal save.</summary>
public sealed class UpsellRuleHistoryTests : IAsyncLifetime
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

    private IUpsellRuleService Rules => _db.Get<IUpsellRuleService>();
    private IUpsellRuleHistoryService History => _db.Get<IUpsellRuleHistoryService>();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = await _db.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct);
    }

    private async Task<(int Id, Guid Version)> CreateAndEditAsync()
    {
        var created = await Rules.SaveAsync(TestData.ValidForm(_ids.Tst), Ct);
        var form = (await Rules.GetAsync(_ids.Tst, created.Id!.Value, Ct))!;
        form.UpsellAmount = 30m;
        form.Markets = [];
        var updated = await Rules.SaveAsync(form, Ct);
        Assert.Equal(SaveStatus.Saved, updated.Status);
        return (created.Id.Value, updated.Version!.Value);
    }

    [Fact]
    public async Task RevenueManagerCreatesAndEditsARule_EachSaveIsAuditedWithWhoBeforeAndAfter()
    {
        var (id, _) = await CreateAndEditAsync();

        var entries = await EntriesAsync();
        Assert.Equal([AuditActions.Created, AuditActions.Updated], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("revenue@test", AuditEntityTypes.UpsellRule, UpsellRuleAudit.Key(id), (int?)_ids.Tst), (e.By, e.EntityType, e.EntityKey, e.PropertyId)));
        Assert.Null(entries[0].Before);
        Assert.Equal(25m, UpsellRuleSnapshot.FromJson(entries[0].After)!.UpsellAmount);
        Assert.Equal(25m, UpsellRuleSnapshot.FromJson(entries[1].Before)!.UpsellAmount);
        Assert.Equal(30m, UpsellRuleSnapshot.FromJson(entries[1].After)!.UpsellAmount);
        Assert.Equal(["TRANS"], UpsellRuleSnapshot.FromJson(entries[1].Before)!.Markets);
        Assert.Empty(UpsellRuleSnapshot.FromJson(entries[1].After)!.Markets);
    }

    [Fact]
    public async Task EditorSavesWithoutChangingAnything_NoEntryIsRecorded()
    {
        var created = await Rules.SaveAsync(TestData.ValidForm(_ids.Tst), Ct);
        var form = (await Rules.GetAsync(_ids.Tst, created.Id!.Value, Ct))!;

        Assert.Equal(SaveStatus.Saved, (await Rules.SaveAsync(form, Ct)).Status);

        Assert.Single(await EntriesAsync());
    }

    [Fact]
    public async Task SaveThatConflicts_RecordsNothing()
    {
        var (id, _) = await CreateAndEditAsync();
        var stale = (await Rules.GetAsync(_ids.Tst, id, Ct))!;
        stale.Version = Guid.NewGuid();
        stale.Description = "Lost update";

        Assert.Equal(SaveStatus.Conflict, (await Rules.SaveAsync(stale, Ct)).Status);

        Assert.Equal(2, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task EditorDeletesRules_EachIsAuditedWithItsLastVersion()
    {
        var (id, _) = await CreateAndEditAsync();

        Assert.Equal(1, await Rules.DeleteAsync(_ids.Tst, [id], Ct));

        var deleted = (await EntriesAsync()).Last();
        Assert.Equal((AuditActions.Deleted, "revenue@test", UpsellRuleAudit.Key(id)), (deleted.Action, deleted.By, deleted.EntityKey));
        Assert.Equal(30m, UpsellRuleSnapshot.FromJson(deleted.Before)!.UpsellAmount);
        Assert.Null(deleted.After);
    }

    [Fact]
    public async Task EditorOpensHistory_SeesVersionsNewestFirstWithTheFieldsThatChangedInTheFormsLabels()
    {
        var (id, _) = await CreateAndEditAsync();

        var versions = (await History.GetAsync(_ids.Tst, id, Ct))!;

        Assert.Equal([AuditActions.Updated, AuditActions.Created], versions.Select(v => v.Action));
        Assert.True(versions[0].IsCurrent);
        Assert.False(versions[0].CanRestore);
        Assert.True(versions[1].CanRestore);
        Assert.Equal([("Markets", "TRANS", ""), ("Upsell Amount", "25", "30")],
            versions[0].Changes.Select(c => (c.Label, c.Before, c.After)).OrderBy(c => c.Label));
        Assert.Contains(versions[1].Changes, c => c is { Label: "Rounding Rule", After: "Up" });
    }

    [Fact]
    public async Task EditorRestoresTheFirstVersion_RuleIsBackAndARestoredEntryNamesTheVersion()
    {
        var (id, version) = await CreateAndEditAsync();
        var first = (await History.GetAsync(_ids.Tst, id, Ct))!.Last();

        var result = await History.RestoreAsync(_ids.Tst, id, first.EntryId, version, Ct);

        Assert.Equal(SaveStatus.Saved, result.Status);
        var rule = (await Rules.GetAsync(_ids.Tst, id, Ct))!;
        Assert.Equal(25m, rule.UpsellAmount);
        Assert.Equal(["TRANS"], rule.Markets);
        var restored = (await EntriesAsync()).Last();
        Assert.Equal(AuditActions.Restored, restored.Action);
        Assert.Contains(first.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), restored.Summary, StringComparison.Ordinal);
        Assert.Equal(30m, UpsellRuleSnapshot.FromJson(restored.Before)!.UpsellAmount);
        Assert.True((await History.GetAsync(_ids.Tst, id, Ct))![0].IsCurrent);
    }

    [Fact]
    public async Task EditorRestoresWithAStaleVersion_GetsAConflictAndNothingChanges()
    {
        var (id, _) = await CreateAndEditAsync();
        var first = (await History.GetAsync(_ids.Tst, id, Ct))!.Last();

        var result = await History.RestoreAsync(_ids.Tst, id, first.EntryId, Guid.NewGuid(), Ct);

        Assert.Equal(SaveStatus.Conflict, result.Status);
        Assert.Equal(30m, (await Rules.GetAsync(_ids.Tst, id, Ct))!.UpsellAmount);
        Assert.Equal(2, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task EditorRestoresAVersionNamingADeletedMarket_IsToldWhichFieldAndNothingChanges()
    {
        var (id, version) = await CreateAndEditAsync();
        var first = (await History.GetAsync(_ids.Tst, id, Ct))!.Last();
        await using (var db = await _db.CreateDbContextAsync())
        {
            await db.Markets.Where(m => m.PropertyId == _ids.Tst && m.Code == "TRANS").ExecuteDeleteAsync(Ct);
        }

        var result = await History.RestoreAsync(_ids.Tst, id, first.EntryId, version, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Equal(UpsellRuleHistoryService.CannotRestoreMessage, result.Errors[0].Message);
        Assert.Contains(result.Errors, e => e.Message.StartsWith("Markets:", StringComparison.Ordinal) && e.Message.Contains("TRANS", StringComparison.Ordinal));
        Assert.Equal(2, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task EditorRestoresAVersionWithAnOccupancyLevelThatNoLongerExists_IsToldSo()
    {
        var form = TestData.ValidForm(_ids.Tst);
        form.UseOccupancyLevels = true;
        form.UpsellAmount = null;
        form.OccupancyAmounts.ForEach(a => a.Amount = 10m * a.Level);
        var created = await Rules.SaveAsync(form, Ct);
        var edit = (await Rules.GetAsync(_ids.Tst, created.Id!.Value, Ct))!;
        edit.Description = "Changed";
        var updated = await Rules.SaveAsync(edit, Ct);
        await using (var db = await _db.CreateDbContextAsync())
        {
            await db.OccupancyLevels.Where(l => l.PropertyId == _ids.Tst && l.Level == 3).ExecuteDeleteAsync(Ct);
        }
        var first = (await History.GetAsync(_ids.Tst, created.Id.Value, Ct))!.Last();

        var result = await History.RestoreAsync(_ids.Tst, created.Id.Value, first.EntryId, updated.Version!.Value, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Contains(result.Errors, e => e.Message.Contains("Occupancy level 3 no longer exists", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FrontDeskOpensHistory_SeesItButCannotRestore()
    {
        var (id, version) = await CreateAndEditAsync();
        _db.CurrentUser.User = TestData.FrontDesk;

        var versions = (await History.GetAsync(_ids.Tst, id, Ct))!;
        var result = await History.RestoreAsync(_ids.Tst, id, versions[^1].EntryId, version, Ct);

        Assert.All(versions, v => Assert.False(v.CanRestore));
        Assert.Equal(SaveStatus.Forbidden, result.Status);
    }

    [Fact]
    public async Task UserOfAnotherPropertyAsksForTheHistory_GetsNothing()
    {
        var (id, _) = await CreateAndEditAsync();
        _db.CurrentUser.User = TestData.Outsider;

        Assert.Null(await History.GetAsync(_ids.Tst, id, Ct));
        Assert.Null(await History.GetByCodeAsync(_ids.Tst, "NEW1", Ct));
    }

    [Fact]
    public async Task RestoringAnEntryOfAnotherRule_IsNotFound()
    {
        var (id, version) = await CreateAndEditAsync();
        var other = await Rules.SaveAsync(TestData.ValidForm(_ids.Tst, "OTHER"), Ct);
        var otherEntry = (await History.GetAsync(_ids.Tst, other.Id!.Value, Ct))!.Single();

        var result = await History.RestoreAsync(_ids.Tst, id, otherEntry.EntryId, version, Ct);

        Assert.Equal(SaveStatus.NotFound, result.Status);
    }
}
