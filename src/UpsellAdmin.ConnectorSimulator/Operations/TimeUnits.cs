using UpsellAdmin.ConnectorSimulator.Model;

namespace UpsellAdmin.ConnectorSimulator.Operations;

/// <summary>Daily time units: local midnight in the enterprise's time zone, converted to UTC (§1.5).</summary>
internal static class TimeUnits
{
    public sealed record Unit(DateOnly Date, DateTimeOffset StartUtc);

    /// <summary>
    /// The units from <paramref name="first"/> to <paramref name="last"/> inclusive. Both must be on a time-unit
    /// boundary, last not before first, and at most <paramref name="maxDays"/> days apart; else 400.
    /// </summary>
    public static IReadOnlyList<Unit> Range(Enterprise enterprise, DateTimeOffset? first, DateTimeOffset? last, int maxDays = 367)
    {
        var firstDate = Boundary(enterprise, Check.Required(first, "FirstTimeUnitStartUtc"), "FirstTimeUnitStartUtc");
        var lastDate = Boundary(enterprise, Check.Required(last, "LastTimeUnitStartUtc"), "LastTimeUnitStartUtc");
        if (lastDate < firstDate || lastDate.DayNumber - firstDate.DayNumber > maxDays)
        {
            throw ConnectorApiException.Invalid("LastTimeUnitStartUtc");
        }

        var units = new List<Unit>(lastDate.DayNumber - firstDate.DayNumber + 1);
        for (var date = firstDate; date <= lastDate; date = date.AddDays(1))
        {
            units.Add(new Unit(date, StartOf(enterprise, date)));
        }

        return units;
    }

    public static DateTimeOffset StartOf(Enterprise enterprise, DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, enterprise.TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateOnly LocalDate(Enterprise enterprise, DateTimeOffset utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, enterprise.TimeZone).DateTime);

    private static DateOnly Boundary(Enterprise enterprise, DateTimeOffset utc, string name)
    {
        var local = TimeZoneInfo.ConvertTime(utc, enterprise.TimeZone);
        if (local.TimeOfDay != TimeSpan.Zero)
        {
            throw ConnectorApiException.Invalid(name);
        }

        return DateOnly.FromDateTime(local.DateTime);
    }

    /// <summary>The local nights a reservation occupies: arrival date up to (not including) departure date.</summary>
    public static IEnumerable<DateOnly> Nights(Enterprise enterprise, Reservation reservation)
    {
        var arrival = LocalDate(enterprise, reservation.ScheduledStartUtc);
        var departure = LocalDate(enterprise, reservation.ScheduledEndUtc);
        for (var date = arrival; date < departure; date = date.AddDays(1))
        {
            yield return date;
        }
    }
}
