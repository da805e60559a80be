using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Components.Shared;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.Loyalty;

public partial class LoyaltyMembershipDialog
{
    public static readonly LoyaltyMembershipState[] States =
        [LoyaltyMembershipState.New, LoyaltyMembershipState.Pending, LoyaltyMembershipState.Enrolled, LoyaltyMembershipState.Canceled, LoyaltyMembershipState.Declined];

    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = default!;
    [Inject] private ILoyaltyService Loyalty { get; set; } = default!;
    [Inject] private LoyaltyValidation Validation { get; set; } = default!;
    [Parameter] public string ChainId { get; set; } = "";
    [Parameter] public LoyaltyMembershipForm Form { get; set; } = new();
    [Parameter] public IReadOnlyList<LoyaltyProgramRow> Programs { get; set; } = [];

    private readonly FieldErrors _errors = new();
    private IReadOnlyList<LoyaltyCustomerRow> _customers = [];
    private IReadOnlyList<LoyaltyTierRow> _tiers = [];
    private string? _customerText;
    private string? _findMessage;
    private string? _formError;
    private bool _finding;
    private bool _saving;

    protected override async Task OnInitializedAsync()
    {
        if (Form.Customer is { } c)
        {
            _customers = [c];
        }
        await LoadTiersAsync();
    }

    private void Set(string field, Action assign)
    {
        assign();
        _errors.Remove(field);
    }

    private async Task OnKeyUpAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await FindAsync();
        }
    }

    private async Task FindAsync()
    {
        _findMessage = null;
        if (string.IsNullOrWhiteSpace(_customerText))
        {
            _findMessage = "Type the customer's last name, full name or e-mail.";
            return;
        }
        _finding = true;
        try
        {
            _customers = await Loyalty.FindCustomersAsync(ChainId, _customerText);
            Form.Customer = _customers.Count == 1 ? _customers[0] : null;
            _errors.Remove("Customer");
            if (_customers.Count == 0)
            {
                _findMessage = $"No customer of this chain is called {_customerText.Trim()}. Mews matches the whole last name, first and last name, or e-mail.";
            }
        }
        catch (MewsApiException e)
        {
            _findMessage = $"Mews did not return customers: {e.MewsMessage}";
        }
        finally
        {
            _finding = false;
        }
    }

    private void OnCustomerChanged(string? id) => Set("Customer", () => Form.Customer = _customers.FirstOrDefault(c => c.Id == id));

    private async Task OnProgramChangedAsync(string? id)
    {
        Set("ProgramId", () => Form.ProgramId = id ?? "");
        Form.TierId = null;
        await LoadTiersAsync();
    }

    private async Task LoadTiersAsync()
    {
        _tiers = [];
        if (string.IsNullOrEmpty(Form.ProgramId))
        {
            return;
        }
        try
        {
            _tiers = await Loyalty.GetTiersAsync(ChainId, Form.ProgramId);
        }
        catch (MewsApiException e)
        {
            _formError = $"Mews did not return the program's tiers: {e.MewsMessage}";
        }
    }

    private async Task SaveAsync()
    {
        _errors.Clear();
        _formError = null;
        var check = await Validation.Membership.ValidateAsync(Form);
        if (!check.IsValid)
        {
            Show(check.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList());
            return;
        }
        _saving = true;
        try
        {
            var result = Form.Id is null ? await Loyalty.AddMembershipAsync(ChainId, Form) : await Loyalty.UpdateMembershipAsync(ChainId, Form);
            switch (result.Status)
            {
                case LoyaltyWriteStatus.Done:
                    MudDialog.Close(DialogResult.Ok(result.Message));
                    return;
                case LoyaltyWriteStatus.Invalid:
                    Show(result.Errors);
                    break;
                case LoyaltyWriteStatus.Rejected:
                    _formError = LoyaltyResultText.MewsRefusal(result);
                    break;
                default:
                    _formError = result.Message;
                    break;
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private void Show(IReadOnlyList<FieldError> errors)
    {
        _errors.Set(errors.Where(e => e.Field.Length > 0).GroupBy(e => e.Field).Select(g => new KeyValuePair<string, List<string>>(g.Key, g.Select(e => e.Message).ToList())));
        var general = errors.Where(e => e.Field.Length == 0).Select(e => e.Message).ToList();
        _formError = general.Count > 0 ? string.Join(" ", general) : errors.Any(e => e.Field == "ExpirationDate") ? _errors.Text("ExpirationDate") : "Correct the highlighted fields.";
    }
}
