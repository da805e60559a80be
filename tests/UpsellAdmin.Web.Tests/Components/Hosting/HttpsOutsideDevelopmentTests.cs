using System.Net;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Tests.Components.Account;

namespace UpsellAdmin.Web.Tests.Components.Hosting;

/// <summary>Outside Development: HTTP is redirected to HTTPS, HTTPS answers carry HSTS, cookies are Secure.</summary>
public sealed class HttpsOutsideDevelopmentTests : IAsyncLifetime
{
    private readonly AccountFactory _app = new(new Dictionary<string, string?>
    {
        ["https_port"] = "443",
        // Outside Development the app needs a real Mews (never called here: the sync is off).
        ["Connector:BaseUrl"] = "http://mews.invalid",
        ["Connector:ClientToken"] = "test",
        ["Connector:AccessToken"] = "test",
    }, environment: "Production");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Browser_OpensTheAppOverHttp_IsRedirectedToHttps()
    {
        using var browser = _app.Browser("http://upsell.example");

        var response = await browser.GetAsync(PageUrls.Login, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://upsell.example/Account/Login", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Browser_SignsInOverHttps_GetsHstsAndOnlySecureCookies()
    {
        using var browser = _app.Browser("https://upsell.example");

        var page = await browser.GetAsync(PageUrls.Login, TestContext.Current.CancellationToken);
        var login = await AccountFactory.LogInAsync(browser);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookies = page.Headers.GetValues("Set-Cookie").Concat(login.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith(AccountFactory.AuthCookie + "=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("; httponly", c, StringComparison.OrdinalIgnoreCase));
    }
}
