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
    [Parameter] public string ChainId { get; set; } = "";
    [Parameter] public LoyaltyMembershipForm Form { get; set; } = new();
    [Parameter] public IReadOnlyList<LoyaltyProgramRow> Programs { get; set; } = [];

    private readonly FieldErrors Errors = new();
    private IReadOnlyList<LoyaltyCustomerRow> customers = [];
    private IReadOnlyList<LoyaltyTierRow> tiers = [];
    private string? customerText;
    private string? findMessage;
    private string? formError;
    private bool finding;
    private bool saving;

    protected override async Task OnInitializedAsync()
    {
        if (Form.Customer is { } c)
        {
            customers = [c];
        }
        await LoadTiersAsync();
    }

    private void Set(string field, Action assign)
    {
        assign();
        Errors.Remove(field);
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
        findMessage = null;
        if (string.IsNullOrWhiteSpace(customerText))
        {
            findMessage = "Type the customer's last name, full name or e-mail.";
            return;
        }
        finding = true;
        try
        {
            customers = await Loyalty.FindCustomersAsync(ChainId, customerText);
            Form.Customer = customers.Count == 1 ? customers[0] : null;
            Errors.Remove("Customer");
            if (customers.Count == 0)
            {
                findMessage = $"No customer of this chain is called {customerText.Trim()}. Mews matches the whole last name, first and last name, or e-mail.";
            }
        }
        catch (MewsApiException e)
        {
            findMessage = $"Mews did not return customers: {e.MewsMessage}";
        }
        finally
        {
            finding = false;
        }
    }

    private void OnCustomerChanged(string? id) => Set("Customer", () => Form.Customer = customers.FirstOrDefault(c => c.Id == id));

    private async Task OnProgramChangedAsync(string? id)
    {
        Set("ProgramId", () => Form.ProgramId = id ?? "");
        Form.TierId = null;
        await LoadTiersAsync();
    }

    private async Task LoadTiersAsync()
    {
        tiers = [];
        if (string.IsNullOrEmpty(Form.ProgramId))
        {
            return;
        }
        try
        {
            tiers = await Loyalty.GetTiersAsync(ChainId, Form.ProgramId);
        }
        catch (MewsApiException e)
        {
            formError = $"Mews did not return the program's tiers: {e.MewsMessage}";
        }
    }

    private async Task SaveAsync()
    {
        Errors.Clear();
        formError = null;
        var check = await new LoyaltyMembershipFormValidator().ValidateAsync(Form);
        if (!check.IsValid)
        {
            Show(check.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList());
            return;
        }
        saving = true;
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
                    formError = LoyaltyResultText.MewsRefusal(result);
                    break;
                default:
                    formError = result.Message;
                    break;
            }
        }
        finally
        {
            saving = false;
        }
    }

    private void Show(IReadOnlyList<FieldError> errors)
    {
        Errors.Set(errors.Where(e => e.Field.Length > 0).GroupBy(e => e.Field).Select(g => new KeyValuePair<string, List<string>>(g.Key, g.Select(e => e.Message).ToList())));
        var general = errors.Where(e => e.Field.Length == 0).Select(e => e.Message).ToList();
        formError = general.Count > 0 ? string.Join(" ", general) : errors.Any(e => e.Field == "ExpirationDate") ? Errors.Text("ExpirationDate") : "Correct the highlighted fields.";
    }
}
