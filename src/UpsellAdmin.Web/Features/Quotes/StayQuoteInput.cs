using FluentValidation;
using UpsellAdmin.Domain.Rules;

namespace UpsellAdmin.Web.Features.Quotes;

/// <summary>
/// The stay as OPERA's Upsell Rules Test screen asks for it (also the Upsell Quote page's form). Arrival, Nights and
/// Departure stay consistent: a new arrival or a new number of nights moves the departure; a new departure after the
/// arrival sets the nights. Adults, Children and Rooms are asked as in OPERA; no rule filters on them.
/// </summary>
public sealed class StayQuoteInput
{
    public const int MaxNights = UpsellLimits.MaxNights;
    public const int MaxGuestsOrRooms = 99;

    private DateTime? _arrival;
    private int _nights = 1;
    private DateTime? _departure;

    public int PropertyId { get; set; }

    public DateTime? Arrival
    {
        get => _arrival;
        set
        {
            _arrival = value?.Date;
            if (_arrival is { } arrival && _nights >= 1)
            {
                _departure = arrival.AddDays(_nights);
            }
        }
    }

    public int Nights
    {
        get => _nights;
        set
        {
            _nights = value;
            if (_arrival is { } arrival && value is >= 1 and <= MaxNights)
            {
                _departure = arrival.AddDays(value);
            }
        }
    }

    public DateTime? Departure
    {
        get => _departure;
        set
        {
            _departure = value?.Date;
            if (_arrival is { } arrival && _departure is { } departure && departure > arrival)
            {
                _nights = (int)(departure - arrival).TotalDays;
            }
        }
    }

    public int Adults { get; set; } = 2;
    public int Children { get; set; }
    public int Rooms { get; set; } = 1;
    public string? RoomType { get; set; }
    public string? RateCode { get; set; }
    public string? MembershipType { get; set; }
    public string? MembershipLevel { get; set; }
    public string? ReservationType { get; set; }
    public string? Market { get; set; }

    /// <summary>OPERA's Test screen says Source; the rule's Sources filter (the channel).</summary>
    public string? Source { get; set; }

    /// <summary>One level for every night. Empty on the quote page = each night's level from the property's forecast.</summary>
    public int? OccupancyLevel { get; set; }

    /// <summary>The date the reservation is (or was) made; Days in advance counts from it.</summary>
    public DateTime? BookedOn { get; set; }

    /// <summary>Set by the Test dialog when the rule uses occupancy levels (OPERA: then Occupancy Level is required).</summary>
    public bool OccupancyLevelRequired { get; set; }

    public DateOnly? ArrivalDate => Arrival is { } a ? DateOnly.FromDateTime(a) : null;
    public DateOnly? DepartureDate => Departure is { } d ? DateOnly.FromDateTime(d) : null;
    public DateOnly? BookedOnDate => BookedOn is { } b ? DateOnly.FromDateTime(b) : null;

    /// <summary>A stay arriving tomorrow for one night, booked today, for the given property.</summary>
    public static StayQuoteInput Default(int propertyId, DateOnly today) => new()
    {
        PropertyId = propertyId,
        Arrival = today.AddDays(1).ToDateTime(TimeOnly.MinValue),
        Nights = 1,
        BookedOn = today.ToDateTime(TimeOnly.MinValue),
    };

    /// <summary>
    /// The Test dialog's first input for a rule: a stay the rule is meant for, so that Test shows its offer at once and
    /// the user varies from there. Arrival tomorrow (or the rule's begin date), booked early enough for Days in advance,
    /// its From room type (room-type rules), and the first entry of each of its filters and level amounts.
    /// </summary>
    public static StayQuoteInput ForRule(int propertyId, UpsellRuleDefinition rule, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var input = Default(propertyId, today);
        if (rule.BeginDate is { } begin && begin > today.AddDays(1))
        {
            input.Arrival = begin.ToDateTime(TimeOnly.MinValue);
        }

        if (rule.DaysInAdvance is > 0 and var days && input.ArrivalDate is { } arrival)
        {
            input.BookedOn = arrival.AddDays(-days).ToDateTime(TimeOnly.MinValue);
        }

        input.RoomType = rule.UpsellByRoomType && rule.From.Length > 0 ? rule.From : null;
        input.RateCode = rule.RateCodes.FirstOrDefault();
        input.MembershipType = rule.Memberships.FirstOrDefault()?.Type;
        input.MembershipLevel = rule.Memberships.FirstOrDefault()?.Level;
        input.ReservationType = rule.ReservationTypes.FirstOrDefault();
        input.Market = rule.MarketCodes.FirstOrDefault();
        input.Source = rule.Channels.FirstOrDefault();
        input.OccupancyLevelRequired = rule.UpsellByOccupancyLevels;
        input.OccupancyLevel = rule.UpsellByOccupancyLevels ? rule.OccupancyLevelAmounts.FirstOrDefault()?.Level : null;
        return input;
    }
}

/// <summary>Checks the stay form; the service checks again (and the Domain's validator after it).</summary>
public sealed class StayQuoteInputValidator : AbstractValidator<StayQuoteInput>
{
    public StayQuoteInputValidator()
    {
        RuleFor(x => x.PropertyId).GreaterThan(0).WithMessage("Choose a property.");
        RuleFor(x => x.Arrival).NotNull().WithMessage("Arrival is required.");
        RuleFor(x => x.Nights).InclusiveBetween(1, StayQuoteInput.MaxNights)
            .WithMessage($"Nights must be between 1 and {StayQuoteInput.MaxNights}.");
        RuleFor(x => x.Departure).NotNull().WithMessage("Departure is required.");
        RuleFor(x => x.Departure)
            .Must((x, departure) => departure > x.Arrival).When(x => x.Arrival is not null && x.Departure is not null)
            .WithMessage("Departure must be after arrival.");
        RuleFor(x => x.Adults).InclusiveBetween(1, StayQuoteInput.MaxGuestsOrRooms).WithMessage("At least one adult.");
        RuleFor(x => x.Children).InclusiveBetween(0, StayQuoteInput.MaxGuestsOrRooms).WithMessage("Children cannot be negative.");
        RuleFor(x => x.Rooms).InclusiveBetween(1, StayQuoteInput.MaxGuestsOrRooms).WithMessage("At least one room.");
        RuleFor(x => x.RoomType).NotEmpty().WithMessage("Room Type is required.");
        RuleFor(x => x.RateCode).NotEmpty().WithMessage("Rate Code is required.");
        RuleFor(x => x.BookedOn).NotNull().WithMessage("Booked On is required.");
        // Refused, not quoted as if booked on the day of arrival: Days in advance would silently count as 0.
        RuleFor(x => x.BookedOn)
            .Must((x, bookedOn) => bookedOn!.Value.Date <= x.Arrival!.Value.Date).When(x => x.Arrival is not null && x.BookedOn is not null)
            .WithMessage(x => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Booked On ({x.BookedOn:yyyy-MM-dd}) is after Arrival ({x.Arrival:yyyy-MM-dd}): a reservation is booked on or before its arrival."));
        RuleFor(x => x.MembershipType).NotEmpty().When(x => !string.IsNullOrEmpty(x.MembershipLevel))
            .WithMessage("Choose the membership type of the level.");
        RuleFor(x => x.OccupancyLevel).NotNull().When(x => x.OccupancyLevelRequired)
            .WithMessage("Occupancy Level is required: the rule uses occupancy levels.");
    }
}
