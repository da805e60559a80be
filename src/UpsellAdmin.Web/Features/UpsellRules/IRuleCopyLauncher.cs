namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>
/// Opens the Copy dialog on rules chosen on the Upsell Rules grid. The grid only knows this interface; the Copy feature
/// (above UpsellRules) implements it with its dialog, so the rules screens never depend on Copy.
/// </summary>
public interface IRuleCopyLauncher
{
    /// <summary>Shows the Copy dialog for <paramref name="ruleIds"/> of the source property; true when the user applied a copy.</summary>
    Task<bool> OpenAsync(int sourcePropertyId, IReadOnlyList<int> ruleIds);
}
