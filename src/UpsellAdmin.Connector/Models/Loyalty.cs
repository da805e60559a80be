namespace UpsellAdmin.Connector.Models;

// Loyalty lives at chain level (a single property is a chain of one). ChainId(s) are required only with portfolio
// tokens; the gateway fills them from ConnectorOptions.ChainId when set and the request leaves them null.

// ---- programs ----

public sealed record LoyaltyProgramFilter : PagedRequest
{
    public IReadOnlyList<string>? ChainIds { get; init; }
    public TimeInterval? CreatedUtc { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
    public IReadOnlyList<string>? LoyaltyProgramIds { get; init; }
    public IReadOnlyList<ActivityState>? ActivityStates { get; init; }
    public IReadOnlyList<string>? Codes { get; init; }
}

public sealed record LoyaltyProgramsResult : IPagedResult<LoyaltyProgram>
{
    public IReadOnlyList<LoyaltyProgram>? LoyaltyPrograms { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<LoyaltyProgram>? IPagedResult<LoyaltyProgram>.Items => LoyaltyPrograms;
}

/// <summary>A membership scheme (Opera "membership type").</summary>
public sealed record LoyaltyProgram
{
    public string Id { get; init; } = "";
    public string? ChainId { get; init; }
    public string? Name { get; init; }
    public string? Code { get; init; }
    public LoyaltyProgramType? Type { get; init; }
    public LoyaltySubscription? Subscription { get; init; }
}

public sealed record LoyaltyProgramAddition
{
    /// <summary>≤ 100 characters.</summary>
    public required string Name { get; init; }
    /// <summary>≤ 50 characters; cannot be changed later.</summary>
    public required string Code { get; init; }
    public required LoyaltyProgramType Type { get; init; }
    public required LoyaltySubscription Subscription { get; init; }
}

public sealed record AddLoyaltyProgramsRequest
{
    public string? ChainId { get; init; }
    public required IReadOnlyList<LoyaltyProgramAddition> LoyaltyPrograms { get; init; }
}

public sealed record LoyaltyProgramUpdate
{
    public required string LoyaltyProgramId { get; init; }
    public UpdateValue<string>? Name { get; init; }
    public UpdateValue<LoyaltyProgramType>? Type { get; init; }
    public UpdateValue<LoyaltySubscription>? Subscription { get; init; }
}

public sealed record UpdateLoyaltyProgramsRequest
{
    public string? ChainId { get; init; }
    public required IReadOnlyList<LoyaltyProgramUpdate> LoyaltyProgramUpdates { get; init; }
}

public sealed record DeleteLoyaltyProgramsRequest
{
    public required IReadOnlyList<string> LoyaltyProgramIds { get; init; }
}

// ---- tiers ----

public sealed record LoyaltyTierFilter : PagedRequest
{
    public IReadOnlyList<string>? ChainIds { get; init; }
    /// <summary>Required by Mews.</summary>
    public required IReadOnlyList<string> LoyaltyProgramIds { get; init; }
    public IReadOnlyList<string>? LoyaltyTierIds { get; init; }
    public IReadOnlyList<ActivityState>? ActivityStates { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
}

public sealed record LoyaltyTiersResult : IPagedResult<LoyaltyTier>
{
    public IReadOnlyList<LoyaltyTier>? LoyaltyTiers { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<LoyaltyTier>? IPagedResult<LoyaltyTier>.Items => LoyaltyTiers;
}

/// <summary>A level inside a program (Opera "membership level").</summary>
public sealed record LoyaltyTier
{
    public string Id { get; init; } = "";
    public string? LoyaltyProgramId { get; init; }
    public string? Name { get; init; }
    public string? Code { get; init; }
    public int? Ordering { get; init; }
}

public sealed record LoyaltyTierAddition
{
    public required string LoyaltyProgramId { get; init; }
    public required string Name { get; init; }
    public required string Code { get; init; }
    public required int Ordering { get; init; }
}

public sealed record AddLoyaltyTiersRequest
{
    public string? ChainId { get; init; }
    public required IReadOnlyList<LoyaltyTierAddition> LoyaltyTiers { get; init; }
}

public sealed record LoyaltyTierUpdate
{
    public required string LoyaltyTierId { get; init; }
    public UpdateValue<string>? Name { get; init; }
    public UpdateValue<string>? Code { get; init; }
    public UpdateValue<int>? Ordering { get; init; }
}

public sealed record UpdateLoyaltyTiersRequest
{
    public required IReadOnlyList<LoyaltyTierUpdate> LoyaltyTierUpdates { get; init; }
}

public sealed record DeleteLoyaltyTiersRequest
{
    public required IReadOnlyList<string> LoyaltyTierIds { get; init; }
}

// ---- memberships ----

public sealed record LoyaltyMembershipFilter : PagedRequest
{
    public IReadOnlyList<string>? ChainIds { get; init; }
    public TimeInterval? CreatedUtc { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
    public IReadOnlyList<string>? LoyaltyMembershipIds { get; init; }
    /// <summary>Customer (or company) ids.</summary>
    public IReadOnlyList<string>? AccountIds { get; init; }
    public IReadOnlyList<string>? LoyaltyProgramIds { get; init; }
    public IReadOnlyList<LoyaltyMembershipState>? MembershipStates { get; init; }
    public IReadOnlyList<ActivityState>? ActivityStates { get; init; }
    public IReadOnlyList<string>? MembershipNumbers { get; init; }
    public IReadOnlyList<string>? ProviderMembershipIds { get; init; }
}

public sealed record LoyaltyMembershipsResult : IPagedResult<LoyaltyMembership>
{
    public IReadOnlyList<LoyaltyMembership>? LoyaltyMemberships { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<LoyaltyMembership>? IPagedResult<LoyaltyMembership>.Items => LoyaltyMemberships;
}

public sealed record LoyaltyMembership
{
    public string Id { get; init; } = "";
    public string? ChainId { get; init; }
    public string? AccountId { get; init; }
    public string? LoyaltyProgramId { get; init; }
    public LoyaltyMembershipState? State { get; init; }
    public bool IsPrimary { get; init; }
    public string? ProviderMembershipId { get; init; }
    public string? MembershipNumber { get; init; }
    public int? Points { get; init; }
    public DateTimeOffset? ExpirationDate { get; init; }
    public string? Url { get; init; }
    public string? LoyaltyTierId { get; init; }
    public ProfileData? CreatorProfile { get; init; }
    public ProfileData? UpdaterProfile { get; init; }
    /// <summary>Deprecated; use <see cref="MembershipNumber"/>.</summary>
    public string? Code { get; init; }
}

public sealed record ProfileData
{
    public ProfileDiscriminator Discriminator { get; init; }
    public EnterpriseProfile? EnterpriseProfile { get; init; }
}

public sealed record EnterpriseProfile
{
    public string? ProfileId { get; init; }
}

public sealed record LoyaltyMembershipAddition
{
    public required string AccountId { get; init; }
    public required string LoyaltyProgramId { get; init; }
    public required bool IsPrimary { get; init; }
    /// <summary>Default Enrolled.</summary>
    public LoyaltyMembershipState? State { get; init; }
    public string? MembershipNumber { get; init; }
    public int? Points { get; init; }
    public DateTimeOffset? ExpirationDate { get; init; }
    public string? Url { get; init; }
    public string? LoyaltyTierId { get; init; }
}

public sealed record AddLoyaltyMembershipsRequest
{
    public string? ChainId { get; init; }
    public required IReadOnlyList<LoyaltyMembershipAddition> LoyaltyMemberships { get; init; }
}

public sealed record LoyaltyMembershipUpdate
{
    public required string LoyaltyMembershipId { get; init; }
    public UpdateValue<string>? LoyaltyProgramId { get; init; }
    public UpdateValue<LoyaltyMembershipState>? State { get; init; }
    public UpdateValue<bool>? IsPrimary { get; init; }
    public UpdateValue<string?>? MembershipNumber { get; init; }
    public UpdateValue<string?>? ProviderMembershipId { get; init; }
    public UpdateValue<int?>? Points { get; init; }
    public UpdateValue<DateTimeOffset?>? ExpirationDate { get; init; }
    public UpdateValue<string?>? Url { get; init; }
    public UpdateValue<string?>? LoyaltyTierId { get; init; }
}

public sealed record UpdateLoyaltyMembershipsRequest
{
    public string? ChainId { get; init; }
    public required IReadOnlyList<LoyaltyMembershipUpdate> LoyaltyMembershipUpdates { get; init; }
}

public sealed record DeleteLoyaltyMembershipsRequest
{
    public string? ChainId { get; init; }
    public required IReadOnlyList<string> LoyaltyMembershipIds { get; init; }
}
