using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace UpsellAdmin.Web.Features.Common;

/// <summary>SQLite cannot compare or order DateTimeOffset columns; the instants queries filter and sort on are stored as
/// UTC DateTime (datetime2 on SQL Server), which both providers compare and order. One converter for every feature.</summary>
public static class UtcColumns
{
    public static readonly ValueConverter<DateTimeOffset, DateTime> Converter =
        new(v => v.UtcDateTime, v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));

    public static readonly ValueConverter<DateTimeOffset?, DateTime?> NullableConverter =
        new(v => v.HasValue ? v.Value.UtcDateTime : null, v => v.HasValue ? new DateTimeOffset(DateTime.SpecifyKind(v.Value, DateTimeKind.Utc)) : null);
}
