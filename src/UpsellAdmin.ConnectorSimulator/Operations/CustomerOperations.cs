namespace UpsellAdmin.ConnectorSimulator.Operations;

/// <summary><c>customers/getAll</c> and <c>customers/search</c> (§2.15–2.16).</summary>
internal static class CustomerOperations
{
    public static void Register(OperationRegistry registry)
    {
        registry.Read("customers/getAll", GetAll);
        registry.Read("customers/search", Search);
    }

    private sealed record CustomerExtent(bool? Customers, bool? Addresses, bool? Documents);

    private sealed record GetAllRequest(
        IReadOnlyList<Guid>? ChainIds,
        TimeInterval? CreatedUtc,
        TimeInterval? UpdatedUtc,
        TimeInterval? DeletedUtc,
        CustomerExtent? Extent,
        IReadOnlyList<string>? ActivityStates,
        IReadOnlyList<Guid>? CustomerIds,
        IReadOnlyList<Guid>? CompanyIds,
        IReadOnlyList<string>? Emails,
        IReadOnlyList<string>? FirstNames,
        IReadOnlyList<string>? LastNames,
        IReadOnlyList<string>? LoyaltyCodes,
        Limitation? Limitation);

    private static bool Matches(IReadOnlyList<string>? filter, string? value) =>
        filter is not { Count: > 0 } || (value is not null && filter.Contains(value, StringComparer.OrdinalIgnoreCase));

    private static object GetAll(OperationContext context)
    {
        var r = context.Read<GetAllRequest>();
        var extent = Check.Required(r.Extent, "Extent");
        if (context.Grant.IsPortfolio && r.ChainIds is not { Count: > 0 })
        {
            throw ConnectorApiException.Invalid("ChainIds");
        }

        var created = Check.Interval(r.CreatedUtc, "CreatedUtc");
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        var deleted = Check.Interval(r.DeletedUtc, "DeletedUtc");
        Check.AllOf(r.ActivityStates, "ActivityStates", Check.ActivityStateValues);
        if (deleted is not null && r.ActivityStates?.Contains("Deleted") != true)
        {
            throw ConnectorApiException.Invalid("DeletedUtc");
        }

        Check.MaxCount(r.CustomerIds, "CustomerIds", 1000);
        Check.MaxCount(r.CompanyIds, "CompanyIds", 1);
        Check.MaxCount(r.Emails, "Emails", 1000);
        Check.MaxCount(r.FirstNames, "FirstNames", 1000);
        Check.MaxCount(r.LastNames, "LastNames", 1000);
        Check.MaxCount(r.LoyaltyCodes, "LoyaltyCodes", 1000);
        var anyOtherFilter = created is not null || updated is not null || deleted is not null
            || r.CompanyIds is { Count: > 0 } || r.Emails is { Count: > 0 } || r.FirstNames is { Count: > 0 }
            || r.LastNames is { Count: > 0 } || r.LoyaltyCodes is { Count: > 0 };
        if (!anyOtherFilter && r.CustomerIds is not { Count: > 0 })
        {
            throw ConnectorApiException.Invalid("CustomerIds");
        }

        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var chains = context.ReadChainIds(r.ChainIds);
            var items = context.Store.CustomerTable.All.Where(x =>
                chains.Contains(x.ChainId)
                && Check.In(r.CustomerIds, x.Id)
                && Check.In(r.CompanyIds, x.CompanyId)
                && Matches(r.Emails, x.Email)
                && Matches(r.FirstNames, x.FirstName)
                && Matches(r.LastNames, x.LastName)
                && Matches(r.LoyaltyCodes, x.LoyaltyCode)
                && (created is null || created.Contains(x.CreatedUtc))
                && (updated is null || updated.Contains(x.UpdatedUtc))
                && (deleted is null || deleted.Contains(x.DeletedUtc))
                && Check.Activity(r.ActivityStates, x.IsActive));
            var page = Paging.Page(context.Store, "Customers", items, r.Limitation);
            if (extent.Customers != true)
            {
                // §1.4: the cursor is still returned when extents suppress all data.
                page["Customers"] = Array.Empty<object>();
            }

            page["Documents"] = null;
            return page;
        });
    }

    private sealed record SearchRequest(string? Name, Guid? ResourceId, CustomerExtent? Extent);

    private static object Search(OperationContext context)
    {
        var r = context.Read<SearchRequest>();
        var name = r.Name?.Trim();
        return context.Store.Locked(() =>
        {
            var store = context.Store;
            var inHouse = store.ReservationTable.All
                .Where(x => x.State == "Started" && context.Grant.EnterpriseIds.Contains(x.EnterpriseId))
                .Where(x => r.ResourceId is null || x.AssignedResourceId == r.ResourceId)
                .OrderByDescending(x => x.Sequence);
            var results = new List<object>();
            foreach (var reservation in inHouse)
            {
                var customer = store.CustomerTable.Find(reservation.AccountId);
                if (customer is null)
                {
                    continue;
                }

                var fullName = $"{customer.FirstName} {customer.LastName}".Trim();
                if (!string.IsNullOrEmpty(name)
                    && !fullName.Contains(name, StringComparison.OrdinalIgnoreCase)
                    && !customer.LastName.Contains(name, StringComparison.OrdinalIgnoreCase)
                    && customer.FirstName?.Contains(name, StringComparison.OrdinalIgnoreCase) != true)
                {
                    continue;
                }

                results.Add(new { Customer = customer, Reservation = ReservationOperations.ToLegacy(store, reservation) });
            }

            return new { Customers = results, Documents = (object?)null };
        });
    }
}
