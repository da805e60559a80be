using UpsellAdmin.Connector.Models;

namespace UpsellAdmin.Connector;

/// <summary>
/// The web app's entry to Mews. getAll operations are async streams that follow the Mews cursor to the end (pages of
/// <see cref="ConnectorOptions.PageSize"/>); stop enumerating to stop paging. Every call stays inside the AccessToken's
/// request budget, retries what is safe, and fails with <see cref="MewsApiException"/> (status, Mews Message,
/// RequestId). Writes are never blindly re-sent: adds whose outcome is unknown are looked up, and when that cannot
/// settle it <see cref="MewsOutcomeUnknownException"/> says what to check. Portfolio tokens: EnterpriseId(s) and
/// ChainId(s) left null are filled from <see cref="ConnectorOptions"/>.
/// </summary>
public interface IMewsGateway
{
    // ---- reference data ----

    /// <summary>configuration/get: enterprise time zone, currencies, Gross/Net pricing, ChainId.</summary>
    Task<ConfigurationResult> GetConfigurationAsync(string? enterpriseId = null, CancellationToken ct = default);

    /// <summary>services/getAll. The room service is the one with <see cref="Service.IsBookableByDay"/>.</summary>
    IAsyncEnumerable<Service> GetServicesAsync(ServiceFilter? filter = null, CancellationToken ct = default);

    /// <summary>services/getAvailability/2024-01-22: metrics per room type per time unit (occupancy).</summary>
    Task<AvailabilityResult> GetServiceAvailabilityAsync(AvailabilityRequest request, CancellationToken ct = default);

    /// <summary>
    /// services/getAvailability (legacy): rooms still available per room type per time unit, adjustments applied
    /// (the operation Mews' upsell use case links for upgrade availability).
    /// </summary>
    Task<LegacyAvailabilityResult> GetLegacyServiceAvailabilityAsync(LegacyAvailabilityRequest request, CancellationToken ct = default);

    /// <summary>resourceCategoryAssignments/getAll: which room type each room belongs to (ResourceCategoryIds required).</summary>
    IAsyncEnumerable<ResourceCategoryAssignment> GetResourceCategoryAssignmentsAsync(ResourceCategoryAssignmentFilter filter, CancellationToken ct = default);

    /// <summary>resourceCategories/getAll: room types of the given services.</summary>
    IAsyncEnumerable<ResourceCategory> GetResourceCategoriesAsync(ResourceCategoryFilter filter, CancellationToken ct = default);

    /// <summary>resources/getAll: rooms (Extent defaults to active resources).</summary>
    IAsyncEnumerable<Resource> GetResourcesAsync(ResourceFilter? filter = null, CancellationToken ct = default);

    /// <summary>rates/getAll: rates of the given services.</summary>
    IAsyncEnumerable<Rate> GetRatesAsync(RateFilter filter, CancellationToken ct = default);

    /// <summary>rateGroups/getAll (needs ServiceIds or RateGroupIds).</summary>
    IAsyncEnumerable<RateGroup> GetRateGroupsAsync(RateGroupFilter filter, CancellationToken ct = default);

    /// <summary>rates/getPricing: per room type, one price per time unit.</summary>
    Task<RatePricingResult> GetRatePricingAsync(RatePricingRequest request, CancellationToken ct = default);

    /// <summary>businessSegments/getAll (market codes).</summary>
    IAsyncEnumerable<BusinessSegment> GetBusinessSegmentsAsync(BusinessSegmentFilter? filter = null, CancellationToken ct = default);

    /// <summary>sources/getAll.</summary>
    IAsyncEnumerable<Source> GetSourcesAsync(SourceFilter? filter = null, CancellationToken ct = default);

    /// <summary>
    /// sourceAssignments/getAll/2024-09-20 (beta): the sources (booking channels, see <see cref="GetSourcesAsync"/>)
    /// of reservations, one of them <see cref="SourceAssignment.IsPrimary"/>. More than 100
    /// <see cref="SourceAssignmentFilter.ReservationIds"/> are sent as consecutive calls of 100; <c>UpdatedUtc</c> ≤ 1 month;
    /// <c>EnterpriseIds</c> at most one (filled from the options for portfolio tokens).
    /// </summary>
    IAsyncEnumerable<SourceAssignment> GetSourceAssignmentsAsync(SourceAssignmentFilter filter, CancellationToken ct = default);

    /// <summary>products/getAll: products of the given services (the <c>Products</c> collection).</summary>
    IAsyncEnumerable<Product> GetProductsAsync(ProductFilter filter, CancellationToken ct = default);

    /// <summary>accountingCategories/getAll.</summary>
    IAsyncEnumerable<AccountingCategory> GetAccountingCategoriesAsync(AccountingCategoryFilter? filter = null, CancellationToken ct = default);

    /// <summary>
    /// exchangeRates/getAll: the enterprise's exchange rates (1 SourceCurrency = Value TargetCurrency), one per
    /// direction; not paged. <c>EnterpriseIds</c> left null is filled from the options (portfolio tokens).
    /// </summary>
    Task<IReadOnlyList<ExchangeRate>> GetExchangeRatesAsync(ExchangeRateFilter? filter = null, CancellationToken ct = default);

    // ---- reservations and customers ----

