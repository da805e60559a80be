using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Features.Copy;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Api;

/// <summary><c>GET /api/properties</c>: one property.</summary>
public sealed record ApiProperty(string Code, string Name, string CurrencyCode);

/// <summary><c>POST /api/properties/{code}/upsell-rules/copy</c> body.</summary>
public sealed record ApiCopyRequest(
    IReadOnlyList<string>? RuleCodes,
    IReadOnlyList<string>? TargetPropertyCodes,
    CodeConflictPolicy? OnConflict,
    bool DryRun)
{
    /// <summary>A rule in another currency than the target's: Skip (default) or Convert (amounts × the pair's rate,
    /// rounded by the rule's Rounding Rule; percentages only take the target's currency).</summary>
    public CurrencyPolicy? Currency { get; init; }

    /// <summary>Rates for Convert, "FROM->TO" → target units per source unit, e.g. <c>{ "EUR->GBP": 0.86 }</c>; they win
    /// over Mews' (exchangeRates/getAll of the target's enterprise), which is used for a pair not given here.</summary>
    public IReadOnlyDictionary<string, decimal>? ExchangeRates { get; init; }
}

public sealed record ApiCopyConflict(CopyConflictKind Kind, string Value);

public sealed record ApiCopyRuleResult(string RuleCode, CopyOutcome Outcome, string? NewCode, IReadOnlyList<ApiCopyConflict> Conflicts)
{
    /// <summary>Set when the rule's amounts were converted.</summary>
    public ApiCopyConversion? Conversion { get; init; }
}

/// <summary>A conversion: the pair, the rate and where it came from ("Mews" or "Typed" = given in the request), and each
/// amount before → after (the amount, or the occupancy levels' amounts in level order).</summary>
public sealed record ApiCopyConversion(string From, string To, decimal Rate, string Source, IReadOnlyList<ApiConvertedAmount> Amounts);

public sealed record ApiConvertedAmount(decimal From, decimal To);

/// <summary>One target; <see cref="Error"/> set when its transaction was rolled back (then every rule is Skipped).</summary>
public sealed record ApiCopyTargetResult(string PropertyCode, IReadOnlyList<ApiCopyRuleResult> Rules, string? Error = null);

public sealed record ApiCopyResponse(IReadOnlyList<ApiCopyTargetResult> Targets);

