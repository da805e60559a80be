using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UpsellAdmin.Web.Features.Administration;

public static class AdministrationSetup
{
    /// <summary>The Administration pages' services (Users, Properties). Needs Identity and the database registered.</summary>
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IUserAdministrationService, UserAdministrationService>();
        services.AddScoped<IPropertyAdministrationService, PropertyAdministrationService>();
        services.AddScoped<IAuditService, AuditService>();
        return services;
    }
}
