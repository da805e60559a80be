namespace UpsellAdmin.Web.Features.Quotes;

/// <summary>The Quotes feature's routes (to be folded into <c>PageUrls</c>).</summary>
public static class QuoteUrls
{
    /// <summary>The front desk's Upsell Quote page (every role).</summary>
    public const string UpsellQuote = "/upsell-quote";
}
