using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Components.Shared;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>
/// Upsell Rules - New / Edit: a screen of its own, as in OPERA; read-only for the front desk. Save and Cancel go back
/// to the grid as the user left it (<see cref="RuleGridReturn"/>), leaving with unsaved edits asks first, and a Save
/// refused for a field off screen brings that field into view and says how many need attention.
/// </summary>
public partial class UpsellRuleEditPage : IDisposable
{
    [Parameter] public int PropertyId { get; set; }
    [Parameter] public int? RuleId { get; set; }

    /// <summary>The grid URL (criteria, page, sort) the user came from; Save and Cancel go back there.</summary>
    [SupplyParameterFromQuery(Name = RuleGridReturn.ReturnUrlParameter)] public string? ReturnUrl { get; set; }

    [Inject] private IUpsellRuleService Rules { get; set; } = default!;
    [Inject] private IReferenceDataService ReferenceData { get; set; } = default!;
    [Inject] private CurrentPropertyState PropertyState { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IRuleTestLauncher TestLauncher { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private MudForm? _form;
    private PropertyLookups? _lookups;
    private UpsellRuleFormModel? _model;
    private IValidator<UpsellRuleFormModel>? _validator;
    private Func<object, string, Task<IEnumerable<string>>>? _validation;
    private readonly FieldErrors _fieldErrors = new();
    private string? _loadError;
    private bool _canEdit;
    private bool _conflict;
    private bool _saving;
    private int _tab;

    /// <summary>The rule as loaded (or last saved), to tell unsaved edits from none.</summary>
    private string? _baseline;

    /// <summary>"3 fields need attention." beside Save after a refused Save; null otherwise.</summary>
    private string? _attention;

    private string BackUrl => RuleGridReturn.BackUrl(ReturnUrl, null);

    private bool HasUnsavedChanges() => _canEdit && _model is not null && _baseline is not null && Signature(_model) != _baseline;

    /// <summary>Everything the rule would save, as one string (the audit snapshot's JSON: the same fields History diffs).</summary>
    private static string Signature(UpsellRuleFormModel model) => UpsellRuleSnapshot.Of(model.ToDefinition()).ToJson();

    private string Title => (RuleId, _canEdit) switch
    {
        (null, _) => "Upsell Rules - New",
        (_, true) => "Upsell Rules - Edit",
        _ => "Upsell Rules - View",
    };

    private string FromLabel => _model?.UpsellByRoomType != false ? "From Room Type" : "From Room Class";
    private string ToLabel => _model?.UpsellByRoomType != false ? "To Room Type" : "To Room Class";

    private IReadOnlyList<CodeOption> FromOptions => _model!.UpsellByRoomType
        ? _lookups!.RoomTypes.Select(r => new CodeOption(r.Code, r.Display)).ToList()
        : CodeOption.From(_lookups!.RoomClasses);

    /// <summary>With a hierarchy for From, only its "to" room types (in display sequence); else every other type/class.</summary>
    private IReadOnlyList<CodeOption> ToOptions
    {
        get
        {
            if (_model!.UpsellByRoomType && HierarchyTargets is { } targets)
            {
                var names = _lookups!.RoomTypes.ToDictionary(r => r.Code, r => r.Display);
                return targets.Select(t => new CodeOption(t.ToRoomType, names.GetValueOrDefault(t.ToRoomType, t.ToRoomType))).ToList();
            }
            return FromOptions.Where(o => o.Code != _model.From).ToList();
        }
    }

    private IReadOnlyList<HierarchyTarget>? HierarchyTargets =>
        _model is { UpsellByRoomType: true, From.Length: > 0 } && _lookups!.Hierarchy.TryGetValue(_model.From, out var t) && t.Count > 0
            ? t.OrderBy(x => x.DisplaySequence).ToList()
            : null;

    private string ToHelper => HierarchyTargets is not null
        ? $"From the room hierarchy of {_model!.From}"
        : "The room the guest is upgraded to";

    protected override void OnInitialized() => PropertyState.Changed += OnPropertyChangedAsync;

    /// <summary>
    /// The user switched property in the top bar (after choosing Discard if this rule had unsaved edits): this rule
    /// belongs to the old property, so the page goes to the grid, which shows the new property's rules.
    /// </summary>
    private Task OnPropertyChangedAsync()
    {
        if (PropertyState.Current is { } current && current.Id != PropertyId)
        {
            _baseline = null; // discarded: leaving must not ask a second time
            Navigation.NavigateTo(BackUrl);
        }
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        PropertyState.Changed -= OnPropertyChangedAsync;
        GC.SuppressFinalize(this);
    }

    protected override async Task OnParametersSetAsync()
    {
        _canEdit = await AuthenticationState.CanEditAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _conflict = false;
        _attention = null;
        _baseline = null;
        _fieldErrors.Clear();
        if (!await PropertyState.SelectAsync(PropertyId))
        {
            _loadError = "This property does not exist or you may not see it. Pick a property in the bar at the top.";
            return;
        }
        _lookups = await ReferenceData.GetLookupsAsync(PropertyId);
        _model = RuleId is { } id ? await Rules.GetAsync(PropertyId, id) : await Rules.NewAsync(PropertyId);
        if (_model is null)
        {
            _loadError = "This rule no longer exists; someone may have deleted it. Search the Upsell Rules again.";
            return;
        }
        _validator = new UpsellRuleFormValidator(_lookups, Rules.IsCodeUniqueAsync);
        _validation = _validator.ForMudForm(_fieldErrors);
        _baseline = Signature(_model);
    }

    /// <summary>OPERA's Test: tests the rule as it is on screen, saved or not; never changes the form.</summary>
    private async Task TestAsync()
    {
        if (_model is null)
        {
            return;
        }
        await TestLauncher.OpenAsync(_model, _lookups);
    }

    private async Task ReloadAsync()
    {
        _model = null;
        StateHasChanged();
        await LoadAsync();
    }

    private void OnRoomModeChanged(bool byRoomType)
    {
        _model!.UpsellByRoomType = byRoomType;
        _model.From = "";
        _model.To = "";
    }

    private void OnFromChanged(string? from)
    {
        _model!.From = from ?? "";
        if (!ToOptions.Any(o => o.Code == _model.To))
        {
            _model.To = "";
        }
    }

    private async Task SaveAsync()
    {
        if (_model is null || _form is null || _validator is null || _saving)
        {
            return;
        }
        _saving = true;
        _attention = null;
        try
        {
            var result = await FormSave.RunAsync(_form, _validator, _model, _fieldErrors, FormFields, () => Rules.SaveAsync(_model));
            _conflict = result?.Status == SaveStatus.Conflict;
            if (result?.Succeeded == true)
            {
                _baseline = Signature(_model); // saved: leaving no longer asks
                Snackbar.Add($"Rule {_model.Code} saved.", MudBlazor.Severity.Success);
                Navigation.NavigateTo(RuleGridReturn.BackUrl(ReturnUrl, result.Id));
            }
            else if (result is null || result.Status == SaveStatus.Invalid)
            {
                // Refused: the first field in error may be far from the Save button; bring it into view and count them.
                StateHasChanged();
                var count = await ValidationFocus.FocusFirstInvalidAsync(JS);
                _attention = ValidationFocus.Message(count);
                Snackbar.Add(_attention, MudBlazor.Severity.Warning);
            }
        }
        finally
        {
            _saving = false;
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
