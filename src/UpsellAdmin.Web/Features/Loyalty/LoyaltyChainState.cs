namespace UpsellAdmin.Web.Features.Loyalty;

/// <summary>
/// The chain the loyalty pages work on, for the whole circuit (Programs → Tiers → Memberships keep the choice).
/// Loaded once from <see cref="ILoyaltyService.GetChainsAsync"/>; with a portfolio token the user switches it.
/// </summary>
public sealed class LoyaltyChainState(ILoyaltyService loyalty)
{
    private Task<LoyaltyChainChoice>? _loading;

    public LoyaltyChainChoice? Choice { get; private set; }

    public LoyaltyChain? Current { get; private set; }

    public async Task<LoyaltyChain?> EnsureLoadedAsync(CancellationToken ct = default)
    {
        if (Choice is null)
        {
            _loading ??= loyalty.GetChainsAsync(ct);
            try
            {
                Choice = await _loading;
            }
            finally
            {
                _loading = null;
            }
            Current ??= Choice.Default;
        }
        return Current;
    }

    /// <summary>Switches to one of <see cref="Choice"/>'s chains; false for an unknown id.</summary>
    public bool Select(string chainId)
    {
        var chain = Choice?.Chains.FirstOrDefault(c => string.Equals(c.Id, chainId, StringComparison.OrdinalIgnoreCase));
        if (chain is null)
        {
            return false;
        }
        Current = chain;
        return true;
    }
}
