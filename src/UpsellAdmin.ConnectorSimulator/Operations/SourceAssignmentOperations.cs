namespace UpsellAdmin.ConnectorSimulator.Operations;

/// <summary>
/// <c>sourceAssignments/getAll/2024-09-20</c> (beta; §2.19, <c>operations/sourceassignments.md</c>): the sources
/// (booking channels) reservations came through.
/// </summary>
internal static class SourceAssignmentOperations
{
    public static void Register(OperationRegistry registry) =>
        registry.Read("sourceAssignments/getAll/2024-09-20", GetAll);

    private sealed record GetAllRequest(
        IReadOnlyList<Guid>? ReservationIds,
        TimeInterval? UpdatedUtc,
        IReadOnlyList<Guid>? EnterpriseIds,
        Limitation? Limitation);

    /// <summary>
    /// <c>ReservationIds</c> ≤ 100, <c>UpdatedUtc</c> ≤ 1 month, <c>EnterpriseIds</c> at most one: required with a
    /// portfolio token (and then one of the token's enterprises), ignored otherwise. Pages oldest first (the docs'
    /// cursor fetches newer items).
    /// </summary>
    private static object GetAll(OperationContext context)
    {
        var r = context.Read<GetAllRequest>();
        Check.MaxCount(r.ReservationIds, "ReservationIds", 100);
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc", maxMonths: 1);
        Check.MaxCount(r.EnterpriseIds, "EnterpriseIds", 1);
        Paging.Validate(r.Limitation);
        var enterpriseId = EnterpriseOf(context.Grant, r.EnterpriseIds);
        return context.Store.Locked(() =>
        {
            var items = context.Store.SourceAssignmentTable.All.Where(x =>
                x.EnterpriseId == enterpriseId
                && Check.In(r.ReservationIds, x.ReservationId)
                && (updated is null || updated.Contains(x.UpdatedUtc)));
            return Paging.PageOldestFirst(context.Store, "SourceAssignments", items, r.Limitation);
        });
    }

    /// <summary>The one enterprise read: the token's own, or with a portfolio token the one <c>EnterpriseIds</c> names.</summary>
    private static Guid EnterpriseOf(TokenGrant grant, IReadOnlyList<Guid>? enterpriseIds)
    {
        if (!grant.IsPortfolio)
        {
            return grant.EnterpriseIds[0];
        }

        if (enterpriseIds is not [var id] || !grant.EnterpriseIds.Contains(id))
        {
            throw ConnectorApiException.Invalid("EnterpriseIds");
        }

        return id;
    }
}
