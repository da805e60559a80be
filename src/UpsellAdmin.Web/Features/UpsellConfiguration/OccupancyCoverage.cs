using System.Globalization;

namespace UpsellAdmin.Web.Features.UpsellConfiguration;

/// <summary>A rule of a property that charges by occupancy level, with the levels it has an amount for.</summary>
public sealed record OccupancyRuleAmounts(int RuleId, string Code, string Description, IReadOnlySet<int> Levels);

/// <summary>
/// The property's occupancy-based rules, for the Occupancy Levels editor to say which rules a level change leaves
/// without an amount. Declared here (UpsellConfiguration) and implemented by UpsellRules, which sits above it.
/// </summary>
public interface IOccupancyRuleSource
{
    /// <summary>Every rule of the property that uses occupancy levels, with the levels it has amounts for.</summary>
    Task<IReadOnlyList<OccupancyRuleAmounts>> GetOccupancyRulesAsync(int propertyId, CancellationToken cancellationToken = default);
}

/// <summary>One level a rule has no amount for: the level and its band.</summary>
public sealed record UncoveredLevel(int Level, decimal? FromPercent, decimal? ToPercent)
{
    public string Band => OccupancyCoverage.Band(FromPercent, ToPercent);
}

/// <summary>A rule that makes no offer in some levels' bands. <see cref="Loses"/>: because of levels not saved yet
/// (added or renumbered in this edit), not only levels it already lacked.</summary>
public sealed record OccupancyCoverageGap(int RuleId, string Code, string Description, IReadOnlyList<UncoveredLevel> Missing, bool Loses);

/// <summary>Which occupancy-based rules have no amount for which levels — one definition for the editor and the grid.</summary>
public static class OccupancyCoverage
{
    /// <summary>"80–100 %".</summary>
    public static string Band(decimal? fromPercent, decimal? toPercent) =>
        $"{Number(fromPercent)}–{Number(toPercent)} %";

    /// <summary>The grid's and the editor's words for one uncovered level.</summary>
    public static string Warning(decimal? fromPercent, decimal? toPercent) => $"No amount for occupancy level {Band(fromPercent, toPercent)}";

    private static string Number(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "?";

    /// <summary>
    /// The rules that have no amount for some of <paramref name="levels"/> (a level number the rule has no amount for),
    /// in code order; <paramref name="savedLevels"/> (the level numbers as saved) tells which gaps this edit makes.
    /// </summary>
    public static IReadOnlyList<OccupancyCoverageGap> Gaps(IEnumerable<OccupancyRuleAmounts> rules, IEnumerable<OccupancyLevelModel> levels, IReadOnlySet<int>? savedLevels = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(levels);
        var bands = levels.GroupBy(l => l.Level).Select(g => g.First()).OrderBy(l => l.Level).ToList();
        var gaps = new List<OccupancyCoverageGap>();
        foreach (var rule in rules.OrderBy(r => r.Code, StringComparer.Ordinal))
        {
            var missing = bands.Where(l => !rule.Levels.Contains(l.Level)).Select(l => new UncoveredLevel(l.Level, l.FromPercent, l.ToPercent)).ToList();
            if (missing.Count > 0)
            {
                gaps.Add(new OccupancyCoverageGap(rule.RuleId, rule.Code, rule.Description, missing,
                    savedLevels is not null && missing.Any(m => !savedLevels.Contains(m.Level))));
            }
        }
        return gaps;
    }
}
