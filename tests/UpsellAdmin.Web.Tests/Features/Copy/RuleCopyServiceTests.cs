using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Copy;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Copy;

/// <summary>The copy service on real SQLite: every conflict kind, its choices and defaults, apply, rollback, log.</summary>
public sealed class RuleCopyServiceTests : IAsyncLifetime
{
    private CopyTestDatabase _db = null!;
    private CopyScenario _s = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await CopyTestDatabase.CreateAsync(Ct);
        _s = await CopyScenario.SeedAsync(_db, Ct);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private static UpsellRuleFilterValue F(RuleFilterKind kind, string value, string? level = null) => new() { Kind = kind, Value = value, Level = level };

    private Task<UpsellRule> RuleAsync(string code, string from, string to, params UpsellRuleFilterValue[] filters) =>
        _db.AddRuleAsync(_s.Source, code, from, to, r => r.Filters.AddRange(filters), Ct);

    private async Task<RuleCopyPreview> PreviewAsync(IEnumerable<UpsellRule> rules, params int[] targets)
    {
        var result = await _db.Service().PreviewAsync(new RuleCopyRequest(_s.Source.Id, rules.Select(r => r.Id).ToList(), targets), Ct);
        Assert.Equal(CopyStatus.Ok, result.Status);
        return result.Preview!;
    }

    private static RuleCopyItem Item(RuleCopyPreview preview, string targetCode, string ruleCode) =>
        preview.Targets.Single(t => t.Property.Code == targetCode).Rules.Single(r => r.Code == ruleCode);

    private async Task<RuleCopyApplyResult> ApplyAsync(IEnumerable<UpsellRule> rules, int[] targets, params RuleCopyDecision[] decisions)
    {
        var result = await _db.Service().ApplyAsync(
            new RuleCopyRequest(_s.Source.Id, rules.Select(r => r.Id).ToList(), targets) { Decisions = decisions }, Ct);
        Assert.Equal(CopyStatus.Ok, result.Status);
        return result;
    }

    private async Task<UpsellRule> TargetRuleAsync(int propertyId, string code) =>
        (await _db.RulesAsync(propertyId, Ct)).Single(r => r.Code == code);

    [Fact]
    public async Task Preview_RuleWhoseCodesAllExist_IsCopiedAsIs()
    {
        var rule = await RuleAsync("CLEAN", "KNG", "PRS", F(RuleFilterKind.RateCode, "RACK"), F(RuleFilterKind.Market, "LEIS"));

        var item = Item(await PreviewAsync([rule], _s.TargetA.Id), "TGA", "CLEAN");

        Assert.Empty(item.Conflicts);
        var plan = item.Plan();
        Assert.Equal(CopyOutcome.Created, plan.Outcome);
        Assert.Equal("KNG → PRS · rate codes RACK · markets LEIS · 25 USD", RuleCopyPlanner.Describe(plan.Result!));
    }

    [Fact]
    public async Task Apply_RuleWhoseCodesAllExist_CreatesAnEqualRuleInTheTarget()
    {
        var rule = await RuleAsync("CLEAN", "KNG", "PRS", F(RuleFilterKind.RateCode, "RACK"), F(RuleFilterKind.Channel, "WEB"));

        var result = await ApplyAsync([rule], [_s.TargetA.Id]);

        var target = Assert.Single(result.Targets);
        Assert.Null(target.Error);
        Assert.Equal(CopyOutcome.Created, Assert.Single(target.Rules).Outcome);
        var copy = await TargetRuleAsync(_s.TargetA.Id, "CLEAN");
        Assert.Equal(("KNG", "PRS", 25m, "USD"), (copy.FromCode, copy.ToCode, copy.UpsellAmount!.Value, copy.CurrencyCode));
        Assert.Equal(["RACK", "WEB"], copy.Filters.Select(f => f.Value).Order());
        Assert.Equal(UpsellRule.KindBit(RuleFilterKind.RateCode) | UpsellRule.KindBit(RuleFilterKind.Channel), copy.FilterKinds);
    }