    /// <summary>reservations/getAll/2023-06-06 (intervals ≤ 3 months).</summary>
    IAsyncEnumerable<Reservation> GetReservationsAsync(ReservationFilter filter, CancellationToken ct = default);

    /// <summary>customers/getAll, e.g. by <c>Emails</c>, <c>LastNames</c> or <c>CustomerIds</c> (one filter required).</summary>
    IAsyncEnumerable<Customer> GetCustomersAsync(CustomerFilter filter, CancellationToken ct = default);

    /// <summary>customers/search: guests currently in house, by name or room.</summary>
    Task<IReadOnlyList<CustomerSearchItem>> SearchCustomersAsync(CustomerSearchRequest request, CancellationToken ct = default);

    /// <summary>reservations/addProduct: post a product to a stay. Returns the new item ids.</summary>
    Task<IReadOnlyList<string>> AddReservationProductAsync(ReservationProductAddition addition, CancellationToken ct = default);

    /// <summary>reservations/update, e.g. a room upgrade through <see cref="ReservationUpdate.RequestedCategoryId"/>.</summary>
    Task<IReadOnlyList<ReservationLegacy>> UpdateReservationsAsync(ReservationsUpdate update, CancellationToken ct = default);

    /// <summary>
    /// orders/add: charge a guest account. Returns the OrderId. Every line gets an ExternalIdentifier (one is generated
    /// when null); an unknown outcome is settled by finding those identifiers with orderItems/getAll.
    /// </summary>
    Task<string> AddOrderAsync(OrderAddition order, CancellationToken ct = default);

    /// <summary>
    /// orders/add sent exactly once, for callers that reconcile themselves later (the selling worker): every line
    /// must carry its ExternalIdentifier; an ambiguous failure (5xx, timeout, dropped connection) is never looked up
    /// and re-sent here — it becomes <see cref="MewsOutcomeUnknownException"/> at once, because Mews may still apply
    /// the call after a quick look-up missed it.
    /// </summary>
    Task<string> AddOrderOnceAsync(OrderAddition order, CancellationToken ct = default);

    /// <summary>
    /// orderItems/getAll: posted lines, e.g. of an account or an order, and a reservation's nights
    /// (<c>ServiceOrderIds = [reservationId]</c>, <c>Types = [SpaceOrder]</c>).
    /// </summary>
    IAsyncEnumerable<OrderItem> GetOrderItemsAsync(OrderItemFilter filter, CancellationToken ct = default);

    /// <summary>
    /// orderItems/cancel (beta): cancels 1–10 posted lines (they stay, AccountingState Canceled, CanceledUtc set); a
    /// Closed line cannot be canceled. Never re-sent after an ambiguous failure: re-read the lines instead.
    /// </summary>
    Task CancelOrderItemsAsync(IReadOnlyList<string> orderItemIds, string? enterpriseId = null, CancellationToken ct = default);

    // ---- loyalty ----

    IAsyncEnumerable<LoyaltyProgram> GetLoyaltyProgramsAsync(LoyaltyProgramFilter? filter = null, CancellationToken ct = default);

    /// <summary>loyaltyPrograms/add. An unknown outcome is settled by looking the codes up.</summary>
    Task<IReadOnlyList<LoyaltyProgram>> AddLoyaltyProgramsAsync(IReadOnlyList<LoyaltyProgramAddition> programs, CancellationToken ct = default);

    Task<IReadOnlyList<LoyaltyProgram>> UpdateLoyaltyProgramsAsync(IReadOnlyList<LoyaltyProgramUpdate> updates, CancellationToken ct = default);

    Task DeleteLoyaltyProgramsAsync(IReadOnlyList<string> loyaltyProgramIds, CancellationToken ct = default);

    IAsyncEnumerable<LoyaltyTier> GetLoyaltyTiersAsync(LoyaltyTierFilter filter, CancellationToken ct = default);

    /// <summary>loyaltyTiers/add. An unknown outcome is settled by looking up (program, code).</summary>
    Task<IReadOnlyList<LoyaltyTier>> AddLoyaltyTiersAsync(IReadOnlyList<LoyaltyTierAddition> tiers, CancellationToken ct = default);

    Task<IReadOnlyList<LoyaltyTier>> UpdateLoyaltyTiersAsync(IReadOnlyList<LoyaltyTierUpdate> updates, CancellationToken ct = default);

    Task DeleteLoyaltyTiersAsync(IReadOnlyList<string> loyaltyTierIds, CancellationToken ct = default);

    IAsyncEnumerable<LoyaltyMembership> GetLoyaltyMembershipsAsync(LoyaltyMembershipFilter? filter = null, CancellationToken ct = default);

    /// <summary>loyaltyMemberships/add. An unknown outcome is settled by looking up (account, program).</summary>
    Task<IReadOnlyList<LoyaltyMembership>> AddLoyaltyMembershipsAsync(IReadOnlyList<LoyaltyMembershipAddition> memberships, CancellationToken ct = default);

    Task<IReadOnlyList<LoyaltyMembership>> UpdateLoyaltyMembershipsAsync(IReadOnlyList<LoyaltyMembershipUpdate> updates, CancellationToken ct = default);

    Task DeleteLoyaltyMembershipsAsync(IReadOnlyList<string> loyaltyMembershipIds, CancellationToken ct = default);
}
