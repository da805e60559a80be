using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Common;

/// <summary>
/// The validators depend on a property's lists of values, so DI hands out this factory instead of the validators
/// themselves. Forms: <c>Validators.ForRule(lookups)</c> / <c>Validators.ForConfiguration(lookups)</c>; the
/// services build the same validators before saving.
/// </summary>
public sealed class UpsellValidatorFactory(IUpsellRuleService rules)
{
    /// <summary>The New/Edit rule validator, unique-code check included.</summary>
    public UpsellRuleFormValidator ForRule(PropertyLookups lookups) => new(lookups, rules.IsCodeUniqueAsync);

    /// <summary>The Upsell Configuration validator (hierarchy lines may name the property's active room types).</summary>
    public UpsellConfigurationModelValidator ForConfiguration(PropertyLookups lookups)
    {
        ArgumentNullException.ThrowIfNull(lookups);
        return new(lookups.RoomTypes.Select(r => r.Code));
    }
}
