using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Quotes;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.Quotes;

/// <summary>Upsell quotes for the front desk and the rule form's Test dialog, from the database's rules and prices.</summary>
public interface IQuoteService
{
    /// <summary>
    /// The offers the property would make for the stay: its rules, hierarchy and Upsell Configuration (sort order,
    /// maximum offers, maximum length of stay), original rates from the property's prices, each night's occupancy level
    /// from the input or else the property's forecast. With <paramref name="explain"/>, why every other rule did not offer.
    /// </summary>
    Task<QuoteOutcome> QuoteAsync(StayQuoteInput input, bool explain, CancellationToken cancellationToken = default);

    /// <summary>
    /// Quotes many stays of one property at once, with the same semantics as <see cref="QuoteAsync"/> (one engine): one
    /// load of the set-up, one query for the prices of every rate code and night involved, one for the occupancy levels.
    /// A stay may bring its own original rate per night (null = the property's price, as the quote page does) and room
    /// types that may not be offered to it, with the reason (the desk's availability). The answers are in input order.
    /// </summary>
    Task<IReadOnlyList<QuoteOutcome>> QuoteManyAsync(int propertyId, IReadOnlyList<StayQuoteRequest> stays, CancellationToken cancellationToken = default);

    /// <summary>The Test dialog's rate table: per night the original room type's price and each target's (null = none).</summary>
    Task<IReadOnlyList<TestNightRates>> GetNightlyRatesAsync(int propertyId, string rateCode, string roomType, IReadOnlyList<string> targetRoomTypes,
        DateOnly arrival, DateOnly departure, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tests one rule as it is on screen (saved or not) against the stay, with the rates of <paramref name="nights"/>
    /// and the input's occupancy level on every night, through the property's room types and hierarchy (not its
    /// maximum offers or length of stay, which only become notes).
    /// </summary>
    Task<RuleTestOutcome> TestRuleAsync(StayQuoteInput input, UpsellRuleDefinition rule, IReadOnlyList<TestNightRates> nights,
        CancellationToken cancellationToken = default);

    /// <summary>Drops the cached set-up of a property (call after its rules or configuration changed).</summary>
    void Invalidate(int propertyId);
}

/// <summary>
/// <see cref="IQuoteService"/> over <see cref="IDbContextFactory{AppDbContext}"/> (one context per call) and
/// <see cref="PropertySetupCache"/>. Only properties the current user may see are quoted.
/// </summary>
public sealed class QuoteService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICurrentUser currentUser,
    PropertySetupCache cache,
    IValidator<StayQuoteInput> validator,
    ILogger<QuoteService> logger) : IQuoteService
{
    public async Task<QuoteOutcome> QuoteAsync(StayQuoteInput input, bool explain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = (await QuoteManyAsync(input.PropertyId, [new StayQuoteRequest(input, explain)], cancellationToken))[0];
        if (outcome.Status != QuoteStatus.Invalid)
        {
            logger.LogInformation("Quoted property {PropertyId} {RoomType}/{RateCode} {Arrival} for {Nights} nights: {OfferCount} offers",
                input.PropertyId, input.RoomType, input.RateCode, input.ArrivalDate, outcome.Nights.Count, outcome.Offers.Count);
        }
        return outcome;
    }

    public async Task<IReadOnlyList<QuoteOutcome>> QuoteManyAsync(int propertyId, IReadOnlyList<StayQuoteRequest> stays, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stays);
        var outcomes = new QuoteOutcome?[stays.Count];
        var valid = new List<int>();
        for (var i = 0; i < stays.Count; i++)
        {
            var errors = await ValidateAsync(stays[i].Input, cancellationToken);
            if (stays[i].Input.PropertyId != propertyId)
            {
                errors.Add(new FieldError(nameof(StayQuoteInput.PropertyId), "The stay belongs to another property."));
            }
            if (stays[i].OriginalRates is { } rates && rates.Count != stays[i].Input.Nights)
            {
                errors.Add(new FieldError("", $"{rates.Count} original rates given for {stays[i].Input.Nights} nights."));
            }
            if (errors.Count > 0)
            {
                outcomes[i] = QuoteOutcome.Invalid(errors);
            }
            else
            {
                valid.Add(i);
            }
        }

        if (valid.Count > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var compiled = await LoadAsync(db, propertyId, cancellationToken);
            if (compiled is null)
            {
                foreach (var i in valid)
                {
                    outcomes[i] = QuoteOutcome.Invalid([new FieldError(nameof(StayQuoteInput.PropertyId), "The property does not exist or you may not see it.")]);
                }
            }
            else
            {
                var inputs = valid.Select(i => stays[i].Input).ToList();
                var from = inputs.Min(x => x.ArrivalDate!.Value);
                var to = inputs.Max(x => x.DepartureDate!.Value);
                var prices = await PricesAsync(db, propertyId, inputs.Select(x => x.RateCode!).Distinct(StringComparer.Ordinal).ToList(), from, to, cancellationToken);
                var levels = inputs.Any(x => x.OccupancyLevel is null)
                    ? await db.NightlyOccupancies.AsNoTracking()
                        .Where(o => o.PropertyId == propertyId && o.Date >= from && o.Date < to)
                        .ToDictionaryAsync(o => o.Date, o => o.Level, cancellationToken)
                    : [];
                foreach (var i in valid)
                {
                    outcomes[i] = Quote(compiled, stays[i], prices, levels);
                }
            }
        }

        return outcomes.Select(o => o!).ToList();
    }

    private static QuoteOutcome Quote(CompiledPropertySetup compiled, StayQuoteRequest request, PriceBook prices, Dictionary<DateOnly, int?> levels)
    {
        var stayOrErrors = BuildStay(compiled, request, prices, levels);
        if (stayOrErrors.Errors.Count > 0)
        {
            return QuoteOutcome.Invalid(stayOrErrors.Errors);
        }

        var stay = stayOrErrors.Stay!;
        var result = compiled.Quoter.Quote(new QuoteRequest(stay, prices, request.Explain, request.Unavailable));
        var offers = result.Offers.Select(o => ToView(o, compiled)).ToList();
        return new QuoteOutcome
        {
            Status = offers.Count > 0 ? QuoteStatus.Offers : QuoteStatus.NoOffers,
            Offers = offers,
            Message = offers.Count > 0 ? null : NoOffersMessage(result, stay, compiled, request.Unavailable),
            NotOffered = result.Explanations.Select(ToView).ToList(),
            CurrencyCode = stay.CurrencyCode,
            Nights = stay.Nights.Select(n => new QuoteNightView(n.Date, n.OriginalRate, n.OccupancyLevel)).ToList(),
            SettingsSummary = SettingsSummary(compiled.Setup.Settings),
            OriginalRatesFromPrices = stayOrErrors.FromPrices,
        };
    }

    public async Task<IReadOnlyList<TestNightRates>> GetNightlyRatesAsync(int propertyId, string rateCode, string roomType,
        IReadOnlyList<string> targetRoomTypes, DateOnly arrival, DateOnly departure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetRoomTypes);
        if (departure <= arrival || departure.DayNumber - arrival.DayNumber > StayQuoteInput.MaxNights)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await CanSeeAsync(db, propertyId, cancellationToken))
        {
            return [];
        }

        var prices = await PricesAsync(db, propertyId, [rateCode], arrival, departure, cancellationToken);
        return Dates(arrival, departure)
            .Select(date => new TestNightRates
            {
                Date = date,
                OriginalRate = prices.Get(rateCode, roomType, date),
                TargetRates = targetRoomTypes.Distinct(StringComparer.Ordinal)
                    .ToDictionary(t => t, t => prices.Get(rateCode, t, date), StringComparer.Ordinal),
            })
            .ToList();
    }

    public async Task<RuleTestOutcome> TestRuleAsync(StayQuoteInput input, UpsellRuleDefinition rule, IReadOnlyList<TestNightRates> nights,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(nights);
        input.OccupancyLevelRequired = rule.UpsellByOccupancyLevels;
        var errors = (await ValidateAsync(input, cancellationToken)).ToList();
        errors.AddRange(UpsellInputValidator.ValidateRule(rule).Select(e => new FieldError("Rule", RuleErrorText(e))));
        if (errors.Count > 0)
        {
            return new RuleTestOutcome { Errors = errors };
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var compiled = await LoadAsync(db, input.PropertyId, cancellationToken);
        if (compiled is null)
        {
            return new RuleTestOutcome { Errors = [new FieldError(nameof(StayQuoteInput.PropertyId), "The property does not exist or you may not see it.")] };
        }

        var dates = Dates(input.ArrivalDate!.Value, input.DepartureDate!.Value).ToList();
        var byDate = nights.ToDictionary(n => n.Date);
        var nightErrors = dates
            .Where(d => !byDate.TryGetValue(d, out var n) || n.OriginalRate is null || n.OriginalRate < 0
                || n.TargetRates.Values.Any(t => t < 0))
            .Select(d => new FieldError("Nights", byDate.TryGetValue(d, out var n) && n.OriginalRate is not null
                ? $"{D(d)}: rates cannot be negative."
                : $"{D(d)}: enter the original rate (the property has no price for {input.RateCode} in {input.RoomType} that night)."))
            .ToList();
        if (nightErrors.Count > 0)
        {
            return new RuleTestOutcome { Errors = nightErrors };
        }

        var rateCode = compiled.RateCodes.GetValueOrDefault(input.RateCode!);
        var stay = NewStay(input, compiled, rateCode,
            dates.Select(d => new StayNight(d, byDate[d].OriginalRate!.Value, null, input.OccupancyLevel)).ToList());
        var lookup = NightlyPriceLookup.From((_, roomType, date) =>
            byDate.TryGetValue(date, out var n) && n.TargetRates.TryGetValue(roomType, out var rate) ? rate : null);
        var quoter = new NaiveQuoteEngine(compiled.Setup with { Settings = new PropertyUpsellSettings(), Rules = [rule] });
        var result = quoter.Quote(new QuoteRequest(stay, lookup, Explain: true));

        var notes = new List<string>();
        if (compiled.Setup.Settings.MaximumLengthOfStay is { } maxLos && stay.NightCount > maxLos)
        {
            notes.Add($"At the front desk this stay gets no offers: it is {stay.NightCount} nights, the property offers upsells up to {maxLos} nights.");
        }

        if (rateCode is not null && !string.Equals(rateCode.CurrencyCode, rule.CurrencyCode, StringComparison.Ordinal))
        {
            notes.Add($"Rate code {rateCode.Code} is priced in {rateCode.CurrencyCode}; the rule's currency is {rule.CurrencyCode}.");
        }

        return new RuleTestOutcome
        {
            Offers = result.Offers.Select(o => ToView(o, compiled, rule.Description)).ToList(),
            NotOffered = result.Explanations.Select(ToView).ToList(),
            Notes = notes,
            CurrencyCode = stay.CurrencyCode,
        };
    }

    public void Invalidate(int propertyId) => cache.Invalidate(propertyId);

    private async Task<List<FieldError>> ValidateAsync(StayQuoteInput input, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(input, ct);
        return result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList();
    }

    private async Task<bool> CanSeeAsync(AppDbContext db, int propertyId, CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        return await PropertyAccess.CanSeeAsync(db, user, propertyId, ct);
    }

    private async Task<CompiledPropertySetup?> LoadAsync(AppDbContext db, int propertyId, CancellationToken ct) =>
        await CanSeeAsync(db, propertyId, ct) ? await cache.GetAsync(db, propertyId, ct) : null;

    /// <param name="FromPrices">Nights whose original rate came from the property's prices, not from the request.</param>
    private sealed record StayBuild(Stay? Stay, IReadOnlyList<FieldError> Errors, IReadOnlyList<DateOnly> FromPrices);

    /// <summary>The stay: original rates from the request or else the property's prices, occupancy from the input or
    /// else the forecast.</summary>
    private static StayBuild BuildStay(CompiledPropertySetup compiled, StayQuoteRequest request, PriceBook prices, Dictionary<DateOnly, int?> levels)
    {
        var input = request.Input;
        var errors = new List<FieldError>();
        if (!compiled.RoomClassByRoomType.ContainsKey(input.RoomType!))
        {
            errors.Add(new(nameof(StayQuoteInput.RoomType), $"Room type {input.RoomType} is not a room type of the property."));
        }

        if (!compiled.RateCodes.TryGetValue(input.RateCode!, out var rateCode))
        {
            errors.Add(new(nameof(StayQuoteInput.RateCode), $"Rate code {input.RateCode} is not a rate code of the property."));
        }

        if (errors.Count > 0)
        {
            return new StayBuild(null, errors, []);
        }

        var (arrival, departure) = (input.ArrivalDate!.Value, input.DepartureDate!.Value);
        var nights = new List<StayNight>();
        var missing = new List<DateOnly>();
        var fromPrices = new List<DateOnly>();
        var index = 0;
        foreach (var date in Dates(arrival, departure))
        {
            var given = request.OriginalRates?[index++];
            var original = given ?? prices.Get(input.RateCode!, input.RoomType!, date);
            if (original is { } rate)
            {
                nights.Add(new StayNight(date, rate, null, input.OccupancyLevel ?? levels.GetValueOrDefault(date)));
                if (given is null)
                {
                    fromPrices.Add(date);
                }
            }
            else
            {
                missing.Add(date);
            }
        }

        if (missing.Count > 0)
        {
            return new StayBuild(null, [new FieldError("", $"The property has no price for rate code {input.RateCode} in room type {input.RoomType} on "
                + $"{string.Join(", ", missing.Take(5).Select(D))}{(missing.Count > 5 ? $" and {missing.Count - 5} more nights" : "")}, so the stay cannot be quoted.")], []);
        }

        return new StayBuild(NewStay(input, compiled, rateCode, nights), [], fromPrices);
    }

    private static Stay NewStay(StayQuoteInput input, CompiledPropertySetup compiled, RateCodeInfo? rateCode, IReadOnlyList<StayNight> nights) => new()
    {
        Arrival = input.ArrivalDate!.Value,
        Departure = input.DepartureDate!.Value,
        BookedOn = input.BookedOnDate!.Value,
        RoomType = input.RoomType!,
        RoomClass = compiled.RoomClassByRoomType.GetValueOrDefault(input.RoomType!),
        RateCode = input.RateCode!,
        RateCategory = rateCode?.Category,
        Membership = string.IsNullOrEmpty(input.MembershipType) ? null : new StayMembership(input.MembershipType, NullIfEmpty(input.MembershipLevel)),
        Channel = NullIfEmpty(input.Source),
        ReservationType = NullIfEmpty(input.ReservationType),
        Market = NullIfEmpty(input.Market),
        CurrencyCode = rateCode is { CurrencyCode.Length: > 0 } ? rateCode.CurrencyCode : compiled.PropertyCurrency,
        Nights = nights,
    };

    /// <summary>Every price of the rate codes for the nights [firstNight, end), by rate code, room type code and night.</summary>
    private static async Task<PriceBook> PricesAsync(AppDbContext db, int propertyId, IReadOnlyList<string> rateCodes, DateOnly firstNight, DateOnly end, CancellationToken ct)
    {
        // One JSON parameter for the list, not one SQL parameter per code.
        var codes = rateCodes.ToArray();
        var rows = await (
                from p in db.NightlyPrices.AsNoTracking()
                join rc in db.RateCodes on p.RateCodeId equals rc.Id
                join rt in db.RoomTypes on p.RoomTypeId equals rt.Id
                where p.PropertyId == propertyId && EF.Parameter(codes).Contains(rc.Code) && p.Date >= firstNight && p.Date < end
                select new { RateCode = rc.Code, RoomType = rt.Code, p.Date, p.Amount })
            .ToListAsync(ct);
        return new PriceBook(rows.ToDictionary(r => (r.RateCode, r.RoomType, r.Date), r => r.Amount));
    }

    /// <summary>A thread-safe, read-only price lookup over the loaded rate codes and nights.</summary>
    private sealed class PriceBook(Dictionary<(string RateCode, string RoomType, DateOnly Date), decimal> prices) : INightlyPriceLookup
    {
        public decimal? Get(string rateCode, string roomType, DateOnly date) =>
            prices.TryGetValue((rateCode, roomType, date), out var amount) ? amount : null;

        public decimal? GetNightlyRate(string rateCode, string roomType, DateOnly date) => Get(rateCode, roomType, date);
    }

    private static OfferView ToView(UpsellOffer offer, CompiledPropertySetup compiled) =>
        ToView(offer, compiled, compiled.RuleDescriptions.GetValueOrDefault(offer.Rule.RuleCode) ?? "");

    private static OfferView ToView(UpsellOffer offer, CompiledPropertySetup compiled, string ruleDescription) => new(
        offer.ToRoomType,
        compiled.RoomTypeNames.GetValueOrDefault(offer.ToRoomType) ?? offer.ToRoomType,
        offer.Rule.RuleCode,
        ruleDescription,
        offer.TotalOriginalAmount,
        offer.TotalUpsellRate,
        offer.TotalUpsellAmount,
        offer.Nights,
        offer.OtherMatchingRules.Select(r => new OtherRuleView(r.RuleCode, r.TotalUpsellAmount)).ToList());

    private static RuleReasonView ToView(RuleExplanation explanation)
    {
        var reasons = new List<string>();
        if (explanation.NotOfferedReason is { } notOffered)
        {
            reasons.Add(notOffered);
        }

        reasons.AddRange(explanation.Failures.Select(f => f.Message));
        return new RuleReasonView(explanation.RuleCode, explanation.TargetRoomType, reasons, explanation.Failures.Select(f => f.Criterion).ToList());
    }

    private static string NoOffersMessage(QuoteResult result, Stay stay, CompiledPropertySetup compiled, IReadOnlyDictionary<string, string>? unavailable)
    {
        if (result.ExceedsMaximumLengthOfStay && compiled.Setup.Settings.MaximumLengthOfStay is { } maxLos)
        {
            return $"No offers: the stay is {stay.NightCount} nights, the property offers upsells up to {maxLos} nights.";
        }

        if (compiled.Setup.Rules.Count == 0)
        {
            return "No offers: the property has no upsell rules yet.";
        }

        if (compiled.Setup.Settings.MaximumNumberOfOffers is 0)
        {
            return "No offers: the property's Upsell Configuration shows at most 0 offers.";
        }

        if (unavailable?.Keys.Where(t => t != stay.RoomType).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } full)
        {
            return $"No offers: no upsell rule matches a {stay.RoomType} stay on rate {stay.RateCode} for these dates, or its room type has no free rooms "
                + $"({string.Join(", ", full)} not available). Turn on \"Why not?\" to see each rule's reasons.";
        }

        return $"No offers: no upsell rule of the property matches a {stay.RoomType} stay on rate {stay.RateCode} for these dates. "
            + "Turn on \"Why not?\" to see each rule's reasons.";
    }

    internal static string SettingsSummary(PropertyUpsellSettings settings)
    {
        var parts = new List<string> { $"Sorted by {settings.SortOrder.Label().ToLowerInvariant()}" };
        parts.Add(settings.MaximumNumberOfOffers is { } max ? $"at most {max} offer{(max == 1 ? "" : "s")}" : "no limit on the number of offers");
        parts.Add(settings.MaximumLengthOfStay is { } los ? $"stays up to {los} nights" : "any length of stay");
        return string.Join(", ", parts) + ".";
    }

    private static string RuleErrorText(ValidationError error) =>
        $"The rule is not complete: {char.ToLowerInvariant(error.Message[0])}{error.Message[1..]}";

    private static IEnumerable<DateOnly> Dates(DateOnly arrival, DateOnly departure)
    {
        for (var d = arrival; d < departure; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
