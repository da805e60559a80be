namespace UpsellAdmin.Connector.Models;

// ---- sourceAssignments/getAll/2024-09-20 (beta; operations/sourceassignments.md) ----

/// <summary>
/// Filter of <c>sourceAssignments/getAll/2024-09-20</c>: which <see cref="Source"/> (booking channel) each reservation
/// came through. All filters optional. <see cref="EnterpriseIds"/> takes at most one id; it is required with a
/// portfolio token (the gateway fills it from <see cref="ConnectorOptions.EnterpriseId"/> when left null) and ignored
/// otherwise.
/// </summary>
public sealed record SourceAssignmentFilter : PagedRequest
{
    /// <summary>At most 100 reservations per call.</summary>
    public IReadOnlyList<string>? ReservationIds { get; init; }

    /// <summary>Interval of the assignments' last update; at most one month long.</summary>
    public TimeInterval? UpdatedUtc { get; init; }

    /// <summary>At most one enterprise.</summary>
    public IReadOnlyList<string>? EnterpriseIds { get; init; }
}

public sealed record SourceAssignmentsResult : IPagedResult<SourceAssignment>
{
    public IReadOnlyList<SourceAssignment>? SourceAssignments { get; init; }

    /// <summary>Per the docs an opaque cursor that fetches <em>newer</em> assignments (unlike the standard cursor); passed back as is.</summary>
    public string? Cursor { get; init; }

    IReadOnlyList<SourceAssignment>? IPagedResult<SourceAssignment>.Items => SourceAssignments;
}

/// <summary>One source of a reservation; a reservation can have several, one of them primary.</summary>
public sealed record SourceAssignment
{
    public string Id { get; init; } = "";
    public string? ReservationId { get; init; }
    /// <summary>The <see cref="Source"/> (sources/getAll).</summary>
    public string? SourceId { get; init; }
    public bool IsPrimary { get; init; }
    public DateTimeOffset? UpdatedUtc { get; init; }
}
