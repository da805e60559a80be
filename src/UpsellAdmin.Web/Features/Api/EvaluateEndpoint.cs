using System.Text.Json;
using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.Api;

/// <summary>
/// <c>POST /api/upsell-rules/evaluate</c>: evaluates one rule against one stay, both in the body (stateless, no database).
/// 200 with { applicable, reasons, offer }; 400 problem details naming each bad field; 401 without a valid X-Api-Key.
/// The body is read here with <see cref="EvaluateJson.Options"/> so that malformed JSON, unknown enum values and
/// missing members become a 400 that names the field, not the framework's generic binding failure.
/// </summary>
public static class EvaluateEndpoint
{
    public const string Route = "/upsell-rules/evaluate";

    public static async Task<IResult> HandleAsync(HttpRequest request, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        // The body is at most Api:MaxRequestBodyBytes (ApiProblems): read it, look for over-long arrays, then deserialize.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (EvaluateMapping.FindOverlongArrays(json.Span) is { } overlong)
        {
            return Invalid(overlong);
        }

        EvaluateRequest? body;
        try
        {
            body = JsonSerializer.Deserialize<EvaluateRequest>(json.Span, EvaluateJson.Options);
        }
        catch (JsonException exception)
        {
            return Invalid(EvaluateMapping.FromJsonException(exception));
        }

        var (rule, stay, missing) = EvaluateMapping.Map(body);
        if (rule is null || stay is null)
        {
            return Invalid(missing);
        }

        var errors = UpsellInputValidator.Validate(rule, stay);
        if (errors.Count > 0)
        {
            return Invalid(EvaluateMapping.ToProblemErrors(errors));
        }

        var evaluation = RuleEvaluator.Evaluate(rule, stay);
        loggerFactory.CreateLogger(typeof(EvaluateEndpoint)).LogInformation(
            "Evaluated rule {RuleCode} for stay {Arrival}–{Departure}: applicable {Applicable}, {ReasonCount} reasons",
            LogText.Safe(rule.Code), stay.Arrival, stay.Departure, evaluation.Applicable, evaluation.Reasons.Count);
        return Results.Json(EvaluateMapping.ToResponse(rule, stay, evaluation), EvaluateJson.Options);
    }

    private static IResult Invalid(ProblemErrors errors) =>
        Results.ValidationProblem(
            errors.ByField,
            title: "The request is not valid.",
            detail: errors.More > 0
                ? $"See errors: each key is a field of the request body. The first {EvaluateMapping.MaxErrors} messages are listed; {errors.More} more are counted in {EvaluateMapping.MoreErrorsMember}."
                : "See errors: each key is a field of the request body.",
            extensions: errors.More > 0 ? new Dictionary<string, object?> { [EvaluateMapping.MoreErrorsMember] = errors.More } : null);
}
