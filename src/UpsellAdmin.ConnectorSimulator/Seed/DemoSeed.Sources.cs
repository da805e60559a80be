using UpsellAdmin.ConnectorSimulator.Model;

namespace UpsellAdmin.ConnectorSimulator.Seed;

// sourceAssignments/getAll/2024-09-20: which global source (booking channel) each reservation came through. Seeded
// last, from a Random of its own, so every other entity is the same as before for a given Seed and Today.
internal static partial class DemoSeed
{
    /// <summary>
    /// The sources of today's desk arrivals (nos. 500–515, by position): fixed, so the desk's demo always has arrivals
    /// through Airbnb and Amadeus (codes AIRBNB and AMADEUS in the web app, which the demo rules' channel filters list)
    /// next to the big channels, whatever the Seed. Enterprises B and C use the first 12.
    /// </summary>
    internal static readonly string[] DeskArrivalSources =
    [
        "Airbnb", "Amadeus", "Booking.com", "Expedia",
        "Airbnb", "Mews Booking Engine", "Amadeus", "Corporate travel agent",
        "Booking.com", "Front desk", "Airbnb", "Amadeus",
        "Lobby kiosk", "Expedia", "SynXis", "Booking.com",
    ];

    /// <summary>How often each source is drawn for the other reservations (percent).</summary>
    private static readonly (string Name, int Weight)[] SourceWeights =
    [
        ("Booking.com", 30), ("Expedia", 15), ("Mews Booking Engine", 15), ("Front desk", 10), ("Airbnb", 6),
        ("Amadeus", 5), ("SynXis", 5), ("Sabre", 4), ("Hostelworld", 3), ("Corporate travel agent", 3),
        ("Lobby kiosk", 2), ("TUI", 2),
    ];

    /// <summary>
    /// One primary assignment per reservation, in reservation order, updated when the reservation was created: the
    /// desk arrivals get <see cref="DeskArrivalSources"/>, the others a weighted draw.
    /// </summary>
    private static void SeedSourceAssignments(SeedContext c, List<EnterpriseSeed> enterprises)
    {
        var sourceByName = c.Store.SourceTable.All.ToDictionary(s => s.Name, s => s.Id, StringComparer.Ordinal);
        var desk = new Dictionary<Guid, Guid>();
        foreach (var seed in enterprises)
        {
            var enterpriseId = seed.Enterprise.Id;
            for (var i = 0; i < DeskArrivals(enterpriseId); i++)
            {
                desk[DemoIds.Derive($"{enterpriseId}/reservation/desk/{i}")] = sourceByName[DeskArrivalSources[i % DeskArrivalSources.Length]];
            }
        }

        var totalWeight = SourceWeights.Sum(w => w.Weight);
        foreach (var reservation in c.Store.ReservationTable.All.OrderBy(r => r.Sequence).ToList())
        {
            if (!desk.TryGetValue(reservation.Id, out var sourceId))
            {
                var roll = c.Random.Next(totalWeight);
                var pick = 0;
                while (roll >= SourceWeights[pick].Weight)
                {
                    roll -= SourceWeights[pick].Weight;
                    pick++;
                }

                sourceId = sourceByName[SourceWeights[pick].Name];
            }

            c.Store.Insert(c.Store.SourceAssignmentTable, new SourceAssignment
            {
                Id = DemoIds.Derive($"{reservation.Id}/source-assignment"),
                EnterpriseId = reservation.EnterpriseId,
                ReservationId = reservation.Id,
                SourceId = sourceId,
                IsPrimary = true,
                UpdatedUtc = reservation.CreatedUtc,
            }, static (x, s) => x with { Sequence = s });
        }
    }
}
