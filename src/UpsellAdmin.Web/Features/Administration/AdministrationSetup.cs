using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UpsellAdmin.Web.Features.Administration;

public static class AdministrationSetup
{
    /// <summary>The Administration pages' services (Users, Properties, API Keys) and the API key directory the API authenticates with. Needs Identity and the database registered.</summary>
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IUserAdministrationService, UserAdministrationService>();
        services.AddScoped<IPropertyAdministrationService, PropertyAdministrationService>();
        services.AddScoped<IAuditService, AuditService>();
        services.AddMemoryCache();
        services.TryAddSingleton<ApiKeyDirectory>();
        services.AddScoped<IApiKeyAdministrationService, ApiKeyAdministrationService>();
        return services;
    }
}
