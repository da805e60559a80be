using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.UpsellRules;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.Admin;

/// <summary>
/// The real app (demo data, demo users: admin@demo.local is its only Administrator) plus four properties the
/// Properties tests own, each with one purpose so that no test depends on another: <see cref="EditCode"/> (edited),
/// <see cref="InvalidCode"/> (bad input, must stay as seeded), <see cref="TakenCode"/> (a code already in use) and
/// <see cref="WithRulesCode"/> (one upsell rule, so its code is locked). No demo user has access to them.
/// </summary>
public sealed class AdminAppFixture : AppFixture
{
    public const string EditCode = "HARBOUR";
    public const string EditName = "Harbour Hotel";
    public const string InvalidCode = "MEADOW";
    public const string InvalidName = "Meadow Inn";
    public const string TakenCode = "ALPINE";
    public const string WithRulesCode = "RIVERSIDE";
    /// <summary>The seeded properties' currency and time zone.</summary>
    public const string Currency = "EUR";
    public const string TimeZone = "Europe/Vienna";

    protected override async Task SeedAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        var properties = new[]
        {
            (EditCode, EditName), (InvalidCode, InvalidName), (TakenCode, "Alpine Lodge"), (WithRulesCode, "Riverside Suites"),
        }.Select(p => new Property { Code = p.Item1, Name = p.Item2, CurrencyCode = Currency, TimeZone = TimeZone }).ToList();
        db.Properties.AddRange(properties);
        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        var rule = new UpsellRule
        {
            PropertyId = properties[^1].Id, Code = "RS-UP1", Description = "King to Deluxe", FromCode = "KNG", ToCode = "DLX",
            Formula = UpsellFormula.FlatAmountAddedToOriginalRate, UpsellAmount = 10, CurrencyCode = Currency, CreatedUtc = now, UpdatedUtc = now,
        };
        rule.RefreshFilterKinds();
        db.UpsellRules.Add(rule);
        await db.SaveChangesAsync();
    }
}

/// <summary>The Users, Properties and access tests share one app (they only touch users and properties of their own).</summary>
[CollectionDefinition(Name)]
public sealed class AdminCollection : ICollectionFixture<AdminAppFixture>
{
    public const string Name = "Administration E2E";
}

/// <summary>What the administration tests do in the browser: sign in with any password, fill the MudBlazor dialogs, read the grids.</summary>
internal static class AdminUi
{
    public const string Rows = "tbody.mud-table-body tr.mud-table-row";
    public const string AdminEmail = "admin@demo.local";

    /// <summary>A short value unique to one test run (emails, passwords).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>A password Identity accepts: upper, lower, digit, symbol.</summary>
    public static string PasswordFor(string id) => $"E2e-{id}-Pw1!";

    /// <summary>The grid row whose Email (or Code) cell is exactly <paramref name="key"/>.</summary>
    public static ILocator Row(IPage page, string key) =>
        page.Locator(Rows).Filter(new() { Has = page.Locator("td:first-child", new() { HasTextRegex = new Regex(@"^\s*" + Regex.Escape(key) + @"\s*$") }) });

    public static ILocator Cell(ILocator row, int index) => row.Locator("td").Nth(index);

    public static ILocator Snackbar(IPage page, string text) => page.Locator(".mud-snackbar").Filter(new() { HasText = text }).Last;

    public static ILocator Dialog(IPage page) => page.Locator(".mud-dialog");

    /// <summary>The red helper text under a dialog field.</summary>
    public static ILocator FieldError(IPage page, string text) =>
        Dialog(page).Locator(".mud-input-helper-text.mud-input-error").Filter(new() { HasText = text });

    /// <summary>Opens the MudSelect whose input carries <paramref name="testId"/> and clicks the entry starting with <paramref name="text"/>.</summary>
    public static async Task ChooseAsync(IPage page, string testId, string text, bool closes = true)
    {
        await page.Locator($"[data-testid={testId}]").Locator("xpath=ancestor::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(text)) }).First.ClickAsync();
        if (closes)
        {
            await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        }
    }

    /// <summary>Clicks a MudCheckBox / MudSwitch (the test id is on the input or on its wrapper).</summary>
    public static async Task ToggleAsync(IPage page, string testId)
    {
        var element = page.Locator($"[data-testid={testId}]");
        var input = await element.EvaluateAsync<string>("e => e.tagName") == "INPUT" ? element : element.Locator("input");
        await input.DispatchEventAsync("click");
    }

    /// <summary>A login that must be refused: returns the fresh page, still on the login form, showing its error.</summary>
    public static async Task<IPage> LogInRefusedAsync(AppFixture app, string email, string password)
    {
        var (page, _) = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + PageUrls.Login);
        await AppFixture.SubmitLoginAsync(page, email, password);
        await Expect(page.Locator("[data-testid=login-error]")).ToBeVisibleAsync();
        Assert.Contains(PageUrls.Login, page.Url, StringComparison.OrdinalIgnoreCase);
        return page;
    }