    [Fact]
    public async Task Preview_FromRoomTypeMissing_ProposesTheTargetRoomTypeWithTheSameNameAndMapsByDefault()
    {
        var rule = await RuleAsync("R-FROM", "DKN", "PRS");

        var item = Item(await PreviewAsync([rule], _s.TargetA.Id), "TGA", "R-FROM");

        var c = Assert.Single(item.Conflicts);
        Assert.Equal((CopyConflictKind.FromRoomTypeMissing, "DKN", "DKX"), (c.Kind, c.Value, c.Proposal));
        Assert.Equal(CopyResolution.Map, c.DefaultResolution);
        Assert.Equal([CopyResolution.Map, CopyResolution.Skip], c.Options);
        Assert.Equal("DKX → PRS · 25 USD", RuleCopyPlanner.Describe(item.Plan().Result!));
    }

    [Fact]
    public async Task Preview_RoomTypeMissingInAnotherCase_ProposesTheSameCode()
    {
        var rule = await RuleAsync("R-JRS", "KNG", "JRS");

        var c = Assert.Single(Item(await PreviewAsync([rule], _s.TargetA.Id), "TGA", "R-JRS").Conflicts);

        Assert.Equal((CopyConflictKind.ToRoomTypeMissing, "jrs", CopyResolution.Map), (c.Kind, c.Proposal, c.Resolution));
    }

    [Fact]
    public async Task Apply_ToRoomTypeMissingWithoutProposal_SkipsByDefaultAndCopiesWhenMapped()
    {
        var rule = await RuleAsync("R-TWN", "KNG", "TWN");
        var c = Assert.Single(Item(await PreviewAsync([rule], _s.TargetA.Id), "TGA", "R-TWN").Conflicts);
        Assert.Equal((CopyConflictKind.ToRoomTypeMissing, (string?)null, CopyResolution.Skip), (c.Kind, c.Proposal, c.DefaultResolution));
        Assert.Contains(c.MapCandidates, m => m.Code == "PRS");

        var skipped = await ApplyAsync([rule], [_s.TargetA.Id]);
        Assert.Equal(CopyOutcome.Skipped, skipped.Targets[0].Rules[0].Outcome);
        Assert.DoesNotContain(await _db.RulesAsync(_s.TargetA.Id, Ct), r => r.Code == "R-TWN");

        var mapped = await ApplyAsync([rule], [_s.TargetA.Id],
            new RuleCopyDecision(_s.TargetA.Id, rule.Id, CopyConflictKind.ToRoomTypeMissing, "TWN", CopyResolution.Map, "PRS"));
        Assert.Equal(CopyOutcome.Created, mapped.Targets[0].Rules[0].Outcome);
        Assert.Equal("PRS", (await TargetRuleAsync(_s.TargetA.Id, "R-TWN")).ToCode);
    }

    [Fact]
    public async Task Apply_RoomClassMissing_ProposesTheClassAtTheSameSequence()
    {
        var rule = await _db.AddRuleAsync(_s.Source, "R-CLS", "STD", "STE", r => r.UpsellByRoomType = false, Ct);

        var c = Assert.Single(Item(await PreviewAsync([rule], _s.TargetA.Id), "TGA", "R-CLS").Conflicts);
        Assert.Equal((CopyConflictKind.ToRoomClassMissing, "STE", "SUI"), (c.Kind, c.Value, c.Proposal));

        await ApplyAsync([rule], [_s.TargetA.Id]);
        var copy = await TargetRuleAsync(_s.TargetA.Id, "R-CLS");
        Assert.Equal((false, "STD", "SUI"), (copy.UpsellByRoomType, copy.FromCode, copy.ToCode));
    }

    [Fact]
    public async Task Preview_FromRoomClassMissing_IsNamed()
    {
        var rule = await _db.AddRuleAsync(_s.Source, "R-CLS2", "STE", "DLX", r => r.UpsellByRoomType = false, Ct);

        var c = Assert.Single(Item(await PreviewAsync([rule], _s.TargetA.Id), "TGA", "R-CLS2").Conflicts);

        Assert.Equal((CopyConflictKind.FromRoomClassMissing, "STE"), (c.Kind, c.Value));
    }

