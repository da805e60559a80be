using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using UpsellAdmin.Web.Components;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.Account;

/// <summary>The demo app as shipped (default session and headers), 3 sign-in attempts per account and minute.</summary>
public sealed class SecurityAppFixture : AppFixture
{
    public const int AttemptsPerAccount = 3;

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.UseSetting("RateLimiting:LoginPerAccount", AttemptsPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>Logout and the Content-Security-Policy in Chromium.</summary>
[Trait("Category", "E2E")]
public sealed class SecurityEndToEndTests(SecurityAppFixture app) : IClassFixture<SecurityAppFixture>
{
    private static readonly string[] Screens =
    [
        PageUrls.UpsellConfiguration, PageUrls.UpsellRules, PageUrls.UpsellDesk, PageUrls.UpsellActivity, PageUrls.UpsellQuote,
        PageUrls.LoyaltyPrograms, PageUrls.Sync, PageUrls.AdminUsers, PageUrls.AdminProperties,
    ];

    [Fact]
    public async Task Someone_GuessesAPasswordTooOften_TheLoginPageSaysWhenToTryAgain()
    {
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + PageUrls.Login);
        for (var i = 0; i < SecurityAppFixture.AttemptsPerAccount; i++)
        {
            await AppFixture.SubmitLoginAsync(page, "guessed@demo.local", $"Guess-{i}-x!");
            await Expect(page.Locator("[data-testid=login-error]")).ToHaveTextAsync("Invalid email or password.");
        }

        await AppFixture.SubmitLoginAsync(page, "guessed@demo.local", "Guess-again-x!");

        await Expect(page.Locator("[data-testid=login-error]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Too many sign-in attempts\. Try again in \d+ seconds\.$"));
        await AppFixture.ScreenshotAsync(page, "login-too-many-attempts");
        Assert.DoesNotContain(errors, e => !e.Contains("429", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task User_LogsOut_ACopyOfTheCookieTakenBefore_OpensNothingInAnotherBrowser()
    {
        var (page, errors) = await app.LogInAsync("frontdesk@demo.local");
        var cookies = await page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == ".AspNetCore.Identity.Application");

        await page.ClickAsync("[data-testid=logout]");
        await page.WaitForURLAsync(url => url.Contains(PageUrls.Login, StringComparison.OrdinalIgnoreCase));

        var thief = await app.Browser.NewContextAsync();
        await thief.AddCookiesAsync(cookies.Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure,
        }));
        var stolen = await thief.NewPageAsync();
        await stolen.GotoAsync(app.BaseUrl + PageUrls.UpsellDesk);
        await stolen.WaitForURLAsync(url => url.Contains(PageUrls.Login, StringComparison.OrdinalIgnoreCase));
        await Expect(stolen.Locator("[data-testid=login-submit]")).ToBeVisibleAsync();
        Assert.Empty(errors);
        await thief.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Administrator_OpensEveryScreen_UnderTheContentSecurityPolicy_NothingIsBlocked()
    {
        var (page, errors) = await app.NewPageAsync();
        // Chromium reports a blocked script, style or connection as a console error; the event says which directive.
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        var policies = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document" && response.Headers.TryGetValue("content-security-policy", out var policy))
            {
                policies.Add(policy);
            }
        };
        await page.GotoAsync(app.BaseUrl + PageUrls.Login);
        await AppFixture.SubmitLoginAsync(page, "admin@demo.local", AppFixture.Password);
        await page.WaitForURLAsync(url => !url.Contains(PageUrls.Login, StringComparison.OrdinalIgnoreCase));

        foreach (var screen in Screens)
        {
            await page.GotoAsync(app.BaseUrl + screen);
            await page.Locator("[data-testid=interactive]").WaitForAsync();
            await Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync("admin@demo.local");
            await Expect(page.Locator("h1, .mud-typography-h5").First).ToBeVisibleAsync();
        }
        // A popover and a dialog (MudBlazor's inline styles and scripts at work).
        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellRules);
        await page.Locator("[data-testid=interactive]").WaitForAsync();
        await page.Locator("[data-testid=property-picker]").Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]").ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await AppFixture.ScreenshotAsync(page, "csp-upsell-rules");

        Assert.True(policies.Count >= Screens.Length + 2, $"{policies.Count} documents with a policy"); // login, every screen, Upsell Rules again
        Assert.All(policies, p => Assert.Contains("script-src 'self' 'nonce-", p, StringComparison.Ordinal));
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}
