using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UpsellAdmin.Web.Features.ReferenceData;

public static class ReferenceDataSetup
{
    /// <summary>The ReferenceData feature: a property's lists of values (<see cref="IReferenceDataService"/>).</summary>
    public static IServiceCollection AddReferenceData(this IServiceCollection services)
    {
        services.TryAddScoped<IReferenceDataService, ReferenceDataService>();
        return services;
    }
}
