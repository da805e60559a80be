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

    private readonly CancellationTokenSource cts = new();
    private MudForm? form;
    private Func<object, string, Task<IEnumerable<string>>>? validation;
    private PropertyLookups? lookups;
    private StayQuoteInput? input;
    private UpsellRuleDefinition definition = default!;
    private IReadOnlyList<string> targets = [];
    private List<TestNightRates> nights = [];
    private RuleTestOutcome? outcome;
    private string? loadError;
    private bool busy;

    private int EffectivePropertyId => PropertyId != 0 ? PropertyId : Rule.PropertyId;

    protected override async Task OnInitializedAsync()
    {
        ArgumentNullException.ThrowIfNull(Rule);
        validation = Validator.ForMudForm();
        definition = Rule.ToDefinition();
        try
        {
            lookups = Lookups ?? await ReferenceData.GetLookupsAsync(EffectivePropertyId, cts.Token);
        }
        catch (KeyNotFoundException)
        {
            loadError = "The rule's property does not exist or you may not see it.";
            return;
        }

        targets = TargetRoomTypes(definition, lookups);
        input = StayQuoteInput.ForRule(EffectivePropertyId, definition, QuoteDates.Today(Clock, lookups.Property.TimeZone));
        input.RoomType ??= lookups.RoomTypes.FirstOrDefault(r => !definition.UpsellByRoomType && r.RoomClassCode == definition.From)?.Code;
        input.RateCode ??= lookups.RateCodes.FirstOrDefault(r => r.RateCategoryCode is { } c && definition.RateCategories.Contains(c))?.Code
            ?? lookups.RateCodes.FirstOrDefault(r => r.CurrencyCode == definition.CurrencyCode)?.Code
            ?? lookups.RateCodes.FirstOrDefault()?.Code;
        await ReloadRatesAsync();
    }

    /// <summary>The room types the rule can offer: its To room type, or every room type of its To room class.</summary>
    internal static IReadOnlyList<string> TargetRoomTypes(UpsellRuleDefinition rule, PropertyLookups lookups) =>
        rule.UpsellByRoomType
            ? (string.IsNullOrEmpty(rule.To) ? [] : [rule.To])
            : lookups.RoomTypes.Where(r => r.RoomClassCode == rule.To).Select(r => r.Code).ToList();

    private async Task ReloadRatesAsync()
    {
        outcome = null;
        if (input is not { ArrivalDate: { } arrival, DepartureDate: { } departure, RoomType: { Length: > 0 } roomType, RateCode: { Length: > 0 } rateCode }
            || departure <= arrival)
        {
            nights = [];
            return;
        }

        nights = (await Quotes.GetNightlyRatesAsync(EffectivePropertyId, rateCode, roomType, targets, arrival, departure, cts.Token)).ToList();
    }

    private void OnInputChanged() => outcome = null;

    private void SetOriginal(TestNightRates night, decimal? value)
    {
        night.OriginalRate = value;
        outcome = null;
    }

    private void SetTarget(TestNightRates night, string target, decimal? value)
    {
        night.TargetRates[target] = value;
        outcome = null;
    }

    private async Task TestAsync()
    {
        if (input is null || form is null)
        {
            return;
        }

        // The rule as it is on screen right now (the form stays open behind the dialog).
        definition = Rule.ToDefinition();
        input.OccupancyLevelRequired = definition.UpsellByOccupancyLevels;
        await form.ValidateAsync();
        if (!form.IsValid)
        {
            return;
        }

        busy = true;
        try
        {
            outcome = await Quotes.TestRuleAsync(input, definition, nights, cts.Token);
        }
        finally
        {
            busy = false;
        }
    }

    private string RateCurrency => lookups?.RateCodes.FirstOrDefault(r => r.Code == input?.RateCode)?.CurrencyCode ?? definition.CurrencyCode;

    private string RuleSummary
    {
        get
        {
            var kind = definition.UpsellByRoomType ? "room type" : "room class";
            var unit = definition.Formula.IsPercentage() ? " %" : "";
            var amount = definition.UpsellByOccupancyLevels
                ? "by occupancy level (" + (definition.OccupancyLevelAmounts.Count == 0
                    ? "no level amounts yet"
                    : string.Join(", ", definition.OccupancyLevelAmounts.Select(l => $"level {l.Level}: {l.Amount.ToString("0.##", CultureInfo.InvariantCulture)}{unit}"))) + ")"
                : definition.UpsellAmount is { } a
                    ? (definition.Formula.IsPercentage() ? $"{a.ToString("0.##", CultureInfo.InvariantCulture)} %" : $"{a.ToString("0.00", CultureInfo.InvariantCulture)} {definition.CurrencyCode}")
                    : "no amount yet";
            return $"{Blank(definition.From)} → {Blank(definition.To)} ({kind}), {definition.Formula.Label()}, {amount}, rounding {definition.RoundingRule.Label()}";
        }
    }

    private static string Blank(string code) => string.IsNullOrEmpty(code) ? "?" : code;

    private void Close() => MudDialog?.Cancel();

    public void Dispose()
    {
        cts.Cancel();
        cts.Dispose();
    }
}
