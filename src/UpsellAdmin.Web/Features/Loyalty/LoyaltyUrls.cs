namespace UpsellAdmin.Web.Features.Loyalty;

/// <summary>The Loyalty feature's routes (to be folded into <c>PageUrls</c>).</summary>
public static class LoyaltyUrls
{
    /// <summary>Loyalty programs of the chain (every role reads; editors change).</summary>
    public const string Programs = "/loyalty/programs";

    /// <summary>The tiers of one program; the program is the <c>program</c> query parameter.</summary>
    public const string Tiers = "/loyalty/tiers";

    /// <summary>Memberships: find by customer, program or tier; editors enroll, edit and remove.</summary>
    public const string Memberships = "/loyalty/memberships";

    public static string TiersOf(string programId) => $"{Tiers}?program={Uri.EscapeDataString(programId)}";
}
