namespace UpsellAdmin.Domain.Rules;

/// <summary>How a rule turns the original nightly rate into the upsell rate (OPERA's Formula list).</summary>
public enum UpsellFormula
{
    /// <summary>Flat Amount Added to Original Rate: original + amount.</summary>
    FlatAmountAddedToOriginalRate = 0,

    /// <summary>% of Difference Added to Original Rate: original + p × (target − original).</summary>
    PercentOfDifferenceAddedToOriginalRate = 1,

    /// <summary>% of Original Rate Added to Original Rate: original + p × original.</summary>
    PercentOfOriginalRateAddedToOriginalRate = 2,
}

/// <summary>OPERA's Rounding Rule list: None, Up, Down, Up - Keep Decimal, Down - Keep Decimal.</summary>
public enum RoundingRule
{
    None = 0,
    Up = 1,
    Down = 2,
    UpKeepDecimal = 3,
    DownKeepDecimal = 4,
}

/// <summary>Upsell Room Type's Room Status: the minimum housekeeping status for same-day arrivals.</summary>
public enum RoomStatus
{
    Dirty = 0,
    Clean = 1,
    Inspected = 2,
}

/// <summary>Upsell Configuration "Sort offers by".</summary>
public enum OfferSortOrder
{
    DisplaySequence = 0,
    UpsellAmountAscending = 1,
    UpsellAmountDescending = 2,
}

public static class UpsellFormulaExtensions
{
    /// <summary>True for the two formulas whose amount is a percentage (the form labels it Upsell Percentage).</summary>
    public static bool IsPercentage(this UpsellFormula formula) => formula != UpsellFormula.FlatAmountAddedToOriginalRate;

    /// <summary>OPERA's label for the formula.</summary>
    public static string Label(this UpsellFormula formula) => formula switch
    {
        UpsellFormula.FlatAmountAddedToOriginalRate => "Flat Amount Added to Original Rate",
        UpsellFormula.PercentOfDifferenceAddedToOriginalRate => "% of Difference Added to Original Rate",
        UpsellFormula.PercentOfOriginalRateAddedToOriginalRate => "% of Original Rate Added to Original Rate",
        _ => formula.ToString(),
    };
}

public static class RoundingRuleExtensions
{
    /// <summary>OPERA's label for the rounding rule.</summary>
    public static string Label(this RoundingRule rule) => rule switch
    {
        RoundingRule.None => "None",
        RoundingRule.Up => "Up",
        RoundingRule.Down => "Down",
        RoundingRule.UpKeepDecimal => "Up - Keep Decimal",
        RoundingRule.DownKeepDecimal => "Down - Keep Decimal",
        _ => rule.ToString(),
    };
}

public static class OfferSortOrderExtensions
{
    public static string Label(this OfferSortOrder order) => order switch
    {
        OfferSortOrder.DisplaySequence => "Display sequence",
        OfferSortOrder.UpsellAmountAscending => "Upsell amount, ascending",
        OfferSortOrder.UpsellAmountDescending => "Upsell amount, descending",
        _ => order.ToString(),
    };
}
