using System.Net;
using UpsellAdmin.Web.Components;

namespace UpsellAdmin.Web.Tests.Components.Account;

/// <summary>Logout over HTTP on the real app: it needs the form's antiforgery token, and it ends the session server side.</summary>
public sealed class LogoutTests : IAsyncLifetime
{
    private readonly AccountFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AnotherSite_PostsToLogoutWithoutTheToken_IsRefused_AndTheUserStaysSignedIn()
    {
        var ct = TestContext.Current.CancellationToken;
        using var browser = _app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await AccountFactory.LogInAsync(browser)).StatusCode);

        var forged = await browser.PostAsync(PageUrls.Logout, new FormUrlEncodedContent([]), ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(AccountFactory.AuthCookieSetBy(forged));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(PageUrls.UpsellRules, ct)).StatusCode);
    }

    [Fact]
    public async Task AttackerCapturedTheCookie_ReplaysItRightAfterTheUserLoggedOut_GetsNeitherAPageNorACircuit()
    {
        var ct = TestContext.Current.CancellationToken;
        using var browser = _app.Browser();
        var login = await AccountFactory.LogInAsync(browser);
        var captured = AccountFactory.AuthCookieSetBy(login);
        Assert.NotNull(captured);
        using var attacker = _app.Replaying(captured);
        Assert.Equal(HttpStatusCode.OK, (await attacker.GetAsync(PageUrls.UpsellRules, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Negotiate(attacker)).StatusCode);

        // The user presses Logout: the form carries the token of the signed-in user.
        var token = await AccountFactory.AntiforgeryTokenAsync(browser);
        var logout = await browser.PostAsync(PageUrls.Logout, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(PageUrls.Login, logout.Headers.Location?.ToString());

        // At once (no stamp-validation interval to wait for): the page sends to the login, the circuit does not open.
        Assert.True(AccountFactory.IsRedirectToLogin(await attacker.GetAsync(PageUrls.UpsellRules, ct)));
        var circuit = await Negotiate(attacker);
        Assert.NotEqual(HttpStatusCode.OK, circuit.StatusCode);
        Assert.True(AccountFactory.IsRedirectToLogin(circuit) || circuit.StatusCode == HttpStatusCode.Unauthorized, $"negotiate answered {circuit.StatusCode}");
        Assert.True(AccountFactory.IsRedirectToLogin(await browser.GetAsync(PageUrls.UpsellRules, ct)));
    }

    /// <summary>The first request a Blazor Server page makes to open its circuit.</summary>
    private static Task<HttpResponseMessage> Negotiate(HttpClient client) =>
        client.PostAsync("/_blazor/negotiate?negotiateVersion=1", new StringContent(""), TestContext.Current.CancellationToken);
}
