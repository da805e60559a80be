namespace UpsellAdmin.Web.Features.Quotes;

public static class QuoteDates
{
    /// <summary>Today at the property (its IANA time zone; UTC when the zone is unknown).</summary>
    public static DateOnly Today(TimeProvider clock, string? timeZone)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            now = TimeZoneInfo.ConvertTime(now, zone);
        }

        return DateOnly.FromDateTime(now.DateTime);
    }
}
