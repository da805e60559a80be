using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace UpsellAdmin.Web.Components.Hosting;

/// <summary>
/// Section "ForwardedHeaders": behind a reverse proxy or load balancer that terminates TLS, set <c>Enabled</c> and the
/// proxies' addresses, so the app sees the client's scheme (HTTPS redirection, Secure cookies) and IP address (the
/// per-IP sign-in and API limits) from <c>X-Forwarded-Proto</c> / <c>X-Forwarded-For</c>. Only the listed proxies are
/// believed (loopback always); off by default, because a header anyone can send must not be trusted.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>Proxy IP addresses, e.g. "10.0.0.4".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

public static class ForwardedHeadersSetup
{
    /// <summary>The middleware's options when the section enables it, else null. A malformed address stops the start.</summary>
    public static ForwardedHeadersOptions? Options(IConfiguration configuration)
    {
        var settings = configuration.GetSection(ForwardedHeadersSettings.SectionName).Get<ForwardedHeadersSettings>();
        if (settings is not { Enabled: true })
        {
            return null;
        }
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        foreach (var proxy in settings.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
        }
        foreach (var network in settings.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation (10.0.0.0/24)."));
        }
        return options;
    }
}
