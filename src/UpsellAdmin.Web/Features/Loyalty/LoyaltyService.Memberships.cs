using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.Loyalty;

public sealed partial class LoyaltyService
{
    public async Task<IReadOnlyList<LoyaltyCustomerRow>> FindCustomersAsync(string chainId, string text, CancellationToken ct = default)
    {
        var query = text?.Trim() ?? "";
        if (query.Length == 0)
        {
            return [];
        }
        // customers/getAll matches whole values: an e-mail, a last name, or "first last".
        List<CustomerFilter> filters;
        if (query.Contains('@', StringComparison.Ordinal))
        {
            filters = [new CustomerFilter { ChainIds = [chainId], Emails = [query] }];
        }
        else if (query.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } parts)
        {
            filters = [new CustomerFilter { ChainIds = [chainId], FirstNames = [string.Join(' ', parts[..^1])], LastNames = [parts[^1]] }];
        }
        else
        {
            filters = [new CustomerFilter { ChainIds = [chainId], LastNames = [query] }, new CustomerFilter { ChainIds = [chainId], FirstNames = [query] }];
        }
        var found = new Dictionary<string, LoyaltyCustomerRow>(StringComparer.OrdinalIgnoreCase);
        var gateway = gateways.ForChain(chainId);
        foreach (var filter in filters)
        {
            await foreach (var c in gateway.GetCustomersAsync(filter, ct))
            {
                found.TryAdd(c.Id, ToCustomer(c));
                if (found.Count >= MaxCustomerRows)
                {
                    break;
                }
            }
        }
        return found.Values.OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<LoyaltyMembershipSearch> FindMembershipsAsync(string chainId, LoyaltyMembershipQuery query, CancellationToken ct = default)
    {
        var gateway = gateways.ForChain(chainId);
        var customers = new Dictionary<string, LoyaltyCustomerRow>(StringComparer.OrdinalIgnoreCase);
        List<string>? accountIds = null;
        if (query.AccountId is { Length: > 0 } accountId)
        {
            accountIds = [accountId];
        }
        else if (!string.IsNullOrWhiteSpace(query.Customer))
        {
            foreach (var c in await FindCustomersAsync(chainId, query.Customer, ct))
            {
                customers[c.Id] = c;
            }
            if (customers.Count == 0)
            {
                return new LoyaltyMembershipSearch([], false, $"No customer of this chain is called {query.Customer.Trim()} (Mews matches the whole last name, first and last name, or e-mail).");
            }
            accountIds = customers.Keys.ToList();
        }

        var filter = new LoyaltyMembershipFilter
        {
            ChainIds = [chainId],
            AccountIds = accountIds,
            LoyaltyProgramIds = query.ProgramId is { Length: > 0 } p ? [p] : null,
            MembershipStates = query.State is { } s ? [s] : null,
        };
        var memberships = new List<LoyaltyMembership>();
        var truncated = false;
        await foreach (var m in gateway.GetLoyaltyMembershipsAsync(filter, ct))
        {
            // Mews has no tier filter: the program's memberships are narrowed here.
            if (query.TierId is { Length: > 0 } tier && !string.Equals(m.LoyaltyTierId, tier, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (memberships.Count == MaxMembershipRows)
            {
                truncated = true;
                break;
            }
            memberships.Add(m);
        }
        var rows = await ToRowsAsync(chainId, memberships, customers, ct);
        return new LoyaltyMembershipSearch(rows, truncated, truncated ? $"Showing the first {MaxMembershipRows} memberships: narrow the search to see the rest." : null);
    }

    public async Task<LoyaltyWriteResult> AddMembershipAsync(string chainId, LoyaltyMembershipForm membership, CancellationToken ct = default)
    {
        if (!(await currentUser.GetAsync(ct)).CanEdit)
        {
            return LoyaltyWriteResult.Forbidden();
        }
        var errors = await CheckMembershipAsync(chainId, membership, ct);
        if (errors.Count > 0)
        {
            return LoyaltyWriteResult.Invalid(errors);
        }
        var addition = new LoyaltyMembershipAddition
        {
            AccountId = membership.Customer!.Id,
            LoyaltyProgramId = membership.ProgramId,
            IsPrimary = membership.IsPrimary,
            State = membership.State,
            MembershipNumber = Blank(membership.MembershipNumber),
            Points = membership.Points,
            ExpirationDate = Expiration(membership.ExpirationDate),
            Url = Blank(membership.Url),
            LoyaltyTierId = Blank(membership.TierId),
        };
        try
        {
            var added = await gateways.ForChain(chainId).AddLoyaltyMembershipsAsync([addition], ct);
            LogMembershipAdded(added.FirstOrDefault()?.Id ?? "?", addition.AccountId, addition.LoyaltyProgramId, chainId);
            return LoyaltyWriteResult.Done($"Enrolled {membership.Customer.Name}.");
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            return Rejected(e, []);
        }
    }

    public async Task<LoyaltyWriteResult> UpdateMembershipAsync(string chainId, LoyaltyMembershipForm membership, CancellationToken ct = default)
    {
        if (!(await currentUser.GetAsync(ct)).CanEdit)
        {
            return LoyaltyWriteResult.Forbidden();
        }
        if (membership.Id is null)
        {
            return LoyaltyWriteResult.Invalid([new FieldError("", "Save a new membership with Add, not Update.")]);
        }
        var errors = await CheckMembershipAsync(chainId, membership, ct);
        if (errors.Count > 0)
        {
            return LoyaltyWriteResult.Invalid(errors);
        }
        var gateway = gateways.ForChain(chainId);
        LoyaltyMembership? current = null;
        await foreach (var m in gateway.GetLoyaltyMembershipsAsync(new LoyaltyMembershipFilter { ChainIds = [chainId], LoyaltyMembershipIds = [membership.Id] }, ct))
        {
            current = m;
        }
        if (current is null)
        {
            return LoyaltyWriteResult.Invalid([new FieldError("", "This membership is no longer in Mews: search again.")]);
        }

        // Only what changed is sent (Mews updates are partial, last writer wins).
        var expiration = Expiration(membership.ExpirationDate);
        var update = new LoyaltyMembershipUpdate
        {
            LoyaltyMembershipId = membership.Id,
            LoyaltyProgramId = Same(current.LoyaltyProgramId, membership.ProgramId) ? null : new UpdateValue<string>(membership.ProgramId),
            State = current.State == membership.State ? null : new UpdateValue<LoyaltyMembershipState>(membership.State),
            IsPrimary = current.IsPrimary == membership.IsPrimary ? null : new UpdateValue<bool>(membership.IsPrimary),
            MembershipNumber = Same(current.MembershipNumber, Blank(membership.MembershipNumber)) ? null : new UpdateValue<string?>(Blank(membership.MembershipNumber)),
            ProviderMembershipId = Same(current.ProviderMembershipId, Blank(membership.ProviderMembershipId)) ? null : new UpdateValue<string?>(Blank(membership.ProviderMembershipId)),
            Points = current.Points == membership.Points ? null : new UpdateValue<int?>(membership.Points),
            ExpirationDate = current.ExpirationDate?.UtcDateTime.Date == expiration?.UtcDateTime.Date ? null : new UpdateValue<DateTimeOffset?>(expiration),
            Url = Same(current.Url, Blank(membership.Url)) ? null : new UpdateValue<string?>(Blank(membership.Url)),
            LoyaltyTierId = Same(current.LoyaltyTierId, Blank(membership.TierId)) ? null : new UpdateValue<string?>(Blank(membership.TierId)),
        };
        try
        {
            await gateway.UpdateLoyaltyMembershipsAsync([update], ct);
            LogMembershipUpdated(membership.Id, chainId);
            return LoyaltyWriteResult.Done($"Saved the membership of {membership.Customer?.Name ?? "the customer"}.");
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            return Rejected(e, []);
        }
    }

    public async Task<LoyaltyWriteResult> DeleteMembershipsAsync(string chainId, IReadOnlyList<string> membershipIds, CancellationToken ct = default)
    {
        if (!(await currentUser.GetAsync(ct)).CanEdit)
        {
            return LoyaltyWriteResult.Forbidden();
        }
        if (membershipIds.Count == 0)
        {
            return LoyaltyWriteResult.Invalid([new FieldError("", "Select the memberships to delete.")]);
        }
        var gateway = gateways.ForChain(chainId);
        var current = await ReadMembershipsAsync(chainId, membershipIds, ct);
        if (current.Count != membershipIds.Count)
        {
            return LoyaltyWriteResult.Invalid([new FieldError("", $"{membershipIds.Count - current.Count} of the selected memberships are no longer in Mews: search again.")]);
        }
        var rows = await ToRowsAsync(chainId, current, new Dictionary<string, LoyaltyCustomerRow>(StringComparer.OrdinalIgnoreCase), ct);
        var labels = rows.Select(r => (r.Id, $"{r.CustomerName} in {r.ProgramName}")).ToList();
        try
        {
            await gateway.DeleteLoyaltyMembershipsAsync(membershipIds, ct);
            LogMembershipsDeleted(membershipIds.Count, chainId);
            return LoyaltyWriteResult.Done(membershipIds.Count == 1 ? $"Deleted the membership of {labels[0].Item2}." : $"Deleted {membershipIds.Count} memberships.");
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            var items = await DeletedOrNotAsync(labels, async ids => (await ReadMembershipsAsync(chainId, ids, ct)).Select(m => m.Id).ToList());
            return Rejected(e, items);
        }
    }

    /// <summary>The form's rules, then what only Mews' data can tell: the tier's program, one primary per customer.</summary>
    private async Task<List<FieldError>> CheckMembershipAsync(string chainId, LoyaltyMembershipForm membership, CancellationToken ct)
    {
        var errors = Errors(await validation.Membership.ValidateAsync(membership, ct));
        if (errors.Count > 0)
        {
            return errors;
        }
        var gateway = gateways.ForChain(chainId);
        if (membership.TierId is { Length: > 0 } tierId && (await GetTiersAsync(chainId, membership.ProgramId, ct)).All(t => !Same(t.Id, tierId)))
        {
            errors.Add(new FieldError(nameof(LoyaltyMembershipForm.TierId), "This tier does not belong to the chosen program."));
        }
        var others = new List<LoyaltyMembership>();
        await foreach (var m in gateway.GetLoyaltyMembershipsAsync(new LoyaltyMembershipFilter { ChainIds = [chainId], AccountIds = [membership.Customer!.Id] }, ct))
        {
            if (!Same(m.Id, membership.Id))
            {
                others.Add(m);
            }
        }
        if (others.Any(o => Same(o.LoyaltyProgramId, membership.ProgramId)))
        {
            errors.Add(new FieldError(nameof(LoyaltyMembershipForm.ProgramId), $"{membership.Customer.Name} is already a member of this program: edit that membership instead."));
        }
        if (membership.IsPrimary && others.FirstOrDefault(o => o.IsPrimary) is { } primary)
        {
            var programs = await GetProgramsAsync(chainId, null, ct);
            var name = programs.FirstOrDefault(p => Same(p.Id, primary.LoyaltyProgramId))?.Name ?? "another program";
            errors.Add(new FieldError(nameof(LoyaltyMembershipForm.IsPrimary),
                $"{membership.Customer.Name}'s membership in {name} is already the primary one. A customer has only one primary membership in the chain (points are allocated to it): leave Primary off here, or first turn it off on the {name} membership."));
        }
        return errors;
    }

    private async Task<List<LoyaltyMembership>> ReadMembershipsAsync(string chainId, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var list = new List<LoyaltyMembership>();
        await foreach (var m in gateways.ForChain(chainId).GetLoyaltyMembershipsAsync(new LoyaltyMembershipFilter { ChainIds = [chainId], LoyaltyMembershipIds = ids }, ct))
        {
            list.Add(m);
        }
        return list;
    }

    /// <summary>Memberships with the names of their customers, programs and tiers.</summary>
    private async Task<List<LoyaltyMembershipRow>> ToRowsAsync(string chainId, List<LoyaltyMembership> memberships, Dictionary<string, LoyaltyCustomerRow> customers, CancellationToken ct)
    {
        if (memberships.Count == 0)
        {
            return [];
        }
        var gateway = gateways.ForChain(chainId);
        var programs = (await GetProgramsAsync(chainId, new LoyaltyProgramQuery(IncludeDeleted: true), ct)).ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var tiers = new Dictionary<string, LoyaltyTierRow>(StringComparer.OrdinalIgnoreCase);
        var tierPrograms = memberships.Where(m => m.LoyaltyTierId is not null && m.LoyaltyProgramId is not null).Select(m => m.LoyaltyProgramId!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var chunk in tierPrograms.Chunk(LoyaltyLimits.MaxItemsPerWrite))
        {
            await foreach (var t in gateway.GetLoyaltyTiersAsync(new LoyaltyTierFilter { ChainIds = [chainId], LoyaltyProgramIds = chunk }, ct))
            {
                tiers[t.Id] = new LoyaltyTierRow(t.Id, t.LoyaltyProgramId ?? "", t.Name ?? "", t.Code ?? "", t.Ordering ?? 0);
            }
        }
        var unknown = memberships.Select(m => m.AccountId).OfType<string>().Where(id => !customers.ContainsKey(id)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var chunk in unknown.Chunk(LoyaltyLimits.MaxItemsPerWrite))
        {
            await foreach (var c in gateway.GetCustomersAsync(new CustomerFilter { ChainIds = [chainId], CustomerIds = chunk }, ct))
            {
                customers[c.Id] = ToCustomer(c);
            }
        }
        return memberships.Select(m =>
        {
            var customer = m.AccountId is not null ? customers.GetValueOrDefault(m.AccountId) : null;
            var program = m.LoyaltyProgramId is not null ? programs.GetValueOrDefault(m.LoyaltyProgramId) : null;
            var tier = m.LoyaltyTierId is not null ? tiers.GetValueOrDefault(m.LoyaltyTierId) : null;
            return new LoyaltyMembershipRow(m.Id, m.AccountId ?? "", customer?.Name ?? m.AccountId ?? "?", customer?.Email,
                m.LoyaltyProgramId ?? "", program?.Name ?? m.LoyaltyProgramId ?? "?", m.LoyaltyTierId, tier?.Name ?? m.LoyaltyTierId,
                m.State, m.IsPrimary, m.MembershipNumber ?? m.Code, m.ProviderMembershipId, m.Points, m.ExpirationDate, m.Url);
        })
        .OrderBy(r => r.CustomerName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.ProgramName, StringComparer.CurrentCultureIgnoreCase)
        .ToList();
    }

    private static LoyaltyCustomerRow ToCustomer(Customer c)
    {
        var name = string.Join(' ', new[] { c.FirstName, c.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        return new LoyaltyCustomerRow(c.Id, name.Length > 0 ? name : c.Id, c.Email, c.Number);
    }

    private static DateTimeOffset? Expiration(DateTime? day) =>
        day is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d.Date, DateTimeKind.Utc)) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool Same(string? a, string? b) => string.Equals(a ?? "", b ?? "", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Added loyalty membership {MembershipId} (customer {AccountId}, program {ProgramId}) in chain {ChainId}")]
    private partial void LogMembershipAdded(string membershipId, string accountId, string programId, string chainId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated loyalty membership {MembershipId} of chain {ChainId}")]
    private partial void LogMembershipUpdated(string membershipId, string chainId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} loyalty memberships of chain {ChainId}")]
    private partial void LogMembershipsDeleted(int count, string chainId);
}
