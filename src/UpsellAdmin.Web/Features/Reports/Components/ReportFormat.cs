using System.Globalization;

namespace UpsellAdmin.Web.Features.Reports.Components;

/// <summary>How the report writes its figures (invariant culture, as the rest of the app): amounts always with their
/// currency, conversion as a percentage with one decimal, "—" where a figure has no value (nothing presented).</summary>
public static class ReportFormat
{
    public const string None = "—";

    public static string Count(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Amount(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Amount(decimal? value) => value is { } v ? Amount(v) : None;

    public static string Money(decimal value, string currency) => $"{Amount(value)} {currency}";

    public static string Money(decimal? value, string currency) => value is { } v ? Money(v, currency) : None;

    /// <summary>A 0–1 fraction as "12.5 %".</summary>
    public static string Percent(decimal? fraction) =>
        fraction is { } f ? (f * 100m).ToString("0.0", CultureInfo.InvariantCulture) + " %" : None;

    /// <summary>A percent as typed in the configuration ("5 %", "7.25 %").</summary>
    public static string Rate(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
