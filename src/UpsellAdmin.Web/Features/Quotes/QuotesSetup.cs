using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Quotes;

public static class QuotesSetup
{
    /// <summary>
    /// The Quotes feature: <see cref="IQuoteService"/> (scoped), its set-up cache (singleton, shared by every circuit),
    /// the stay form's validator, and the rule form's Test screen (<see cref="IRuleTestLauncher"/>).
    /// </summary>
    public static IServiceCollection AddQuotes(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PropertySetupCache>();
        services.TryAddScoped<IQuoteService, QuoteService>();
        services.AddAppValidators();
        services.TryAddScoped<IRuleTestLauncher, RuleTestDialogLauncher>();
        return services;
    }
}

/// <summary><see cref="IRuleTestLauncher"/> through MudBlazor's dialog service (one per circuit).</summary>
internal sealed class RuleTestDialogLauncher(IDialogService dialogs) : IRuleTestLauncher
{
    public async Task OpenAsync(UpsellRuleFormModel rule, PropertyLookups? lookups)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var parameters = new DialogParameters<UpsellRuleTestDialog>
        {
            { d => d.Rule, rule },
            { d => d.PropertyId, rule.PropertyId },
            { d => d.Lookups, lookups },
        };
        await dialogs.ShowAsync<UpsellRuleTestDialog>($"Test {rule.Code}".Trim(), parameters, UpsellRuleTestDialog.Options);
    }
}
