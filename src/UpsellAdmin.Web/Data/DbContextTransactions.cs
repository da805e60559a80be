using Microsoft.EntityFrameworkCore;

namespace UpsellAdmin.Web.Data;

internal static class DbContextTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction through the provider's execution strategy (SQL Server is
    /// configured with retry on failure, which refuses user transactions outside a strategy). Commits when
    /// <paramref name="work"/> returns true, else rolls back.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this AppDbContext db, Func<CancellationToken, Task<(bool Commit, T Result)>> work, CancellationToken ct,
        System.Data.IsolationLevel? isolation = null)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var tx = isolation is { } level
                ? await db.Database.BeginTransactionAsync(level, token)
                : await db.Database.BeginTransactionAsync(token);
            var (commit, result) = await work(token);
            if (commit)
            {
                await tx.CommitAsync(token);
            }
            else
            {
                await tx.RollbackAsync(token);
            }
            return result;
        }, ct);
    }
}