    [Theory]
    [InlineData(RuleFilterKind.RateCode, "BAR1", null, "RACK", null, CopyConflictKind.RateCodeMissing)]
    [InlineData(RuleFilterKind.RateCategory, "PKG", null, "BAR", null, CopyConflictKind.RateCategoryMissing)]
    [InlineData(RuleFilterKind.Market, "GRP", null, "LEIS", null, CopyConflictKind.MarketMissing)]
    [InlineData(RuleFilterKind.Channel, "PHN", null, "WEB", null, CopyConflictKind.ChannelMissing)]
    [InlineData(RuleFilterKind.ReservationType, "DEP", null, "GTD", null, CopyConflictKind.ReservationTypeMissing)]
    [InlineData(RuleFilterKind.Membership, "GOLD", "SIL", "GOLD", "GLD", CopyConflictKind.MembershipMissing)]
    [InlineData(RuleFilterKind.Membership, "PLAT", null, "GOLD", null, CopyConflictKind.MembershipMissing)]
    public async Task Apply_FilterValueMissingBesideAPresentOne_DropsItByDefault(
        RuleFilterKind kind, string missing, string? missingLevel, string present, string? presentLevel, CopyConflictKind expected)
    {
        var rule = await RuleAsync("R-F", "KNG", "PRS", F(kind, missing, missingLevel), F(kind, present, presentLevel));

        var c = Assert.Single(Item(await PreviewAsync([rule], _s.TargetA.Id), "TGA", "R-F").Conflicts);
        Assert.Equal(expected, c.Kind);
        Assert.Equal(UpsellRuleFormModel.MembershipKey(missing, missingLevel), c.Value);
        Assert.Equal(CopyResolution.Drop, c.DefaultResolution);
        Assert.Contains(CopyResolution.Map, c.Options);

        var result = await ApplyAsync([rule], [_s.TargetA.Id]);

        Assert.Equal(CopyOutcome.Created, result.Targets[0].Rules[0].Outcome);
        var filter = Assert.Single((await TargetRuleAsync(_s.TargetA.Id, "R-F")).Filters);
        Assert.Equal((kind, present, presentLevel), (filter.Kind, filter.Value, filter.Level));
    }

    [Fact]
    public async Task Preview_OnlyValueOfAListMissing_OffersNoDropAndSkipsWithoutProposal()
    {
        var rule = await RuleAsync("R-ONE", "KNG", "PRS", F(RuleFilterKind.RateCode, "BAR1"));

        var c = Assert.Single(Item(await PreviewAsync([rule], _s.TargetA.Id), "TGA", "R-ONE").Conflicts);

        Assert.DoesNotContain(CopyResolution.Drop, c.Options);
        Assert.Equal(CopyResolution.Skip, c.DefaultResolution);
    }

    [Fact]
    public async Task Apply_OnlyValueMissingWithSameCodeInAnotherCase_MapsByDefault()
    {
        var rule = await RuleAsync("R-CORP", "KNG", "PRS", F(RuleFilterKind.RateCode, "CORP1"));

        var c = Assert.Single(Item(await PreviewAsync([rule], _s.TargetA.Id), "TGA", "R-CORP").Conflicts);
        Assert.Equal((CopyResolution.Map, "corp1"), (c.DefaultResolution, c.MapTo));

        await ApplyAsync([rule], [_s.TargetA.Id]);
        Assert.Equal("corp1", Assert.Single((await TargetRuleAsync(_s.TargetA.Id, "R-CORP")).Filters).Value);
    }

    [Fact]
    public async Task Apply_DroppingEveryValueOfAList_IsRefusedBecauseItWouldWidenTheRule()
    {
        var rule = await RuleAsync("R-WIDE", "KNG", "PRS", F(RuleFilterKind.RateCode, "BAR1"), F(RuleFilterKind.RateCode, "WKND"));
        var item = Item(await PreviewAsync([rule], _s.TargetA.Id), "TGA", "R-WIDE");
        Assert.All(item.Conflicts, c => Assert.Contains(CopyResolution.Drop, c.Options));
        Assert.All(item.Conflicts, c => Assert.Equal(CopyResolution.Skip, c.DefaultResolution));

        var result = await ApplyAsync([rule], [_s.TargetA.Id],
            new RuleCopyDecision(_s.TargetA.Id, rule.Id, CopyConflictKind.RateCodeMissing, "BAR1", CopyResolution.Drop),
            new RuleCopyDecision(_s.TargetA.Id, rule.Id, CopyConflictKind.RateCodeMissing, "WKND", CopyResolution.Drop));

        var r = result.Targets[0].Rules[0];
        Assert.Equal(CopyOutcome.Skipped, r.Outcome);
        Assert.Contains("apply to any rate code", r.Reason);
        Assert.DoesNotContain(await _db.RulesAsync(_s.TargetA.Id, Ct), x => x.Code == "R-WIDE");
    }

