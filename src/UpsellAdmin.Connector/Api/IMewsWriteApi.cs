using Refit;
using UpsellAdmin.Connector.Models;

namespace UpsellAdmin.Connector.Api;

/// <summary>
/// The Mews operations that change data. Mews has no idempotency keys, so these run through a pipeline that never
/// re-sends on an ambiguous failure (timeout, 408, 5xx, broken connection); only 429 and failures to connect, where
/// the request provably did not reach Mews, are retried. <see cref="MewsConnectorClient"/> reconciles the rest.
/// </summary>
public interface IMewsWriteApi
{
    [Post("/api/connector/v1/reservations/addProduct")]
    Task<ReservationProductAddResult> AddReservationProductAsync([Body] ReservationProductAddition request, CancellationToken ct = default);

    [Post("/api/connector/v1/reservations/update")]
    Task<ReservationsUpdateResult> UpdateReservationsAsync([Body] ReservationsUpdate request, CancellationToken ct = default);

    [Post("/api/connector/v1/orders/add")]
    Task<OrderAddResult> AddOrderAsync([Body] OrderAddition request, CancellationToken ct = default);

    [Post("/api/connector/v1/orderItems/cancel")]
    Task<EmptyResult> CancelOrderItemsAsync([Body] CancelOrderItemsRequest request, CancellationToken ct = default);

    [Post("/api/connector/v1/loyaltyPrograms/add")]
    Task<LoyaltyProgramsResult> AddLoyaltyProgramsAsync([Body] AddLoyaltyProgramsRequest request, CancellationToken ct = default);

    [Post("/api/connector/v1/loyaltyPrograms/update")]
    Task<LoyaltyProgramsResult> UpdateLoyaltyProgramsAsync([Body] UpdateLoyaltyProgramsRequest request, CancellationToken ct = default);

    [Post("/api/connector/v1/loyaltyPrograms/delete")]
    Task<EmptyResult> DeleteLoyaltyProgramsAsync([Body] DeleteLoyaltyProgramsRequest request, CancellationToken ct = default);

    [Post("/api/connector/v1/loyaltyTiers/add")]
    Task<LoyaltyTiersResult> AddLoyaltyTiersAsync([Body] AddLoyaltyTiersRequest request, CancellationToken ct = default);

    [Post("/api/connector/v1/loyaltyTiers/update")]
    Task<LoyaltyTiersResult> UpdateLoyaltyTiersAsync([Body] UpdateLoyaltyTiersRequest request, CancellationToken ct = default);

    [Post("/api/connector/v1/loyaltyTiers/delete")]
    Task<EmptyResult> DeleteLoyaltyTiersAsync([Body] DeleteLoyaltyTiersRequest request, CancellationToken ct = default);

    [Post("/api/connector/v1/loyaltyMemberships/add")]
    Task<LoyaltyMembershipsResult> AddLoyaltyMembershipsAsync([Body] AddLoyaltyMembershipsRequest request, CancellationToken ct = default);

    [Post("/api/connector/v1/loyaltyMemberships/update")]
    Task<LoyaltyMembershipsResult> UpdateLoyaltyMembershipsAsync([Body] UpdateLoyaltyMembershipsRequest request, CancellationToken ct = default);

    [Post("/api/connector/v1/loyaltyMemberships/delete")]
    Task<EmptyResult> DeleteLoyaltyMembershipsAsync([Body] DeleteLoyaltyMembershipsRequest request, CancellationToken ct = default);
}
