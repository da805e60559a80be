using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Features.Copy;

public static class CopySetup
{
    /// <summary>The Copy feature: <see cref="RuleCopyService"/> (scoped, also as <see cref="IRuleCopyService"/>) and the
    /// Rules grid's Copy button (<see cref="IRuleCopyLauncher"/>).</summary>
    public static IServiceCollection AddRuleCopy(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<ICopyExchangeRateSource, MewsCopyExchangeRateSource>();
        services.TryAddScoped<RuleCopyService>();
        services.TryAddScoped<IRuleCopyService>(sp => sp.GetRequiredService<RuleCopyService>());
        services.TryAddScoped<IRuleCopyLauncher, RuleCopyDialogLauncher>();
        return services;
    }
}

/// <summary><see cref="IRuleCopyLauncher"/> through MudBlazor's dialog service (one per circuit).</summary>
internal sealed class RuleCopyDialogLauncher(IDialogService dialogs) : IRuleCopyLauncher
{
    public async Task<bool> OpenAsync(int sourcePropertyId, IReadOnlyList<int> ruleIds)
    {
        var dialog = await dialogs.ShowAsync<RuleCopyDialog>("Copy rules", new DialogParameters<RuleCopyDialog>
        {
            { d => d.SourcePropertyId, sourcePropertyId },
            { d => d.RuleIds, ruleIds },
        }, new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, BackdropClick = false });
        return await dialog.Result is { Canceled: false };
    }
}