    [Fact]
    public async Task Apply_ForcedDropOfTheOnlyValue_IsNotAChoiceAndSkips()
    {
        var rule = await RuleAsync("R-ONE", "KNG", "PRS", F(RuleFilterKind.Market, "GRP"));

        var result = await ApplyAsync([rule], [_s.TargetA.Id],
            new RuleCopyDecision(_s.TargetA.Id, rule.Id, CopyConflictKind.MarketMissing, "GRP", CopyResolution.Drop));

        Assert.Equal(CopyOutcome.Skipped, result.Targets[0].Rules[0].Outcome);
        Assert.DoesNotContain(await _db.RulesAsync(_s.TargetA.Id, Ct), x => x.Code == "R-ONE");
    }

    [Fact]
    public async Task Apply_CurrencyDiffers_SkipsByDefaultAndKeepsTheAmountWhenTheTargetCurrencyIsChosen()
    {
        var rule = await RuleAsync("R-CUR", "KNG", "DKN");
        var c = Assert.Single(Item(await PreviewAsync([rule], _s.TargetB.Id), "TGB", "R-CUR").Conflicts);
        Assert.Equal((CopyConflictKind.CurrencyDiffers, "USD", CopyResolution.Skip), (c.Kind, c.Value, c.DefaultResolution));
        // No rate known (no Mews for these properties): Skip until one is typed; keeping the number is said as such.
        Assert.Equal([CopyResolution.Convert, CopyResolution.Skip, CopyResolution.UseTargetCurrency], c.Options);
        Assert.Equal("Keep the number, in the target currency (no conversion)", c.Options[2].Label(UpsellFormula.FlatAmountAddedToOriginalRate));

        Assert.Equal(CopyOutcome.Skipped, (await ApplyAsync([rule], [_s.TargetB.Id])).Targets[0].Rules[0].Outcome);

        await ApplyAsync([rule], [_s.TargetB.Id],
            new RuleCopyDecision(_s.TargetB.Id, rule.Id, CopyConflictKind.CurrencyDiffers, "USD", CopyResolution.UseTargetCurrency));
        var copy = await TargetRuleAsync(_s.TargetB.Id, "R-CUR");
        Assert.Equal(("EUR", 25m), (copy.CurrencyCode, copy.UpsellAmount!.Value));
    }

    [Fact]
    public async Task Preview_CurrencyDiffersOnAPercentageRule_OffersConvert()
    {
        var rule = await _db.AddRuleAsync(_s.Source, "R-PCT", "KNG", "DKN", r =>
        {
            r.Formula = UpsellFormula.PercentOfOriginalRateAddedToOriginalRate;
            r.UpsellAmount = 10m;
        }, Ct);

        var c = Assert.Single(Item(await PreviewAsync([rule], _s.TargetB.Id), "TGB", "R-PCT").Conflicts);

        Assert.Equal("Use the target currency (a percentage: nothing to convert)", CopyResolution.UseTargetCurrency.Label(UpsellFormula.PercentOfOriginalRateAddedToOriginalRate));
        Assert.Equal([CopyResolution.UseTargetCurrency, CopyResolution.Skip], c.Options);
        Assert.Equal(CopyResolution.UseTargetCurrency, c.DefaultResolution);
    }

