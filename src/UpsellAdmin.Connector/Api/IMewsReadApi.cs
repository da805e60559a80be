using Refit;
using UpsellAdmin.Connector.Models;

namespace UpsellAdmin.Connector.Api;

/// <summary>
/// The Mews operations that only read, and so are safe to retry (408, 429, 5xx, transport errors). Tokens are not
/// part of these DTOs: <see cref="Http.MewsAuthenticationHandler"/> adds them to every body.
/// </summary>
public interface IMewsReadApi
{
    [Post("/api/connector/v1/configuration/get")]
    Task<ConfigurationResult> GetConfigurationAsync([Body] ConfigurationRequest request, CancellationToken ct = default);

    [Post("/api/connector/v1/services/getAll")]
    Task<ServicesResult> GetServicesAsync([Body] ServiceFilter request, CancellationToken ct = default);

    [Post("/api/connector/v1/services/getAvailability/2024-01-22")]
    Task<AvailabilityResult> GetServiceAvailabilityAsync([Body] AvailabilityRequest request, CancellationToken ct = default);

    [Post("/api/connector/v1/resourceCategories/getAll")]
    Task<ResourceCategoriesResult> GetResourceCategoriesAsync([Body] ResourceCategoryFilter request, CancellationToken ct = default);

    [Post("/api/connector/v1/services/getAvailability")]
    Task<LegacyAvailabilityResult> GetLegacyServiceAvailabilityAsync([Body] LegacyAvailabilityRequest request, CancellationToken ct = default);

    [Post("/api/connector/v1/resourceCategoryAssignments/getAll")]
    Task<ResourceCategoryAssignmentsResult> GetResourceCategoryAssignmentsAsync([Body] ResourceCategoryAssignmentFilter request, CancellationToken ct = default);

    [Post("/api/connector/v1/resources/getAll")]
    Task<ResourcesResult> GetResourcesAsync([Body] ResourceFilter request, CancellationToken ct = default);

    [Post("/api/connector/v1/rates/getAll")]
    Task<RatesResult> GetRatesAsync([Body] RateFilter request, CancellationToken ct = default);

    [Post("/api/connector/v1/rateGroups/getAll")]
    Task<RateGroupsResult> GetRateGroupsAsync([Body] RateGroupFilter request, CancellationToken ct = default);

    [Post("/api/connector/v1/rates/getPricing")]
    Task<RatePricingResult> GetRatePricingAsync([Body] RatePricingRequest request, CancellationToken ct = default);

    [Post("/api/connector/v1/businessSegments/getAll")]
    Task<BusinessSegmentsResult> GetBusinessSegmentsAsync([Body] BusinessSegmentFilter request, CancellationToken ct = default);

    [Post("/api/connector/v1/sources/getAll")]
    Task<SourcesResult> GetSourcesAsync([Body] SourceFilter request, CancellationToken ct = default);

    /// <summary>Beta. Its cursor is documented as fetching newer items; it is passed back like any other.</summary>
    [Post("/api/connector/v1/sourceAssignments/getAll/2024-09-20")]
    Task<SourceAssignmentsResult> GetSourceAssignmentsAsync([Body] SourceAssignmentFilter request, CancellationToken ct = default);

    [Post("/api/connector/v1/products/getAll")]
    Task<ProductsResult> GetProductsAsync([Body] ProductFilter request, CancellationToken ct = default);

    /// <summary>Not paged: every rate among the enterprise's currencies in one answer.</summary>
    [Post("/api/connector/v1/exchangeRates/getAll")]
    Task<ExchangeRatesResult> GetExchangeRatesAsync([Body] ExchangeRateFilter request, CancellationToken ct = default);

    [Post("/api/connector/v1/accountingCategories/getAll")]
    Task<AccountingCategoriesResult> GetAccountingCategoriesAsync([Body] AccountingCategoryFilter request, CancellationToken ct = default);

    [Post("/api/connector/v1/reservations/getAll/2023-06-06")]
    Task<ReservationsResult> GetReservationsAsync([Body] ReservationFilter request, CancellationToken ct = default);

    [Post("/api/connector/v1/customers/getAll")]
    Task<CustomersResult> GetCustomersAsync([Body] CustomerFilter request, CancellationToken ct = default);

    [Post("/api/connector/v1/customers/search")]
    Task<CustomerSearchResult> SearchCustomersAsync([Body] CustomerSearchRequest request, CancellationToken ct = default);

    [Post("/api/connector/v1/loyaltyPrograms/getAll")]
    Task<LoyaltyProgramsResult> GetLoyaltyProgramsAsync([Body] LoyaltyProgramFilter request, CancellationToken ct = default);

    [Post("/api/connector/v1/loyaltyTiers/getAll")]
    Task<LoyaltyTiersResult> GetLoyaltyTiersAsync([Body] LoyaltyTierFilter request, CancellationToken ct = default);

    [Post("/api/connector/v1/loyaltyMemberships/getAll")]
    Task<LoyaltyMembershipsResult> GetLoyaltyMembershipsAsync([Body] LoyaltyMembershipFilter request, CancellationToken ct = default);

    /// <summary>Posted lines and reservation nights; also settles an orders/add whose outcome is unknown.</summary>
    [Post("/api/connector/v1/orderItems/getAll")]
    Task<OrderItemsResult> GetOrderItemsAsync([Body] OrderItemFilter request, CancellationToken ct = default);
}
