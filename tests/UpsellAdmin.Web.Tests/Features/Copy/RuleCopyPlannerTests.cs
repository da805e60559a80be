using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Copy;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Copy;

/// <summary>
/// <see cref="RuleCopyPlanner.Detect"/> in memory, step by step: the order of the conflicts, their words and the
/// choices where a target has nothing to map to. SRC (USD) has every code below; TGA (USD) has room type KNG only,
/// rate code RACK, market LEIS, occupancy level 1 and rule DUP; BARE (EUR) has no codes and no occupancy levels.
/// </summary>
public sealed class RuleCopyPlannerTests
{
    private static readonly PropertySummary SourceProperty = new(1, "SRC", "Source", "USD", "UTC");

    private static readonly CopyTargetContext Source = Context(SourceProperty,
        roomTypes: ["KNG", "TWN", "PRS"], rateCodes: ["RACK", "BAR1"], markets: ["LEIS", "GRP"], channels: ["PHN"], levels: [1, 2, 3]);

    private static readonly CopyTargetContext TargetA = Context(new(2, "TGA", "Target A", "USD", "UTC"),
        roomTypes: ["KNG"], rateCodes: ["RACK"], markets: ["LEIS"], channels: [], levels: [1], rules: ["DUP"]);

    private static readonly CopyTargetContext Bare = Context(new(3, "BARE", "Bare", "EUR", "UTC"),
        roomTypes: [], rateCodes: [], markets: [], channels: [], levels: []);

    private static CopyTargetContext Context(PropertySummary p, string[] roomTypes, string[] rateCodes, string[] markets,
        string[] channels, int[] levels, string[]? rules = null) =>
        CopyTargetContext.From(
            new PropertyLookups(
                p,
                roomTypes.Select((c, i) => new RoomTypeOption(c, $"Room {c}", "STD", i + 1)).ToList(),
                [new CodeName("STD", "Standard")],
                rateCodes.Select(c => new RateCodeOption(c, $"Rate {c}", null, p.CurrencyCode)).ToList(),
                [], [],
                channels.Select(c => new CodeName(c, $"Channel {c}")).ToList(),
                [],
                markets.Select(c => new CodeName(c, $"Market {c}")).ToList(),
                levels.Select(l => new OccupancyLevelOption(l, $"Level {l}", 0, 100)).ToList(),
                new Dictionary<string, IReadOnlyList<HierarchyTarget>>(),
                [p.CurrencyCode]),
            (rules ?? []).Select((code, i) => (code, id: 100 + i)).ToDictionary(r => r.code, r => r.id));

    private static UpsellRuleFilterValue F(RuleFilterKind kind, string value) => new() { Kind = kind, Value = value };

    private static UpsellRule Rule(string code, string from, string to, Action<UpsellRule>? change = null)
    {
        var rule = new UpsellRule
        {
            Id = 7, PropertyId = SourceProperty.Id, Code = code, Description = $"Rule {code}", FromCode = from, ToCode = to,
            Formula = UpsellFormula.FlatAmountAddedToOriginalRate, UpsellAmount = 20, CurrencyCode = "USD",
        };
        change?.Invoke(rule);
        return rule;
    }

    private static RuleCopyItem Detect(UpsellRule rule, CopyTargetContext target) =>
        RuleCopyPlanner.Detect(rule, Source, target, new HashSet<string>([rule.Code], StringComparer.Ordinal));

    [Fact]
    public void Detect_RuleWithEveryKindOfConflict_ListsThemStepByStepWithTheirWords()
    {
        var rule = Rule("DUP", "TWN", "PRS", r =>
        {
            // Filters out of the planner's kind order: the conflicts follow the order, not the rule's.
            r.Filters.AddRange([F(RuleFilterKind.Market, "GRP"), F(RuleFilterKind.Channel, "PHN"), F(RuleFilterKind.RateCode, "BAR1"), F(RuleFilterKind.RateCode, "RACK")]);
            r.CurrencyCode = "GBP";
            r.UpsellByOccupancyLevels = true;
            r.UpsellAmount = null;
            r.OccupancyAmounts.AddRange([new() { Level = 3, Amount = 30 }, new() { Level = 1, Amount = 10 }, new() { Level = 2, Amount = 20 }]);
        });

        var item = Detect(rule, TargetA);

        Assert.Equal(
            [
                (CopyConflictKind.FromRoomTypeMissing, "TWN", "From room type TWN does not exist in TGA."),
                (CopyConflictKind.ToRoomTypeMissing, "PRS", "To room type PRS does not exist in TGA."),
                (CopyConflictKind.RateCodeMissing, "BAR1", "The rate code BAR1 does not exist in TGA."),
                (CopyConflictKind.ChannelMissing, "PHN", "The channel PHN does not exist in TGA."),
                (CopyConflictKind.MarketMissing, "GRP", "The market GRP does not exist in TGA."),
                (CopyConflictKind.CurrencyDiffers, "GBP", "The rule's amounts are in GBP; TGA prices in USD."),
                (CopyConflictKind.OccupancyLevelsMissing, "2, 3", "The rule has amounts for occupancy level(s) 2, 3, which TGA has not defined."),
                (CopyConflictKind.CodeExists, "DUP", "TGA already has a rule DUP; a new code would be DUP-2."),
            ],
            item.Conflicts.Select(c => (c.Kind, c.Value, c.Detail)));
        Assert.All(item.Conflicts, c => Assert.Equal(c.DefaultResolution, c.Resolution));
        Assert.Equal(
            [CopyResolution.Skip, CopyResolution.Skip, CopyResolution.Drop, CopyResolution.Skip, CopyResolution.Skip,
             CopyResolution.Skip, CopyResolution.Skip, CopyResolution.Rename],
            item.Conflicts.Select(c => c.DefaultResolution));
        Assert.Equal(("DUP-2", (int?)100), (item.RenameCode, item.ExistingRuleId));
        Assert.Equal([CopyResolution.Rename, CopyResolution.Overwrite, CopyResolution.Skip], item.Conflicts[^1].Options);
        Assert.Equal([CopyResolution.Skip, CopyResolution.Drop], item.Conflicts[^2].Options);
    }

