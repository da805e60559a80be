using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Loyalty;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Loyalty;

/// <summary>The shared bUnit set-up plus the loyalty service fake and the circuit's chain state.</summary>
public abstract class LoyaltyUiTestContext : UiTestContext
{
    protected FakeLoyaltyService Loyalty { get; } = new();

    protected LoyaltyUiTestContext()
    {
        Services.AddSingleton<ILoyaltyService>(Loyalty);
        Services.AddScoped<LoyaltyChainState>();
        Services.AddAppValidators(); // the dialogs validate through LoyaltyValidation, as in the app
        Services.AddSingleton<LoyaltyValidation>();
    }
}
