using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;
using UpsellAdmin.Connector.Api;
using UpsellAdmin.Connector.Models;

namespace UpsellAdmin.Connector;

/// <summary>The <see cref="IMewsGateway"/> over the two Refit clients (reads and writes have different pipelines).</summary>
public sealed partial class MewsConnectorClient(
    IMewsReadApi reads,
    IMewsWriteApi writes,
    IOptionsMonitor<ConnectorOptions> options,
    TimeProvider time,
    ILogger<MewsConnectorClient> logger) : IMewsGateway
{
    private ConnectorOptions Options => options.CurrentValue;

    private IReadOnlyList<string>? DefaultEnterpriseIds => Options.EnterpriseId is { Length: > 0 } id ? [id] : null;

    private IReadOnlyList<string>? DefaultChainIds => Options.ChainId is { Length: > 0 } id ? [id] : null;

    // ---- reference data ----

    public Task<ConfigurationResult> GetConfigurationAsync(string? enterpriseId = null, CancellationToken ct = default) =>
        ReadAsync("configuration/get", c => reads.GetConfigurationAsync(new ConfigurationRequest { EnterpriseId = enterpriseId ?? Options.EnterpriseId }, c), ct);

    public IAsyncEnumerable<Service> GetServicesAsync(ServiceFilter? filter = null, CancellationToken ct = default)
    {
        filter ??= new ServiceFilter();
        return PageAsync<ServiceFilter, Service>("services/getAll", filter with { EnterpriseIds = filter.EnterpriseIds ?? DefaultEnterpriseIds },
            async (r, c) => await reads.GetServicesAsync(r, c), ct);
    }

    public Task<AvailabilityResult> GetServiceAvailabilityAsync(AvailabilityRequest request, CancellationToken ct = default) =>
        ReadAsync("services/getAvailability/2024-01-22", c => reads.GetServiceAvailabilityAsync(request, c), ct);

    public Task<LegacyAvailabilityResult> GetLegacyServiceAvailabilityAsync(LegacyAvailabilityRequest request, CancellationToken ct = default) =>
        ReadAsync("services/getAvailability", c => reads.GetLegacyServiceAvailabilityAsync(request, c), ct);

    public IAsyncEnumerable<ResourceCategoryAssignment> GetResourceCategoryAssignmentsAsync(ResourceCategoryAssignmentFilter filter, CancellationToken ct = default) =>
        PageAsync<ResourceCategoryAssignmentFilter, ResourceCategoryAssignment>("resourceCategoryAssignments/getAll", filter with { EnterpriseIds = filter.EnterpriseIds ?? DefaultEnterpriseIds },
            async (r, c) => await reads.GetResourceCategoryAssignmentsAsync(r, c), ct);

    public IAsyncEnumerable<ResourceCategory> GetResourceCategoriesAsync(ResourceCategoryFilter filter, CancellationToken ct = default) =>
        PageAsync<ResourceCategoryFilter, ResourceCategory>("resourceCategories/getAll", filter with { EnterpriseIds = filter.EnterpriseIds ?? DefaultEnterpriseIds },
            async (r, c) => await reads.GetResourceCategoriesAsync(r, c), ct);

    public IAsyncEnumerable<Resource> GetResourcesAsync(ResourceFilter? filter = null, CancellationToken ct = default)
    {
        filter ??= new ResourceFilter();
        return PageAsync<ResourceFilter, Resource>("resources/getAll",
            filter with { EnterpriseIds = filter.EnterpriseIds ?? DefaultEnterpriseIds, Extent = filter.Extent ?? new ResourceExtent() },
            async (r, c) => await reads.GetResourcesAsync(r, c), ct);
    }

    public IAsyncEnumerable<Rate> GetRatesAsync(RateFilter filter, CancellationToken ct = default) =>
        PageAsync<RateFilter, Rate>("rates/getAll", filter with { EnterpriseIds = filter.EnterpriseIds ?? DefaultEnterpriseIds },
            async (r, c) => await reads.GetRatesAsync(r, c), ct);

    public IAsyncEnumerable<RateGroup> GetRateGroupsAsync(RateGroupFilter filter, CancellationToken ct = default) =>
        PageAsync<RateGroupFilter, RateGroup>("rateGroups/getAll", filter with { EnterpriseIds = filter.EnterpriseIds ?? DefaultEnterpriseIds },
            async (r, c) => await reads.GetRateGroupsAsync(r, c), ct);

    public Task<RatePricingResult> GetRatePricingAsync(RatePricingRequest request, CancellationToken ct = default) =>
        ReadAsync("rates/getPricing", c => reads.GetRatePricingAsync(request, c), ct);

    public IAsyncEnumerable<BusinessSegment> GetBusinessSegmentsAsync(BusinessSegmentFilter? filter = null, CancellationToken ct = default)
    {
        filter ??= new BusinessSegmentFilter();
        return PageAsync<BusinessSegmentFilter, BusinessSegment>("businessSegments/getAll", filter with { EnterpriseIds = filter.EnterpriseIds ?? DefaultEnterpriseIds },
            async (r, c) => await reads.GetBusinessSegmentsAsync(r, c), ct);
    }

    public async Task<IReadOnlyList<ExchangeRate>> GetExchangeRatesAsync(ExchangeRateFilter? filter = null, CancellationToken ct = default)
    {
        filter ??= new ExchangeRateFilter();
        var request = filter with { EnterpriseIds = filter.EnterpriseIds ?? DefaultEnterpriseIds };
        var result = await ReadAsync("exchangeRates/getAll", c => reads.GetExchangeRatesAsync(request, c), ct).ConfigureAwait(false);
        return result.ExchangeRates ?? [];
    }

    public IAsyncEnumerable<Source> GetSourcesAsync(SourceFilter? filter = null, CancellationToken ct = default) =>
        PageAsync<SourceFilter, Source>("sources/getAll", filter ?? new SourceFilter(), async (r, c) => await reads.GetSourcesAsync(r, c), ct);

    public IAsyncEnumerable<SourceAssignment> GetSourceAssignmentsAsync(SourceAssignmentFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter = filter with { EnterpriseIds = filter.EnterpriseIds ?? DefaultEnterpriseIds };
        return filter.ReservationIds is { Count: > MaxSourceAssignmentReservationIds } ids
            ? GetSourceAssignmentsInBatchesAsync(filter, ids, ct)
            : PageSourceAssignmentsAsync(filter, ct);
    }

    /// <summary>sourceAssignments/getAll/2024-09-20 takes at most 100 ReservationIds per call.</summary>
    private const int MaxSourceAssignmentReservationIds = 100;

    private IAsyncEnumerable<SourceAssignment> PageSourceAssignmentsAsync(SourceAssignmentFilter filter, CancellationToken ct) =>
        PageAsync<SourceAssignmentFilter, SourceAssignment>("sourceAssignments/getAll/2024-09-20", filter,
            async (r, c) => await reads.GetSourceAssignmentsAsync(r, c), ct);

    private async IAsyncEnumerable<SourceAssignment> GetSourceAssignmentsInBatchesAsync(SourceAssignmentFilter filter, IReadOnlyList<string> reservationIds,
        [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var batch in reservationIds.Distinct(StringComparer.Ordinal).Chunk(MaxSourceAssignmentReservationIds))
        {
            await foreach (var assignment in PageSourceAssignmentsAsync(filter with { ReservationIds = batch }, ct).ConfigureAwait(false))
                yield return assignment;
        }
    }

    public IAsyncEnumerable<Product> GetProductsAsync(ProductFilter filter, CancellationToken ct = default) =>
        PageAsync<ProductFilter, Product>("products/getAll", filter with { EnterpriseIds = filter.EnterpriseIds ?? DefaultEnterpriseIds },
            async (r, c) => await reads.GetProductsAsync(r, c), ct);

    public IAsyncEnumerable<AccountingCategory> GetAccountingCategoriesAsync(AccountingCategoryFilter? filter = null, CancellationToken ct = default)
    {
        filter ??= new AccountingCategoryFilter();
        return PageAsync<AccountingCategoryFilter, AccountingCategory>("accountingCategories/getAll", filter with { EnterpriseIds = filter.EnterpriseIds ?? DefaultEnterpriseIds },
            async (r, c) => await reads.GetAccountingCategoriesAsync(r, c), ct);
    }

    // ---- reservations and customers ----

    public IAsyncEnumerable<Reservation> GetReservationsAsync(ReservationFilter filter, CancellationToken ct = default) =>
        PageAsync<ReservationFilter, Reservation>("reservations/getAll/2023-06-06", filter with { EnterpriseIds = filter.EnterpriseIds ?? DefaultEnterpriseIds },
            async (r, c) => await reads.GetReservationsAsync(r, c), ct);

    public IAsyncEnumerable<Customer> GetCustomersAsync(CustomerFilter filter, CancellationToken ct = default) =>
        PageAsync<CustomerFilter, Customer>("customers/getAll",
            filter with { ChainIds = filter.ChainIds ?? DefaultChainIds, Extent = filter.Extent ?? new CustomerExtent() },
            async (r, c) => await reads.GetCustomersAsync(r, c), ct);

    public async Task<IReadOnlyList<CustomerSearchItem>> SearchCustomersAsync(CustomerSearchRequest request, CancellationToken ct = default) =>
        (await ReadAsync("customers/search", c => reads.SearchCustomersAsync(request, c), ct).ConfigureAwait(false)).Customers ?? [];

    public async Task<IReadOnlyList<string>> AddReservationProductAsync(ReservationProductAddition addition, CancellationToken ct = default)
    {
        const string operation = "reservations/addProduct";
        var result = await WriteOnceAsync(operation, c => writes.AddReservationProductAsync(addition, c),
            $"Check the items of reservation {addition.ReservationId} for product {addition.ProductId} in Mews before posting it again.",
            [], ct).ConfigureAwait(false);
        return result.ItemIds ?? [];
    }

    public async Task<IReadOnlyList<ReservationLegacy>> UpdateReservationsAsync(ReservationsUpdate update, CancellationToken ct = default)
    {
        var request = update with { EnterpriseId = update.EnterpriseId ?? Options.EnterpriseId };
        var result = await WriteOnceAsync("reservations/update", c => writes.UpdateReservationsAsync(request, c),
            "Re-read the reservations (reservations/getAll) to see whether the update applied; the update sets absolute values, so re-sending it is harmless once checked.",
            [], ct).ConfigureAwait(false);
        return result.Reservations ?? [];
    }

    public async Task<string> AddOrderAsync(OrderAddition order, CancellationToken ct = default)
    {
        // Give every line an ExternalIdentifier: Mews stores it on the order item, so an unknown outcome can be checked.
        var request = order with
        {
            EnterpriseId = order.EnterpriseId ?? Options.EnterpriseId,
            ProductOrders = order.ProductOrders?.Select(p => p with { ExternalIdentifier = p.ExternalIdentifier ?? NewExternalIdentifier() }).ToList(),
            Items = order.Items?.Select(i => i with { ExternalIdentifier = i.ExternalIdentifier ?? NewExternalIdentifier() }).ToList(),
        };
        var externalIds = (request.ProductOrders ?? []).Select(p => p.ExternalIdentifier!)
            .Concat((request.Items ?? []).Select(i => i.ExternalIdentifier!)).ToList();
        var sentAt = time.GetUtcNow();
        var guidance = $"Check the order items of account {order.AccountId} (orderItems/getAll by AccountIds) for the ExternalIdentifiers {string.Join(", ", externalIds)} before posting the order again.";
        var orderIds = await AddReconcilingAsync<OrderAddition, string>("orders/add", [request],
            async (_, c) => [(await writes.AddOrderAsync(request, c)).OrderId
                ?? throw new MewsApiException("orders/add", HttpStatusCode.OK, "Mews answered without an OrderId.", null)],
            async (_, c) =>
            {
                // The order landed if Mews has order items of this account carrying our identifiers.
                var items = await ToListAsync(GetOrderItemsAsync(new OrderItemFilter
                {
                    EnterpriseIds = request.EnterpriseId is { } enterprise ? [enterprise] : null,
                    AccountIds = [order.AccountId],
                    CreatedUtc = new TimeInterval(sentAt.AddMinutes(-5), time.GetUtcNow().AddMinutes(5)),
                }, c), c);
                var found = items.Where(i => i.ExternalIdentifier is { } id && externalIds.Contains(id)).ToList();
                if (found.Count == 0)
                    return [];
                if (found.Select(i => i.ExternalIdentifier).Distinct().Count() == externalIds.Count && found.Select(i => i.ServiceOrderId).Distinct().Count() == 1)
                    return [found[0].ServiceOrderId!];
                throw new MewsOutcomeUnknownException("orders/add", "Only part of the order's lines were found. " + guidance, externalIds, null);
            },
            (_, _) => true,
            ct, externalIds, guidance).ConfigureAwait(false);
        return orderIds[0];
    }

    public async Task<string> AddOrderOnceAsync(OrderAddition order, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var request = order with { EnterpriseId = order.EnterpriseId ?? Options.EnterpriseId };
        var externalIds = (request.ProductOrders ?? []).Select(p => p.ExternalIdentifier).Concat((request.Items ?? []).Select(i => i.ExternalIdentifier)).ToList();
        if (externalIds.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Every line sent with AddOrderOnceAsync needs its ExternalIdentifier: it is how the caller finds it later.", nameof(order));
        }
        var result = await WriteOnceAsync("orders/add", c => writes.AddOrderAsync(request, c),
            $"Look the lines up by their ExternalIdentifiers ({string.Join(", ", externalIds)}) with orderItems/getAll before posting them again.",
            externalIds!, ct).ConfigureAwait(false);
        return result.OrderId ?? throw new MewsApiException("orders/add", HttpStatusCode.OK, "Mews answered without an OrderId.", null);
    }

    public IAsyncEnumerable<OrderItem> GetOrderItemsAsync(OrderItemFilter filter, CancellationToken ct = default) =>
        PageAsync<OrderItemFilter, OrderItem>("orderItems/getAll", filter with { EnterpriseIds = filter.EnterpriseIds ?? DefaultEnterpriseIds },
            async (r, c) => await reads.GetOrderItemsAsync(r, c), ct);

    public Task CancelOrderItemsAsync(IReadOnlyList<string> orderItemIds, string? enterpriseId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(orderItemIds);
        if (orderItemIds.Count is < 1 or > 10)
        {
            throw new ArgumentException("orderItems/cancel takes 1 to 10 order item ids.", nameof(orderItemIds));
        }

        var request = new CancelOrderItemsRequest { EnterpriseId = enterpriseId ?? Options.EnterpriseId, OrderItemIds = orderItemIds };
        return WriteOnceAsync("orderItems/cancel", c => writes.CancelOrderItemsAsync(request, c),
            $"Read the order items {string.Join(", ", orderItemIds)} (orderItems/getAll by OrderItemIds) and cancel only those not yet Canceled.",
            [], ct);
    }

    // ---- loyalty ----

    public IAsyncEnumerable<LoyaltyProgram> GetLoyaltyProgramsAsync(LoyaltyProgramFilter? filter = null, CancellationToken ct = default)
    {
        filter ??= new LoyaltyProgramFilter();
        return PageAsync<LoyaltyProgramFilter, LoyaltyProgram>("loyaltyPrograms/getAll", filter with { ChainIds = filter.ChainIds ?? DefaultChainIds },
            async (r, c) => await reads.GetLoyaltyProgramsAsync(r, c), ct);
    }

    public Task<IReadOnlyList<LoyaltyProgram>> AddLoyaltyProgramsAsync(IReadOnlyList<LoyaltyProgramAddition> programs, CancellationToken ct = default) =>
        AddReconcilingAsync("loyaltyPrograms/add", programs,
            async (pending, c) => (await writes.AddLoyaltyProgramsAsync(new AddLoyaltyProgramsRequest { ChainId = Options.ChainId, LoyaltyPrograms = pending }, c)).LoyaltyPrograms ?? [],
            (pending, c) => ToListAsync(GetLoyaltyProgramsAsync(new LoyaltyProgramFilter { Codes = pending.Select(p => p.Code).Distinct().ToList() }, c), c),
            (added, found) => string.Equals(added.Code, found.Code, StringComparison.Ordinal),
            ct);

    public async Task<IReadOnlyList<LoyaltyProgram>> UpdateLoyaltyProgramsAsync(IReadOnlyList<LoyaltyProgramUpdate> updates, CancellationToken ct = default) =>
        (await WriteOnceAsync("loyaltyPrograms/update",
            c => writes.UpdateLoyaltyProgramsAsync(new UpdateLoyaltyProgramsRequest { ChainId = Options.ChainId, LoyaltyProgramUpdates = updates }, c),
            UpdateGuidance("loyalty programs"), [], ct).ConfigureAwait(false)).LoyaltyPrograms ?? [];

    public Task DeleteLoyaltyProgramsAsync(IReadOnlyList<string> loyaltyProgramIds, CancellationToken ct = default) =>
        WriteOnceAsync("loyaltyPrograms/delete", c => writes.DeleteLoyaltyProgramsAsync(new DeleteLoyaltyProgramsRequest { LoyaltyProgramIds = loyaltyProgramIds }, c),
            DeleteGuidance("loyalty programs"), [], ct);

    public IAsyncEnumerable<LoyaltyTier> GetLoyaltyTiersAsync(LoyaltyTierFilter filter, CancellationToken ct = default) =>
        PageAsync<LoyaltyTierFilter, LoyaltyTier>("loyaltyTiers/getAll", filter with { ChainIds = filter.ChainIds ?? DefaultChainIds },
            async (r, c) => await reads.GetLoyaltyTiersAsync(r, c), ct);

    public Task<IReadOnlyList<LoyaltyTier>> AddLoyaltyTiersAsync(IReadOnlyList<LoyaltyTierAddition> tiers, CancellationToken ct = default) =>
        AddReconcilingAsync("loyaltyTiers/add", tiers,
            async (pending, c) => (await writes.AddLoyaltyTiersAsync(new AddLoyaltyTiersRequest { ChainId = Options.ChainId, LoyaltyTiers = pending }, c)).LoyaltyTiers ?? [],
            (pending, c) => ToListAsync(GetLoyaltyTiersAsync(new LoyaltyTierFilter { LoyaltyProgramIds = pending.Select(t => t.LoyaltyProgramId).Distinct().ToList() }, c), c),
            (added, found) => added.LoyaltyProgramId == found.LoyaltyProgramId && string.Equals(added.Code, found.Code, StringComparison.Ordinal),
            ct);

    public async Task<IReadOnlyList<LoyaltyTier>> UpdateLoyaltyTiersAsync(IReadOnlyList<LoyaltyTierUpdate> updates, CancellationToken ct = default) =>
        (await WriteOnceAsync("loyaltyTiers/update",
            c => writes.UpdateLoyaltyTiersAsync(new UpdateLoyaltyTiersRequest { LoyaltyTierUpdates = updates }, c),
            UpdateGuidance("loyalty tiers"), [], ct).ConfigureAwait(false)).LoyaltyTiers ?? [];

    public Task DeleteLoyaltyTiersAsync(IReadOnlyList<string> loyaltyTierIds, CancellationToken ct = default) =>
        WriteOnceAsync("loyaltyTiers/delete", c => writes.DeleteLoyaltyTiersAsync(new DeleteLoyaltyTiersRequest { LoyaltyTierIds = loyaltyTierIds }, c),
            DeleteGuidance("loyalty tiers"), [], ct);

    public IAsyncEnumerable<LoyaltyMembership> GetLoyaltyMembershipsAsync(LoyaltyMembershipFilter? filter = null, CancellationToken ct = default)
    {
        filter ??= new LoyaltyMembershipFilter();
        return PageAsync<LoyaltyMembershipFilter, LoyaltyMembership>("loyaltyMemberships/getAll", filter with { ChainIds = filter.ChainIds ?? DefaultChainIds },
            async (r, c) => await reads.GetLoyaltyMembershipsAsync(r, c), ct);
    }

    public Task<IReadOnlyList<LoyaltyMembership>> AddLoyaltyMembershipsAsync(IReadOnlyList<LoyaltyMembershipAddition> memberships, CancellationToken ct = default) =>
        AddReconcilingAsync("loyaltyMemberships/add", memberships,
            async (pending, c) => (await writes.AddLoyaltyMembershipsAsync(new AddLoyaltyMembershipsRequest { ChainId = Options.ChainId, LoyaltyMemberships = pending }, c)).LoyaltyMemberships ?? [],
            (pending, c) => ToListAsync(GetLoyaltyMembershipsAsync(new LoyaltyMembershipFilter
            {
                AccountIds = pending.Select(m => m.AccountId).Distinct().ToList(),
                LoyaltyProgramIds = pending.Select(m => m.LoyaltyProgramId).Distinct().ToList(),
            }, c), c),
            (added, found) => added.AccountId == found.AccountId && added.LoyaltyProgramId == found.LoyaltyProgramId
                && (added.MembershipNumber is null || added.MembershipNumber == found.MembershipNumber),
            ct);

    public async Task<IReadOnlyList<LoyaltyMembership>> UpdateLoyaltyMembershipsAsync(IReadOnlyList<LoyaltyMembershipUpdate> updates, CancellationToken ct = default) =>
        (await WriteOnceAsync("loyaltyMemberships/update",
            c => writes.UpdateLoyaltyMembershipsAsync(new UpdateLoyaltyMembershipsRequest { ChainId = Options.ChainId, LoyaltyMembershipUpdates = updates }, c),
            UpdateGuidance("loyalty memberships"), [], ct).ConfigureAwait(false)).LoyaltyMemberships ?? [];

    public Task DeleteLoyaltyMembershipsAsync(IReadOnlyList<string> loyaltyMembershipIds, CancellationToken ct = default) =>
        WriteOnceAsync("loyaltyMemberships/delete",
            c => writes.DeleteLoyaltyMembershipsAsync(new DeleteLoyaltyMembershipsRequest { ChainId = Options.ChainId, LoyaltyMembershipIds = loyaltyMembershipIds }, c),
            DeleteGuidance("loyalty memberships"), [], ct);

    // ---- machinery ----

    private static string UpdateGuidance(string what) =>
        $"Re-read the {what} to see whether the update applied; an update sets absolute values, so re-sending it is harmless once checked.";

    private static string DeleteGuidance(string what) => $"Re-read the {what} to see whether they are still there before deleting again.";

    private static string NewExternalIdentifier() => "ua-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Follows the cursor: pages of <c>Count</c> items until Mews returns fewer than <c>Count</c> items or no cursor.
    /// </summary>
    private async IAsyncEnumerable<TItem> PageAsync<TFilter, TItem>(string operation, TFilter filter,
        Func<TFilter, CancellationToken, Task<IPagedResult<TItem>>> fetch, [EnumeratorCancellation] CancellationToken ct)
        where TFilter : PagedRequest
    {
        var count = filter.Limitation?.Count is >= 1 and <= 1000 ? filter.Limitation.Count : Options.PageSize;
        var cursor = filter.Limitation?.Cursor;
        var pages = 0;
        while (true)
        {
            var request = (TFilter)((PagedRequest)filter with { Limitation = new Limitation(count, cursor) });
            var page = await ReadAsync(operation, c => fetch(request, c), ct).ConfigureAwait(false);
            pages++;
            var items = page.Items ?? [];
            foreach (var item in items)
                yield return item;
            if (page.Cursor is null || items.Count < count)
            {
                LogPagingDone(operation, pages);
                yield break;
            }

            if (page.Cursor == cursor)
                throw new MewsApiException(operation, HttpStatusCode.OK, "Mews returned the same cursor twice; paging stopped to avoid a loop.", null);
            cursor = page.Cursor;
        }
    }

    private async Task<T> ReadAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(operation, e, ct) is { } failure)
        {
            LogCallFailed(operation, (int?)failure.StatusCode, failure.MewsMessage, failure.RequestId);
            if (ReferenceEquals(failure, e))
                throw;
            throw failure;
        }
    }

    /// <summary>A write sent once; an ambiguous failure becomes <see cref="MewsOutcomeUnknownException"/>.</summary>
    private async Task<T> WriteOnceAsync<T>(string operation, Func<CancellationToken, Task<T>> call, string guidance,
        IReadOnlyList<string> externalIdentifiers, CancellationToken ct)
    {
        try
        {
            return await call(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(operation, e, ct) is { } failure)
        {
            if (IsAmbiguous(failure))
            {
                LogOutcomeUnknown(operation, failure.MewsMessage, failure.RequestId);
                throw new MewsOutcomeUnknownException(operation, guidance, externalIdentifiers, failure);
            }

            LogCallFailed(operation, (int?)failure.StatusCode, failure.MewsMessage, failure.RequestId);
            if (ReferenceEquals(failure, e))
                throw;
            throw failure;
        }
    }

    /// <summary>
    /// Sends an add; if its outcome is unknown, looks up what it would have created (§4.1 of the API notes) and only
    /// re-sends what is provably missing, at most <see cref="ConnectorOptions.MaxResendsAfterLookup"/> times.
    /// </summary>
    private async Task<IReadOnlyList<TResult>> AddReconcilingAsync<TAdd, TResult>(string operation, IReadOnlyList<TAdd> additions,
        Func<IReadOnlyList<TAdd>, CancellationToken, Task<IReadOnlyList<TResult>>> send,
        Func<IReadOnlyList<TAdd>, CancellationToken, Task<IReadOnlyList<TResult>>> lookup,
        Func<TAdd, TResult, bool> matches, CancellationToken ct,
        IReadOnlyList<string>? externalIdentifiers = null, string? guidance = null)
    {
        externalIdentifiers ??= [];
        var results = new List<TResult>();
        var pending = additions;
        for (var resends = 0; ; resends++)
        {
            MewsApiException failure;
            try
            {
                results.AddRange(await send(pending, ct).ConfigureAwait(false));
                return results;
            }
            catch (Exception e) when (Translate(operation, e, ct) is { } translated)
            {
                if (!IsAmbiguous(translated))
                {
                    LogCallFailed(operation, (int?)translated.StatusCode, translated.MewsMessage, translated.RequestId);
                    if (ReferenceEquals(translated, e))
                        throw;
                    throw translated;
                }

                failure = translated;
            }

            LogReconciling(operation, failure.MewsMessage, failure.RequestId, pending.Count);
            IReadOnlyList<TResult> found;
            try
            {
                if (Options.ReconcileDelay > TimeSpan.Zero)
                    await Task.Delay(Options.ReconcileDelay, time, ct).ConfigureAwait(false);
                found = await lookup(pending, ct).ConfigureAwait(false);
            }
            catch (MewsOutcomeUnknownException)
            {
                LogOutcomeUnknown(operation, failure.MewsMessage, failure.RequestId);
                throw;
            }
            catch (MewsApiException lookupFailure)
            {
                LogOutcomeUnknown(operation, failure.MewsMessage, failure.RequestId);
                throw new MewsOutcomeUnknownException(operation,
                    $"Looking the write up failed too ({lookupFailure.MewsMessage}). " + (guidance ?? "List the items in Mews before adding them again."),
                    externalIdentifiers, failure);
            }

            var applied = found.Where(f => pending.Any(p => matches(p, f))).ToList();
            results.AddRange(applied);
            pending = pending.Where(p => !found.Any(f => matches(p, f))).ToList();
            LogReconciled(operation, applied.Count, pending.Count);
            if (pending.Count == 0)
                return results;
            if (resends >= Options.MaxResendsAfterLookup)
            {
                LogOutcomeUnknown(operation, failure.MewsMessage, failure.RequestId);
                throw new MewsOutcomeUnknownException(operation,
                    $"{pending.Count} item(s) were not found after the write failed ambiguously and were not sent again. " + (guidance ?? "List them in Mews before adding them again."),
                    externalIdentifiers, failure);
            }
        }
    }

    private static bool IsAmbiguous(MewsApiException failure) =>
        failure is not MewsOutcomeUnknownException
        && (failure.StatusCode is null or HttpStatusCode.RequestTimeout || (int)failure.StatusCode >= 500)
        && failure.InnerException is not HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };

    /// <summary>
    /// Turns what a call can throw into <see cref="MewsApiException"/>; returns null (let it fly) for the caller's own
    /// cancellation.
    /// </summary>
    private static MewsApiException? Translate(string operation, Exception e, CancellationToken ct)
    {
        if (e is OperationCanceledException && ct.IsCancellationRequested)
            return null;
        if (e is ApiRequestException { InnerException: { } inner })
            e = inner;
        return e switch
        {
            MewsApiException mews => mews,
            ApiException api => new MewsApiException(operation, api.StatusCode, "Mews answered with a body the gateway could not read.", null, null, api),
            TimeoutRejectedException => new MewsApiException(operation, null, "Mews did not answer in time.", null, null, e),
            BrokenCircuitException => new MewsApiException(operation, null, "Mews calls are suspended after repeated failures (circuit open).", null, null, e),
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => new MewsApiException(operation, null, "Mews could not be reached.", null, null, e),
            HttpRequestException or IOException => new MewsApiException(operation, null, "The connection to Mews failed: " + e.Message, null, null, e),
            OperationCanceledException => new MewsApiException(operation, null, "Mews did not answer in time.", null, null, e),
            _ => null,
        };
    }

    private static async Task<IReadOnlyList<T>> ToListAsync<T>(IAsyncEnumerable<T> items, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(ct).ConfigureAwait(false))
            list.Add(item);
        return list;
    }

    [LoggerMessage(LogLevel.Debug, "Mews {Operation} paged to the end in {Pages} page(s)")]
    private partial void LogPagingDone(string operation, int pages);

    [LoggerMessage(LogLevel.Error, "Mews {Operation} failed with {StatusCode}: {MewsMessage} (RequestId {RequestId})")]
    private partial void LogCallFailed(string operation, int? statusCode, string mewsMessage, string? requestId);

    [LoggerMessage(LogLevel.Error, "Mews {Operation} outcome unknown ({MewsMessage}, RequestId {RequestId}); not re-sent")]
    private partial void LogOutcomeUnknown(string operation, string mewsMessage, string? requestId);

    [LoggerMessage(LogLevel.Warning, "Mews {Operation} outcome unknown ({MewsMessage}, RequestId {RequestId}); looking up {Count} item(s) before any re-send")]
    private partial void LogReconciling(string operation, string mewsMessage, string? requestId, int count);

    [LoggerMessage(LogLevel.Information, "Mews {Operation} reconciled: {Applied} item(s) found applied, {Missing} missing")]
    private partial void LogReconciled(string operation, int applied, int missing);
}
