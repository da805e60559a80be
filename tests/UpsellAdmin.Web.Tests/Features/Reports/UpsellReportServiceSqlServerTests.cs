using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Reports;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Reports;

/// <summary>
/// The report's queries on the SQL Server provider, without a server: the connection is never opened (an interceptor
/// suppresses it) and every command is answered with an empty result, so each query is translated to T-SQL and
/// captured. A query EF cannot translate for SQL Server (the week's day number, the union, COUNT(DISTINCT)) throws here.
/// </summary>
public sealed class UpsellReportServiceSqlServerTests
{
    [Fact]
    public async Task Every_grouping_translates_to_grouped_T_SQL()
    {
        var capture = new NoServer();
        var options = new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=nowhere.invalid;Database=UpsellAdmin;Integrated Security=true;TrustServerCertificate=true")
            .AddInterceptors(capture)
            .Options;
        var user = new FakeCurrentUser { User = ReportTestData.Admin };
        var service = new UpsellReportService(new Factory(options), user);
        var ct = TestContext.Current.CancellationToken;

        foreach (var basis in Enum.GetValues<ReportDateBasis>())
        {
            foreach (var kind in new UpsellKind?[] { null, UpsellKind.RoomUpgrade })
            {
                var query = new UpsellReportQuery([], new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), basis, "Anna", SaleChannel.Desk, kind,
                    Enum.GetValues<ReportGrouping>());
                var result = await service.RunAsync(query, ct);
                Assert.Equal(UpsellReportStatus.Ok, result.Status);
            }
        }
        Assert.Null(await service.PairConversionAsync(1, "STD", "DLX", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), ct)); // 0 presented

        string[] tables = ["[UpsellSales]", "[UpsellPresentations]", "[UpsellPresentedOffers]", "[UpsellDeclines]"];
        var overRecords = capture.Commands.Where(c => tables.Any(t => c.Contains(t, StringComparison.Ordinal))).ToList();
        // What matters, not how many statements there are: every statement over the records is grouped — except the pair
        // conversion's one MIN(Day) of the presented offers (the start of its window) — and the week key is computed in SQL
        // (DATEDIFF to 0001-01-01, % 7).
        var firstShown = Assert.Single(overRecords, sql => sql.StartsWith("SELECT MIN", StringComparison.Ordinal));
        Assert.Contains("[UpsellPresentedOffers]", firstShown, StringComparison.Ordinal);
        Assert.True(overRecords.Count > 1);
        Assert.All(overRecords.Where(sql => sql != firstShown), sql => Assert.Contains("GROUP BY", sql, StringComparison.Ordinal));
        Assert.Contains(overRecords, sql => sql.Contains("DATEDIFF(day, '0001-01-01'", StringComparison.Ordinal) && sql.Contains("% 7", StringComparison.Ordinal));
        Assert.Contains(overRecords, sql => sql.Contains("COUNT(DISTINCT", StringComparison.Ordinal));
        Assert.Contains(overRecords, sql => sql.Contains("UNION", StringComparison.Ordinal));
    }

    private sealed class Factory(DbContextOptions<SqlServerAppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new SqlServerAppDbContext(options);
    }

    /// <summary>No connection is opened; each command's text is kept and answered with no rows.</summary>
    private sealed class NoServer : IDbConnectionInterceptor, IDbCommandInterceptor
    {
        public List<string> Commands { get; } = [];

        public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

        public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Commands.Add(command.CommandText);
            var table = new DataTable();
            // A single-value query (EXISTS for the access check, COUNT) gets its one row: true, 0.
            if (command.CommandText.StartsWith("SELECT CASE", StringComparison.Ordinal))
            {
                table.Columns.Add("value", typeof(bool));
                table.Rows.Add(true);
            }
            else if (command.CommandText.StartsWith("SELECT MIN", StringComparison.Ordinal))
            {
                table.Columns.Add("value", typeof(DateTime));
                table.Rows.Add(DBNull.Value); // no presented offer yet
            }
            else if (command.CommandText.StartsWith("SELECT COUNT", StringComparison.Ordinal))
            {
                table.Columns.Add("value", typeof(int));
                table.Rows.Add(0);
            }
            return InterceptionResult<DbDataReader>.SuppressWithResult(table.CreateDataReader());
        }

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(ReaderExecuting(command, eventData, result));

        public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Commands.Add(command.CommandText);
            return InterceptionResult<object>.SuppressWithResult(0);
        }

        public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
            CancellationToken cancellationToken = default) => ValueTask.FromResult(ScalarExecuting(command, eventData, result));
    }
}
