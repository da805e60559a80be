using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Common;

/// <summary>Configuration, users and properties: each change leaves an entry with who, before and after — and never a secret.</summary>
public sealed class AuditedChangesTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = null!;
    private TestData.Ids _ids = null!;
    private IServiceScope _scope = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync(withIdentity: true);
        _ids = await TestData.SeedAsync(_db);
        _scope = _db.Services.CreateScope();
        var roles = _scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
        _db.CurrentUser.User = TestData.Admin;
    }

    public async ValueTask DisposeAsync()
    {
        _scope.Dispose();
        await _db.DisposeAsync();
    }

    private UserAdministrationService Users => new(_db.Services.GetRequiredService<IServiceScopeFactory>(), _db.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(),
        _db.CurrentUser, TimeProvider.System, _db.Services.GetRequiredService<IValidator<UserForm>>(), NullLogger<UserAdministrationService>.Instance);

    private PropertyAdministrationService Properties => new(_db.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(),
        _db.CurrentUser, _db.Services.GetRequiredService<IValidator<PropertyForm>>(), NullLogger<PropertyAdministrationService>.Instance);

    private async Task<List<AuditEntry>> EntriesAsync(string? entityType = null)
    {
        await using var db = await _db.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => entityType == null || e.EntityType == entityType).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    [Fact]
    public async Task RevenueManagerChangesOccupancyLevelsOnly_OneOccupancyLevelsEntryWithBeforeAndAfter()
    {
        _db.CurrentUser.User = TestData.Revenue;
        var service = _db.Get<IUpsellConfigurationService>();
        var first = (await service.GetAsync(_ids.Tst, Ct))!;
        var created = await service.SaveAsync(first, Ct); // the first save creates the settings row
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => $"{e.Field}: {e.Message}")));
        var before = await EntriesAsync();
        var model = (await service.GetAsync(_ids.Tst, Ct))!;
        model.OccupancyLevels[1].ToPercent = 70;
        model.OccupancyLevels[2].FromPercent = 70;

        Assert.True((await service.SaveAsync(model, Ct)).Succeeded);

        var entry = Assert.Single((await EntriesAsync()).Skip(before.Count));
        Assert.Equal((AuditEntityTypes.OccupancyLevels, AuditActions.Updated, "revenue@test", (int?)_ids.Tst), (entry.EntityType, entry.Action, entry.By, entry.PropertyId));
        var changes = AuditDiff.Compare(entry.Before, entry.After);
        Assert.Equal([("Level 2", "Medium: 50–80 %", "Medium: 50–70 %"), ("Level 3", "High: 80–100 %", "High: 70–100 %")],
            changes.Select(c => (c.Field, c.Before, c.After)));
    }

    [Fact]
    public async Task RevenueManagerSavesConfigurationUnchanged_RecordsNothing()
    {
        _db.CurrentUser.User = TestData.Revenue;
        var service = _db.Get<IUpsellConfigurationService>();
        Assert.True((await service.SaveAsync((await service.GetAsync(_ids.Tst, Ct))!, Ct)).Succeeded);
        var count = (await EntriesAsync()).Count;

        Assert.True((await service.SaveAsync((await service.GetAsync(_ids.Tst, Ct))!, Ct)).Succeeded);

        Assert.Equal(count, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task AdministratorCreatesPromotesResetsAndLocksAUser_EachIsAuditedAndNoSecretIsRecorded()
    {
        Assert.True((await Users.CreateAsync(new UserForm { Email = "new@test", DisplayName = "New", Role = Roles.FrontDesk, Password = "Secret12!", PropertyCodes = ["TST"] }, Ct)).Succeeded);
        var id = (await _scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync("new@test"))!.Id;
        var row = (await Users.GetUsersAsync(Ct)).Single(u => u.Id == id);
        var form = UserForm.From(row);
        form.Role = Roles.RevenueManager;
        form.PropertyCodes = ["TST", "OTH"];
        Assert.True((await Users.UpdateAsync(form, Ct)).Succeeded);
        Assert.True((await Users.ResetPasswordAsync(id, "Another34!", Ct)).Succeeded);
        Assert.True((await Users.SetLockedOutAsync(id, true, Ct)).Succeeded);
        Assert.True((await Users.SetLockedOutAsync(id, false, Ct)).Succeeded);

        var entries = await EntriesAsync(AuditEntityTypes.User);
        Assert.Equal([AuditActions.Created, AuditActions.Updated, AuditActions.PasswordReset, AuditActions.Locked, AuditActions.Unlocked], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("admin@test", "new@test"), (e.By, e.EntityKey)));
        var promoted = AuditDiff.Compare(entries[1].Before, entries[1].After).ToDictionary(c => c.Field, c => (c.Before, c.After));
        Assert.Equal((Roles.FrontDesk, Roles.RevenueManager), promoted["role"]);
        Assert.Equal(("TST", "OTH, TST"), promoted["properties"]);
        await using var db = await _db.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id, Ct);
        foreach (var e in entries)
        {
            var text = $"{e.Summary}{e.Before}{e.After}";
            Assert.DoesNotContain("Secret12!", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Another34!", text, StringComparison.Ordinal);
            Assert.DoesNotContain(user.PasswordHash!, text, StringComparison.Ordinal);
            Assert.DoesNotContain(user.SecurityStamp!, text, StringComparison.Ordinal);
            Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task AdministratorRenamesAndDeactivatesAProperty_AuditedWithBeforeAndAfter()
    {
        Assert.True((await Properties.UpdateAsync(new PropertyForm { Id = _ids.Oth, Code = "OTH2", Name = "Other Hotel", TimeZone = "Europe/Paris", IsActive = false }, Ct)).Succeeded);

        var entry = Assert.Single(await EntriesAsync(AuditEntityTypes.Property));
        Assert.Equal(("admin@test", "OTH", (int?)_ids.Oth), (entry.By, entry.EntityKey, entry.PropertyId));
        Assert.Equal([("code", "OTH", "OTH2"), ("isActive", "Yes", "No")], AuditDiff.Compare(entry.Before, entry.After).Select(c => (c.Field, c.Before, c.After)));
    }
}
