using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Features.Reports.History;

/// <summary>
/// Realistic past upsell activity of one property, the way <see cref="SellingService"/> writes it: per business day,
/// reservations shown offers (<see cref="UpsellPresentation"/> with its <see cref="UpsellPresentedOffer"/> rows), the
/// upsells some of them bought (<see cref="UpsellSale"/>: upgrades with one <see cref="UpsellSaleNight"/> a night, and
/// add-ons) and the offers others declined (<see cref="UpsellDecline"/>).
/// <para>Deterministic: each day draws from its own random stream seeded by (seed, property code, day), so the same
/// arguments give the same records, and a day comes out the same whatever range it is generated in.</para>
/// <para>Never work for the posting worker: every reservation id starts with <see cref="ReservationPrefix"/> (no Mews
/// reservation id can: they are GUIDs), no <see cref="UpsellWorkItem"/> is made, and sales are final — Posted (most),
/// Reversed (undone later), Rejected (with an <see cref="UpsellSale.Attention"/> that keeps Retry away) — unless
/// <see cref="HistoryOptions.IncludePending"/>. Every sale carries <see cref="Note"/>.</para>
/// <para>Shape: about <see cref="HistoryProperty.PresentationsPerDay"/> reservations a day, more on Fridays and
/// Saturdays and in summer, fewer in January, slowly growing; desk conversion around 25 %, API around 12 %, varying by
/// agent skill, weekday and season, so that the overall conversion lands between 15 and 35 %.</para>
/// </summary>
public static class ActivityHistoryGenerator
{
    /// <summary>The prefix of every generated reservation id ("hist-{property}-{yyyyMMdd}-{n}"): Selling's own mark of demo
    /// history, by which Undo and Retry refuse such sales and the Activity page shows them as demo history.</summary>
    public const string ReservationPrefix = UpsellSale.DemoHistoryPrefix;

    /// <summary>The note on every generated sale (the Upsell Activity detail shows it).</summary>
    public const string Note = "Demo history: generated for the Upsell Performance report; never sent to Mews.";

    /// <summary>The Attention of a generated Rejected sale: Retry refuses a sale with an Attention.</summary>
    public const string RejectedAttention = "Demo history: this sale was generated and never reached Mews; there is nothing to retry.";

    private static readonly string[] FirstNames =
        ["Anna", "Jan", "Eva", "Petr", "Lucie", "Tomas", "Maria", "James", "Olivia", "Liam", "Emma", "Noah", "Sophie", "Lukas", "Hana",
         "David", "Laura", "Martin", "Julia", "Pavel", "Chloe", "Daniel", "Ines", "Marco", "Yuki", "Omar", "Elena", "Felix", "Nora", "Adam"];

    private static readonly string[] LastNames =
        ["Novak", "Svoboda", "Smith", "Johnson", "Muller", "Rossi", "Garcia", "Dvorak", "Brown", "Martin", "Kowalski", "Horvath", "Lee",
         "Tanaka", "Silva", "Bernard", "Fischer", "Nagy", "Wilson", "Kral", "Moreau", "Jensen", "Costa", "Weber", "Taylor"];

    /// <summary>Every day from <paramref name="from"/> to <paramref name="to"/> (inclusive), one after the other: a
    /// caller can write each day and forget it (the benchmark writes a million records this way).</summary>
    public static IEnumerable<HistoryDay> Generate(HistoryProperty property, DateOnly from, DateOnly to, HistoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(property);
        options ??= new HistoryOptions();
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(property.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            yield return GenerateDay(property, day, to, zone, options);
        }
    }

    /// <summary>The same, collected.</summary>
    public static (List<UpsellPresentation> Presentations, List<UpsellSale> Sales, List<UpsellDecline> Declines) GenerateAll(
        HistoryProperty property, DateOnly from, DateOnly to, HistoryOptions? options = null)
    {
        var days = Generate(property, from, to, options).ToList();
        return (days.SelectMany(d => d.Presentations).ToList(), days.SelectMany(d => d.Sales).ToList(), days.SelectMany(d => d.Declines).ToList());
    }

