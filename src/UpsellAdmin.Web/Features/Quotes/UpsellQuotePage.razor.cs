using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using UpsellAdmin.Web.Components.Shared;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.Quotes;

/// <summary>
/// The front desk's Upsell Quote page (every role): the stay inputs of OPERA's Test screen without a rule, for the
/// property of the app bar's picker; shows the offers the property would make, the rule behind each and the rules
/// that also matched, and with "Why not?" why each other rule did not offer.
/// </summary>
public sealed partial class UpsellQuotePage
{
    [Inject] private CurrentPropertyState Properties { get; set; } = default!;
    [Inject] private IReferenceDataService ReferenceData { get; set; } = default!;
    [Inject] private IQuoteService Quotes { get; set; } = default!;
    [Inject] private IValidator<StayQuoteInput> Validator { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private MudForm? _form;
    private Func<object, string, Task<IEnumerable<string>>>? _validation;
    private PropertyLookups? _lookups;
    private StayQuoteInput? _input;
    private QuoteOutcome? _outcome;
    private string? _loadError;
    private bool _whyNot;
    private bool _busy;
    private string? _attention;
    private int _quotedRooms = 1;
    private readonly CancellationTokenSource _cts = new();

    protected override async Task OnInitializedAsync()
    {
        _validation = Validator.ForMudForm();
        Properties.Changed += OnPropertyChangedAsync;
        await Properties.EnsureLoadedAsync(_cts.Token);
        await LoadPropertyAsync();
    }

    private async Task LoadPropertyAsync()
    {
        _outcome = null;
        if (Properties.Current is not { } property)
        {
            _loadError = "You have no property to quote for. Ask an administrator for access to a property.";
            return;
        }

        try
        {
            _loadError = null;
            _lookups = await ReferenceData.GetLookupsAsync(property.Id, _cts.Token);
            _input = StayQuoteInput.Default(property.Id, QuoteDates.Today(Clock, property.TimeZone));
            _input.RoomType = _lookups.RoomTypes.FirstOrDefault()?.Code;
            _input.RateCode = _lookups.RateCodes.FirstOrDefault()?.Code;
        }
        catch (KeyNotFoundException)
        {
            _lookups = null;
            _loadError = $"You may not see property {property.Code}.";
        }
    }

    private async Task OnPropertyChangedAsync()
    {
        await InvokeAsync(async () =>
        {
            await LoadPropertyAsync();
            StateHasChanged();
        });
    }

    private void OnInputChanged() => _outcome = null;

    private async Task OnWhyNotChanged(bool value)
    {
        _whyNot = value;
        if (value && _outcome is { Status: not QuoteStatus.Invalid })
        {
            await QuoteAsync();
        }
    }

    private async Task QuoteAsync()
    {
        if (_input is null || _form is null)
        {
            return;
        }

        _attention = null;
        await _form.ValidateAsync();
        if (!_form.IsValid)
        {
            // Say so, and bring the first field that needs attention into view (it may be off screen).
            StateHasChanged();
            await Task.Yield();
            _attention = ValidationFocus.Message(await ValidationFocus.FocusFirstInvalidAsync(JS));
            return;
        }

        _busy = true;
        try
        {
            _quotedRooms = _input.Rooms;
            _outcome = await Quotes.QuoteAsync(_input, _whyNot, _cts.Token);
        }
        finally
        {
            _busy = false;
        }
    }

    private string StaySummary => _input is null ? "" : string.Create(CultureInfo.InvariantCulture,
        $"{_input.RoomType} on {_input.RateCode}, {_input.ArrivalDate:yyyy-MM-dd} → {_input.DepartureDate:yyyy-MM-dd} ({(_input.Nights == 1 ? "1 night" : $"{_input.Nights} nights")})");

    public void Dispose()
    {
        Properties.Changed -= OnPropertyChangedAsync;
        _cts.Cancel();
        _cts.Dispose();
    }
}
