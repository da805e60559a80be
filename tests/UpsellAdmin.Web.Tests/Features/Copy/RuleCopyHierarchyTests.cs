using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Copy;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Tests.Features.Copy;

/// <summary>A To the target has, but not in its room hierarchy of From: the conflict offers the hierarchy's room types.</summary>
public sealed class RuleCopyHierarchyTests
{
    private static CopyTargetContext Context(string code, params (string From, string[] To)[] hierarchy)
    {
        var p = new PropertySummary(code == "SRC" ? 1 : 2, code, code, "USD", "UTC");
        string[] types = ["STD", "STT", "STS", "SUP", "DLK"];
        return CopyTargetContext.From(new PropertyLookups(p,
            types.Select((c, i) => new RoomTypeOption(c, $"Room {c}", "R", i + 1)).ToList(), [new CodeName("R", "Rooms")], [], [], [], [], [], [],
            [new OccupancyLevelOption(1, "All", 0, 100)],
            hierarchy.ToDictionary(h => h.From, h => (IReadOnlyList<HierarchyTarget>)h.To.Select((t, i) => new HierarchyTarget(t, i + 1)).ToList()),
            ["USD"]), new Dictionary<string, int>());
    }

    private static UpsellRule Rule() => new()
    {
        Id = 1, PropertyId = 1, Code = "UP", Description = "Up", FromCode = "STD", ToCode = "DLK",
        Formula = UpsellFormula.FlatAmountAddedToOriginalRate, UpsellAmount = 20, CurrencyCode = "USD",
    };

    [Fact]
    public void Detect_ToNotInTheTargetsHierarchyOfFrom_OffersTheHierarchysRoomTypesToChooseFrom_AndMapsToTheChosenOne()
    {
        var target = Context("TGT", ("STD", ["STT", "STS", "SUP"]));

        var item = RuleCopyPlanner.Detect(Rule(), Context("SRC"), target, new HashSet<string>());

        var c = Assert.Single(item.Conflicts);
        Assert.Equal((CopyConflictKind.ToRoomTypeNotInHierarchy, "DLK"), (c.Kind, c.Value));
        Assert.EndsWith("choose one of STT, STS, SUP.", c.Detail, StringComparison.Ordinal);
        Assert.Equal(["STT", "STS", "SUP"], c.MapCandidates.Select(m => m.Code));
        Assert.Equal(CopyOutcome.Skipped, item.Plan().Outcome);

        c.Resolution = CopyResolution.Map;
        c.MapTo = "SUP";
        var plan = item.Plan();
        Assert.Equal(CopyOutcome.Created, plan.Outcome);
        Assert.Equal("SUP", plan.Result!.To);
    }

    [Fact]
    public void Detect_ToInTheHierarchyOrNoHierarchyForFrom_HasNoConflict()
    {
        Assert.Empty(RuleCopyPlanner.Detect(Rule(), Context("SRC"), Context("TGT", ("STD", ["DLK"])), new HashSet<string>()).Conflicts);
        Assert.Empty(RuleCopyPlanner.Detect(Rule(), Context("SRC"), Context("TGT", ("STT", ["SUP"])), new HashSet<string>()).Conflicts);
    }
}
