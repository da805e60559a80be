using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using static Microsoft.Playwright.Assertions;
using static UpsellAdmin.EndToEnd.Admin.AdminUi;
using UpsellAdmin.Web.Components;

namespace UpsellAdmin.EndToEnd.Admin;

/// <summary>
/// The Properties page in Chromium over the real app, as the demo Administrator, on the properties
/// <see cref="AdminAppFixture"/> seeds (one per test). The page has no New button: properties come from the Mews sync.
/// </summary>
[Collection(AdminCollection.Name)]
[Trait("Category", "E2E")]
public sealed class PropertiesEndToEndTests(AdminAppFixture app)
{
    // Grid columns: Code, Name, Currency, Time zone, Mews enterprise id, Mews chain id, Active, actions.
    private const int NameCell = 1;
    private const int CurrencyCell = 2;
    private const int TimeZoneCell = 3;
    private const int ActiveCell = 6;

    private static async Task OpenEditAsync(IPage page, string code)
    {
        await Row(page, code).Locator("[data-testid=property-edit]").ClickAsync();
        await Expect(Dialog(page)).ToContainTextAsync($"Edit property {code}");
        await Expect(page.Locator("[data-testid=property-field-code]")).ToHaveValueAsync(code);
    }

    private async Task<Property?> ReadPropertyAsync(int id)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await app.Db.CreateDbContextAsync(ct);
        return await db.Properties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
    }

    private async Task<Property> ReadPropertyAsync(string code)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await app.Db.CreateDbContextAsync(ct);
        return await db.Properties.AsNoTracking().SingleAsync(p => p.Code == code, ct);
    }

    [Fact]
    public async Task Administrator_EditsAPropertysCodeNameTimeZoneAndActive_SeenInTheGridAndStored()
    {
        var seeded = await ReadPropertyAsync(AdminAppFixture.EditCode);
        const string newCode = "HARBOUR-VIEW";

        // From the Users page through the menu, as an administrator finds it.
        var (page, errors) = await app.LogInAsync(AdminEmail, PageUrls.AdminUsers);
        await page.ClickAsync("[data-testid=nav-properties]");
        await page.WaitForURLAsync(url => url.EndsWith(PageUrls.AdminProperties, StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Properties" })).ToBeVisibleAsync();
        var row = Row(page, AdminAppFixture.EditCode);
        await Expect(Cell(row, NameCell)).ToHaveTextAsync(AdminAppFixture.EditName);
        await Expect(Cell(row, CurrencyCell)).ToHaveTextAsync(AdminAppFixture.Currency);
        await Expect(Cell(row, TimeZoneCell)).ToHaveTextAsync(AdminAppFixture.TimeZone);
        await Expect(Cell(row, 4)).ToHaveTextAsync("not linked");
        await Expect(Cell(row, ActiveCell)).Not.ToContainTextAsync("Inactive");
        await AppFixture.ScreenshotAsync(page, "admin-properties");

        await OpenEditAsync(page, AdminAppFixture.EditCode);
        await Expect(page.Locator("[data-testid=property-field-code]")).ToBeEnabledAsync();
        await page.FillAsync("[data-testid=property-field-code]", newCode);
        await page.FillAsync("[data-testid=property-field-name]", "Harbour View Hotel");
        await page.FillAsync("[data-testid=property-field-time-zone]", "Europe/London");
        await ToggleAsync(page, "property-field-active");
        await Expect(Dialog(page)).ToContainTextAsync("Hidden from the property pickers of everyone but Administrators");
        await AppFixture.ScreenshotAsync(page, "admin-property-edit");
        await page.ClickAsync("[data-testid=property-save]");
        await Expect(Snackbar(page, $"Property {newCode} saved")).ToBeVisibleAsync();
        await Expect(Dialog(page)).ToHaveCountAsync(0);

        var edited = Row(page, newCode);
        await Expect(Cell(edited, NameCell)).ToHaveTextAsync("Harbour View Hotel");
        await Expect(Cell(edited, TimeZoneCell)).ToHaveTextAsync("Europe/London");
        await Expect(Cell(edited, ActiveCell)).ToHaveTextAsync("Inactive");
        await Expect(Row(page, AdminAppFixture.EditCode)).ToHaveCountAsync(0);

        var stored = await ReadPropertyAsync(seeded.Id);
        Assert.NotNull(stored);
        Assert.Equal((newCode, "Harbour View Hotel", "Europe/London", false, AdminAppFixture.Currency),
            (stored.Code, stored.Name, stored.TimeZone, stored.IsActive, stored.CurrencyCode));
        Assert.Empty(errors);
    }

    /// <summary>One bad value at a time on <see cref="AdminAppFixture.InvalidCode"/>: the message under the field, the dialog stays open, nothing changes.</summary>
    [Theory]
    [InlineData("property-field-code", "", "Enter a code.")]
    [InlineData("property-field-code", AdminAppFixture.TakenCode, "Another property already has the code ALPINE.")]
    [InlineData("property-field-name", "", "Enter a name.")]
    [InlineData("property-field-time-zone", "", "Enter a time zone, e.g. Europe/London.")]
    [InlineData("property-field-time-zone", "Mars/Olympus",
        "\"Mars/Olympus\" is not a time zone this server knows. Use an IANA id such as Europe/London or America/New_York.")]
    public async Task Administrator_EntersABadValue_SeesTheMessageInTheDialog_AndNothingIsSaved(string field, string value, string message)
    {
        var before = await ReadPropertyAsync(AdminAppFixture.InvalidCode);
        var (page, errors) = await app.LogInAsync(AdminEmail, PageUrls.AdminProperties);

        await OpenEditAsync(page, AdminAppFixture.InvalidCode);
        await page.FillAsync($"[data-testid={field}]", value);
        await page.ClickAsync("[data-testid=property-save]");
        await Expect(FieldError(page, message)).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=property-save]")).ToBeEnabledAsync();
        await AppFixture.ScreenshotAsync(page, $"admin-property-invalid-{field}-{(value.Length == 0 ? "empty" : value)}".Replace('/', '_'));
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(Dialog(page)).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "saved" })).ToHaveCountAsync(0);

        var row = Row(page, AdminAppFixture.InvalidCode);
        await Expect(Cell(row, NameCell)).ToHaveTextAsync(AdminAppFixture.InvalidName);
        await Expect(Cell(row, TimeZoneCell)).ToHaveTextAsync(AdminAppFixture.TimeZone);
        var after = await ReadPropertyAsync(before.Id);
        Assert.NotNull(after);
        Assert.Equal((before.Code, before.Name, before.TimeZone, before.IsActive), (after.Code, after.Name, after.TimeZone, after.IsActive));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task PropertyWithRules_KeepsItsCode_ButItsNameCanChange()
    {
        var seeded = await ReadPropertyAsync(AdminAppFixture.WithRulesCode);
        var (page, errors) = await app.LogInAsync(AdminEmail, PageUrls.AdminProperties);

        await OpenEditAsync(page, AdminAppFixture.WithRulesCode);
        var code = page.Locator("[data-testid=property-field-code]");
        await Expect(code).ToBeDisabledAsync();
        await Expect(Dialog(page)).ToContainTextAsync("The code cannot change: 1 upsell rule");
        await AppFixture.ScreenshotAsync(page, "admin-property-code-locked");
        await page.FillAsync("[data-testid=property-field-name]", "Riverside Suites & Spa");
        await page.ClickAsync("[data-testid=property-save]");
        await Expect(Snackbar(page, $"Property {AdminAppFixture.WithRulesCode} saved")).ToBeVisibleAsync();
        await Expect(Cell(Row(page, AdminAppFixture.WithRulesCode), NameCell)).ToHaveTextAsync("Riverside Suites & Spa");

        var stored = await ReadPropertyAsync(seeded.Id);
        Assert.NotNull(stored);
        Assert.Equal((AdminAppFixture.WithRulesCode, "Riverside Suites & Spa"), (stored.Code, stored.Name));
        Assert.Empty(errors);
    }
}
