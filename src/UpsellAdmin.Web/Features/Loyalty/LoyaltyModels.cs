using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.Loyalty;

// What the loyalty pages see: rows, form models and outcomes of the LoyaltyService. The Connector DTOs stay behind the
// service; the three enums are the documented Mews values and are shared as they are.

/// <summary>A Mews chain (loyalty lives at chain level; a single property is a chain of one).</summary>
public sealed record LoyaltyChain(string Id, string Name);

/// <summary>
/// The chains the user can work on. <see cref="IsPortfolio"/>: the AccessToken covers several enterprises, so the
/// user picks the chain and it is sent as ChainId on writes (§1.3); otherwise there is exactly one chain.
/// </summary>
public sealed record LoyaltyChainChoice(IReadOnlyList<LoyaltyChain> Chains, bool IsPortfolio, string? Error = null)
{
    public LoyaltyChain? Default => Chains.Count > 0 ? Chains[0] : null;
}

/// <summary>A program; <see cref="IsDeleted"/> only when deleted programs were asked for.</summary>
public sealed record LoyaltyProgramRow(string Id, string ChainId, string Name, string Code, LoyaltyProgramType? Type, LoyaltySubscription? Subscription, bool IsDeleted = false)
    : ILoyaltyItemRow;

public sealed record LoyaltyTierRow(string Id, string ProgramId, string Name, string Code, int Ordering) : ILoyaltyItemRow;

public sealed record LoyaltyCustomerRow(string Id, string Name, string? Email, string? Number)
{
    public string Label => Email is { Length: > 0 } ? $"{Name} ({Email})" : Name;

    public override string ToString() => Label;
}

public sealed record LoyaltyMembershipRow(
    string Id,
    string AccountId,
    string CustomerName,
    string? CustomerEmail,
    string ProgramId,
    string ProgramName,
    string? TierId,
    string? TierName,
    LoyaltyMembershipState? State,
    bool IsPrimary,
    string? MembershipNumber,
    string? ProviderMembershipId,
    int? Points,
    DateTimeOffset? ExpirationDate,
    string? Url);

/// <summary>Program filters Mews offers: codes and activity state (Deleted programs only when asked).</summary>
public sealed record LoyaltyProgramQuery(IReadOnlyList<string>? Codes = null, bool IncludeDeleted = false);

/// <summary>
/// Membership look-up: by customer (name or e-mail through customers/getAll), by program, by tier (Mews has no tier
/// filter: the program's memberships are read and narrowed here), by state.
/// </summary>
public sealed record LoyaltyMembershipQuery(
    string? Customer = null,
    string? AccountId = null,
    string? ProgramId = null,
    string? TierId = null,
    LoyaltyMembershipState? State = null);

public sealed class LoyaltyProgramForm : ILoyaltyItemForm
{
    /// <summary>Null for a new program.</summary>
    public string? Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Cannot be changed once created (Mews).</summary>
    public string Code { get; set; } = "";
    public LoyaltyProgramType Type { get; set; } = LoyaltyProgramType.Hotel;
    public LoyaltySubscription Subscription { get; set; } = LoyaltySubscription.Free;

    public static LoyaltyProgramForm From(LoyaltyProgramRow row) => new()
    {
        Id = row.Id,
        Name = row.Name,
        Code = row.Code,
        Type = row.Type ?? LoyaltyProgramType.Hotel,
        Subscription = row.Subscription ?? LoyaltySubscription.Free,
    };
}

public sealed class LoyaltyTierForm : ILoyaltyItemForm
{
    public string? Id { get; set; }
    public string ProgramId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Code { get; set; } = "";
    public int Ordering { get; set; } = 1;

    public static LoyaltyTierForm From(LoyaltyTierRow row) => new()
    {
        Id = row.Id,
        ProgramId = row.ProgramId,
        Name = row.Name,
        Code = row.Code,
        Ordering = row.Ordering,
    };
}

public sealed class LoyaltyMembershipForm
{
    public string? Id { get; set; }
    public LoyaltyCustomerRow? Customer { get; set; }
    public string ProgramId { get; set; } = "";
    public string? TierId { get; set; }
    public LoyaltyMembershipState State { get; set; } = LoyaltyMembershipState.Enrolled;
    public bool IsPrimary { get; set; }
    public int? Points { get; set; }
    /// <summary>The expiration day; sent as that day's UTC midnight.</summary>
    public DateTime? ExpirationDate { get; set; }
    public string? Url { get; set; }
    public string? MembershipNumber { get; set; }
    /// <summary>Mews accepts it on update only.</summary>
    public string? ProviderMembershipId { get; set; }

    public static LoyaltyMembershipForm From(LoyaltyMembershipRow row) => new()
    {
        Id = row.Id,
        Customer = new LoyaltyCustomerRow(row.AccountId, row.CustomerName, row.CustomerEmail, null),
        ProgramId = row.ProgramId,
        TierId = row.TierId,
        State = row.State is { } s && s != LoyaltyMembershipState.Unknown ? s : LoyaltyMembershipState.Enrolled,
        IsPrimary = row.IsPrimary,
        Points = row.Points,
        ExpirationDate = row.ExpirationDate?.UtcDateTime.Date,
        Url = row.Url,
        MembershipNumber = row.MembershipNumber,
        ProviderMembershipId = row.ProviderMembershipId,
    };
}

public enum LoyaltyWriteStatus
{
    /// <summary>Everything asked was done in Mews.</summary>
    Done,
    /// <summary>Our own checks failed; nothing was sent to Mews.</summary>
    Invalid,
    /// <summary>Mews refused (400/403 …); <see cref="LoyaltyWriteResult.Items"/> says what, if anything, was applied.</summary>
    Rejected,
    /// <summary>The user may not change loyalty (FrontDesk).</summary>
    Forbidden,
}

/// <summary>What happened to one item of a write: applied in Mews or not, and a note (e.g. "rolled back").</summary>
public sealed record LoyaltyItemOutcome(string Item, bool Applied, string? Note = null);

/// <summary>
/// The outcome of a write. <see cref="Message"/> is for the user (Mews' own message on a 400/403, as it came);
/// <see cref="Errors"/> are per field ("Items[1].Code", "IsPrimary", "" for the whole form); <see cref="Items"/> lists
/// each item of a multi-item write when it did not simply all succeed or all fail.
/// </summary>
public sealed record LoyaltyWriteResult(
    LoyaltyWriteStatus Status,
    string Message,
    IReadOnlyList<FieldError> Errors,
    IReadOnlyList<LoyaltyItemOutcome> Items,
    int? MewsStatusCode = null,
    string? RequestId = null)
{
    public bool Succeeded => Status == LoyaltyWriteStatus.Done;

    public static LoyaltyWriteResult Done(string message, IReadOnlyList<LoyaltyItemOutcome>? items = null) =>
        new(LoyaltyWriteStatus.Done, message, [], items ?? []);

    public static LoyaltyWriteResult Invalid(IReadOnlyList<FieldError> errors) =>
        new(LoyaltyWriteStatus.Invalid, errors.FirstOrDefault(e => e.Field.Length == 0)?.Message ?? "Correct the highlighted fields.", errors, []);

    public static LoyaltyWriteResult Forbidden() =>
        new(LoyaltyWriteStatus.Forbidden, "Only administrators and revenue managers can change loyalty programs, tiers and memberships.", [], []);
}
