using System.Text.Json.Serialization;

namespace UpsellAdmin.ConnectorSimulator.Model;

// The simulator's store keeps entities in their Connector API wire shape (PascalCase names exactly as in
// connector-api.md §2). Fields only the simulator needs carry [JsonIgnore]. Entities are immutable records: a
// write replaces the record under the store lock, so a reader never sees half an update.

/// <summary>An entity kept in the store. <see cref="Sequence"/> orders it by creation (higher = newer).</summary>
public interface IStoreEntity
{
    Guid Id { get; }

    long Sequence { get; }
}

#pragma warning disable CA1056, CA1002, CA2227 // wire DTOs: URL strings and list properties are the contract.

public sealed record Amount
{
    public required string Currency { get; init; }

    public decimal NetValue { get; init; }

    public decimal GrossValue { get; init; }

    public IReadOnlyList<TaxValue> TaxValues { get; init; } = [];

    public AmountBreakdown Breakdown { get; init; } = new();
}

public sealed record TaxValue(string Code, decimal Value);

public sealed record AmountBreakdown
{
    public IReadOnlyList<AmountBreakdownItem> Items { get; init; } = [];
}

public sealed record AmountBreakdownItem(string TaxRateCode, decimal NetValue, decimal TaxValue);

public sealed record Coproduct(string Discriminator, object? Value);

public sealed record Address
{
    public Guid Id { get; init; }

    public string? Line1 { get; init; }

    public string? Line2 { get; init; }

    public string? City { get; init; }

    public string? PostalCode { get; init; }

    public string? CountryCode { get; init; }

    public string? CountrySubdivisionCode { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }
}

public sealed record EnterpriseCurrency(string Currency, bool IsDefault, bool IsEnabled);

public sealed record Enterprise : IStoreEntity
{
    public Guid Id { get; init; }

    public string? ExternalIdentifier { get; init; }

    public string? HoldingKey { get; init; }

    public Guid ChainId { get; init; }

    public required string ChainName { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    public required string Name { get; init; }

    public string? ShortName { get; init; }

    public required string TimeZoneIdentifier { get; init; }

    public required string LegalEnvironmentCode { get; init; }

    public string? AccommodationEnvironmentCode { get; init; }

    public string? AccountingEnvironmentCode { get; init; }

    public string? TaxEnvironmentCode { get; init; }

    public required string DefaultLanguageCode { get; init; }

    public string AccountingEditableHistoryInterval { get; init; } = "P0M7DT0H0M0S";

    public string OperationalEditableHistoryInterval { get; init; } = "P0M5DT0H0M0S";

    public string? BusinessDayClosingOffset { get; init; }

    public string? WebsiteUrl { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public Guid? LogoImageId { get; init; }

    public Guid? CoverImageId { get; init; }

    public required string Pricing { get; init; }

    public int? TaxPrecision { get; init; }

    public Guid AddressId { get; init; }

    public required Address Address { get; init; }

    public IReadOnlyList<string> GroupNames { get; init; } = [];

    public required EnterpriseSubscription Subscription { get; init; }

    public IReadOnlyList<EnterpriseCurrency> Currencies { get; init; } = [];

    public object? AccountingConfiguration { get; init; }

    public bool IsPortfolio { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }

    /// <summary>Default currency (ISO 4217).</summary>
    [JsonIgnore]
    public string Currency { get; init; } = "GBP";

    /// <summary>The tax-rate code every simulated price uses.</summary>
    [JsonIgnore]
    public string TaxCode { get; init; } = "UK-S";

    /// <summary>The rate of <see cref="TaxCode"/>, e.g. 0.20.</summary>
    [JsonIgnore]
    public decimal TaxRate { get; init; }

    /// <summary>Price of the base category on the base rate on an average night, before season and weekday.</summary>
    [JsonIgnore]
    public decimal BasePrice { get; init; }

    /// <summary>True for a business hotel (weekday nights dearer than weekends).</summary>
    [JsonIgnore]
    public bool IsBusinessHotel { get; init; }

    [JsonIgnore]
    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneIdentifier);

    [JsonIgnore]
    public bool IsGross => Pricing == "Gross";
}

public sealed record EnterpriseSubscription(string? TaxIdentifier);

public sealed record Service : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid EnterpriseId { get; init; }

