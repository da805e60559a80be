namespace UpsellAdmin.Web.Features.Common;

/// <summary>
/// The one place that decides whether the app runs in demo mode (demo users, the demo chain from the in-process Mews
/// simulator, the demo API keys <c>demo-api-key</c> and <c>demo-readonly-key</c>): the <c>DemoMode</c> setting when it
/// is set, otherwise on only in the Development environment. A Production instance is never a demo by accident.
/// </summary>
public static class DemoMode
{
    public const string SettingName = "DemoMode";

    /// <summary>The <c>DemoMode</c> setting if present, else true only in Development (a missing environment is not
    /// Development).</summary>
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment? environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var setting = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(setting))
        {
            return bool.TryParse(setting, out var on)
                ? on
                : throw new InvalidOperationException($"The {SettingName} setting must be true or false, not '{setting}'.");
        }
        return environment?.IsDevelopment() == true;
    }

    /// <summary>The same, with the environment taken from <paramref name="services"/> (tests and benchmarks that call
    /// the initializer on a bare container have none: then only the setting counts).</summary>
    public static bool IsEnabled(IConfiguration configuration, IServiceProvider services) =>
        IsEnabled(configuration, services.GetService<IHostEnvironment>());
}
