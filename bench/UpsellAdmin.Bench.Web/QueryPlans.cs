using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Bench.Web;

/// <summary>--plans: prints the SQL of each case's count and page query with SQLite's EXPLAIN QUERY PLAN.</summary>
internal static class QueryPlans
{
    public static async Task PrintAsync(BenchDatabase database, int propertyId, IEnumerable<(string Name, UpsellRuleCriteria Criteria, PageRequest Page)> cases)
    {
        foreach (var (name, criteria, page) in cases)
        {
            await database.WithContextAsync<int>(async db =>
            {
                var filtered = await UpsellRuleQuery.FilterAsync(db, propertyId, criteria, default);
                var paged = UpsellRuleQuery.Sort(filtered, page).Skip(page.Page * page.PageSize).Take(page.PageSize).Select(r => r.Id);
                Console.WriteLine($"== {name}");
                foreach (var (label, sql) in new[] { ("page", paged.ToQueryString()), ("count", filtered.Select(r => r.Id).ToQueryString()) })
                {
                    Console.WriteLine($"-- {label}:\n{sql}");
                    using var connection = database.OpenConnection();
                    using var cmd = connection.CreateCommand();
                    // ToQueryString declares parameters as .param set lines; inline them for EXPLAIN.
                    var lines = sql.Split('\n');
                    var body = string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
                    foreach (var line in lines.Where(l => l.StartsWith(".param set", StringComparison.Ordinal)))
                    {
                        var parts = line.Split(' ', 4);
                        cmd.Parameters.AddWithValue(parts[2], parts[3].Trim().Trim('\'') is var v && int.TryParse(v, out var n) ? n : v);
                    }
                    cmd.CommandText = "EXPLAIN QUERY PLAN " + body;
                    using var reader = cmd.ExecuteReader();
                    while (reader.Read())
                    {
                        Console.WriteLine($"   plan: {reader.GetString(3)}");
                    }
                }
                return 0;
            });
        }
    }
}
