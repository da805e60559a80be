using Microsoft.Extensions.Options;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Api;

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

/// <summary>
/// Why a factory at all: <see cref="MewsConnectorClient"/> reads the chain from its options, and the Connector offers
/// no per-call chain nor a per-chain factory, so a gateway for a picked chain is a second
/// <see cref="MewsConnectorClient"/> whose options differ only in <see cref="ConnectorOptions.ChainId"/>. That gateway
/// is built with <c>new</c> from the services <c>AddMewsConnector</c> registered, injected here (the Refit read and
/// write clients with their handlers and resilience pipelines, the shared rate limiter behind them, the clock and the
/// logger), and its options come from <see cref="IOptionsFactory{TOptions}"/>, which builds a fresh
/// <see cref="ConnectorOptions"/> from the same configuration as the app's own (so every current and future setting
/// is carried over without copying properties by reflection), then gets the chain.
/// </summary>
internal sealed class LoyaltyGatewayFactory(
    IMewsGateway gateway,
    IMewsReadApi reads,
    IMewsWriteApi writes,
    IOptionsMonitor<ConnectorOptions> options,
    IOptionsFactory<ConnectorOptions> optionsFactory,
    TimeProvider time,
    ILogger<MewsConnectorClient> clientLogger) : ILoyaltyGatewayFactory
{
    public IMewsGateway ForChain(string? chainId)
    {
        if (string.IsNullOrWhiteSpace(chainId) || gateway is not MewsConnectorClient
            || string.Equals(options.CurrentValue.ChainId, chainId, StringComparison.OrdinalIgnoreCase))
        {
            return gateway; // a configured chain, or a test double: nothing to override
        }
        return new MewsConnectorClient(reads, writes, new ChainOptionsMonitor(options, optionsFactory, chainId), time, clientLogger);
    }

    /// <summary>
    /// The app's Connector options with <see cref="ConnectorOptions.ChainId"/> replaced: a fresh instance from the
    /// options factory, built again whenever the app's own options are (a configuration reload).
    /// </summary>
    private sealed class ChainOptionsMonitor(IOptionsMonitor<ConnectorOptions> inner, IOptionsFactory<ConnectorOptions> factory, string chainId)
        : IOptionsMonitor<ConnectorOptions>
    {
        private Snapshot? _current;

        public ConnectorOptions CurrentValue
        {
            get
            {
                var source = inner.CurrentValue;
                var current = _current;
                if (current is null || !ReferenceEquals(current.Source, source))
                {
                    current = new Snapshot(source, WithChain(Options.DefaultName));
                    _current = current;
                }
                return current.Copy;
            }
        }

        public ConnectorOptions Get(string? name) => WithChain(name ?? Options.DefaultName);

        public IDisposable? OnChange(Action<ConnectorOptions, string?> listener) => inner.OnChange(listener);

        private ConnectorOptions WithChain(string name)
        {
            var copy = factory.Create(name);
            copy.ChainId = chainId;
            return copy;
        }

        private sealed record Snapshot(ConnectorOptions Source, ConnectorOptions Copy);
    }
}
