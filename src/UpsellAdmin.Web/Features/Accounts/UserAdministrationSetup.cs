using Microsoft.Extensions.DependencyInjection.Extensions;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features;

public static class UserAdministrationSetup
{
    /// <summary>The Administration pages' services (Users, Properties). Needs Identity and the database registered.</summary>
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IUserAdministrationService, UserAdministrationService>();
        services.AddScoped<IPropertyAdministrationService, PropertyAdministrationService>();
        return services;
    }
}