    [Fact]
    public void Detect_RuleWhoseCodesAllExist_HasNoConflictAndNoRename()
    {
        var item = Detect(Rule("NEW", "KNG", "KNG", r => r.Filters.Add(F(RuleFilterKind.RateCode, "RACK"))), TargetA);

        Assert.Empty(item.Conflicts);
        Assert.Equal(((string?)null, (int?)null), (item.RenameCode, item.ExistingRuleId));
    }

    [Fact]
    public void Detect_RoomClassRule_WordsTheConflictAsRoomClass()
    {
        var c = Assert.Single(Detect(Rule("CLS", "STD", "STE", r => r.UpsellByRoomType = false), TargetA).Conflicts);

        Assert.Equal((CopyConflictKind.ToRoomClassMissing, "To room class STE does not exist in TGA."), (c.Kind, c.Detail));
    }

    [Fact]
    public void Detect_TargetWithNoRoomsAndNoListValues_OffersNeitherMapNorCandidates()
    {
        var rule = Rule("R", "KNG", "PRS", r =>
        {
            r.CurrencyCode = "EUR";
            r.Filters.AddRange([F(RuleFilterKind.Market, "LEIS"), F(RuleFilterKind.Market, "GRP")]);
        });

        var conflicts = Detect(rule, Bare).Conflicts;

        Assert.Equal([CopyConflictKind.FromRoomTypeMissing, CopyConflictKind.ToRoomTypeMissing, CopyConflictKind.MarketMissing, CopyConflictKind.MarketMissing],
            conflicts.Select(c => c.Kind));
        Assert.All(conflicts.Take(2), c => Assert.Equal([CopyResolution.Skip], c.Options));
        Assert.All(conflicts.Skip(2), c => Assert.Equal([CopyResolution.Drop, CopyResolution.Skip], c.Options));
        Assert.All(conflicts, c => Assert.Empty(c.MapCandidates));
        Assert.All(conflicts, c => Assert.Equal((CopyResolution.Skip, (string?)null, (string?)null), (c.DefaultResolution, c.Proposal, c.MapTo)));
    }

    [Fact]
    public void Detect_FilterValueTwiceInTheRule_IsOneConflict()
    {
        var rule = Rule("R", "KNG", "KNG", r => r.Filters.AddRange([F(RuleFilterKind.Market, "GRP"), F(RuleFilterKind.Market, "GRP")]));

        var c = Assert.Single(Detect(rule, TargetA).Conflicts);

        Assert.Equal((CopyConflictKind.MarketMissing, "GRP"), (c.Kind, c.Value));
        Assert.Equal([CopyResolution.Map, CopyResolution.Skip], c.Options);
        Assert.Equal(["LEIS"], c.MapCandidates.Select(m => m.Code));
    }

    [Fact]
    public void Detect_PercentageRuleInAnotherCurrency_SaysThePercentageDoesNotDependOnIt()
    {
        var rule = Rule("R", "KNG", "KNG", r =>
        {
            r.Formula = UpsellFormula.PercentOfOriginalRateAddedToOriginalRate;
            r.UpsellAmount = 10;
        });

        var c = Assert.Single(Detect(rule, Context(new(4, "TGE", "Euro", "EUR", "UTC"), ["KNG"], [], [], [], [1])).Conflicts);

        Assert.Equal("The rule is in USD; TGE prices in EUR. Its percentages are not converted (they are percentages).", c.Detail);
        Assert.Equal([CopyResolution.UseTargetCurrency, CopyResolution.Skip], c.Options);
    }

    [Fact]
    public void Detect_OccupancyRuleInATargetWithoutLevels_SaysItHasNoneAndOffersOnlySkip()
    {
        var rule = Rule("R", "KNG", "KNG", r =>
        {
            r.CurrencyCode = "EUR";
            r.UpsellByOccupancyLevels = true;
            r.UpsellAmount = null;
            r.OccupancyAmounts.AddRange([new() { Level = 2, Amount = 20 }, new() { Level = 1, Amount = 10 }]);
        });

        var c = Assert.Single(Detect(rule, Context(new(5, "TGN", "No levels", "EUR", "UTC"), ["KNG"], [], [], [], [])).Conflicts);

        Assert.Equal((CopyConflictKind.OccupancyLevelsMissing, "1, 2"), (c.Kind, c.Value));
        Assert.Equal("The rule uses occupancy levels; TGN has none defined.", c.Detail);
        Assert.Equal([CopyResolution.Skip], c.Options);
    }
}
