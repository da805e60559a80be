using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Components.Shared;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.Quotes;

/// <summary>
/// OPERA's Upsell Rules Test screen as a dialog: tests the rule as it is on the New/Edit form, saved or not
/// (<see cref="UpsellRuleFormModel.ToDefinition"/> at the moment Test is pressed), against a stay with OPERA's Test
/// inputs. Nightly rates come from the property's prices and can be overridden. Shows the Upsell Offers grid or
/// every reason the rule makes no offer.
/// <para>Open it from the form:</para>
/// <code>
/// var parameters = new DialogParameters&lt;UpsellRuleTestDialog&gt;
/// {
///     { d =&gt; d.Rule, model },             // the on-screen UpsellRuleFormModel (required)
///     { d =&gt; d.PropertyId, propertyId },   // optional: defaults to model.PropertyId
///     { d =&gt; d.Lookups, lookups },         // optional: the form's PropertyLookups, saves a reload
/// };
/// await DialogService.ShowAsync&lt;UpsellRuleTestDialog&gt;(null, parameters, UpsellRuleTestDialog.Options);
/// </code>
/// It returns nothing (Close = Cancel) and never changes the model.
/// </summary>
public sealed partial class UpsellRuleTestDialog : IDisposable
{
    /// <summary>Large, full width, close button, Escape closes.</summary>
    public static DialogOptions Options { get; } = new()
    {
        MaxWidth = MaxWidth.Large,
        FullWidth = true,
        CloseButton = true,
        CloseOnEscapeKey = true,
    };

    [CascadingParameter] private IMudDialogInstance? MudDialog { get; set; }

    /// <summary>The rule as it is on the form (required).</summary>
    [Parameter, EditorRequired] public UpsellRuleFormModel Rule { get; set; } = default!;

    /// <summary>The rule's property; 0 = <see cref="UpsellRuleFormModel.PropertyId"/>.</summary>
    [Parameter] public int PropertyId { get; set; }

    /// <summary>The property's lists of values if the caller has them (else the dialog loads them).</summary>
    [Parameter] public PropertyLookups? Lookups { get; set; }

