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

/// <summary>orderItems/getAll filters (at least one is required; AccountIds ≤ 100). Used to find posted charges.</summary>
public sealed record OrderItemFilter : PagedRequest
{
    public IReadOnlyList<string>? EnterpriseIds { get; init; }
    public IReadOnlyList<string>? OrderItemIds { get; init; }
    public IReadOnlyList<string>? AccountIds { get; init; }
    public IReadOnlyList<string>? ServiceOrderIds { get; init; }
    public IReadOnlyList<string>? ServiceIds { get; init; }
    public TimeInterval? CreatedUtc { get; init; }
    public TimeInterval? UpdatedUtc { get; init; }
    public TimeInterval? ConsumedUtc { get; init; }
}

public sealed record OrderItemsResult : IPagedResult<OrderItem>
{
    public IReadOnlyList<OrderItem>? OrderItems { get; init; }
    public string? Cursor { get; init; }
    IReadOnlyList<OrderItem>? IPagedResult<OrderItem>.Items => OrderItems;
}

/// <summary>A posted line. <see cref="ServiceOrderId"/> is the order (orders/add) or the reservation (addProduct).</summary>
public sealed record OrderItem
{
    public string Id { get; init; } = "";
    public string? EnterpriseId { get; init; }
    public string? AccountId { get; init; }
    public string? ServiceId { get; init; }
    public string? ServiceOrderId { get; init; }
    public string? ExternalIdentifier { get; init; }
    public string? AccountingCategoryId { get; init; }
    public int? UnitCount { get; init; }
    public Amount? UnitAmount { get; init; }
    public Amount? Amount { get; init; }
    /// <summary>Open enum (ProductOrder, CustomItem, ResourceUpgradeFee…), kept as text.</summary>
    public string? Type { get; init; }
    public string? AccountingState { get; init; }
    public DateTimeOffset? CreatedUtc { get; init; }
    public DateTimeOffset? ConsumedUtc { get; init; }
}
