using System.Globalization;

namespace UpsellAdmin.Domain.Rules;

/// <summary>
/// The bounds of every number, date and text a rule or a stay may hold: the one set the rule form, the copy planner,
/// the quote engine and the public evaluate API all check (the form shows the messages beside its fields, the API
/// answers them as a 400). Inside these bounds the engine's arithmetic cannot overflow: the largest upsell rate is
/// <see cref="MaxRate"/> × 11 (1,000 % of the original on top of it), a stay's total at most <see cref="MaxNights"/>
/// times that — far below decimal's range — and every date the engine derives (arrival + night, departure − 1,
/// arrival − days in advance) stays a valid <see cref="DateOnly"/>.
/// </summary>
public static class UpsellLimits
{
    /// <summary>Highest percentage for % of Difference: more than the whole difference makes no sense.</summary>
    public const decimal MaxPercentOfDifference = 100m;

    /// <summary>Highest percentage for % of Original Rate (an upsell to 11× the original rate is surely a typo).</summary>
    public const decimal MaxPercentOfOriginal = 1000m;

    /// <summary>Highest flat amount (high enough for the currencies with the largest units: 1,000,000,000 VND or IDR is
    /// about 40,000 USD).</summary>
    public const decimal MaxFlatAmount = 1_000_000_000m;

    /// <summary>Highest Days in advance (the form's field takes three digits).</summary>
    public const int MaxDaysInAdvance = 999;

    /// <summary>Highest nightly rate (original or target). Room rates in VND or IDR run into the millions, so the bound
    /// is far above any real rate and only there to keep the arithmetic finite: 11 × this × 366 nights is about 4e15,
    /// far inside decimal's range (the quote engine's integer-cents path falls back to decimal above its own range).</summary>
    public const decimal MaxRate = 1_000_000_000_000m;

    /// <summary>The longest stay the engine evaluates (the Test and Quote screens' Nights field, the desk's window).</summary>
    public const int MaxNights = 366;

    /// <summary>Rule codes, room types and classes, rate codes and every filter value: at most this many characters.</summary>
    public const int CodeMaxLength = 20;

    /// <summary>A rule's description: at most this many characters.</summary>
    public const int DescriptionMaxLength = 40;

    /// <summary>At most this many entries in one filter list of a rule (rate codes, channels, …, level amounts).</summary>
    public const int MaxListEntries = 500;

    /// <summary>The first date a stay or a rule may name.</summary>
    public static readonly DateOnly MinDate = new(2000, 1, 1);

    /// <summary>The last date a stay or a rule may name (leave a rule's end date empty for "open").</summary>
    public static readonly DateOnly MaxDate = new(2199, 12, 31);

    /// <summary>True when <paramref name="date"/> lies within [<see cref="MinDate"/>, <see cref="MaxDate"/>].</summary>
    public static bool IsDateInRange(DateOnly date) => date >= MinDate && date <= MaxDate;

    /// <summary>"Must be between 2000-01-01 and 2199-12-31", for a field's message.</summary>
    public static string DateRangeText { get; } =
        $"between {MinDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} and {MaxDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>What is wrong with an upsell amount (or percentage) for a formula, or null when it is allowed.</summary>
    public static string? AmountProblem(UpsellFormula formula, decimal amount)
    {
        if (amount < 0)
        {
            return formula.IsPercentage()
                ? "Upsell Percentage cannot be negative."
                : "Upsell Amount cannot be negative.";
        }

        return formula switch
        {
            UpsellFormula.PercentOfDifferenceAddedToOriginalRate when amount > MaxPercentOfDifference =>
                $"Upsell Percentage for % of Difference can be at most {MaxPercentOfDifference:0} % (the whole difference); {Short(amount)} % is too much.",
            UpsellFormula.PercentOfOriginalRateAddedToOriginalRate when amount > MaxPercentOfOriginal =>
                $"Upsell Percentage for % of Original Rate can be at most {MaxPercentOfOriginal:0} %.",
            UpsellFormula.FlatAmountAddedToOriginalRate when amount > MaxFlatAmount =>
                $"Upsell Amount can be at most {MaxFlatAmount.ToString("#,0", CultureInfo.InvariantCulture)}.",
            _ => null,
        };
    }

    /// <summary>What is wrong with a nightly rate, or null when it is allowed.</summary>
    public static string? RateProblem(string what, decimal rate) =>
        rate < 0 ? $"The {what} must not be negative ({Short(rate)})."
        : rate > MaxRate ? $"The {what} can be at most {MaxRate.ToString("#,0", CultureInfo.InvariantCulture)}."
        : null;

    private static string Short(decimal value)
    {
        var text = value.ToString("0.##", CultureInfo.InvariantCulture);
        return text.Length > 32 ? text[..32] + "…" : text;
    }
}
