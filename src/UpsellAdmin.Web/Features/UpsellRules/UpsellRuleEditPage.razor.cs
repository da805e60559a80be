using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Components.Shared;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>Upsell Rules - New / Edit: a screen of its own, as in OPERA; read-only for the front desk.</summary>
public partial class UpsellRuleEditPage
{
    [Parameter] public int PropertyId { get; set; }
    [Parameter] public int? RuleId { get; set; }

    [Inject] private IUpsellRuleService Rules { get; set; } = default!;
    [Inject] private IReferenceDataService ReferenceData { get; set; } = default!;
    [Inject] private CurrentPropertyState PropertyState { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IRuleTestLauncher TestLauncher { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private MudForm? form;
    private PropertyLookups? lookups;
    private UpsellRuleFormModel? model;
    private IValidator<UpsellRuleFormModel>? validator;
    private Func<object, string, Task<IEnumerable<string>>>? validation;
    private readonly FieldErrors fieldErrors = new();
    private string? loadError;
    private bool canEdit;
    private bool conflict;
    private bool saving;

    private string Title => (RuleId, canEdit) switch
    {
        (null, _) => "Upsell Rules - New",
        (_, true) => "Upsell Rules - Edit",
        _ => "Upsell Rules - View",
    };

    private string FromLabel => model?.UpsellByRoomType != false ? "From Room Type" : "From Room Class";
    private string ToLabel => model?.UpsellByRoomType != false ? "To Room Type" : "To Room Class";

    private IReadOnlyList<CodeOption> FromOptions => model!.UpsellByRoomType
        ? lookups!.RoomTypes.Select(r => new CodeOption(r.Code, r.Display)).ToList()
        : CodeOption.From(lookups!.RoomClasses);

    /// <summary>With a hierarchy for From, only its "to" room types (in display sequence); else every other type/class.</summary>
    private IReadOnlyList<CodeOption> ToOptions
    {
        get
        {
            if (model!.UpsellByRoomType && HierarchyTargets is { } targets)
            {
                var names = lookups!.RoomTypes.ToDictionary(r => r.Code, r => r.Display);
                return targets.Select(t => new CodeOption(t.ToRoomType, names.GetValueOrDefault(t.ToRoomType, t.ToRoomType))).ToList();
            }
            return FromOptions.Where(o => o.Code != model.From).ToList();
        }
    }

    private IReadOnlyList<HierarchyTarget>? HierarchyTargets =>
        model is { UpsellByRoomType: true, From.Length: > 0 } && lookups!.Hierarchy.TryGetValue(model.From, out var t) && t.Count > 0
            ? t.OrderBy(x => x.DisplaySequence).ToList()
            : null;

    private string ToHelper => HierarchyTargets is not null
        ? $"From the room hierarchy of {model!.From}"
        : "The room the guest is upgraded to";

    protected override async Task OnParametersSetAsync()
    {
        canEdit = await AuthenticationState.CanEditAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        conflict = false;
        fieldErrors.Clear();
        if (!await PropertyState.SelectAsync(PropertyId))
        {
            loadError = "This property does not exist or you may not see it. Pick a property in the bar at the top.";
            return;
        }
        lookups = await ReferenceData.GetLookupsAsync(PropertyId);
        model = RuleId is { } id ? await Rules.GetAsync(PropertyId, id) : await Rules.NewAsync(PropertyId);
        if (model is null)
        {
            loadError = "This rule no longer exists; someone may have deleted it. Search the Upsell Rules again.";
            return;
        }
        validator = new UpsellRuleFormValidator(lookups, Rules.IsCodeUniqueAsync);
        validation = validator.ForMudForm(fieldErrors);
    }

    /// <summary>OPERA's Test: tests the rule as it is on screen, saved or not; never changes the form.</summary>
    private async Task TestAsync()
    {
        if (model is null)
        {
            return;
        }
        await TestLauncher.OpenAsync(model, lookups);
    }

    private async Task ReloadAsync()
    {
        model = null;
        StateHasChanged();
        await LoadAsync();
    }

    private void OnRoomModeChanged(bool byRoomType)
    {
        model!.UpsellByRoomType = byRoomType;
        model.From = "";
        model.To = "";
    }

    private void OnFromChanged(string? from)
    {
        model!.From = from ?? "";
        if (!ToOptions.Any(o => o.Code == model.To))
        {
            model.To = "";
        }
    }

    private async Task SaveAsync()
    {
        if (model is null || form is null || validator is null || saving)
        {
            return;
        }
        saving = true;
        try
        {
            var result = await FormSave.RunAsync(form, validator, model, fieldErrors, FormFields, () => Rules.SaveAsync(model));
            conflict = result?.Status == SaveStatus.Conflict;
            if (result?.Succeeded == true)
            {
                Snackbar.Add($"Rule {model.Code} saved.", MudBlazor.Severity.Success);
                Navigation.NavigateTo(PageUrls.UpsellRules);
            }
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>Fields MudForm validates itself (they have a For); every other message is shown by the page.</summary>
    private static readonly HashSet<string> FormFields =
    [
        nameof(UpsellRuleFormModel.Code), nameof(UpsellRuleFormModel.Description), nameof(UpsellRuleFormModel.BeginDate),
        nameof(UpsellRuleFormModel.EndDate), nameof(UpsellRuleFormModel.From), nameof(UpsellRuleFormModel.To),
        nameof(UpsellRuleFormModel.Formula), nameof(UpsellRuleFormModel.UpsellAmount), nameof(UpsellRuleFormModel.CurrencyCode),
        nameof(UpsellRuleFormModel.RoundingRule), nameof(UpsellRuleFormModel.DaysInAdvance),
    ];
}
