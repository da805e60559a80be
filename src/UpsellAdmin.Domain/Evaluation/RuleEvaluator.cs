using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;
using static UpsellAdmin.Domain.Evaluation.UpsellInputValidator;

namespace UpsellAdmin.Domain.Evaluation;

/// <summary>
/// Evaluates ONE rule against ONE stay, checking every criterion and explaining each failure in plain words.
/// This is the contract's reference implementation; the quote engine must agree with it.
/// <para>Semantics (the product's contract):</para>
/// <list type="bullet">
/// <item><b>StayDates</b>: every night (arrival … departure − 1) lies within [Begin, End], both inclusive, a missing bound
/// open. A rule for Sep 22–24 does not apply to Sep 22 → Sep 26 (nights 22–25) and applies to Sep 22 → Sep 25.</item>
/// <item><b>DaysOfWeek</b>: like the dates, the whole stay: every night (arrival … departure − 1) falls on one of the rule's
/// weekdays; none chosen (or all seven) = every day. A Fri+Sat rule applies to Fri → Sun (nights Fri, Sat) and not to
/// Fri → Mon (the Sunday night); the explanation names the first night that fails.</item>
/// <item><b>DaysInAdvance</b>: applies when (arrival − booked-on) ≥ N days; no value = no limit.</item>
/// <item><b>Room</b>: a room-type rule needs stay room type = From; a room-class rule needs stay room class = From.</item>
/// <item><b>Filters</b> (RateCode, RateCategory, Membership, Channel, ReservationType, Market): an empty list means any; a
/// non-empty list must hold the stay's value, and a missing stay value does not match. A membership entry without a
/// level matches every level of its type; one with a level matches that level only.</item>
/// <item><b>Currency</b>: the rule's currency equals the stay's.</item>
/// <item><b>Formulas</b>, per night, p = percentage / 100: Flat: original + amount; % of difference: original + p × (target −
/// original); % of original: original + p × original. With occupancy levels the amount/percentage is the one of the
/// night's level; a night whose level has no amount (or has no level) fails <b>OccupancyLevel</b>. % of difference
/// fails <b>TargetRate</b> when a night's target rate is missing or not above the original.</item>
/// <item><b>Rounding</b> per night of the upsell rate, see <see cref="Rounding.Apply"/>; upsell amount = upsell rate −
/// original; totals are sums over the nights.</item>
/// </list>
/// Codes compare ordinally (case-sensitive). The evaluator does not validate: run
/// <see cref="UpsellInputValidator.Validate"/> first for API input (a missing target rate or occupancy level is a 400
/// there, but a criterion failure here).
/// </summary>
public static class RuleEvaluator
{
    /// <summary>Evaluates <paramref name="rule"/> against <paramref name="stay"/>; see the class remarks for the semantics.</summary>
    /// <exception cref="InvalidUpsellInputException">The rule has no amount while not using occupancy levels.</exception>
    public static RuleEvaluation Evaluate(UpsellRuleDefinition rule, Stay stay)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(stay);
        if (!rule.UpsellByOccupancyLevels && rule.UpsellAmount is null)
        {
            throw new InvalidUpsellInputException([new("rule.upsellAmount", "The amount is required when occupancy levels are not used.")]);
        }

        var reasons = new List<CriterionFailure>();
        CheckStayDates(rule, stay, reasons);
        CheckDaysInAdvance(rule, stay, reasons);
        CheckRoom(rule, stay, reasons);
        CheckList(Criterion.RateCode, "Rate code", rule.RateCodes, stay.RateCode, reasons);
        CheckList(Criterion.RateCategory, "Rate category", rule.RateCategories, stay.RateCategory, reasons);
        CheckMembership(rule, stay, reasons);
        CheckList(Criterion.Channel, "Channel", rule.Channels, stay.Channel, reasons);
        CheckList(Criterion.ReservationType, "Reservation type", rule.ReservationTypes, stay.ReservationType, reasons);
        CheckList(Criterion.Market, "Market", rule.MarketCodes, stay.Market, reasons);
        if (!string.Equals(rule.CurrencyCode, stay.CurrencyCode, StringComparison.Ordinal))
        {
            reasons.Add(new(Criterion.Currency, $"Currency {stay.CurrencyCode} is not the rule's currency {rule.CurrencyCode}"));
        }

