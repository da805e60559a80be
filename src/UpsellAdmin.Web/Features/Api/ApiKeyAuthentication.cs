using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Features.Api;

/// <summary>Section "Api". Keys accepted in the <c>X-Api-Key</c> header. In demo mode <see cref="DemoKey"/> is
/// accepted too (and only then).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";
    public const string DemoKey = "demo-api-key";

    public List<string> Keys { get; set; } = [];
}

/// <summary>
/// Authenticates the public JSON API (<c>/api/...</c>) by the <c>X-Api-Key</c> header. No key or a wrong key → 401
/// with a problem-details body; the cookie login of the UI is not involved.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiOptions> apiOptions,
    IConfiguration configuration) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string PolicyName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var presented = values.ToString();
        var keys = apiOptions.CurrentValue.Keys.Where(k => !string.IsNullOrWhiteSpace(k)).ToList();
        if (configuration.GetValue("DemoMode", true))
        {
            keys.Add(ApiOptions.DemoKey);
        }
        if (!keys.Any(k => FixedTimeEquals(k, presented)))
        {
            return Task.FromResult(AuthenticateResult.Fail("The X-Api-Key header does not hold a known API key."));
        }
        // A system client: it sees every active property (Roles.SystemClient), as the API has always documented.
        var identity = new ClaimsIdentity([
            new Claim(ClaimTypes.Name, "api-client"),
            new Claim(ClaimTypes.NameIdentifier, "api-client"),
            new Claim(ClaimTypes.Role, Roles.SystemClient),
        ], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        var missing = !Request.Headers.ContainsKey(HeaderName);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = missing
                    ? $"Send an API key in the {HeaderName} header."
                    : $"The {HeaderName} header does not hold a known API key.",
            },
        });
    }

    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}

public static class ApiKeyAuthenticationExtensions
{
    /// <summary>Adds the ApiKey scheme and the "ApiKey" policy used by every /api endpoint group.</summary>
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiOptions>(configuration.GetSection(ApiOptions.SectionName));
        services.AddProblemDetails();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.PolicyName, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        return services;
    }

    /// <summary>The /api route group every API feature maps its endpoints on: API-key auth, no antiforgery.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/api")
            .RequireAuthorization(ApiKeyAuthenticationHandler.PolicyName)
            .DisableAntiforgery();
}