    [Fact]
    public async Task Apply_OccupancyLevelMissing_SkipsByDefaultAndDropsTheLevelWhenChosen()
    {
        var rule = await _db.AddRuleAsync(_s.Source, "R-OCC", "KNG", "PRS", r =>
        {
            r.UpsellByOccupancyLevels = true;
            r.UpsellAmount = null;
            r.OccupancyAmounts.AddRange([new() { Level = 1, Amount = 10 }, new() { Level = 2, Amount = 20 }, new() { Level = 3, Amount = 30 }]);
        }, Ct);
        var c = Assert.Single(Item(await PreviewAsync([rule], _s.TargetA.Id), "TGA", "R-OCC").Conflicts);
        Assert.Equal((CopyConflictKind.OccupancyLevelsMissing, "3", CopyResolution.Skip), (c.Kind, c.Value, c.DefaultResolution));
        Assert.Contains(CopyResolution.Drop, c.Options);

        Assert.Equal(CopyOutcome.Skipped, (await ApplyAsync([rule], [_s.TargetA.Id])).Targets[0].Rules[0].Outcome);

        await ApplyAsync([rule], [_s.TargetA.Id],
            new RuleCopyDecision(_s.TargetA.Id, rule.Id, CopyConflictKind.OccupancyLevelsMissing, "3", CopyResolution.Drop));
        var copy = await TargetRuleAsync(_s.TargetA.Id, "R-OCC");
        Assert.Equal([(1, 10m), (2, 20m)], copy.OccupancyAmounts.OrderBy(a => a.Level).Select(a => (a.Level, a.Amount)));
    }

    [Fact]
    public async Task Preview_OccupancyRuleWithOnlyMissingLevels_OffersOnlySkip()
    {
        var rule = await _db.AddRuleAsync(_s.Source, "R-OCC3", "KNG", "PRS", r =>
        {
            r.UpsellByOccupancyLevels = true;
            r.UpsellAmount = null;
            r.OccupancyAmounts.Add(new() { Level = 3, Amount = 30 });
        }, Ct);

        var c = Assert.Single(Item(await PreviewAsync([rule], _s.TargetA.Id), "TGA", "R-OCC3").Conflicts);

        Assert.Equal([CopyResolution.Skip], c.Options);
    }

    [Fact]
    public async Task Apply_CodeExists_CopiesUnderAFreeCodeByDefault()
    {
        var rule = await RuleAsync("DUP", "KNG", "PRS", F(RuleFilterKind.Market, "LEIS"));
        var before = await TargetRuleAsync(_s.TargetA.Id, "DUP");

        var result = await ApplyAsync([rule], [_s.TargetA.Id]);

        var r = result.Targets[0].Rules[0];
        Assert.Equal((CopyOutcome.Renamed, "DUP-2"), (r.Outcome, r.NewCode));
        Assert.Equal("PRS", (await TargetRuleAsync(_s.TargetA.Id, "DUP-2")).ToCode);
        var untouched = await TargetRuleAsync(_s.TargetA.Id, "DUP");
        Assert.Equal((before.Version, "DKX"), (untouched.Version, untouched.ToCode));
    }

    [Fact]
    public async Task Apply_CodeExistsAndOverwriteChosen_ReplacesTheRuleKeepingItsId()
    {
        var rule = await RuleAsync("DUP", "KNG", "PRS", F(RuleFilterKind.Market, "LEIS"), F(RuleFilterKind.Channel, "WEB"));
        var before = await TargetRuleAsync(_s.TargetA.Id, "DUP");

        var result = await ApplyAsync([rule], [_s.TargetA.Id],
            new RuleCopyDecision(_s.TargetA.Id, rule.Id, CopyConflictKind.CodeExists, "DUP", CopyResolution.Overwrite));

        Assert.Equal(CopyOutcome.Overwritten, result.Targets[0].Rules[0].Outcome);
        var after = await TargetRuleAsync(_s.TargetA.Id, "DUP");
        Assert.Equal(before.Id, after.Id);
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal("PRS", after.ToCode);
        Assert.Equal(["LEIS", "WEB"], after.Filters.Select(f => f.Value).Order());
        Assert.Equal(UpsellRule.KindBit(RuleFilterKind.Market) | UpsellRule.KindBit(RuleFilterKind.Channel), after.FilterKinds);
    }

    [Fact]
    public async Task Apply_CodeExistsAndSkipChosen_LeavesTheTargetRule()
    {
        var rule = await RuleAsync("DUP", "KNG", "PRS");
        var before = await _db.SnapshotAsync(_s.TargetA.Id, Ct);

        var result = await ApplyAsync([rule], [_s.TargetA.Id],
            new RuleCopyDecision(_s.TargetA.Id, rule.Id, CopyConflictKind.CodeExists, "DUP", CopyResolution.Skip));

        Assert.Equal(CopyOutcome.Skipped, result.Targets[0].Rules[0].Outcome);
        Assert.Equal(before, await _db.SnapshotAsync(_s.TargetA.Id, Ct));
    }

