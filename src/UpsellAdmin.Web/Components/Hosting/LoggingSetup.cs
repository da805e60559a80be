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
            .Enrich.FromLogContext(),
            // The app's loggers write through this app's logger, never the process-wide static Log.Logger, which
            // belongs to whichever host started last when several run in one process (the tests).
            preserveStaticLogger: true);
        return builder;
    }
}
