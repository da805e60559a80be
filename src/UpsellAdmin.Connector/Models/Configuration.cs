namespace UpsellAdmin.Connector.Models;

public sealed record ConfigurationRequest
{
    /// <summary>Only with portfolio tokens; defaults to the token's enterprise.</summary>
    public string? EnterpriseId { get; init; }
}

public sealed record ConfigurationResult
{
    public DateTimeOffset? NowUtc { get; init; }
    public Enterprise? Enterprise { get; init; }
    /// <summary>Present only for service-scoped integrations.</summary>
    public Service? Service { get; init; }
    public PaymentCardStorage? PaymentCardStorage { get; init; }
    public bool? IsIdentityDocumentNumberRequired { get; init; }
}

public sealed record PaymentCardStorage
{
    public string? PublicKey { get; init; }
}

public sealed record Enterprise
{
    public string Id { get; init; } = "";
    public string? ExternalIdentifier { get; init; }
    public string? HoldingKey { get; init; }
    /// <summary>The chain, needed for loyalty calls.</summary>
    public string? ChainId { get; init; }
    public string? ChainName { get; init; }
    public DateTimeOffset? CreatedUtc { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
    public string? Name { get; init; }
    public string? ShortName { get; init; }
    /// <summary>IANA time zone, e.g. <c>Europe/Budapest</c>: needed to build time-unit boundaries.</summary>
    public string? TimeZoneIdentifier { get; init; }
    public string? LegalEnvironmentCode { get; init; }
    public string? AccommodationEnvironmentCode { get; init; }
    public string? AccountingEnvironmentCode { get; init; }
    public string? TaxEnvironmentCode { get; init; }
    public string? DefaultLanguageCode { get; init; }
    public string? EditableHistoryInterval { get; init; }
    public string? AccountingEditableHistoryInterval { get; init; }
    public string? OperationalEditableHistoryInterval { get; init; }
    public string? BusinessDayClosingOffset { get; init; }
    public string? WebsiteUrl { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? LogoImageId { get; init; }
    public string? CoverImageId { get; init; }
    public PricingMode? Pricing { get; init; }
    public int? TaxPrecision { get; init; }
    public string? AddressId { get; init; }
    public Address? Address { get; init; }
    public IReadOnlyList<string>? GroupNames { get; init; }
    public EnterpriseSubscription? Subscription { get; init; }
    public IReadOnlyList<EnterpriseCurrency>? Currencies { get; init; }
    public AccountingConfiguration? AccountingConfiguration { get; init; }
    public bool? IsPortfolio { get; init; }
}

public sealed record EnterpriseSubscription
{
    public string? TaxIdentifier { get; init; }
}

public sealed record EnterpriseCurrency
{
    public string Currency { get; init; } = "";
    public bool IsDefault { get; init; }
    public bool IsEnabled { get; init; }
}

public sealed record AccountingConfiguration
{
    public string? AdditionalTaxIdentifier { get; init; }
    public string? CompanyName { get; init; }
    public string? BankAccountNumber { get; init; }
    public string? BankName { get; init; }
    public string? Iban { get; init; }
    public string? Bic { get; init; }
    public SurchargeConfiguration? SurchargeConfiguration { get; init; }
    public IReadOnlyList<string>? EnabledExternalPaymentTypes { get; init; }
    /// <summary>Open enum, kept as strings.</summary>
    public IReadOnlyList<string>? Options { get; init; }
}

public sealed record SurchargeConfiguration
{
    public IReadOnlyDictionary<string, decimal>? SurchargeFees { get; init; }
    public string? SurchargeServiceId { get; init; }
    public string? SurchargeTaxCode { get; init; }
}

// ---- services/getAll, services/getAvailability/2024-01-22 ----

public sealed record ServiceFilter : PagedRequest
{
    public IReadOnlyList<string>? EnterpriseIds { get; init; }
    public IReadOnlyList<string>? ServiceIds { get; init; }
    public ServiceType? ServiceType { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
}

public sealed record ServicesResult : IPagedResult<Service>
{
    public IReadOnlyList<Service>? Services { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<Service>? IPagedResult<Service>.Items => Services;
}

public sealed record Service
{
    public string Id { get; init; } = "";
    public string? EnterpriseId { get; init; }
    public bool IsActive { get; init; }
    public IReadOnlyDictionary<string, string>? Names { get; init; }
    /// <summary>Deprecated; the docs' examples still send it instead of <see cref="Names"/>.</summary>
    public string? Name { get; init; }
    public ServiceOptions? Options { get; init; }
    public int? Ordering { get; init; }
    public ServiceData? Data { get; init; }
    public string? ExternalIdentifier { get; init; }
    public DateTimeOffset? CreatedUtc { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
    /// <summary>Deprecated fields still present in examples.</summary>
    public string? StartTime { get; init; }
    public string? EndTime { get; init; }
    public Promotions? Promotions { get; init; }
    /// <summary>Deprecated (e.g. "Reservable"), kept as text.</summary>
    public string? Type { get; init; }

    /// <summary>The hotel's room service: active, bookable, by the day.</summary>
    public bool IsBookableByDay => IsActive && Data?.Discriminator == ServiceDataDiscriminator.Bookable
        && Data.Value?.TimeUnitPeriod == TimeUnitPeriod.Day;
}

public sealed record ServiceOptions
{
    public bool? BillAsPackage { get; init; }
}

/// <summary>Coproduct: Bookable values carry offsets and <c>TimeUnitPeriod</c>; Additional values carry promotions.</summary>
public sealed record ServiceData
{
    public ServiceDataDiscriminator Discriminator { get; init; }
    public ServiceDataValue? Value { get; init; }
}

public sealed record ServiceDataValue
{
    public string? StartOffset { get; init; }
    public string? EndOffset { get; init; }
    public string? OccupancyStartOffset { get; init; }
    public string? OccupancyEndOffset { get; init; }
    public TimeUnitPeriod? TimeUnitPeriod { get; init; }
    public Promotions? Promotions { get; init; }
}

public sealed record AvailabilityRequest
{
    public required string ServiceId { get; init; }
    /// <summary>Must be on a time-unit boundary (local midnight in UTC for daily services).</summary>
    public required DateTimeOffset FirstTimeUnitStartUtc { get; init; }
    public required DateTimeOffset LastTimeUnitStartUtc { get; init; }
    public required IReadOnlyList<AvailabilityMetric> Metrics { get; init; }
}

public sealed record AvailabilityResult
{
    /// <summary>Align metric arrays by this list, not by the requested range (the docs' sample starts a day early).</summary>
    public IReadOnlyList<DateTimeOffset>? TimeUnitStartsUtc { get; init; }
    public IReadOnlyList<ResourceCategoryAvailability>? ResourceCategoryAvailabilities { get; init; }
}

public sealed record ResourceCategoryAvailability
{
    public string ResourceCategoryId { get; init; } = "";
    /// <summary>Metric name → one value per time unit. Keys are strings so that a new metric never breaks parsing.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>>? Metrics { get; init; }

    public IReadOnlyList<int>? GetMetric(AvailabilityMetric metric) =>
        Metrics is not null && Metrics.TryGetValue(metric.ToString(), out var values) ? values : null;
}

/// <summary>
/// services/getAvailability (legacy, not deprecated; the one Mews' upsell use case links): absolute available counts
/// per room type per time unit, adjustments applied.
/// </summary>
public sealed record LegacyAvailabilityRequest
{
    public required string ServiceId { get; init; }
    /// <summary>Must be on a time-unit boundary (local midnight in UTC for daily services).</summary>
    public required DateTimeOffset FirstTimeUnitStartUtc { get; init; }
    public required DateTimeOffset LastTimeUnitStartUtc { get; init; }
}

public sealed record LegacyAvailabilityResult
{
    public IReadOnlyList<DateTimeOffset>? TimeUnitStartsUtc { get; init; }
    public IReadOnlyList<CategoryAvailability>? CategoryAvailabilities { get; init; }
}

public sealed record CategoryAvailability
{
    public string CategoryId { get; init; } = "";
    /// <summary>Rooms still available per time unit (aligned with <see cref="LegacyAvailabilityResult.TimeUnitStartsUtc"/>).</summary>
    public IReadOnlyList<int>? Availabilities { get; init; }
    /// <summary>Manual adjustments per time unit (the docs' example spells the key with a trailing space).</summary>
    public IReadOnlyList<int>? Adjustments { get; init; }
}