    private static HistoryDay GenerateDay(HistoryProperty property, DateOnly day, DateOnly lastDay, TimeZoneInfo zone, HistoryOptions options)
    {
        var random = new Random(unchecked(options.Seed * 7919 + StableHash(property.Code) * 31 + day.DayNumber));
        var presentations = new List<UpsellPresentation>();
        var sales = new List<UpsellSale>();
        var declines = new List<UpsellDecline>();
        var deskAgents = property.Agents.Where(a => a.Channel == SaleChannel.Desk).ToList();
        var apiAgents = property.Agents.Where(a => a.Channel == SaleChannel.Api).ToList();
        if (deskAgents.Count == 0 && apiAgents.Count == 0 || property.Upgrades.Count == 0 && property.AddOns.Count == 0)
        {
            return new HistoryDay(day, presentations, sales, declines);
        }

        var demand = DemandFactor(day);
        var count = Poisson(random, property.PresentationsPerDay * demand);
        var fromTypes = property.Upgrades.Select(u => u.FromRoomType).Distinct(StringComparer.Ordinal).ToList();
        for (var n = 0; n < count; n++)
        {
            var channel = apiAgents.Count > 0 && (deskAgents.Count == 0 || random.NextDouble() < 0.2) ? SaleChannel.Api : SaleChannel.Desk;
            var agent = channel == SaleChannel.Api ? apiAgents[random.Next(apiAgents.Count)] : deskAgents[random.Next(deskAgents.Count)];
            // The desk shows offers on the day of arrival (sometimes a day or two ahead); a booking engine or e-mail weeks ahead.
            var arrival = channel == SaleChannel.Desk
                ? day.AddDays(random.NextDouble() < 0.85 ? 0 : random.Next(1, 3))
                : day.AddDays(random.Next(1, 31));
            var nights = Nights(random);
            var departure = arrival.AddDays(nights);
            var reservationId = $"{ReservationPrefix}{property.Code}-{day:yyyyMMdd}-{n + 1:000}";
            var reservationNumber = $"H{day:yyMMdd}{n + 1:000}";
            var guest = $"{LastNames[random.Next(LastNames.Length)]} {FirstNames[random.Next(FirstNames.Length)]}";
            var presentedUtc = LocalToUtc(day, TimeSpan.FromMinutes(random.Next(7 * 60, 21 * 60 + 30)), zone);

            // What was shown: up to three upgrades from the guest's room type, and up to two add-ons.
            var from = fromTypes.Count > 0 ? fromTypes[Math.Min(fromTypes.Count - 1, (int)(fromTypes.Count * random.NextDouble() * random.NextDouble() * 1.6))] : null;
            var upgrades = from is null ? [] : property.Upgrades.Where(u => u.FromRoomType == from).Take(3).ToList();
            var addOns = property.AddOns.OrderBy(_ => random.Next()).Take(random.Next(upgrades.Count == 0 ? 1 : 0, Math.Min(2, property.AddOns.Count) + 1)).ToList();
            if (upgrades.Count == 0 && addOns.Count == 0)
            {
                continue;
            }
            var seasonal = 0.9m + (decimal)(demand - 0.8) * 0.3m;
            var upgradeTotals = upgrades.Select(u => Round(u.NightlyAmount * seasonal) * nights).ToList();
            var addOnTotals = addOns.Select(a => a.UnitPrice * (a.PerNight ? nights : 1)).ToList();
            var presentation = new UpsellPresentation
            {
                PropertyId = property.PropertyId,
                ReservationId = reservationId,
                ReservationNumber = reservationNumber,
                Day = day,
                Arrival = arrival,
                Channel = channel,
                OffersCount = upgrades.Count + addOns.Count,
                AgentUserId = agent.UserId,
                AgentName = agent.Name,
                PresentedUtc = presentedUtc,
            };
            UpsellPresentedOffer Offer(UpsellKind kind, decimal total) => new()
            {
                PropertyId = property.PropertyId,
                ReservationId = reservationId,
                Day = day,
                Arrival = arrival,
                Channel = channel,
                AgentUserId = agent.UserId,
                AgentName = agent.Name,
                Kind = kind,
                TotalAmount = total,
                CurrencyCode = property.CurrencyCode,
            };
            presentation.Offers = upgrades.Select((u, i) =>
            {
                var row = Offer(UpsellKind.RoomUpgrade, upgradeTotals[i]);
                row.FromRoomType = u.FromRoomType;
                row.ToRoomType = u.ToRoomType;
                row.RuleCode = u.RuleCode;
                return row;
            }).Concat(addOns.Select((a, i) =>
            {
                var row = Offer(UpsellKind.AddOn, addOnTotals[i]);
                row.ProductName = a.Name;
                return row;
            })).ToList();
            presentations.Add(presentation);

            var ctx = new SaleContext(property, agent, channel, reservationId, reservationNumber, guest, arrival, departure, day, presentedUtc, seasonal);
            var buys = random.NextDouble() < Conversion(channel, agent, day, demand);
            var boughtUpgrade = -1;
            var boughtAddOn = -1;
            if (buys)
            {
                // Most buyers take an upgrade (usually the first one shown), some an add-on, a few both.
                var wantsUpgrade = upgrades.Count > 0 && (addOns.Count == 0 || random.NextDouble() < 0.7);
                if (wantsUpgrade)
                {
                    boughtUpgrade = random.NextDouble() < 0.65 || upgrades.Count == 1 ? 0 : random.Next(1, upgrades.Count);
                }
                if (addOns.Count > 0 && (!wantsUpgrade || random.NextDouble() < 0.2))
                {
                    boughtAddOn = random.Next(addOns.Count);
                }
                var sold = 0;
                if (boughtUpgrade >= 0)
                {
                    sales.Add(UpgradeSale(random, ctx, upgrades[boughtUpgrade], sold++, day >= lastDay.AddDays(-1) && options.IncludePending));
                }
                if (boughtAddOn >= 0)
                {
                    sales.Add(AddOnSale(random, ctx, addOns[boughtAddOn], sold, day >= lastDay.AddDays(-1) && options.IncludePending));
                }
            }
            // An explicit "no" is recorded for some offers the guest did not take (agents record it more often than systems).
            var declineChance = channel == SaleChannel.Desk ? 0.55 : 0.25;
            for (var i = 0; i < upgrades.Count && i < 2; i++)
            {
                if (i != boughtUpgrade && (boughtUpgrade < 0 || i == 0) && random.NextDouble() < (i == 0 ? declineChance : declineChance / 3))
                {
                    declines.Add(Decline(ctx, UpsellKind.RoomUpgrade, upgrades[i].ToRoomType, upgrades[i].RuleCode, upgradeTotals[i], upgrades[i].FromRoomType,
                        upgrades[i].ToRoomType, null, presentedUtc.AddMinutes(1 + i)));
                }
            }
            for (var i = 0; i < addOns.Count; i++)
            {
                if (i != boughtAddOn && random.NextDouble() < declineChance / 2)
                {
                    declines.Add(Decline(ctx, UpsellKind.AddOn, addOns[i].Name, null, addOnTotals[i], null, null, addOns[i].Name, presentedUtc.AddMinutes(3 + i)));
                }
            }
        }
        return new HistoryDay(day, presentations, sales, declines);
    }

