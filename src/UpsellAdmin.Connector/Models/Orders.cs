namespace UpsellAdmin.Connector.Models;

/// <summary>orders/add: post a charge to a guest (customer) account.</summary>
public sealed record OrderAddition
{
    /// <summary>Required with portfolio tokens; the gateway fills it from the options when null.</summary>
    public string? EnterpriseId { get; init; }
    /// <summary>Usually an Additional service (F&amp;B, spa…).</summary>
    public required string ServiceId { get; init; }
    /// <summary>The customer (or company) to charge.</summary>
    public required string AccountId { get; init; }
    public OrderOptions? Options { get; init; }
    /// <summary>For products that exist in Mews.</summary>
    public IReadOnlyList<ProductOrder>? ProductOrders { get; init; }
    /// <summary>For ad-hoc items that are not Mews products.</summary>
    public IReadOnlyList<OrderItemParameters>? Items { get; init; }
    public DateTimeOffset? ConsumptionUtc { get; init; }
    public string? Notes { get; init; }
    public string? BusinessSegmentId { get; init; }
    public string? BillId { get; init; }
    /// <summary>Strongly recommended by Mews (billing automation, allowances).</summary>
    public string? LinkedReservationId { get; init; }
}

public sealed record OrderOptions
{
    public bool DisableItemGrouping { get; init; }
}

public sealed record ProductOrder
{
    public required string ProductId { get; init; }
    public int? Count { get; init; }
    public AmountParameters? UnitAmount { get; init; }
    public DateTimeOffset? StartUtc { get; init; }
    public DateTimeOffset? EndUtc { get; init; }
    /// <summary>Stored on the order item; the gateway sets one when null so that an unknown outcome can be checked.</summary>
    public string? ExternalIdentifier { get; init; }
}

public sealed record OrderItemParameters
{
    public required string Name { get; init; }
    public required int UnitCount { get; init; }
    public required AmountParameters UnitAmount { get; init; }
    /// <summary>Should be set so that the revenue is reported correctly.</summary>
    public string? AccountingCategoryId { get; init; }
    /// <summary>Stored on the order item; the gateway sets one when null so that an unknown outcome can be checked.</summary>
    public string? ExternalIdentifier { get; init; }
}

public sealed record OrderAddResult
{
    public string? OrderId { get; init; }
}

