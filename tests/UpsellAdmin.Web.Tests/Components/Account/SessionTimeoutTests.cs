using System.Net;
using UpsellAdmin.Web.Components;

namespace UpsellAdmin.Web.Tests.Components.Account;

/// <summary>The sign-in cookie's idle and absolute timeouts (defaults: 1 hour, 8 hours), on a clock the test moves.</summary>
public sealed class SessionTimeoutTests : IAsyncLifetime
{
    private readonly AccountFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task User_LeavesTheAppAloneForMoreThanAnHour_IsSentToTheLoginPage()
    {
        var ct = TestContext.Current.CancellationToken;
        using var browser = _app.Browser();
        await AccountFactory.LogInAsync(browser);
        _app.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(PageUrls.UpsellRules, ct)).StatusCode);

        _app.Clock.Advance(TimeSpan.FromMinutes(61));

        Assert.True(AccountFactory.IsRedirectToLogin(await browser.GetAsync(PageUrls.UpsellRules, ct)));
    }

    [Fact]
    public async Task User_WorkingInAnOpenPage_IsKeptSignedInByTheKeepAlive_ButNotPastEightHours()
    {
        var ct = TestContext.Current.CancellationToken;
        using var browser = _app.Browser();
        await AccountFactory.LogInAsync(browser);

        // Clicks in an open page make no HTTP request; the page's keep-alive renews the cookie (every 15 minutes of
        // activity at the default idle timeout). Here it is called every 40 minutes: each call renews the cookie.
        for (var elapsed = TimeSpan.FromMinutes(40); elapsed < TimeSpan.FromHours(8); elapsed += TimeSpan.FromMinutes(40))
        {
            _app.Clock.Advance(TimeSpan.FromMinutes(40));
            var keepAlive = await browser.GetAsync(PageUrls.KeepAlive, ct);
            Assert.True(keepAlive.StatusCode == HttpStatusCode.NoContent, $"keep-alive after {elapsed} answered {keepAlive.StatusCode}");
            Assert.NotNull(AccountFactory.AuthCookieSetBy(keepAlive));
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(PageUrls.UpsellRules, ct)).StatusCode); // 7 h 20 min

        _app.Clock.Advance(TimeSpan.FromMinutes(40)); // 8 h after the password was entered

        Assert.True(AccountFactory.IsRedirectToLogin(await browser.GetAsync(PageUrls.UpsellRules, ct)));
        var afterwards = await browser.GetAsync(PageUrls.KeepAlive, ct);
        // An endpoint, not a page: .NET answers 401 rather than the redirect.
        Assert.True(afterwards.StatusCode == HttpStatusCode.Unauthorized, $"keep-alive after 8 hours answered {afterwards.StatusCode} {afterwards.Headers.Location}");
    }

    [Fact]
    public async Task OpenPage_SignedOutForBeingIdle_TheLoginPageSaysWhy()
    {
        var ct = TestContext.Current.CancellationToken;
        using var browser = _app.Browser();

        var page = await browser.GetAsync(PageUrls.LoginWithReturn(PageUrls.UpsellRules) + "&reason=idle", ct);

        Assert.Contains("You were signed out after 1 hour without activity.", await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }
}
