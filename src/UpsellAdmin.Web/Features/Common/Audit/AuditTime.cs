using System.Globalization;

namespace UpsellAdmin.Web.Features.Common.Audit;

/// <summary>How the audit screens show an instant: UTC, to the second, said so (one clock for every property).</summary>
public static class AuditTime
{
    public static string Text(DateTimeOffset at) => Time(at) + " UTC";

    /// <summary>The same without " UTC", where a column header already says so.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
