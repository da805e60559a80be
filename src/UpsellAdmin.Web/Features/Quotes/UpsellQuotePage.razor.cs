using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Components;
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

    private MudForm? form;
    private Func<object, string, Task<IEnumerable<string>>>? validation;
    private PropertyLookups? lookups;
    private StayQuoteInput? input;
    private QuoteOutcome? outcome;
    private string? loadError;
    private bool whyNot;
    private bool busy;
    private int quotedRooms = 1;
    private readonly CancellationTokenSource cts = new();

    protected override async Task OnInitializedAsync()
    {
        validation = Validator.ForMudForm();
        Properties.Changed += OnPropertyChangedAsync;
        await Properties.EnsureLoadedAsync(cts.Token);
        await LoadPropertyAsync();
    }

    private async Task LoadPropertyAsync()
    {
        outcome = null;
        if (Properties.Current is not { } property)
        {
            loadError = "You have no property to quote for. Ask an administrator for access to a property.";
            return;
        }

        try
        {
            loadError = null;
            lookups = await ReferenceData.GetLookupsAsync(property.Id, cts.Token);
            input = StayQuoteInput.Default(property.Id, QuoteDates.Today(Clock, property.TimeZone));
            input.RoomType = lookups.RoomTypes.FirstOrDefault()?.Code;
            input.RateCode = lookups.RateCodes.FirstOrDefault()?.Code;
        }
        catch (KeyNotFoundException)
        {
            lookups = null;
            loadError = $"You may not see property {property.Code}.";
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

    private void OnInputChanged() => outcome = null;

    private async Task OnWhyNotChanged(bool value)
    {
        whyNot = value;
        if (value && outcome is { Status: not QuoteStatus.Invalid })
        {
            await QuoteAsync();
        }
    }

    private async Task QuoteAsync()
    {
        if (input is null || form is null)
        {
            return;
        }

        await form.ValidateAsync();
        if (!form.IsValid)
        {
            return;
        }

        busy = true;
        try
        {
            quotedRooms = input.Rooms;
            outcome = await Quotes.QuoteAsync(input, whyNot, cts.Token);
        }
        finally
        {
            busy = false;
        }
    }

    private string StaySummary => input is null ? "" : string.Create(CultureInfo.InvariantCulture,
        $"{input.RoomType} on {input.RateCode}, {input.ArrivalDate:yyyy-MM-dd} → {input.DepartureDate:yyyy-MM-dd} ({(input.Nights == 1 ? "1 night" : $"{input.Nights} nights")})");

    public void Dispose()
    {
        Properties.Changed -= OnPropertyChangedAsync;
        cts.Cancel();
        cts.Dispose();
    }
}
