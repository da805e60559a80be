namespace UpsellAdmin.Web.Features.Accounts;

/// <summary>Who is asking, as services need it: id, name, roles. Works in a Blazor circuit and in an HTTP request.</summary>
public sealed record UserContext(string? UserId, string UserName, IReadOnlySet<string> Roles)
{
    public static readonly UserContext Anonymous = new(null, "anonymous", new HashSet<string>());

    public bool IsAdministrator => Roles.Contains(Accounts.Roles.Administrator);

    /// <summary>An API key (a system client): reads every active property, edits nothing through the screens' services.</summary>
    public bool IsSystemClient => Roles.Contains(Accounts.Roles.SystemClient);

    /// <summary>Administrators and revenue managers change rules, configuration and loyalty; front desk reads.</summary>
    public bool CanEdit => IsAdministrator || Roles.Contains(Accounts.Roles.RevenueManager);
}

public interface ICurrentUser
{
    ValueTask<UserContext> GetAsync(CancellationToken cancellationToken = default);
}
