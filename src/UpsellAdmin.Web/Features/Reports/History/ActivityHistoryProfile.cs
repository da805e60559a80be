using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Features.Reports.History;

/// <summary>An upgrade the property's set-up offers: a room-type pair, the rule that prices it, the amount a night.</summary>
public sealed record HistoryUpgrade(string FromRoomType, string ToRoomType, string RuleCode, decimal NightlyAmount);

/// <summary>An add-on the property offers: its display name, Mews product id (if known), unit price, and whether it is
/// charged per night (breakfast, parking) or once (late check-out).</summary>
public sealed record HistoryAddOn(string Name, string? ProductId, decimal UnitPrice, bool PerNight);

/// <summary>Someone who presented offers: a desk agent (a user) or an API client ("API: …", no user id).</summary>
public sealed record HistoryAgent(string? UserId, string Name, SaleChannel Channel, double Skill = 1.0);

/// <summary>
/// What the generator needs to know about one property: its identity, currency and time zone, the upgrades and add-ons
/// its demo set-up offers (only those: a generated record never names a room type or rule the property lacks), its
/// agents, and how many reservations a day are shown offers on an average day.
/// </summary>
public sealed record HistoryProperty(
    int PropertyId,
    string Code,
    string EnterpriseId,
    string TimeZone,
    string CurrencyCode,
    IReadOnlyList<HistoryUpgrade> Upgrades,
    IReadOnlyList<HistoryAddOn> AddOns,
    IReadOnlyList<HistoryAgent> Agents,
    double PresentationsPerDay = 20);

/// <summary>How the generator behaves. <see cref="IncludePending"/>: a few sales of the last two days stay Pending (for
/// benchmarks and report tests; off for the demo, where a Pending row would wait for a posting that never comes).</summary>
public sealed record HistoryOptions(int Seed = 16, bool IncludePending = false);

/// <summary>One property-day of generated activity.</summary>
public sealed record HistoryDay(
    DateOnly Day,
    IReadOnlyList<UpsellPresentation> Presentations,
    IReadOnlyList<UpsellSale> Sales,
    IReadOnlyList<UpsellDecline> Declines);