    public bool IsActive { get; init; } = true;

    /// <summary>Deprecated, still sent (the docs' examples show it).</summary>
    public string? Name { get; init; }

    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    public ServiceOptions Options { get; init; } = new(false);

    public int Ordering { get; init; }

    public required Coproduct Data { get; init; }

    public string? ExternalIdentifier { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }

    [JsonIgnore]
    public bool IsBookable => Data.Discriminator == "Bookable";
}

public sealed record ServiceOptions(bool BillAsPackage);

public sealed record BookableServiceData(
    string StartOffset,
    string EndOffset,
    string OccupancyStartOffset,
    string OccupancyEndOffset,
    string TimeUnitPeriod);

public sealed record Promotions(
    bool BeforeCheckIn = false,
    bool AfterCheckIn = false,
    bool DuringStay = false,
    bool BeforeCheckOut = false,
    bool AfterCheckOut = false,
    bool DuringCheckOut = false);

public sealed record AdditionalServiceData(Promotions Promotions);

public sealed record AgeCategory : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid ServiceId { get; init; }

    public int? MinimalAge { get; init; }

    public int? MaximalAge { get; init; }

    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string>? ShortNames { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    public required string Classification { get; init; }

    public bool IsActive { get; init; } = true;

    public string? ExternalIdentifier { get; init; }

    [JsonIgnore]
    public Guid EnterpriseId { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}

public sealed record ResourceCategory : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid EnterpriseId { get; init; }

    public Guid ServiceId { get; init; }

    public bool IsActive { get; init; } = true;

    public required string Type { get; init; }

    public required string Classification { get; init; }

    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> ShortNames { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Descriptions { get; init; } = new Dictionary<string, string>();

    public int Ordering { get; init; }

    public int Capacity { get; init; }

    public int ExtraCapacity { get; init; }

    public string? ExternalIdentifier { get; init; }

    public Guid? AccountingCategoryId { get; init; }

    [JsonIgnore]
    public DateTimeOffset UpdatedUtc { get; init; }

    /// <summary>Price of this category relative to the base category (1.0 for the base).</summary>
    [JsonIgnore]
    public decimal PriceFactor { get; init; } = 1m;

    [JsonIgnore]
    public long Sequence { get; init; }
}

public sealed record Resource : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid EnterpriseId { get; init; }

    public bool IsActive { get; init; } = true;

    public Guid? ParentResourceId { get; init; }

    public required string Name { get; init; }

    public required string State { get; init; }

    public IReadOnlyDictionary<string, string> Descriptions { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> ExternalNames { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Directions { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset CreatedUtc { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    public required Coproduct Data { get; init; }

    /// <summary>The room's category (resourceCategoryAssignments in Mews).</summary>
    [JsonIgnore]
    public Guid CategoryId { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}

public sealed record SpaceData(int FloorNumber, string? LocationNotes);

public sealed record RateGroup : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid ServiceId { get; init; }

    public bool IsActive { get; init; } = true;

    public DateTimeOffset CreatedUtc { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    public int Ordering { get; init; }

    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string>? ShortNames { get; init; }

    public IReadOnlyDictionary<string, string>? Descriptions { get; init; }

    public string? ExternalIdentifier { get; init; }

    [JsonIgnore]
    public Guid EnterpriseId { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}

public sealed record Rate : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid GroupId { get; init; }

    public Guid ServiceId { get; init; }

    public Guid? BaseRateId { get; init; }

    public bool IsBaseRate { get; init; }

    public Guid? BusinessSegmentId { get; init; }

    public bool IsActive { get; init; } = true;

    public bool IsEnabled { get; init; } = true;

    public bool IsPublic { get; init; } = true;

    public bool IsDefault { get; init; }

    public required string Type { get; init; }

    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    public string? ShortName { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    public IReadOnlyDictionary<string, string>? ExternalNames { get; init; }

    public IReadOnlyDictionary<string, string>? Description { get; init; }

    public string? ExternalIdentifier { get; init; }

    public string? TaxExemptionReason { get; init; }

    public string? TaxExemptionLegalReference { get; init; }

    [JsonIgnore]
    public Guid EnterpriseId { get; init; }

    /// <summary>This rate relative to its base rate (0.9 = 10 % cheaper).</summary>
    [JsonIgnore]
    public decimal PriceFactor { get; init; } = 1m;

    /// <summary>Amount added per night on top of the factor (e.g. breakfast in BARBB), in the enterprise currency.</summary>
    [JsonIgnore]
    public decimal PriceAddOn { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}

public sealed record BusinessSegment : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid ServiceId { get; init; }

    public bool IsActive { get; init; } = true;

    public required string Name { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    [JsonIgnore]
    public Guid EnterpriseId { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}

public sealed record Source : IStoreEntity
{
    public Guid Id { get; init; }

    public required string Name { get; init; }

    public required string Type { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    public int Code { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}

public sealed record AccountingCategory : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid EnterpriseId { get; init; }

    public bool IsActive { get; init; } = true;

    public required string Name { get; init; }

    public string? Code { get; init; }

    public string? ExternalCode { get; init; }

    public string? LedgerAccountCode { get; init; }

    public string? PostingAccountCode { get; init; }

    public string? CostCenterCode { get; init; }

    public string? Classification { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}

public sealed record ProductOptions(bool BillAsPackage, bool ExcludePriceFromOffer);

public sealed record ProductClassifications(bool Food, bool Beverage, bool Wellness, bool CityTax, bool Fee);

public sealed record Product : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid ServiceId { get; init; }

    public Guid? CategoryId { get; init; }

    public Guid? AccountingCategoryId { get; init; }

    public bool IsActive { get; init; } = true;

    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> ExternalNames { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> ShortNames { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string>? Descriptions { get; init; }

    public required string ChargingMode { get; init; }

    public required string PostingMode { get; init; }

    public ProductOptions Options { get; init; } = new(false, false);

    public Promotions Promotions { get; init; } = new();

    public ProductClassifications Classifications { get; init; } = new(false, false, false, false, false);

    public required Amount Price { get; init; }

    public IReadOnlyList<Guid> ImageIds { get; init; } = [];

    public int Ordering { get; init; }

    public string? ExternalIdentifier { get; init; }

    public string? TaxExemptionReason { get; init; }

    public string? TaxExemptionLegalReference { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    public string ConsumptionMoment { get; init; } = "ServiceOrderStart";

    [JsonIgnore]
    public Guid EnterpriseId { get; init; }

    /// <summary>A default product (returned only with IncludeDefault or by id).</summary>
    [JsonIgnore]
    public bool IsDefault { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}

public sealed record PersonCount(Guid AgeCategoryId, int Count);

public sealed record ReservationOptions(bool OwnerCheckedIn, bool AllCompanionsCheckedIn, bool AnyCompanionCheckedIn, bool ConnectorCheckIn);

/// <summary>A reservation in the 2023-06-06 read shape.</summary>
public sealed record Reservation : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid ServiceId { get; init; }

    public Guid AccountId { get; init; }

    public string AccountType { get; init; } = "Customer";

    public Guid CreatorProfileId { get; init; }

    public Guid UpdaterProfileId { get; init; }

    public Guid? BookerId { get; init; }

    public required string Number { get; init; }

    public required string State { get; init; }

    public required string Origin { get; init; }

    public string? CommanderOrigin { get; init; }

    public string? OriginDetails { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    public DateTimeOffset? CancelledUtc { get; init; }

    public Guid? VoucherId { get; init; }

    public Guid? BusinessSegmentId { get; init; }

    public ReservationOptions Options { get; init; } = new(false, false, false, false);

    public Guid RateId { get; init; }

    public Guid? CreditCardId { get; init; }

    public Guid GroupId { get; init; }

    public Guid RequestedResourceCategoryId { get; init; }

    public Guid? AssignedResourceId { get; init; }

    public Guid? AvailabilityBlockId { get; init; }

    public Guid? PartnerCompanyId { get; init; }

    public Guid? TravelAgencyId { get; init; }

    public bool AssignedResourceLocked { get; init; }

    public string? ChannelNumber { get; init; }

    public string? ChannelManagerNumber { get; init; }

    public string? CancellationReason { get; init; }

    public DateTimeOffset? ReleasedUtc { get; init; }

    public DateTimeOffset ScheduledStartUtc { get; init; }

    public DateTimeOffset? ActualStartUtc { get; init; }

    public DateTimeOffset ScheduledEndUtc { get; init; }

    public DateTimeOffset? ActualEndUtc { get; init; }

    public string? Purpose { get; init; }

    public string? QrCodeData { get; init; }

    public IReadOnlyList<PersonCount> PersonCounts { get; init; } = [];

    [JsonIgnore]
    public Guid EnterpriseId { get; init; }

    /// <summary>
    /// Per-night price overrides from reservations/update TimeUnitPrices (index → amount in the enterprise's pricing
    /// mode: gross for Gross enterprises, net for Net ones).
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<int, decimal> TimeUnitPriceOverrides { get; init; } = new Dictionary<int, decimal>();

    /// <summary>
    /// The category the nights are priced on when it differs from the requested one: set by reservations/update with
    /// <c>Reprice: false</c> (the guest keeps the old price), cleared by a repricing update. Null: the requested category.
    /// </summary>
    [JsonIgnore]
    public Guid? PriceCategoryId { get; init; }

    /// <summary>Like <see cref="PriceCategoryId"/>, for a rate changed without repricing. Null: the reservation's rate.</summary>
    [JsonIgnore]
    public Guid? PriceRateId { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}

public sealed record Customer : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid ChainId { get; init; }

    public required string Number { get; init; }

    public string? Title { get; init; }

    public string? Sex { get; init; }

    public string? FirstName { get; init; }

    public required string LastName { get; init; }

    public string? SecondLastName { get; init; }

    public string? NationalityCode { get; init; }

    public string? PreferredLanguageCode { get; init; }

    public string? LanguageCode { get; init; }

    public string? BirthDate { get; init; }

    public string? BirthCountryCode { get; init; }

    public string? BirthCountrySubdivisionCode { get; init; }

    public string? BirthPlace { get; init; }

    public string? Occupation { get; init; }

    public string? Email { get; init; }

    public bool HasOtaEmail { get; init; }

    public string? Phone { get; init; }

    public string? TaxIdentificationNumber { get; init; }

    public string? LoyaltyCode { get; init; }

    public string? AccountingCode { get; init; }

    public string? BillingCode { get; init; }

    public string? Notes { get; init; }

    public string? CarRegistrationNumber { get; init; }

    public string? DietaryRequirements { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    public Guid? AddressId { get; init; }

    public IReadOnlyList<string> Classifications { get; init; } = [];

    public IReadOnlyList<string> Options { get; init; } = [];

    public string? ItalianDestinationCode { get; init; }

    public string? ItalianFiscalCode { get; init; }

    public string? ItalianLotteryCode { get; init; }

    public Guid? CompanyId { get; init; }

    public Guid? MergeTargetId { get; init; }

    public bool IsActive { get; init; } = true;

    public IReadOnlyList<string> PreferredSpaceFeatures { get; init; } = [];

    public Guid CreatorProfileId { get; init; }

    public Guid UpdaterProfileId { get; init; }

    [JsonIgnore]
    public DateTimeOffset? DeletedUtc { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}

public sealed record LoyaltyProgram : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid ChainId { get; init; }

    public required string Name { get; init; }

    public required string Code { get; init; }

    public required string Type { get; init; }

    public required string Subscription { get; init; }

    [JsonIgnore]
    public bool IsDeleted { get; init; }

    [JsonIgnore]
    public DateTimeOffset CreatedUtc { get; init; }

    [JsonIgnore]
    public DateTimeOffset UpdatedUtc { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}

public sealed record LoyaltyTier : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid LoyaltyProgramId { get; init; }

    public required string Name { get; init; }

    public required string Code { get; init; }

    public int Ordering { get; init; }

    [JsonIgnore]
    public Guid ChainId { get; init; }

    [JsonIgnore]
    public bool IsDeleted { get; init; }

    [JsonIgnore]
    public DateTimeOffset CreatedUtc { get; init; }

    [JsonIgnore]
    public DateTimeOffset UpdatedUtc { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}

public sealed record ProfileData(string Discriminator, EnterpriseProfileData? EnterpriseProfile);

public sealed record EnterpriseProfileData(Guid ProfileId);

public sealed record LoyaltyMembership : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid ChainId { get; init; }

    public Guid AccountId { get; init; }

    public Guid LoyaltyProgramId { get; init; }

    public required string State { get; init; }

    public bool IsPrimary { get; init; }

    public string? ProviderMembershipId { get; init; }

    public string? MembershipNumber { get; init; }

    public int? Points { get; init; }

    public DateTimeOffset? ExpirationDate { get; init; }

    public string? Url { get; init; }

    public Guid? LoyaltyTierId { get; init; }

    public ProfileData? CreatorProfile { get; init; }

    public ProfileData? UpdaterProfile { get; init; }

    /// <summary>Deprecated mirror of <see cref="MembershipNumber"/>.</summary>
    public string? Code => MembershipNumber;

    [JsonIgnore]
    public bool IsDeleted { get; init; }

    [JsonIgnore]
    public DateTimeOffset CreatedUtc { get; init; }

    [JsonIgnore]
    public DateTimeOffset UpdatedUtc { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}

/// <summary>An order posted by orders/add or an item posted by reservations/addProduct.</summary>
public sealed record Order : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid EnterpriseId { get; init; }

    public Guid ServiceId { get; init; }

    public Guid AccountId { get; init; }

    public Guid? LinkedReservationId { get; init; }

    public Guid? BusinessSegmentId { get; init; }

    public Guid? BillId { get; init; }

    public string? Notes { get; init; }

    public DateTimeOffset ConsumptionUtc { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public IReadOnlyList<OrderItem> Items { get; init; } = [];

    /// <summary>Posted by reservations/addProduct: the reservation is the service order of its items.</summary>
    public bool IsReservationProduct { get; init; }

    public long Sequence { get; init; }
}

/// <summary>One posted line (orderItems in Mews).</summary>
public sealed record OrderItem
{
    public Guid Id { get; init; }

    /// <summary><c>ProductOrder</c> or <c>CustomItem</c>.</summary>
    public required string Type { get; init; }

    public Guid? ProductId { get; init; }

    public string? Name { get; init; }

    public int UnitCount { get; init; }

    public required Amount UnitAmount { get; init; }

    public Guid? AccountingCategoryId { get; init; }

    public string? ExternalIdentifier { get; init; }

    public DateTimeOffset ConsumptionUtc { get; init; }

    /// <summary>Set by orderItems/cancel: the line stays, its AccountingState becomes Canceled.</summary>
    public DateTimeOffset? CanceledUtc { get; init; }
}
/// <summary>An order item in the <c>orderItems/getAll</c> wire shape.</summary>
public sealed record OrderItemView : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid EnterpriseId { get; init; }

    public Guid AccountId { get; init; }

    public string AccountType { get; init; } = "Customer";

    public Guid ServiceId { get; init; }

    public Guid ServiceOrderId { get; init; }

    public string? Notes { get; init; }

    public Guid? BillId { get; init; }

    public Guid? AccountingCategoryId { get; init; }

    public string? BillingName { get; init; }

    public string? ExternalIdentifier { get; init; }

    public int UnitCount { get; init; }

    public required Amount UnitAmount { get; init; }

    public required Amount Amount { get; init; }

    public required Amount OriginalAmount { get; init; }

    public string RevenueType { get; init; } = "Additional";

    public Guid CreatorProfileId { get; init; }

    public Guid UpdaterProfileId { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    public DateTimeOffset ConsumedUtc { get; init; }

    public DateTimeOffset? CanceledUtc { get; init; }

    public DateTimeOffset? ClosedUtc { get; init; }

    public DateTimeOffset? StartUtc { get; init; }

    public string AccountingState { get; init; } = "Open";

    public required string Type { get; init; }

    public object Options { get; init; } = new { CanceledWithReservation = false };

    public object? Data { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }

    internal static OrderItemView From(Order order, OrderItem item, int index)
    {
        var amount = item.UnitAmount with
        {
            NetValue = item.UnitAmount.NetValue * item.UnitCount,
            GrossValue = item.UnitAmount.GrossValue * item.UnitCount,
            TaxValues = item.UnitAmount.TaxValues.Select(t => t with { Value = t.Value * item.UnitCount }).ToList(),
            Breakdown = new AmountBreakdown { Items = item.UnitAmount.Breakdown.Items.Select(b => b with { NetValue = b.NetValue * item.UnitCount, TaxValue = b.TaxValue * item.UnitCount }).ToList() },
        };
        return new OrderItemView
        {
            Id = item.Id,
            EnterpriseId = order.EnterpriseId,
            AccountId = order.AccountId,
            ServiceId = order.ServiceId,
            ServiceOrderId = order.IsReservationProduct && order.LinkedReservationId is { } reservationId ? reservationId : order.Id,
            Notes = order.Notes,
            BillId = order.BillId,
            AccountingCategoryId = item.AccountingCategoryId,
            BillingName = item.Name,
            ExternalIdentifier = item.ExternalIdentifier,
            UnitCount = item.UnitCount,
            UnitAmount = item.UnitAmount,
            Amount = amount,
            OriginalAmount = amount,
            RevenueType = order.IsReservationProduct ? "Product" : "Additional",
            CreatorProfileId = DemoIds.Derive("profile/connector"),
            UpdaterProfileId = DemoIds.Derive("profile/connector"),
            CreatedUtc = order.CreatedUtc,
            UpdatedUtc = item.CanceledUtc ?? order.CreatedUtc,
            ConsumedUtc = item.ConsumptionUtc,
            CanceledUtc = item.CanceledUtc,
            StartUtc = item.ConsumptionUtc,
            AccountingState = item.CanceledUtc is null ? "Open" : "Canceled",
            Type = item.Type,
            Data = item.ProductId is { } productId
                ? new { Discriminator = "Product", Rebate = (object?)null, Product = new { ProductId = productId, AgeCategoryId = (Guid?)null, ProductType = "Product" } }
                : null,
            Sequence = SimulatorStore.OrderItemSequence(order, index),
        };
    }
}
/// <summary>A room's category (<c>resourceCategoryAssignments/getAll</c>, §2.6): one per resource, derived from <see cref="Resource.CategoryId"/>.</summary>
public sealed record ResourceCategoryAssignment : IStoreEntity
{
    public Guid Id { get; init; }

    public bool IsActive { get; init; } = true;

    public Guid ResourceId { get; init; }

    public Guid CategoryId { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    [JsonIgnore]
    public Guid EnterpriseId { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}
/// <summary>
/// A reservation's source (<c>sourceAssignments/getAll/2024-09-20</c>, §2.19): which <see cref="Source"/> (booking
/// channel) the reservation came through. The seed gives every reservation one primary assignment.
/// </summary>
public sealed record SourceAssignment : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid ReservationId { get; init; }

    public Guid SourceId { get; init; }

    public bool IsPrimary { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    [JsonIgnore]
    public Guid EnterpriseId { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}
/// <summary>
/// An exchange rate of an enterprise (<c>exchangeRates/getAll</c>): 1 <see cref="SourceCurrency"/> = <see cref="Value"/>
/// <see cref="TargetCurrency"/>. The docs list one rate per direction ("among currencies of the Enterprise").
/// </summary>
public sealed record ExchangeRate : IStoreEntity
{
    public Guid Id { get; init; }

    public Guid EnterpriseId { get; init; }

    public required string SourceCurrency { get; init; }

    public required string TargetCurrency { get; init; }

    public decimal Value { get; init; }

    [JsonIgnore]
    public long Sequence { get; init; }
}
#pragma warning restore CA1056, CA1002, CA2227
