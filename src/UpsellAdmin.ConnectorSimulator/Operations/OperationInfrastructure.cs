using System.Text.Json;
using UpsellAdmin.ConnectorSimulator.Model;

namespace UpsellAdmin.ConnectorSimulator.Operations;

/// <summary>One Connector API operation: its path after <c>/api/connector/v1/</c>, whether it writes, its handler.</summary>
internal sealed record OperationDefinition(string Name, bool IsWrite, Func<OperationContext, object> Handler);

/// <summary>Every operation the simulator serves, by exact (case-sensitive) path.</summary>
internal sealed class OperationRegistry
{
    private readonly Dictionary<string, OperationDefinition> _operations = new(StringComparer.Ordinal);

    public OperationRegistry()
    {
        ConfigurationOperations.Register(this);
        ServiceOperations.Register(this);
        CatalogueOperations.Register(this);
        RateOperations.Register(this);
        ReservationOperations.Register(this);
        CustomerOperations.Register(this);
        LoyaltyOperations.Register(this);
        SourceAssignmentOperations.Register(this);
        ExchangeRateOperations.Register(this);
    }

    public IEnumerable<string> Names => _operations.Keys;

    public void Read(string name, Func<OperationContext, object> handler) => _operations.Add(name, new(name, false, handler));

    public void Write(string name, Func<OperationContext, object> handler) => _operations.Add(name, new(name, true, handler));

    public bool TryGet(string name, out OperationDefinition operation) => _operations.TryGetValue(name, out operation!);
}

/// <summary>The <c>{}</c> answer of delete-style operations.</summary>
internal sealed class EmptyResult
{
    public static readonly EmptyResult Instance = new();
}

/// <summary>A paginated answer: the entity array under its documented name plus <c>Cursor</c>, and any extra keys.</summary>
internal sealed class PagedResult : Dictionary<string, object?>
{
    public PagedResult(string collectionName, System.Collections.IList items, Guid? cursor)
        : base(StringComparer.Ordinal)
    {
        this[collectionName] = items;
        this["Cursor"] = cursor;
        IsEmptyPage = items.Count == 0;
    }

    public bool IsEmptyPage { get; }
}

/// <summary>What an operation handler gets: the store, the caller's token grant, the parsed body, the time.</summary>
internal sealed class OperationContext(SimulatorStore store, TokenGrant grant, JsonElement body, DateTimeOffset now)
{
    public SimulatorStore Store { get; } = store;

    public TokenGrant Grant { get; } = grant;

    public DateTimeOffset Now { get; } = now;

    /// <summary>The body as the operation's request type; a type mismatch is 400 "Invalid {path}".</summary>
    public T Read<T>()
        where T : class
    {
        try
        {
            return body.Deserialize<T>(SimulatorJson.Options) ?? throw new ConnectorApiException(StatusCodes.Status400BadRequest, "Invalid JSON");
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "JSON";
            throw ConnectorApiException.Invalid(path);
        }
    }

    /// <summary>The enterprises a read covers: the token's, narrowed by <c>EnterpriseIds</c> when given. Call under the lock.</summary>
    public IReadOnlyList<Enterprise> ReadEnterprises(IReadOnlyList<Guid>? enterpriseIds, int max = 1000)
    {
        Check.MaxCount(enterpriseIds, "EnterpriseIds", max);
        return Grant.EnterpriseIds
            .Where(id => enterpriseIds is null || enterpriseIds.Count == 0 || enterpriseIds.Contains(id))
            .Select(id => Store.EnterpriseTable.Find(id)!)
            .ToList();
    }

    /// <summary>Ids of <see cref="ReadEnterprises"/>.</summary>
    public HashSet<Guid> ReadEnterpriseIds(IReadOnlyList<Guid>? enterpriseIds, int max = 1000) =>
        ReadEnterprises(enterpriseIds, max).Select(e => e.Id).ToHashSet();

