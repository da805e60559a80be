using UpsellAdmin.ConnectorSimulator.Seed;

namespace UpsellAdmin.ConnectorSimulator.Operations;

/// <summary><c>rates/getAll</c>, <c>rateGroups/getAll</c>, <c>rates/getPricing</c> (§2.8–2.10).</summary>
internal static class RateOperations
{
    public static void Register(OperationRegistry registry)
    {
        registry.Read("rates/getAll", GetRates);
        registry.Read("rateGroups/getAll", GetRateGroups);
        registry.Read("rates/getPricing", GetPricing);
    }

    private sealed record RateExtent(bool? Rates, bool? RateGroups, bool? AvailabilityBlockAssignments);

    private sealed record RatesRequest(
        IReadOnlyList<Guid>? EnterpriseIds,
        IReadOnlyList<Guid>? ServiceIds,
        IReadOnlyList<Guid>? RateIds,
        IReadOnlyList<string>? ExternalIdentifiers,
        TimeInterval? UpdatedUtc,
        IReadOnlyList<string>? ActivityStates,
        RateExtent? Extent,
        Limitation? Limitation);

    private static object GetRates(OperationContext context)
    {
        var r = context.Read<RatesRequest>();
        Check.RequiredList(r.ServiceIds, "ServiceIds");
        Check.MaxCount(r.RateIds, "RateIds", 1000);
        Check.MaxCount(r.ExternalIdentifiers, "ExternalIdentifiers", 1000);
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        Check.AllOf(r.ActivityStates, "ActivityStates", Check.ActivityStateValues);
        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var enterprises = context.ReadEnterpriseIds(r.EnterpriseIds);
            var items = context.Store.RateTable.All.Where(x =>
                enterprises.Contains(x.EnterpriseId)
                && Check.In(r.ServiceIds, x.ServiceId)
                && Check.In(r.RateIds, x.Id)
                && (r.ExternalIdentifiers is not { Count: > 0 } || (x.ExternalIdentifier is not null && r.ExternalIdentifiers.Contains(x.ExternalIdentifier)))
                && (updated is null || updated.Contains(x.UpdatedUtc))
                && Check.Activity(r.ActivityStates, x.IsActive, defaultBoth: true));
            var page = Paging.Page(context.Store, "Rates", items, r.Limitation);
            if (r.Extent is { Rates: not true })
            {
                page["Rates"] = Array.Empty<object>();
            }

