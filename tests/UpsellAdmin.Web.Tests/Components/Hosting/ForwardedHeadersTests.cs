using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Tests.Components.Account;

namespace UpsellAdmin.Web.Tests.Components.Hosting;

/// <summary>
/// Production behind a TLS-terminating proxy (here: the test, on 127.0.0.1, sending plain HTTP with X-Forwarded-Proto):
/// with ForwardedHeaders enabled the app sees HTTPS (no redirect loop, Secure cookies, the login works); without it
/// the login page still opens over the redirect instead of a 500 from a Secure-only antiforgery cookie.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static readonly Dictionary<string, string?> Production = new()
    {
        ["https_port"] = "443",
        ["Connector:BaseUrl"] = "http://mews.invalid",
        ["Connector:ClientToken"] = "test",
        ["Connector:AccessToken"] = "test",
    };

    private static (AccountFactory App, HttpClient Http) Start(Dictionary<string, string?> settings)
    {
        var app = new AccountFactory(settings, environment: "Production");
        app.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address) });
    }

    [Fact]
    public async Task Proxy_ForwardsAnHttpsRequest_TheAppSeesHttpsAndIssuesSecureCookies()
    {
        var (app, http) = Start(new(Production) { ["ForwardedHeaders:Enabled"] = "true" });
        await using var _ = app;
        using var __ = http;
        using var request = new HttpRequestMessage(HttpMethod.Get, PageUrls.Login);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Host = "upsell.example"; // HSTS is never sent to localhost

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(response.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.True(response.Headers.Contains("Strict-Transport-Security"), "HSTS is sent on what the app sees as HTTPS");
    }

    [Fact]
    public async Task Proxy_NotConfigured_ForwardedProtoIsIgnored_AndPlainHttpIsRedirectedNotA500()
    {
        var (app, http) = Start(Production);
        await using var _ = app;
        using var __ = http;
        using var request = new HttpRequestMessage(HttpMethod.Get, PageUrls.Login);
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.StartsWith("https://", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}
