using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Copy;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Copy;

/// <summary>The copy's SQLite bulk insert against EF's SaveChanges: the same rows, column by column, with the same
/// storage types; rule ids that SQLite itself would hand out.</summary>
public sealed class RuleBulkWriterTests : IAsyncLifetime
{
    private CopyTestDatabase _db = null!;
    private Property _property = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await CopyTestDatabase.CreateAsync(Ct);
        _property = await _db.AddPropertyAsync("BULK", "USD", _ => { }, Ct);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    /// <summary>A rule with every column set to a value that needs a type mapping: dates, a fractional decimal, enums
    /// stored as strings, a Guid, offsets, a membership with a level, occupancy amounts.</summary>
    private UpsellRule Rule(string code, bool occupancy)
    {
        var rule = new UpsellRule
        {
            PropertyId = _property.Id,
            Code = code,
            Description = "Überall — every column",
            BeginDate = new DateOnly(2027, 2, 28),
            EndDate = new DateOnly(2027, 12, 31),
            UpsellByRoomType = false,
            FromCode = "DLX",
            ToCode = "STE",
            Formula = UpsellFormula.PercentOfDifferenceAddedToOriginalRate,
            UpsellAmount = occupancy ? null : 12.3456m,
            CurrencyCode = "USD",
            RoundingRule = RoundingRule.UpKeepDecimal,
            DaysInAdvance = occupancy ? null : 3,
            UpsellByOccupancyLevels = occupancy,
            CreatedUtc = new DateTimeOffset(2026, 11, 22, 10, 15, 30, 123, TimeSpan.FromHours(2)),
            UpdatedUtc = new DateTimeOffset(2026, 11, 22, 8, 15, 30, 456, TimeSpan.Zero),
            UpdatedBy = occupancy ? null : "revenue@test.local",
            Version = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            Filters =
            [
                new() { Kind = RuleFilterKind.RateCode, Value = "BAR" },
                new() { Kind = RuleFilterKind.Membership, Value = "GOLDCLUB", Level = "PLAT" },
                new() { Kind = RuleFilterKind.Channel, Value = "WEB" },
            ],
            OccupancyAmounts = occupancy ? [new() { Level = 1, Amount = 10.5m }, new() { Level = 2, Amount = 20m }] : [],
        };
        rule.RefreshFilterKinds();
        return rule;
    }

    private async Task SaveWithEfAsync(params UpsellRule[] rules)
    {
        await using var db = await _db.ContextAsync(Ct);
        db.UpsellRules.AddRange(rules);
        await db.SaveChangesAsync(Ct);
    }

    private async Task BulkInsertAsync(params UpsellRule[] rules)
    {
        await using var db = await _db.ContextAsync(Ct);
        await db.InTransactionAsync(async token =>
        {
            await RuleBulkWriter.InsertAsync(db, _property.Code, rules, [], token);
            return (true, 0);
        }, Ct);
    }

