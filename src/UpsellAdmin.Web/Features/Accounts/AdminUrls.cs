namespace UpsellAdmin.Web.Features.Accounts;

/// <summary>The Administration pages' routes (Administrators only).</summary>
public static class AdminUrls
{
    public const string Users = "/admin/users";
    public const string Properties = "/admin/properties";
}