    [Fact]
    public async Task Preview_RenameOfAFullLengthCode_StaysWithinTwentyCharacters()
    {
        var rule = await RuleAsync(CopyScenario.LongCode, "KNG", "PRS");

        var item = Item(await PreviewAsync([rule], _s.TargetA.Id), "TGA", CopyScenario.LongCode);

        Assert.Equal("ABCDEFGHIJKLMNOPQR-2", item.RenameCode);
        Assert.Equal(CopyOutcome.Renamed, item.Plan().Outcome);
    }

    [Fact]
    public async Task Preview_RenameNeverTakesACodeOfTheSelection()
    {
        var dup = await RuleAsync("DUP", "KNG", "PRS");
        var dup2 = await RuleAsync("DUP-2", "KNG", "PRS");

        var preview = await PreviewAsync([dup, dup2], _s.TargetA.Id);

        Assert.Equal("DUP-3", Item(preview, "TGA", "DUP").RenameCode);
        Assert.Equal(CopyOutcome.Created, Item(preview, "TGA", "DUP-2").Plan().Outcome);
    }

    [Fact]
    public async Task Preview_ResultBreakingTheTargetHierarchy_IsSkippedAsInvalid()
    {
        var rule = await RuleAsync("R-INV", "JRS", "DKN");

        var item = Item(await PreviewAsync([rule], _s.TargetA.Id), "TGA", "R-INV");
        var plan = item.Plan();

        Assert.Equal(2, item.Conflicts.Count); // both mapped by default: jrs, DKX
        Assert.Equal(CopyOutcome.Skipped, plan.Outcome);
        Assert.True(plan.IsInvalid);
        Assert.Contains("room hierarchy", plan.Reason);
    }

    [Fact]
    public async Task SaveProblems_AgreeWithTheRuleFormValidatorOnEveryScenarioRule()
    {
        var rules = new[]
        {
            await RuleAsync("CLEAN", "KNG", "PRS", F(RuleFilterKind.RateCode, "RACK")),
            await RuleAsync("R-INV", "JRS", "DKN"),
            await RuleAsync("R-SAME", "KNG", "JRS"),
            await _db.AddRuleAsync(_s.Source, "R-PCT", "KNG", "PRS", r =>
            {
                r.Formula = UpsellFormula.PercentOfDifferenceAddedToOriginalRate;
                r.UpsellAmount = 150m; // over the validator's maximum
            }, Ct),
            await _db.AddRuleAsync(_s.Source, "R-DAYS", "KNG", "PRS", r => r.DaysInAdvance = 5000, Ct),
            await _db.AddRuleAsync(_s.Source, "R-OCC", "KNG", "PRS", r =>
            {
                r.UpsellByOccupancyLevels = true;
                r.UpsellAmount = null;
                r.OccupancyAmounts.AddRange([new() { Level = 1, Amount = 10 }, new() { Level = 2, Amount = 20 }, new() { Level = 3, Amount = 30 }]);
            }, Ct),
            await _db.AddRuleAsync(_s.Source, "R-OCC1", "KNG", "PRS", r =>
            {
                r.UpsellByOccupancyLevels = true;
                r.UpsellAmount = null;
                r.OccupancyAmounts.Add(new() { Level = 1, Amount = 10 });
            }, Ct),
        };
        var preview = await PreviewAsync(rules, _s.TargetA.Id, _s.TargetB.Id);
        foreach (var c in preview.AllConflicts.Where(c => c.Options.Contains(CopyResolution.UseTargetCurrency) || c.Options.Contains(CopyResolution.Drop)))
        {
            c.Resolution = c.Options.Contains(CopyResolution.Drop) ? CopyResolution.Drop : CopyResolution.UseTargetCurrency;
        }

        var checkedPlans = 0;
        foreach (var item in preview.Targets.SelectMany(t => t.Rules))
        {
            var plan = item.Plan();
            if (plan.Result is null)
            {
                continue;
            }
            var validator = item.Target.Validator.Validate(plan.Result);
            Assert.True(validator.IsValid == !plan.IsInvalid,
                $"{item.Code} in {item.Target.Lookups.Property.Code}: validator {(validator.IsValid ? "valid" : string.Join(" ", validator.Errors))}, copy {plan.Reason ?? "valid"}");
            checkedPlans++;
        }
        Assert.True(checkedPlans >= 10, $"only {checkedPlans} plans compared");
        Assert.Contains(preview.Targets.SelectMany(t => t.Rules), i => i.Plan().IsInvalid);
    }

