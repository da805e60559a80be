using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;

namespace UpsellAdmin.Domain.Tests.TestSupport;

/// <summary>Terse builders: a valid rule and a valid stay that match each other, to be narrowed with <c>with</c>.</summary>
internal static class Build
{
    public static DateOnly Day(int month, int day, int year = 2026) => new(year, month, day);

    /// <summary>STD → DLX, flat 15 USD, no rounding, no filters, no dates: applies to <see cref="Stay"/>.</summary>
    public static UpsellRuleDefinition Rule(
        string code = "R1",
        string from = "STD",
        string to = "DLX",
        UpsellFormula formula = UpsellFormula.FlatAmountAddedToOriginalRate,
        decimal? amount = 15m,
        RoundingRule rounding = RoundingRule.None) => new()
        {
            Code = code,
            From = from,
            To = to,
            Formula = formula,
            UpsellAmount = amount,
            RoundingRule = rounding,
            CurrencyCode = "USD",
        };

    public static UpsellRuleDefinition ClassRule(string code, string fromClass, string toClass, decimal amount = 15m) =>
        Rule(code, fromClass, toClass, amount: amount) with { UpsellByRoomType = false };

    /// <summary>
    /// A stay of STD (class STANDARD), rate code BAR (category PUBLIC), USD, booked 30 days ahead, arriving
    /// <paramref name="arrival"/> (default 2026-09-22) with one night per rate (default one night at 100).
    /// </summary>
    public static Stay Stay(
        DateOnly? arrival = null,
        decimal[]? rates = null,
        decimal?[]? targets = null,
        int?[]? levels = null)
    {
        var from = arrival ?? Day(9, 22);
        rates ??= [100m];
        var nights = rates.Select((rate, i) => new StayNight(
            from.AddDays(i),
            rate,
            targets is null ? null : targets[i],
            levels is null ? null : levels[i])).ToList();
        return new Stay
        {
            Arrival = from,
            Departure = from.AddDays(rates.Length),
            BookedOn = from.AddDays(-30),
            RoomType = "STD",
            RoomClass = "STANDARD",
            RateCode = "BAR",
            RateCategory = "PUBLIC",
            CurrencyCode = "USD",
            Nights = nights,
        };
    }

    /// <summary>A stay from <paramref name="arrival"/> to <paramref name="departure"/>, every night at 100.</summary>
    public static Stay StayBetween(DateOnly arrival, DateOnly departure) =>
        Stay(arrival, Enumerable.Repeat(100m, departure.DayNumber - arrival.DayNumber).ToArray());
}
