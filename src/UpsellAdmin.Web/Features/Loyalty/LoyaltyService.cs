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

    public async Task<LoyaltyWriteResult> AddProgramsAsync(string chainId, IReadOnlyList<LoyaltyProgramForm> programs, CancellationToken ct = default)
    {
        if (!(await currentUser.GetAsync(ct)).CanEdit)
        {
            return LoyaltyWriteResult.Forbidden();
        }
        var batch = new LoyaltyProgramBatch { Items = programs.ToList() };
        var errors = Errors(await new LoyaltyProgramBatchValidator().ValidateAsync(batch, ct));
        if (errors.Count > 0)
        {
            return LoyaltyWriteResult.Invalid(errors);
        }
        var existing = await GetProgramsAsync(chainId, null, ct);
        for (var i = 0; i < batch.Items.Count; i++)
        {
            var code = batch.Items[i].Code.Trim();
            if (existing.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase)) is { } taken)
            {
                errors.Add(new FieldError($"Items[{i}].Code", $"The chain already has a program with code {taken.Code} ({taken.Name})."));
            }
        }
        if (errors.Count > 0)
        {
            return LoyaltyWriteResult.Invalid(errors);
        }

        var additions = batch.Items.Select(p => new LoyaltyProgramAddition
        {
            Name = p.Name.Trim(),
            Code = p.Code.Trim(),
            Type = p.Type,
            Subscription = p.Subscription,
        }).ToList();
        var gateway = gateways.ForChain(chainId);
        try
        {
            var added = await gateway.AddLoyaltyProgramsAsync(additions, ct);
            LogProgramsAdded(added.Count, chainId, string.Join(", ", additions.Select(a => a.Code)));
            await RefreshAsync(chainId, ct);
            return LoyaltyWriteResult.Done(additions.Count == 1 ? $"Added loyalty program {additions[0].Name}." : $"Added {additions.Count} loyalty programs.");
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            // Whatever the list created despite the failure is removed again, so nothing is half-applied.
            var created = new List<LoyaltyProgramRow>();
            try
            {
                var codes = additions.Select(a => a.Code).ToList();
                created = (await GetProgramsAsync(chainId, new LoyaltyProgramQuery(codes), ct))
                    .Where(p => existing.All(x => x.Id != p.Id)).ToList();
            }
            catch (MewsApiException lookup)
            {
                LogMewsFailed(lookup.Operation, lookup.MewsMessage, lookup.RequestId);
                return Rejected(e, additions.Select(a => new LoyaltyItemOutcome(Label(a.Name, a.Code), false, "unknown: Mews could not be asked afterwards; reload the list")).ToList());
            }
            var undone = await UndoAsync(created.Select(c => c.Id).ToList(), ids => gateway.DeleteLoyaltyProgramsAsync(ids, ct));
            if (created.Count > 0)
            {
                await RefreshAsync(chainId, ct);
            }
            return Rejected(e, additions.Select(a =>
            {
                var made = created.FirstOrDefault(c => string.Equals(c.Code, a.Code, StringComparison.OrdinalIgnoreCase));
                return made is null
                    ? new LoyaltyItemOutcome(Label(a.Name, a.Code), false, "not added")
                    : undone ? new LoyaltyItemOutcome(Label(a.Name, a.Code), false, "was added, then removed again because the list failed")
                    : new LoyaltyItemOutcome(Label(a.Name, a.Code), true, "added and still in Mews (removing it failed)");
            }).ToList());
        }
    }

    public async Task<LoyaltyWriteResult> UpdateProgramAsync(string chainId, LoyaltyProgramForm program, CancellationToken ct = default)
    {
        if (!(await currentUser.GetAsync(ct)).CanEdit)
        {
            return LoyaltyWriteResult.Forbidden();
        }
        var errors = Errors(await new LoyaltyProgramFormValidator().ValidateAsync(program, ct));
        if (program.Id is null)
        {
            errors.Add(new FieldError("", "Save a new program with Add, not Update."));
        }
        if (errors.Count > 0)
        {
            return LoyaltyWriteResult.Invalid(errors);
        }
        var update = new LoyaltyProgramUpdate
        {
            LoyaltyProgramId = program.Id!,
            Name = new UpdateValue<string>(program.Name.Trim()),
            Type = new UpdateValue<LoyaltyProgramType>(program.Type),
            Subscription = new UpdateValue<LoyaltySubscription>(program.Subscription),
        };
        try
        {
            await gateways.ForChain(chainId).UpdateLoyaltyProgramsAsync([update], ct);
            LogProgramUpdated(program.Id!, chainId);
            await RefreshAsync(chainId, ct);
            return LoyaltyWriteResult.Done($"Saved loyalty program {program.Name.Trim()}.");
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            return Rejected(e, []);
        }
    }

    public async Task<LoyaltyWriteResult> DeleteProgramsAsync(string chainId, IReadOnlyList<string> programIds, CancellationToken ct = default)
    {
        if (!(await currentUser.GetAsync(ct)).CanEdit)
        {
            return LoyaltyWriteResult.Forbidden();
        }
        if (programIds.Count == 0)
        {
            return LoyaltyWriteResult.Invalid([new FieldError("", "Select the programs to delete.")]);
        }
        var gateway = gateways.ForChain(chainId);
        var programs = (await GetProgramsAsync(chainId, null, ct)).Where(p => programIds.Contains(p.Id, StringComparer.OrdinalIgnoreCase)).ToList();
        var missing = programIds.Where(id => programs.All(p => !SameId(p.Id, id))).ToList();
        if (missing.Count > 0)
        {
            return LoyaltyWriteResult.Invalid([new FieldError("", $"{missing.Count} of the selected programs are no longer in Mews: reload the list.")]);
        }

        // Mews refuses to delete a program with active memberships; checking first keeps a list from stopping half-way.
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
        if (busy.Count > 0)
        {
            var list = string.Join("; ", busy.Select(p => $"{p.Name} ({p.Code}) has {members[p.Id]} active membership{(members[p.Id] == 1 ? "" : "s")}"));
            return LoyaltyWriteResult.Invalid([new FieldError("", $"Nothing was deleted: {list}. Delete or cancel those memberships first.")]);
        }

        try
        {
            await gateway.DeleteLoyaltyProgramsAsync(programs.Select(p => p.Id).ToList(), ct);
            LogProgramsDeleted(programs.Count, chainId, string.Join(", ", programs.Select(p => p.Code)));
            await RefreshAsync(chainId, ct);
            return LoyaltyWriteResult.Done(programs.Count == 1 ? $"Deleted loyalty program {programs[0].Name}." : $"Deleted {programs.Count} loyalty programs.");
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            var items = await DeletedOrNotAsync(programs.Select(p => (p.Id, Label(p.Name, p.Code))).ToList(),
                async ids => (await GetProgramsAsync(chainId, null, ct)).Select(p => p.Id).ToList());
            if (items.Any(i => i.Applied))
            {
                await RefreshAsync(chainId, ct);
            }
            return Rejected(e, items);
        }
    }

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

    public async Task<LoyaltyWriteResult> AddTiersAsync(string chainId, IReadOnlyList<LoyaltyTierForm> tiers, CancellationToken ct = default)
    {
        if (!(await currentUser.GetAsync(ct)).CanEdit)
        {
            return LoyaltyWriteResult.Forbidden();
        }
        var batch = new LoyaltyTierBatch { Items = tiers.ToList() };
        var errors = Errors(await new LoyaltyTierBatchValidator().ValidateAsync(batch, ct));
        if (errors.Count > 0)
        {
            return LoyaltyWriteResult.Invalid(errors);
        }
        var existing = new List<LoyaltyTierRow>();
        foreach (var programId in batch.Items.Select(t => t.ProgramId).Distinct())
        {
            existing.AddRange(await GetTiersAsync(chainId, programId, ct));
        }
        for (var i = 0; i < batch.Items.Count; i++)
        {
            var item = batch.Items[i];
            if (existing.FirstOrDefault(t => t.ProgramId == item.ProgramId && string.Equals(t.Code, item.Code.Trim(), StringComparison.OrdinalIgnoreCase)) is { } taken)
            {
                errors.Add(new FieldError($"Items[{i}].Code", $"The program already has a tier with code {taken.Code} ({taken.Name})."));
            }
        }
        if (errors.Count > 0)
        {
            return LoyaltyWriteResult.Invalid(errors);
        }

        var additions = batch.Items.Select(t => new LoyaltyTierAddition
        {
            LoyaltyProgramId = t.ProgramId,
            Name = t.Name.Trim(),
            Code = t.Code.Trim(),
            Ordering = t.Ordering,
        }).ToList();
        var gateway = gateways.ForChain(chainId);
        try
        {
            var added = await gateway.AddLoyaltyTiersAsync(additions, ct);
            LogTiersAdded(added.Count, chainId, string.Join(", ", additions.Select(a => a.Code)));
            await RefreshAsync(chainId, ct);
            return LoyaltyWriteResult.Done(additions.Count == 1 ? $"Added loyalty tier {additions[0].Name}." : $"Added {additions.Count} loyalty tiers.");
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            var created = new List<LoyaltyTierRow>();
            try
            {
                foreach (var programId in additions.Select(a => a.LoyaltyProgramId).Distinct())
                {
                    created.AddRange((await GetTiersAsync(chainId, programId, ct)).Where(t => existing.All(x => x.Id != t.Id)
                        && additions.Any(a => a.LoyaltyProgramId == t.ProgramId && string.Equals(a.Code, t.Code, StringComparison.OrdinalIgnoreCase))));
                }
            }
            catch (MewsApiException lookup)
            {
                LogMewsFailed(lookup.Operation, lookup.MewsMessage, lookup.RequestId);
                return Rejected(e, additions.Select(a => new LoyaltyItemOutcome(Label(a.Name, a.Code), false, "unknown: Mews could not be asked afterwards; reload the list")).ToList());
            }
            var undone = await UndoAsync(created.Select(c => c.Id).ToList(), ids => gateway.DeleteLoyaltyTiersAsync(ids, ct));
            if (created.Count > 0)
            {
                await RefreshAsync(chainId, ct);
            }
            return Rejected(e, additions.Select(a =>
            {
                var made = created.FirstOrDefault(c => c.ProgramId == a.LoyaltyProgramId && string.Equals(c.Code, a.Code, StringComparison.OrdinalIgnoreCase));
                return made is null
                    ? new LoyaltyItemOutcome(Label(a.Name, a.Code), false, "not added")
                    : undone ? new LoyaltyItemOutcome(Label(a.Name, a.Code), false, "was added, then removed again because the list failed")
                    : new LoyaltyItemOutcome(Label(a.Name, a.Code), true, "added and still in Mews (removing it failed)");
            }).ToList());
        }
    }

    public async Task<LoyaltyWriteResult> UpdateTierAsync(string chainId, LoyaltyTierForm tier, CancellationToken ct = default)
    {
        if (!(await currentUser.GetAsync(ct)).CanEdit)
        {
            return LoyaltyWriteResult.Forbidden();
        }
        var errors = Errors(await new LoyaltyTierFormValidator().ValidateAsync(tier, ct));
        if (tier.Id is null)
        {
            errors.Add(new FieldError("", "Save a new tier with Add, not Update."));
        }
        if (errors.Count > 0)
        {
            return LoyaltyWriteResult.Invalid(errors);
        }
        var siblings = await GetTiersAsync(chainId, tier.ProgramId, ct);
        if (siblings.FirstOrDefault(t => t.Id != tier.Id && string.Equals(t.Code, tier.Code.Trim(), StringComparison.OrdinalIgnoreCase)) is { } taken)
        {
            return LoyaltyWriteResult.Invalid([new FieldError("Code", $"The program already has a tier with code {taken.Code} ({taken.Name}).")]);
        }
        var update = new LoyaltyTierUpdate
        {
            LoyaltyTierId = tier.Id!,
            Name = new UpdateValue<string>(tier.Name.Trim()),
            Code = new UpdateValue<string>(tier.Code.Trim()),
            Ordering = new UpdateValue<int>(tier.Ordering),
        };
        try
        {
            await gateways.ForChain(chainId).UpdateLoyaltyTiersAsync([update], ct);
            LogTierUpdated(tier.Id!, chainId);
            await RefreshAsync(chainId, ct);
            return LoyaltyWriteResult.Done($"Saved loyalty tier {tier.Name.Trim()}.");
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            return Rejected(e, []);
        }
    }

    public async Task<LoyaltyWriteResult> DeleteTiersAsync(string chainId, string programId, IReadOnlyList<string> tierIds, CancellationToken ct = default)
    {
        if (!(await currentUser.GetAsync(ct)).CanEdit)
        {
            return LoyaltyWriteResult.Forbidden();
        }
        if (tierIds.Count == 0)
        {
            return LoyaltyWriteResult.Invalid([new FieldError("", "Select the tiers to delete.")]);
        }
        var tiers = (await GetTiersAsync(chainId, programId, ct)).Where(t => tierIds.Contains(t.Id, StringComparer.OrdinalIgnoreCase)).ToList();
        if (tiers.Count != tierIds.Count)
        {
            return LoyaltyWriteResult.Invalid([new FieldError("", $"{tierIds.Count - tiers.Count} of the selected tiers are no longer in Mews: reload the list.")]);
        }
        var gateway = gateways.ForChain(chainId);
        try
        {
            await gateway.DeleteLoyaltyTiersAsync(tiers.Select(t => t.Id).ToList(), ct);
            LogTiersDeleted(tiers.Count, chainId, string.Join(", ", tiers.Select(t => t.Code)));
            await RefreshAsync(chainId, ct);
            return LoyaltyWriteResult.Done(tiers.Count == 1 ? $"Deleted loyalty tier {tiers[0].Name}." : $"Deleted {tiers.Count} loyalty tiers.");
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            var items = await DeletedOrNotAsync(tiers.Select(t => (t.Id, Label(t.Name, t.Code))).ToList(),
                async ids => (await GetTiersAsync(chainId, programId, ct)).Select(t => t.Id).ToList());
            if (items.Any(i => i.Applied))
            {
                await RefreshAsync(chainId, ct);
            }
            return Rejected(e, items);
        }
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
