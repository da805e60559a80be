using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;

namespace UpsellAdmin.Web.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task MigrateAsync_EmptySqliteDatabase_AppliesEveryMigration()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connection).Options;
        await using var db = new SqliteAppDbContext(options);

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.UpsellRules.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void HasPendingModelChanges_Sqlite_IsFalse()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run the dotnet ef command in AppDbContext's comment.");
    }

    [Fact]
    public void HasPendingModelChanges_SqlServer_IsFalse()
    {
        // A dummy connection string: nothing connects, the model is compared with the last migration's snapshot.
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQL Server migration: run the dotnet ef command in AppDbContext's comment.");
    }

    [Fact]
    public void GenerateScript_SqlServer_ProducesAnIdempotentScript()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var script = db.Database.GenerateCreateScript();

        Assert.Contains("CREATE TABLE [UpsellRules]", script, StringComparison.Ordinal);
    }
}
