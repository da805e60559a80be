using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UpsellAdmin.Web.Features.UpsellRules;

public static class UpsellRulesSetup
{
    /// <summary>The UpsellRules feature: search, load, save and delete rules (<see cref="IUpsellRuleService"/>), and
    /// their history (<see cref="IUpsellRuleHistoryService"/>, which restores through the same save).
    /// The form's Test button needs an <see cref="IRuleTestLauncher"/>, which Quotes registers.</summary>
    public static IServiceCollection AddUpsellRules(this IServiceCollection services)
    {
        services.TryAddScoped<UpsellRuleService>();
        services.TryAddScoped<IUpsellRuleService>(sp => sp.GetRequiredService<UpsellRuleService>());
        services.TryAddScoped<IUpsellRuleHistoryService, UpsellRuleHistoryService>();
        // The Occupancy Levels editor (UpsellConfiguration, a layer below) lists the rules a level change leaves without an amount.
        services.TryAddScoped<UpsellConfiguration.IOccupancyRuleSource, OccupancyRuleSource>();
        return services;
    }
}
