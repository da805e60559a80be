using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.Loyalty;

/// <summary>
/// <see cref="ILoyaltyService"/> over the Mews gateway. Multi-item writes: §2.18 does not say that Mews applies a
/// list all-or-nothing, so when Mews refuses one, the service reads back what the list did anyway, undoes created
/// items where it can (adds), and reports per item what is in Mews now.
/// </summary>
public sealed partial class LoyaltyService(
    ILoyaltyGatewayFactory gateways,
    IDbContextFactory<AppDbContext> dbFactory,
    ICurrentUser currentUser,
    ILoyaltyReferenceRefresher refresher,
    IOptionsMonitor<ConnectorOptions> connectorOptions,
    LoyaltyValidation validation,
    ILogger<LoyaltyService> logger) : ILoyaltyService
{
    /// <summary>Memberships shown at most per search (Mews pages through thousands; narrow the search instead).</summary>
    public const int MaxMembershipRows = 500;

    /// <summary>Customers offered at most per look-up.</summary>
    public const int MaxCustomerRows = 50;

    private static readonly LoyaltyMembershipState[] ActiveStates = [LoyaltyMembershipState.New, LoyaltyMembershipState.Pending, LoyaltyMembershipState.Enrolled];

    // ---- chains ----

    public async Task<LoyaltyChainChoice> GetChainsAsync(CancellationToken ct = default)
    {
        var gateway = gateways.ForChain(null);
        var configured = connectorOptions.CurrentValue.ChainId;
        ConfigurationResult config;
        try
        {
            config = await gateway.GetConfigurationAsync(null, ct);
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            return new LoyaltyChainChoice([], false, $"Mews did not tell which chain this connection belongs to: {e.MewsMessage}");
        }

        var enterprise = config.Enterprise;
        if (enterprise is { IsPortfolio: not true, ChainId: { Length: > 0 } single })
        {
            return new LoyaltyChainChoice([new LoyaltyChain(single, enterprise.ChainName ?? single)], false);
        }

        // Portfolio token: one chain per enterprise this app knows (its properties), named by configuration/get.
        var chains = new List<LoyaltyChain>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var known = await db.Properties.AsNoTracking()
                .Where(p => p.IsActive && p.MewsEnterpriseId != null)
                .OrderBy(p => p.Code)
                .Select(p => new { p.MewsEnterpriseId, p.MewsChainId })
                .ToListAsync(ct);
            foreach (var group in known.GroupBy(p => p.MewsChainId))
            {
                var enterpriseId = group.First().MewsEnterpriseId!.Value.ToString();
                try
                {
                    var own = (await gateway.GetConfigurationAsync(enterpriseId, ct)).Enterprise;
                    if (own?.ChainId is { Length: > 0 } id && !chains.Any(c => SameId(c.Id, id)))
                    {
                        chains.Add(new LoyaltyChain(id, own.ChainName ?? id));
                    }
                }
                catch (MewsApiException e)
                {
                    LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
                    if (group.Key is { } chainGuid && !chains.Any(c => SameId(c.Id, chainGuid.ToString())))
                    {
                        chains.Add(new LoyaltyChain(chainGuid.ToString(), chainGuid.ToString()));
                    }
                }
            }
        }
        if (configured is { Length: > 0 } && !chains.Any(c => SameId(c.Id, configured)))
        {
            chains.Add(new LoyaltyChain(configured, configured));
        }
        chains = chains.OrderBy(c => configured is not null && SameId(c.Id, configured) ? 0 : 1).ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        return chains.Count > 0
            ? new LoyaltyChainChoice(chains, true)
            : new LoyaltyChainChoice([], true, "This is a portfolio connection and no chain is known yet: run Sync from Mews first, or set Connector:ChainId.");
    }

    // ---- programs ----

    public async Task<IReadOnlyList<LoyaltyProgramRow>> GetProgramsAsync(string chainId, LoyaltyProgramQuery? query = null, CancellationToken ct = default)
    {
        query ??= new LoyaltyProgramQuery();
        var filter = new LoyaltyProgramFilter
        {
            ChainIds = [chainId],
            Codes = query.Codes is { Count: > 0 } codes ? codes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList() : null,
            ActivityStates = query.IncludeDeleted ? [ActivityState.Active, ActivityState.Deleted] : [ActivityState.Active],
        };
        var gateway = gateways.ForChain(chainId);
        var rows = new List<LoyaltyProgramRow>();
        await foreach (var p in gateway.GetLoyaltyProgramsAsync(filter, ct))
        {
            rows.Add(ToRow(p, chainId));
        }
        if (query.IncludeDeleted && rows.Count > 0)
        {
            // A program carries no activity state: the deleted ones are those missing from the Active-only list.
            var active = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await foreach (var p in gateway.GetLoyaltyProgramsAsync(filter with { ActivityStates = [ActivityState.Active] }, ct))
            {
                active.Add(p.Id);
            }
            rows = rows.Select(r => active.Contains(r.Id) ? r : r with { IsDeleted = true }).ToList();
        }
        return rows.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
    }

    public Task<LoyaltyWriteResult> AddProgramsAsync(string chainId, IReadOnlyList<LoyaltyProgramForm> programs, CancellationToken ct = default) =>
        AddItemsAsync(chainId, Programs(chainId, ct), programs, ct);

    public Task<LoyaltyWriteResult> UpdateProgramAsync(string chainId, LoyaltyProgramForm program, CancellationToken ct = default) =>
        UpdateItemAsync(chainId, Programs(chainId, ct), program, ct);

    public Task<LoyaltyWriteResult> DeleteProgramsAsync(string chainId, IReadOnlyList<string> programIds, CancellationToken ct = default) =>
        DeleteItemsAsync(chainId, Programs(chainId, ct), programIds,
            () => GetProgramsAsync(chainId, null, ct),
            programs => programIds.Count(id => programs.All(p => !SameId(p.Id, id))),
            (gateway, programs) => ActiveMembershipsAsync(gateway, chainId, programs, ct),
            ct);

    /// <summary>
    /// Mews refuses to delete a program with active memberships; checking first keeps a list from stopping half-way.
    /// </summary>
    private static async Task<string?> ActiveMembershipsAsync(IMewsGateway gateway, string chainId, List<LoyaltyProgramRow> programs, CancellationToken ct)
    {
        var members = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        await foreach (var m in gateway.GetLoyaltyMembershipsAsync(new LoyaltyMembershipFilter
        {
            ChainIds = [chainId],
            LoyaltyProgramIds = programs.Select(p => p.Id).ToList(),
            MembershipStates = ActiveStates,
        }, ct))
        {
            members[m.LoyaltyProgramId ?? ""] = members.GetValueOrDefault(m.LoyaltyProgramId ?? "") + 1;
        }
        var busy = programs.Where(p => members.ContainsKey(p.Id)).ToList();
        if (busy.Count == 0)
        {
            return null;
        }
        var list = string.Join("; ", busy.Select(p => $"{p.Name} ({p.Code}) has {members[p.Id]} active membership{(members[p.Id] == 1 ? "" : "s")}"));
        return $"Nothing was deleted: {list}. Delete or cancel those memberships first.";
    }

    private LoyaltyWriter<LoyaltyProgramForm, LoyaltyProgramRow> Programs(string chainId, CancellationToken ct) => new()
    {
        Noun = "program",
        Owner = "chain",
        ValidateBatch = items => validation.Programs.ValidateAsync(new LoyaltyProgramBatch { Items = items }, ct),
        ValidateForm = form => validation.Program.ValidateAsync(form, ct),
        ReadOwners = async _ => (await GetProgramsAsync(chainId, null, ct)).ToList(),
        SameOwner = (_, _) => true,
        FindAdded = async forms => (await GetProgramsAsync(chainId, new LoyaltyProgramQuery(forms.Select(p => p.Code.Trim()).ToList()), ct)).ToList(),
        Add = async (gateway, forms) => (await gateway.AddLoyaltyProgramsAsync(
            forms.Select(p => new LoyaltyProgramAddition { Name = p.Name.Trim(), Code = p.Code.Trim(), Type = p.Type, Subscription = p.Subscription }).ToList(), ct)).Count,
        Update = (gateway, p) => gateway.UpdateLoyaltyProgramsAsync(
            [new LoyaltyProgramUpdate { LoyaltyProgramId = p.Id!, Name = new(p.Name.Trim()), Type = new(p.Type), Subscription = new(p.Subscription) }], ct),
        Delete = (gateway, ids) => gateway.DeleteLoyaltyProgramsAsync(ids, ct),
        LogAdded = LogProgramsAdded,
        LogUpdated = LogProgramUpdated,
        LogDeleted = LogProgramsDeleted,
    };

    // ---- tiers ----

    public async Task<IReadOnlyList<LoyaltyTierRow>> GetTiersAsync(string chainId, string programId, CancellationToken ct = default)
    {
        var rows = new List<LoyaltyTierRow>();
        await foreach (var t in gateways.ForChain(chainId).GetLoyaltyTiersAsync(new LoyaltyTierFilter { ChainIds = [chainId], LoyaltyProgramIds = [programId] }, ct))
        {
            rows.Add(new LoyaltyTierRow(t.Id, t.LoyaltyProgramId ?? programId, t.Name ?? "", t.Code ?? "", t.Ordering ?? 0));
        }
        return rows.OrderBy(r => r.Ordering).ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    public Task<LoyaltyWriteResult> AddTiersAsync(string chainId, IReadOnlyList<LoyaltyTierForm> tiers, CancellationToken ct = default) =>
        AddItemsAsync(chainId, Tiers(chainId, ct), tiers, ct);

    public Task<LoyaltyWriteResult> UpdateTierAsync(string chainId, LoyaltyTierForm tier, CancellationToken ct = default) =>
        UpdateItemAsync(chainId, Tiers(chainId, ct), tier, ct);

    public Task<LoyaltyWriteResult> DeleteTiersAsync(string chainId, string programId, IReadOnlyList<string> tierIds, CancellationToken ct = default) =>
        DeleteItemsAsync(chainId, Tiers(chainId, ct), tierIds,
            () => GetTiersAsync(chainId, programId, ct),
            tiers => tierIds.Count - tiers.Count,
            null,
            ct);

    private LoyaltyWriter<LoyaltyTierForm, LoyaltyTierRow> Tiers(string chainId, CancellationToken ct)
    {
        async Task<List<LoyaltyTierRow>> ReadPrograms(IReadOnlyList<LoyaltyTierForm> forms)
        {
            var rows = new List<LoyaltyTierRow>();
            foreach (var programId in forms.Select(t => t.ProgramId).Distinct())
            {
                rows.AddRange(await GetTiersAsync(chainId, programId, ct));
            }
            return rows;
        }

        return new()
        {
            Noun = "tier",
            Owner = "program",
            ValidateBatch = items => validation.Tiers.ValidateAsync(new LoyaltyTierBatch { Items = items }, ct),
            ValidateForm = form => validation.Tier.ValidateAsync(form, ct),
            ReadOwners = ReadPrograms,
            SameOwner = (form, row) => row.ProgramId == form.ProgramId,
            FindAdded = ReadPrograms,
            Add = async (gateway, forms) => (await gateway.AddLoyaltyTiersAsync(
                forms.Select(t => new LoyaltyTierAddition { LoyaltyProgramId = t.ProgramId, Name = t.Name.Trim(), Code = t.Code.Trim(), Ordering = t.Ordering }).ToList(), ct)).Count,
            Update = (gateway, t) => gateway.UpdateLoyaltyTiersAsync(
                [new LoyaltyTierUpdate { LoyaltyTierId = t.Id!, Name = new(t.Name.Trim()), Code = new(t.Code.Trim()), Ordering = new(t.Ordering) }], ct),
            Delete = (gateway, ids) => gateway.DeleteLoyaltyTiersAsync(ids, ct),
            UpdateChangesCode = true,
            OtherClash = (form, row) => row.Ordering == form.Ordering
                ? new FieldError(nameof(LoyaltyTierForm.Ordering), LoyaltyTierBatchValidator.OrderingTaken(form.Ordering, $"{row.Name} ({row.Code})"))
                : null,
            LogAdded = LogTiersAdded,
            LogUpdated = LogTierUpdated,
            LogDeleted = LogTiersDeleted,
        };
    }

    // ---- shared ----

    private async Task RefreshAsync(string chainId, CancellationToken ct)
    {
        try
        {
            await refresher.RefreshAsync(chainId, ct);
        }
        catch (MewsApiException e)
        {
            // Mews has the change; the local copy catches up with the next refresh or sync.
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
        }
    }

    /// <summary>Deletes what a failed add created anyway; true when nothing of it is left.</summary>
    private async Task<bool> UndoAsync(IReadOnlyList<string> createdIds, Func<IReadOnlyList<string>, Task> delete)
    {
        if (createdIds.Count == 0)
        {
            return true;
        }
        try
        {
            await delete(createdIds);
            LogUndone(createdIds.Count);
            return true;
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            return false;
        }
    }

    /// <summary>After a failed delete of a list: which of the items are gone from Mews and which are still there.</summary>
    private async Task<IReadOnlyList<LoyaltyItemOutcome>> DeletedOrNotAsync(IReadOnlyList<(string Id, string Label)> items, Func<IReadOnlyList<string>, Task<List<string>>> stillThere)
    {
        try
        {
            var left = (await stillThere(items.Select(i => i.Id).ToList())).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return items.Select(i => left.Contains(i.Id)
                ? new LoyaltyItemOutcome(i.Label, false, "not deleted")
                : new LoyaltyItemOutcome(i.Label, true, "deleted")).ToList();
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            return items.Select(i => new LoyaltyItemOutcome(i.Label, false, "unknown: Mews could not be asked afterwards; reload the list")).ToList();
        }
    }

    private static LoyaltyWriteResult Rejected(MewsApiException e, IReadOnlyList<LoyaltyItemOutcome> items) =>
        new(LoyaltyWriteStatus.Rejected, e.MewsMessage, [], items, e.StatusCode is { } s ? (int)s : null, e.RequestId);

    private static List<FieldError> Errors(ValidationResult result) =>
        result.Errors.Select(e => new FieldError(e.PropertyName ?? "", e.ErrorMessage)).ToList();

    private static LoyaltyProgramRow ToRow(LoyaltyProgram p, string chainId) =>
        new(p.Id, p.ChainId ?? chainId, p.Name ?? "", p.Code ?? "", p.Type, p.Subscription);

    private static string Label(string name, string code) => $"{name} ({code})";

    private static bool SameId(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mews {Operation} failed: {MewsMessage} (RequestId {RequestId})")]
    private partial void LogMewsFailed(string operation, string mewsMessage, string? requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Added {Count} loyalty programs to chain {ChainId}: {Codes}")]
    private partial void LogProgramsAdded(int count, string chainId, string codes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated loyalty program {ProgramId} of chain {ChainId}")]
    private partial void LogProgramUpdated(string programId, string chainId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} loyalty programs of chain {ChainId}: {Codes}")]
    private partial void LogProgramsDeleted(int count, string chainId, string codes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Added {Count} loyalty tiers to chain {ChainId}: {Codes}")]
    private partial void LogTiersAdded(int count, string chainId, string codes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated loyalty tier {TierId} of chain {ChainId}")]
    private partial void LogTierUpdated(string tierId, string chainId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} loyalty tiers of chain {ChainId}: {Codes}")]
    private partial void LogTiersDeleted(int count, string chainId, string codes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A failed loyalty write had created {Count} items anyway; they were removed again")]
    private partial void LogUndone(int count);
}
