using System.Globalization;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;

namespace UpsellAdmin.Domain.Evaluation;

/// <summary>
/// One reason the input is malformed (HTTP 400), not a reason a rule does not apply.
/// <see cref="Field"/> is a camelCase path in an <c>{ rule, stay }</c> body, e.g. <c>stay.nights[2].originalRate</c>.
/// </summary>
public sealed record ValidationError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>Thrown by the engine when it is handed input that <see cref="UpsellInputValidator"/> rejects.</summary>
public sealed class InvalidUpsellInputException(IReadOnlyList<ValidationError> errors)
    : ArgumentException("Invalid upsell input: " + string.Join("; ", errors))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}

/// <summary>
/// Checks input for malformation, kept apart from non-applicability: a rule that merely does not fit a stay is an
/// evaluation result, never a validation error. In particular a night whose occupancy level is missing from a
/// non-empty level-amount list (criterion OccupancyLevel) and a target rate not above the original (criterion
/// TargetRate) are NOT validation errors.
/// </summary>
public static class UpsellInputValidator
{
    /// <summary>
    /// The stay alone: required codes present, departure after arrival, exactly one night per date from arrival to
    /// departure − 1 in order, no negative original or target rate.
    /// </summary>
    public static IReadOnlyList<ValidationError> ValidateStay(Stay stay)
    {
        ArgumentNullException.ThrowIfNull(stay);
        List<ValidationError>? errors = null;
        RequireCode(ref errors, "stay.roomType", stay.RoomType);
        RequireCode(ref errors, "stay.rateCode", stay.RateCode);
        RequireCode(ref errors, "stay.currencyCode", stay.CurrencyCode);
        if (stay.Nights is null)
        {
            Add(ref errors, "stay.nights", "The nights are required.");
            return errors!;
        }

        if (stay.Departure <= stay.Arrival)
        {
            Add(ref errors, "stay.departure", $"Departure {D(stay.Departure)} must be after arrival {D(stay.Arrival)}.");
        }
        else if (stay.Nights.Count != stay.NightCount)
        {
            Add(ref errors, "stay.nights",
                $"Expected {stay.NightCount} night(s), one per date from {D(stay.Arrival)} to {D(stay.Departure.AddDays(-1))}; got {stay.Nights.Count}.");
        }

        for (var i = 0; i < stay.Nights.Count; i++)
        {
            var night = stay.Nights[i];
            if (night is null)
            {
                Add(ref errors, $"stay.nights[{i}]", "The night is missing.");
                continue;
            }

            var expected = stay.Arrival.AddDays(i);
            if (stay.Departure > stay.Arrival && i < stay.NightCount && night.Date != expected)
            {
                Add(ref errors, $"stay.nights[{i}].date", $"Expected {D(expected)} (nights must be the stay's nights in order), got {D(night.Date)}.");
            }

            if (night.OriginalRate < 0)
            {
                Add(ref errors, $"stay.nights[{i}].originalRate", $"The original rate must not be negative ({M(night.OriginalRate)}).");
            }

            if (night.TargetRate < 0)
            {
                Add(ref errors, $"stay.nights[{i}].targetRate", $"The target rate must not be negative ({M(night.TargetRate.Value)}).");
            }
        }

        return (IReadOnlyList<ValidationError>?)errors ?? [];
    }

    /// <summary>
    /// The rule alone: code, From, To and currency present; End not before Begin; Days in advance not negative;
    /// rate codes or rate categories, not both; an amount when occupancy levels are off; at least one level amount,
    /// and no level twice, when they are on.
    /// </summary>
    public static IReadOnlyList<ValidationError> ValidateRule(UpsellRuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        List<ValidationError>? errors = null;
        RequireCode(ref errors, "rule.code", rule.Code);
        RequireCode(ref errors, "rule.from", rule.From);
        RequireCode(ref errors, "rule.to", rule.To);
        RequireCode(ref errors, "rule.currencyCode", rule.CurrencyCode);
        if (rule.BeginDate is { } begin && rule.EndDate is { } end && end < begin)
        {
            Add(ref errors, "rule.endDate", $"End date {D(end)} is before begin date {D(begin)}.");
        }

        if (rule.DaysInAdvance < 0)
        {
            Add(ref errors, "rule.daysInAdvance", "Days in advance must not be negative.");
        }

        if (rule.RateCodes.Count > 0 && rule.RateCategories.Count > 0)
        {
            Add(ref errors, "rule.rateCategories", "A rule filters on rate codes or on rate categories, not both.");
        }

        if (rule.UpsellByOccupancyLevels)
        {
            if (rule.OccupancyLevelAmounts.Count == 0)
            {
                Add(ref errors, "rule.occupancyLevelAmounts", "The rule uses occupancy levels but lists no level amounts.");
            }

            var duplicates = rule.OccupancyLevelAmounts.GroupBy(a => a.Level).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0)
            {
                Add(ref errors, "rule.occupancyLevelAmounts", $"Occupancy level(s) {string.Join(", ", duplicates)} listed more than once.");
            }
        }
        else if (rule.UpsellAmount is null)
        {
            Add(ref errors, "rule.upsellAmount", $"The {(rule.Formula.IsPercentage() ? "upsell percentage" : "upsell amount")} is required when occupancy levels are not used.");
        }

        return (IReadOnlyList<ValidationError>?)errors ?? [];
    }

    /// <summary>
    /// Everything the public evaluate API must reject with 400 before evaluating <paramref name="rule"/> against
    /// <paramref name="stay"/>: <see cref="ValidateStay"/>, <see cref="ValidateRule"/>, plus a target rate on every night
    /// when the formula is % of Difference and an occupancy level on every night when the rule uses levels.
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(UpsellRuleDefinition rule, Stay stay)
    {
        var errors = new List<ValidationError>(ValidateRule(rule));
        errors.AddRange(ValidateStay(stay));
        if (stay.Nights is null)
        {
            return errors;
        }

        for (var i = 0; i < stay.Nights.Count; i++)
        {
            var night = stay.Nights[i];
            if (night is null)
            {
                continue;
            }

            if (rule.Formula == UpsellFormula.PercentOfDifferenceAddedToOriginalRate && night.TargetRate is null)
            {
                errors.Add(new($"stay.nights[{i}].targetRate", $"The target room type's rate for {D(night.Date)} is required by % of Difference."));
            }

            if (rule.UpsellByOccupancyLevels && night.OccupancyLevel is null)
            {
                errors.Add(new($"stay.nights[{i}].occupancyLevel", $"The occupancy level for {D(night.Date)} is required: the rule uses occupancy levels."));
            }
        }

        return errors;
    }

    internal static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string M(decimal amount) => amount.ToString("0.00##", CultureInfo.InvariantCulture);

    private static void RequireCode(ref List<ValidationError>? errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(ref errors, field, "A code is required.");
        }
    }

    private static void Add(ref List<ValidationError>? errors, string field, string message) => (errors ??= []).Add(new(field, message));
}
