using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Features.Reports.History;

/// <summary>
/// Demo mode only: fills each demo property's last <c>Demo:ActivityHistoryDays</c> days (0 or absent = off) with
/// generated upsell activity (<see cref="ActivityHistoryGenerator"/>), so the Upsell Performance report, its charts and
/// the Forecast's measured conversion have something to show on a fresh demo. Once per property: a property that
/// already has generated records (reservation ids "hist-…") is left alone, so a restart adds nothing. Each property's
/// history is written in one transaction (all of it or none). The set-up read here — room-type pairs with their rules,
/// the add-on catalogue, the users — is what the demo seed created, so every record names a room type, rule and add-on
/// the property has.
/// </summary>
public static partial class ActivityHistorySeeder
{
    /// <summary>The setting: days of past activity to generate per demo property.</summary>
    public const string DaysSetting = "Demo:ActivityHistoryDays";

    /// <summary>Called by the start-up initializer after the demo data is seeded. Returns the properties filled.</summary>
    public static async Task<int> SeedIfEnabledAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var days = configuration.GetValue<int?>(DaysSetting) ?? 0;
        if (days <= 0 || !DemoMode.IsEnabled(configuration, services))
        {
            return 0;
        }
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ActivityHistorySeeder).FullName!);
        return await SeedAsync(factory, clock, days, logger, new HistoryOptions(), cancellationToken);
    }

    /// <summary>Fills every active property that has no generated history yet with <paramref name="days"/> days ending
    /// yesterday (the property's own day).</summary>
    public static async Task<int> SeedAsync(IDbContextFactory<AppDbContext> factory, TimeProvider clock, int days, ILogger logger,
        HistoryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        List<int> propertyIds;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            propertyIds = await db.Properties.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Code).Select(p => p.Id).ToListAsync(cancellationToken);
        }
        var filled = 0;
        foreach (var propertyId in propertyIds)
        {
            var watch = Stopwatch.StartNew();
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            if (await HasHistoryAsync(db, propertyId, cancellationToken))
            {
                continue;
            }
            var profile = await LoadProfileAsync(db, propertyId, cancellationToken);
            if (profile is null || profile.Upgrades.Count == 0 && profile.AddOns.Count == 0)
            {
                continue;
            }
            var today = QuoteDates.Today(clock, profile.TimeZone);
            int presentations, sales, declines;
            try
            {
                (presentations, sales, declines) = await WriteAsync(db, profile, today.AddDays(-days), today.AddDays(-1), options, cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance starting at the same moment filled this property first (the generated ids are the
                // same, so its rows won): nothing to add, and no reason to stop this instance's start.
                await using var again = await factory.CreateDbContextAsync(cancellationToken);
                if (await HasHistoryAsync(again, propertyId, cancellationToken))
                {
                    continue;
                }
                throw;
            }
            if (presentations > 0)
            {
                filled++;
                LogFilled(logger, profile.Code, days, presentations, sales, declines, watch.ElapsedMilliseconds);
            }
        }
        return filled;
    }

    /// <summary>True when the property already has generated activity.</summary>
    public static Task<bool> HasHistoryAsync(AppDbContext db, int propertyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.UpsellPresentations.AnyAsync(p => p.PropertyId == propertyId && p.ReservationId.StartsWith(ActivityHistoryGenerator.ReservationPrefix), cancellationToken);
    }

    /// <summary>Writes a range of generated days in one transaction, a month per SaveChanges (nothing tracked for long).</summary>
    public static async Task<(int Presentations, int Sales, int Declines)> WriteAsync(AppDbContext db, HistoryProperty profile, DateOnly from, DateOnly to,
        HistoryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        return await db.InTransactionAsync(async token =>
        {
            int presentations = 0, sales = 0, declines = 0;
            foreach (var chunk in ActivityHistoryGenerator.Generate(profile, from, to, options).Chunk(31))
            {
                foreach (var day in chunk)
                {
                    db.UpsellPresentations.AddRange(day.Presentations);
                    db.UpsellSales.AddRange(day.Sales);
                    db.UpsellDeclines.AddRange(day.Declines);
                    presentations += day.Presentations.Count;
                    sales += day.Sales.Count;
                    declines += day.Declines.Count;
                }
                await db.SaveChangesAsync(token);
                db.ChangeTracker.Clear();
            }
            return (true, (presentations, sales, declines));
        }, cancellationToken);
    }

    /// <summary>The property's demo set-up as the generator needs it; null for an unknown property.</summary>
    public static async Task<HistoryProperty?> LoadProfileAsync(AppDbContext db, int propertyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var property = await db.Properties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == propertyId, cancellationToken);
        if (property is null)
        {
            return null;
        }
        var types = await db.RoomTypes.AsNoTracking().Where(t => t.PropertyId == propertyId && t.IsActive)
            .OrderBy(t => t.Sequence).ThenBy(t => t.Code).Select(t => t.Code).ToListAsync(cancellationToken);
        var rank = types.Select((code, i) => (code, i)).ToDictionary(x => x.code, x => x.i, StringComparer.Ordinal);
        var rules = await db.UpsellRules.AsNoTracking()
            .Where(r => r.PropertyId == propertyId && r.UpsellByRoomType)
            .OrderBy(r => r.Code)
            .Select(r => new { r.Code, r.FromCode, r.ToCode, r.Formula, r.UpsellAmount })
            .ToListAsync(cancellationToken);
        var scale = CurrencyScale(property.CurrencyCode);
        var upgrades = rules
            .Where(r => rank.ContainsKey(r.FromCode) && rank.ContainsKey(r.ToCode) && rank[r.ToCode] > rank[r.FromCode])
            .GroupBy(r => (r.FromCode, r.ToCode))
            .Select(g => g.First())
            .OrderBy(r => rank[r.FromCode]).ThenBy(r => rank[r.ToCode])
            .Select(r => new HistoryUpgrade(r.FromCode, r.ToCode, r.Code,
                r.Formula == UpsellFormula.FlatAmountAddedToOriginalRate && r.UpsellAmount is > 0 and var flat
                    ? flat
                    : Math.Round((15m + 12m * (rank[r.ToCode] - rank[r.FromCode])) * scale, 0)))
            .ToList();

        var catalogue = await db.AddOnCatalogue.AsNoTracking().Where(a => a.PropertyId == propertyId).OrderBy(a => a.DisplaySequence)
            .Select(a => new { a.DisplayName, MewsId = a.Product!.MewsId, Price = a.PriceOverride ?? a.Product.Price, a.Product.ChargingMode })
            .ToListAsync(cancellationToken);
        if (catalogue.Count == 0)
        {
            catalogue = await db.Products.AsNoTracking().Where(p => p.PropertyId == propertyId && p.IsActive && !p.IsAccommodation && p.Price > 0)
                .OrderBy(p => p.Code).Take(4)
                .Select(p => new { DisplayName = p.Name, p.MewsId, p.Price, p.ChargingMode })
                .ToListAsync(cancellationToken);
        }
        var addOns = catalogue.Where(a => a.Price is > 0)
            .Select(a => new HistoryAddOn(a.DisplayName, a.MewsId?.ToString(), a.Price!.Value,
                a.ChargingMode is ProductChargingMode.PerTimeUnit or ProductChargingMode.PerPersonPerTimeUnit))
            .ToList();

        // The users on the desk (the demo's own, so a Front Desk user sees their figures), two colleagues, and the booking engine.
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).Take(3).Select(u => new { u.Id, u.UserName }).ToListAsync(cancellationToken);
        double[] skills = [1.15, 0.9, 1.05];
        var agents = users.Where(u => u.UserName != null).Select((u, i) => new HistoryAgent(u.Id, u.UserName!, SaleChannel.Desk, skills[i % skills.Length])).ToList();
        agents.Add(new HistoryAgent($"{ActivityHistoryGenerator.ReservationPrefix}agent-1", "petra.kral@demo.local", SaleChannel.Desk, 1.3));
        agents.Add(new HistoryAgent($"{ActivityHistoryGenerator.ReservationPrefix}agent-2", "marco.rossi@demo.local", SaleChannel.Desk, 0.7));
        agents.Add(new HistoryAgent(null, "API: booking-engine", SaleChannel.Api));

        return new HistoryProperty(property.Id, property.Code, property.MewsEnterpriseId?.ToString() ?? "", property.TimeZone, property.CurrencyCode,
            upgrades, addOns, agents, PresentationsPerDay: 18);
    }

    /// <summary>About one euro in the property's currency (keeps generated amounts plausible where a rule has none).</summary>
    private static decimal CurrencyScale(string currency) => currency switch
    {
        "CZK" => 25m,
        "HUF" => 400m,
        "PLN" => 4m,
        "JPY" => 160m,
        "SEK" or "NOK" or "DKK" => 11m,
        _ => 1m,
    };

    [LoggerMessage(LogLevel.Information, "Demo activity history for {PropertyCode}: {Days} days, {Presentations} presentations, {Sales} sales, {Declines} declines in {ElapsedMs} ms")]
    private static partial void LogFilled(ILogger logger, string propertyCode, int days, int presentations, int sales, int declines, long elapsedMs);
}
