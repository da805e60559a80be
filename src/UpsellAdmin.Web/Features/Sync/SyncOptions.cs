using FluentValidation;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>Section "Sync": how the reference data is pulled from Mews into the property tables.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>Background sync interval (e.g. "06:00:00"); zero turns the background sync off.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Nights of prices and occupancy pulled ahead, starting today in the property's time zone.</summary>
    public int PriceDays { get; set; } = 400;

    /// <summary>
    /// Room class (OPERA) per Mews resource category <c>Classification</c> or <c>Type</c>: the Classification is
    /// looked up first, then the Type, then <see cref="DefaultRoomClass"/>. Configured keys add to or replace the
    /// defaults below, e.g. <c>"Sync": { "RoomClassMapping": { "SuperiorDouble": "DLX" } }</c>.
    /// </summary>
    public Dictionary<string, string> RoomClassMapping { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["StandardSingle"] = "STD",
        ["StandardDouble"] = "STD",
        ["StandardTwin"] = "STD",
        ["SuperiorSingle"] = "SUP",
        ["SuperiorDouble"] = "SUP",
        ["SuperiorTwin"] = "SUP",
        ["SuperiorTripleRoom"] = "SUP",
        ["Triple"] = "SUP",
        ["Family"] = "SUP",
        ["JuniorSuite"] = "STE",
        ["Studio"] = "APT",
        ["OneBedroomApartment"] = "APT",
        ["TwoBedroomsApartment"] = "APT",
        ["ThreeBedroomsApartment"] = "APT",
        ["SharedOrDorm"] = "DRM",
        ["Room"] = "STD",
        ["Suite"] = "STE",
        ["Apartment"] = "APT",
        ["Villa"] = "VIL",
        ["Dorm"] = "DRM",
        ["Bed"] = "DRM",
    };

    /// <summary>Display names of the room classes (code → name); a class without one is named by its code.</summary>
    public Dictionary<string, string> RoomClassNames { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["STD"] = "Standard",
        ["SUP"] = "Superior",
        ["DLX"] = "Deluxe",
        ["STE"] = "Suites",
        ["APT"] = "Apartments",
        ["VIL"] = "Villas",
        ["DRM"] = "Dormitory",
        ["OTH"] = "Other",
    };

    /// <summary>Room class of a category whose Classification and Type are both unmapped.</summary>
    public string DefaultRoomClass { get; set; } = "OTH";

    /// <summary>
    /// Property code per Mews enterprise id, for properties the sync creates. Without an entry the code is the
    /// enterprise's ShortName in capitals without spaces (e.g. "CAH DC" → CAHDC), else its ExternalIdentifier, else
    /// its Name. Set once, when the property is created; a later rename in Mews does not change it.
    /// </summary>
    public Dictionary<string, string> PropertyCodes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Language of names and short names taken from Mews' localized texts; default: the enterprise's.</summary>
    public string? LanguageCode { get; set; }
}

/// <summary>Checked at start (<see cref="Common.ValidationSetup.ValidateWithValidator{TOptions}"/>); each message names its key.</summary>
internal sealed class SyncOptionsValidator : AbstractValidator<SyncOptions>
{
    public SyncOptionsValidator()
    {
        RuleFor(o => o.Interval).GreaterThanOrEqualTo(TimeSpan.Zero)
            .WithMessage("Sync:Interval must be zero (off) or positive, e.g. 06:00:00.");
        RuleFor(o => o.PriceDays).InclusiveBetween(1, 1000)
            .WithMessage("Sync:PriceDays must be between 1 and 1000.");
        RuleFor(o => o.DefaultRoomClass).Must(v => !string.IsNullOrWhiteSpace(v) && v.Length <= ReferenceItem.CodeMaxLength)
            .WithMessage($"Sync:DefaultRoomClass must be 1–{ReferenceItem.CodeMaxLength} characters.");
        RuleForEach(o => o.RoomClassMapping)
            .Must(e => !string.IsNullOrWhiteSpace(e.Value) && e.Value.Length <= ReferenceItem.CodeMaxLength)
            .WithMessage((_, e) => $"Sync:RoomClassMapping:{e.Key} must be a room class code of 1–{ReferenceItem.CodeMaxLength} characters.");
        RuleForEach(o => o.PropertyCodes)
            .Must(e => Guid.TryParse(e.Key, out _))
            .WithMessage((_, e) => $"Sync:PropertyCodes: '{e.Key}' is not a Mews enterprise id (a GUID).")
            .Must(e => !string.IsNullOrWhiteSpace(e.Value) && e.Value.Length <= Property.CodeMaxLength)
            .WithMessage((_, e) => $"Sync:PropertyCodes:{e.Key} must be 1–{Property.CodeMaxLength} characters.");
    }
}
