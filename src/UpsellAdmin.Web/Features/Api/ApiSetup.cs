using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Administration;

namespace UpsellAdmin.Web.Features.Api;

/// <summary>Registration and mapping of the public upsell API and its OpenAPI document.</summary>
public static class ApiSetup
{
    public const string OpenApiDocumentName = "v1";

    /// <summary>Where the OpenAPI document is served (anonymous: it holds no data).</summary>
    public const string OpenApiUrl = "/openapi/v1.json";

    /// <summary>The API feature: X-Api-Key authentication (section "Api") and the OpenAPI document.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApiKeyAuthentication(configuration);
        services.AddOpenApi(OpenApiDocumentName, options =>
        {
            // The Blazor UI's endpoints are not part of the public API.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddSchemaTransformer(EvaluateSchemas.TransformAsync);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "UpsellAdmin API",
                    Version = "v1",
                    Description = "Upsell rule evaluation (OPERA semantics), the Upsell Desk and selling. Authenticate with the X-Api-Key header.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthenticationHandler.HeaderName,
                    Description = "An API key an Administrator created on the API Keys page (each key has scopes: read, quote, sell, copy, and properties).",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [],
                });
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Maps every <c>/api</c> endpoint on the API-key group, and the OpenAPI document.</summary>
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiGroup();
        api.MapPost(EvaluateEndpoint.Route, EvaluateEndpoint.HandleAsync)
            .WithName("EvaluateUpsellRule")
            .RequireApiScope(ApiScopes.Quote)
            .WithTags("Upsell rules")
            .WithSummary("Evaluate one upsell rule against one stay")
            .WithDescription("Stateless: the body carries the rule and the stay with its nightly rates. Returns whether the rule "
                + "applies, every failed criterion in plain words, and the offer (per-night upsell rates and totals) when it applies. "
                + "Malformed input is a 400 whose errors are keyed by field path, e.g. stay.nights[2].date.")
            .Accepts<EvaluateRequest>("application/json")
            .Produces<EvaluateResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        endpoints.MapRuleApi();
        endpoints.MapRuleHistoryApi();
        endpoints.MapDeskApi();
        endpoints.MapSellingApi();
        endpoints.MapReportApi();
        endpoints.MapOpenApi().AllowAnonymous(); // /openapi/{documentName}.json
        endpoints.MapApiFallback(); // unknown /api paths: 404/405 problems (ApiProblems)
        return endpoints;
    }
}

/// <summary>
/// Makes the generated schemas say what <see cref="EvaluateJson.Options"/> accepts: the app-wide JSON options the
/// generator reads allow numbers in strings and enums as integers, the evaluate endpoint does not; and a required
/// member is not nullable on the wire (the DTOs are nullable only to report a missing member by its path).
/// </summary>
internal static class EvaluateSchemas
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(UpsellFormula) || type == typeof(RoundingRule))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = null;
            schema.Enum = Enum.GetNames(type).Select(name => (JsonNode)JsonValue.Create(name)).ToList();
        }

        var declaring = context.JsonPropertyInfo?.DeclaringType;
        if (declaring is null || declaring.Namespace != typeof(EvaluateRequest).Namespace || !declaring.Name.StartsWith("Evaluate", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        if (schema.Type is { } numeric && (numeric.HasFlag(JsonSchemaType.Number) || numeric.HasFlag(JsonSchemaType.Integer)))
        {
            schema.Type = numeric & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        var required = context.JsonPropertyInfo!.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: false) == true;
        if (required && schema.Type is { } nullable)
        {
            schema.Type = nullable & ~JsonSchemaType.Null;
        }

        return Task.CompletedTask;
    }
}
