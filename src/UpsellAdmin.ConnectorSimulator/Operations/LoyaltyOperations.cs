using UpsellAdmin.ConnectorSimulator.Model;

namespace UpsellAdmin.ConnectorSimulator.Operations;

/// <summary>The twelve loyalty operations (§2.18): programs, tiers and memberships at chain level.</summary>
internal static class LoyaltyOperations
{
    private static readonly string[] ProgramTypes = ["Hotel", "ExternalPartner", "SoftBrand", "Unknown"];
    private static readonly string[] Subscriptions = ["Free", "Paid"];
    private static readonly string[] MembershipStates = ["New", "Pending", "Enrolled", "Canceled", "Declined"];

    public static void Register(OperationRegistry registry)
    {
        registry.Read("loyaltyPrograms/getAll", GetPrograms);
        registry.Write("loyaltyPrograms/add", AddPrograms);
        registry.Write("loyaltyPrograms/update", UpdatePrograms);
        registry.Write("loyaltyPrograms/delete", DeletePrograms);
        registry.Read("loyaltyTiers/getAll", GetTiers);
        registry.Write("loyaltyTiers/add", AddTiers);
        registry.Write("loyaltyTiers/update", UpdateTiers);
        registry.Write("loyaltyTiers/delete", DeleteTiers);
        registry.Read("loyaltyMemberships/getAll", GetMemberships);
        registry.Write("loyaltyMemberships/add", AddMemberships);
        registry.Write("loyaltyMemberships/update", UpdateMemberships);
        registry.Write("loyaltyMemberships/delete", DeleteMemberships);
    }

    // ---------------------------------------------------------------- programs

    private sealed record GetProgramsRequest(
        IReadOnlyList<Guid>? ChainIds,
        TimeInterval? CreatedUtc,
        TimeInterval? UpdatedUtc,
        IReadOnlyList<Guid>? LoyaltyProgramIds,
        IReadOnlyList<string>? ActivityStates,
        IReadOnlyList<string>? Codes,
        Limitation? Limitation);

