using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Serilog;
using Serilog.Events;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Components.Hosting;

/// <summary>
/// What a failing request shows. ASP.NET Core's developer exception page prints the stack, source paths and every
/// request header — the Cookie and X-Api-Key too — so it is shown only in Development AND when the setting
/// <see cref="DeveloperExceptionPageSetting"/> is true; otherwise the app's Error page (and under /api a problem).
/// </summary>
public static class ErrorPages
{
    /// <summary>Configuration key: true shows the developer exception page in Development (default false).</summary>
    public const string DeveloperExceptionPageSetting = "DeveloperExceptionPage";

    public static bool ShowDeveloperExceptionPage(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() && configuration.GetValue(DeveloperExceptionPageSetting, false);

    /// <summary>The developer page is added by the host itself in Development, outside the app's pipeline; this filter
    /// answers in its place (a bare 500 with the trace id) unless it is enabled.</summary>
    public static IServiceCollection AddSafeDeveloperExceptionPage(this IServiceCollection services) =>
        services.AddSingleton<IDeveloperPageExceptionFilter, SafeDeveloperPageExceptionFilter>();

    /// <summary>Serilog's request line with the path escaped and cut (<see cref="LogText"/>): a URL with a newline
    /// cannot forge a log line.</summary>
    public static void SafeRequestLogging(Serilog.AspNetCore.RequestLoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.GetMessageTemplateProperties = (context, path, elapsed, status) =>
        [
            new LogEventProperty("RequestMethod", new ScalarValue(LogText.Safe(context.Request.Method, 20))),
            new LogEventProperty("RequestPath", new ScalarValue(LogText.Safe(path))),
            new LogEventProperty("StatusCode", new ScalarValue(status)),
            new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
        ];
    }

    private sealed class SafeDeveloperPageExceptionFilter(IHostEnvironment environment, IConfiguration configuration, ILogger<SafeDeveloperPageExceptionFilter> logger)
        : IDeveloperPageExceptionFilter
    {
        public async Task HandleExceptionAsync(ErrorContext errorContext, Func<ErrorContext, Task> next)
        {
            if (ShowDeveloperExceptionPage(environment, configuration))
            {
                await next(errorContext);
                return;
            }

            var http = errorContext.HttpContext;
            var traceId = Activity.Current?.Id ?? http.TraceIdentifier;
            logger.LogError(errorContext.Exception, "Unhandled exception on {Method} {Path} (trace {TraceId})",
                LogText.Safe(http.Request.Method, 20), LogText.Safe(http.Request.Path.Value), traceId);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await http.Response.WriteAsJsonAsync(
                new { title = "An error occurred while processing your request.", status = 500, traceId },
                (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", http.RequestAborted);
        }
    }
}