    private sealed record SaleContext(HistoryProperty Property, HistoryAgent Agent, SaleChannel Channel, string ReservationId, string ReservationNumber,
        string Guest, DateOnly Arrival, DateOnly Departure, DateOnly Day, DateTimeOffset PresentedUtc, decimal Seasonal);

    private static UpsellSale NewSale(Random random, SaleContext c, UpsellKind kind, int index, bool pendingAllowed)
    {
        var soldUtc = c.PresentedUtc.AddMinutes(2 + index);
        var roll = random.NextDouble();
        var status = pendingAllowed && roll < 0.04 ? UpsellStatus.Pending
            : roll < 0.88 ? UpsellStatus.Posted
            : roll < 0.96 ? UpsellStatus.Reversed
            : UpsellStatus.Rejected;
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var id = new Guid(bytes);
        var sale = new UpsellSale
        {
            Id = id,
            PropertyId = c.Property.PropertyId,
            PropertyCode = c.Property.Code,
            EnterpriseId = c.Property.EnterpriseId,
            ReservationId = c.ReservationId,
            ReservationNumber = c.ReservationNumber,
            GuestName = c.Guest,
            AccountId = $"{ReservationPrefix}account-{c.ReservationNumber}",
            ServiceId = $"{ReservationPrefix}accommodation",
            Arrival = c.Arrival,
            Departure = c.Departure,
            TimeZone = c.Property.TimeZone,
            Kind = kind,
            CurrencyCode = c.Property.CurrencyCode,
            OfferId = $"{ReservationPrefix}offer-{id:N}",
            Note = Note,
            Channel = c.Channel,
            AgentUserId = c.Agent.UserId,
            AgentName = c.Agent.Name,
            SoldUtc = soldUtc,
            SoldDate = c.Day,
            Status = status,
            Attempts = status == UpsellStatus.Pending ? 0 : 1,
        };
        if (status is UpsellStatus.Posted or UpsellStatus.Reversed)
        {
            sale.RoomAttemptedUtc = kind == UpsellKind.RoomUpgrade ? soldUtc.AddSeconds(1) : null;
            sale.RoomChangedUtc = sale.RoomAttemptedUtc?.AddSeconds(1);
            sale.LinesAttemptedUtc = soldUtc.AddSeconds(2);
            sale.PostedUtc = soldUtc.AddSeconds(3);
            sale.LastRequestId = $"{ReservationPrefix}{id:N}";
        }
        if (status == UpsellStatus.Reversed)
        {
            sale.UndoRequestedUtc = soldUtc.AddMinutes(random.Next(5, 240));
            sale.UndoneBy = c.Agent.Name;
            sale.ReversedUtc = sale.UndoRequestedUtc.Value.AddSeconds(4);
        }
        if (status == UpsellStatus.Rejected)
        {
            sale.RejectedUtc = soldUtc.AddSeconds(3);
            sale.LastError = "Mews refused the request: the reservation's room type changed before the upgrade was posted.";
            sale.Attention = RejectedAttention;
        }
        return sale;
    }

