using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Common;

/// <summary>The audit trail can only grow: the app's context refuses to change or delete an entry.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await SqliteTestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<long> RecordAsync()
    {
        await using var db = await _db.CreateDbContextAsync();
        var entry = db.AddAudit(new AuditRecord("admin@test", AuditActions.Updated, AuditEntityTypes.Property, "TST", null, "Property TST updated",
            new { name = "Old" }, new { name = "New" }));
        await db.SaveChangesAsync(Ct);
        return entry.Id;
    }

    [Fact]
    public async Task SomeoneEditsAnAuditEntryThroughTheApp_TheSaveIsRefusedAndTheEntryIsUnchanged()
    {
        var id = await RecordAsync();
        await using (var db = await _db.CreateDbContextAsync())
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Id == id, Ct);
            entry.By = "someone else";
            entry.After = """{"name":"Forged"}""";

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
            Assert.Equal(AuditTrail.ImmutableMessage, error.Message);
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        await using var check = await _db.CreateDbContextAsync();
        var stored = await check.AuditEntries.SingleAsync(e => e.Id == id, Ct);
        Assert.Equal(("admin@test", """{"name":"New"}"""), (stored.By, stored.After));
    }

    [Fact]
    public async Task SomeoneDeletesAnAuditEntryThroughTheApp_TheSaveIsRefusedAndTheEntryStays()
    {
        var id = await RecordAsync();
        await using (var db = await _db.CreateDbContextAsync())
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(e => e.Id == id, Ct));

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        }

        await using var check = await _db.CreateDbContextAsync();
        Assert.True(await check.AuditEntries.AnyAsync(e => e.Id == id, Ct));
    }

    [Fact]
    public void Diff_OfTwoSnapshots_ListsOnlyTheFieldsThatChanged()
    {
        var changes = AuditDiff.Compare("""{"code":"A","amount":10,"markets":["X","Y"],"note":null}""",
            """{"code":"A","amount":12.5,"markets":["X"],"note":[]}""");

        Assert.Equal([("Amount", "10", "12.5"), ("Markets", "X, Y", "X")], changes.Select(c => (c.Label, c.Before, c.After)));
    }
}
