using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UpsellAdmin.Web.Data;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>
/// Issue 14: every /api error is application/problem+json with a traceId and nothing else, in every environment; an
/// unknown /api path was a 200 with the app's HTML; the developer exception page echoed the request's Cookie and
/// X-Api-Key headers.
/// </summary>
public sealed class ApiErrorTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string SecretCookie = "session-cookie-value-7f3a";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(JsonElement Json, string Text)> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {response.Content.Headers.ContentType}: {text[..Math.Min(text.Length, 500)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)expected, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("traceId").GetString()));
        return (json, text);
    }

    [Theory]
    [InlineData("/api/nope", null)]
    [InlineData("/api/nope", ApiFactory.Key)]
    [InlineData("/api/properties/X/upsell-rules/Y/nothing-here", ApiFactory.Key)]
    [InlineData("/api", ApiFactory.Key)]
    public async Task Get_UnknownApiPath_Is404ProblemNotTheAppsHtmlNorALoginRedirect(string path, string? key)
    {
        using var client = factory.CreateApiClient(key);

        using var response = await client.GetAsync(path, Ct);

        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_OnThePostOnlyEvaluateEndpoint_Is405ProblemWithAllow()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.GetAsync("/api/upsell-rules/evaluate", Ct);

        await ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Delete_OnTheCopyEndpoint_Is405Problem()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.DeleteAsync("/api/properties/SRC/upsell-rules/copy", Ct);

        await ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Post_XmlToTheCopyEndpoint_Is415Problem()
    {
        using var client = factory.CreateApiClient();
        using var content = new StringContent("<copy/>", Encoding.UTF8, "application/xml");

        using var response = await client.PostAsync("/api/properties/SRC/upsell-rules/copy", content, Ct);

        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Get_ApiEndpointThatThrows_Is500ProblemWithTraceIdOnly_NoStackNoHeaders(string environment)
    {
        await using var app = factory.WithWebHostBuilder(b => b
            .UseEnvironment(environment)
            // Outside Development the app needs a real Mews (never called here).
            .UseSetting("Connector:BaseUrl", "http://mews.invalid")
            .UseSetting("Connector:ClientToken", "test")
            .UseSetting("Connector:AccessToken", "test")
            .UseSetting("https_port", "443")
            .ConfigureTestServices(services => ThrowOnApiDatabaseAccess(services)));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.Key);
        client.DefaultRequestHeaders.Add("Cookie", $"secret={SecretCookie}");

        using var response = await client.GetAsync("/api/properties", Ct);

        var (json, text) = await ProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal(["detail", "status", "title", "traceId"], json.EnumerateObject().Select(p => p.Name).Where(n => n != "type").Order(StringComparer.Ordinal));
        Assert.DoesNotContain(SecretCookie, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiFactory.Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain("database is on fire", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PageThatThrowsInDevelopment_ShowsTheErrorPageNotTheDeveloperPageWithTheCookie()
    {
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(ThrowOnLoginPageAntiforgery));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", $"secret={SecretCookie}");
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.Key);

        using var response = await client.GetAsync("/Account/Login", Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(SecretCookie, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiFactory.Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain("login form is on fire", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PageThatThrowsWithDeveloperExceptionPageEnabled_ShowsTheDeveloperPage()
    {
        await using var app = factory.WithWebHostBuilder(b => b
            .UseSetting("DeveloperExceptionPage", "true")
            .ConfigureTestServices(ThrowOnLoginPageAntiforgery));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        using var response = await client.GetAsync("/Account/Login", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("login form is on fire", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static void ThrowOnApiDatabaseAccess(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.RemoveAll<IDbContextFactory<AppDbContext>>();
        services.AddSingleton<IDbContextFactory<AppDbContext>>(sp => new ThrowingFactory(
            sp.GetRequiredService<IDbContextFactory<SqliteAppDbContext>>(), sp.GetRequiredService<IHttpContextAccessor>()));
    }

    private static void ThrowOnLoginPageAntiforgery(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        var original = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.Remove(original);
        services.AddSingleton<IAntiforgery>(sp => new ThrowingAntiforgery((IAntiforgery)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
    }

    private sealed class ThrowingFactory(IDbContextFactory<SqliteAppDbContext> inner, IHttpContextAccessor http) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() =>
            http.HttpContext?.Request.Path.StartsWithSegments("/api") == true
                ? throw new InvalidOperationException("The database is on fire.")
                : inner.CreateDbContext();
    }

    private sealed class ThrowingAntiforgery(IAntiforgery inner) : IAntiforgery
    {
        private static bool Throws(HttpContext context) => context.Request.Path.StartsWithSegments("/Account/Login");

        public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
            Throws(httpContext) ? throw new InvalidOperationException("The login form is on fire.") : inner.GetAndStoreTokens(httpContext);

        public AntiforgeryTokenSet GetTokens(HttpContext httpContext) =>
            Throws(httpContext) ? throw new InvalidOperationException("The login form is on fire.") : inner.GetTokens(httpContext);

        public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);
        public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);
        public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);
    }
}