/// <summary>
/// orderItems/getAll filters: at least one of the ids or intervals is required (AccountIds ≤ 100, the other id lists
/// ≤ 1000, intervals ≤ 3 months). What a guest pays per night: <c>ServiceOrderIds = [reservationId]</c> (a reservation is
/// a service order) with <c>Types = [OrderItemTypes.SpaceOrder]</c>.
/// </summary>
public sealed record OrderItemFilter : PagedRequest
{
    public IReadOnlyList<string>? EnterpriseIds { get; init; }
    public IReadOnlyList<string>? OrderItemIds { get; init; }
    public IReadOnlyList<string>? AccountIds { get; init; }
    /// <summary>Reservations or product service orders (the OrderId of orders/add).</summary>
    public IReadOnlyList<string>? ServiceOrderIds { get; init; }
    public IReadOnlyList<string>? ServiceIds { get; init; }
    public TimeInterval? CreatedUtc { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
    public TimeInterval? ConsumedUtc { get; init; }
    public IReadOnlyList<string>? BillIds { get; init; }
    public TimeInterval? CanceledUtc { get; init; }
    public TimeInterval? ClosedUtc { get; init; }
    /// <summary>ISO 4217 code the amounts should be converted to.</summary>
    public string? Currency { get; init; }
    /// <summary>Values of <see cref="OrderItemAccountingStates"/>.</summary>
    public IReadOnlyList<string>? AccountingStates { get; init; }
    /// <summary>Values of <see cref="OrderItemTypes"/>, e.g. <c>SpaceOrder</c>.</summary>
    public IReadOnlyList<string>? Types { get; init; }
}

/// <summary>Order item types (an open enum in Mews, so <see cref="OrderItem.Type"/> is text); the ones the upsell flow uses.</summary>
public static class OrderItemTypes
{
    /// <summary>One night of a reservation: what the guest pays for the room.</summary>
    public const string SpaceOrder = "SpaceOrder";
    /// <summary>A Mews product (orders/add ProductOrders, reservations/addProduct).</summary>
    public const string ProductOrder = "ProductOrder";
    /// <summary>An ad-hoc line (orders/add Items).</summary>
    public const string CustomItem = "CustomItem";
    public const string ResourceUpgradeFee = "ResourceUpgradeFee";
    public const string NightRebate = "NightRebate";
    public const string CityTax = "CityTax";
}

/// <summary>Order item accounting states.</summary>
public static class OrderItemAccountingStates
{
    public const string Open = "Open";
    /// <summary>On a closed bill or invoice: cannot be canceled.</summary>
    public const string Closed = "Closed";
    /// <summary>Zero value, or items of an optional reservation.</summary>
    public const string Inactive = "Inactive";
    public const string Canceled = "Canceled";
}

public sealed record OrderItemsResult : IPagedResult<OrderItem>
{
    public IReadOnlyList<OrderItem>? OrderItems { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<OrderItem>? IPagedResult<OrderItem>.Items => OrderItems;
}

/// <summary>
/// A posted line. <see cref="ServiceOrderId"/> is the reservation (its nights, reservations/addProduct) or the product
/// service order created by orders/add (its OrderId).
/// </summary>
public sealed record OrderItem
{
    public string Id { get; init; } = "";
    public string? EnterpriseId { get; init; }
    public string? AccountId { get; init; }
    public AccountType? AccountType { get; init; }
    public string? ServiceId { get; init; }
    public string? ServiceOrderId { get; init; }
    public string? Notes { get; init; }
    public string? BillId { get; init; }
    public string? ExternalIdentifier { get; init; }
    public string? AccountingCategoryId { get; init; }
    public string? BillingName { get; init; }
    public int? UnitCount { get; init; }
    public Amount? UnitAmount { get; init; }
    public Amount? Amount { get; init; }
    public Amount? OriginalAmount { get; init; }
    /// <summary>Service, Product or Additional.</summary>
    public string? RevenueType { get; init; }
    /// <summary>Open enum (<see cref="OrderItemTypes"/>), kept as text.</summary>
    public string? Type { get; init; }
    /// <summary><see cref="OrderItemAccountingStates"/>.</summary>
    public string? AccountingState { get; init; }
    public string? CreatorProfileId { get; init; }
    public string? UpdaterProfileId { get; init; }
    public DateTimeOffset? CreatedUtc { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
    public DateTimeOffset? ConsumedUtc { get; init; }
    public DateTimeOffset? CanceledUtc { get; init; }
    public DateTimeOffset? ClosedUtc { get; init; }
    /// <summary>For a night (SpaceOrder): the start of the night's time unit.</summary>
    public DateTimeOffset? StartUtc { get; init; }
    public DateTimeOffset? ClaimedUtc { get; init; }
    public OrderItemOptions? Options { get; init; }
    /// <summary>For product lines: <c>Data.Product.ProductId</c>.</summary>
    public OrderItemData? Data { get; init; }
}

public sealed record OrderItemOptions
{
    public bool? CanceledWithReservation { get; init; }
}

public sealed record OrderItemData
{
    /// <summary>Rebate, Product, AllowanceDiscount or AllowanceProfits (open enum, kept as text).</summary>
    public string? Discriminator { get; init; }
    public OrderItemProductData? Product { get; init; }
    public OrderItemRebateData? Rebate { get; init; }
}

public sealed record OrderItemProductData
{
    public string? ProductId { get; init; }
    public string? AgeCategoryId { get; init; }
    /// <summary>Product or Allowance.</summary>
    public string? ProductType { get; init; }
}

public sealed record OrderItemRebateData
{
    public string? ProductId { get; init; }
    public string? RebatedItemId { get; init; }
}

/// <summary>orderItems/cancel (beta): at most 10 ids; the lines stay, AccountingState Canceled.</summary>
public sealed record CancelOrderItemsRequest
{
    /// <summary>Required with portfolio tokens; the gateway fills it from the options when null.</summary>
    public string? EnterpriseId { get; init; }
    public required IReadOnlyList<string> OrderItemIds { get; init; }
}