    private static UpsellSale UpgradeSale(Random random, SaleContext c, HistoryUpgrade upgrade, int index, bool pendingAllowed)
    {
        var sale = NewSale(random, c, UpsellKind.RoomUpgrade, index, pendingAllowed);
        sale.FromRoomType = upgrade.FromRoomType;
        sale.ToRoomType = upgrade.ToRoomType;
        sale.RuleCode = upgrade.RuleCode;
        sale.AccountingCategoryCode = "UPG";
        var amount = Round(upgrade.NightlyAmount * c.Seasonal);
        var baseRate = Round(upgrade.NightlyAmount * (decimal)(3 + random.NextDouble() * 2));
        for (var night = c.Arrival; night < c.Departure; night = night.AddDays(1))
        {
            var posted = sale.Status is UpsellStatus.Posted or UpsellStatus.Reversed;
            sale.Nights.Add(new UpsellSaleNight
            {
                Date = night,
                OriginalRate = baseRate,
                UpsellRate = baseRate + amount,
                UpsellAmount = amount,
                TaxCodes = "VAT-R",
                MewsOrderId = posted ? $"{ReservationPrefix}order-{sale.Id:N}-{night:yyyyMMdd}" : null,
            });
        }
        sale.TotalAmount = sale.Nights.Sum(n => n.UpsellAmount);
        sale.UpgradeNights = sale.Nights.Count;
        return sale;
    }

