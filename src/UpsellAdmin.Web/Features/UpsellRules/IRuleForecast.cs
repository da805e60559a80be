using UpsellAdmin.Domain.Rules;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>
/// The rule page's what-if: the rule as it is on screen (<see cref="Draft"/>, saved or not) applied to the property's
/// real arrivals of the next <see cref="Days"/> days, read from Mews as the desk reads them. <see cref="RuleId"/> is the
/// saved rule being edited (null for a new rule): the draft replaces it among the property's rules, and the saved
/// rule is forecast too, side by side. <see cref="AssumedConversion"/> (0–1) is used for every room-type pair the
/// activity data has never presented.
/// </summary>
public sealed record RuleForecastRequest(int PropertyId, int? RuleId, UpsellRuleDefinition Draft, int Days, decimal AssumedConversion)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 365;
    public const decimal DefaultAssumedConversion = 0.10m;

    /// <summary>Null when usable, else what is wrong, in words for the screen.</summary>
    public string? Problem => Days is < 1 or > MaxDays
        ? $"Arrivals in the next 1 to {MaxDays} days can be forecast; {Days} is not in that range."
        : AssumedConversion is < 0m or > 1m
            ? "The assumed conversion must be between 0 % and 100 %."
            : null;
}

/// <summary>
/// What one rule (the draft or the saved one) would do over the arrivals: reservations it would offer an upsell to
/// (it matches a target the desk would show), reservations where its offer is the one the engine picks against the
/// other rules (won), the won offers' room-nights, upsell amount (total and per room-night) and the expected revenue
/// (Σ won amount × the pair's conversion), in the property's currency.
/// </summary>
public sealed record RuleForecastFigures(
    string RuleCode,
    int ReservationsOffered,
    int ReservationsWon,
    int RoomNights,
    decimal UpsellAmount,
    decimal? AmountPerNight,
    decimal ExpectedRevenue);

/// <summary>A room-type pair (booked → offered) the forecast's won offers use, the conversion applied and where it
/// comes from: measured (reservations that bought ÷ reservations shown it, over <see cref="ReservationsMeasured"/>
/// reservations) or the assumption; and how many reservations each column wins with it.</summary>
public sealed record RuleForecastPair(
    string FromRoomType,
    string ToRoomType,
    decimal Conversion,
    bool Measured,
    int ReservationsMeasured,
    int DraftReservationsWon,
    int SavedReservationsWon);

public enum RuleForecastStatus
{
    Ok,
    /// <summary>The request is not usable (days out of range…): see <see cref="RuleForecastResult.Message"/>.</summary>
    Invalid,
    /// <summary>Mews could not be read; nothing was changed.</summary>
    MewsFailed,
    /// <summary>The property cannot be forecast (not linked to Mews, unknown to the user…).</summary>
    Unavailable,
}

/// <summary>
/// The forecast: the draft's figures and (when editing a saved rule) the saved rule's, the pairs and their
/// conversions, the arrivals window, how many reservations were read from Mews (and how many could be priced), when,
/// and at what cost in Mews requests (0 when the read of the last minute was reused).
/// </summary>
public sealed record RuleForecastResult(
    RuleForecastStatus Status,
    string? Message,
    RuleForecastFigures? Draft,
    RuleForecastFigures? Saved,
    IReadOnlyList<RuleForecastPair> Pairs,
    string CurrencyCode,
    DateOnly From,
    DateOnly To,
    int ReservationsRead,
    int ReservationsPriced,
    DateTimeOffset ReadAt,
    int MewsRequests,
    DateOnly ConversionFrom,
    DateOnly ConversionTo,
    decimal AssumedConversion)
{
    /// <summary>What the figures cannot tell, in words for the screen (e.g. booking channels not read).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static RuleForecastResult Failed(RuleForecastStatus status, string message) =>
        new(status, message, null, null, [], "", default, default, 0, 0, default, 0, default, default, 0m);
}

/// <summary>
/// Forecasts a rule over real arrivals. UpsellRules only knows this interface; Reports (above it) implements it with
/// the desk's Mews reader and the quote engine. The rule page hides its Forecast when none is registered.
/// </summary>
public interface IRuleForecast
{
    Task<RuleForecastResult> RunAsync(RuleForecastRequest request, CancellationToken cancellationToken = default);
}