    /// <summary>
    /// The enterprise a write (or single-enterprise read) acts on: <c>EnterpriseId</c> is required with a portfolio
    /// token and ignored otherwise (§1.3).
    /// </summary>
    public Enterprise WriteEnterprise(Guid? enterpriseId)
    {
        if (!Grant.IsPortfolio)
        {
            return Store.EnterpriseTable.Find(Grant.EnterpriseIds[0])!;
        }

        if (enterpriseId is not { } id || !Grant.EnterpriseIds.Contains(id))
        {
            throw ConnectorApiException.Invalid("EnterpriseId");
        }

        return Store.EnterpriseTable.Find(id)!;
    }

    /// <summary>The chains in the token's scope.</summary>
    public HashSet<Guid> ScopeChainIds() =>
        Grant.EnterpriseIds.Select(id => Store.EnterpriseTable.Find(id)!.ChainId).ToHashSet();

    /// <summary>The chains a chain-level read covers: the token's, narrowed by <c>ChainIds</c> when given.</summary>
    public HashSet<Guid> ReadChainIds(IReadOnlyList<Guid>? chainIds)
    {
        Check.MaxCount(chainIds, "ChainIds", 1000);
        var scope = ScopeChainIds();
        if (chainIds is { Count: > 0 })
        {
            scope.IntersectWith(chainIds);
        }

        return scope;
    }

    /// <summary>The chain a chain-level write acts on: <c>ChainId</c> is required with a portfolio token, ignored otherwise.</summary>
    public Guid WriteChainId(Guid? chainId)
    {
        var scope = ScopeChainIds();
        if (!Grant.IsPortfolio)
        {
            return scope.First();
        }

        if (chainId is not { } id || !scope.Contains(id))
        {
            throw ConnectorApiException.Invalid("ChainId");
        }

        return id;
    }
}

/// <summary><c>Limitation</c> (§1.4).</summary>
internal sealed record Limitation(int? Count, string? Cursor);

/// <summary>A time-interval filter <c>{StartUtc, EndUtc}</c> (§1.5).</summary>
internal sealed record TimeInterval(DateTimeOffset? StartUtc, DateTimeOffset? EndUtc)
{
    /// <summary>Half-open <c>[StartUtc, EndUtc)</c>; equal ends mean equality with that instant.</summary>
    public bool Contains(DateTimeOffset value) =>
        StartUtc == EndUtc ? value == StartUtc : value >= StartUtc && value < EndUtc;

    public bool Contains(DateTimeOffset? value) => value is { } v && Contains(v);
}

/// <summary>Request validation that answers like Mews: 400 "Invalid {Parameter}".</summary>
internal static class Check
{
    public static T Required<T>(T? value, string name)
        where T : class => value ?? throw ConnectorApiException.Invalid(name);

    public static T Required<T>(T? value, string name)
        where T : struct => value ?? throw ConnectorApiException.Invalid(name);

    public static string RequiredText(string? value, string name, int maxLength = int.MaxValue) =>
        string.IsNullOrWhiteSpace(value) || value.Length > maxLength ? throw ConnectorApiException.Invalid(name) : value;