    [Inject] private IReferenceDataService ReferenceData { get; set; } = default!;
    [Inject] private IQuoteService Quotes { get; set; } = default!;
    [Inject] private IValidator<StayQuoteInput> Validator { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private readonly CancellationTokenSource _cts = new();
    private MudForm? _form;
    private Func<object, string, Task<IEnumerable<string>>>? _validation;
    private PropertyLookups? _lookups;
    private StayQuoteInput? _input;
    private UpsellRuleDefinition _definition = default!;
    private IReadOnlyList<string> _targets = [];
    private List<TestNightRates> _nights = [];
    private RuleTestOutcome? _outcome;
    private string? _loadError;
    private bool _busy;

    private int EffectivePropertyId => PropertyId != 0 ? PropertyId : Rule.PropertyId;

    protected override async Task OnInitializedAsync()
    {
        ArgumentNullException.ThrowIfNull(Rule);
        _validation = Validator.ForMudForm();
        _definition = Rule.ToDefinition();
        try
        {
            _lookups = Lookups ?? await ReferenceData.GetLookupsAsync(EffectivePropertyId, _cts.Token);
        }
        catch (KeyNotFoundException)
        {
            _loadError = "The rule's property does not exist or you may not see it.";
            return;
        }

        _targets = TargetRoomTypes(_definition, _lookups);
        _input = StayQuoteInput.ForRule(EffectivePropertyId, _definition, QuoteDates.Today(Clock, _lookups.Property.TimeZone));
        _input.RoomType ??= _lookups.RoomTypes.FirstOrDefault(r => !_definition.UpsellByRoomType && r.RoomClassCode == _definition.From)?.Code;
        _input.RateCode ??= _lookups.RateCodes.FirstOrDefault(r => r.RateCategoryCode is { } c && _definition.RateCategories.Contains(c))?.Code
            ?? _lookups.RateCodes.FirstOrDefault(r => r.CurrencyCode == _definition.CurrencyCode)?.Code
            ?? _lookups.RateCodes.FirstOrDefault()?.Code;
        await ReloadRatesAsync();
    }

    /// <summary>The room types the rule can offer: its To room type, or every room type of its To room class.</summary>
    internal static IReadOnlyList<string> TargetRoomTypes(UpsellRuleDefinition rule, PropertyLookups lookups) =>
        rule.UpsellByRoomType
            ? (string.IsNullOrEmpty(rule.To) ? [] : [rule.To])
            : lookups.RoomTypes.Where(r => r.RoomClassCode == rule.To).Select(r => r.Code).ToList();

    private async Task ReloadRatesAsync()
    {
        _outcome = null;
        if (_input is not { ArrivalDate: { } arrival, DepartureDate: { } departure, RoomType: { Length: > 0 } roomType, RateCode: { Length: > 0 } rateCode }
            || departure <= arrival)
        {
            _nights = [];
            return;
        }

        _nights = (await Quotes.GetNightlyRatesAsync(EffectivePropertyId, rateCode, roomType, _targets, arrival, departure, _cts.Token)).ToList();
    }

    private void OnInputChanged() => _outcome = null;

    private void SetOriginal(TestNightRates night, decimal? value)
    {
        night.OriginalRate = value;
        _outcome = null;
    }

    private void SetTarget(TestNightRates night, string target, decimal? value)
    {
        night.TargetRates[target] = value;
        _outcome = null;
    }

    private async Task TestAsync()
    {
        if (_input is null || _form is null)
        {
            return;
        }

        // The rule as it is on screen right now (the form stays open behind the dialog).
        _definition = Rule.ToDefinition();
        _input.OccupancyLevelRequired = _definition.UpsellByOccupancyLevels;
        await _form.ValidateAsync();
        // A typed negative rate stays as typed, marked on its field (never clamped to 0), and nothing is tested.
        if (!_form.IsValid || HasNegativeRate)
        {
            return;
        }

        _busy = true;
        try
        {
            _outcome = await Quotes.TestRuleAsync(_input, _definition, _nights, _cts.Token);
        }
        finally
        {
            _busy = false;
        }
    }

    private const string NegativeRate = "A rate cannot be negative.";

    private bool HasNegativeRate => _nights.Any(n => n.OriginalRate < 0 || n.TargetRates.Values.Any(v => v < 0));

    private string RateCurrency => _lookups?.RateCodes.FirstOrDefault(r => r.Code == _input?.RateCode)?.CurrencyCode ?? _definition.CurrencyCode;

    private string RuleSummary
    {
        get
        {
            var kind = _definition.UpsellByRoomType ? "room type" : "room class";
            var unit = _definition.Formula.IsPercentage() ? " %" : "";
            var amount = _definition.UpsellByOccupancyLevels
                ? "by occupancy level (" + (_definition.OccupancyLevelAmounts.Count == 0
                    ? "no level amounts yet"
                    : string.Join(", ", _definition.OccupancyLevelAmounts.Select(l => $"level {l.Level}: {l.Amount.ToString("0.##", CultureInfo.InvariantCulture)}{unit}"))) + ")"
                : _definition.UpsellAmount is { } a
                    ? (_definition.Formula.IsPercentage() ? $"{a.ToString("0.##", CultureInfo.InvariantCulture)} %" : $"{a.ToString("0.00", CultureInfo.InvariantCulture)} {_definition.CurrencyCode}")
                    : "no amount yet";
            return $"{Blank(_definition.From)} → {Blank(_definition.To)} ({kind}), {_definition.Formula.Label()}, {amount}, rounding {_definition.RoundingRule.Label()}";
        }
    }

    private static string Blank(string code) => string.IsNullOrEmpty(code) ? "?" : code;

    private void Close() => MudDialog?.Cancel();

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
