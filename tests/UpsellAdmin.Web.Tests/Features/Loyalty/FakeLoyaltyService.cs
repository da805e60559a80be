using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Features.Loyalty;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Loyalty;

/// <summary>An in-memory <see cref="ILoyaltyService"/> for the page tests: the demo chain's programs, tiers and
/// John Smith; <see cref="NextWrite"/> makes the next write answer something else (e.g. a Mews 403).</summary>
public sealed class FakeLoyaltyService : ILoyaltyService
{
    public const string Chain = "8ddea57b-6a5c-4eec-8c4c-24467dce118e";
    public const string PlatinumClub = "f701dafb-5765-4cf4-b1dd-1f602a740ae5";
    public const string PlatinumTier = "69eedfd2-6f25-42fc-b3c8-39df70f85e37";

    public LoyaltyChainChoice Chains { get; set; } = new([new LoyaltyChain(Chain, "Connector API Chain")], false);

    public List<LoyaltyProgramRow> Programs { get; } =
    [
        new(PlatinumClub, Chain, "Platinum Club", "PC01", LoyaltyProgramType.Hotel, LoyaltySubscription.Paid),
        new("da34b396-41f7-47f6-8847-aecf00a3f19e", Chain, "Gold Exclusive Club", "GEC07", LoyaltyProgramType.SoftBrand, LoyaltySubscription.Free),
    ];

    public List<LoyaltyTierRow> Tiers { get; } =
    [
        new(PlatinumTier, PlatinumClub, "Platinum", "P1", 1),
        new("3cad97ef-5257-4ced-8599-8e6bbd33331f", PlatinumClub, "Silver", "S1", 2),
    ];

    public static readonly LoyaltyCustomerRow John = new("fadd5bb6-b428-45d5-94f8-fd0d89fece6d", "John Smith", "j.smith@example.com", "1");

    public List<LoyaltyMembershipRow> Memberships { get; } =
    [
        new("905a4489-0960-4ac9-96ec-793f47365c92", John.Id, John.Name, John.Email, PlatinumClub, "Platinum Club", PlatinumTier, "Platinum",
            LoyaltyMembershipState.Enrolled, false, "MBR-2025-AX49ZT73", "PRV-MBR-9842XKLT", 22, new DateTimeOffset(2029, 11, 22, 0, 0, 0, TimeSpan.Zero), "https://rewards.example.com/member/1"),
    ];

    /// <summary>When set, the next write returns this instead of succeeding.</summary>
    public LoyaltyWriteResult? NextWrite { get; set; }

    public List<string> Calls { get; } = [];

    public List<LoyaltyProgramForm> AddedPrograms { get; } = [];

    public LoyaltyMembershipQuery? LastQuery { get; private set; }

    public static LoyaltyWriteResult Mews403(string message) =>
        new(LoyaltyWriteStatus.Rejected, message, [], [], 403, "req-403");

    public Task<LoyaltyChainChoice> GetChainsAsync(CancellationToken ct = default) => Task.FromResult(Chains);

    public Task<IReadOnlyList<LoyaltyProgramRow>> GetProgramsAsync(string chainId, LoyaltyProgramQuery? query = null, CancellationToken ct = default)
    {
        Calls.Add($"GetPrograms {chainId}");
        IReadOnlyList<LoyaltyProgramRow> rows = Programs.Where(p => query?.Codes is not { Count: > 0 } codes || codes.Contains(p.Code, StringComparer.OrdinalIgnoreCase)).ToList();
        return Task.FromResult(rows);
    }

    public Task<LoyaltyWriteResult> AddProgramsAsync(string chainId, IReadOnlyList<LoyaltyProgramForm> programs, CancellationToken ct = default)
    {
        Calls.Add($"AddPrograms {programs.Count}");
        if (Take() is { } planned)
        {
            return Task.FromResult(planned);
        }
        AddedPrograms.AddRange(programs);
        Programs.AddRange(programs.Select(p => new LoyaltyProgramRow(Guid.NewGuid().ToString(), chainId, p.Name, p.Code, p.Type, p.Subscription)));
        return Task.FromResult(LoyaltyWriteResult.Done($"Added {programs.Count} loyalty programs."));
    }

