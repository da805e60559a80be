using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Data.Seeding;

/// <summary>
/// Fast inserts for the seed's large tables (tens of thousands of nightly prices): a prepared, reused INSERT in one
/// transaction on SQLite, SqlBulkCopy on SQL Server, EF's AddRange elsewhere. Change tracking of 60,000 entities
/// costs seconds; this costs a fraction of one, so the app still starts in a few seconds on first run.
/// </summary>
internal static class BulkInsert
{
    public static async Task NightlyPricesAsync(AppDbContext db, IReadOnlyList<NightlyPrice> prices, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                // Join the caller's transaction when there is one, else use our own.
                var outer = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
                await using var own = outer is null ? (SqliteTransaction)await connection.BeginTransactionAsync(ct) : null;
                await using var cmd = connection.CreateCommand();
                cmd.Transaction = outer ?? own;
                cmd.CommandText = "INSERT INTO NightlyPrices (PropertyId, RateCodeId, RoomTypeId, Date, Amount) VALUES ($p, $r, $t, $d, $a)";
                var p = cmd.Parameters.Add("$p", SqliteType.Integer);
                var r = cmd.Parameters.Add("$r", SqliteType.Integer);
                var t = cmd.Parameters.Add("$t", SqliteType.Integer);
                var d = cmd.Parameters.Add("$d", SqliteType.Text);
                var a = cmd.Parameters.Add("$a", SqliteType.Text);
                cmd.Prepare();
                foreach (var price in prices)
                {
                    p.Value = price.PropertyId;
                    r.Value = price.RateCodeId;
                    t.Value = price.RoomTypeId;
                    d.Value = price.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                    a.Value = price.Amount; // Microsoft.Data.Sqlite writes decimal as TEXT, as EF does
                    // Synchronous on purpose: Microsoft.Data.Sqlite has no real async I/O, and 60,000 awaited calls cost seconds.
                    cmd.ExecuteNonQuery();
                }
                if (own is not null)
                {
                    await own.CommitAsync(ct);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return;
        }

        if (db.Database.IsSqlServer())
        {
            using var table = new DataTable();
            table.Columns.Add(nameof(NightlyPrice.PropertyId), typeof(int));
            table.Columns.Add(nameof(NightlyPrice.RateCodeId), typeof(int));
            table.Columns.Add(nameof(NightlyPrice.RoomTypeId), typeof(int));
            table.Columns.Add(nameof(NightlyPrice.Date), typeof(DateTime));
            table.Columns.Add(nameof(NightlyPrice.Amount), typeof(decimal));
            foreach (var price in prices)
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
            return;
        }

        db.NightlyPrices.AddRange(prices);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
