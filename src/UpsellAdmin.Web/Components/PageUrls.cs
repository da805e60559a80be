namespace UpsellAdmin.Web.Components;

/// <summary>Every route of the app in one place: pages use <c>@attribute [Route(PageUrls.X)]</c>, links the helpers.</summary>
public static class PageUrls
{
    public const string Home = "/";
    public const string Login = "/Account/Login";
    public const string Logout = "/Account/Logout";
    /// <summary>An open page renews the sign-in cookie here while its user is active (Components/Account/SessionKeepAlive).</summary>
    public const string KeepAlive = "/Account/KeepAlive";
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

    /// <summary>The Upsell Desk: arrivals and in-house guests from Mews with their offers (every role).</summary>
    public const string UpsellDesk = "/upsell-desk";

    /// <summary>Upsell Activity: every upsell sold (desk and API), its status in Mews, Undo and Retry (every role).</summary>
    public const string UpsellActivity = "/upsell-activity";

    /// <summary>Upsell Performance: presented, sold, conversion and revenue, grouped and charted (editors and
    /// Administrators; Front Desk sees its own figures). The query string is the report's query (UpsellReportQuery).</summary>
    public const string UpsellReport = "/reports/upsells";

    /// <summary>File downloads (cookie-signed-in GETs): <c>?format=csv|xlsx</c> plus the screen's own query string.</summary>
    public const string ExportUpsellReport = "/exports/upsell-report";
    public const string ExportUpsellActivity = "/exports/upsell-activity";
    public const string ExportUpsellRules = "/exports/upsell-rules";

    /// <summary>The front desk's Upsell Quote page (every role).</summary>
    public const string UpsellQuote = "/upsell-quote";

    /// <summary>Loyalty programs of the chain (every role reads; editors change).</summary>
    public const string LoyaltyPrograms = "/loyalty/programs";
    /// <summary>The tiers of one program; the program is the <c>program</c> query parameter.</summary>
    public const string LoyaltyTiers = "/loyalty/tiers";
    /// <summary>Memberships: find by customer, program or tier; editors enroll, edit and remove.</summary>
    public const string LoyaltyMemberships = "/loyalty/memberships";

    /// <summary>Administrators' "Sync from Mews" page.</summary>
    public const string Sync = "/sync";

    /// <summary>Administration (Administrators only).</summary>
    public const string AdminUsers = "/admin/users";
    public const string AdminProperties = "/admin/properties";
    /// <summary>API keys: create (shown once), list, revoke (Administrators only).</summary>
    public const string AdminApiKeys = "/admin/api-keys";
    /// <summary>The audit trail: who changed what, when, before and after (Administrators only).</summary>
    public const string AdminAudit = "/admin/audit";

    public static string LoyaltyTiersOf(string programId) => $"{LoyaltyTiers}?program={Uri.EscapeDataString(programId)}";
    public static string UpsellRuleNewFor(int propertyId) => $"/upsell-rules/{propertyId}/new";
    public static string UpsellRuleEditFor(int propertyId, int ruleId) => $"/upsell-rules/{propertyId}/{ruleId}";
    public static string LoginWithReturn(string returnUrl) => $"{Login}?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
}
