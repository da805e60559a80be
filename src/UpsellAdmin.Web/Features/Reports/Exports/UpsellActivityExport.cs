using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Features.Reports.Exports;

/// <summary>
/// The Upsell Activity log as a file: the rows the page shows for the same filter (the selling service's own query,
/// newest first), one line per upsell, with the sale's local day and time (its property's time zone, as on the page)
/// and its UTC moment, amounts as numbers with their currency in the next column.
/// </summary>
public static class UpsellActivityExport
{
    /// <summary>The columns; <paramref name="timeZones"/> maps a property id to its time zone (missing: UTC).</summary>
    public static IReadOnlyList<ExportColumn<UpsellSaleView>> Columns(IReadOnlyDictionary<int, TimeZoneInfo> timeZones)
    {
        ArgumentNullException.ThrowIfNull(timeZones);
        DateTime Local(UpsellSaleView s) =>
            (timeZones.TryGetValue(s.PropertyId, out var zone) ? TimeZoneInfo.ConvertTime(s.SoldUtc, zone) : s.SoldUtc.ToUniversalTime()).DateTime;
        return
        [
            ExportColumn.Date<UpsellSaleView>("Sold date", s => DateOnly.FromDateTime(Local(s))),
            ExportColumn.DateTime<UpsellSaleView>("Sold at (local)", s => Local(s)),
            ExportColumn.DateTime<UpsellSaleView>("Sold at (UTC)", s => s.SoldUtc.UtcDateTime),
            ExportColumn.Text<UpsellSaleView>("Property", s => s.PropertyCode),
            ExportColumn.Text<UpsellSaleView>("Reservation", s => s.ReservationNumber),
            ExportColumn.Text<UpsellSaleView>("Guest", s => s.GuestName, 24),
            ExportColumn.Text<UpsellSaleView>("Agent", s => s.AgentName, 22),
            ExportColumn.Text<UpsellSaleView>("Channel", s => s.Channel.ToString()),
            ExportColumn.Text<UpsellSaleView>("Kind", s => s.Kind == UpsellKind.RoomUpgrade ? "Upgrade" : "Add-on"),
            ExportColumn.Text<UpsellSaleView>("From Room Type", s => s.FromRoomType),
            ExportColumn.Text<UpsellSaleView>("To Room Type", s => s.ToRoomType),
            ExportColumn.Text<UpsellSaleView>("Product", s => s.ProductName ?? s.ProductId, 20),
            ExportColumn.Text<UpsellSaleView>("Rule", s => s.RuleCode),
            ExportColumn.Money<UpsellSaleView>("Total", s => s.TotalAmount),
            ExportColumn.Text<UpsellSaleView>("Currency", s => s.CurrencyCode),
            ExportColumn.Text<UpsellSaleView>("Status", s => s.UndoPending ? "Posted (undo pending)" : s.Status.ToString()),
            ExportColumn.WholeNumber<UpsellSaleView>("Attempts", s => s.Attempts),
            ExportColumn.DateTime<UpsellSaleView>("Posted at (UTC)", s => s.PostedUtc?.UtcDateTime),
            ExportColumn.DateTime<UpsellSaleView>("Reversed at (UTC)", s => s.ReversedUtc?.UtcDateTime),
            ExportColumn.Text<UpsellSaleView>("Last error", s => s.LastError, 40),
            ExportColumn.Text<UpsellSaleView>("Note", s => s.Note, 30),
            ExportColumn.Text<UpsellSaleView>("Upsell id", s => s.UpsellId.ToString("D")),
        ];
    }

    /// <summary>Every upsell of the filter, newest first, read as it is written through the page's own query
    /// (<see cref="ISellingService.StreamAsync"/>: the same filter and property access as the page's list, one query).</summary>
    public static IAsyncEnumerable<UpsellSaleView> RowsAsync(ISellingService selling, UpsellActivityFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selling);
        ArgumentNullException.ThrowIfNull(filter);
        return selling.StreamAsync(filter, cancellationToken);
    }
}
