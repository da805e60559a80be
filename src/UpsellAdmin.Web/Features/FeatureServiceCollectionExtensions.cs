using Microsoft.Extensions.DependencyInjection.Extensions;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>
    /// Registers every feature service and validator (properties, reference data, configuration, rules), all scoped
    /// (they depend on the scoped <see cref="ICurrentUser"/>), plus <see cref="IHttpContextAccessor"/> and
    /// <see cref="TimeProvider.System"/> when nothing else was registered. Needs AddAppDatabase first.
    /// </summary>
    public static IServiceCollection AddUpsellFeatures(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<ICurrentUser, CurrentUser>();

        services.AddScoped<IPropertyService, PropertyService>();
        services.AddScoped<IReferenceDataService, ReferenceDataService>();
        services.AddScoped<IUpsellConfigurationService, UpsellConfigurationService>();
        services.AddScoped<IUpsellRuleService, UpsellRuleService>();
        services.AddScoped<UpsellValidatorFactory>();
        return services;
    }
}
