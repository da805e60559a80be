using System.Net;
using Microsoft.AspNetCore.Identity;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Components.Account;

/// <summary>What a sign-in attempt came to.</summary>
public enum LoginOutcome
{
    Succeeded,
    Failed,
    LockedOut,
    LockedByAdministrator,
    Throttled,
}

/// <summary>
/// One sign-in attempt from the login page: the rate limits first, then the password. An unknown account still runs
/// the password hasher (against a dummy hash), so it takes as long as a real one and the answer time does not tell
/// which accounts exist.
/// </summary>
public sealed class LoginAttempts(
    SignInManager<AppUser> signInManager,
    IPasswordHasher<AppUser> hasher,
    LoginThrottle throttle)
{
    private static readonly AppUser Nobody = new();
    private static string? _dummyHash;

    public async Task<(LoginOutcome Outcome, TimeSpan RetryAfter)> SignInAsync(IPAddress? ip, string email, string password, bool remember)
    {
        email = email.Trim();
        if (throttle.TryAcquire(ip, email) is { } retryAfter)
        {
            return (LoginOutcome.Throttled, retryAfter);
        }

        // As PasswordSignInAsync(string, ...) finds the user: by user name (the email).
        var user = await signInManager.UserManager.FindByNameAsync(email);
        if (user is null)
        {
            _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
            hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
            return (LoginOutcome.Failed, TimeSpan.Zero);
        }

        var result = await signInManager.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        var outcome = result.Succeeded ? LoginOutcome.Succeeded
            : !result.IsLockedOut ? LoginOutcome.Failed
            : user.LockoutEnd == AppUser.AdministratorLockEnd ? LoginOutcome.LockedByAdministrator
            : LoginOutcome.LockedOut;
        return (outcome, TimeSpan.Zero);
    }
}