    /// <summary>Each stored value with its SQLite storage class, e.g. "Formula=text:PercentOf…".</summary>
    private async Task<List<string>> StoredAsync(string table, string where, params string[] ignore)
    {
        await using var db = await _db.ContextAsync(Ct);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
            await using var names = await info.ExecuteReaderAsync(Ct);
            while (await names.ReadAsync(Ct))
            {
                var name = names.GetString(0);
                if (!ignore.Contains(name))
                {
                    columns.Add(name);
                }
            }
        }
        // Each value next to its storage class: equal text alone would miss an integer stored where text was expected.
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"typeof(\"{c}\") || ':' || coalesce(\"{c}\", 'null')"))} "
            + $"FROM \"{table}\" WHERE {where} ORDER BY \"Id\"";
        await using DbDataReader reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            var cells = columns.Select((c, i) => $"{c}={reader.GetString(i)}").ToList();
            rows.Add(string.Join(" | ", cells));
        }
        return rows;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BulkInsert_StoresEveryColumnExactlyAsSaveChanges(bool occupancy)
    {
        var viaEf = Rule("EF", occupancy);
        var viaBulk = Rule("BULK", occupancy);
        await SaveWithEfAsync(viaEf);
        await BulkInsertAsync(viaBulk);

        var rules = await StoredAsync("UpsellRules", $"\"Id\" IN ({viaEf.Id}, {viaBulk.Id})", "Id", "Code");
        Assert.Equal(2, rules.Count);
        Assert.Contains("Formula=text:PercentOfDifferenceAddedToOriginalRate", rules[0], StringComparison.Ordinal);
        Assert.Equal(rules[0], rules[1]);

        var efFilters = await StoredAsync("UpsellRuleFilterValues", $"\"RuleId\" = {viaEf.Id}", "Id", "RuleId");
        Assert.Equal(3, efFilters.Count);
        Assert.Equal(efFilters, await StoredAsync("UpsellRuleFilterValues", $"\"RuleId\" = {viaBulk.Id}", "Id", "RuleId"));

        var efAmounts = await StoredAsync("UpsellRuleOccupancyAmounts", $"\"RuleId\" = {viaEf.Id}", "Id", "RuleId");
        Assert.Equal(occupancy ? 2 : 0, efAmounts.Count);
        Assert.Equal(efAmounts, await StoredAsync("UpsellRuleOccupancyAmounts", $"\"RuleId\" = {viaBulk.Id}", "Id", "RuleId"));

        // And EF reads the bulk-written rule back equal to what was written.
        var back = (await _db.RulesAsync(_property.Id, Ct)).Single(r => r.Code == "BULK");
        Assert.Equal((viaBulk.UpsellAmount, viaBulk.Version, viaBulk.CreatedUtc, viaBulk.Formula, viaBulk.RoundingRule),
            (back.UpsellAmount, back.Version, back.CreatedUtc, back.Formula, back.RoundingRule));
        Assert.Equal(viaBulk.Filters.Select(f => (f.Kind, f.Value, f.Level)).Order(), back.Filters.Select(f => (f.Kind, f.Value, f.Level)).Order());
    }

    [Fact]
    public async Task BulkInsert_NeverReusesTheIdOfADeletedRule_AndGivesEachRuleItsOwnFilters()
    {
        var first = Rule("A1", false);
        var deleted = Rule("A2", false);
        await SaveWithEfAsync(first, deleted);
        await using (var db = await _db.ContextAsync(Ct))
        {
            await db.UpsellRules.Where(r => r.Id == deleted.Id).ExecuteDeleteAsync(Ct);
        }

        var copies = Enumerable.Range(1, 5).Select(i => Rule($"C{i}", i % 2 == 0)).ToArray();
        for (var i = 0; i < copies.Length; i++)
        {
            copies[i].Filters[0].Value = $"RATE{i}";
        }
        await BulkInsertAsync(copies);

        // SQLite's AUTOINCREMENT never hands out a deleted rule's id again; the bulk insert follows it.
        Assert.All(copies, c => Assert.True(c.Id > deleted.Id, $"{c.Code} got id {c.Id}, not above the deleted {deleted.Id}"));
        Assert.Equal(copies.Length, copies.Select(c => c.Id).Distinct().Count());
        var stored = await _db.RulesAsync(_property.Id, Ct);
        foreach (var (copy, i) in copies.Select((c, i) => (c, i)))
        {
            var rule = stored.Single(r => r.Id == copy.Id);
            Assert.Equal(copy.Code, rule.Code);
            Assert.Contains(rule.Filters, f => f.Kind == RuleFilterKind.RateCode && f.Value == $"RATE{i}");
            Assert.Equal(copy.UpsellByOccupancyLevels ? 2 : 0, rule.OccupancyAmounts.Count);
        }

        // EF's own next insert still gets a fresh id above the bulk-written ones.
        var after = Rule("AFTER", false);
        await SaveWithEfAsync(after);
        Assert.True(after.Id > copies.Max(c => c.Id));
    }
}
