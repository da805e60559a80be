using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.Api;

/// <summary>
/// The API's names for its keys (the keys themselves are <see cref="ApiKey"/> records, configured
/// <see cref="ApiKeyOptions.Clients"/>, or demo mode's two keys — see <see cref="ApiKeyDirectory"/>).
/// </summary>
public sealed class ApiOptions
{
    /// <summary>All properties, all scopes; accepted in demo mode only, as <see cref="DemoClientName"/>.</summary>
    public const string DemoKey = ApiKeyDirectory.DemoKey;

    /// <summary>The first property by code, read scope only; demo mode only.</summary>
    public const string DemoReadOnlyKey = ApiKeyDirectory.DemoReadOnlyKey;

    public const string DemoClientName = ApiKeyDirectory.DemoName;
}

/// <summary>
/// Authenticates the public JSON API (<c>/api/...</c>) by the <c>X-Api-Key</c> header. No key or a wrong (or revoked)
/// key → 401 with a problem-details body; a key without the endpoint's scope → 403 naming the scope. The cookie login
/// of the UI is not involved.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyDirectory directory) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string PolicyName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }
        var caller = await directory.FindAsync(values.ToString(), Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("The X-Api-Key header does not hold a known API key.");
        }
        // A system client: the name is the key's (who sold in Upsell Activity, the audit's "by", the scope of its
        // Idempotency-Keys); its scopes and properties travel as claims (PropertyAccess reads the properties).
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, caller.Name),
            new(ClaimTypes.NameIdentifier, caller.Name),
            new(ClaimTypes.Role, Roles.SystemClient),
        };
        claims.AddRange(ApiScopeNames.Names(caller.Scopes).Select(s => new Claim(ApiClaims.Scope, s)));
        if (caller.PropertyIds is null)
        {
            claims.Add(new Claim(ApiClaims.AllProperties, "true"));
        }
        else
        {
            claims.AddRange(caller.PropertyIds.Select(id => new Claim(ApiClaims.Property, id.ToString(CultureInfo.InvariantCulture))));
        }
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var missing = !Request.Headers.ContainsKey(HeaderName);
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", missing
            ? $"Send an API key in the {HeaderName} header."
            : $"The {HeaderName} header does not hold a known API key.");
    }

    /// <summary>The only requirement an authenticated key can fail is the endpoint's scope (see <see cref="ApiScopeRequirement"/>).</summary>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var scope = Context.GetEndpoint()?.Metadata.GetMetadata<ApiScopeMetadata>();
        await WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", scope is null
            ? "This endpoint declares no API scope, so no key may call it."
            : $"This API key lacks the '{ApiScopeNames.Name(scope.Scope)}' scope.");
    }

    private Task WriteProblemAsync(int status, string title, string detail) =>
        Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
}

/// <summary>The scope an <c>/api</c> endpoint requires (<see cref="ApiKeyAuthenticationExtensions.RequireApiScope{TBuilder}"/>).</summary>
public sealed record ApiScopeMetadata(ApiScopes Scope);

/// <summary>
/// Part of the "ApiKey" policy every <c>/api</c> endpoint has: the key must hold the scope the endpoint declares. An
/// endpoint that declares none is closed to every key (a new endpoint cannot be open by omission; the role × route
/// matrix test names it).
/// </summary>
public sealed class ApiScopeRequirement : AuthorizationHandler<ApiScopeRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiScopeRequirement requirement)
    {
        var endpoint = context.Resource switch
        {
            HttpContext http => http.GetEndpoint(),
            Endpoint e => e,
            _ => null,
        };
        if (endpoint?.Metadata.GetMetadata<ApiScopeMetadata>() is { } declared
            && context.User.HasClaim(ApiClaims.Scope, ApiScopeNames.Name(declared.Scope)))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

public static class ApiKeyAuthenticationExtensions
{
    /// <summary>Adds the ApiKey scheme and the "ApiKey" policy used by every /api endpoint group (a key, and the
    /// endpoint's scope).</summary>
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.SectionName)).ValidateWithValidator().ValidateOnStart();
        services.AddMemoryCache();
        services.TryAddSingleton<ApiKeyDirectory>();
        services.AddProblemDetails();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        var requirement = new ApiScopeRequirement();
        services.AddSingleton<IAuthorizationHandler>(requirement);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.PolicyName, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .AddRequirements(requirement));
        return services;
    }

    /// <summary>The /api route group every API feature maps its endpoints on: API-key auth, no antiforgery. Each
    /// endpoint must declare its scope with <see cref="RequireApiScope{TBuilder}"/>.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/api")
            .RequireAuthorization(ApiKeyAuthenticationHandler.PolicyName)
            .DisableAntiforgery();

    /// <summary>The scope a key needs for this endpoint (read, quote, sell or copy); without it: 403.</summary>
    public static TBuilder RequireApiScope<TBuilder>(this TBuilder builder, ApiScopes scope) where TBuilder : IEndpointConventionBuilder
    {
        if (!ApiScopeNames.Each.Contains(scope))
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, "An endpoint requires exactly one scope.");
        }
        return builder.WithMetadata(new ApiScopeMetadata(scope));
    }
}
