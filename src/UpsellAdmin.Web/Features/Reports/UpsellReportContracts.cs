using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Features.Reports;

/// <summary>Which day a record is counted on: the day of the sale (presentation, decline) in the property's own time
/// zone, or the stay's arrival date.</summary>
public enum ReportDateBasis
{
    SaleDate,
    StayDate,
}

/// <summary>How the report's rows are grouped (the API's <c>groupBy</c>, camelCase).</summary>
public enum ReportGrouping
{
    Property,
    Agent,
    RoomTypePair,
    Rule,
    AddOn,
    Day,
    Week,
}

/// <summary>
/// What the Upsell Performance report is asked: properties (empty = every property the user may see), an inclusive
/// date range on <see cref="DateBasis"/>, optional agent / channel / kind filters, and the groupings wanted. A Front
/// Desk user always gets their own figures (the service sets <see cref="Agent"/> to them).
/// Address form (page, exports, API): <c>properties=A,B&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;by=sale|stay&amp;agent=…
/// &amp;channel=Desk|Api&amp;kind=RoomUpgrade|AddOn&amp;groupBy=day</c> (see <c>UpsellReportQueryString</c>).
/// </summary>
public sealed record UpsellReportQuery(
    IReadOnlyList<string> PropertyCodes,
    DateOnly From,
    DateOnly To,
    ReportDateBasis DateBasis,
    string? Agent,
    SaleChannel? Channel,
    UpsellKind? Kind,
    IReadOnlyList<ReportGrouping> GroupBy);

/// <summary>
/// The figures of one currency section or one group (definitions in the README, "Upsell Performance"):
/// reservations presented (distinct reservations shown offers, or that bought), offers presented, sold (accepted and
/// not rejected or reversed), declined, reversed, reservations that bought, conversion (reservations that bought ÷
/// reservations presented, 0–1; null when none was presented), posted amount (sales that reached Mews), reversed
/// amount, revenue (posted − reversed), pending amount (recorded, not yet in Mews), average per sale (revenue ÷ sales
/// in Mews now), upgrade room-nights (of sold upgrades), and the agents' commission (revenue × the property's
/// commission percent; null where no property of the group has a commission set).
/// </summary>
public sealed record UpsellFigures(
    int ReservationsPresented,
    int OffersPresented,
    int Sold,
    int Declined,
    int Reversed,
    int ReservationsBought,
    decimal? Conversion,
    decimal PostedAmount,
    decimal ReversedAmount,
    decimal Revenue,
    decimal PendingAmount,
    decimal? AveragePerSale,
    int UpgradeRoomNights,
    decimal? Commission);

/// <summary>One row of a grouping: its key (stable: a property code, agent name, "STD->SUP", rule code, product name,
/// yyyy-MM-dd of the day or the week's Monday) and its label for people ("STD → SUP", "Week of 2026-03-02").</summary>
public sealed record UpsellReportGroup(string Key, string Label, UpsellFigures Figures);

/// <summary>The report for the properties of one currency: amounts are never added across currencies.</summary>
public sealed record UpsellReportSection(
    string CurrencyCode,
    IReadOnlyList<string> PropertyCodes,
    UpsellFigures Totals,
    IReadOnlyDictionary<ReportGrouping, IReadOnlyList<UpsellReportGroup>> Groups);

/// <summary>The answer: one section per currency, in currency order. <see cref="OwnFiguresOnly"/> is true when the
/// user (Front Desk) sees only their own figures.</summary>
public sealed record UpsellReport(UpsellReportQuery Query, IReadOnlyList<UpsellReportSection> Sections, bool OwnFiguresOnly);

public enum UpsellReportStatus
{
    Ok,
    /// <summary>The query is not valid (from after to, unknown property…): see the errors.</summary>
    Invalid,
    /// <summary>The user is not signed in. (A property the user may not see is <see cref="Invalid"/>, "Unknown property: X.",
    /// exactly like a code that does not exist.)</summary>
    Forbidden,
}

public sealed record UpsellReportResult(UpsellReportStatus Status, UpsellReport? Report, IReadOnlyList<string> Errors);

/// <summary>The Upsell Performance report: every figure computed by grouped queries in the database.</summary>
public interface IUpsellReportService
{
    Task<UpsellReportResult> RunAsync(UpsellReportQuery query, CancellationToken cancellationToken = default);

    /// <summary>The measured conversion of one room-type pair at one property (reservations that bought that upgrade ÷
    /// reservations shown it) over the given sale-date range, and how many reservations it rests on; null when it was
    /// never presented. The range starts no earlier than the property's first presented offer (older records have no
    /// offer rows, so every sale would look converted); null when the property has none yet. Used by the rule page's Forecast.</summary>
    Task<(decimal Conversion, int ReservationsPresented)?> PairConversionAsync(int propertyId, string fromRoomType, string toRoomType,
        DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}
