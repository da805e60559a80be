using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Components.Account;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Tests.Components.Account;

/// <summary>The login form over HTTP on the real app: where it sends the user, and what an unknown account costs.</summary>
public sealed class LoginTests : IAsyncLifetime
{
    private readonly CountingPasswordHasher _hasher = new();
    private readonly AccountFactory _app;

    public LoginTests()
    {
        // Many sign-ins of one account in a minute: the limits are not what is tested here.
        _app = new AccountFactory(new Dictionary<string, string?>
        {
            ["RateLimiting:LoginPerAccount"] = "0",
            ["RateLimiting:LoginPerIp"] = "0",
        })
        {
            TestServices = services => services.AddSingleton<IPasswordHasher<AppUser>>(_hasher),
        };
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static readonly string[] OffSite =
    [
        "https://evil.example/",
        "http://evil.example/upsell-rules",
        "//evil.example",
        "//evil.example/upsell-rules",
        "/\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "%2F%2Fevil.example",
        "http:evil.example",
        "https:/evil.example",
        "/\t/evil.example",
        "/\r\n/evil.example",
        " //evil.example",
        "evil.example",
        "~/../evil",
    ];

    public static TheoryData<string> OffSiteReturnUrls => new(OffSite);

    [Theory]
    [MemberData(nameof(OffSiteReturnUrls))]
    public async Task User_SignsInFromALinkWithAnOffSiteReturnUrl_LandsOnTheHomePage(string returnUrl)
    {
        using var browser = _app.Browser();

        var response = await AccountFactory.LogInAsync(browser, returnUrl: returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(browser.BaseAddress!, response.Headers.Location!);
        Assert.Equal("localhost", location.Host);
        Assert.Equal(PageUrls.Home, location.AbsolutePath);
        Assert.NotNull(AccountFactory.AuthCookieSetBy(response));
    }

    [Theory]
    [InlineData("/upsell-rules")]
    [InlineData("/upsell-rules?property=2")]
    [InlineData("/upsell-desk#arrivals")]
    [InlineData("/")]
    public async Task User_SignsInFromALinkToAPageOfTheApp_LandsOnThatPage(string returnUrl)
    {
        using var browser = _app.Browser();

        var response = await AccountFactory.LogInAsync(browser, returnUrl: returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(browser.BaseAddress!, response.Headers.Location!);
        Assert.Equal("localhost", location.Host);
        Assert.Equal(returnUrl, location.PathAndQuery + location.Fragment);
    }

    [Fact]
    public async Task Attacker_ProbesForAccounts_AnUnknownEmailRunsThePasswordHasherLikeAKnownOne()
    {
        using var browser = _app.Browser();
        _hasher.Reset();

        var unknown = await AccountFactory.LogInAsync(browser, "nobody@account.test", "Wrong-Password-1!");
        var unknownVerifications = _hasher.Verifications;
        var known = await AccountFactory.LogInAsync(browser, AccountFactory.Email, "Wrong-Password-1!");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Contains("Invalid email or password.", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(1, unknownVerifications);
        Assert.Equal(2, _hasher.Verifications);
        Assert.Null(AccountFactory.AuthCookieSetBy(unknown));
    }

    [Fact]
    public void IsLocal_AcceptsOnlyPathsOfThisSite()
    {
        Assert.All(OffSite, u => Assert.False(IdentityRedirectManager.IsLocal(u), u));
        Assert.True(IdentityRedirectManager.IsLocal("/"));
        Assert.True(IdentityRedirectManager.IsLocal("/upsell-rules/2/new?x=1"));
        Assert.False(IdentityRedirectManager.IsLocal(null));
        Assert.False(IdentityRedirectManager.IsLocal(""));
    }

    /// <summary>Identity's hasher, counting how often a password is checked.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public void Reset() => Interlocked.Exchange(ref _verifications, 0);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
