namespace UpsellAdmin.ConnectorSimulator.Operations;

/// <summary>
/// Configuration-type reads: <c>resourceCategories/getAll</c>, <c>resources/getAll</c>, <c>businessSegments/getAll</c>,
/// <c>sources/getAll</c>, <c>products/getAll</c>, <c>accountingCategories/getAll</c> (§2.5–2.7, 2.11, 2.19).
/// </summary>
internal static class CatalogueOperations
{
    public static void Register(OperationRegistry registry)
    {
        registry.Read("resourceCategories/getAll", GetResourceCategories);
        registry.Read("resources/getAll", GetResources);
        registry.Read("resourceCategoryAssignments/getAll", GetResourceCategoryAssignments);
        registry.Read("businessSegments/getAll", GetBusinessSegments);
        registry.Read("sources/getAll", GetSources);
        registry.Read("products/getAll", GetProducts);
        registry.Read("accountingCategories/getAll", GetAccountingCategories);
        registry.Read("ageCategories/getAll", GetAgeCategories);
    }

    private sealed record AgeCategoriesRequest(
        IReadOnlyList<Guid>? EnterpriseIds,
        IReadOnlyList<Guid>? AgeCategoryIds,
        IReadOnlyList<Guid>? ServiceIds,
        TimeInterval? UpdatedUtc,
        IReadOnlyList<string>? ActivityStates,
        Limitation? Limitation);

