using UpsellAdmin.ConnectorSimulator.Model;

namespace UpsellAdmin.ConnectorSimulator.Seed;

/// <summary>Stable pseudo-random numbers from integers (splitmix64), for date-driven data.</summary>
internal static class StableHash
{
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Of(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return Mix(BitConverter.ToUInt64(bytes[..8]) ^ Mix(BitConverter.ToUInt64(bytes[8..])));
    }

    /// <summary>A number in [0, 1) determined by the inputs.</summary>
    public static double Unit(int seed, Guid id, int day, int salt = 0)
    {
        var h = Mix(Of(id) ^ Mix((ulong)(uint)seed) ^ Mix(((ulong)(uint)day << 20) ^ (ulong)(uint)salt));
        return (h >> 11) * (1.0 / (1UL << 53));
    }
}

/// <summary>
/// Deterministic prices and availability: date math (season, weekday, booking pace) plus a seeded wobble, plus the
/// live reservations in the store. Nothing is stored per day, so any date range works.
/// </summary>
internal static class Pricing
{
    private static readonly decimal[] SeasonByMonth = [0.80m, 0.82m, 0.90m, 1.00m, 1.08m, 1.15m, 1.22m, 1.20m, 1.10m, 1.00m, 0.88m, 1.02m];

    public static decimal Season(DateOnly date)
    {
        var factor = SeasonByMonth[date.Month - 1];
        var christmas = (date.Month == 12 && date.Day >= 20) || (date.Month == 1 && date.Day <= 2);
        return christmas ? factor * 1.25m : factor;
    }

    public static decimal Weekday(Enterprise enterprise, DateOnly date) => enterprise.IsBusinessHotel
        ? date.DayOfWeek switch
        {
            DayOfWeek.Friday => 0.95m,
            DayOfWeek.Saturday => 0.88m,
            DayOfWeek.Sunday => 0.92m,
            _ => 1.12m,
        }
        : date.DayOfWeek switch
        {
            DayOfWeek.Friday or DayOfWeek.Saturday => 1.15m,
            DayOfWeek.Sunday => 0.90m,
            _ => 1.00m,
        };

    /// <summary>The price of the base category on the base rate for one night.</summary>
    public static decimal BaseNight(Enterprise enterprise, DateOnly date, int seed)
    {
        var wobble = 0.97m + (decimal)StableHash.Unit(seed, enterprise.Id, date.DayNumber, 1) * 0.06m;
        return enterprise.BasePrice * Season(date) * Weekday(enterprise, date) * wobble;
    }

    /// <summary>One night of <paramref name="category"/> on <paramref name="rate"/>, whole currency units.</summary>
    public static decimal Night(Enterprise enterprise, ResourceCategory category, Rate rate, DateOnly date, int seed) =>
        Math.Round(BaseNight(enterprise, date, seed) * category.PriceFactor * rate.PriceFactor + rate.PriceAddOn, 0, MidpointRounding.AwayFromZero);

    /// <summary>
    /// An Amount in the enterprise's pricing mode: for Gross enterprises <paramref name="value"/> is the gross
    /// value, for Net enterprises the net value.
    /// </summary>
    public static Amount Amount(Enterprise enterprise, decimal value, string? currency = null)
    {
        decimal net, gross;
        if (enterprise.IsGross)
        {
            gross = value;
            net = Math.Round(value / (1 + enterprise.TaxRate), 2, MidpointRounding.AwayFromZero);
        }
        else
        {
            net = value;
            gross = value + Math.Round(value * enterprise.TaxRate, 2, MidpointRounding.AwayFromZero);
        }

        var tax = gross - net;
        return new Amount
        {
            Currency = currency ?? enterprise.Currency,
            NetValue = net,
            GrossValue = gross,
            TaxValues = [new TaxValue(enterprise.TaxCode, tax)],
            Breakdown = new AmountBreakdown { Items = [new AmountBreakdownItem(enterprise.TaxCode, net, tax)] },
        };
    }

    /// <summary>The availability metrics of one category for one night.</summary>
    public static IReadOnlyDictionary<string, int> Metrics(
        Enterprise enterprise,
        ResourceCategory category,
        int activeRooms,
        int outOfOrderRooms,
        int storeConfirmed,
        int storeOptional,
        DateOnly date,
        DateOnly today,
        int seed)
    {
        var day = date.DayNumber;
        var extraOutOfOrder = activeRooms > 3 && StableHash.Unit(seed, category.Id, day, 2) < 0.04 ? 1 : 0;
        var outOfOrder = Math.Min(activeRooms, outOfOrderRooms + extraOutOfOrder);
        var usable = activeRooms - outOfOrder;

        var daysAhead = day - today.DayNumber;
        var pace = daysAhead <= 0 ? 1.0 : Math.Max(0.25, 1.0 - (daysAhead / 220.0));
        var rate = 0.58
            + ((double)Season(date) - 1.0) * 0.9
            + ((double)Weekday(enterprise, date) - 1.0) * 1.2
            - (category.Ordering / 10) * 0.025
            + (StableHash.Unit(seed, category.Id, day, 3) - 0.5) * 0.16;
        var background = (int)Math.Floor(usable * Math.Clamp(rate * pace, 0.0, 0.95));

        var confirmed = Math.Min(usable, background + storeConfirmed);
        var optional = Math.Min(usable - confirmed, storeOptional);
        var occupied = confirmed + optional;
        var block = StableHash.Unit(seed, category.Id, day, 4) < 0.12 ? Math.Min(2, usable - occupied) : 0;
        var houseUse = usable - occupied - block > 0 && StableHash.Unit(seed, category.Id, day, 5) < 0.03 ? 1 : 0;
        var adjustment = StableHash.Unit(seed, category.Id, day, 6) < 0.03 ? -1 : 0;

        return new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["OutOfOrderBlocks"] = outOfOrder,
            ["PublicAvailabilityAdjustment"] = adjustment,
            ["OtherServiceReservationCount"] = 0,
            ["Occupied"] = occupied + block,
            ["ConfirmedReservations"] = confirmed,
            ["OptionalReservations"] = optional,
            ["BlockAvailability"] = block,
            ["AllocatedBlockAvailability"] = block > 0 ? 1 : 0,
            ["UsableResources"] = usable,
            ["ActiveResources"] = activeRooms,
            ["HouseUse"] = houseUse,
        };
    }
}
