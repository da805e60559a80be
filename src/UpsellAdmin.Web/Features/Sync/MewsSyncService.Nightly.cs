using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using MewsProduct = UpsellAdmin.Connector.Models.Product;
using MewsAccountingCategory = UpsellAdmin.Connector.Models.AccountingCategory;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>Nightly prices (rates/getPricing) and occupancy (services/getAvailability) of one property for the sync window.</summary>
public sealed partial class MewsSyncService
{
    // ---- prices and occupancy ----

    private async Task SyncPricesAsync(RunState run, PropertyView view, MewsData data, LocalMaps maps, CancellationToken ct)
    {
        if (data.Rates is null || maps.RateCodes.Count == 0 || maps.RoomTypes.Count == 0)
        {
            return;
        }
        var (first, days) = view.Window(clock, run.Options.PriceDays);
        var last = first.AddDays(days - 1);
        var rates = data.Rates.Where(r => r.IsActive && Guid.TryParse(r.Id, out var g) && maps.RateCodes.ContainsKey(g) && view.IsMine(null, r.ServiceId)).ToList();
        var chunks = Chunks(first, days).ToList();
        var calls = rates.SelectMany(r => chunks.Select(c => (Rate: r, c.First, c.Last))).ToList();
        run.Total += calls.Count;
        var incoming = new ConcurrentDictionary<(int Rate, int Type, DateOnly Date), decimal>();
        var failed = 0;
        await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (call, token) =>
        {
            try
            {
                var result = await mews.GetRatePricingAsync(new RatePricingRequest
                {
                    RateId = call.Rate.Id,
                    FirstTimeUnitStartUtc = view.StartUtc(call.First),
                    LastTimeUnitStartUtc = view.StartUtc(call.Last),
                }, token);
                var rateCodeId = maps.RateCodes[Guid.Parse(call.Rate.Id)];
                var units = result.TimeUnitStartsUtc ?? [];
                foreach (var category in result.CategoryPrices ?? [])
                {
                    if (!Guid.TryParse(category.CategoryId, out var cid) || !maps.RoomTypes.TryGetValue(cid, out var roomTypeId) || category.AmountPrices is not { } prices)
                    {
                        continue;
                    }
                    for (var i = 0; i < units.Count && i < prices.Count; i++)
                    {
                        var date = view.LocalDate(units[i]);
                        if (date >= first && date <= last && view.Amount(prices[i]) is { } amount)
                        {
                            incoming[(rateCodeId, roomTypeId, date)] = amount;
                        }
                    }
                }
            }
            catch (MewsApiException e)
            {
                Interlocked.Increment(ref failed);
                run.Fail($"{view.Property.Code} prices of rate {call.Rate.ShortName ?? call.Rate.Id}", e, logger);
            }
            run.Step($"{view.Property.Code}: prices");
        });

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pid = view.Property.Id;
        var existing = await db.NightlyPrices.AsNoTracking()
            .Where(p => p.PropertyId == pid && p.Date >= first && p.Date <= last)
            .Select(p => new { p.RateCodeId, p.RoomTypeId, p.Date, p.Amount })
            .ToListAsync(ct);
        var current = existing.ToDictionary(p => (p.RateCodeId, p.RoomTypeId, p.Date), p => p.Amount);
        var inserts = new List<NightlyPrice>();
        var updates = new List<NightlyPrice>();
        foreach (var ((rate, type, date), amount) in incoming)
        {
            if (!current.TryGetValue((rate, type, date), out var old))
            {
                inserts.Add(new NightlyPrice { PropertyId = pid, RateCodeId = rate, RoomTypeId = type, Date = date, Amount = amount });
            }
            else if (old != amount)
            {
                updates.Add(new NightlyPrice { PropertyId = pid, RateCodeId = rate, RoomTypeId = type, Date = date, Amount = amount });
            }
        }
        // Prices of nights Mews no longer prices (rate or room type gone) go, unless a call failed (then we do not know).
        var deletes = failed > 0 ? [] : current.Keys.Where(k => !incoming.ContainsKey(k))
            .Select(k => new NightlyPrice { PropertyId = pid, RateCodeId = k.Item1, RoomTypeId = k.Item2, Date = k.Item3 }).ToList();
        await NightlyPriceWriter.WriteAsync(db, inserts, updates, deletes, ct);
        run.Counts += new MergeCounts(inserts.Count, updates.Count, 0);
        run.PricesWritten += inserts.Count + updates.Count + deletes.Count;
        if (inserts.Count + updates.Count + deletes.Count > 0)
        {
            LogPricesWritten(view.Property.Code, inserts.Count, updates.Count, deletes.Count);
        }
    }

    private async Task SyncOccupancyAsync(RunState run, PropertyView view, List<Service> bookable, CancellationToken ct)
    {
        if (bookable.Count == 0)
        {
            return;
        }
        var (first, days) = view.Window(clock, run.Options.PriceDays);
        var last = first.AddDays(days - 1);
        var occupied = new Dictionary<DateOnly, long>();
        var usable = new Dictionary<DateOnly, long>();
        foreach (var service in bookable)
        {
            foreach (var (from, to) in Chunks(first, days))
            {
                AvailabilityResult result;
                try
                {
                    result = await mews.GetServiceAvailabilityAsync(new AvailabilityRequest
                    {
                        ServiceId = service.Id,
                        FirstTimeUnitStartUtc = view.StartUtc(from),
                        LastTimeUnitStartUtc = view.StartUtc(to),
                        Metrics = [AvailabilityMetric.Occupied, AvailabilityMetric.UsableResources],
                    }, ct);
                }
                catch (MewsApiException e)
                {
                    run.Fail($"{view.Property.Code} occupancy", e, logger);
                    return; // keep what we have rather than half a window
                }
                var units = result.TimeUnitStartsUtc ?? [];
                foreach (var category in result.ResourceCategoryAvailabilities ?? [])
                {
                    var occ = category.GetMetric(AvailabilityMetric.Occupied) ?? [];
                    var use = category.GetMetric(AvailabilityMetric.UsableResources) ?? [];
                    for (var i = 0; i < units.Count; i++)
                    {
                        var date = view.LocalDate(units[i]);
                        if (date < first || date > last)
                        {
                            continue;
                        }
                        occupied[date] = occupied.GetValueOrDefault(date) + (i < occ.Count ? occ[i] : 0);
                        usable[date] = usable.GetValueOrDefault(date) + (i < use.Count ? use[i] : 0);
                    }
                }
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pid = view.Property.Id;
        var levels = await db.OccupancyLevels.AsNoTracking().Where(l => l.PropertyId == pid).OrderBy(l => l.Level).ToListAsync(ct);
        var existing = await db.NightlyOccupancies.Where(x => x.PropertyId == pid && x.Date >= first && x.Date <= last).ToDictionaryAsync(x => x.Date, ct);
        var counts = new MergeCounts();
        foreach (var (date, total) in usable)
        {
            var percent = total <= 0 ? 0m : Math.Round(100m * Math.Min(occupied.GetValueOrDefault(date), total) / total, 2, MidpointRounding.AwayFromZero);
            var level = OccupancyLevelOf(levels, percent);
            if (!existing.TryGetValue(date, out var row))
            {
                db.NightlyOccupancies.Add(new NightlyOccupancy { PropertyId = pid, Date = date, OccupancyPercent = percent, Level = level });
                counts += new MergeCounts(1, 0, 0);
            }
            else if (row.OccupancyPercent != percent || row.Level != level)
            {
                (row.OccupancyPercent, row.Level) = (percent, level);
                counts += new MergeCounts(0, 1, 0);
            }
        }
        await db.SaveChangesAsync(ct);
        run.Counts += counts;
    }

    /// <summary>
    /// The property occupancy level a night falls in: From % ≤ occupancy &lt; To % (the top level also takes its To %,
    /// so 100 % has a level); null when no level covers it.
    /// </summary>
    public static int? OccupancyLevelOf(IReadOnlyList<OccupancyLevel> levels, decimal percent)
    {
        var top = levels.Count == 0 ? 0m : levels.Max(l => l.ToPercent);
        foreach (var level in levels.OrderBy(l => l.FromPercent).ThenBy(l => l.Level))
        {
            if (percent >= level.FromPercent && (percent < level.ToPercent || (level.ToPercent == top && percent <= top)))
            {
                return level.Level;
            }
        }
        return null;
    }

    private static IEnumerable<(DateOnly First, DateOnly Last)> Chunks(DateOnly first, int days)
    {
        for (var offset = 0; offset < days; offset += MaxUnitsPerRequest)
        {
            var from = first.AddDays(offset);
            yield return (from, first.AddDays(Math.Min(days, offset + MaxUnitsPerRequest) - 1));
        }
    }
}
