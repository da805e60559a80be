using System.Data;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>
/// Writes nightly prices: the sync's diff of one property (tens of thousands of rows on a first sync, usually none
/// afterwards) and the demo seed's prices. Change tracking of 60,000 entities costs seconds, so:
/// <list type="bullet">
/// <item>SQLite: three prepared statements, run synchronously (Microsoft.Data.Sqlite has no real async I/O, and
/// 60,000 awaited calls cost seconds), in the caller's transaction if there is one, else in one of their own.</item>
/// <item>SQL Server, inserts only (a first sync, the seed): SqlBulkCopy, in the caller's transaction if any.</item>
/// <item>Otherwise: EF Core in one SaveChanges, tracking only the changed rows.</item>
/// </list>
/// </summary>
internal static class NightlyPriceWriter
{
    public static Task InsertAsync(AppDbContext db, IReadOnlyList<NightlyPrice> inserts, CancellationToken ct) =>
        WriteAsync(db, inserts, [], [], ct);

    public static async Task WriteAsync(AppDbContext db, IReadOnlyList<NightlyPrice> inserts, IReadOnlyList<NightlyPrice> updates,
        IReadOnlyList<NightlyPrice> deletes, CancellationToken ct)
    {
        if (inserts.Count + updates.Count + deletes.Count == 0)
        {
            return;
        }
        if (db.Database.IsSqlite())
        {
            await WriteSqliteAsync(db, inserts, updates, deletes, ct);
            return;
        }
        if (db.Database.IsSqlServer() && updates.Count + deletes.Count == 0)
        {
            await BulkCopyAsync(db, inserts, ct);
            return;
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.NightlyPrices.AddRange(inserts);
        foreach (var price in updates)
        {
            db.NightlyPrices.Attach(price).Property(p => p.Amount).IsModified = true;
        }
        db.NightlyPrices.RemoveRange(deletes);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static async Task WriteSqliteAsync(AppDbContext db, IReadOnlyList<NightlyPrice> inserts, IReadOnlyList<NightlyPrice> updates,
        IReadOnlyList<NightlyPrice> deletes, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var outer = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            await using var own = outer is null ? (SqliteTransaction)await connection.BeginTransactionAsync(ct) : null;
            var tx = outer ?? own!;
            Run(connection, tx, "INSERT INTO NightlyPrices (PropertyId, RateCodeId, RoomTypeId, Date, Amount) VALUES ($p, $r, $t, $d, $a)", inserts, true, ct);
            Run(connection, tx, "UPDATE NightlyPrices SET Amount = $a WHERE PropertyId = $p AND RateCodeId = $r AND RoomTypeId = $t AND Date = $d", updates, true, ct);
            Run(connection, tx, "DELETE FROM NightlyPrices WHERE PropertyId = $p AND RateCodeId = $r AND RoomTypeId = $t AND Date = $d", deletes, false, ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Run(SqliteConnection connection, SqliteTransaction tx, string sql, IReadOnlyList<NightlyPrice> rows, bool withAmount, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        var p = cmd.Parameters.Add("$p", SqliteType.Integer);
        var r = cmd.Parameters.Add("$r", SqliteType.Integer);
        var t = cmd.Parameters.Add("$t", SqliteType.Integer);
        var d = cmd.Parameters.Add("$d", SqliteType.Text);
        var a = withAmount ? cmd.Parameters.Add("$a", SqliteType.Text) : null;
        cmd.Prepare();
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            p.Value = row.PropertyId;
            r.Value = row.RateCodeId;
            t.Value = row.RoomTypeId;
            d.Value = row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (a is not null)
            {
                a.Value = row.Amount; // Microsoft.Data.Sqlite writes decimal as TEXT, as EF Core does
            }
            cmd.ExecuteNonQuery();
        }
    }

    private static async Task BulkCopyAsync(AppDbContext db, IReadOnlyList<NightlyPrice> inserts, CancellationToken ct)
    {
        using var table = new DataTable();
        table.Columns.Add(nameof(NightlyPrice.PropertyId), typeof(int));
        table.Columns.Add(nameof(NightlyPrice.RateCodeId), typeof(int));
        table.Columns.Add(nameof(NightlyPrice.RoomTypeId), typeof(int));
        table.Columns.Add(nameof(NightlyPrice.Date), typeof(DateTime));
        table.Columns.Add(nameof(NightlyPrice.Amount), typeof(decimal));
        foreach (var price in inserts)
        {
            table.Rows.Add(price.PropertyId, price.RateCodeId, price.RoomTypeId, price.Date.ToDateTime(TimeOnly.MinValue), price.Amount);
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var outer = (SqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            using var bulk = new SqlBulkCopy((SqlConnection)db.Database.GetDbConnection(), SqlBulkCopyOptions.Default, outer)
            {
                DestinationTableName = "NightlyPrices",
                BatchSize = 10_000,
            };
            foreach (DataColumn column in table.Columns)
            {
                bulk.ColumnMappings.Add(column.ColumnName, column.ColumnName);
            }
            await bulk.WriteToServerAsync(table, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
