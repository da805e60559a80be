using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UpsellAdmin.Web.Features.UpsellRules;

public static class UpsellRulesSetup
{
    /// <summary>The UpsellRules feature: search, load, save and delete rules (<see cref="IUpsellRuleService"/>).
    /// The form's Test button needs an <see cref="IRuleTestLauncher"/>, which Quotes registers.</summary>
    public static IServiceCollection AddUpsellRules(this IServiceCollection services)
    {
        services.TryAddScoped<IUpsellRuleService, UpsellRuleService>();
        return services;
    }
}
