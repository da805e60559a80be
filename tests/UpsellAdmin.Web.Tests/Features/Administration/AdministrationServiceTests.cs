using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Tests.TestSupport;
using UpsellAdmin.Web.Features.Administration;

namespace UpsellAdmin.Web.Tests.Features.Administration;

/// <summary>UserAdministrationService, PropertyAdministrationService and AdministratorBootstrap on a migrated SQLite
/// database with ASP.NET Core Identity (TestData: properties TST and OTH).</summary>
public sealed class AdministrationServiceTests : IAsyncLifetime
{
    private const string Password = "Secret12!";
    private SqliteTestDatabase _database = default!;
    private IServiceScope _scope = default!;

    public async ValueTask InitializeAsync()
    {
        _database = await SqliteTestDatabase.CreateAsync(withIdentity: true);
        await TestData.SeedAsync(_database);
        _scope = _database.Services.CreateScope();
        var roles = _scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
        _database.CurrentUser.User = FakeCurrentUser.As("someone-else", Roles.Administrator);
    }

    public async ValueTask DisposeAsync()
    {
        _scope.Dispose();
        await _database.DisposeAsync();
    }

    private UserManager<AppUser> UserManager => _scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

    private UserAdministrationService Users => new(_database.Services.GetRequiredService<IServiceScopeFactory>(), _database.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(),
        _database.CurrentUser, TimeProvider.System, _database.Services.GetRequiredService<IValidator<UserForm>>(), NullLogger<UserAdministrationService>.Instance);

    private PropertyAdministrationService Properties => new(_database.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(),
        _database.CurrentUser, _database.Services.GetRequiredService<IValidator<PropertyForm>>(), NullLogger<PropertyAdministrationService>.Instance);

    private static UserForm NewUser(string email, string role, params string[] codes) =>
        new() { Email = email, DisplayName = email, Role = role, Password = Password, PropertyCodes = codes };

    private async Task<string> CreateAsync(string email, string role, params string[] codes)
    {
        var result = await Users.CreateAsync(NewUser(email, role, codes), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Message);
        return (await UserManager.FindByEmailAsync(email))!.Id;
    }

    [Fact]
    public async Task Create_RoleAndProperties_UserSeesExactlyThoseProperties()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await CreateAsync("remy@hotel.test", Roles.RevenueManager, "OTH");

        var row = Assert.Single(await Users.GetUsersAsync(ct), u => u.Id == id);
        Assert.Equal(Roles.RevenueManager, row.Role);
        Assert.Equal(["OTH"], row.PropertyCodes);
        Assert.False(row.AllProperties);
        Assert.False(row.IsLockedOut);

