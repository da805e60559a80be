using System.Globalization;
using Microsoft.Data.Sqlite;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Bench.Web;

/// <summary>
/// Inserts N rules with a realistic spread of filters into one property with prepared SQLite commands (EF change
/// tracking of 300,000 entities would dominate the run). Deterministic (seed 42). Spread: 80 % room type rules
/// over the demo property's room types, 20 % room class rules; 25 % open dates, 15 % open end, 60 % ranges of
/// 1–12 months around today; rate codes on 35 % of rules, categories on 15 %, memberships 30 % (half with a
/// level), channels 40 %, reservation types 25 %, markets 35 %.
/// </summary>
internal static class RuleGenerator
{
    private static readonly string[] RoomTypes = ["STDK", "STDQ", "SUPK", "DLXK", "JRS", "STE"];
    private static readonly string[] RoomTypeNames = ["Standard King", "Standard Queen", "Superior King", "Deluxe King", "Junior Suite", "Executive Suite"];
    private static readonly string[] RoomClasses = ["STD", "SUP", "DLX", "STE"];
    private static readonly string[] RateCodes = ["BAR", "BARBB", "FLEX", "NREF", "CORP", "GOV", "PKG", "PKGPK"];
    private static readonly string[] RateCategories = ["PUB", "DISC", "NEG", "PKG"];
    private static readonly string[] Channels = ["WEB", "GDS", "OTA", "PHONE", "WALKIN"];
    private static readonly string[] ReservationTypes = ["GUA", "6PM", "DEP", "NON"];
    private static readonly string[] Markets = ["TRANS", "LEIS", "CORP", "GRP", "GOV"];
    private static readonly (string Type, string[] Levels)[] Memberships = [("PC01", ["BASE", "SILV", "GOLD", "PLAT"]), ("GOLD", ["G1", "G2"]), ("AIR", [])];

