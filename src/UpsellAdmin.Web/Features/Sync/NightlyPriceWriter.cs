using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>
/// Writes the price diff of one property: tens of thousands of rows on a first sync, usually none afterwards. On
/// SQLite three prepared statements in one transaction (change tracking 60,000 entities costs seconds); elsewhere
/// EF Core in one SaveChanges with tracking only of the changed rows.
/// </summary>
internal static class NightlyPriceWriter
{
    public static async Task WriteAsync(AppDbContext db, IReadOnlyList<NightlyPrice> inserts, IReadOnlyList<NightlyPrice> updates,
        IReadOnlyList<NightlyPrice> deletes, CancellationToken ct)
    {
        if (inserts.Count + updates.Count + deletes.Count == 0)
        {
            return;
        }
        if (!db.Database.IsSqlite())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.NightlyPrices.AddRange(inserts);
            foreach (var price in updates)
            {
                db.NightlyPrices.Attach(price).Property(p => p.Amount).IsModified = true;
            }
            db.NightlyPrices.RemoveRange(deletes);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await RunAsync(connection, tx, "INSERT INTO NightlyPrices (PropertyId, RateCodeId, RoomTypeId, Date, Amount) VALUES ($p, $r, $t, $d, $a)", inserts, true, ct);
            await RunAsync(connection, tx, "UPDATE NightlyPrices SET Amount = $a WHERE PropertyId = $p AND RateCodeId = $r AND RoomTypeId = $t AND Date = $d", updates, true, ct);
            await RunAsync(connection, tx, "DELETE FROM NightlyPrices WHERE PropertyId = $p AND RateCodeId = $r AND RoomTypeId = $t AND Date = $d", deletes, false, ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task RunAsync(SqliteConnection connection, SqliteTransaction tx, string sql, IReadOnlyList<NightlyPrice> rows, bool withAmount, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var cmd = connection.CreateCommand();
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
            p.Value = row.PropertyId;
            r.Value = row.RateCodeId;
            t.Value = row.RoomTypeId;
            d.Value = row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (a is not null)
            {
                a.Value = row.Amount; // Microsoft.Data.Sqlite writes decimal as TEXT, as EF Core does
            }
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
