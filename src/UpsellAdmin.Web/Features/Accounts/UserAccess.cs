using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace UpsellAdmin.Web.Features.Accounts;

/// <summary>What the screens show to whom. The services check again; this only decides which buttons exist.</summary>
public static class UserAccess
{
    /// <summary>Administrators and revenue managers change rules and configuration; front desk only looks.</summary>
    public static bool CanEdit(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.RevenueManager);

    public static async Task<bool> CanEditAsync(this Task<AuthenticationState>? state) =>
        state is not null && (await state).User.CanEdit();
}
