namespace UpsellAdmin.Domain.Rules;

/// <summary>
/// A rule's Days of week as stored: bit <c>(int)DayOfWeek</c> set = that weekday is chosen (Sunday = bit 0,
/// Saturday = bit 6). 0 means every day, like an empty filter list.
/// </summary>
public static class Weekdays
{
    public const int Every = 0;
    public const int AllBits = 0b111_1111;

    /// <summary>Monday first, as a European hotel's week (and the form, grid and API) lists them.</summary>
    public static readonly IReadOnlyList<DayOfWeek> InWeekOrder =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static int Bit(DayOfWeek day) => 1 << (int)day;

    public static int ToMask(IEnumerable<DayOfWeek> days) => days.Aggregate(0, (mask, d) => mask | Bit(d));

    /// <summary>The stored form: all seven days and none mean the same (every day) and are both <see cref="Every"/>,
    /// so search, grid and history see one value.</summary>
    public static int StoredMask(IEnumerable<DayOfWeek> days) => ToMask(days) is var mask and not AllBits ? mask : Every;

    /// <summary>The chosen days in week order; empty for <see cref="Every"/>.</summary>
    public static IReadOnlyList<DayOfWeek> FromMask(int mask) => InWeekOrder.Where(d => (mask & Bit(d)) != 0).ToList();

    /// <summary>True when <paramref name="mask"/> allows <paramref name="day"/> (every day when the mask is 0 or all seven).</summary>
    public static bool Allows(int mask, DayOfWeek day) => mask == Every || (mask & Bit(day)) != 0;

    /// <summary>"Every day", or the short names in week order ("Fri, Sat").</summary>
    public static string Format(int mask) => mask is Every or AllBits
        ? "Every day"
        : string.Join(", ", FromMask(mask).Select(d => d.ToString()[..3]));
}