    [Fact]
    public async Task ApplyToAllLike_SetsTheChoiceOnEveryConflictOfTheSameKindAndValue()
    {
        var a = await RuleAsync("R-A", "KNG", "TWN");
        var b = await RuleAsync("R-B", "KNG", "TWN", F(RuleFilterKind.Market, "LEIS"));
        var other = await RuleAsync("R-C", "KNG", "DKN");
        var preview = await PreviewAsync([a, b, other], _s.TargetA.Id);

        var changed = preview.ApplyToAllLike(Item(preview, "TGA", "R-A").Conflicts[0], CopyResolution.Map, "PRS");

        Assert.Equal(2, changed);
        Assert.Equal("PRS", Item(preview, "TGA", "R-B").Conflicts[0].MapTo);
        Assert.Equal("DKX", Item(preview, "TGA", "R-C").Conflicts[0].MapTo);
        Assert.All(preview.Targets[0].Rules, r => Assert.Equal(CopyOutcome.Created, r.Plan().Outcome));
    }

    [Fact]
    public async Task ApplyToAllLike_AcrossTargets_OnlyWhereTheChoiceIsOffered()
    {
        var rule = await RuleAsync("R-G", "KNG", "PRS", F(RuleFilterKind.Market, "GRP"), F(RuleFilterKind.Market, "LEIS"));
        var preview = await PreviewAsync([rule], _s.TargetA.Id, _s.TargetB.Id);

        var currency = Item(preview, "TGB", "R-G").Conflicts.Single(c => c.Kind == CopyConflictKind.CurrencyDiffers);
        var changed = preview.ApplyToAllLike(currency, CopyResolution.UseTargetCurrency, null);

        Assert.Equal(1, changed);
        Assert.Equal(CopyOutcome.Created, Item(preview, "TGB", "R-G").Plan().Outcome);
    }

    [Fact]
    public async Task Preview_DryRun_WritesNothing()
    {
        var rules = new[]
        {
            await RuleAsync("DUP", "KNG", "PRS"),
            await RuleAsync("R-X", "DKN", "TWN", F(RuleFilterKind.Market, "GRP")),
        };
        var beforeA = await _db.SnapshotAsync(_s.TargetA.Id, Ct);
        var beforeB = await _db.SnapshotAsync(_s.TargetB.Id, Ct);

        var preview = await PreviewAsync(rules, _s.TargetA.Id, _s.TargetB.Id);
        foreach (var item in preview.Targets.SelectMany(t => t.Rules))
        {
            item.Plan();
        }

        Assert.Equal(beforeA, await _db.SnapshotAsync(_s.TargetA.Id, Ct));
        Assert.Equal(beforeB, await _db.SnapshotAsync(_s.TargetB.Id, Ct));
        await using var db = await _db.ContextAsync(Ct);
        Assert.Equal(0, await db.RuleCopyLogs.CountAsync(Ct));
    }

