using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Features.Api;
using UpsellAdmin.Web.Tests.Features.Api;

namespace UpsellAdmin.Web.Tests.Security;

/// <summary>Who may open a page.</summary>
public enum PageAccess
{
    /// <summary>Anyone, signed in or not (sign-in, error pages).</summary>
    Anonymous,

    /// <summary>Every signed-in role; anonymous is sent to the login page.</summary>
    SignedIn,

    /// <summary>Administrators only; other roles are sent to Access Denied.</summary>
    Administrator,
}

/// <summary>
/// The role × route matrix: every page route (a Razor component's [Route]) and every <c>/api</c> endpoint (the
/// app's endpoint data source) must have a line in the tables below, and is requested for real — pages as each role
/// (cookie sign-in of the demo users) and anonymously; API endpoints with one key per scope and without a key. A new
/// route without a line fails with a message saying to add it.
/// </summary>
public sealed partial class RoleRouteMatrixTests(DeskApiFactory app) : IClassFixture<DeskApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every page route and who may open it.</summary>
    private static readonly Dictionary<string, PageAccess> Pages = new(StringComparer.Ordinal)
    {
        [PageUrls.Login] = PageAccess.Anonymous,
        [PageUrls.AccessDenied] = PageAccess.Anonymous,
        [PageUrls.Error] = PageAccess.Anonymous,
        [PageUrls.NotFound] = PageAccess.SignedIn,
        [PageUrls.Home] = PageAccess.SignedIn,
        [PageUrls.UpsellConfiguration] = PageAccess.SignedIn,
        [PageUrls.UpsellRules] = PageAccess.SignedIn,
        [PageUrls.UpsellRuleNew] = PageAccess.SignedIn, // Front Desk gets the form read-only; saving is refused by the service
        [PageUrls.UpsellRuleEdit] = PageAccess.SignedIn,
        [PageUrls.UpsellDesk] = PageAccess.SignedIn,
        [PageUrls.UpsellActivity] = PageAccess.SignedIn,
        [PageUrls.UpsellReport] = PageAccess.SignedIn, // editors and Administrators; Front Desk sees its own figures
        [PageUrls.UpsellQuote] = PageAccess.SignedIn,
        [PageUrls.LoyaltyPrograms] = PageAccess.SignedIn,
        [PageUrls.LoyaltyTiers] = PageAccess.SignedIn,
        [PageUrls.LoyaltyMemberships] = PageAccess.SignedIn,
        [PageUrls.Sync] = PageAccess.Administrator,
        [PageUrls.AdminUsers] = PageAccess.Administrator,
        [PageUrls.AdminProperties] = PageAccess.Administrator,
        [PageUrls.AdminApiKeys] = PageAccess.Administrator,
        [PageUrls.AdminAudit] = PageAccess.Administrator,
    };

    /// <summary>Every API endpoint ("METHOD /api/route") and the one scope it needs; null = no key needed because it holds
    /// no data (the fallback that answers unknown paths with 404/405/415 problems).</summary>
    private static readonly Dictionary<string, ApiScopes?> Api = new(StringComparer.Ordinal)
    {
        ["* /api/{**path}"] = null,
        ["POST /api/upsell-rules/evaluate"] = ApiScopes.Quote,
        ["GET /api/properties"] = ApiScopes.Read,
        ["GET /api/properties/{propertyCode}/upsell-rules"] = ApiScopes.Read,
        ["GET /api/properties/{propertyCode}/upsell-rules/{ruleCode}/history"] = ApiScopes.Read,
        ["POST /api/properties/{propertyCode}/upsell-rules/copy"] = ApiScopes.Copy,
        ["GET /api/properties/{propertyCode}/reservations"] = ApiScopes.Read,
        ["GET /api/properties/{propertyCode}/reservations/{reservationId}/offers"] = ApiScopes.Quote,
        ["POST /api/properties/{propertyCode}/reservations/{reservationId}/upsells"] = ApiScopes.Sell,
        ["GET /api/upsells/{upsellId}"] = ApiScopes.Read,
        ["DELETE /api/upsells/{upsellId}"] = ApiScopes.Sell,
        ["GET /api/properties/{propertyCode}/upsells"] = ApiScopes.Read,
        ["GET /api/properties/{propertyCode}/upsell-report"] = ApiScopes.Read,
    };

    /// <summary>The demo users (seeded in demo mode) and their role.</summary>
    private static readonly (string Role, string Email)[] Users =
    [
        ("Administrator", "admin@demo.local"),
        ("RevenueManager", "revenue@demo.local"),
        ("FrontDesk", "frontdesk@demo.local"),
    ];

    private const string DemoPassword = "UpsellDemo1!";

    private static IReadOnlyList<string> PageRoutes() =>
        typeof(PageUrls).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private IReadOnlyList<(string Key, RouteEndpoint Endpoint)> ApiEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => ($"{m} {e.RoutePattern.RawText}", e)))
            .OrderBy(x => x.Item1, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void EveryPageRoute_HasALineInTheMatrix()
    {
        var missing = PageRoutes().Where(r => !Pages.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0,
            $"Page route(s) without a line in RoleRouteMatrixTests.Pages: {string.Join(", ", missing)}. Add each with who may open it.");
    }

    [Fact]
    public void EveryApiEndpoint_HasALineInTheMatrix_AndDeclaresThatScope()
    {
        var endpoints = ApiEndpoints();
        var missing = endpoints.Where(e => !Api.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        Assert.True(missing.Count == 0,
            $"API endpoint(s) without a line in RoleRouteMatrixTests.Api: {string.Join(", ", missing)}. Add each with the scope it needs, "
            + "and declare it on the endpoint with .RequireApiScope(ApiScopes.X).");
        var wrong = endpoints.Where(e => e.Endpoint.Metadata.GetMetadata<ApiScopeMetadata>()?.Scope != Api[e.Key]
                || (Api[e.Key] is null) != (e.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null))
            .Select(e => $"{e.Key} declares {e.Endpoint.Metadata.GetMetadata<ApiScopeMetadata>()?.Scope.ToString() ?? "no scope"}, the matrix says {Api[e.Key]?.ToString() ?? "anonymous"}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }

    [Fact]
    public async Task EveryPage_AsEachRoleAndAnonymous_OpensOrIsRefusedAsTheMatrixSays()
    {
        var problems = new List<string>();
        var routes = PageRoutes().Where(Pages.ContainsKey).ToList();
        using (var anonymous = Browser())
        {
            foreach (var route in routes)
            {
                using var response = await anonymous.GetAsync(Sample(route), Ct);
                Check(problems, "anonymous", route, response, Pages[route] == PageAccess.Anonymous, PageUrls.Login);
            }
        }
        foreach (var (role, email) in Users)
        {
            using var browser = Browser();
            await LogInAsync(browser, email);
            foreach (var route in routes)
            {
                using var response = await browser.GetAsync(Sample(route), Ct);
                var allowed = Pages[route] switch
                {
                    PageAccess.Administrator => role == "Administrator",
                    _ => true,
                };
                Check(problems, role, route, response, allowed, PageUrls.AccessDenied);
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task EveryApiEndpoint_WithEachScopesKeyAndWithoutAKey_AnswersAsTheMatrixSays()
    {
        var keys = await CreateOneKeyPerScopeAsync();
        var propertyCode = await app.PropertyCodeAsync(Ct);
        var problems = new List<string>();
        foreach (var (key, endpoint) in ApiEndpoints().Where(e => Api.ContainsKey(e.Key)))
        {
            if (Api[key] is not { } required)
            {
                continue;
            }
            var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
            var path = Sample(endpoint.RoutePattern.RawText!, propertyCode);
            using (var anonymous = app.CreateApiClient(key: null))
            using (var response = await anonymous.SendAsync(Request(method, path), Ct))
            {
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    problems.Add($"{key} without a key: {(int)response.StatusCode}, expected 401");
                }
            }
            foreach (var (scope, apiKey) in keys)
            {
                using var client = app.CreateApiClient(apiKey);
                using var response = await client.SendAsync(Request(method, path), Ct);
                var status = (int)response.StatusCode;
                var holds = scope == ApiScopeNames.Name(required);
                if (holds ? status is 401 or 403 or >= 500 : status != 403)
                {
                    problems.Add($"{key} with a '{scope}' key: {status}, expected {(holds ? "2xx/4xx but not 401/403" : "403")}");
                }
            }
        }
        // The anonymous fallback: an unknown path is a 404 problem for everyone, never the login page.
        using (var anonymous = app.CreateApiClient(key: null))
        using (var unknown = await anonymous.GetAsync("/api/no-such-endpoint", Ct))
        {
            if (unknown.StatusCode != HttpStatusCode.NotFound)
            {
                problems.Add($"GET /api/no-such-endpoint without a key: {(int)unknown.StatusCode}, expected 404");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static void Check(List<string> problems, string who, string route, HttpResponseMessage response, bool allowed, string refusal)
    {
        var location = response.Headers.Location?.ToString() ?? "";
        var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && location.Contains(refusal, StringComparison.OrdinalIgnoreCase));
        if (allowed && (refused || (int)response.StatusCode >= 500))
        {
            problems.Add($"{route} as {who}: {(int)response.StatusCode} {location} — the matrix says it opens");
        }
        else if (!allowed && !refused)
        {
            problems.Add($"{route} as {who}: {(int)response.StatusCode} {location} — the matrix says it is refused ({refusal})");
        }
    }

    private async Task<IReadOnlyList<(string Scope, string Key)>> CreateOneKeyPerScopeAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var keys = new List<(string Scope, string Key)>();
        foreach (var scope in ApiScopeNames.Each)
        {
            var name = $"matrix-{ApiScopeNames.Name(scope)}-{Guid.NewGuid():N}";
            var key = ApiKeySecret.NewKey();
            db.Set<ApiKey>().Add(new ApiKey
            {
                Name = name[..Math.Min(name.Length, ApiKey.NameMaxLength)], Prefix = ApiKeySecret.PrefixOf(key), KeyHash = ApiKeySecret.Hash(key),
                Scopes = scope, AllProperties = true, CreatedUtc = DateTimeOffset.UtcNow, CreatedBy = "matrix test",
            });
            keys.Add((ApiScopeNames.Name(scope), key));
        }
        await db.SaveChangesAsync(Ct);
        return keys;
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "POST" or "PUT" or "PATCH" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
    };

    /// <summary>The route with sample values: ints 1, the demo property's code, a GUID for other ids.</summary>
    private static string Sample(string template, string propertyCode = "HTL-A") =>
        Parameter().Replace(template, m => m.Groups["constraint"].Value == "int" ? "1"
            : m.Groups["name"].Value == "propertyCode" ? propertyCode
            : Guid.NewGuid().ToString());

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:(?<constraint>[a-z]+))?\}")]
    private static partial Regex Parameter();

    private HttpClient Browser() =>
        app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Signs a demo user in through the login form (its antiforgery token first), as a browser does.</summary>
    private static async Task LogInAsync(HttpClient client, string email)
    {
        var page = await client.GetStringAsync(PageUrls.Login, Ct);
        var token = TokenInput().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on the login page.");
        using var response = await client.PostAsync(PageUrls.Login, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = DemoPassword,
        }), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains(PageUrls.Login, StringComparison.Ordinal) != true,
            $"signing in {email}: {(int)response.StatusCode} {response.Headers.Location}");
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