            // Deprecated RateGroups: returned when Extent is omitted or asks for them (§1.7).
            page["RateGroups"] = r.Extent is null || r.Extent.RateGroups == true
                ? context.Store.RateGroupTable.All.Where(g => enterprises.Contains(g.EnterpriseId) && Check.In(r.ServiceIds, g.ServiceId)).OrderByDescending(g => g.Sequence).ToList()
                : null;
            page["AvailabilityBlockAssignments"] = r.Extent?.AvailabilityBlockAssignments == true ? Array.Empty<object>() : null;
            return page;
        });
    }

    private sealed record RateGroupsRequest(
        IReadOnlyList<Guid>? EnterpriseIds,
        IReadOnlyList<Guid>? RateGroupIds,
        IReadOnlyList<Guid>? ServiceIds,
        IReadOnlyList<string>? ExternalIdentifiers,
        TimeInterval? UpdatedUtc,
        IReadOnlyList<string>? ActivityStates,
        Limitation? Limitation);

    private static object GetRateGroups(OperationContext context)
    {
        var r = context.Read<RateGroupsRequest>();
        if (r.RateGroupIds is not { Count: > 0 } && r.ServiceIds is not { Count: > 0 })
        {
            throw ConnectorApiException.Invalid("ServiceIds");
        }

        Check.MaxCount(r.RateGroupIds, "RateGroupIds", 1000);
        Check.MaxCount(r.ServiceIds, "ServiceIds", 1000);
        Check.MaxCount(r.ExternalIdentifiers, "ExternalIdentifiers", 1000);
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        Check.AllOf(r.ActivityStates, "ActivityStates", Check.ActivityStateValues);
        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var enterprises = context.ReadEnterpriseIds(r.EnterpriseIds);
            var items = context.Store.RateGroupTable.All.Where(x =>
                enterprises.Contains(x.EnterpriseId)
                && Check.In(r.RateGroupIds, x.Id)
                && Check.In(r.ServiceIds, x.ServiceId)
                && (r.ExternalIdentifiers is not { Count: > 0 } || (x.ExternalIdentifier is not null && r.ExternalIdentifiers.Contains(x.ExternalIdentifier)))
                && (updated is null || updated.Contains(x.UpdatedUtc))
                && Check.Activity(r.ActivityStates, x.IsActive));
            return Paging.Page(context.Store, "RateGroups", items, r.Limitation);
        });
    }

    private sealed record PricingRequest(Guid? RateId, Guid? ProductId, DateTimeOffset? FirstTimeUnitStartUtc, DateTimeOffset? LastTimeUnitStartUtc);

    private static object GetPricing(OperationContext context)
    {
        var r = context.Read<PricingRequest>();
        var rateId = Check.Required(r.RateId, "RateId");
        return context.Store.Locked(() =>
        {
            var store = context.Store;
            var rate = store.RateTable.Find(rateId);
            if (rate is null || !context.Grant.EnterpriseIds.Contains(rate.EnterpriseId))
            {
                throw ConnectorApiException.Invalid("RateId");
            }

            if (r.ProductId is { } productId && store.ProductTable.Find(productId)?.EnterpriseId != rate.EnterpriseId)
            {
                throw ConnectorApiException.Invalid("ProductId");
            }

            var enterprise = store.EnterpriseTable.Find(rate.EnterpriseId)!;
            var units = TimeUnits.Range(enterprise, r.FirstTimeUnitStartUtc, r.LastTimeUnitStartUtc);
            var categories = store.ResourceCategoryTable.All
                .Where(c => c.ServiceId == rate.ServiceId && c.IsActive)
                .OrderBy(c => c.Ordering)
                .ToList();
            var baseCategory = categories.Where(c => c.PriceFactor == 1m).OrderBy(c => c.Ordering).FirstOrDefault() ?? categories[0];
            var ages = store.AgeCategoryTable.All.Where(a => a.ServiceId == rate.ServiceId).OrderBy(a => a.Sequence).ToList();
            var baseRate = rate.BaseRateId is { } baseId ? store.RateTable.Find(baseId) : null;
            var unitPrices = units.Select(u => Pricing.Night(enterprise, baseCategory, rate, u.Date, store.Seed)).ToList();
            return new
            {
                Currency = enterprise.Currency,
                TimeUnitStartsUtc = units.Select(u => u.StartUtc).ToList(),
                BaseAmountPrices = unitPrices.Select(p => Pricing.Amount(enterprise, p)).ToList(),
                CategoryPrices = categories.Select(c => new
                {
                    CategoryId = c.Id,
                    AmountPrices = units.Select(u => Pricing.Amount(enterprise, Pricing.Night(enterprise, c, rate, u.Date, store.Seed))).ToList(),
                }).ToList(),
                CategoryAdjustments = categories.Select(c => new
                {
                    CategoryId = c.Id,
                    ParentCategoryId = c.Id == baseCategory.Id ? (Guid?)null : baseCategory.Id,
                    AbsoluteValue = 0m,
                    RelativeValue = c.PriceFactor / baseCategory.PriceFactor - 1m,
                }).ToList(),
                AgeCategoryAdjustments = ages.Select(a => new
                {
                    AgeCategoryId = a.Id,
                    AbsoluteValue = a.Classification == "Adult" ? Math.Round(enterprise.BasePrice * 0.25m, 0) : Math.Round(enterprise.BasePrice * 0.12m, 0),
                    Type = "ExtraOccupancyAdjustment",
                }).ToList(),
                RelativeAdjustment = baseRate is null ? 0m : rate.PriceFactor - 1m,
                AbsoluteAdjustment = baseRate is null ? 0m : rate.PriceAddOn,
                EmptyUnitAdjustment = 0m,
                ExtraUnitAdjustment = 0m,
            };
        });
    }
}
