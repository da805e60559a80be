using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using UpsellAdmin.Web.Components;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.Account;

/// <summary>The demo app with a 20-second idle timeout, open pages checked every second.</summary>
public sealed class ShortSessionAppFixture : AppFixture
{
    public const int IdleSeconds = 20;

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        builder.UseSetting("Session:IdleTimeout", TimeSpan.FromSeconds(IdleSeconds).ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Session:RevalidationInterval", "00:00:01");
        builder.UseSetting("Session:AbsoluteTimeout", "01:00:00");
    }
}

/// <summary>Sessions in Chromium: an open page nobody touches ends; one the user works in does not.</summary>
[Trait("Category", "E2E")]
public sealed class SessionEndToEndTests(ShortSessionAppFixture app) : IClassFixture<ShortSessionAppFixture>
{
    [Fact]
    public async Task User_LeavesAnOpenPageAlone_IsSignedOutAndTheLoginPageSaysWhy()
    {
        var (page, errors) = await app.LogInAsync("revenue@demo.local");

        // Nobody touches the page: within the idle timeout (+ the 1-second check) it goes to the login page.
        await page.WaitForURLAsync(url => url.Contains(PageUrls.Login, StringComparison.OrdinalIgnoreCase),
            new() { Timeout = (ShortSessionAppFixture.IdleSeconds + 30) * 1000 });
        await Expect(page.Locator("[data-testid=login-session-ended]"))
            .ToHaveTextAsync($"You were signed out after {ShortSessionAppFixture.IdleSeconds} seconds without activity.");
        Assert.Contains("ReturnUrl=%2Fupsell-rules", page.Url, StringComparison.Ordinal);
        await AppFixture.ScreenshotAsync(page, "session-idle-signed-out");

        // The cookie ran out too: the app asks for the password again.
        await page.GotoAsync(app.BaseUrl + PageUrls.UpsellRules);
        await page.WaitForURLAsync(url => url.Contains(PageUrls.Login, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(errors, e => !e.Contains("WebSocket", StringComparison.OrdinalIgnoreCase));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task User_KeepsWorkingInAnOpenPage_PastTheIdleTimeout_StaysSignedInEvenAfterAReload()
    {
        var (page, errors) = await app.LogInAsync("revenue@demo.local");
        await Expect(page.Locator("[data-testid=select-all]")).ToBeEnabledAsync();

        // Clicks only (no page loads) for twice the idle timeout: the circuit sees the clicks, the keep-alive renews the cookie.
        var until = DateTime.UtcNow.AddSeconds(2 * ShortSessionAppFixture.IdleSeconds);
        while (DateTime.UtcNow < until)
        {
            await page.ClickAsync("[data-testid=select-all]");
            await Expect(page.Locator("[data-testid=select-none]")).ToBeEnabledAsync();
            await page.ClickAsync("[data-testid=select-none]");
            await Expect(page.Locator("[data-testid=select-none]")).ToBeDisabledAsync();
            await page.WaitForTimeoutAsync(1500);
        }
        Assert.Contains(PageUrls.UpsellRules, page.Url, StringComparison.Ordinal);

        await page.ReloadAsync();

        await page.Locator("[data-testid=interactive]").WaitForAsync();
        Assert.Contains(PageUrls.UpsellRules, page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync("revenue@demo.local");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}
