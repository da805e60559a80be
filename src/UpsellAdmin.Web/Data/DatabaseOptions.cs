namespace UpsellAdmin.Web.Data;

/// <summary>Section "Database". Provider "Sqlite" (default, a file next to the app) or "SqlServer".</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite defaults to "Data Source=upselladmin.db"; required for SQL Server.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations on start (default true).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public const string DefaultSqliteConnectionString = "Data Source=upselladmin.db";
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
