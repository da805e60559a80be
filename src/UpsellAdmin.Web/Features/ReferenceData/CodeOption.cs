
namespace UpsellAdmin.Web.Features.ReferenceData;

/// <summary>One entry of a list of values: the code stored, the "CODE - Name" text shown.</summary>
public sealed record CodeOption(string Code, string Display)
{
    public static IReadOnlyList<CodeOption> From(IEnumerable<CodeName> items) =>
        items.Select(i => new CodeOption(i.Code, i.Display)).ToList();

    /// <summary>Membership entries as the rules store them: "TYPE" (any level) then "TYPE/LEVEL" for each level.</summary>
    public static IReadOnlyList<CodeOption> Memberships(IEnumerable<MembershipOption> types) =>
        types.SelectMany(t => new[] { new CodeOption(t.TypeCode, $"{t.TypeCode} - {t.TypeName} (any level)") }
                .Concat(t.Levels.Select(l => new CodeOption($"{t.TypeCode}/{l.Code}", $"{t.TypeCode}/{l.Code} - {t.TypeName} {l.Name}"))))
            .ToList();
}
