using Microsoft.Extensions.Options;

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

internal sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        var errors = new List<string>();
        if (options.Interval < TimeSpan.Zero)
            errors.Add("Sync:Interval must be zero (off) or positive, e.g. 06:00:00.");
        if (options.PriceDays is < 1 or > 1000)
            errors.Add("Sync:PriceDays must be between 1 and 1000.");
        if (string.IsNullOrWhiteSpace(options.DefaultRoomClass) || options.DefaultRoomClass.Length > ReferenceData.ReferenceItem.CodeMaxLength)
            errors.Add($"Sync:DefaultRoomClass must be 1–{ReferenceData.ReferenceItem.CodeMaxLength} characters.");
        foreach (var (key, value) in options.RoomClassMapping)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > ReferenceData.ReferenceItem.CodeMaxLength)
                errors.Add($"Sync:RoomClassMapping:{key} must be a room class code of 1–{ReferenceData.ReferenceItem.CodeMaxLength} characters.");
        }
        foreach (var (key, value) in options.PropertyCodes)
        {
            if (!Guid.TryParse(key, out _))
                errors.Add($"Sync:PropertyCodes: '{key}' is not a Mews enterprise id (a GUID).");
            if (string.IsNullOrWhiteSpace(value) || value.Length > Properties.Property.CodeMaxLength)
                errors.Add($"Sync:PropertyCodes:{key} must be 1–{Properties.Property.CodeMaxLength} characters.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