/// <summary>
/// The rules' part of the public JSON API (X-Api-Key, camelCase): list properties,
/// list a property's rules, copy rules to other properties (dry run = the preview). API keys are system clients:
/// they see the active properties of their key (another property is unknown to them: 404), and copy with the copy scope.
/// </summary>
public static class RuleApiEndpoints
{
    /// <summary>camelCase, enums as their names only (a number or an unknown name is a 400), no member twice, nulls
    /// left out ("?" fields are optional). Every /api body is read with it (or <see cref="EvaluateJson.Options"/>).</summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowDuplicateProperties = false,
        };
        o.Converters.Add(new StrictEnumConverterFactory());
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    public static IEndpointRouteBuilder MapRuleApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiGroup();
        api.MapGet("/properties", ListPropertiesAsync)
            .WithName("ListProperties").WithTags("Properties").RequireApiScope(ApiScopes.Read)
            .WithSummary("Every active property: code, name, currency");
        api.MapGet("/properties/{propertyCode}/upsell-rules", ListRulesAsync)
            .WithName("ListPropertyUpsellRules").WithTags("Upsell rules").RequireApiScope(ApiScopes.Read)
            .WithSummary("The property's upsell rules in the evaluate API's rule shape");
        api.MapPost("/properties/{propertyCode}/upsell-rules/copy", CopyAsync)
            .WithName("CopyUpsellRules").WithTags("Upsell rules").RequireApiScope(ApiScopes.Copy)
            .WithSummary("Copy rules to other properties; dryRun = the preview")
            .WithDescription("A missing room type/class, rate, market, channel, reservation type or membership value, a different "
                + "currency (unless currency is Convert: amounts × the pair's rate from exchangeRates or Mews, a missing rate is a 400) "
                + "or undefined occupancy levels skip the rule in that target (the API never widens or remaps a rule); "
                + "an existing code follows onConflict. Each target is written in one transaction.")
            .Accepts<ApiCopyRequest>("application/json");
        return endpoints;
    }

    private static async Task<JsonHttpResult<List<ApiProperty>>> ListPropertiesAsync(ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The key's properties (every active one for a key with all properties).
        var list = await PropertyAccess.Visible(db, CurrentUser.From(user))
            .OrderBy(p => p.Code)
            .Select(p => new ApiProperty(p.Code, p.Name, p.CurrencyCode))
            .ToListAsync(ct);
        return TypedResults.Json(list, Json);
    }

    private static async Task<Results<JsonHttpResult<List<EvaluateRuleJson>>, ProblemHttpResult>> ListRulesAsync(
        string propertyCode, ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A property the key may not touch is unknown to it (404), as the screens hide properties a user may not see.
        var propertyId = await PropertyAccess.Visible(db, CurrentUser.From(user)).Where(p => p.Code == propertyCode).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        if (propertyId is null)
        {
            return NotFound($"Unknown property code: {propertyCode}.");
        }
        var rules = await db.UpsellRules.AsNoTracking()
            .Include(r => r.Filters)
            .Include(r => r.OccupancyAmounts)
            .AsSplitQuery()
            .Where(r => r.PropertyId == propertyId)
            .OrderBy(r => r.Code)
            .ToListAsync(ct);
        return TypedResults.Json(rules.Select(r => EvaluateMapping.ToRuleJson(r.ToDefinition())).ToList(), EvaluateJson.Options);
    }

    private static async Task<Results<JsonHttpResult<ApiCopyResponse>, ProblemHttpResult>> CopyAsync(
        string propertyCode, HttpContext http, IDbContextFactory<AppDbContext> dbFactory, RuleCopyService service, CancellationToken ct)
    {
        ApiCopyRequest? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<ApiCopyRequest>(Json, ct);
        }
        catch (JsonException ex)
        {
            return BadRequest($"The body is not a valid copy request: {CopyJsonMessage(ex)}");
        }
        catch (InvalidOperationException)
        {
            // ReadFromJsonAsync's "not a JSON content type" (a body without Content-Type): a 415, like any other.
            return TypedResults.Problem("Send the body as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type");
        }
        if (body is null)
        {
            return BadRequest("Send a JSON body: { \"ruleCodes\": [...], \"targetPropertyCodes\": [...], \"onConflict\": \"Skip\" | \"Overwrite\" | \"Rename\", \"dryRun\": bool }.");
        }
        var ruleCodes = (body.RuleCodes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToList();
        var targetCodes = (body.TargetPropertyCodes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToList();
        if (ruleCodes.Count == 0)
        {
            return BadRequest("ruleCodes must name at least one rule.");
        }
        if (targetCodes.Count == 0)
        {
            return BadRequest("targetPropertyCodes must name at least one property.");
        }
        if (ruleCodes.Count > MaxCopyRuleCodes || targetCodes.Count > MaxCopyTargets)
        {
            return BadRequest($"A copy names at most {MaxCopyRuleCodes:#,0} rule codes and {MaxCopyTargets} target properties "
                + $"(this one has {ruleCodes.Count:#,0} and {targetCodes.Count:#,0}); split it into several copies.");
        }
        if (targetCodes.Contains(propertyCode, StringComparer.Ordinal))
        {
            return BadRequest($"{propertyCode} is the source; it cannot be a target of its own rules.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var allCodes = targetCodes.Prepend(propertyCode).ToList();
        // Source and targets among the key's properties only: any other is unknown to it (404).
        var properties = await PropertyAccess.Visible(db, CurrentUser.From(http.User))
            // One JSON parameter (SQLite json_each, SQL Server OPENJSON), not one SQL parameter per code.
            .Where(p => EF.Parameter(allCodes).Contains(p.Code))
            .Select(p => new { p.Id, p.Code })
            .ToDictionaryAsync(p => p.Code, p => p.Id, StringComparer.Ordinal, ct);
        var unknownProperties = allCodes.Where(c => !properties.ContainsKey(c)).ToList();
        if (unknownProperties.Count > 0)
        {
            return NotFound($"Unknown property code(s): {Names(unknownProperties)}.");
        }
        var sourceId = properties[propertyCode];
        var rules = await db.UpsellRules.AsNoTracking()
            // One JSON parameter, not one per code: 32,766 codes were a 500 "too many SQL variables" on SQLite.
            .Where(r => r.PropertyId == sourceId && EF.Parameter(ruleCodes).Contains(r.Code))
            .Select(r => new { r.Id, r.Code })
            .ToDictionaryAsync(r => r.Code, r => r.Id, StringComparer.Ordinal, ct);
        var unknownRules = ruleCodes.Where(c => !rules.ContainsKey(c)).ToList();
        if (unknownRules.Count > 0)
        {
            return NotFound($"Unknown rule code(s) of {propertyCode}: {Names(unknownRules)}.");
        }

        var rates = new List<CopyRateInput>();
        foreach (var (pair, rate) in body.ExchangeRates ?? new Dictionary<string, decimal>())
        {
            if (pair.Split("->") is not [var from, var to] || !IsCurrency(from) || !IsCurrency(to) || from == to)
            {
                return BadRequest($"exchangeRates: \"{(pair.Length > 40 ? pair[..40] + "…" : pair)}\" is not a currency pair; write it as \"EUR->GBP\" (ISO 4217 codes).");
            }
            if (CopyExchangeRate.RateProblem(rate) is { } problem)
            {
                return BadRequest($"exchangeRates {pair}: {problem}");
            }
            rates.Add(new CopyRateInput(from, to, rate, ExchangeRateSources.Typed));
        }

        var request = new RuleCopyRequest(sourceId, ruleCodes.Select(c => rules[c]).ToList(), targetCodes.Select(c => properties[c]).ToList())
        {
            Policy = body.OnConflict ?? CodeConflictPolicy.Skip,
            Currency = body.Currency ?? CurrencyPolicy.Skip,
            ExchangeRates = rates,
        };
        var caller = CopyCaller.ApiClient(http.User.FindFirstValue(ClaimTypes.Name) ?? "api-client");

        if (body.DryRun)
        {
            var preview = await service.PreviewAsync(request, caller, ct);
            if (preview.Preview is null)
            {
                return Failure(preview.Status, preview.Message!);
            }
            var empty = new Dictionary<(int, int, CopyConflictKind, string), RuleCopyDecision>();
            var targets = preview.Preview.Targets.Select(t => new ApiCopyTargetResult(t.Property.Code, t.Rules.Select(item =>
            {
                RuleCopyPlanner.ApplyDecisions(item, t.Property.Id, empty, request.Policy, request.Currency);
                return ToApi(RuleCopyService.ToResult(item, item.Plan()));
            }).ToList())).ToList();
            return TypedResults.Json(new ApiCopyResponse(targets), Json);
        }

        var applied = await service.ApplyAsync(request, caller, ct);
        if (applied.Status != CopyStatus.Ok)
        {
            return Failure(applied.Status, applied.Message!);
        }
        var response = new ApiCopyResponse(applied.Targets
            .Select(t => new ApiCopyTargetResult(t.Property.Code, t.Rules.Select(ToApi).ToList(), t.Error)).ToList());
        return applied.Targets.Any(t => t.Error is not null) ? CopyFailed(applied, response) : TypedResults.Json(response, Json);
    }

    /// <summary>At most this many rule codes in one copy request (400 above).</summary>
    public const int MaxCopyRuleCodes = 1000;

    /// <summary>At most this many target properties in one copy request (400 above).</summary>
    public const int MaxCopyTargets = 100;

    /// <summary>A copy that did not land in some target is a 409, never a 200 with an error text: each target is
    /// all-or-nothing, "targets" says which landed and which did not (the copy log has both).</summary>
    private static ProblemHttpResult CopyFailed(RuleCopyApplyResult applied, ApiCopyResponse response)
    {
        var failed = applied.Targets.Where(t => t.Error is not null).ToList();
        return TypedResults.Problem(
            string.Join(" ", failed.Select(t => t.Error)) + (failed.Count < applied.Targets.Count ? " The other targets were copied (see targets)." : ""),
            statusCode: StatusCodes.Status409Conflict,
            title: "Conflict",
            extensions: new Dictionary<string, object?> { ["targets"] = JsonSerializer.SerializeToElement(response.Targets, Json) });
    }

    /// <summary>Codes named in an answer: at most 20, each cut to 40 characters (they are the sender's).</summary>
    private static string Names(IReadOnlyCollection<string> codes) =>
        string.Join(", ", codes.Take(20).Select(c => c.Length > 40 ? c[..40] + "…" : c)) + (codes.Count > 20 ? $" and {codes.Count - 20:#,0} more" : "");

    /// <summary>System.Text.Json's message without its internals, cut short, with the member it is about.</summary>
    private static string CopyJsonMessage(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut >= 0 ? message[..cut] : message;
        message = message.Length > 300 ? message[..300] + "…" : message;
        return ex.Path is { Length: > 0 } path ? $"{message} (at {(path.Length > 100 ? path[..100] + "…" : path)})" : message;
    }

    private static ApiCopyRuleResult ToApi(RuleCopyResultItem r) =>
        new(r.RuleCode, r.Outcome, r.NewCode, r.Conflicts.Select(c => new ApiCopyConflict(c.Kind, c.Value)).ToList())
        {
            Conversion = r.Conversion is { } c
                ? new ApiCopyConversion(c.From, c.To, c.Rate, c.Source, c.Amounts.Select(a => new ApiConvertedAmount(a.Before, a.After)).ToList())
                : null,
        };

    private static bool IsCurrency(string code) => code.Length == 3 && code.All(char.IsAsciiLetterUpper);

    private static ProblemHttpResult Failure(CopyStatus status, string message) => status switch
    {
        CopyStatus.NotFound => NotFound(message),
        CopyStatus.Forbidden => TypedResults.Problem(message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"),
        _ => BadRequest(message),
    };

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found");

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad Request");
}