    public static void MaxLength(string? value, string name, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            throw ConnectorApiException.Invalid(name);
        }
    }

    public static void MaxCount<T>(IReadOnlyCollection<T>? values, string name, int max)
    {
        if (values is not null && values.Count > max)
        {
            throw ConnectorApiException.Invalid(name);
        }
    }

    public static IReadOnlyList<T> RequiredList<T>(IReadOnlyList<T>? values, string name, int max = 1000) =>
        values is null || values.Count == 0 || values.Count > max ? throw ConnectorApiException.Invalid(name) : values;

    /// <summary>A time-interval filter: both ends required, End not before Start, at most <paramref name="maxMonths"/> long.</summary>
    public static TimeInterval? Interval(TimeInterval? interval, string name, int maxMonths = 3)
    {
        if (interval is null)
        {
            return null;
        }

        if (interval.StartUtc is not { } start || interval.EndUtc is not { } end || end < start || start.AddMonths(maxMonths) < end)
        {
            throw ConnectorApiException.Invalid(name);
        }

        return interval;
    }

    public static void OneOf(string? value, string name, IReadOnlyCollection<string> allowed)
    {
        if (value is not null && !allowed.Contains(value))
        {
            throw ConnectorApiException.Invalid(name);
        }
    }

    public static void AllOf(IReadOnlyList<string>? values, string name, IReadOnlyCollection<string> allowed)
    {
        if (values is not null && values.Any(v => !allowed.Contains(v)))
        {
            throw ConnectorApiException.Invalid(name);
        }
    }

    public static readonly string[] ActivityStateValues = ["Active", "Deleted"];

    /// <summary>
    /// Whether an entity passes an <c>ActivityStates</c> filter. <paramref name="defaultBoth"/>: omitted means both
    /// states (rates/getAll says so); otherwise omitted means Active only.
    /// </summary>
    public static bool Activity(IReadOnlyList<string>? states, bool isActive, bool defaultBoth = false)
    {
        if (states is null || states.Count == 0)
        {
            return defaultBoth || isActive;
        }

        return isActive ? states.Contains("Active") : states.Contains("Deleted");
    }

    public static bool In<T>(IReadOnlyList<T>? filter, T value) => filter is null || filter.Count == 0 || filter.Contains(value);

    public static bool In<T>(IReadOnlyList<T>? filter, T? value)
        where T : struct => filter is null || filter.Count == 0 || (value is { } v && filter.Contains(v));
}

/// <summary>Cursor paging (§1.4): newest first, Cursor = Id of the oldest item in the page, null only on an empty page.</summary>
internal static class Paging
{
    public static Limitation Validate(Limitation? limitation)
    {
        var value = Check.Required(limitation, "Limitation");
        if (value.Count is not { } count || count < 1 || count > 1000)
        {
            throw ConnectorApiException.Invalid("Limitation Count");
        }

        if (value.Cursor is not null && !Guid.TryParse(value.Cursor, out _))
        {
            throw ConnectorApiException.Invalid("Limitation Cursor");
        }

        return value;
    }

    /// <summary>Pages already-filtered entities. An unknown cursor yields an empty page.</summary>
    public static PagedResult Page<T>(SimulatorStore store, string collectionName, IEnumerable<T> filtered, Limitation? limitation)
        where T : IStoreEntity
    {
        var limit = Validate(limitation);
        var query = filtered.OrderByDescending(e => e.Sequence).AsEnumerable();
        if (limit.Cursor is { } cursorText)
        {
            var cursorSequence = store.SequenceOf(Guid.Parse(cursorText));
            query = cursorSequence is { } seq ? query.Where(e => e.Sequence < seq) : [];
        }

        var page = query.Take(limit.Count!.Value).ToList();
        return new PagedResult(collectionName, page, page.Count == 0 ? null : page[^1].Id);
    }

    /// <summary>
    /// Pages oldest first, for the operations whose cursor the docs describe as fetching <em>newer</em> items
    /// (sourceAssignments/getAll/2024-09-20): Cursor = Id of the newest item in the page, the next page holds the
    /// items created after it; null only on an empty page. An unknown cursor yields an empty page.
    /// </summary>
    public static PagedResult PageOldestFirst<T>(SimulatorStore store, string collectionName, IEnumerable<T> filtered, Limitation? limitation)
        where T : IStoreEntity
    {
        var limit = Validate(limitation);
        var query = filtered.OrderBy(e => e.Sequence).AsEnumerable();
        if (limit.Cursor is { } cursorText)
        {
            var cursorSequence = store.SequenceOf(Guid.Parse(cursorText));
            query = cursorSequence is { } seq ? query.Where(e => e.Sequence > seq) : [];
        }

        var page = query.Take(limit.Count!.Value).ToList();
        return new PagedResult(collectionName, page, page.Count == 0 ? null : page[^1].Id);
    }
}