    /// <summary>
    /// New user through the Users page's dialog, as an administrator does it; waits for the snackbar and the row.
    /// <paramref name="propertyCodes"/> null = the All properties box.
    /// </summary>
    public static async Task CreateUserAsync(IPage page, string email, string displayName, string role, string password, IReadOnlyList<string>? propertyCodes,
        string? screenshot = null)
    {
        await page.ClickAsync("[data-testid=user-new]");
        await Expect(Dialog(page)).ToContainTextAsync("New user");
        await page.FillAsync("[data-testid=user-field-email]", email);
        await page.FillAsync("[data-testid=user-field-display-name]", displayName);
        await ChooseAsync(page, "user-field-role", Roles.Label(role));
        await Expect(page.Locator("[data-testid=user-field-role]")).ToHaveValueAsync(Roles.Label(role));
        await page.FillAsync("[data-testid=user-field-password]", password);
        if (propertyCodes is null)
        {
            await ToggleAsync(page, "user-field-all-properties");
            await Expect(page.Locator("[data-testid=user-field-properties]")).ToHaveCountAsync(0);
        }
        else
        {
            foreach (var code in propertyCodes)
            {
                await ChooseAsync(page, "user-field-properties", code + " - ", closes: false);
            }
            // Escape on the select itself (focus may be on the list after a click) closes the list, not the dialog.
            await page.Locator("[data-testid=user-field-properties]").PressAsync("Escape");
            await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid=user-field-properties]")).ToHaveValueAsync(string.Join(", ", propertyCodes));
        }
        if (screenshot is not null)
        {
            await AppFixture.ScreenshotAsync(page, screenshot);
        }
        await page.ClickAsync("[data-testid=user-save]");
        await Expect(Snackbar(page, $"User {email} created")).ToBeVisibleAsync();
        await Expect(Dialog(page)).ToHaveCountAsync(0);
        await Expect(Row(page, email)).ToBeVisibleAsync();
    }

    /// <summary>Opens Edit on the user's row, picks <paramref name="role"/> and presses Save (the dialog may stay open with an error).</summary>
    public static async Task ChangeRoleAsync(IPage page, string email, string role)
    {
        await Row(page, email).Locator("[data-testid=user-edit]").ClickAsync();
        await Expect(Dialog(page)).ToContainTextAsync($"Edit {email}");
        await Expect(page.Locator("[data-testid=user-field-email]")).ToHaveValueAsync(email);
        await ChooseAsync(page, "user-field-role", Roles.Label(role));
        await Expect(page.Locator("[data-testid=user-field-role]")).ToHaveValueAsync(Roles.Label(role));
        await page.ClickAsync("[data-testid=user-save]");
    }

    /// <summary>Presses Lock out on the user's row and confirms in the message box.</summary>
    public static async Task LockOutAsync(IPage page, string email)
    {
        await Row(page, email).GetByRole(AriaRole.Button, new() { Name = "Lock out", Exact = true }).ClickAsync();
        var box = Dialog(page);
        await Expect(box).ToContainTextAsync($"Lock out {email}?");
        await box.GetByRole(AriaRole.Button, new() { Name = "Lock out", Exact = true }).ClickAsync();
        await Expect(Dialog(page)).ToHaveCountAsync(0);
    }

    /// <summary>The user's roles and property codes in the database.</summary>
    public static async Task<(AppUser User, List<string?> Roles, List<string> PropertyCodes)> ReadUserAsync(AppFixture app, string email)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await app.Db.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email, ct);
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(ct);
        var codes = await db.UserProperties.Where(a => a.UserId == user.Id).Join(db.Properties, a => a.PropertyId, p => p.Id, (_, p) => p.Code)
            .OrderBy(c => c).ToListAsync(ct);
        return (user, roles, codes);
    }
}
