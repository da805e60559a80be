using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Copy;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Copy;

/// <summary>
/// The copy service without a database: SRC has room types KNG, TWN, PRS; targets TGA and TGB have KNG and PRS
/// only (TWN missing, nothing to propose). Rules R1 and R2 go KNG → TWN. The preview is built by the real planner
/// (pure, in memory); apply records the request and reports what the decisions would do.
/// </summary>
public sealed class FakeRuleCopyService : IRuleCopyService
{
    public static readonly PropertySummary Source = new(1, "SRC", "Source Hotel", "USD", "UTC");
    public static readonly PropertySummary TargetA = new(2, "TGA", "Target A", "USD", "UTC");
    public static readonly PropertySummary TargetB = new(3, "TGB", "Target B", "USD", "UTC");

    public RuleCopyRequest? Applied { get; private set; }

    public Task<IReadOnlyList<PropertySummary>> GetTargetPropertiesAsync(int sourcePropertyId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PropertySummary>>([TargetA, TargetB]);

    public Task<RuleCopyPreviewResult> PreviewAsync(RuleCopyRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new RuleCopyPreviewResult(CopyStatus.Ok, null, Build(request)));

    public Task<RuleCopyApplyResult> ApplyAsync(RuleCopyRequest request, CancellationToken cancellationToken = default)
    {
        Applied = request;
        var preview = Build(request);
        var decisions = request.Decisions.ToDictionary(d => (d.TargetPropertyId, d.RuleId, d.Kind, d.Value));
        var targets = preview.Targets.Select(t => new TargetCopyResult(t.Property, t.Rules.Select(item =>
        {
            RuleCopyPlanner.ApplyDecisions(item, t.Property.Id, decisions, null);
            var plan = item.Plan();
            return new RuleCopyResultItem(item.RuleId, item.Code, plan.Outcome, plan.NewCode, plan.Reason, item.Conflicts);
        }).ToList(), null)).ToList();
        return Task.FromResult(new RuleCopyApplyResult(CopyStatus.Ok, null, targets));
    }

    private static RuleCopyPreview Build(RuleCopyRequest request)
    {
        var source = CopyTargetContext.From(Lookups(Source, "KNG", "TWN", "PRS"), new Dictionary<string, int>());
        var rules = request.RuleIds.Select(id => new UpsellRule
        {
            Id = id, PropertyId = Source.Id, Code = $"R{id}", Description = $"Rule {id}", FromCode = "KNG", ToCode = "TWN",
            Formula = UpsellFormula.FlatAmountAddedToOriginalRate, UpsellAmount = 20, CurrencyCode = "USD",
        }).ToList();
        var targets = new[] { TargetA, TargetB }.Where(t => request.TargetPropertyIds.Contains(t.Id)).Select(t =>
        {
            var context = CopyTargetContext.From(Lookups(t, "KNG", "PRS"), new Dictionary<string, int>());
            var taken = new HashSet<string>(rules.Select(r => r.Code));
            return new TargetCopyPreview { Property = t, Rules = rules.Select(r => RuleCopyPlanner.Detect(r, source, context, taken)).ToList() };
        }).ToList();
        return new RuleCopyPreview { Source = Source, Targets = targets };
    }

    private static PropertyLookups Lookups(PropertySummary p, params string[] roomTypes) => new(
        p,
        roomTypes.Select((c, i) => new RoomTypeOption(c, c == "TWN" ? "Twin" : $"Room {c}", "STD", c == "TWN" ? 9 : i + 1)).ToList(),
        [new CodeName("STD", "Standard")],
        [], [], [], [], [], [], [],
        new Dictionary<string, IReadOnlyList<HierarchyTarget>>(),
        [p.CurrencyCode]);
}
