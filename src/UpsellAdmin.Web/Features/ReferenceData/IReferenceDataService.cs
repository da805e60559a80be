using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.ReferenceData;

public sealed record CodeName(string Code, string Name)
{
    /// <summary>"CODE - Name", how OPERA lists of values show an item.</summary>
    public string Display => string.IsNullOrEmpty(Name) || Name == Code ? Code : $"{Code} - {Name}";
}

public sealed record RoomTypeOption(string Code, string Name, string? RoomClassCode, int Sequence)
{
    public string Display => $"{Code} - {Name}";
}

public sealed record RateCodeOption(string Code, string Name, string? RateCategoryCode, string CurrencyCode)
{
    public string Display => $"{Code} - {Name}";
}

public sealed record MembershipOption(string TypeCode, string TypeName, IReadOnlyList<CodeName> Levels);

public sealed record OccupancyLevelOption(int Level, string Description, decimal FromPercent, decimal ToPercent);

/// <summary>A "to" room type of the property's Upsell Room Hierarchy for one "from" room type.</summary>
public sealed record HierarchyTarget(string ToRoomType, int DisplaySequence);

/// <summary>Every list of values the rule screens of one property need (active items only), loaded in one go.</summary>
public sealed record PropertyLookups(
    PropertySummary Property,
    IReadOnlyList<RoomTypeOption> RoomTypes,
    IReadOnlyList<CodeName> RoomClasses,
    IReadOnlyList<RateCodeOption> RateCodes,
    IReadOnlyList<CodeName> RateCategories,
    IReadOnlyList<MembershipOption> Memberships,
    IReadOnlyList<CodeName> Channels,
    IReadOnlyList<CodeName> ReservationTypes,
    IReadOnlyList<CodeName> Markets,
    IReadOnlyList<OccupancyLevelOption> OccupancyLevels,
    IReadOnlyDictionary<string, IReadOnlyList<HierarchyTarget>> Hierarchy,
    IReadOnlyList<string> Currencies);

public interface IReferenceDataService
{
    /// <summary>Lists of values of a property the current user may see; throws KeyNotFoundException otherwise.</summary>
    Task<PropertyLookups> GetLookupsAsync(int propertyId, CancellationToken cancellationToken = default);
}
