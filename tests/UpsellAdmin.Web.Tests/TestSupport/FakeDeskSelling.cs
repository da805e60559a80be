using UpsellAdmin.Web.Features.Desk;

namespace UpsellAdmin.Web.Tests.TestSupport;

/// <summary>
/// The desk's selling port for bUnit: records every call and answers with what a test queued (default: nothing sold,
/// every sale and decline done). Registered by <see cref="UiTestContext"/> so the desk screens render without Selling.
/// </summary>
public sealed class FakeDeskSelling : IDeskSelling
{
    public List<(int PropertyId, string ReservationId)> Presented { get; } = [];
    public List<(string ReservationId, string OfferId, string? Note)> Sold { get; } = [];
    public List<(string OfferId, string? Note)> Declined { get; } = [];
    public List<Guid> Undone { get; } = [];
    public List<IReadOnlyCollection<string>> SalesQueries { get; } = [];

    /// <summary>What each reservation already has.</summary>
    public Dictionary<string, List<DeskSale>> Sales { get; } = new(StringComparer.Ordinal);

    /// <summary>The next answers to SellAsync (else: Done with a Pending sale of the offer).</summary>
    public Queue<DeskSaleResult> SellResults { get; } = new();
    public DeskSaleResult? DeclineResult { get; set; }
    public DeskSaleResult? UndoResult { get; set; }

    public Task RecordPresentedAsync(int propertyId, DeskOffers offers, CancellationToken cancellationToken = default)
    {
        Presented.Add((propertyId, offers.Reservation.ReservationId));
        return Task.CompletedTask;
    }

    public Task<DeskSaleResult> SellAsync(int propertyId, string reservationId, string offerId, string? note, CancellationToken cancellationToken = default)
    {
        Sold.Add((reservationId, offerId, note));
        var result = SellResults.Count > 0
            ? SellResults.Dequeue()
            : new DeskSaleResult(DeskSaleOutcome.Done, $"Sold: {offerId}. Posting to Mews…",
                new DeskSale(Guid.NewGuid(), reservationId, true, offerId, offerId, null, 1m, "USD", DeskSaleStatus.Pending, false, null));
        if (result.Sale is { } sale)
        {
            (Sales.TryGetValue(reservationId, out var list) ? list : Sales[reservationId] = []).Add(sale);
        }
        return Task.FromResult(result);
    }

    public Task<DeskSaleResult> DeclineAsync(int propertyId, DeskOffers offers, string offerId, string? note, CancellationToken cancellationToken = default)
    {
        Declined.Add((offerId, note));
        return Task.FromResult(DeclineResult ?? new DeskSaleResult(DeskSaleOutcome.Done, "Recorded: the guest declined."));
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<DeskSale>>> SalesOfAsync(int propertyId, IReadOnlyCollection<string> reservationIds,
        CancellationToken cancellationToken = default)
    {
        SalesQueries.Add(reservationIds);
        IReadOnlyDictionary<string, IReadOnlyList<DeskSale>> result = reservationIds
            .Where(Sales.ContainsKey)
            .ToDictionary(id => id, id => (IReadOnlyList<DeskSale>)Sales[id].ToList(), StringComparer.Ordinal);
        return Task.FromResult(result);
    }

    public Task<DeskSaleResult> UndoAsync(Guid upsellId, CancellationToken cancellationToken = default)
    {
        Undone.Add(upsellId);
        return Task.FromResult(UndoResult ?? new DeskSaleResult(DeskSaleOutcome.Done, "Undo queued."));
    }
}
