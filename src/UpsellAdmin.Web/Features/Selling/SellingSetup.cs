using Microsoft.Extensions.DependencyInjection.Extensions;
using UpsellAdmin.Web.Features.Desk;

namespace UpsellAdmin.Web.Features.Selling;

public static class SellingSetup
{
    /// <summary>Selling: <see cref="ISellingService"/> (and the desk's <see cref="IDeskSelling"/> over it), the posting worker's parts (<see cref="UpsellPoster"/>,
    /// <see cref="UpsellWorkSignal"/>) and <see cref="SellingOptions"/>. Needs the desk, the Mews gateway and the database.
    /// The background worker itself is added by <see cref="AddSellingWorker"/> (the app does; tests run the poster directly).</summary>
    public static IServiceCollection AddSelling(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<SellingOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(SellingOptions.Section));
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UpsellWorkSignal>();
        services.TryAddScoped<UpsellPoster>();
        services.TryAddScoped<ISellingService, SellingService>();
        services.TryAddScoped<IDeskSelling, DeskSelling>(); // the desk sells through the interface it owns
        return services;
    }

    public static IServiceCollection AddSellingWorker(this IServiceCollection services)
    {
        services.AddHostedService<UpsellPostingWorker>();
        return services;
    }
}
