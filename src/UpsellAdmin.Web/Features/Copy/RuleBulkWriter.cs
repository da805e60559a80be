using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Copy;

/// <summary>Called after each copied rule was written inside a target's transaction (tests inject failures here).
/// Resolved from DI; none is registered in the app.</summary>
public interface IRuleCopyWriteHook
{
    ValueTask RuleWrittenAsync(string targetPropertyCode, int rulesWritten, CancellationToken cancellationToken);
}

/// <summary>
/// Inserts new rules with their filters and occupancy amounts inside the caller's transaction. On SQLite: reused
/// INSERT commands built from the EF model (table, columns, value converters and type mappings come from EF, so a
/// row is stored exactly as SaveChanges would store it) — EF's one-command-per-row change tracking costs ~20× more
/// for 50,000 rules. Elsewhere: AddRange + SaveChanges.
/// </summary>
internal static class RuleBulkWriter
{
    public static async Task InsertAsync(AppDbContext db, string targetCode, IReadOnlyList<UpsellRule> rules, IReadOnlyList<IRuleCopyWriteHook> hooks, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            db.UpsellRules.AddRange(rules);
            await db.SaveChangesAsync(ct);
            foreach (var hook in hooks)
            {
                await hook.RuleWrittenAsync(targetCode, rules.Count, ct);
            }
            return;
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Rules are copied inside the target's transaction.");
        await using var ruleInsert = Command<UpsellRule>(db, connection, transaction, returnId: true);
        await using var filterInsert = Command<UpsellRuleFilterValue>(db, connection, transaction, returnId: false);
        await using var amountInsert = Command<UpsellRuleOccupancyAmount>(db, connection, transaction, returnId: false);

        var written = 0;
        foreach (var rule in rules)
        {
            ct.ThrowIfCancellationRequested();
            // Synchronous on purpose: Microsoft.Data.Sqlite's async calls run synchronously anyway, plus a Task each.
            rule.Id = Convert.ToInt32(ruleInsert.Execute(rule), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var filter in rule.Filters)
            {
                filter.RuleId = rule.Id;
                filterInsert.Execute(filter);
            }
            foreach (var amount in rule.OccupancyAmounts)
            {
                amount.RuleId = rule.Id;
                amountInsert.Execute(amount);
            }
            written++;
            foreach (var hook in hooks)
            {
                await hook.RuleWrittenAsync(targetCode, written, ct);
            }
        }
    }

    private static InsertCommand Command<T>(AppDbContext db, DbConnection connection, DbTransaction transaction, bool returnId)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .ToList();
        if (columns.Any(c => c.Property.PropertyInfo is null))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has shadow properties; the bulk insert cannot fill them.");
        }
        var key = entity.FindPrimaryKey()!.Properties.Single().GetColumnName(table);
        var sql = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})"
            + (returnId ? $" RETURNING \"{key}\"" : "");
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return new InsertCommand(command, columns.Select(c => (c.Property, c.Mapping)).ToList(), returnId);
    }

    private sealed class InsertCommand(DbCommand command, List<(IProperty Property, RelationalTypeMapping Mapping)> columns, bool returnId) : IAsyncDisposable
    {
        public object? Execute(object entity)
        {
            command.Parameters.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                var (property, mapping) = columns[i];
                var value = property.PropertyInfo!.GetValue(entity);
                // The mapping applies the value converter (enums as strings) and the provider's storage format.
                command.Parameters.Add(mapping.CreateParameter(command, $"@p{i}", value, property.IsNullable));
            }
            return returnId ? command.ExecuteScalar() : command.ExecuteNonQuery();
        }

        public ValueTask DisposeAsync() => command.DisposeAsync();
    }
}
