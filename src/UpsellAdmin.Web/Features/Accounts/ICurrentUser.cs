namespace UpsellAdmin.Web.Features.Accounts;

/// <summary>Who is asking, as services need it: id, name, roles. Works in a Blazor circuit and in an HTTP request.</summary>
public sealed record UserContext(string? UserId, string UserName, IReadOnlySet<string> Roles)
{
    public static readonly UserContext Anonymous = new(null, "anonymous", new HashSet<string>());

    public bool IsAdministrator => Roles.Contains(Accounts.Roles.Administrator);

    /// <summary>An API key (a system client): reads the active properties it was given (<see cref="ApiPropertyIds"/>),
    /// edits nothing through the screens' services.</summary>
    public bool IsSystemClient => Roles.Contains(Accounts.Roles.SystemClient);

    /// <summary>For a system client: the property ids its key is limited to (null = every active property). Not used
    /// for people (their access rows decide).</summary>
    public IReadOnlyList<int>? ApiPropertyIds { get; init; }

    /// <summary>Administrators and revenue managers change rules, configuration and loyalty; front desk reads.</summary>
    public bool CanEdit => IsAdministrator || Roles.Contains(Accounts.Roles.RevenueManager);
}

public interface ICurrentUser
{
    ValueTask<UserContext> GetAsync(CancellationToken cancellationToken = default);
}
