using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using UpsellAdmin.Web.Components.Hosting;

namespace UpsellAdmin.Web.Components.Account;

/// <summary>
/// Sign-in attempts per client IP and per account (the email as typed, case-insensitive), fixed windows of
/// <see cref="RateLimitingOptions.LoginWindow"/>. Every attempt counts, right or wrong, known account or not (so the
/// limit tells nothing about which accounts exist). Singleton: the counters live in this process.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perIp;
    private readonly PartitionedRateLimiter<string> _perAccount;

    public LoginThrottle(IOptions<RateLimitingOptions> options)
    {
        var o = options.Value;
        _perIp = RateLimitingOptions.PerKey(o.LoginPerIp, o.LoginWindow);
        _perAccount = RateLimitingOptions.PerKey(o.LoginPerAccount, o.LoginWindow);
    }

    /// <summary>Null when the attempt may go ahead; else how long until the next one may.</summary>
    public TimeSpan? TryAcquire(IPAddress? ip, string account)
    {
        using var byIp = _perIp.AttemptAcquire(RateLimitingOptions.Ip(ip));
        if (!byIp.IsAcquired)
        {
            return RetryAfter(byIp);
        }
        using var byAccount = _perAccount.AttemptAcquire(account.Trim().ToUpperInvariant());
        return byAccount.IsAcquired ? null : RetryAfter(byAccount);
    }

    public void Dispose()
    {
        _perIp.Dispose();
        _perAccount.Dispose();
    }

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
}
