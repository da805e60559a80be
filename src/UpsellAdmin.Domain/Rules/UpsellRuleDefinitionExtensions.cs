namespace UpsellAdmin.Domain.Rules;

public static class UpsellRuleDefinitionExtensions
{
    /// <summary>
    /// How many of the rule's filter lists are non-empty: rate codes, rate categories, memberships, channels,
    /// reservation types, markets (0–6). Dates, Days of week, Days in advance and currency are not filters. When several rules offer
    /// the same target, the one with more filters is the more specific one and wins (after room-type over room-class).
    /// </summary>
    public static int FilterCount(this UpsellRuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return (rule.RateCodes.Count > 0 ? 1 : 0)
            + (rule.RateCategories.Count > 0 ? 1 : 0)
            + (rule.Memberships.Count > 0 ? 1 : 0)
            + (rule.Channels.Count > 0 ? 1 : 0)
            + (rule.ReservationTypes.Count > 0 ? 1 : 0)
            + (rule.MarketCodes.Count > 0 ? 1 : 0);
    }
}
