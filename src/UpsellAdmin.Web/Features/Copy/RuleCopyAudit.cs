using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Copy;

/// <summary>
/// A copy's audit entries, written in the target's transaction: one RuleCopy entry per target (from where, by whom, each
/// rule's outcome), and one "Copied" entry per rule the copy overwrote, with the rule before and after, so that rule's
/// History shows what the copy changed and can restore the version before it. Rules the copy created get no entry of
/// their own (a copy may create tens of thousands); the target's RuleCopy entry names them.
/// </summary>
internal static class RuleCopyAudit
{
    public static void Record(Microsoft.EntityFrameworkCore.DbContext db, string by, PropertySummary source, PropertySummary target,
        IReadOnlyList<RuleCopyResultItem> items, IReadOnlyList<(UpsellRule Rule, UpsellRuleSnapshot Before)> overwritten, DateTimeOffset at)
    {
        foreach (var (rule, before) in overwritten)
        {
            UpsellRuleAudit.Add(db, by, AuditActions.Copied, rule, before, UpsellRuleSnapshot.Of(rule), at, $"overwritten by a copy from {source.Code}");
        }
        var written = items.Where(i => i.Outcome != CopyOutcome.Skipped).ToList();
        var after = new
        {
            From = source.Code,
            To = target.Code,
            Rules = items.Select(i => new { Code = i.RuleCode, Outcome = i.Outcome.ToString(), i.NewCode, i.Reason }).ToList(),
        };
        db.AddAudit(new AuditRecord(by, AuditActions.Copied, AuditEntityTypes.RuleCopy, $"{source.Code} → {target.Code}", target.Id,
            $"{written.Count} of {items.Count} rules copied from {source.Code}: {items.Count(i => i.Outcome == CopyOutcome.Created)} created, "
            + $"{items.Count(i => i.Outcome == CopyOutcome.Overwritten)} overwritten, {items.Count(i => i.Outcome == CopyOutcome.Renamed)} renamed, "
            + $"{items.Count(i => i.Outcome == CopyOutcome.Skipped)} skipped", null, after) { At = at });
    }
}