    public Task<LoyaltyWriteResult> UpdateProgramAsync(string chainId, LoyaltyProgramForm program, CancellationToken ct = default) =>
        Write($"UpdateProgram {program.Id}", $"Saved loyalty program {program.Name}.");

    public Task<LoyaltyWriteResult> DeleteProgramsAsync(string chainId, IReadOnlyList<string> programIds, CancellationToken ct = default) =>
        Write($"DeletePrograms {string.Join(",", programIds)}", $"Deleted {programIds.Count} loyalty programs.");

    public Task<IReadOnlyList<LoyaltyTierRow>> GetTiersAsync(string chainId, string programId, CancellationToken ct = default)
    {
        IReadOnlyList<LoyaltyTierRow> rows = Tiers.Where(t => t.ProgramId == programId).OrderBy(t => t.Ordering).ToList();
        return Task.FromResult(rows);
    }

    public Task<LoyaltyWriteResult> AddTiersAsync(string chainId, IReadOnlyList<LoyaltyTierForm> tiers, CancellationToken ct = default) =>
        Write($"AddTiers {tiers.Count}", $"Added {tiers.Count} loyalty tiers.");

    public Task<LoyaltyWriteResult> UpdateTierAsync(string chainId, LoyaltyTierForm tier, CancellationToken ct = default) =>
        Write($"UpdateTier {tier.Id}", $"Saved loyalty tier {tier.Name}.");

    public Task<LoyaltyWriteResult> DeleteTiersAsync(string chainId, string programId, IReadOnlyList<string> tierIds, CancellationToken ct = default) =>
        Write($"DeleteTiers {tierIds.Count}", $"Deleted {tierIds.Count} loyalty tiers.");

    public Task<IReadOnlyList<LoyaltyCustomerRow>> FindCustomersAsync(string chainId, string text, CancellationToken ct = default)
    {
        IReadOnlyList<LoyaltyCustomerRow> found = text.Trim() is "John Smith" or "Smith" or "j.smith@example.com" ? [John] : [];
        return Task.FromResult(found);
    }

    public Task<LoyaltyMembershipSearch> FindMembershipsAsync(string chainId, LoyaltyMembershipQuery query, CancellationToken ct = default)
    {
        LastQuery = query;
        var rows = Memberships.Where(m => (query.ProgramId is null || m.ProgramId == query.ProgramId)
            && (string.IsNullOrWhiteSpace(query.Customer) || m.CustomerName.Contains(query.Customer.Trim(), StringComparison.OrdinalIgnoreCase))).ToList();
        return Task.FromResult(new LoyaltyMembershipSearch(rows, false));
    }

    public Task<LoyaltyWriteResult> AddMembershipAsync(string chainId, LoyaltyMembershipForm membership, CancellationToken ct = default) =>
        Write($"AddMembership {membership.Customer?.Id} {membership.ProgramId}", $"Enrolled {membership.Customer?.Name}.");

    public Task<LoyaltyWriteResult> UpdateMembershipAsync(string chainId, LoyaltyMembershipForm membership, CancellationToken ct = default) =>
        Write($"UpdateMembership {membership.Id}", "Saved the membership.");

    public Task<LoyaltyWriteResult> DeleteMembershipsAsync(string chainId, IReadOnlyList<string> membershipIds, CancellationToken ct = default) =>
        Write($"DeleteMemberships {membershipIds.Count}", $"Deleted {membershipIds.Count} memberships.");

    private Task<LoyaltyWriteResult> Write(string call, string done)
    {
        Calls.Add(call);
        return Task.FromResult(Take() ?? LoyaltyWriteResult.Done(done));
    }

    private LoyaltyWriteResult? Take()
    {
        var planned = NextWrite;
        NextWrite = null;
        return planned;
    }

    /// <summary>Reads that fail as Mews would.</summary>
    public static MewsApiException Unreachable() => new("loyaltyPrograms/getAll", System.Net.HttpStatusCode.ServiceUnavailable, "Service unavailable", "req-1");
}
