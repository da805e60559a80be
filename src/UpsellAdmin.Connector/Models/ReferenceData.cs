using System.Text.Json;
using System.Text.Json.Serialization;
using UpsellAdmin.Connector.Json;

namespace UpsellAdmin.Connector.Models;

// ---- resourceCategories/getAll ----

public sealed record ResourceCategoryFilter : PagedRequest
{
    public IReadOnlyList<string>? EnterpriseIds { get; init; }
    public IReadOnlyList<string>? ResourceCategoryIds { get; init; }
    /// <summary>Required by Mews.</summary>
    public required IReadOnlyList<string> ServiceIds { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
    public IReadOnlyList<ActivityState>? ActivityStates { get; init; }
}

public sealed record ResourceCategoriesResult : IPagedResult<ResourceCategory>
{
    public IReadOnlyList<ResourceCategory>? ResourceCategories { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<ResourceCategory>? IPagedResult<ResourceCategory>.Items => ResourceCategories;
}

/// <summary>A room type. <see cref="Ordering"/> ranks categories low to high (the upgrade ladder).</summary>
public sealed record ResourceCategory
{
    public string Id { get; init; } = "";
    public string? EnterpriseId { get; init; }
    public string? ServiceId { get; init; }
    public bool IsActive { get; init; }
    public ResourceCategoryType? Type { get; init; }
    public ResourceCategoryClassification? Classification { get; init; }
    public IReadOnlyDictionary<string, string>? Names { get; init; }
    public IReadOnlyDictionary<string, string>? ShortNames { get; init; }
    public IReadOnlyDictionary<string, string>? Descriptions { get; init; }
    public int? Ordering { get; init; }
    public int? Capacity { get; init; }
    public int? ExtraCapacity { get; init; }
    public string? ExternalIdentifier { get; init; }
    public string? AccountingCategoryId { get; init; }
}

// ---- resourceCategoryAssignments/getAll ----

/// <summary>Which room belongs to which room type. <see cref="ResourceCategoryIds"/> is required by Mews (≤ 1000).</summary>
public sealed record ResourceCategoryAssignmentFilter : PagedRequest
{
    public IReadOnlyList<string>? EnterpriseIds { get; init; }
    public required IReadOnlyList<string> ResourceCategoryIds { get; init; }
    public IReadOnlyList<string>? ResourceIds { get; init; }
    public IReadOnlyList<string>? ResourceCategoryAssignmentIds { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
    public IReadOnlyList<ActivityState>? ActivityStates { get; init; }
}

public sealed record ResourceCategoryAssignmentsResult : IPagedResult<ResourceCategoryAssignment>
{
    public IReadOnlyList<ResourceCategoryAssignment>? ResourceCategoryAssignments { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<ResourceCategoryAssignment>? IPagedResult<ResourceCategoryAssignment>.Items => ResourceCategoryAssignments;
}

public sealed record ResourceCategoryAssignment
{
    public string Id { get; init; } = "";
    public bool IsActive { get; init; }
    /// <summary>The room.</summary>
    public string? ResourceId { get; init; }
    /// <summary>Its room type.</summary>
    public string? CategoryId { get; init; }
    public DateTimeOffset? CreatedUtc { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
}

// ---- resources/getAll ----

public sealed record ResourceFilter : PagedRequest
{
    public IReadOnlyList<string>? EnterpriseIds { get; init; }
    public IReadOnlyList<string>? ResourceIds { get; init; }
    public IReadOnlyList<string>? Names { get; init; }
    /// <summary>Required by Mews; the gateway sends <c>{Resources: true, Inactive: false}</c> when null.</summary>
    public ResourceExtent? Extent { get; init; }
    public TimeInterval? CreatedUtc { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
}

public sealed record ResourceExtent
{
    public bool Resources { get; init; } = true;
    public bool Inactive { get; init; }
}

public sealed record ResourcesResult : IPagedResult<Resource>
{
    public IReadOnlyList<Resource>? Resources { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<Resource>? IPagedResult<Resource>.Items => Resources;
}

public sealed record Resource
{
    public string Id { get; init; } = "";
    public string? EnterpriseId { get; init; }
    public bool IsActive { get; init; }
    public string? ParentResourceId { get; init; }
    /// <summary>The room number.</summary>
    public string? Name { get; init; }
    public ResourceState? State { get; init; }
    public IReadOnlyDictionary<string, string>? Descriptions { get; init; }
    public IReadOnlyDictionary<string, string>? ExternalNames { get; init; }
    public IReadOnlyDictionary<string, string>? Directions { get; init; }
    public DateTimeOffset? CreatedUtc { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
    public ResourceData? Data { get; init; }
}

public sealed record ResourceData
{
    public ResourceDataDiscriminator Discriminator { get; init; }
    public ResourceDataValue? Value { get; init; }
}

public sealed record ResourceDataValue
{
    /// <summary>The docs leave the type open: numbers are read as text.</summary>
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? FloorNumber { get; init; }
    public string? LocationNotes { get; init; }
}

// ---- rates/getAll ----

public sealed record RateFilter : PagedRequest
{
    public IReadOnlyList<string>? EnterpriseIds { get; init; }
    /// <summary>Required by Mews.</summary>
    public required IReadOnlyList<string> ServiceIds { get; init; }
    public IReadOnlyList<string>? RateIds { get; init; }
    public IReadOnlyList<string>? ExternalIdentifiers { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
    public IReadOnlyList<ActivityState>? ActivityStates { get; init; }
    public RateExtent? Extent { get; init; }
}

public sealed record RateExtent
{
    public bool Rates { get; init; } = true;
    public bool AvailabilityBlockAssignments { get; init; }
}

public sealed record RatesResult : IPagedResult<Rate>
{
    public IReadOnlyList<Rate>? Rates { get; init; }
    public string? Cursor { get; init; }
    /// <summary>Deprecated: use rateGroups/getAll.</summary>
    public IReadOnlyList<RateGroup>? RateGroups { get; init; }
    public IReadOnlyList<AvailabilityBlockAssignment>? AvailabilityBlockAssignments { get; init; }
    IReadOnlyList<Rate>? IPagedResult<Rate>.Items => Rates;
}

public sealed record AvailabilityBlockAssignment
{
    public string? RateId { get; init; }
    public string? AvailabilityBlockId { get; init; }
}

public sealed record Rate
{
    public string Id { get; init; } = "";
    /// <summary>The rate group (Opera "rate category").</summary>
    public string? GroupId { get; init; }
    public string? ServiceId { get; init; }
    public string? BaseRateId { get; init; }
    public bool? IsBaseRate { get; init; }
    public string? BusinessSegmentId { get; init; }
    public bool IsActive { get; init; }
    public bool? IsEnabled { get; init; }
    public bool? IsPublic { get; init; }
    public bool? IsDefault { get; init; }
    public RateType? Type { get; init; }
    public IReadOnlyDictionary<string, string>? Names { get; init; }
    /// <summary>Deprecated; the docs' example still uses it.</summary>
    public string? Name { get; init; }
    /// <summary>The closest thing to an Opera rate code.</summary>
    public string? ShortName { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
    public IReadOnlyDictionary<string, string>? ExternalNames { get; init; }
    public IReadOnlyDictionary<string, string>? Description { get; init; }
    public string? ExternalIdentifier { get; init; }
    /// <summary>Type not stated by the docs: kept as raw JSON.</summary>
    public JsonElement? TaxExemptionReason { get; init; }
    public JsonElement? TaxExemptionLegalReference { get; init; }
}

// ---- rateGroups/getAll ----

/// <summary>Mews requires <see cref="RateGroupIds"/> or <see cref="ServiceIds"/>.</summary>
public sealed record RateGroupFilter : PagedRequest
{
    public IReadOnlyList<string>? EnterpriseIds { get; init; }
    public IReadOnlyList<string>? RateGroupIds { get; init; }
    public IReadOnlyList<string>? ServiceIds { get; init; }
    public IReadOnlyList<string>? ExternalIdentifiers { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
    public IReadOnlyList<ActivityState>? ActivityStates { get; init; }
}

public sealed record RateGroupsResult : IPagedResult<RateGroup>
{
    public IReadOnlyList<RateGroup>? RateGroups { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<RateGroup>? IPagedResult<RateGroup>.Items => RateGroups;
}

public sealed record RateGroup
{
    public string Id { get; init; } = "";
    public string? ServiceId { get; init; }
    public bool IsActive { get; init; }
    public DateTimeOffset? CreatedUtc { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
    public int? Ordering { get; init; }
    public IReadOnlyDictionary<string, string>? Names { get; init; }
    /// <summary>Deprecated (in the deprecated rates/getAll RateGroups collection).</summary>
    public string? Name { get; init; }
    public IReadOnlyDictionary<string, string>? ShortNames { get; init; }
    public IReadOnlyDictionary<string, string>? Descriptions { get; init; }
    public string? ExternalIdentifier { get; init; }
}

// ---- rates/getPricing ----

public sealed record RatePricingRequest
{
    public required string RateId { get; init; }
    public string? ProductId { get; init; }
    public required DateTimeOffset FirstTimeUnitStartUtc { get; init; }
    public required DateTimeOffset LastTimeUnitStartUtc { get; init; }
}

public sealed record RatePricingResult
{
    public string? Currency { get; init; }
    public IReadOnlyList<DateTimeOffset>? TimeUnitStartsUtc { get; init; }
    public IReadOnlyList<Amount>? BaseAmountPrices { get; init; }
    /// <summary>Per room type, one amount per time unit.</summary>
    public IReadOnlyList<CategoryPricing>? CategoryPrices { get; init; }
    public IReadOnlyList<CategoryAdjustment>? CategoryAdjustments { get; init; }
    public IReadOnlyList<AgeCategoryAdjustment>? AgeCategoryAdjustments { get; init; }
    /// <summary>Fraction relative to the base rate (the docs' descriptions of these two are swapped).</summary>
    public decimal? RelativeAdjustment { get; init; }
    public decimal? AbsoluteAdjustment { get; init; }
    public decimal? EmptyUnitAdjustment { get; init; }
    public decimal? ExtraUnitAdjustment { get; init; }
}

public sealed record CategoryPricing
{
    public string CategoryId { get; init; } = "";
    public IReadOnlyList<Amount>? AmountPrices { get; init; }
}

public sealed record CategoryAdjustment
{
    public string CategoryId { get; init; } = "";
    public string? ParentCategoryId { get; init; }
    public decimal? AbsoluteValue { get; init; }
    public decimal? RelativeValue { get; init; }
}

public sealed record AgeCategoryAdjustment
{
    public string? AgeCategoryId { get; init; }
    public decimal? AbsoluteValue { get; init; }
    public AgeCategoryAdjustmentType? Type { get; init; }
}

// ---- accountingCategories/getAll ----

public sealed record AccountingCategoryFilter : PagedRequest
{
    public IReadOnlyList<string>? EnterpriseIds { get; init; }
    public IReadOnlyList<string>? AccountingCategoryIds { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
    public IReadOnlyList<ActivityState>? ActivityStates { get; init; }
}

public sealed record AccountingCategoriesResult : IPagedResult<AccountingCategory>
{
    public IReadOnlyList<AccountingCategory>? AccountingCategories { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<AccountingCategory>? IPagedResult<AccountingCategory>.Items => AccountingCategories;
}

public sealed record AccountingCategory
{
    public string Id { get; init; } = "";
    public string? EnterpriseId { get; init; }
    public bool IsActive { get; init; }
    public string? Name { get; init; }
    public string? Code { get; init; }
    public string? ExternalCode { get; init; }
    public string? LedgerAccountCode { get; init; }
    public string? PostingAccountCode { get; init; }
    public string? CostCenterCode { get; init; }
    public AccountingCategoryClassification? Classification { get; init; }
    public DateTimeOffset? CreatedUtc { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
}

// ---- businessSegments/getAll ----

public sealed record BusinessSegmentFilter : PagedRequest
{
    public IReadOnlyList<string>? EnterpriseIds { get; init; }
    public IReadOnlyList<string>? Ids { get; init; }
    public IReadOnlyList<string>? ServiceIds { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
    public IReadOnlyList<ActivityState>? ActivityStates { get; init; }
}

public sealed record BusinessSegmentsResult : IPagedResult<BusinessSegment>
{
    public IReadOnlyList<BusinessSegment>? BusinessSegments { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<BusinessSegment>? IPagedResult<BusinessSegment>.Items => BusinessSegments;
}

/// <summary>Market segment; it has no code, only a name.</summary>
public sealed record BusinessSegment
{
    public string Id { get; init; } = "";
    public string? ServiceId { get; init; }
    public bool IsActive { get; init; }
    public string? Name { get; init; }
    public DateTimeOffset? CreatedUtc { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
}

// ---- sources/getAll ----

public sealed record SourceFilter : PagedRequest
{
    public IReadOnlyList<string>? SourceIds { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
}

public sealed record SourcesResult : IPagedResult<Source>
{
    public IReadOnlyList<Source>? Sources { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<Source>? IPagedResult<Source>.Items => Sources;
}

public sealed record Source
{
    public string Id { get; init; } = "";
    public string? Name { get; init; }
    public SourceType? Type { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
    /// <summary>An integer code; missing from the docs' examples.</summary>
    public int? Code { get; init; }
}

// ---- products/getAll ----

public sealed record ProductFilter : PagedRequest
{
    public IReadOnlyList<string>? EnterpriseIds { get; init; }
    public IReadOnlyList<string>? ProductIds { get; init; }
    /// <summary>Required by Mews.</summary>
    public required IReadOnlyList<string> ServiceIds { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
    public bool? IncludeDefault { get; init; }
}

public sealed record ProductsResult : IPagedResult<Product>
{
    public IReadOnlyList<Product>? Products { get; init; }
    public IReadOnlyList<Product>? CustomerProducts { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<Product>? IPagedResult<Product>.Items => Products;
}

public sealed record Product
{
    public string Id { get; init; } = "";
    public string? ServiceId { get; init; }
    public string? CategoryId { get; init; }
    public string? AccountingCategoryId { get; init; }
    public bool IsActive { get; init; }
    public IReadOnlyDictionary<string, string>? Names { get; init; }
    public IReadOnlyDictionary<string, string>? ExternalNames { get; init; }
    public IReadOnlyDictionary<string, string>? ShortNames { get; init; }
    public IReadOnlyDictionary<string, string>? Descriptions { get; init; }
    public ChargingMode? ChargingMode { get; init; }
    public PostingMode? PostingMode { get; init; }
    public ProductOptions? Options { get; init; }
    public Promotions? Promotions { get; init; }
    public ProductClassifications? Classifications { get; init; }
    public Amount? Price { get; init; }
    public IReadOnlyList<string>? ImageIds { get; init; }
    public int? Ordering { get; init; }
    public string? ExternalIdentifier { get; init; }
    public JsonElement? TaxExemptionReason { get; init; }
    public JsonElement? TaxExemptionLegalReference { get; init; }
    public DateTimeOffset? CreatedUtc { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
    public ConsumptionMoment? ConsumptionMoment { get; init; }
}

public sealed record ProductOptions
{
    public bool? BillAsPackage { get; init; }
    public bool? ExcludePriceFromOffer { get; init; }
}

public sealed record ProductClassifications
{
    public bool? Food { get; init; }
    public bool? Beverage { get; init; }
    public bool? Wellness { get; init; }
    public bool? CityTax { get; init; }
    public bool? Fee { get; init; }
}