    public static void Insert(BenchDatabase database, int propertyId, int count, DateOnly today)
    {
        var random = new Random(42);
        using var connection = database.OpenConnection();
        using var tx = connection.BeginTransaction();
        using var rule = connection.CreateCommand();
        rule.Transaction = tx;
        rule.CommandText = """
            INSERT INTO UpsellRules (PropertyId, Code, Description, BeginDate, EndDate, UpsellByRoomType, FromCode, ToCode, Formula,
                UpsellAmount, CurrencyCode, RoundingRule, DaysInAdvance, UpsellByOccupancyLevels, FilterKinds, CreatedUtc, UpdatedUtc, UpdatedBy, Version)
            VALUES ($property, $code, $description, $begin, $end, $byType, $from, $to, $formula, $amount, 'USD', $rounding, NULL, 0, $kinds,
                '2026-11-01 08:00:00+00:00', '2026-11-01 08:00:00+00:00', 'bench', $version);
            SELECT last_insert_rowid();
            """;
        string[] names = ["$property", "$code", "$description", "$begin", "$end", "$byType", "$from", "$to", "$formula", "$amount", "$rounding", "$kinds", "$version"];
        var p = names.ToDictionary(n => n, n => rule.Parameters.Add(new SqliteParameter(n, null)));
        rule.Prepare();

        using var filter = connection.CreateCommand();
        filter.Transaction = tx;
        filter.CommandText = "INSERT INTO UpsellRuleFilterValues (RuleId, Kind, Value, Level) VALUES ($rule, $kind, $value, $level)";
        var fRule = filter.Parameters.Add(new SqliteParameter("$rule", null));
        var fKind = filter.Parameters.Add(new SqliteParameter("$kind", null));
        var fValue = filter.Parameters.Add(new SqliteParameter("$value", null));
        var fLevel = filter.Parameters.Add(new SqliteParameter("$level", null));
        filter.Prepare();

        var formulas = Enum.GetValues<UpsellFormula>();
        var roundings = Enum.GetValues<RoundingRule>();
        for (var i = 1; i <= count; i++)
        {
            var byType = random.NextDouble() < 0.8;
            string from, to, description;
            if (byType)
            {
                var a = random.Next(RoomTypes.Length - 1);
                var b = random.Next(a + 1, RoomTypes.Length);
                (from, to) = (RoomTypes[a], RoomTypes[b]);
                description = $"{RoomTypeNames[a]} to {RoomTypeNames[b]}";
            }
            else
            {
                var a = random.Next(RoomClasses.Length - 1);
                var b = random.Next(a + 1, RoomClasses.Length);
                (from, to) = (RoomClasses[a], RoomClasses[b]);
                description = $"Class {RoomClasses[a]} to {RoomClasses[b]}";
            }
            DateOnly? begin = null, end = null;
            var dates = random.NextDouble();
            if (dates >= 0.25 && dates < 0.40)
            {
                begin = today.AddDays(random.Next(-365, 365));
            }
            else if (dates >= 0.40)
            {
                begin = today.AddDays(random.Next(-365, 365));
                end = begin.Value.AddDays(random.Next(30, 366));
            }

            var filters = new List<(RuleFilterKind Kind, string Value, string? Level)>();
            var rate = random.NextDouble();
            if (rate < 0.35)
            {
                filters.AddRange(Pick(random, RateCodes, 1, 3).Select(v => (RuleFilterKind.RateCode, v, (string?)null)));
            }
            else if (rate < 0.50)
            {
                filters.AddRange(Pick(random, RateCategories, 1, 2).Select(v => (RuleFilterKind.RateCategory, v, (string?)null)));
            }
            if (random.NextDouble() < 0.30)
            {
                foreach (var m in Pick(random, Memberships, 1, 2))
                {
                    var level = m.Levels.Length > 0 && random.NextDouble() < 0.5 ? m.Levels[random.Next(m.Levels.Length)] : null;
                    filters.Add((RuleFilterKind.Membership, m.Type, level));
                }
            }
            if (random.NextDouble() < 0.40)
            {
                filters.AddRange(Pick(random, Channels, 1, 2).Select(v => (RuleFilterKind.Channel, v, (string?)null)));
            }
            if (random.NextDouble() < 0.25)
            {
                filters.AddRange(Pick(random, ReservationTypes, 1, 1).Select(v => (RuleFilterKind.ReservationType, v, (string?)null)));
            }
            if (random.NextDouble() < 0.35)
            {
                filters.AddRange(Pick(random, Markets, 1, 2).Select(v => (RuleFilterKind.Market, v, (string?)null)));
            }

            var formula = formulas[random.Next(formulas.Length)];
            p["$property"].Value = propertyId;
            p["$code"].Value = $"B{i:D7}";
            p["$description"].Value = $"{description} {i}";
            p["$begin"].Value = (object?)begin?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? DBNull.Value;
            p["$end"].Value = (object?)end?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? DBNull.Value;
            p["$byType"].Value = byType ? 1 : 0;
            p["$from"].Value = from;
            p["$to"].Value = to;
            p["$formula"].Value = formula.ToString();
            p["$amount"].Value = formula == UpsellFormula.FlatAmountAddedToOriginalRate ? 10m + random.Next(0, 90) : 5m + random.Next(0, 60);
            p["$rounding"].Value = roundings[random.Next(roundings.Length)].ToString();
            p["$kinds"].Value = filters.Aggregate(0, (bits, f) => bits | UpsellRule.KindBit(f.Kind));
            p["$version"].Value = Guid.NewGuid().ToString().ToUpperInvariant();
            var id = (long)rule.ExecuteScalar()!;
            foreach (var f in filters)
            {
                fRule.Value = id;
                fKind.Value = (int)f.Kind;
                fValue.Value = f.Value;
                fLevel.Value = (object?)f.Level ?? DBNull.Value;
                filter.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    private static IEnumerable<T> Pick<T>(Random random, T[] values, int min, int max)
    {
        var n = random.Next(min, max + 1);
        return values.OrderBy(_ => random.Next()).Take(n);
    }
}
