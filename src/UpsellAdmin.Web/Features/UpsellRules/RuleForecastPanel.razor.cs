using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>
/// The Forecast section of the rule page (<see cref="IRuleForecast"/>, found through the services: absent in a set-up
/// without Reports, and then the section is not shown). Runs only on a valid form, never changes it. A run is
/// cancelled when the panel goes away (leaving the page) or a new run starts, so no Mews read continues for nobody; a
/// failure of the forecast (database, quote engine…) is logged and said on the panel instead of breaking the circuit.
/// </summary>
public sealed partial class RuleForecastPanel : IDisposable
{
    [Parameter, EditorRequired] public UpsellRuleFormModel Model { get; set; } = default!;

    /// <summary>The saved rule being edited; null for a new rule (only the draft is forecast).</summary>
    [Parameter] public int? RuleId { get; set; }

    /// <summary>The form's validator: a forecast needs a rule the form would save.</summary>
    [Parameter] public IValidator<UpsellRuleFormModel>? Validator { get; set; }

    [Inject] private IServiceProvider Services { get; set; } = default!;

    [Inject] private ILogger<RuleForecastPanel> Logger { get; set; } = default!;

    private IRuleForecast? _forecast;
    private int? _days = RuleForecastRequest.DefaultDays;
    private decimal? _assumedPercent = RuleForecastRequest.DefaultAssumedConversion * 100m;
    private bool _running;
    private string? _error;
    private RuleForecastResult? _result;
    private CancellationTokenSource? _run;

    protected override void OnInitialized() => _forecast = Services.GetService<IRuleForecast>();

    private static string? DaysError(int? days) => days is null
        ? "Enter how many days of arrivals to forecast."
        : days is < 1 or > RuleForecastRequest.MaxDays
            ? $"Enter 1 to {RuleForecastRequest.MaxDays} days; {days} is not allowed."
            : null;

    private static string? PercentError(decimal? percent) => percent is null
        ? "Enter the conversion to assume, in %."
        : percent is < 0m or > 100m
            ? $"The conversion is a percentage from 0 to 100; {percent.Value.ToString(CultureInfo.InvariantCulture)} is not."
            : null;

    private async Task RunAsync()
    {
        if (_forecast is null)
        {
            return;
        }
        // A new run replaces the previous one (its result would be stale): cancel it so its Mews reads stop.
        if (_run is not null)
        {
            await _run.CancelAsync();
            _run.Dispose();
        }
        _run = new CancellationTokenSource();
        var ct = _run.Token;
        _running = false;
        _error = DaysError(_days) ?? PercentError(_assumedPercent);
        if (_error is not null)
        {
            _result = null;
            return;
        }
        if (Validator is not null && await Validator.ValidateAsync(Model, ct) is { IsValid: false } validation)
        {
            var count = validation.Errors.Select(e => e.PropertyName).Distinct(StringComparer.Ordinal).Count();
            _error = $"The form must be valid before a forecast: {count} field{(count == 1 ? " needs" : "s need")} attention ({validation.Errors[0].ErrorMessage})";
            _result = null;
            return;
        }
        _running = true;
        _error = null;
        StateHasChanged();
        try
        {
            var result = await _forecast.RunAsync(new RuleForecastRequest(Model.PropertyId, RuleId, Model.ToDefinition(), _days!.Value, _assumedPercent!.Value / 100m), ct);
            if (ct.IsCancellationRequested)
            {
                return; // replaced by a newer run, or the page was left
            }
            if (result.Status == RuleForecastStatus.Ok)
            {
                _result = result;
            }
            else
            {
                _error = result.Message;
                _result = null;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer run replaced this one, or the page was left: nothing to show.
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Anything else (the database, the quote engine, a timeout of a read) must not reach the event handler: it would
            // end the user's circuit. Say it here; the rule on screen is untouched.
            Logger.LogError(e, "Forecast of rule {RuleCode} (rule id {RuleId}) at property {PropertyId} failed",
                LogText.Safe(Model.Code), RuleId, Model.PropertyId);
            _result = null;
            _error = $"The forecast could not be computed just now ({e.GetType().Name} at "
                + $"{DateTimeOffset.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC); nothing was changed. Try again.";
        }
        finally
        {
            if (!ct.IsCancellationRequested)
            {
                _running = false; // a newer run keeps its own busy state
            }
        }
    }

    public void Dispose()
    {
        _run?.Cancel();
        _run?.Dispose();
        _run = null;
    }

    private string Money(decimal amount) => $"{amount.ToString("#,0.00", CultureInfo.InvariantCulture)} {_result?.CurrencyCode}";

    private static string Percent(decimal fraction) => (fraction * 100m).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private IEnumerable<(string Label, string Help, Func<RuleForecastFigures, string> Value)> Rows =>
    [
        ("Would offer to", "Reservations to which the rule would offer an upgrade the desk shows (winning or not)", f => N(f.ReservationsOffered)),
        ("Would win", "Of those, reservations where this rule's offer is the one the desk shows (it beats the other rules for that upgrade)", f => N(f.ReservationsWon)),
        ("Room-nights", "Nights of the won offers", f => N(f.RoomNights)),
        ("Upsell per night", "Average upsell amount per room-night of the won offers", f => f.AmountPerNight is { } a ? Money(a) : "—"),
        ("Upsell total", "Upsell amount of every won offer, if every guest bought", f => Money(f.UpsellAmount)),
        ("Expected revenue", "Σ won offer × the conversion of its room-type pair (below)", f => Money(f.ExpectedRevenue)),
    ];

    private static string N(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static string ReadText(RuleForecastResult r) =>
        $"{r.ReservationsRead} reservation{(r.ReservationsRead == 1 ? "" : "s")} arriving {D(r.From)} to {D(r.To)} read from Mews at "
        + $"{r.ReadAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"
        + (r.MewsRequests > 0 ? $" ({r.MewsRequests} Mews requests)" : " (the read of the last minute, reused)")
        + $"; {r.ReservationsPriced} could be priced (the rest are canceled, checked out, or have codes the property does not know).";
}
