namespace UpsellAdmin.Web.Features.Reports.Exports;

/// <summary>Reading the report service's error texts where the answer's status depends on them.</summary>
public static class UpsellReportErrors
{
    /// <summary>The service's "Unknown property: X." / "Unknown properties: A, B." (an unknown code, or one the user may
    /// not see: the two read the same) — answered 404 by the export and the API, like an unknown code elsewhere.</summary>
    public static bool IsUnknownProperty(string error) =>
        error is not null && error.StartsWith("Unknown propert", StringComparison.Ordinal);
}
