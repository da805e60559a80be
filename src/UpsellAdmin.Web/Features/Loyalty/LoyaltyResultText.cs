namespace UpsellAdmin.Web.Features.Loyalty;

/// <summary>How a write's outcome reads for the user (snackbars, alerts); no UI types.</summary>
public static class LoyaltyResultText
{
    /// <summary>Mews' message as it came, with its status and RequestId (to quote to Mews support).</summary>
    public static string MewsRefusal(LoyaltyWriteResult result) =>
        $"Mews refused the change{(result.MewsStatusCode is { } s ? $" ({s})" : "")}: {result.Message}"
        + (result.RequestId is { Length: > 0 } id ? $" (RequestId {id})" : "");

    /// <summary>One line per item when a multi-item write did not simply succeed: what is in Mews now.</summary>
    public static string? Items(LoyaltyWriteResult result)
    {
        if (result.Items.Count == 0)
        {
            return null;
        }
        var applied = result.Items.Where(i => i.Applied).Select(i => i.Item).ToList();
        var head = applied.Count == 0
            ? "Nothing was changed in Mews."
            : $"Applied in Mews: {string.Join(", ", applied)}.";
        return head + " " + string.Join("; ", result.Items.Select(i => $"{i.Item}: {i.Note ?? (i.Applied ? "done" : "not done")}")) + ".";
    }

    /// <summary>The whole outcome in one text (snackbar).</summary>
    public static string Describe(LoyaltyWriteResult result) => result.Status switch
    {
        LoyaltyWriteStatus.Rejected => MewsRefusal(result) + (Items(result) is { } items ? " " + items : ""),
        LoyaltyWriteStatus.Invalid => string.Join(" ", result.Errors.Select(e => e.Message).Distinct()),
        _ => result.Message,
    };
}
