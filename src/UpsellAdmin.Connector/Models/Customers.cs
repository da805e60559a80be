namespace UpsellAdmin.Connector.Models;

/// <summary>customers/getAll filters. Mews requires at least one filter; <c>ChainIds</c> with portfolio tokens.</summary>
public sealed record CustomerFilter : PagedRequest
{
    public IReadOnlyList<string>? ChainIds { get; init; }
    public TimeInterval? CreatedUtc { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
    /// <summary>Needs <c>ActivityStates: [Deleted]</c>.</summary>
    public TimeInterval? DeletedUtc { get; init; }
    /// <summary>Required by Mews; the gateway sends <c>{Customers: true, Addresses: false}</c> when null.</summary>
    public CustomerExtent? Extent { get; init; }
    public IReadOnlyList<ActivityState>? ActivityStates { get; init; }
    public IReadOnlyList<string>? CustomerIds { get; init; }
    /// <summary>At most one id.</summary>
    public IReadOnlyList<string>? CompanyIds { get; init; }
    public IReadOnlyList<string>? Emails { get; init; }
    public IReadOnlyList<string>? FirstNames { get; init; }
    public IReadOnlyList<string>? LastNames { get; init; }
    public IReadOnlyList<string>? LoyaltyCodes { get; init; }
}

public sealed record CustomerExtent
{
    public bool Customers { get; init; } = true;
    public bool Addresses { get; init; }
}

public sealed record CustomersResult : IPagedResult<Customer>
{
    public IReadOnlyList<Customer>? Customers { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<Customer>? IPagedResult<Customer>.Items => Customers;
}

public sealed record Customer
{
    public string Id { get; init; } = "";
    public string? ChainId { get; init; }
    public string? Number { get; init; }
    public CustomerTitle? Title { get; init; }
    public CustomerSex? Sex { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? SecondLastName { get; init; }
    public string? NationalityCode { get; init; }
    public string? PreferredLanguageCode { get; init; }
    public string? LanguageCode { get; init; }
    /// <summary>Plain <c>YYYY-MM-DD</c>.</summary>
    public string? BirthDate { get; init; }
    public string? BirthCountryCode { get; init; }
    public string? BirthCountrySubdivisionCode { get; init; }
    public string? BirthPlace { get; init; }
    public string? Occupation { get; init; }
    public string? Email { get; init; }
    public bool? HasOtaEmail { get; init; }
    public string? Phone { get; init; }
    public string? TaxIdentificationNumber { get; init; }
    /// <summary>Free-text loyalty number, separate from loyalty memberships.</summary>
    public string? LoyaltyCode { get; init; }
    public string? AccountingCode { get; init; }
    public string? BillingCode { get; init; }
    public string? Notes { get; init; }
    public string? CarRegistrationNumber { get; init; }
    public string? DietaryRequirements { get; init; }
    public DateTimeOffset? CreatedUtc { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
    public string? AddressId { get; init; }
    /// <summary>Deprecated; still in the examples.</summary>
    public Address? Address { get; init; }
    public IReadOnlyList<CustomerClassification>? Classifications { get; init; }
    public IReadOnlyList<CustomerOption>? Options { get; init; }
    public string? ItalianDestinationCode { get; init; }
    public string? ItalianFiscalCode { get; init; }
    public string? ItalianLotteryCode { get; init; }
    public string? CompanyId { get; init; }
    public string? MergeTargetId { get; init; }
    /// <summary>Deprecated; use <see cref="IsActive"/>.</summary>
    public ActivityState? ActivityState { get; init; }
    public bool IsActive { get; init; }
    /// <summary>Open enum (e.g. <c>OceanView</c>), kept as text.</summary>
    public IReadOnlyList<string>? PreferredSpaceFeatures { get; init; }
    public string? CreatorProfileId { get; init; }
    public string? UpdaterProfileId { get; init; }
}

/// <summary>customers/search: guests currently in house. Not paginated.</summary>
public sealed record CustomerSearchRequest
{
    /// <summary>Matches first, last or full name.</summary>
    public string? Name { get; init; }
    /// <summary>Returns the occupants of that room.</summary>
    public string? ResourceId { get; init; }
    public CustomerExtent? Extent { get; init; }
}

public sealed record CustomerSearchResult
{
    public IReadOnlyList<CustomerSearchItem>? Customers { get; init; }
}

public sealed record CustomerSearchItem
{
    public Customer? Customer { get; init; }
    public ReservationLegacy? Reservation { get; init; }
}