    [Fact]
    public async Task Apply_FailureAfterSomeRulesWereInserted_LeavesThatTargetExactlyAsItWasAndOthersCopied()
    {
        var rules = new List<UpsellRule>();
        for (var i = 1; i <= 5; i++)
        {
            rules.Add(await RuleAsync($"R-{i}", "KNG", "PRS", F(RuleFilterKind.Market, "LEIS")));
        }
        rules.Add(await RuleAsync("DUP", "KNG", "PRS", F(RuleFilterKind.Channel, "WEB")));
        var beforeA = await _db.SnapshotAsync(_s.TargetA.Id, Ct);
        _db.Faults.FailAfter(3);

        var result = await ApplyAsync(rules, [_s.TargetA.Id, _s.TargetB.Id],
            new RuleCopyDecision(_s.TargetA.Id, rules[^1].Id, CopyConflictKind.CodeExists, "DUP", CopyResolution.Overwrite),
            new RuleCopyDecision(_s.TargetB.Id, rules[0].Id, CopyConflictKind.CurrencyDiffers, "USD", CopyResolution.UseTargetCurrency));

        Assert.Equal(3, _db.Faults.WrittenBeforeFailure); // three rules (and the overwrite) were written before the failure
        var a = result.Targets.Single(t => t.Property.Code == "TGA");
        Assert.NotNull(a.Error);
        Assert.Contains("Injected failure", a.Error);
        Assert.All(a.Rules, r => Assert.Equal(CopyOutcome.Skipped, r.Outcome));
        Assert.Equal(beforeA, await _db.SnapshotAsync(_s.TargetA.Id, Ct));

        var b = result.Targets.Single(t => t.Property.Code == "TGB");
        Assert.Null(b.Error);
        Assert.Equal(1, b.Created);
        await using var db = await _db.ContextAsync(Ct);
        // Issue 14: the failed target is in the copy log too (every rule Skipped, with the reason), not only the one that landed.
        var logs = await db.RuleCopyLogs.OrderBy(l => l.Id).ToListAsync(Ct);
        Assert.Equal(["TGA", "TGB"], logs.Select(l => l.TargetPropertyCode));
        Assert.Equal((0, 6), (logs[0].Created + logs[0].Overwritten + logs[0].Renamed, logs[0].Skipped));
        Assert.Contains("Injected failure", logs[0].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_LogsWhoWhenFromWhereAndWhat()
    {
        var clean = await RuleAsync("CLEAN", "KNG", "PRS");
        var dup = await RuleAsync("DUP", "KNG", "PRS");
        var twin = await RuleAsync("R-TWN", "KNG", "TWN");

        await ApplyAsync([clean, dup, twin], [_s.TargetA.Id]);

        await using var db = await _db.ContextAsync(Ct);
        var log = await db.RuleCopyLogs.SingleAsync(Ct);
        Assert.Equal(("revenue@test.local", "SRC", "TGA"), (log.CopiedBy, log.SourcePropertyCode, log.TargetPropertyCode));
        Assert.Equal((1, 0, 1, 1), (log.Created, log.Overwritten, log.Renamed, log.Skipped));
        Assert.Contains("DUP → Renamed (DUP-2)", log.Details);
        Assert.Contains("R-TWN → Skipped", log.Details);
        Assert.True(DateTimeOffset.UtcNow - log.CopiedUtc < TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task FrontDesk_CannotCopy()
    {
        var rule = await RuleAsync("CLEAN", "KNG", "PRS");
        var service = _db.Service(CopyTestDatabase.FrontDesk);
        var request = new RuleCopyRequest(_s.Source.Id, [rule.Id], [_s.TargetA.Id]);

        Assert.Equal(CopyStatus.Forbidden, (await service.PreviewAsync(request, Ct)).Status);
        Assert.Equal(CopyStatus.Forbidden, (await service.ApplyAsync(request, Ct)).Status);
        Assert.Empty(await service.GetTargetPropertiesAsync(_s.Source.Id, Ct));
        Assert.DoesNotContain(await _db.RulesAsync(_s.TargetA.Id, Ct), r => r.Code == "CLEAN");
    }

    [Fact]
    public async Task GetTargetProperties_ListsEditablePropertiesWithoutTheSource()
    {
        var targets = await _db.Service().GetTargetPropertiesAsync(_s.Source.Id, Ct);

        Assert.Equal(["TGA", "TGB"], targets.Select(t => t.Code));
    }

    [Fact]
    public async Task Preview_SourceAsTarget_IsInvalid_AndUnknownRule_IsNotFound()
    {
        var rule = await RuleAsync("CLEAN", "KNG", "PRS");
        var service = _db.Service();

        Assert.Equal(CopyStatus.Invalid, (await service.PreviewAsync(new RuleCopyRequest(_s.Source.Id, [rule.Id], [_s.Source.Id]), Ct)).Status);
        var missing = await service.PreviewAsync(new RuleCopyRequest(_s.Source.Id, [rule.Id, 987654], [_s.TargetA.Id]), Ct);
        Assert.Equal(CopyStatus.NotFound, missing.Status);
        Assert.Contains("987654", missing.Message);
    }
}