    /// <summary><c>ageCategories/getAll</c> (§2.19): the AgeCategoryIds of PersonCounts. ServiceIds default to all bookable services.</summary>
    private static object GetAgeCategories(OperationContext context)
    {
        var r = context.Read<AgeCategoriesRequest>();
        Check.MaxCount(r.AgeCategoryIds, "AgeCategoryIds", 1000);
        Check.MaxCount(r.ServiceIds, "ServiceIds", 1000);
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        Check.AllOf(r.ActivityStates, "ActivityStates", Check.ActivityStateValues);
        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var enterprises = context.ReadEnterpriseIds(r.EnterpriseIds);
            var items = context.Store.AgeCategoryTable.All.Where(x =>
                enterprises.Contains(x.EnterpriseId)
                && Check.In(r.AgeCategoryIds, x.Id)
                && Check.In(r.ServiceIds, x.ServiceId)
                && (updated is null || updated.Contains(x.UpdatedUtc))
                && Check.Activity(r.ActivityStates, x.IsActive));
            return Paging.Page(context.Store, "AgeCategories", items, r.Limitation);
        });
    }

    private sealed record ResourceCategoriesRequest(
        IReadOnlyList<Guid>? EnterpriseIds,
        IReadOnlyList<Guid>? ResourceCategoryIds,
        IReadOnlyList<Guid>? ServiceIds,
        TimeInterval? UpdatedUtc,
        IReadOnlyList<string>? ActivityStates,
        Limitation? Limitation);

    private static object GetResourceCategories(OperationContext context)
    {
        var r = context.Read<ResourceCategoriesRequest>();
        Check.MaxCount(r.ResourceCategoryIds, "ResourceCategoryIds", 1000);
        Check.RequiredList(r.ServiceIds, "ServiceIds");
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        Check.AllOf(r.ActivityStates, "ActivityStates", Check.ActivityStateValues);
        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var enterprises = context.ReadEnterpriseIds(r.EnterpriseIds);
            var items = context.Store.ResourceCategoryTable.All.Where(x =>
                enterprises.Contains(x.EnterpriseId)
                && Check.In(r.ServiceIds, x.ServiceId)
                && Check.In(r.ResourceCategoryIds, x.Id)
                && (updated is null || updated.Contains(x.UpdatedUtc))
                && Check.Activity(r.ActivityStates, x.IsActive));
            return Paging.Page(context.Store, "ResourceCategories", items, r.Limitation);
        });
    }

    private sealed record ResourceCategoryAssignmentsRequest(
        IReadOnlyList<Guid>? EnterpriseIds,
        IReadOnlyList<Guid>? ResourceCategoryIds,
        IReadOnlyList<Guid>? ResourceIds,
        IReadOnlyList<Guid>? ResourceCategoryAssignmentIds,
        TimeInterval? UpdatedUtc,
        IReadOnlyList<string>? ActivityStates,
        Limitation? Limitation);

    /// <summary>
    /// <c>resourceCategoryAssignments/getAll</c> (§2.6, resourcecategories.md): which category each room belongs to.
    /// <c>ResourceCategoryIds</c> is required (≤ 1000).
    /// </summary>
    private static object GetResourceCategoryAssignments(OperationContext context)
    {
        var r = context.Read<ResourceCategoryAssignmentsRequest>();
        Check.RequiredList(r.ResourceCategoryIds, "ResourceCategoryIds");
        Check.MaxCount(r.ResourceIds, "ResourceIds", 1000);
        Check.MaxCount(r.ResourceCategoryAssignmentIds, "ResourceCategoryAssignmentIds", 1000);
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        Check.AllOf(r.ActivityStates, "ActivityStates", Check.ActivityStateValues);
        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var enterprises = context.ReadEnterpriseIds(r.EnterpriseIds);
            var items = context.Store.ResourceCategoryAssignmentTable.All.Where(x =>
                enterprises.Contains(x.EnterpriseId)
                && Check.In(r.ResourceCategoryIds, x.CategoryId)
                && Check.In(r.ResourceIds, x.ResourceId)
                && Check.In(r.ResourceCategoryAssignmentIds, x.Id)
                && (updated is null || updated.Contains(x.UpdatedUtc))
                && Check.Activity(r.ActivityStates, x.IsActive));
            return Paging.Page(context.Store, "ResourceCategoryAssignments", items, r.Limitation);
        });
    }

    private sealed record ResourceExtent(bool? Resources, bool? Inactive);

    private sealed record ResourcesRequest(
        IReadOnlyList<Guid>? EnterpriseIds,
        IReadOnlyList<Guid>? ResourceIds,
        IReadOnlyList<string>? Names,
        ResourceExtent? Extent,
        TimeInterval? CreatedUtc,
        TimeInterval? UpdatedUtc,
        Limitation? Limitation);

    private static object GetResources(OperationContext context)
    {
        var r = context.Read<ResourcesRequest>();
        var extent = Check.Required(r.Extent, "Extent");
        Check.MaxCount(r.ResourceIds, "ResourceIds", 1000);
        Check.MaxCount(r.Names, "Names", 1000);
        var created = Check.Interval(r.CreatedUtc, "CreatedUtc");
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var enterprises = context.ReadEnterpriseIds(r.EnterpriseIds);
            var items = context.Store.ResourceTable.All.Where(x =>
                enterprises.Contains(x.EnterpriseId)
                && Check.In(r.ResourceIds, x.Id)
                && Check.In(r.Names, x.Name)
                && (created is null || created.Contains(x.CreatedUtc))
                && (updated is null || updated.Contains(x.UpdatedUtc))
                && (x.IsActive || extent.Inactive == true));
            var page = Paging.Page(context.Store, "Resources", items, r.Limitation);
            if (extent.Resources != true)
            {
                page["Resources"] = Array.Empty<object>();
            }

            // Deprecated extents come back as null (§2.7).
            page["ResourceCategories"] = null;
            page["ResourceCategoryAssignments"] = null;
            page["ResourceCategoryImageAssignments"] = null;
            page["ResourceFeatures"] = null;
            page["ResourceFeatureAssignments"] = null;
            return page;
        });
    }

    private sealed record BusinessSegmentsRequest(
        IReadOnlyList<Guid>? EnterpriseIds,
        IReadOnlyList<Guid>? Ids,
        IReadOnlyList<Guid>? ServiceIds,
        TimeInterval? UpdatedUtc,
        IReadOnlyList<string>? ActivityStates,
        Limitation? Limitation);

    private static object GetBusinessSegments(OperationContext context)
    {
        var r = context.Read<BusinessSegmentsRequest>();
        Check.MaxCount(r.Ids, "Ids", 1000);
        Check.MaxCount(r.ServiceIds, "ServiceIds", 1000);
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        Check.AllOf(r.ActivityStates, "ActivityStates", Check.ActivityStateValues);
        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var enterprises = context.ReadEnterpriseIds(r.EnterpriseIds);
            var items = context.Store.BusinessSegmentTable.All.Where(x =>
                enterprises.Contains(x.EnterpriseId)
                && Check.In(r.Ids, x.Id)
                && Check.In(r.ServiceIds, x.ServiceId)
                && (updated is null || updated.Contains(x.UpdatedUtc))
                && Check.Activity(r.ActivityStates, x.IsActive));
            return Paging.Page(context.Store, "BusinessSegments", items, r.Limitation);
        });
    }

    private sealed record SourcesRequest(IReadOnlyList<Guid>? SourceIds, TimeInterval? UpdatedUtc, Limitation? Limitation);

    private static object GetSources(OperationContext context)
    {
        var r = context.Read<SourcesRequest>();
        Check.MaxCount(r.SourceIds, "SourceIds", 1000);
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var items = context.Store.SourceTable.All.Where(x =>
                Check.In(r.SourceIds, x.Id) && (updated is null || updated.Contains(x.UpdatedUtc)));
            return Paging.Page(context.Store, "Sources", items, r.Limitation);
        });
    }

    private sealed record ProductsRequest(
        IReadOnlyList<Guid>? EnterpriseIds,
        IReadOnlyList<Guid>? ProductIds,
        IReadOnlyList<Guid>? ServiceIds,
        TimeInterval? UpdatedUtc,
        bool? IncludeDefault,
        Limitation? Limitation);

    private static object GetProducts(OperationContext context)
    {
        var r = context.Read<ProductsRequest>();
        Check.MaxCount(r.ProductIds, "ProductIds", 1000);
        Check.RequiredList(r.ServiceIds, "ServiceIds");
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        Paging.Validate(r.Limitation);
        var includeDefault = r.IncludeDefault ?? r.ProductIds is { Count: > 0 };
        return context.Store.Locked(() =>
        {
            var enterprises = context.ReadEnterpriseIds(r.EnterpriseIds);
            var items = context.Store.ProductTable.All.Where(x =>
                enterprises.Contains(x.EnterpriseId)
                && Check.In(r.ServiceIds, x.ServiceId)
                && Check.In(r.ProductIds, x.Id)
                && (includeDefault || !x.IsDefault)
                && (updated is null || updated.Contains(x.UpdatedUtc)));
            var page = Paging.Page(context.Store, "Products", items, r.Limitation);
            page["CustomerProducts"] = Array.Empty<object>();
            return page;
        });
    }

    private sealed record AccountingCategoriesRequest(
        IReadOnlyList<Guid>? EnterpriseIds,
        IReadOnlyList<Guid>? AccountingCategoryIds,
        TimeInterval? UpdatedUtc,
        IReadOnlyList<string>? ActivityStates,
        Limitation? Limitation);

    private static object GetAccountingCategories(OperationContext context)
    {
        var r = context.Read<AccountingCategoriesRequest>();
        Check.MaxCount(r.AccountingCategoryIds, "AccountingCategoryIds", 1000);
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        Check.AllOf(r.ActivityStates, "ActivityStates", Check.ActivityStateValues);
        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var enterprises = context.ReadEnterpriseIds(r.EnterpriseIds);
            var items = context.Store.AccountingCategoryTable.All.Where(x =>
                enterprises.Contains(x.EnterpriseId)
                && Check.In(r.AccountingCategoryIds, x.Id)
                && (updated is null || updated.Contains(x.UpdatedUtc))
                && Check.Activity(r.ActivityStates, x.IsActive));
            return Paging.Page(context.Store, "AccountingCategories", items, r.Limitation);
        });
    }
}
