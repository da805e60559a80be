using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UpsellAdmin.Web.Features.Desk;

public static class DeskSetup
{
    /// <summary>The Upsell Desk feature (<see cref="IUpsellDeskService"/> over <see cref="MewsReservationReader"/> and the quote engine). Needs the Mews
    /// gateway (AddMewsSync) and the database.</summary>
    public static IServiceCollection AddDesk(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.TryAddScoped<MewsReservationReader>();
        services.TryAddScoped<IUpsellDeskService, UpsellDeskService>();
        return services;
    }
}
