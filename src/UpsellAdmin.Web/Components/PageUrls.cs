namespace UpsellAdmin.Web.Components;

/// <summary>Every route of the app in one place: pages use <c>@attribute [Route(PageUrls.X)]</c>, links the helpers.</summary>
public static class PageUrls
{
    public const string Home = "/";
    public const string Login = "/Account/Login";
    public const string Logout = "/Account/Logout";
    public const string AccessDenied = "/Account/AccessDenied";
    public const string Error = "/Error";
    public const string NotFound = "/not-found";

    public const string UpsellConfiguration = "/upsell-configuration";
    /// <summary>The Room Hierarchy section of the Upsell Configuration screen (its Hierarchy button).</summary>
    public const string UpsellHierarchyAnchor = "hierarchy";
    public const string UpsellHierarchy = UpsellConfiguration + "#" + UpsellHierarchyAnchor;

    public const string UpsellRules = "/upsell-rules";
    public const string UpsellRuleNew = "/upsell-rules/{PropertyId:int}/new";
    public const string UpsellRuleEdit = "/upsell-rules/{PropertyId:int}/{RuleId:int}";

    public static string UpsellRuleNewFor(int propertyId) => $"/upsell-rules/{propertyId}/new";
    public static string UpsellRuleEditFor(int propertyId, int ruleId) => $"/upsell-rules/{propertyId}/{ruleId}";
    public static string LoginWithReturn(string returnUrl) => $"{Login}?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
}
