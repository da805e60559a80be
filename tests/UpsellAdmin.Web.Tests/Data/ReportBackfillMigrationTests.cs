using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UpsellAdmin.Web.Data;

namespace UpsellAdmin.Web.Tests.Data;

/// <summary>Records written before the Upsell Performance report get what the report groups on when the database is
/// migrated: a sale's day and upgrade nights, a decline's day and its pair or product (from its Offer text), a
/// presentation's agent user (from the agent name).</summary>
public sealed class ReportBackfillMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MigratingOldActivity_FillsDaysPairsProductsAndAgentUsers()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Ct);
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connection).Options;
        await using var db = new SqliteAppDbContext(options);
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_UpsellPerformance", StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(before, Ct);
        await Exec(connection, "PRAGMA foreign_keys = OFF");

        await Insert(connection, "AspNetUsers", new() { ["Id"] = "user-1", ["UserName"] = "anna@hotel" });
        await Insert(connection, "UpsellPresentations", new() { ["PropertyId"] = 1, ["ReservationId"] = "r1", ["AgentName"] = "anna@hotel", ["Day"] = "2026-03-01" });
        await Insert(connection, "UpsellPresentations", new() { ["PropertyId"] = 1, ["ReservationId"] = "r2", ["AgentName"] = "API: engine", ["Day"] = "2026-03-01" });
        await Insert(connection, "UpsellDeclines", new() { ["PropertyId"] = 1, ["ReservationId"] = "r1", ["Kind"] = "RoomUpgrade", ["Offer"] = "STD → SUP", ["DeclinedUtc"] = "2026-03-01 23:30:00" });
        await Insert(connection, "UpsellDeclines", new() { ["PropertyId"] = 1, ["ReservationId"] = "r2", ["Kind"] = "AddOn", ["Offer"] = "Breakfast", ["DeclinedUtc"] = "2026-03-02 08:00:00" });
        var saleId = Guid.NewGuid().ToString().ToUpperInvariant();
        await Insert(connection, "UpsellSales", new() { ["Id"] = saleId, ["PropertyId"] = 1, ["Kind"] = "RoomUpgrade", ["SoldUtc"] = "2026-03-01 10:15:00", ["Status"] = "Posted" });
        foreach (var night in new[] { "2026-03-05", "2026-03-06" })
        {
            await Insert(connection, "UpsellSaleNights", new() { ["SaleId"] = saleId, ["Date"] = night });
        }

        await db.Database.MigrateAsync(Ct);

        Assert.Equal([("STD", "SUP", null, "2026-03-01"), (null, null, "Breakfast", "2026-03-02")],
            await Rows(connection, "SELECT FromRoomType, ToRoomType, ProductName, Day FROM UpsellDeclines ORDER BY Id", r => (Text(r, 0), Text(r, 1), Text(r, 2), Text(r, 3))));
        Assert.Equal(["user-1", null], await Rows(connection, "SELECT AgentUserId FROM UpsellPresentations ORDER BY Id", r => Text(r, 0)));
        Assert.Equal([("2026-03-01", 2L)], await Rows(connection, "SELECT SoldDate, UpgradeNights FROM UpsellSales", r => (Text(r, 0), r.GetInt64(1))));
    }

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<List<T>> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    /// <summary>Inserts a row giving every other NOT NULL column without a default a placeholder of its type.</summary>
    private static async Task Insert(SqliteConnection connection, string table, Dictionary<string, object> values)
    {
        var columns = await Rows(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')",
            r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetInt64(2) == 1, HasDefault: !r.IsDBNull(3), Key: r.GetInt64(4) > 0));
        foreach (var c in columns.Where(c => c.NotNull && !c.HasDefault && !c.Key && !values.ContainsKey(c.Name)))
        {
            values[c.Name] = c.Type.Contains("INT", StringComparison.OrdinalIgnoreCase) ? 0 : "x";
        }
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", values.Keys.Select(k => $"\"{k}\""))}) VALUES ({string.Join(", ", values.Keys.Select((_, i) => $"$p{i}"))})";
        var n = 0;
        foreach (var value in values.Values)
        {
            command.Parameters.AddWithValue($"$p{n++}", value);
        }
        await command.ExecuteNonQueryAsync(Ct);
    }
}
