using System.Globalization;
using UpsellAdmin.ConnectorSimulator.Model;
using UpsellAdmin.ConnectorSimulator.Seed;

namespace UpsellAdmin.ConnectorSimulator.Operations;

/// <summary>
/// The <c>SpaceOrder</c> order items of a reservation (orderItems/getAll, §2.20): one per night, computed from the
/// reservation as it is now, so an update (dates, category, TimeUnitPrices) shows at once. Nothing is stored; the item
/// ids derive from the reservation and the night's date, and each returned item is registered as a paging cursor.
/// </summary>
internal static class SpaceOrders
{
    /// <summary>The reservation's nights as order items; none for a Canceled reservation. Call under the store lock.</summary>
    public static IEnumerable<OrderItemView> For(SimulatorStore store, Reservation reservation)
    {
        if (reservation.State == "Canceled")
        {
            yield break;
        }

        var enterprise = store.EnterpriseTable.Find(reservation.EnterpriseId)!;
        var category = store.ResourceCategoryTable.Find(reservation.PriceCategoryId ?? reservation.RequestedResourceCategoryId)!;
        var rate = store.RateTable.Find(reservation.PriceRateId ?? reservation.RateId)!;
        var (state, closedUtc) = reservation.State switch
        {
            "Confirmed" or "Started" => ("Open", (DateTimeOffset?)null),
            "Processed" => ("Closed", reservation.ActualEndUtc ?? reservation.ScheduledEndUtc),
            _ => ("Inactive", null), // Optional (and Inquired/Requested): "items of optional reservations" are Inactive.
        };
        var profile = DemoIds.Derive("profile/connector");
        var index = 0;
        foreach (var night in TimeUnits.Nights(enterprise, reservation))
        {
            var value = reservation.TimeUnitPriceOverrides.TryGetValue(index, out var overridden)
                ? overridden
                : Pricing.Night(enterprise, category, rate, night, store.Seed);
            var amount = Pricing.Amount(enterprise, value);
            var startUtc = TimeUnits.StartOf(enterprise, night);
            var item = new OrderItemView
            {
                Id = DemoIds.Derive($"{reservation.Id}/space-order/{night.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"),
                EnterpriseId = enterprise.Id,
                AccountId = reservation.AccountId,
                AccountType = reservation.AccountType,
                ServiceId = reservation.ServiceId,
                ServiceOrderId = reservation.Id,
                AccountingCategoryId = category.AccountingCategoryId,
                BillingName = category.Names.Values.FirstOrDefault(),
                UnitCount = 1,
                UnitAmount = amount,
                Amount = amount,
                OriginalAmount = amount,
                RevenueType = "Service",
                CreatorProfileId = profile,
                UpdaterProfileId = profile,
                CreatedUtc = reservation.CreatedUtc,
                UpdatedUtc = reservation.UpdatedUtc,
                ConsumedUtc = startUtc,
                ClosedUtc = closedUtc,
                StartUtc = startUtc,
                AccountingState = state,
                Type = "SpaceOrder",
                Sequence = (reservation.Sequence * 10_000) + 5_000 + index,
            };
            store.RegisterSequence(item.Id, item.Sequence);
            index++;
            yield return item;
        }
    }
}
