using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Features.Loyalty;

namespace UpsellAdmin.Web.Tests.Components.Loyalty;

/// <summary>The shared bUnit set-up plus the loyalty service fake and the circuit's chain state.</summary>
public abstract class LoyaltyUiTestContext : UiTestContext
{
    protected FakeLoyaltyService Loyalty { get; } = new();

    protected LoyaltyUiTestContext()
    {
        Services.AddSingleton<ILoyaltyService>(Loyalty);
        Services.AddScoped<LoyaltyChainState>();
    }
}
