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
    /// The stay alone: required codes present, every date within <see cref="UpsellLimits.MinDate"/> …
    /// <see cref="UpsellLimits.MaxDate"/>, departure after arrival and at most <see cref="UpsellLimits.MaxNights"/>
    /// nights later, exactly one night per date from arrival to departure − 1 in order, rates from 0 to
    /// <see cref="UpsellLimits.MaxRate"/>. Within these bounds the engine cannot overflow.
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

        var datesInRange = CheckDate(ref errors, "stay.arrival", "Arrival", stay.Arrival)
            & CheckDate(ref errors, "stay.departure", "Departure", stay.Departure)
            & CheckDate(ref errors, "stay.bookedOn", "Booked on", stay.BookedOn);
        var nightsKnown = false;
        if (!datesInRange)
        {
            // No night can be checked against dates the engine could not compute with.
        }
        else if (stay.Departure <= stay.Arrival)
        {
            Add(ref errors, "stay.departure", $"Departure {D(stay.Departure)} must be after arrival {D(stay.Arrival)}.");
        }
        else if (stay.NightCount > UpsellLimits.MaxNights)
        {
            Add(ref errors, "stay.departure", $"A stay can have at most {UpsellLimits.MaxNights} nights; {D(stay.Arrival)} → {D(stay.Departure)} has {stay.NightCount}.");
        }
        else if (stay.Nights.Count != stay.NightCount)
        {
            Add(ref errors, "stay.nights",
                $"Expected {stay.NightCount} night(s), one per date from {D(stay.Arrival)} to {D(stay.Departure.AddDays(-1))}; got {stay.Nights.Count}.");
        }
        else
        {
            nightsKnown = true;
        }

        if (stay.Nights.Count > UpsellLimits.MaxNights)
        {
            Add(ref errors, "stay.nights", $"A stay can have at most {UpsellLimits.MaxNights} nights; got {stay.Nights.Count}.");
            return errors!;
        }

        for (var i = 0; i < stay.Nights.Count; i++)
        {
            var night = stay.Nights[i];
            if (night is null)
            {
                Add(ref errors, $"stay.nights[{i}]", "The night is missing.");
                continue;
            }

            if (nightsKnown && night.Date != stay.Arrival.AddDays(i))
            {
                Add(ref errors, $"stay.nights[{i}].date", $"Expected {D(stay.Arrival.AddDays(i))} (nights must be the stay's nights in order), got {D(night.Date)}.");
            }

            if (night.OriginalRate < 0)
            {
                Add(ref errors, $"stay.nights[{i}].originalRate", $"The original rate must not be negative ({M(night.OriginalRate)}).");
            }
            else if (UpsellLimits.RateProblem("original rate", night.OriginalRate) is { } originalProblem)
            {
                Add(ref errors, $"stay.nights[{i}].originalRate", originalProblem);
            }

            if (night.TargetRate < 0)
            {
                Add(ref errors, $"stay.nights[{i}].targetRate", $"The target rate must not be negative ({M(night.TargetRate.Value)}).");
            }
            else if (night.TargetRate is { } target && UpsellLimits.RateProblem("target rate", target) is { } targetProblem)
            {
                Add(ref errors, $"stay.nights[{i}].targetRate", targetProblem);
            }
        }

        return (IReadOnlyList<ValidationError>?)errors ?? [];
    }

    /// <summary>
    /// The rule alone: code, From, To and currency present; Begin and End within <see cref="UpsellLimits.MinDate"/> …
    /// <see cref="UpsellLimits.MaxDate"/>, End not before Begin; Days in advance from 0 to
    /// <see cref="UpsellLimits.MaxDaysInAdvance"/>; Days of week each a real weekday and none twice (a repeated day is
    /// refused, not silently merged: it is a mistake in the caller's list); rate codes or rate categories, not both; an amount when occupancy
    /// levels are off, at least one level amount, and no level twice, when they are on; every amount within
    /// <see cref="UpsellLimits.AmountProblem"/> (the rule form's check).
    /// </summary>
    /// <param name="rule">The rule.</param>
    /// <param name="checkDateRange">False for the quote engine: it compares day numbers, which any date allows, so a
    /// saved rule whose end date lies past <see cref="UpsellLimits.MaxDate"/> (saved before the bound existed, e.g.
    /// 9999-12-31 for "open") keeps offering instead of being left out. The form and the API check the range.</param>
    public static IReadOnlyList<ValidationError> ValidateRule(UpsellRuleDefinition rule, bool checkDateRange = true)
    {
        ArgumentNullException.ThrowIfNull(rule);
        List<ValidationError>? errors = null;
        RequireCode(ref errors, "rule.code", rule.Code);
        RequireCode(ref errors, "rule.from", rule.From);
        RequireCode(ref errors, "rule.to", rule.To);
        RequireCode(ref errors, "rule.currencyCode", rule.CurrencyCode);
        var beginOk = !checkDateRange || rule.BeginDate is not { } b || CheckDate(ref errors, "rule.beginDate", "Begin date", b);
        var endOk = !checkDateRange || rule.EndDate is not { } e || CheckDate(ref errors, "rule.endDate", "End date", e);
        if (beginOk && endOk && rule.BeginDate is { } begin && rule.EndDate is { } end && end < begin)
        {
            Add(ref errors, "rule.endDate", $"End date {D(end)} is before begin date {D(begin)}.");
        }

        if (rule.DaysInAdvance < 0)
        {
            Add(ref errors, "rule.daysInAdvance", "Days in advance must not be negative.");
        }
        else if (rule.DaysInAdvance > UpsellLimits.MaxDaysInAdvance)
        {
            Add(ref errors, "rule.daysInAdvance", $"Days in advance can be at most {UpsellLimits.MaxDaysInAdvance}.");
        }

        CheckDaysOfWeek(ref errors, rule.DaysOfWeek);

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

        if (!rule.UpsellByOccupancyLevels && rule.UpsellAmount is { } amount && UpsellLimits.AmountProblem(rule.Formula, amount) is { } amountProblem)
        {
            Add(ref errors, "rule.upsellAmount", amountProblem);
        }

        for (var i = 0; rule.UpsellByOccupancyLevels && i < rule.OccupancyLevelAmounts.Count && i < UpsellLimits.MaxListEntries; i++)
        {
            var row = rule.OccupancyLevelAmounts[i];
            if (row is not null && UpsellLimits.AmountProblem(rule.Formula, row.Amount) is { } levelProblem)
            {
                Add(ref errors, $"rule.occupancyLevelAmounts[{i}].amount", $"Level {row.Level}: {levelProblem}");
            }
        }

        return (IReadOnlyList<ValidationError>?)errors ?? [];
    }

    private static void CheckDaysOfWeek(ref List<ValidationError>? errors, IReadOnlyList<DayOfWeek>? days)
    {
        if (days is null)
        {
            Add(ref errors, "rule.daysOfWeek", "Days of week must be a list (empty for every day).");
            return;
        }

        if (days.Count > Weekdays.InWeekOrder.Count)
        {
            Add(ref errors, "rule.daysOfWeek", $"At most {Weekdays.InWeekOrder.Count} days, each once (it has {days.Count}).");
            return;
        }

        var seen = 0;
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            if (!Enum.IsDefined(day))
            {
                Add(ref errors, $"rule.daysOfWeek[{i}]", $"{(int)day} is not a day of the week.");
            }
            else if ((seen & Weekdays.Bit(day)) != 0)
            {
                Add(ref errors, $"rule.daysOfWeek[{i}]", $"{day} is listed more than once.");
            }
            else
            {
                seen |= Weekdays.Bit(day);
            }
        }
    }

    /// <summary>
    /// Everything the public evaluate API must reject with 400 before evaluating <paramref name="rule"/> against
    /// <paramref name="stay"/>: <see cref="ValidateStay"/>, <see cref="ValidateRule"/>, plus a target rate on every night
    /// when the formula is % of Difference and an occupancy level on every night when the rule uses levels.
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(UpsellRuleDefinition rule, Stay stay)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(stay);
        var errors = new List<ValidationError>(ValidateRule(rule));
        errors.AddRange(ValidateStay(stay));
        CheckTexts(errors, rule, stay);
        if (stay.Nights is null || stay.Nights.Count > UpsellLimits.MaxNights)
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

    /// <summary>The API's bounds on text: codes and filter values at most <see cref="UpsellLimits.CodeMaxLength"/>
    /// characters, the description at most <see cref="UpsellLimits.DescriptionMaxLength"/>, lists at most
    /// <see cref="UpsellLimits.MaxListEntries"/> entries (so no answer echoes more than a few kilobytes of input).</summary>
    private static void CheckTexts(List<ValidationError> errors, UpsellRuleDefinition rule, Stay stay)
    {
        void Code(string field, string? value)
        {
            if (value is { Length: > UpsellLimits.CodeMaxLength })
            {
                errors.Add(new(field, $"At most {UpsellLimits.CodeMaxLength} characters (it has {value.Length})."));
            }
        }

        void List(string field, IReadOnlyList<string> values)
        {
            if (values.Count > UpsellLimits.MaxListEntries)
            {
                errors.Add(new(field, $"At most {UpsellLimits.MaxListEntries} entries (it has {values.Count})."));
                return;
            }

            for (var i = 0; i < values.Count; i++)
            {
                Code($"{field}[{i}]", values[i]);
            }
        }

        Code("rule.code", rule.Code);
        if (rule.Description is { Length: > UpsellLimits.DescriptionMaxLength } description)
        {
            errors.Add(new("rule.description", $"At most {UpsellLimits.DescriptionMaxLength} characters (it has {description.Length})."));
        }

        Code("rule.from", rule.From);
        Code("rule.to", rule.To);
        Code("rule.currencyCode", rule.CurrencyCode);
        List("rule.rateCodes", rule.RateCodes);
        List("rule.rateCategories", rule.RateCategories);
        List("rule.channels", rule.Channels);
        List("rule.reservationTypes", rule.ReservationTypes);
        List("rule.marketCodes", rule.MarketCodes);
        if (rule.Memberships.Count > UpsellLimits.MaxListEntries)
        {
            errors.Add(new("rule.memberships", $"At most {UpsellLimits.MaxListEntries} entries (it has {rule.Memberships.Count})."));
        }
        else
        {
            for (var i = 0; i < rule.Memberships.Count; i++)
            {
                Code($"rule.memberships[{i}].type", rule.Memberships[i].Type);
                Code($"rule.memberships[{i}].level", rule.Memberships[i].Level);
            }
        }

        if (rule.OccupancyLevelAmounts.Count > UpsellLimits.MaxListEntries)
        {
            errors.Add(new("rule.occupancyLevelAmounts", $"At most {UpsellLimits.MaxListEntries} entries (it has {rule.OccupancyLevelAmounts.Count})."));
        }

        Code("stay.roomType", stay.RoomType);
        Code("stay.roomClass", stay.RoomClass);
        Code("stay.rateCode", stay.RateCode);
        Code("stay.rateCategory", stay.RateCategory);
        Code("stay.membership.type", stay.Membership?.Type);
        Code("stay.membership.level", stay.Membership?.Level);
        Code("stay.channel", stay.Channel);
        Code("stay.reservationType", stay.ReservationType);
        Code("stay.market", stay.Market);
        Code("stay.currencyCode", stay.CurrencyCode);
    }

    private static bool CheckDate(ref List<ValidationError>? errors, string field, string label, DateOnly date)
    {
        if (UpsellLimits.IsDateInRange(date))
        {
            return true;
        }

        Add(ref errors, field, $"{label} {D(date)} must be {UpsellLimits.DateRangeText}.");
        return false;
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
