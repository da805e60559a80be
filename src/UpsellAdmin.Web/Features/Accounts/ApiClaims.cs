using System.Globalization;
using System.Security.Claims;

namespace UpsellAdmin.Web.Features.Accounts;

/// <summary>
/// The claims an API key's principal (role <see cref="Roles.SystemClient"/>) carries besides its name: one
/// <see cref="Scope"/> per scope it holds, and either <see cref="AllProperties"/> or one <see cref="Property"/> per
/// property id it may touch. A system client with neither sees no property (fail closed).
/// </summary>
public static class ApiClaims
{
    public const string Scope = "upsell:api-scope";
    public const string Property = "upsell:api-property";
    public const string AllProperties = "upsell:api-all-properties";

    /// <summary>The property ids a system client is limited to; null = every active property.</summary>
    public static IReadOnlyList<int>? PropertyIds(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.HasClaim(c => c.Type == AllProperties))
        {
            return null;
        }
        return principal.FindAll(Property)
            .Select(c => int.TryParse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
            .OfType<int>()
            .ToList();
    }
}
