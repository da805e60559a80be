namespace UpsellAdmin.Web.Features.Loyalty;

/// <summary>The memberships found and whether the list was cut at <see cref="LoyaltyService.MaxMembershipRows"/>.</summary>
public sealed record LoyaltyMembershipSearch(IReadOnlyList<LoyaltyMembershipRow> Rows, bool Truncated, string? Note = null);

/// <summary>
/// Loyalty programs, tiers and memberships of a Mews chain, read and written through the Connector API (Mews is the
/// source of truth). Reads throw <see cref="UpsellAdmin.Connector.MewsApiException"/> when Mews cannot answer; writes
/// validate first (nothing is sent when a check fails) and return a <see cref="LoyaltyWriteResult"/>. After a
/// program or tier change the local membership types/levels of the chain's properties are refreshed.
/// </summary>
public interface ILoyaltyService
{
    /// <summary>The chains to choose from (one unless the AccessToken is a portfolio token).</summary>
    Task<LoyaltyChainChoice> GetChainsAsync(CancellationToken ct = default);

    Task<IReadOnlyList<LoyaltyProgramRow>> GetProgramsAsync(string chainId, LoyaltyProgramQuery? query = null, CancellationToken ct = default);

    Task<LoyaltyWriteResult> AddProgramsAsync(string chainId, IReadOnlyList<LoyaltyProgramForm> programs, CancellationToken ct = default);

    Task<LoyaltyWriteResult> UpdateProgramAsync(string chainId, LoyaltyProgramForm program, CancellationToken ct = default);

    Task<LoyaltyWriteResult> DeleteProgramsAsync(string chainId, IReadOnlyList<string> programIds, CancellationToken ct = default);

    /// <summary>A program's tiers, by Ordering then name.</summary>
    Task<IReadOnlyList<LoyaltyTierRow>> GetTiersAsync(string chainId, string programId, CancellationToken ct = default);

    Task<LoyaltyWriteResult> AddTiersAsync(string chainId, IReadOnlyList<LoyaltyTierForm> tiers, CancellationToken ct = default);

    Task<LoyaltyWriteResult> UpdateTierAsync(string chainId, LoyaltyTierForm tier, CancellationToken ct = default);

    Task<LoyaltyWriteResult> DeleteTiersAsync(string chainId, string programId, IReadOnlyList<string> tierIds, CancellationToken ct = default);

    /// <summary>Customers of the chain by e-mail, last name, or first and last name (Mews matches whole values).</summary>
    Task<IReadOnlyList<LoyaltyCustomerRow>> FindCustomersAsync(string chainId, string text, CancellationToken ct = default);

    Task<LoyaltyMembershipSearch> FindMembershipsAsync(string chainId, LoyaltyMembershipQuery query, CancellationToken ct = default);

    Task<LoyaltyWriteResult> AddMembershipAsync(string chainId, LoyaltyMembershipForm membership, CancellationToken ct = default);

    Task<LoyaltyWriteResult> UpdateMembershipAsync(string chainId, LoyaltyMembershipForm membership, CancellationToken ct = default);

    Task<LoyaltyWriteResult> DeleteMembershipsAsync(string chainId, IReadOnlyList<string> membershipIds, CancellationToken ct = default);
}
