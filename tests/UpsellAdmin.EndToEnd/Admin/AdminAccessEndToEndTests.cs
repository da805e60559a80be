using Microsoft.Playwright;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.Accounts;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.Admin;

/// <summary>The Users and Properties pages are for Administrators only: the others neither see them in the menu nor open them.</summary>
[Collection(AdminCollection.Name)]
[Trait("Category", "E2E")]
public sealed class AdminAccessEndToEndTests(AdminAppFixture app)
{
    [Theory]
    [InlineData("revenue@demo.local", "Revenue Manager")]
    [InlineData("frontdesk@demo.local", "Front Desk (sells; set-up read only)")]
    public async Task NonAdministrator_SeesNoAdministrationInTheMenu_AndIsTurnedAwayFromUsersAndProperties(string email, string roleLabel)
    {
        var (page, errors) = await app.LogInAsync(email);
        await Expect(page.Locator("[data-testid=user-role]")).ToHaveTextAsync(roleLabel);

        // The menu: the everyday entries, no Administration section.
        var nav = page.Locator("[data-testid=nav]");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Upsell Rules" })).ToBeVisibleAsync();
        await Expect(nav).Not.ToContainTextAsync("Administration");
        await Expect(page.Locator("[data-testid=nav-users]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=nav-properties]")).ToHaveCountAsync(0);
        await Expect(nav.Locator($"a[href='{PageUrls.AdminUsers}'], a[href='{PageUrls.AdminProperties}']")).ToHaveCountAsync(0);

        // Navigating inside the app (the circuit's router): a warning in place of the page.
        await page.EvaluateAsync("url => Blazor.navigateTo(url)", PageUrls.AdminUsers);
        await page.WaitForURLAsync(url => url.EndsWith(PageUrls.AdminUsers, StringComparison.Ordinal));
        await Expect(page.GetByText("You do not have access to this page.")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=users-grid]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=user-new]")).ToHaveCountAsync(0);
        await AppFixture.ScreenshotAsync(page, $"admin-users-in-app-{email.Split('@')[0]}");

        // Typing the address (a full page load): the server sends them to Access denied.
        foreach (var (url, grid) in new[] { (PageUrls.AdminUsers, "users-grid"), (PageUrls.AdminProperties, "properties-grid") })
        {
            await page.GotoAsync(app.BaseUrl + url);
            await page.WaitForURLAsync(u => u.Contains(PageUrls.AccessDenied, StringComparison.OrdinalIgnoreCase));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
            await Expect(page.Locator($"[data-testid={grid}]")).ToHaveCountAsync(0);
        }
        await AppFixture.ScreenshotAsync(page, $"admin-access-denied-{email.Split('@')[0]}");

        Assert.Empty(errors);
    }
}
