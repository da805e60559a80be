using System.Reflection;
using Microsoft.Extensions.Options;
using UpsellAdmin.Connector;

namespace UpsellAdmin.Web.Features.Loyalty;

/// <summary>
/// The gateway for one chain. The gateway fills ChainId(s) from <see cref="ConnectorOptions.ChainId"/> on every
/// loyalty and customer call (§1.3: required on writes with a portfolio token); when the user picked another chain,
/// this hands out a gateway over the same HTTP clients, rate limiter and pipelines whose options name that chain.
/// </summary>
public interface ILoyaltyGatewayFactory
{
    IMewsGateway ForChain(string? chainId);
}

internal sealed class LoyaltyGatewayFactory(IServiceProvider services, IOptionsMonitor<ConnectorOptions> options) : ILoyaltyGatewayFactory
{
    public IMewsGateway ForChain(string? chainId)
    {
        var gateway = services.GetRequiredService<IMewsGateway>();
        if (string.IsNullOrWhiteSpace(chainId) || gateway is not MewsConnectorClient
            || string.Equals(options.CurrentValue.ChainId, chainId, StringComparison.OrdinalIgnoreCase))
        {
            return gateway; // a configured chain, or a test double: nothing to override
        }
        return ActivatorUtilities.CreateInstance<MewsConnectorClient>(services, new ChainOptionsMonitor(options, chainId));
    }

    /// <summary>The app's Connector options with <see cref="ConnectorOptions.ChainId"/> replaced.</summary>
    private sealed class ChainOptionsMonitor(IOptionsMonitor<ConnectorOptions> inner, string chainId) : IOptionsMonitor<ConnectorOptions>
    {
        private static readonly PropertyInfo[] Settable = typeof(ConnectorOptions)
            .GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => p.CanRead && p.CanWrite).ToArray();

        public ConnectorOptions CurrentValue => WithChain(inner.CurrentValue);

        public ConnectorOptions Get(string? name) => WithChain(inner.Get(name));

        public IDisposable? OnChange(Action<ConnectorOptions, string?> listener) => inner.OnChange(listener);

        private ConnectorOptions WithChain(ConnectorOptions source)
        {
            var copy = new ConnectorOptions();
            foreach (var p in Settable)
            {
                p.SetValue(copy, p.GetValue(source));
            }
            copy.ChainId = chainId;
            return copy;
        }
    }
}
