using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Tests.Components.Account;

namespace UpsellAdmin.Web.Tests.Components.Hosting;

/// <summary>The security headers on every kind of response, over Kestrel (127.0.0.1) as a browser sees them.</summary>
public sealed partial class SecurityHeadersTests : IAsyncLifetime
{
    private readonly AccountFactory _app = new();
    private HttpClient _http = default!;

    public ValueTask InitializeAsync()
    {
        _app.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    public static TheoryData<string, string?, HttpStatusCode> Responses => new()
    {
        { PageUrls.Login, null, HttpStatusCode.OK },                               // a page
        { PageUrls.UpsellRules, null, HttpStatusCode.Redirect },                   // the challenge of a page
        { "/api/properties", AccountFactory.Key, HttpStatusCode.OK },              // the API
        { "/api/properties", null, HttpStatusCode.Unauthorized },                  // the API's 401 (before any app middleware)
        { "/favicon.svg", null, HttpStatusCode.OK },                               // a static file
        { "/app.css", null, HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Browser_RequestsAnything_GetsTheSecurityHeadersAndNoServerHeader(string path, string? key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"), "Kestrel's Server header is sent");
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "no HSTS in Development over HTTP");
    }

    [Fact]
    public async Task SignedInUser_MistypesAnAddress_TheNotFoundPageHasTheHeadersToo()
    {
        await AccountFactory.LogInAsync(_http);

        using var response = await _http.GetAsync("/no-such-page", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Contains("script-src 'self' 'nonce-", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Browser_OpensAPage_ItsOnlyInlineScriptCarriesTheNonceOfItsPolicy()
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await _http.GetAsync(PageUrls.Login, ct);
        var policy = Header(response, "Content-Security-Policy");
        var html = await response.Content.ReadAsStringAsync(ct);

        var nonce = Assert.Single(NonceInPolicy().Matches(policy)).Groups[1].Value;
        Assert.Contains("script-src 'self' 'nonce-", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        var inlineScripts = InlineScript().Matches(html);
        Assert.NotEmpty(inlineScripts);
        Assert.All(inlineScripts, s => Assert.Contains($"nonce=\"{nonce}\"", s.Value, StringComparison.Ordinal));
        // A second response has another nonce.
        using var again = await _http.GetAsync(PageUrls.Login, ct);
        Assert.DoesNotContain(nonce, Header(again, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiClient_GetsAPolicyThatAllowsNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/properties");
        request.Headers.Add("X-Api-Key", AccountFactory.Key);
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} missing on {response.RequestMessage?.RequestUri} ({response.StatusCode})");

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceInPolicy();

    /// <summary>Script elements without a src (inline).</summary>
    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>")]
    private static partial Regex InlineScript();
}
