using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Features.Api;

/// <summary>Section "Api". Keys accepted in the <c>X-Api-Key</c> header: <see cref="Clients"/> (each with its name) and
/// <see cref="Keys"/> (unnamed: <see cref="UnnamedClientName"/>). In demo mode <see cref="DemoKey"/> is accepted too
/// (and only then), as <see cref="DemoClientName"/>.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";
    public const string DemoKey = "demo-api-key";

    /// <summary>The name of a key from <see cref="Keys"/>: what the audit columns and the Upsell Activity log show.</summary>
    public const string UnnamedClientName = "api-client";

    public const string DemoClientName = "demo";

    /// <summary>A client's name is at most this long (it is stored as the agent of its sales, "API: {name}").</summary>
    public const int ClientNameMaxLength = 100;

    public List<string> Keys { get; set; } = [];

    /// <summary>Named keys: the name is who sold (Upsell Activity's agent) and scopes the Idempotency-Key of the selling API.</summary>
    public List<ApiClientOptions> Clients { get; set; } = [];
}

/// <summary>One named API client (<c>Api:Clients:0:Name</c>, <c>Api:Clients:0:Key</c>).</summary>
public sealed class ApiClientOptions
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
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
        var name = ClientName(presented);
        if (name is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The X-Api-Key header does not hold a known API key."));
        }
        // A system client: it sees every active property (Roles.SystemClient), as the API has always documented. Its
        // name is the configured client's (who sold, in Upsell Activity; the scope of its Idempotency-Keys).
        var identity = new ClaimsIdentity([
            new Claim(ClaimTypes.Name, name),
            new Claim(ClaimTypes.NameIdentifier, name),
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

    /// <summary>The name of the client whose key this is, or null. Every configured key is compared (in fixed time), so
    /// the answer's timing says nothing about which key nearly matched.</summary>
    private string? ClientName(string presented)
    {
        var options = apiOptions.CurrentValue;
        var keys = options.Clients
            .Where(c => !string.IsNullOrWhiteSpace(c.Key))
            .Select(c => (c.Key, Name: ClientNameOrDefault(c.Name)))
            .Concat(options.Keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => (Key: k, Name: ApiOptions.UnnamedClientName)))
            .ToList();
        if (configuration.GetValue("DemoMode", true))
        {
            keys.Add((ApiOptions.DemoKey, ApiOptions.DemoClientName));
        }
        string? match = null;
        foreach (var (key, name) in keys)
        {
            if (FixedTimeEquals(key, presented) && match is null)
            {
                match = name;
            }
        }
        return match;
    }

    private static string ClientNameOrDefault(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) ? ApiOptions.UnnamedClientName
            : trimmed.Length > ApiOptions.ClientNameMaxLength ? trimmed[..ApiOptions.ClientNameMaxLength] : trimmed;
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
