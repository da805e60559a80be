namespace UpsellAdmin.Connector.Models;

// ---- reservations/getAll/2023-06-06 ----

/// <summary>
/// Filters of reservations/getAll/2023-06-06 (each interval ≤ 3 months). Mews has no RateIds or BusinessSegmentIds
/// filter: filter those on the client.
/// </summary>
public sealed record ReservationFilter : PagedRequest
{
    public IReadOnlyList<string>? EnterpriseIds { get; init; }
    public IReadOnlyList<string>? ReservationIds { get; init; }
    public IReadOnlyList<string>? ServiceIds { get; init; }
    public IReadOnlyList<string>? ReservationGroupIds { get; init; }
    public IReadOnlyList<string>? AccountIds { get; init; }
    public IReadOnlyList<string>? PartnerCompanyIds { get; init; }
    public IReadOnlyList<string>? TravelAgencyIds { get; init; }
    public IReadOnlyList<string>? Numbers { get; init; }
    public IReadOnlyList<string>? ChannelNumbers { get; init; }
    public IReadOnlyList<string>? AssignedResourceIds { get; init; }
    public IReadOnlyList<string>? AvailabilityBlockIds { get; init; }
    public TimeInterval? CreatedUtc { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
    public TimeInterval? CollidingUtc { get; init; }
    public TimeInterval? ScheduledStartUtc { get; init; }
    public TimeInterval? ActualStartUtc { get; init; }
    public TimeInterval? ScheduledEndUtc { get; init; }
    public TimeInterval? ActualEndUtc { get; init; }
    public IReadOnlyList<ReservationState>? States { get; init; }
}

public sealed record ReservationsResult : IPagedResult<Reservation>
{
    public IReadOnlyList<Reservation>? Reservations { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<Reservation>? IPagedResult<Reservation>.Items => Reservations;
}

/// <summary>A reservation in the 2023-06-06 read model.</summary>
public sealed record Reservation
{
    public string Id { get; init; } = "";
    public string? ServiceId { get; init; }
    /// <summary>Owner / main guest (customer or company).</summary>
    public string? AccountId { get; init; }
    public AccountType? AccountType { get; init; }
    public string? CreatorProfileId { get; init; }
    public string? UpdaterProfileId { get; init; }
    public string? BookerId { get; init; }
    /// <summary>Confirmation number.</summary>
    public string? Number { get; init; }
    public ReservationState? State { get; init; }
    public ReservationOrigin? Origin { get; init; }
    public CommanderOrigin? CommanderOrigin { get; init; }
    public string? OriginDetails { get; init; }
    public DateTimeOffset? CreatedUtc { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
    public DateTimeOffset? CancelledUtc { get; init; }
    public string? VoucherId { get; init; }
    public string? BusinessSegmentId { get; init; }
    public ReservationOptions? Options { get; init; }
    public string? RateId { get; init; }
    public string? CreditCardId { get; init; }
    public string? GroupId { get; init; }
    /// <summary>The requested room type (called <c>RequestedCategoryId</c> in reservations/update).</summary>
    public string? RequestedResourceCategoryId { get; init; }
    public string? AssignedResourceId { get; init; }
    public string? AvailabilityBlockId { get; init; }
    public string? PartnerCompanyId { get; init; }
    public string? TravelAgencyId { get; init; }
    public bool? AssignedResourceLocked { get; init; }
    public string? ChannelNumber { get; init; }
    public string? ChannelManagerNumber { get; init; }
    public CancellationReason? CancellationReason { get; init; }
    public DateTimeOffset? ReleasedUtc { get; init; }
    /// <summary>Deprecated; use the Scheduled/Actual fields.</summary>
    public DateTimeOffset? StartUtc { get; init; }
    /// <summary>Deprecated; use the Scheduled/Actual fields.</summary>
    public DateTimeOffset? EndUtc { get; init; }
    public DateTimeOffset? ScheduledStartUtc { get; init; }
    public DateTimeOffset? ActualStartUtc { get; init; }
    public DateTimeOffset? ScheduledEndUtc { get; init; }
    public DateTimeOffset? ActualEndUtc { get; init; }
    public ReservationPurpose? Purpose { get; init; }
    public string? QrCodeData { get; init; }
    public IReadOnlyList<PersonCount>? PersonCounts { get; init; }
}

public sealed record ReservationOptions
{
    public bool? OwnerCheckedIn { get; init; }
    public bool? AllCompanionsCheckedIn { get; init; }
    public bool? AnyCompanionCheckedIn { get; init; }
    public bool? ConnectorCheckIn { get; init; }
}

/// <summary>The legacy 2017-04-12 reservation shape, returned by reservations/update and customers/search.</summary>
public sealed record ReservationLegacy
{
    public string Id { get; init; } = "";
    public string? ServiceId { get; init; }
    public string? GroupId { get; init; }
    public string? Number { get; init; }
    public string? ChannelNumber { get; init; }
    public string? ChannelManagerNumber { get; init; }
    public string? ChannelManagerGroupNumber { get; init; }
    public string? ChannelManager { get; init; }
    public ReservationState? State { get; init; }
    public ReservationOrigin? Origin { get; init; }
    public string? OriginDetails { get; init; }
    public ReservationPurpose? Purpose { get; init; }
    public DateTimeOffset? CreatedUtc { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
    public DateTimeOffset? CancelledUtc { get; init; }
    public DateTimeOffset? StartUtc { get; init; }
    public DateTimeOffset? EndUtc { get; init; }
    public DateTimeOffset? ReleasedUtc { get; init; }
    public string? RequestedCategoryId { get; init; }
    public string? AssignedSpaceId { get; init; }
    public bool? AssignedSpaceLocked { get; init; }
    public string? AssignedResourceId { get; init; }
    public bool? AssignedResourceLocked { get; init; }
    public string? BusinessSegmentId { get; init; }
    public string? CompanyId { get; init; }
    public string? TravelAgencyId { get; init; }
    public string? AvailabilityBlockId { get; init; }
    public string? RateId { get; init; }
    public string? VoucherId { get; init; }
    public string? CreditCardId { get; init; }
    public CancellationReason? CancellationReason { get; init; }
    public int? AdultCount { get; init; }
    public int? ChildCount { get; init; }
    public IReadOnlyList<PersonCount>? PersonCounts { get; init; }
    public string? OwnerId { get; init; }
    public string? CustomerId { get; init; }
    public string? BookerId { get; init; }
    public IReadOnlyList<string>? CompanionIds { get; init; }
    public string? ChannelManagerId { get; init; }
    public ReservationOptions? Options { get; init; }
}

// ---- reservations/addProduct ----

public sealed record ReservationProductAddition
{
    public required string ReservationId { get; init; }
    public required string ProductId { get; init; }
    /// <summary>Per charging unit: for a per-night product, 2 means two every night.</summary>
    public required int Count { get; init; }
    /// <summary>Overrides the Mews price.</summary>
    public AmountParameters? UnitAmount { get; init; }
    /// <summary>For charging Once / PerPerson both must be equal.</summary>
    public DateTimeOffset? StartUtc { get; init; }
    public DateTimeOffset? EndUtc { get; init; }
}

public sealed record ReservationProductAddResult
{
    public IReadOnlyList<string>? ItemIds { get; init; }
}

// ---- reservations/update ----

public sealed record ReservationsUpdate
{
    /// <summary>Required with portfolio tokens; the gateway fills it from the options when null.</summary>
    public string? EnterpriseId { get; init; }
    public required IReadOnlyList<ReservationUpdate> ReservationUpdates { get; init; }
    /// <summary>Omitted = reprice to the current price; false keeps the price (a free upgrade).</summary>
    public bool? Reprice { get; init; }
    public bool? ApplyCancellationFee { get; init; }
    /// <summary>Required by Mews when the price changes.</summary>
    public string? Reason { get; init; }
}

/// <summary>One reservation's partial update; leave a wrapper null to keep the current value.</summary>
public sealed record ReservationUpdate
{
    public required string ReservationId { get; init; }
    public UpdateValue<string?>? ChannelNumber { get; init; }
    public UpdateValue<DateTimeOffset?>? StartUtc { get; init; }
    public UpdateValue<DateTimeOffset?>? EndUtc { get; init; }
    public UpdateValue<DateTimeOffset?>? ReleasedUtc { get; init; }
    public UpdateValue<IReadOnlyList<PersonCount>>? PersonCounts { get; init; }
    public UpdateValue<string?>? AssignedResourceId { get; init; }
    /// <summary>The room upgrade: the new requested room type.</summary>
    public UpdateValue<string?>? RequestedCategoryId { get; init; }
    public UpdateValue<string?>? TravelAgencyId { get; init; }
    public UpdateValue<string?>? CompanyId { get; init; }
    public UpdateValue<string?>? BusinessSegmentId { get; init; }
    public UpdateValue<ReservationPurpose?>? Purpose { get; init; }
    public UpdateValue<string?>? RateId { get; init; }
    public UpdateValue<string?>? CreditCardId { get; init; }
    public UpdateValue<string?>? BookerId { get; init; }
    public UpdateValue<string?>? AvailabilityBlockId { get; init; }
    public UpdateValue<IReadOnlyList<TimeUnitPrice>>? TimeUnitPrices { get; init; }
    public UpdateValue<bool>? AssignedResourceLocked { get; init; }
    public ReservationUpdateOptions? Options { get; init; }
}

public sealed record TimeUnitPrice
{
    /// <summary>0 = first night.</summary>
    public int Index { get; init; }
    public required AmountParameters Amount { get; init; }
}

public sealed record ReservationUpdateOptions
{
    public UpdateValue<bool>? OwnerCheckedIn { get; init; }
}

/// <summary>reservations/update answers in the legacy shape; the other collections are usually null and not modelled.</summary>
public sealed record ReservationsUpdateResult
{
    public IReadOnlyList<ReservationLegacy>? Reservations { get; init; }
}
