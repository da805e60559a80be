using Serilog;

namespace UpsellAdmin.Web.Components.Hosting;

public static class LoggingSetup
{
    /// <summary>Serilog from the "Serilog" configuration section (sinks, levels, enrichers live in appsettings.json).</summary>
    public static WebApplicationBuilder AddAppLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
        return builder;
    }
}