        var amounts = NightAmounts(rule, stay, reasons);
        CheckTargetRates(rule, stay, reasons);
        CheckDaysOfWeek(rule, stay, reasons); // last: reasons stay in Criterion order (DaysOfWeek was added last)
        if (reasons.Count > 0)
        {
            return new RuleEvaluation(rule.Code, reasons, []);
        }

        var nights = new NightlyUpsell[stay.Nights.Count];
        for (var i = 0; i < nights.Length; i++)
        {
            var night = stay.Nights[i];
            var rate = UpsellMath.UpsellRate(rule.Formula, amounts[i], rule.RoundingRule, night.OriginalRate, night.TargetRate ?? 0m);
            nights[i] = new NightlyUpsell(night.Date, night.OriginalRate, rate, rate - night.OriginalRate);
        }

        return new RuleEvaluation(rule.Code, reasons, nights);
    }

    private static void CheckStayDates(UpsellRuleDefinition rule, Stay stay, List<CriterionFailure> reasons)
    {
        var lastNight = stay.Departure.AddDays(-1);
        var inside = (rule.BeginDate is not { } begin || stay.Arrival >= begin) && (rule.EndDate is not { } end || lastNight <= end);
        if (!inside)
        {
            var from = rule.BeginDate is { } b ? D(b) : "open start";
            var to = rule.EndDate is { } e ? D(e) : "open end";
            reasons.Add(new(Criterion.StayDates, $"Stay {D(stay.Arrival)} → {D(stay.Departure)} is not inside the rule's dates {from} – {to}"));
        }
    }

    private static void CheckDaysOfWeek(UpsellRuleDefinition rule, Stay stay, List<CriterionFailure> reasons)
    {
        var mask = Weekdays.ToMask(rule.DaysOfWeek);
        if (mask is Weekdays.Every or Weekdays.AllBits)
        {
            return;
        }

        for (var night = stay.Arrival; night < stay.Departure; night = night.AddDays(1))
        {
            if (!Weekdays.Allows(mask, night.DayOfWeek))
            {
                reasons.Add(new(Criterion.DaysOfWeek, $"{night.DayOfWeek} {D(night)} is not one of the rule's days ({Weekdays.Format(mask)})"));
                return;
            }
        }
    }

    private static void CheckDaysInAdvance(UpsellRuleDefinition rule, Stay stay, List<CriterionFailure> reasons)
    {
        if (rule.DaysInAdvance is { } needed && stay.DaysBookedInAdvance < needed)
        {
            var lead = stay.DaysBookedInAdvance;
            var booked = lead >= 0 ? $"Booked {Days(lead)} before arrival" : $"Booked {Days(-lead)} after arrival";
            reasons.Add(new(Criterion.DaysInAdvance, $"{booked}; the rule needs at least {needed}"));
        }

        static string Days(int n) => n == 1 ? "1 day" : $"{n} days";
    }

    private static void CheckRoom(UpsellRuleDefinition rule, Stay stay, List<CriterionFailure> reasons)
    {
        if (rule.UpsellByRoomType)
        {
            if (!string.Equals(stay.RoomType, rule.From, StringComparison.Ordinal))
            {
                reasons.Add(new(Criterion.Room, $"Room type {stay.RoomType} is not the rule's From room type {rule.From}"));
            }
        }
        else if (stay.RoomClass is null)
        {
            reasons.Add(new(Criterion.Room, $"The stay has no room class; the rule is for room class {rule.From}"));
        }
        else if (!string.Equals(stay.RoomClass, rule.From, StringComparison.Ordinal))
        {
            reasons.Add(new(Criterion.Room, $"Room class {stay.RoomClass} is not the rule's From room class {rule.From}"));
        }
    }

    private static void CheckList(Criterion criterion, string label, IReadOnlyList<string> list, string? value, List<CriterionFailure> reasons)
    {
        if (list.Count == 0 || (value is not null && list.Contains(value, StringComparer.Ordinal)))
        {
            return;
        }

        var listed = string.Join(", ", list);
        reasons.Add(new(criterion, value is null
            ? $"The stay has no {label.ToLowerInvariant()}; the rule's list is ({listed})"
            : $"{label} {value} is not in the rule's list ({listed})"));
    }

    private static void CheckMembership(UpsellRuleDefinition rule, Stay stay, List<CriterionFailure> reasons)
    {
        if (rule.Memberships.Count == 0)
        {
            return;
        }

        var card = stay.Membership;
        var matches = card is not null && rule.Memberships.Any(m =>
            string.Equals(m.Type, card.Type, StringComparison.Ordinal)
            && (m.Level is null || string.Equals(m.Level, card.Level, StringComparison.Ordinal)));
        if (matches)
        {
            return;
        }

        var listed = string.Join(", ", rule.Memberships.Select(m => m.Level is null ? $"{m.Type} (any level)" : $"{m.Type}/{m.Level}"));
        reasons.Add(new(Criterion.Membership, card is null
            ? $"The stay has no membership; the rule's list is ({listed})"
            : $"Membership {(card.Level is null ? card.Type : $"{card.Type}/{card.Level}")} is not in the rule's list ({listed})"));
    }

    /// <summary>The amount (or percentage) of each night; records an OccupancyLevel failure for nights without one.</summary>
    private static decimal[] NightAmounts(UpsellRuleDefinition rule, Stay stay, List<CriterionFailure> reasons)
    {
        var amounts = new decimal[stay.Nights.Count];
        if (!rule.UpsellByOccupancyLevels)
        {
            Array.Fill(amounts, rule.UpsellAmount!.Value);
            return amounts;
        }

        var problems = new List<string>();
        for (var i = 0; i < amounts.Length; i++)
        {
            var night = stay.Nights[i];
            var level = night.OccupancyLevel;
            var row = level is null ? null : rule.OccupancyLevelAmounts.FirstOrDefault(a => a.Level == level);
            if (row is not null)
            {
                amounts[i] = row.Amount;
            }
            else
            {
                problems.Add(level is null ? $"no occupancy level on {D(night.Date)}" : $"no amount for occupancy level {level} on {D(night.Date)}");
            }
        }

        if (problems.Count > 0)
        {
            var levels = rule.OccupancyLevelAmounts.Count == 0 ? "none" : string.Join(", ", rule.OccupancyLevelAmounts.Select(a => a.Level));
            reasons.Add(new(Criterion.OccupancyLevel, $"{Capitalize(string.Join("; ", problems))}; the rule has amounts for levels {levels}"));
        }

        return amounts;
    }

    private static void CheckTargetRates(UpsellRuleDefinition rule, Stay stay, List<CriterionFailure> reasons)
    {
        if (rule.Formula != UpsellFormula.PercentOfDifferenceAddedToOriginalRate)
        {
            return;
        }

        var problems = new List<string>();
        foreach (var night in stay.Nights)
        {
            if (night.TargetRate is not { } target)
            {
                problems.Add($"no target rate on {D(night.Date)}");
            }
            else if (target <= night.OriginalRate)
            {
                problems.Add($"target rate {M(target)} on {D(night.Date)} is not above the original {M(night.OriginalRate)}");
            }
        }

        if (problems.Count > 0)
        {
            reasons.Add(new(Criterion.TargetRate, $"{Capitalize(string.Join("; ", problems))} (% of Difference needs a higher target rate every night)"));
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
