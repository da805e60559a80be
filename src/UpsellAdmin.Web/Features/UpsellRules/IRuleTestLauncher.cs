using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>
/// Opens OPERA's Test screen on a rule as it is on the New/Edit form. The rule form only knows this interface; the
/// Quotes feature (above UpsellRules) implements it with its Test dialog, so the form never depends on Quotes.
/// </summary>
public interface IRuleTestLauncher
{
    /// <summary>Shows the Test dialog for <paramref name="rule"/> (never changed); returns once it is shown.</summary>
    Task OpenAsync(UpsellRuleFormModel rule, PropertyLookups? lookups);
}
