using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UpsellAdmin.Web.Features.Properties;

public static class PropertiesSetup
{
    /// <summary>The Properties feature: the properties a user may see (<see cref="IPropertyService"/>) and the
    /// circuit's current property (<see cref="CurrentPropertyState"/>, the top bar's picker).</summary>
    public static IServiceCollection AddProperties(this IServiceCollection services)
    {
        services.TryAddScoped<IPropertyService, PropertyService>();
        services.TryAddScoped<CurrentPropertyState>();
        return services;
    }
}
