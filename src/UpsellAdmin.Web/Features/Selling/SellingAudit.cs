using System.Globalization;
using UpsellAdmin.Web.Features.Common.Audit;

namespace UpsellAdmin.Web.Features.Selling;

/// <summary>
/// Upsells in the audit trail (by = the user's or API key's plain name, as everywhere in the audit; Upsell Activity's
/// agent column keeps its "API: " prefix) (entity "Upsell", key = the reservation number, so one reservation's sales, declines,
/// undos and Mews outcomes read together): what the agent or API client did, and what the posting worker's Mews call
/// ended in. The outbox's lease and attempt bookkeeping is not audited (Upsell Activity shows it).
/// </summary>
internal static class SellingAudit
{
    /// <summary>Who the worker's outcomes are recorded as.</summary>
    public const string Worker = AuditActors.PostingWorker;

    public static void Record(Microsoft.EntityFrameworkCore.DbContext db, string by, string action, UpsellSale sale, UpsellStatus? before, string? detail = null)
    {
        var what = sale.Kind == UpsellKind.RoomUpgrade ? $"{sale.FromRoomType} → {sale.ToRoomType}" : sale.ProductName ?? sale.ProductId ?? "add-on";
        var total = $"{sale.TotalAmount.ToString("#,0.00", CultureInfo.InvariantCulture)} {sale.CurrencyCode}";
        var summary = $"{action} {what} for {total} on reservation {sale.ReservationNumber}{(detail is null ? "" : $": {detail}")}";
        db.AddAudit(new AuditRecord(by, action, AuditEntityTypes.Upsell, sale.ReservationNumber, sale.PropertyId, summary,
            before is null ? null : new { UpsellId = sale.Id, Status = before.Value.ToString() },
            Snapshot(sale)));
    }

    public static void RecordDecline(Microsoft.EntityFrameworkCore.DbContext db, string by, UpsellDecline decline) =>
        db.AddAudit(new AuditRecord(by, AuditActions.Declined, AuditEntityTypes.Upsell, decline.ReservationNumber, decline.PropertyId,
            $"Guest declined {decline.Offer} ({decline.TotalAmount.ToString("#,0.00", CultureInfo.InvariantCulture)} {decline.CurrencyCode}) on reservation {decline.ReservationNumber}",
            null, new { decline.Kind, decline.Offer, decline.RuleCode, decline.TotalAmount, decline.CurrencyCode, decline.Channel, decline.Note }));

    /// <summary>The sale as a person checks it: no Mews ids beyond the upsell's own, no guest name.</summary>
    private static object Snapshot(UpsellSale sale) => new
    {
        UpsellId = sale.Id,
        Status = sale.Status.ToString(),
        sale.Kind,
        sale.FromRoomType,
        sale.ToRoomType,
        sale.ProductName,
        sale.RuleCode,
        sale.TotalAmount,
        sale.CurrencyCode,
        sale.Channel,
        sale.AgentName,
        sale.Note,
        sale.LastError,
    };
}
