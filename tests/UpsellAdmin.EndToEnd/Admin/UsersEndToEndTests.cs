using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.Accounts;
using static Microsoft.Playwright.Assertions;
using static UpsellAdmin.EndToEnd.Admin.AdminUi;

namespace UpsellAdmin.EndToEnd.Admin;

/// <summary>The Users page in Chromium over the real app, as the demo Administrator; every test creates users of its own.</summary>
[Collection(AdminCollection.Name)]
[Trait("Category", "E2E")]
public sealed class UsersEndToEndTests(AdminAppFixture app)
{
    // Grid columns: Email, Display name, Role, Properties, Locked out, actions.
    private const int RoleCell = 2;
    private const int PropertiesCell = 3;
    private const int LockedCell = 4;

    [Fact]
    public async Task Administrator_CreatesAFrontDeskUserWithOneProperty_WhoSignsInWithThatPassword_SeesOnlyThatProperty_AndCannotEditRules()
    {
        var ct = TestContext.Current.CancellationToken;
        // The property to give: one of the demo sync's, with upsell rules (so the new user has rules to look at).
        int propertyId;
        string propertyCode;
        await using (var db = await app.Db.CreateDbContextAsync(ct))
        {
            (propertyId, propertyCode) = await db.Properties
                .Where(p => p.IsActive && p.MewsEnterpriseId != null && db.UpsellRules.Any(r => r.PropertyId == p.Id))
                .OrderBy(p => p.Code).Select(p => ValueTuple.Create(p.Id, p.Code)).FirstAsync(ct);
            Assert.True(await db.Properties.CountAsync(ct) > 1, "the test needs more than one property to prove the new user sees only one");
        }
        var id = NewId();
        var email = $"fd-{id}@e2e.local";
        var password = PasswordFor(id);

        var (page, errors) = await app.LogInAsync(AdminEmail, PageUrls.AdminUsers);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=nav-users]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=nav-properties]")).ToBeVisibleAsync();
        await Expect(Cell(Row(page, AdminEmail), RoleCell)).ToHaveTextAsync(Roles.Label(Roles.Administrator));
        await Expect(Cell(Row(page, AdminEmail), PropertiesCell)).ToHaveTextAsync("All properties");
        await Expect(Cell(Row(page, "frontdesk@demo.local"), RoleCell)).ToHaveTextAsync(Roles.Label(Roles.FrontDesk));

        await CreateUserAsync(page, email, "Fran Newman", Roles.FrontDesk, password, [propertyCode], screenshot: "admin-user-new");
        var row = Row(page, email);
        await Expect(Cell(row, 1)).ToHaveTextAsync("Fran Newman");
        await Expect(Cell(row, RoleCell)).ToHaveTextAsync(Roles.Label(Roles.FrontDesk));
        await Expect(Cell(row, PropertiesCell)).ToHaveTextAsync(propertyCode);
        await Expect(Cell(row, LockedCell)).ToHaveTextAsync("");
        await AppFixture.ScreenshotAsync(page, "admin-users");

        var (user, roles, codes) = await ReadUserAsync(app, email);
        Assert.Equal("Fran Newman", user.DisplayName);
        Assert.Equal([Roles.FrontDesk], roles);
        Assert.Equal([propertyCode], codes);

        // The administrator logs out: the admin pages then ask for a login again.
        await page.ClickAsync("[data-testid=logout]");
        await page.WaitForURLAsync(url => url.Contains(PageUrls.Login, StringComparison.OrdinalIgnoreCase));
        await page.GotoAsync(app.BaseUrl + PageUrls.AdminUsers);
        await page.WaitForURLAsync(url => url.Contains(PageUrls.Login, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(errors);

        // The new user, in a fresh browser, with the password the administrator chose.
        var (mine, myErrors) = await app.LogInAsync(email, password: password);
        await Expect(mine.Locator("[data-testid=user-role]")).ToHaveTextAsync("Front Desk (sells; set-up read only)");
        await Expect(mine.Locator(Rows).First).ToBeVisibleAsync();
        await mine.Locator("[data-testid=property-picker]").Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]").ClickAsync();
        var offered = mine.Locator(".mud-popover-open .mud-list-item");
        await Expect(offered).ToHaveCountAsync(1);
        await Expect(offered.First).ToContainTextAsync($"{propertyCode} - ");
        await mine.Keyboard.PressAsync("Escape");
        await Expect(mine.Locator("[data-testid=new-rule]")).ToHaveCountAsync(0);
        await Expect(mine.Locator("[data-testid=nav-users]")).ToHaveCountAsync(0);
        await Expect(mine.Locator("[data-testid=nav-properties]")).ToHaveCountAsync(0);

        // A rule opens read-only.
        await mine.Locator(Rows).First.Locator("[data-testid=rule-code]").ClickAsync();
        await Expect(mine.Locator("[data-testid=read-only]")).ToBeVisibleAsync();
        await Expect(mine.Locator("[data-testid=save]")).ToHaveCountAsync(0);
        await Expect(mine.Locator("[data-testid=field-code]")).ToHaveAttributeAsync("readonly", "");
        await AppFixture.ScreenshotAsync(mine, "admin-new-frontdesk-user");
        Assert.Empty(myErrors);
        await mine.Context.CloseAsync();

        // Its visible property in the database is still the one property only.
        await using var check = await app.Db.CreateDbContextAsync(ct);
        Assert.Equal([propertyId], await check.UserProperties.Where(a => a.UserId == user.Id).Select(a => a.PropertyId).ToListAsync(ct));
    }

    [Fact]
    public async Task Administrator_ChangesTheRole_ResetsThePassword_LocksAndUnlocksAUser()
    {
        var id = NewId();
        var email = $"rm-{id}@e2e.local";
        var firstPassword = PasswordFor(id);
        var newPassword = PasswordFor(NewId());

        var (page, errors) = await app.LogInAsync(AdminEmail, PageUrls.AdminUsers);
        await CreateUserAsync(page, email, "Remi Rota", Roles.RevenueManager, firstPassword, propertyCodes: null);
        var row = Row(page, email);
        await Expect(Cell(row, RoleCell)).ToHaveTextAsync(Roles.Label(Roles.RevenueManager));
        await Expect(Cell(row, PropertiesCell)).ToHaveTextAsync("All properties");

        // Role: Revenue Manager -> Front Desk.
        await ChangeRoleAsync(page, email, Roles.FrontDesk);
        await Expect(Snackbar(page, $"User {email} saved")).ToBeVisibleAsync();
        await Expect(Dialog(page)).ToHaveCountAsync(0);
        await Expect(Cell(row, RoleCell)).ToHaveTextAsync(Roles.Label(Roles.FrontDesk));
        Assert.Equal([Roles.FrontDesk], (await ReadUserAsync(app, email)).Roles);

        // Password: a weak one is refused with Identity's rules and changes nothing; a good one is set.
        var hashBefore = (await ReadUserAsync(app, email)).User.PasswordHash;
        await row.Locator("[data-testid=user-reset-password]").ClickAsync();
        await Expect(Dialog(page)).ToContainTextAsync($"Reset password of {email}");
        await page.FillAsync("[data-testid=password-field]", "weak");
        await page.ClickAsync("[data-testid=password-save]");
        await Expect(FieldError(page, "Passwords must be at least 6 characters.")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "admin-user-password-weak");
        Assert.Equal(hashBefore, (await ReadUserAsync(app, email)).User.PasswordHash);
        await page.FillAsync("[data-testid=password-field]", newPassword);
        await page.ClickAsync("[data-testid=password-save]");
        await Expect(Snackbar(page, $"New password set for {email}")).ToBeVisibleAsync();
        await Expect(Dialog(page)).ToHaveCountAsync(0);
        Assert.NotEqual(hashBefore, (await ReadUserAsync(app, email)).User.PasswordHash);

        // Lock out: confirmed, shown in the grid, stored, and the user cannot sign in even with the right password.
        await LockOutAsync(page, email);
        await Expect(Snackbar(page, $"{email} is locked out")).ToBeVisibleAsync();
        await Expect(Cell(row, LockedCell)).ToHaveTextAsync("Locked");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Unlock", Exact = true })).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "admin-user-locked");
        var locked = (await ReadUserAsync(app, email)).User;
        Assert.True(locked.LockoutEnd > DateTimeOffset.UtcNow.AddYears(100), $"LockoutEnd {locked.LockoutEnd}");
        var lockedPage = await LogInRefusedAsync(app, email, newPassword);
        await Expect(lockedPage.Locator("[data-testid=login-error]")).ToHaveTextAsync("An administrator has locked this account. Ask an administrator to unlock it.");
        await AppFixture.ScreenshotAsync(lockedPage, "admin-login-locked-user");
        await lockedPage.Context.CloseAsync();

        // Unlock: no confirmation needed.
        await row.GetByRole(AriaRole.Button, new() { Name = "Unlock", Exact = true }).ClickAsync();
        await Expect(Snackbar(page, $"{email} can sign in again")).ToBeVisibleAsync();
        await Expect(Cell(row, LockedCell)).ToHaveTextAsync("");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Lock out", Exact = true })).ToBeVisibleAsync();
        Assert.Null((await ReadUserAsync(app, email)).User.LockoutEnd);
        Assert.Empty(errors);

        // The user signs in with the new password and has the new role; the old password no longer works.
        // Last on purpose: the administrator's open page keeps (in its circuit's Identity DbContext) the user row it
        // loaded, so once a login attempt has changed that row (failed-attempt count), the page's next Edit, Reset
        // password or Lock out fails with "Optimistic concurrency failure, object has been modified." until a reload.
        var (theirs, theirErrors) = await app.LogInAsync(email, password: newPassword);
        await Expect(theirs.Locator("[data-testid=user-role]")).ToHaveTextAsync("Front Desk (sells; set-up read only)");
        // The Upsell Rules page has loaded (its first property, a seeded one, may have no rules), without New.
        await Expect(theirs.Locator($"{Rows}, [data-testid=empty-state]").First).ToBeVisibleAsync();
        await Expect(theirs.Locator("[data-testid=new-rule]")).ToHaveCountAsync(0);
        Assert.Empty(theirErrors);
        await theirs.Context.CloseAsync();
        var refused = await LogInRefusedAsync(app, email, firstPassword);
        await Expect(refused.Locator("[data-testid=login-error]")).ToHaveTextAsync("Invalid email or password.");
        await refused.Context.CloseAsync();
    }

    [Fact]
    public async Task OnlyAdministrator_CannotDemoteOrLockThemself_AndThePageSaysWhy()
    {
        var ct = TestContext.Current.CancellationToken;
        var (page, errors) = await app.LogInAsync(AdminEmail, PageUrls.AdminUsers);
        await using (var db = await app.Db.CreateDbContextAsync(ct))
        {
            var administrators = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .CountAsync(x => x.Name == Roles.Administrator, ct);
            Assert.Equal(1, administrators);
        }
        var row = Row(page, AdminEmail);

        // Demote: the dialog stays open with the reason on the Role field.
        await ChangeRoleAsync(page, AdminEmail, Roles.RevenueManager);
        await Expect(FieldError(page, "You cannot remove your own Administrator role. Ask another administrator to do it.")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=user-save]")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "admin-demote-self");
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(Dialog(page)).ToHaveCountAsync(0);
        await Expect(Cell(row, RoleCell)).ToHaveTextAsync(Roles.Label(Roles.Administrator));
        Assert.Equal([Roles.Administrator], (await ReadUserAsync(app, AdminEmail)).Roles);

        // Lock out: refused after the confirmation, with the reason above the grid.
        await LockOutAsync(page, AdminEmail);
        await Expect(page.Locator("[data-testid=users-error]")).ToHaveTextAsync("You cannot lock yourself out.");
        await AppFixture.ScreenshotAsync(page, "admin-lock-self");
        await Expect(Cell(row, LockedCell)).ToHaveTextAsync("");
        Assert.Null((await ReadUserAsync(app, AdminEmail)).User.LockoutEnd);

        Assert.Empty(errors);
    }
}