    private static object GetPrograms(OperationContext context)
    {
        var r = context.Read<GetProgramsRequest>();
        var created = Check.Interval(r.CreatedUtc, "CreatedUtc");
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        Check.MaxCount(r.LoyaltyProgramIds, "LoyaltyProgramIds", 1000);
        Check.MaxCount(r.Codes, "Codes", 1000);
        Check.AllOf(r.ActivityStates, "ActivityStates", Check.ActivityStateValues);
        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var chains = context.ReadChainIds(r.ChainIds);
            var items = context.Store.LoyaltyProgramTable.All.Where(x =>
                chains.Contains(x.ChainId)
                && Check.In(r.LoyaltyProgramIds, x.Id)
                && Check.In(r.Codes, x.Code)
                && (created is null || created.Contains(x.CreatedUtc))
                && (updated is null || updated.Contains(x.UpdatedUtc))
                && Check.Activity(r.ActivityStates, !x.IsDeleted));
            return Paging.Page(context.Store, "LoyaltyPrograms", items, r.Limitation);
        });
    }

    private sealed record ProgramParameters(string? Name, string? Code, string? Type, string? Subscription);

    private sealed record AddProgramsRequest(Guid? ChainId, IReadOnlyList<ProgramParameters>? LoyaltyPrograms);

    private static object AddPrograms(OperationContext context)
    {
        var r = context.Read<AddProgramsRequest>();
        var programs = Check.RequiredList(r.LoyaltyPrograms, "LoyaltyPrograms");
        foreach (var p in programs)
        {
            Check.RequiredText(p.Name, "Name", 100);
            Check.RequiredText(p.Code, "Code", 50);
            Check.OneOf(Check.Required(p.Type, "Type"), "Type", ProgramTypes);
            Check.OneOf(Check.Required(p.Subscription, "Subscription"), "Subscription", Subscriptions);
        }

        return context.Store.Locked(() =>
        {
            var chainId = context.WriteChainId(r.ChainId);
            var added = programs.Select(p => context.Store.Insert(context.Store.LoyaltyProgramTable, new LoyaltyProgram
            {
                Id = Guid.NewGuid(),
                ChainId = chainId,
                Name = p.Name!,
                Code = p.Code!,
                Type = p.Type!,
                Subscription = p.Subscription!,
                CreatedUtc = context.Now,
                UpdatedUtc = context.Now,
            }, static (x, s) => x with { Sequence = s })).ToList();
            return new { LoyaltyPrograms = added };
        });
    }

    private sealed record ProgramUpdate(Guid? LoyaltyProgramId, UpdateValue<string>? Name, UpdateValue<string>? Type, UpdateValue<string>? Subscription);

    private sealed record UpdateProgramsRequest(Guid? ChainId, IReadOnlyList<ProgramUpdate>? LoyaltyProgramUpdates);

    private static LoyaltyProgram ScopedProgram(OperationContext context, Guid? id, HashSet<Guid> chains, string name = "LoyaltyProgramId")
    {
        var program = context.Store.LoyaltyProgramTable.Find(Check.Required(id, name));
        return program is null || program.IsDeleted || !chains.Contains(program.ChainId) ? throw ConnectorApiException.Invalid(name) : program;
    }

    private static object UpdatePrograms(OperationContext context)
    {
        var r = context.Read<UpdateProgramsRequest>();
        var updates = Check.RequiredList(r.LoyaltyProgramUpdates, "LoyaltyProgramUpdates");
        return context.Store.Locked(() =>
        {
            var chains = new HashSet<Guid> { context.WriteChainId(r.ChainId) };
            var changed = new List<LoyaltyProgram>();
            foreach (var u in updates)
            {
                var p = ScopedProgram(context, u.LoyaltyProgramId, chains);
                if (u.Name is { HasValue: true })
                {
                    p = p with { Name = Check.RequiredText(u.Name.Value, "Name", 100) };
                }

                if (u.Type is { HasValue: true })
                {
                    Check.OneOf(Check.Required(u.Type.Value, "Type"), "Type", ProgramTypes);
                    p = p with { Type = u.Type.Value! };
                }

                if (u.Subscription is { HasValue: true })
                {
                    Check.OneOf(Check.Required(u.Subscription.Value, "Subscription"), "Subscription", Subscriptions);
                    p = p with { Subscription = u.Subscription.Value! };
                }

                changed.Add(p with { UpdatedUtc = context.Now });
            }

            changed.ForEach(context.Store.LoyaltyProgramTable.Set);
            return new { LoyaltyPrograms = changed };
        });
    }

    private sealed record DeleteProgramsRequest(IReadOnlyList<Guid>? LoyaltyProgramIds);

    private static object DeletePrograms(OperationContext context)
    {
        var r = context.Read<DeleteProgramsRequest>();
        var ids = Check.RequiredList(r.LoyaltyProgramIds, "LoyaltyProgramIds");
        return context.Store.Locked(() =>
        {
            var store = context.Store;
            var chains = context.ScopeChainIds();
            var programs = ids.Distinct().Select(id => ScopedProgram(context, id, chains, "LoyaltyProgramIds")).ToList();
            foreach (var program in programs)
            {
                var active = store.LoyaltyMembershipTable.All.Count(m => m.LoyaltyProgramId == program.Id && !m.IsDeleted && m.State is not ("Canceled" or "Declined"));
                if (active > 0)
                {
                    throw ConnectorApiException.Forbidden($"Loyalty program {program.Name} ({program.Code}) has {active} active memberships and cannot be deleted.");
                }
            }

            foreach (var program in programs)
            {
                store.LoyaltyProgramTable.Set(program with { IsDeleted = true, UpdatedUtc = context.Now });
                foreach (var tier in store.LoyaltyTierTable.All.Where(t => t.LoyaltyProgramId == program.Id && !t.IsDeleted).ToList())
                {
                    store.LoyaltyTierTable.Set(tier with { IsDeleted = true, UpdatedUtc = context.Now });
                }
            }

            return EmptyResult.Instance;
        });
    }

    // ---------------------------------------------------------------- tiers

    private sealed record GetTiersRequest(
        IReadOnlyList<Guid>? ChainIds,
        IReadOnlyList<Guid>? LoyaltyProgramIds,
        IReadOnlyList<Guid>? LoyaltyTierIds,
        IReadOnlyList<string>? ActivityStates,
        TimeInterval? UpdatedUtc,
        Limitation? Limitation);

    private static object GetTiers(OperationContext context)
    {
        var r = context.Read<GetTiersRequest>();
        Check.RequiredList(r.LoyaltyProgramIds, "LoyaltyProgramIds");
        Check.MaxCount(r.LoyaltyTierIds, "LoyaltyTierIds", 1000);
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        Check.AllOf(r.ActivityStates, "ActivityStates", Check.ActivityStateValues);
        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var chains = context.ReadChainIds(r.ChainIds);
            var items = context.Store.LoyaltyTierTable.All.Where(x =>
                chains.Contains(x.ChainId)
                && Check.In(r.LoyaltyProgramIds, x.LoyaltyProgramId)
                && Check.In(r.LoyaltyTierIds, x.Id)
                && (updated is null || updated.Contains(x.UpdatedUtc))
                && Check.Activity(r.ActivityStates, !x.IsDeleted));
            return Paging.Page(context.Store, "LoyaltyTiers", items, r.Limitation);
        });
    }

    private sealed record TierParameters(Guid? LoyaltyProgramId, string? Name, string? Code, int? Ordering);

    private sealed record AddTiersRequest(Guid? ChainId, IReadOnlyList<TierParameters>? LoyaltyTiers);

    private static object AddTiers(OperationContext context)
    {
        var r = context.Read<AddTiersRequest>();
        var tiers = Check.RequiredList(r.LoyaltyTiers, "LoyaltyTiers");
        foreach (var t in tiers)
        {
            Check.RequiredText(t.Name, "Name", 50);
            Check.RequiredText(t.Code, "Code", 50);
            Check.Required(t.Ordering, "Ordering");
        }

        return context.Store.Locked(() =>
        {
            var chains = new HashSet<Guid> { context.WriteChainId(r.ChainId) };
            var programs = tiers.Select(t => ScopedProgram(context, t.LoyaltyProgramId, chains)).ToList();
            var added = tiers.Select((t, i) => context.Store.Insert(context.Store.LoyaltyTierTable, new LoyaltyTier
            {
                Id = Guid.NewGuid(),
                LoyaltyProgramId = programs[i].Id,
                ChainId = programs[i].ChainId,
                Name = t.Name!,
                Code = t.Code!,
                Ordering = t.Ordering!.Value,
                CreatedUtc = context.Now,
                UpdatedUtc = context.Now,
            }, static (x, s) => x with { Sequence = s })).ToList();
            return new { LoyaltyTiers = added };
        });
    }

    private sealed record TierUpdate(Guid? LoyaltyTierId, UpdateValue<string>? Name, UpdateValue<string>? Code, UpdateValue<int?>? Ordering);

    private sealed record UpdateTiersRequest(IReadOnlyList<TierUpdate>? LoyaltyTierUpdates);

    private static LoyaltyTier ScopedTier(OperationContext context, Guid? id, string name = "LoyaltyTierId")
    {
        var tier = context.Store.LoyaltyTierTable.Find(Check.Required(id, name));
        return tier is null || tier.IsDeleted || !context.ScopeChainIds().Contains(tier.ChainId) ? throw ConnectorApiException.Invalid(name) : tier;
    }

    private static object UpdateTiers(OperationContext context)
    {
        var r = context.Read<UpdateTiersRequest>();
        var updates = Check.RequiredList(r.LoyaltyTierUpdates, "LoyaltyTierUpdates");
        return context.Store.Locked(() =>
        {
            var changed = new List<LoyaltyTier>();
            foreach (var u in updates)
            {
                var t = ScopedTier(context, u.LoyaltyTierId);
                if (u.Name is { HasValue: true })
                {
                    t = t with { Name = Check.RequiredText(u.Name.Value, "Name", 50) };
                }

                if (u.Code is { HasValue: true })
                {
                    t = t with { Code = Check.RequiredText(u.Code.Value, "Code", 50) };
                }

                if (u.Ordering is { HasValue: true })
                {
                    t = t with { Ordering = Check.Required(u.Ordering.Value, "Ordering") };
                }

                changed.Add(t with { UpdatedUtc = context.Now });
            }

            changed.ForEach(context.Store.LoyaltyTierTable.Set);
            return new { LoyaltyTiers = changed };
        });
    }

    private sealed record DeleteTiersRequest(IReadOnlyList<Guid>? LoyaltyTierIds);

    private static object DeleteTiers(OperationContext context)
    {
        var r = context.Read<DeleteTiersRequest>();
        var ids = Check.RequiredList(r.LoyaltyTierIds, "LoyaltyTierIds");
        return context.Store.Locked(() =>
        {
            var store = context.Store;
            var tiers = ids.Distinct().Select(id => ScopedTier(context, id, "LoyaltyTierIds")).ToList();
            foreach (var tier in tiers)
            {
                store.LoyaltyTierTable.Set(tier with { IsDeleted = true, UpdatedUtc = context.Now });
                foreach (var m in store.LoyaltyMembershipTable.All.Where(m => m.LoyaltyTierId == tier.Id).ToList())
                {
                    store.LoyaltyMembershipTable.Set(m with { LoyaltyTierId = null, UpdatedUtc = context.Now });
                }
            }

            return EmptyResult.Instance;
        });
    }

    // ---------------------------------------------------------------- memberships

    private sealed record GetMembershipsRequest(
        IReadOnlyList<Guid>? ChainIds,
        TimeInterval? CreatedUtc,
        TimeInterval? UpdatedUtc,
        IReadOnlyList<Guid>? LoyaltyMembershipIds,
        IReadOnlyList<Guid>? AccountIds,
        IReadOnlyList<Guid>? LoyaltyProgramIds,
        IReadOnlyList<string>? MembershipStates,
        IReadOnlyList<string>? ActivityStates,
        IReadOnlyList<string>? MembershipNumbers,
        IReadOnlyList<string>? ProviderMembershipIds,
        IReadOnlyList<string>? Codes,
        Limitation? Limitation);

    private static object GetMemberships(OperationContext context)
    {
        var r = context.Read<GetMembershipsRequest>();
        var created = Check.Interval(r.CreatedUtc, "CreatedUtc");
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        Check.MaxCount(r.LoyaltyMembershipIds, "LoyaltyMembershipIds", 1000);
        Check.MaxCount(r.AccountIds, "AccountIds", 1000);
        Check.MaxCount(r.LoyaltyProgramIds, "LoyaltyProgramIds", 1000);
        Check.MaxCount(r.MembershipNumbers, "MembershipNumbers", 1000);
        Check.MaxCount(r.ProviderMembershipIds, "ProviderMembershipIds", 1000);
        Check.MaxCount(r.Codes, "Codes", 1000);
        Check.AllOf(r.MembershipStates, "MembershipStates", MembershipStates);
        Check.AllOf(r.ActivityStates, "ActivityStates", Check.ActivityStateValues);
        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var chains = context.ReadChainIds(r.ChainIds);
            var items = context.Store.LoyaltyMembershipTable.All.Where(x =>
                chains.Contains(x.ChainId)
                && Check.In(r.LoyaltyMembershipIds, x.Id)
                && Check.In(r.AccountIds, x.AccountId)
                && Check.In(r.LoyaltyProgramIds, x.LoyaltyProgramId)
                && Check.In(r.MembershipStates, x.State)
                && (r.MembershipNumbers is not { Count: > 0 } || (x.MembershipNumber is not null && r.MembershipNumbers.Contains(x.MembershipNumber)))
                && (r.Codes is not { Count: > 0 } || (x.MembershipNumber is not null && r.Codes.Contains(x.MembershipNumber)))
                && (r.ProviderMembershipIds is not { Count: > 0 } || (x.ProviderMembershipId is not null && r.ProviderMembershipIds.Contains(x.ProviderMembershipId)))
                && (created is null || created.Contains(x.CreatedUtc))
                && (updated is null || updated.Contains(x.UpdatedUtc))
                && Check.Activity(r.ActivityStates, !x.IsDeleted));
            return Paging.Page(context.Store, "LoyaltyMemberships", items, r.Limitation);
        });
    }

    private sealed record MembershipParameters(
        Guid? AccountId,
        Guid? LoyaltyProgramId,
        bool? IsPrimary,
        string? State,
        string? MembershipNumber,
        int? Points,
        DateTimeOffset? ExpirationDate,
        string? Url,
        Guid? LoyaltyTierId,
        string? Code);

    private sealed record AddMembershipsRequest(Guid? ChainId, IReadOnlyList<MembershipParameters>? LoyaltyMemberships);

    private static void CheckTier(SimulatorStore store, Guid? tierId, Guid programId)
    {
        if (tierId is { } id && store.LoyaltyTierTable.Find(id) is not { IsDeleted: false } tier)
        {
            throw ConnectorApiException.Invalid("LoyaltyTierId");
        }

        if (tierId is { } tid && store.LoyaltyTierTable.Find(tid)!.LoyaltyProgramId != programId)
        {
            throw ConnectorApiException.Forbidden("The loyalty tier does not belong to the membership's loyalty program.");
        }
    }

    private static void EnsureSinglePrimary(SimulatorStore store, IEnumerable<LoyaltyMembership> pending)
    {
        var pendingList = pending.ToList();
        var pendingIds = pendingList.Select(p => p.Id).ToHashSet();
        var all = store.LoyaltyMembershipTable.All.Where(m => !m.IsDeleted && !pendingIds.Contains(m.Id)).Concat(pendingList);
        foreach (var account in pendingList.Where(p => p.IsPrimary).Select(p => (p.ChainId, p.AccountId)).Distinct())
        {
            if (all.Count(m => m.IsPrimary && m.ChainId == account.ChainId && m.AccountId == account.AccountId) > 1)
            {
                throw ConnectorApiException.Forbidden("The customer already has a primary loyalty membership; only one membership per customer can be primary.");
            }
        }
    }

    private static object AddMemberships(OperationContext context)
    {
        var r = context.Read<AddMembershipsRequest>();
        var memberships = Check.RequiredList(r.LoyaltyMemberships, "LoyaltyMemberships");
        foreach (var m in memberships)
        {
            Check.Required(m.AccountId, "AccountId");
            Check.Required(m.LoyaltyProgramId, "LoyaltyProgramId");
            Check.Required(m.IsPrimary, "IsPrimary");
            Check.OneOf(m.State, "State", MembershipStates);
            Check.MaxLength(m.MembershipNumber, "MembershipNumber", 255);
        }

        return context.Store.Locked(() =>
        {
            var store = context.Store;
            var chainId = context.WriteChainId(r.ChainId);
            var chains = new HashSet<Guid> { chainId };
            var pending = new List<LoyaltyMembership>();
            foreach (var m in memberships)
            {
                var customer = store.CustomerTable.Find(m.AccountId!.Value);
                if (customer is null || customer.ChainId != chainId || !customer.IsActive)
                {
                    throw ConnectorApiException.Invalid("AccountId");
                }

                var program = ScopedProgram(context, m.LoyaltyProgramId, chains);
                CheckTier(store, m.LoyaltyTierId, program.Id);
                pending.Add(new LoyaltyMembership
                {
                    Id = Guid.NewGuid(),
                    ChainId = chainId,
                    AccountId = customer.Id,
                    LoyaltyProgramId = program.Id,
                    State = m.State ?? "Enrolled",
                    IsPrimary = m.IsPrimary!.Value,
                    MembershipNumber = m.MembershipNumber ?? m.Code,
                    Points = m.Points,
                    ExpirationDate = m.ExpirationDate,
                    Url = m.Url,
                    LoyaltyTierId = m.LoyaltyTierId,
                    CreatorProfile = new ProfileData("Integration", null),
                    UpdaterProfile = new ProfileData("Integration", null),
                    CreatedUtc = context.Now,
                    UpdatedUtc = context.Now,
                });
            }

            EnsureSinglePrimary(store, pending);
            var added = pending.Select(p => store.Insert(store.LoyaltyMembershipTable, p, static (x, s) => x with { Sequence = s })).ToList();
            return new { LoyaltyMemberships = added, Cursor = added.Count == 0 ? (Guid?)null : added[^1].Id };
        });
    }

    private sealed record MembershipUpdate(
        Guid? LoyaltyMembershipId,
        UpdateValue<Guid?>? LoyaltyProgramId,
        UpdateValue<string>? State,
        UpdateValue<bool?>? IsPrimary,
        UpdateValue<string>? MembershipNumber,
        UpdateValue<string>? ProviderMembershipId,
        UpdateValue<int?>? Points,
        UpdateValue<DateTimeOffset?>? ExpirationDate,
        UpdateValue<string>? Url,
        UpdateValue<Guid?>? LoyaltyTierId,
        UpdateValue<string>? Code);

    private sealed record UpdateMembershipsRequest(Guid? ChainId, IReadOnlyList<MembershipUpdate>? LoyaltyMembershipUpdates);

    private static LoyaltyMembership ScopedMembership(OperationContext context, Guid? id, HashSet<Guid> chains, string name = "LoyaltyMembershipId")
    {
        var membership = context.Store.LoyaltyMembershipTable.Find(Check.Required(id, name));
        return membership is null || membership.IsDeleted || !chains.Contains(membership.ChainId) ? throw ConnectorApiException.Invalid(name) : membership;
    }

    private static object UpdateMemberships(OperationContext context)
    {
        var r = context.Read<UpdateMembershipsRequest>();
        var updates = Check.RequiredList(r.LoyaltyMembershipUpdates, "LoyaltyMembershipUpdates");
        return context.Store.Locked(() =>
        {
            var store = context.Store;
            var chains = new HashSet<Guid> { context.WriteChainId(r.ChainId) };
            var changed = new List<LoyaltyMembership>();
            foreach (var u in updates)
            {
                var m = ScopedMembership(context, u.LoyaltyMembershipId, chains);
                if (u.LoyaltyProgramId is { HasValue: true })
                {
                    m = m with { LoyaltyProgramId = ScopedProgram(context, u.LoyaltyProgramId.Value, chains).Id };
                }

                if (u.State is { HasValue: true })
                {
                    Check.OneOf(Check.Required(u.State.Value, "State"), "State", MembershipStates);
                    m = m with { State = u.State.Value! };
                }

                if (u.IsPrimary is { HasValue: true })
                {
                    m = m with { IsPrimary = Check.Required(u.IsPrimary.Value, "IsPrimary") };
                }

                if (u.MembershipNumber is { HasValue: true })
                {
                    Check.MaxLength(u.MembershipNumber.Value, "MembershipNumber", 255);
                    m = m with { MembershipNumber = u.MembershipNumber.Value };
                }
                else if (u.Code is { HasValue: true })
                {
                    m = m with { MembershipNumber = u.Code.Value };
                }

                if (u.ProviderMembershipId is { HasValue: true })
                {
                    Check.MaxLength(u.ProviderMembershipId.Value, "ProviderMembershipId", 100);
                    m = m with { ProviderMembershipId = u.ProviderMembershipId.Value };
                }

                if (u.Points is { HasValue: true })
                {
                    m = m with { Points = u.Points.Value };
                }

                if (u.ExpirationDate is { HasValue: true })
                {
                    m = m with { ExpirationDate = u.ExpirationDate.Value };
                }

                if (u.Url is { HasValue: true })
                {
                    m = m with { Url = u.Url.Value };
                }

                if (u.LoyaltyTierId is { HasValue: true })
                {
                    m = m with { LoyaltyTierId = u.LoyaltyTierId.Value };
                }

                CheckTier(store, m.LoyaltyTierId, m.LoyaltyProgramId);
                changed.Add(m with { UpdatedUtc = context.Now, UpdaterProfile = new ProfileData("Integration", null) });
            }

            EnsureSinglePrimary(store, changed);
            changed.ForEach(store.LoyaltyMembershipTable.Set);
            return new { LoyaltyMemberships = changed, Cursor = changed.Count == 0 ? (Guid?)null : changed[^1].Id };
        });
    }

    private sealed record DeleteMembershipsRequest(Guid? ChainId, IReadOnlyList<Guid>? LoyaltyMembershipIds);

    private static object DeleteMemberships(OperationContext context)
    {
        var r = context.Read<DeleteMembershipsRequest>();
        var ids = Check.RequiredList(r.LoyaltyMembershipIds, "LoyaltyMembershipIds");
        return context.Store.Locked(() =>
        {
            var chains = new HashSet<Guid> { context.WriteChainId(r.ChainId) };
            var memberships = ids.Distinct().Select(id => ScopedMembership(context, id, chains, "LoyaltyMembershipIds")).ToList();
            foreach (var m in memberships)
            {
                context.Store.LoyaltyMembershipTable.Set(m with { IsDeleted = true, IsPrimary = false, UpdatedUtc = context.Now });
            }

            return EmptyResult.Instance;
        });
    }
}