        _database.CurrentUser.User = FakeCurrentUser.As(id, Roles.RevenueManager);
        var visible = await _database.Get<IPropertyService>().GetVisibleAsync(ct);
        Assert.Equal(["OTH"], visible.Select(p => p.Code));
    }

    [Fact]
    public async Task Update_AllPropertiesAndRole_ReplacesAccessAndRole()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await CreateAsync("frankie@hotel.test", Roles.FrontDesk, "TST");

        var form = new UserForm { Id = id, Email = "frankie@hotel.test", DisplayName = "Frankie", Role = Roles.RevenueManager, AllProperties = true };
        var result = await Users.UpdateAsync(form, ct);

        Assert.True(result.Succeeded, result.Message);
        var row = Assert.Single(await Users.GetUsersAsync(ct), u => u.Id == id);
        Assert.Equal(("Frankie", Roles.RevenueManager, true), (row.DisplayName, row.Role, row.AllProperties));
        Assert.Equal(["OTH", "TST"], row.PropertyCodes);
    }

    [Fact]
    public async Task Actions_AfterTheUserChangedElsewhere_StillApply_AsOnAPageLeftOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await CreateAsync("stale@hotel.test", Roles.FrontDesk, "TST");
        var page = Users; // one service for several actions, as one Users page keeps it
        Assert.True((await page.UpdateAsync(new UserForm { Id = id, Email = "stale@hotel.test", DisplayName = "Before", Role = Roles.FrontDesk, PropertyCodes = ["TST"] }, ct)).Succeeded);

        // Meanwhile the user mistypes their password at the login page: a new concurrency stamp in the database.
        await using (var elsewhere = _database.Services.CreateAsyncScope())
        {
            var manager = elsewhere.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await manager.AccessFailedAsync((await manager.FindByIdAsync(id))!)).Succeeded);
        }

        var locked = await page.SetLockedOutAsync(id, lockedOut: true, ct);
        var renamed = await page.UpdateAsync(new UserForm { Id = id, Email = "stale@hotel.test", DisplayName = "After", Role = Roles.FrontDesk, PropertyCodes = ["TST"] }, ct);

        Assert.True(locked.Succeeded, locked.Message);
        Assert.True(renamed.Succeeded, renamed.Message);
        var row = Assert.Single(await page.GetUsersAsync(ct), u => u.Id == id);
        Assert.Equal(("After", true), (row.DisplayName, row.IsLockedOut));
    }

    [Fact]
    public async Task Update_RoleChanged_RenewsTheSecurityStampSoOpenSessionsSignOut()
    {
        var ct = TestContext.Current.CancellationToken;
        await CreateAsync("boss@hotel.test", Roles.Administrator);
        var id = await CreateAsync("demoted@hotel.test", Roles.Administrator);
        async Task<string?> StampAsync()
        {
            await using var scope = _database.Services.CreateAsyncScope();
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            return await manager.GetSecurityStampAsync((await manager.FindByIdAsync(id))!);
        }
        var before = await StampAsync();

        var sameRole = await Users.UpdateAsync(new UserForm { Id = id, Email = "demoted@hotel.test", DisplayName = "Renamed", Role = Roles.Administrator }, ct);
        var afterRename = await StampAsync();
        var demoted = await Users.UpdateAsync(new UserForm { Id = id, Email = "demoted@hotel.test", DisplayName = "Renamed", Role = Roles.FrontDesk, PropertyCodes = ["TST"] }, ct);

        Assert.True(sameRole.Succeeded, sameRole.Message);
        Assert.True(demoted.Succeeded, demoted.Message);
        Assert.Equal(before, afterRename); // a new display name does not sign anyone out
        Assert.NotEqual(afterRename, await StampAsync());
    }

    [Fact]
    public async Task UpdateAndLock_LastAdministrator_RefusedInPlainWords()
    {
        var ct = TestContext.Current.CancellationToken;
        var adminId = await CreateAsync("ada@hotel.test", Roles.Administrator);

        var demote = await Users.UpdateAsync(new UserForm { Id = adminId, DisplayName = "Ada", Role = Roles.FrontDesk }, ct);
        var lockOut = await Users.SetLockedOutAsync(adminId, lockedOut: true, ct);

        Assert.False(demote.Succeeded);
        Assert.Equal(nameof(UserForm.Role), Assert.Single(demote.Errors).Field);
        Assert.Contains("ada@hotel.test is the last Administrator", demote.Message);
        Assert.Contains("last Administrator and cannot be locked", lockOut.Message);
        Assert.Equal([Roles.Administrator], await UserManager.GetRolesAsync((await UserManager.FindByIdAsync(adminId))!));
    }

    [Fact]
    public async Task UpdateAndLock_Themselves_RefusedEvenWithAnotherAdministrator()
    {
        var ct = TestContext.Current.CancellationToken;
        var meId = await CreateAsync("me@hotel.test", Roles.Administrator);
        var otherId = await CreateAsync("other@hotel.test", Roles.Administrator);
        _database.CurrentUser.User = FakeCurrentUser.As(meId, Roles.Administrator);

        var demote = await Users.UpdateAsync(new UserForm { Id = meId, DisplayName = "Me", Role = Roles.RevenueManager }, ct);
        var lockSelf = await Users.SetLockedOutAsync(meId, lockedOut: true, ct);
        var lockOther = await Users.SetLockedOutAsync(otherId, lockedOut: true, ct);

        Assert.Contains("cannot remove your own Administrator role", demote.Message);
        Assert.Equal("You cannot lock yourself out.", lockSelf.Message);
        Assert.True(lockOther.Succeeded, lockOther.Message);
        Assert.True(Assert.Single(await Users.GetUsersAsync(ct), u => u.Id == otherId).IsLockedOut);

        // The other administrator is locked now, so "me" is the last one that can sign in.
        _database.CurrentUser.User = FakeCurrentUser.As("someone-else", Roles.Administrator);
        Assert.Contains("last Administrator", (await Users.SetLockedOutAsync(meId, lockedOut: true, ct)).Message);
        Assert.True((await Users.SetLockedOutAsync(otherId, lockedOut: false, ct)).Succeeded);
        Assert.False(Assert.Single(await Users.GetUsersAsync(ct), u => u.Id == otherId).IsLockedOut);
    }

    [Fact]
    public async Task CreateAndResetPassword_WeakPassword_ReturnIdentitysMessageOnThePasswordField()
    {
        var ct = TestContext.Current.CancellationToken;
        var weak = NewUser("weak@hotel.test", Roles.FrontDesk);
        weak.Password = "abc";

        var created = await Users.CreateAsync(weak, ct);

        Assert.False(created.Succeeded);
        Assert.All(created.Errors, e => Assert.Equal(nameof(UserForm.Password), e.Field));
        Assert.Contains(created.Errors, e => e.Message == "Passwords must be at least 6 characters.");
        Assert.Null(await UserManager.FindByEmailAsync("weak@hotel.test"));

        var id = await CreateAsync("reset@hotel.test", Roles.FrontDesk);
        var rejected = await Users.ResetPasswordAsync(id, "alllowercase", ct);
        Assert.Contains("Passwords must have at least one uppercase ('A'-'Z').", rejected.Message);
        Assert.True((await Users.ResetPasswordAsync(id, "NewSecret34?", ct)).Succeeded);
        await using var fresh = _database.Services.CreateAsyncScope(); // this class's UserManager holds the user as created
        var manager = fresh.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await manager.CheckPasswordAsync((await manager.FindByIdAsync(id))!, "NewSecret34?"));
    }

    [Fact]
    public async Task Actions_NonAdministrator_Refused()
    {
        _database.CurrentUser.User = TestData.Revenue;

        var result = await Users.CreateAsync(NewUser("x@hotel.test", Roles.Administrator), TestContext.Current.CancellationToken);

        Assert.Equal(UserAdministrationService.ForbiddenMessage, result.Message);
        Assert.Empty(await Users.GetUsersAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await Properties.GetAllAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task UpdateProperty_CodeLockedByRules_OtherwiseUniqueAndTimeZoneChecked()
    {
        var ct = TestContext.Current.CancellationToken;
        var rows = await Properties.GetAllAsync(ct);
        var tst = rows.Single(p => p.Code == "TST");
        var oth = rows.Single(p => p.Code == "OTH");
        await TestData.AddRuleAsync(_database, tst.Id, "R1");

        var locked = PropertyForm.From((await Properties.GetAllAsync(ct)).Single(p => p.Id == tst.Id));
        Assert.Equal(1, locked.RuleCount);
        locked.Code = "TST2";
        var lockedResult = await Properties.UpdateAsync(locked, ct);
        Assert.Equal(nameof(PropertyForm.Code), Assert.Single(lockedResult.Errors).Field);
        Assert.Contains("1 upsell rule belongs to this property", lockedResult.Message);

        var form = PropertyForm.From(oth);
        form.Code = "TST";
        Assert.Contains("Another property already has the code TST", (await Properties.UpdateAsync(form, ct)).Message);
        form.Code = "OTH2";
        form.TimeZone = "Mars/Olympus";
        Assert.Contains("not a time zone this server knows", (await Properties.UpdateAsync(form, ct)).Message);

        form.TimeZone = "Europe/Berlin";
        form.Name = "Other Hotel Berlin";
        form.IsActive = false;
        Assert.True((await Properties.UpdateAsync(form, ct)).Succeeded);
        var saved = (await Properties.GetAllAsync(ct)).Single(p => p.Id == oth.Id);
        Assert.Equal(("OTH2", "Other Hotel Berlin", "Europe/Berlin", false), (saved.Code, saved.Name, saved.TimeZone, saved.IsActive));

        // Inactive: gone from the pickers of non-administrators, even with access.
        await using (var db = await _database.CreateDbContextAsync())
        {
            db.UserProperties.Add(new UserPropertyAccess { UserId = "revenue", PropertyId = oth.Id });
            await db.SaveChangesAsync(ct);
        }
        _database.CurrentUser.User = TestData.Revenue;
        Assert.Equal(["TST"], (await _database.Get<IPropertyService>().GetVisibleAsync(ct)).Select(p => p.Code));
    }

    [Fact]
    public async Task Bootstrap_NoAdministrator_CreatesOnceThenDoesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AdministratorBootstrap.EmailKey] = "boss@hotel.test",
            [AdministratorBootstrap.PasswordKey] = "Bootstrap1!",
        }).Build();

        var first = await _scope.ServiceProvider.EnsureBootstrapAdministratorAsync(configuration, ct);
        var second = await _scope.ServiceProvider.EnsureBootstrapAdministratorAsync(configuration, ct);

        Assert.True(first);
        Assert.False(second);
        var admin = Assert.Single(await UserManager.GetUsersInRoleAsync(Roles.Administrator));
        Assert.Equal("boss@hotel.test", admin.Email);
        Assert.True(await UserManager.CheckPasswordAsync(admin, "Bootstrap1!"));
        var row = Assert.Single(await Users.GetUsersAsync(ct), u => u.Id == admin.Id);
        Assert.True(row.AllProperties);
    }

    [Fact]
    public async Task Bootstrap_KeysMissing_DoesNothing()
    {
        var configuration = new ConfigurationBuilder().Build();

        Assert.False(await _scope.ServiceProvider.EnsureBootstrapAdministratorAsync(configuration, TestContext.Current.CancellationToken));
        Assert.Empty(await UserManager.GetUsersInRoleAsync(Roles.Administrator));
    }
}