    private static UpsellSale AddOnSale(Random random, SaleContext c, HistoryAddOn addOn, int index, bool pendingAllowed)
    {
        var sale = NewSale(random, c, UpsellKind.AddOn, index, pendingAllowed);
        var units = addOn.PerNight ? c.Departure.DayNumber - c.Arrival.DayNumber : 1;
        sale.ProductId = addOn.ProductId;
        sale.ProductName = addOn.Name;
        sale.UnitAmount = addOn.UnitPrice;
        sale.UnitCount = units;
        sale.TotalAmount = addOn.UnitPrice * units;
        sale.UpgradeNights = 0;
        if (sale.Status is UpsellStatus.Posted or UpsellStatus.Reversed)
        {
            sale.MewsItemIds = $"{ReservationPrefix}item-{sale.Id:N}";
        }
        return sale;
    }

    private static UpsellDecline Decline(SaleContext c, UpsellKind kind, string offer, string? rule, decimal total, string? fromType, string? toType,
        string? product, DateTimeOffset declinedUtc) => new()
    {
        PropertyId = c.Property.PropertyId,
        ReservationId = c.ReservationId,
        ReservationNumber = c.ReservationNumber,
        GuestName = c.Guest,
        Kind = kind,
        Offer = offer,
        RuleCode = rule,
        TotalAmount = total,
        CurrencyCode = c.Property.CurrencyCode,
        Channel = c.Channel,
        AgentUserId = c.Agent.UserId,
        AgentName = c.Agent.Name,
        DeclinedUtc = declinedUtc,
        Day = c.Day,
        Arrival = c.Arrival,
        FromRoomType = fromType,
        ToRoomType = toType,
        ProductName = product,
    };

    /// <summary>Busier on Fridays and Saturdays, in summer and around Christmas, quieter in January; +8 % a year.</summary>
    internal static double DemandFactor(DateOnly day)
    {
        var weekday = day.DayOfWeek switch
        {
            DayOfWeek.Friday => 1.3,
            DayOfWeek.Saturday => 1.25,
            DayOfWeek.Sunday => 0.8,
            DayOfWeek.Monday => 0.9,
            _ => 1.0,
        };
        var season = 1 + 0.25 * Math.Sin((day.DayOfYear - 105) / 365.0 * 2 * Math.PI);
        if (day.Month == 12 && day.Day >= 20)
        {
            season += 0.2;
        }
        if (day.Month == 1 && day.Day <= 20)
        {
            season -= 0.15;
        }
        var trend = 1 + 0.08 * ((day.DayNumber - new DateOnly(2024, 1, 1).DayNumber) / 365.0);
        return Math.Max(0.3, weekday * season * Math.Clamp(trend, 0.7, 1.5));
    }

    /// <summary>Desk ~25 % (by agent skill), API ~12 %; a little higher on busy days (weekends, leisure season).</summary>
    private static double Conversion(SaleChannel channel, HistoryAgent agent, DateOnly day, double demand)
    {
        var baseRate = channel == SaleChannel.Desk ? 0.25 : 0.12;
        var weekend = day.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday ? 1.1 : 1.0;
        return Math.Clamp(baseRate * agent.Skill * weekend * (0.85 + 0.15 * demand), 0.02, 0.6);
    }

    private static int Nights(Random random)
    {
        var r = random.NextDouble();
        return r < 0.25 ? 1 : r < 0.55 ? 2 : r < 0.75 ? 3 : r < 0.87 ? 4 : random.Next(5, 8);
    }

    private static int Poisson(Random random, double mean)
    {
        // Normal approximation (means here are 5–60): fast and good enough for a demo's day-to-day noise.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * normal));
    }

    private static decimal Round(decimal amount) => amount >= 100 ? Math.Round(amount, 0) : Math.Round(amount, 2);

    private static DateTimeOffset LocalToUtc(DateOnly day, TimeSpan time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.FromTimeSpan(time));
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>FNV-1a: string.GetHashCode differs per process, and the history must not.</summary>
    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var ch in text)
            {
                hash = (hash ^ ch) * 16777619;
            }
            return hash;
        }
    }
}
