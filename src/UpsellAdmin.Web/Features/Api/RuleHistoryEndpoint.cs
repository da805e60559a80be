using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Api;

/// <summary>One recorded change of a rule: when (UTC), who (user or API key name), what, and the rule before and after
/// (the form's fields; null before a creation and after a deletion).</summary>
public sealed record ApiRuleHistoryEntry(DateTimeOffset At, string By, string Action, JsonElement? Before, JsonElement? After);

/// <summary><c>GET /api/properties/{propertyCode}/upsell-rules/{ruleCode}/history</c>: the rule's audit trail, newest first.</summary>
public static class RuleHistoryEndpoint
{
    public const string Route = "/properties/{propertyCode}/upsell-rules/{ruleCode}/history";

    /// <summary>camelCase; before/after written as null when absent (the shape is always the same five fields).</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapRuleHistoryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiGroup().MapGet(Route, HandleAsync)
            .WithName("GetUpsellRuleHistory").WithTags("Upsell rules").RequireApiScope(ApiScopes.Read)
            .WithSummary("A rule's history: every recorded change, newest first, with the rule before and after")
            .Produces<List<ApiRuleHistoryEntry>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<JsonHttpResult<List<ApiRuleHistoryEntry>>, ProblemHttpResult>> HandleAsync(
        string propertyCode, string ruleCode, ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, IUpsellRuleHistoryService history,
        CancellationToken ct)
    {
        int? propertyId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // A property the key may not touch is unknown to it (404), as in the other rule endpoints.
            propertyId = await PropertyAccess.Visible(db, CurrentUser.From(user)).Where(p => p.Code == propertyCode).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        }
        if (propertyId is null)
        {
            return NotFound($"Unknown property code: {Quoted(propertyCode)}.");
        }
        var items = await history.GetByCodeAsync(propertyId.Value, ruleCode, ct);
        if (items is null)
        {
            return NotFound($"Property {propertyCode} has no upsell rule {Quoted(ruleCode)}.");
        }
        return TypedResults.Json(items.Select(i => new ApiRuleHistoryEntry(i.At, i.By, i.Action, Element(i.Before), Element(i.After))).ToList(), Json);
    }

    private static JsonElement? Element(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>A caller's value in a message: at most 40 characters, no control characters.</summary>
    private static string Quoted(string value)
    {
        var clean = new string(value.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return value.Length > 40 ? clean + "…" : clean;
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found");
}
