using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UpsellAdmin.Web.Features.Desk;

public static class DeskSetup
{
    /// <summary>The Upsell Desk feature (so far its Mews read, <see cref="MewsReservationReader"/>). Needs the Mews
    /// gateway (AddMewsSync) and the database.</summary>
    public static IServiceCollection AddDesk(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<MewsReservationReader>();
        return services;
    }
}
