using Microsoft.Playwright;
using UpsellAdmin.Web.Features.Accounts;
using static Microsoft.Playwright.Assertions;
using static UpsellAdmin.EndToEnd.Admin.AdminUi;
using UpsellAdmin.Web.Components;

namespace UpsellAdmin.EndToEnd.Admin;

/// <summary>
/// The "last Administrator" guard rail on the Users page. It has an app of its own: it takes the Administrator role
/// away from admin@demo.local, which the other administration tests sign in as.
/// </summary>
[Trait("Category", "E2E")]
public sealed class LastAdministratorEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const int RoleCell = 2;
    private const int LockedCell = 4;

    /// <summary>
    /// Two administrators, A (the demo one) and B (new). B takes A's role away, so B is the last Administrator.
    /// A's page is still open (a signed-in session keeps its roles until it is revalidated) and A tries to demote
    /// and then lock B: both are refused with the last-Administrator message, and B stays an unlocked
    /// Administrator. (A sole administrator acting on their own row gets the "yourself" messages instead; see
    /// <see cref="UsersEndToEndTests.OnlyAdministrator_CannotDemoteOrLockThemself_AndThePageSaysWhy"/>.)
    /// </summary>
    [Fact]
    public async Task LastAdministrator_CannotBeDemotedOrLocked_AndThePageSaysSo()
    {
        var id = NewId();
        var second = $"admin-{id}@e2e.local";
        var password = PasswordFor(id);

        var (first, firstErrors) = await app.LogInAsync(AdminEmail, PageUrls.AdminUsers);
        await CreateUserAsync(first, second, "Second Admin", Roles.Administrator, password, propertyCodes: null);
        await Expect(Cell(Row(first, second), RoleCell)).ToHaveTextAsync(Roles.Label(Roles.Administrator));

        // B demotes A: allowed while there are two.
        var (other, otherErrors) = await app.LogInAsync(second, PageUrls.AdminUsers, password);
        await Expect(other.Locator("[data-testid=user-role]")).ToHaveTextAsync("Administrator");
        await ChangeRoleAsync(other, AdminEmail, Roles.RevenueManager);
        await Expect(Snackbar(other, $"User {AdminEmail} saved")).ToBeVisibleAsync();
        await Expect(Cell(Row(other, AdminEmail), RoleCell)).ToHaveTextAsync(Roles.Label(Roles.RevenueManager));
        Assert.Equal([Roles.RevenueManager], (await ReadUserAsync(app, AdminEmail)).Roles);
        Assert.Empty(otherErrors);

        // A, on the page still open, tries to demote B, the last Administrator.
        await ChangeRoleAsync(first, second, Roles.FrontDesk);
        await Expect(FieldError(first, $"{second} is the last Administrator. Make another user Administrator first.")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(first, "admin-demote-last-admin");
        await Dialog(first).GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(Dialog(first)).ToHaveCountAsync(0);

        // ... and to lock B.
        await LockOutAsync(first, second);
        await Expect(first.Locator("[data-testid=users-error]")).ToHaveTextAsync($"{second} is the last Administrator and cannot be locked.");
        await Expect(Cell(Row(first, second), LockedCell)).ToHaveTextAsync("");
        await AppFixture.ScreenshotAsync(first, "admin-lock-last-admin");

        var (user, roles, _) = await ReadUserAsync(app, second);
        Assert.Equal([Roles.Administrator], roles);
        Assert.Null(user.LockoutEnd);
        Assert.Empty(firstErrors);
    }
}
