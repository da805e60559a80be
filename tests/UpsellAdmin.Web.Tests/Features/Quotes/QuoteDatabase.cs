using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Features.UpsellRules;
using HierarchyRow = UpsellAdmin.Web.Features.ReferenceData.RoomHierarchyEntry;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Quotes;

/// <summary>
/// A real SQLite database (shared in-memory, one connection held open) with one small property the tests shape:
/// room types STK (class STD, seq 1), DLK and DLT (class DLX, seq 2 and 3), STE (class SUI, seq 4); rate codes BAR
/// (category RACK) and PKG, both USD; BAR prices for 30 nights from <see cref="Start"/>: STK 100, DLK 150, DLT 160,
/// STE 300; occupancy level 1 on every night but the second (level 2).
/// </summary>
public sealed class QuoteDatabase : IAsyncDisposable
{
    public static readonly DateOnly Start = new(2026, 12, 1);
    public const string FrontDeskId = "front-desk-1";

    private readonly SqliteConnection _keepAlive;
    private readonly ServiceProvider _services;

    public QuoteDatabase(UserContext? user = null)
    {
        var connectionString = $"Data Source=quotes-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        _keepAlive = new SqliteConnection(connectionString);
        _keepAlive.Open();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddAppDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString });
        services.AddSingleton<ICurrentUser>(new FixedUser(user ?? Administrator));
        services.AddQuotes();
        _services = services.BuildServiceProvider();
    }

    public static UserContext Administrator { get; } = new("admin-1", "admin", new HashSet<string> { Roles.Administrator });

    public static UserContext FrontDesk { get; } = new(FrontDeskId, "frontdesk", new HashSet<string> { Roles.FrontDesk });

    public int PropertyId { get; private set; }

    public IQuoteService Service => _services.GetRequiredService<IQuoteService>();

    public PropertySetupCache Cache => _services.GetRequiredService<PropertySetupCache>();

    public async Task<AppDbContext> ContextAsync() =>
        await _services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    public async Task SeedAsync(Action<PropertyUpsellConfiguration>? configure = null)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await ContextAsync();
        await db.Database.MigrateAsync(ct);
        var property = new Property { Code = "TST", Name = "Test Hotel", CurrencyCode = "USD" };
        db.Properties.Add(property);
        await db.SaveChangesAsync(ct);
        PropertyId = property.Id;

        var classes = new[] { "STD", "DLX", "SUI" }.Select((c, i) => new RoomClass { PropertyId = PropertyId, Code = c, Name = c, Sequence = i + 1 }).ToList();
        db.RoomClasses.AddRange(classes);
        var rack = new RateCategory { PropertyId = PropertyId, Code = "RACK", Name = "Rack" };
        db.RateCategories.Add(rack);
        await db.SaveChangesAsync(ct);

        var roomTypes = new[] { ("STK", "Standard King", 0, 1), ("DLK", "Deluxe King", 1, 2), ("DLT", "Deluxe Twin", 1, 3), ("STE", "Suite", 2, 4) }
            .Select(r => new RoomType { PropertyId = PropertyId, Code = r.Item1, Name = r.Item2, RoomClassId = classes[r.Item3].Id, Sequence = r.Item4 })
            .ToList();
        db.RoomTypes.AddRange(roomTypes);
        var bar = new RateCode { PropertyId = PropertyId, Code = "BAR", Name = "Best available", RateCategoryId = rack.Id, CurrencyCode = "USD" };
        var pkg = new RateCode { PropertyId = PropertyId, Code = "PKG", Name = "Package", CurrencyCode = "USD" };
        db.RateCodes.AddRange(bar, pkg);
        await db.SaveChangesAsync(ct);

        var prices = new Dictionary<string, decimal> { ["STK"] = 100m, ["DLK"] = 150m, ["DLT"] = 160m, ["STE"] = 300m };
        for (var d = 0; d < 30; d++)
        {
            foreach (var rt in roomTypes)
            {
                db.NightlyPrices.Add(new NightlyPrice { PropertyId = PropertyId, RateCodeId = bar.Id, RoomTypeId = rt.Id, Date = Start.AddDays(d), Amount = prices[rt.Code] });
            }

            db.NightlyOccupancies.Add(new NightlyOccupancy { PropertyId = PropertyId, Date = Start.AddDays(d), OccupancyPercent = d == 1 ? 90m : 50m, Level = d == 1 ? 2 : 1 });
        }

        db.OccupancyLevels.AddRange(
            new OccupancyLevel { PropertyId = PropertyId, Level = 1, Description = "Low", FromPercent = 0, ToPercent = 80 },
            new OccupancyLevel { PropertyId = PropertyId, Level = 2, Description = "High", FromPercent = 80, ToPercent = 100 });
        var config = new PropertyUpsellConfiguration { PropertyId = PropertyId };
        configure?.Invoke(config);
        db.UpsellConfigurations.Add(config);

        db.Users.Add(new AppUser { Id = FrontDeskId, UserName = "frontdesk", Email = "fd@test.local", DisplayName = "Front Desk" });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds a flat-amount room-type rule from STK (BAR rate code filter optional).</summary>
    public async Task<UpsellRule> AddRuleAsync(string code, string to, decimal amount, Action<UpsellRule>? configure = null, bool fromStk = true)
    {
        await using var db = await ContextAsync();
        var rule = new UpsellRule
        {
            PropertyId = PropertyId,
            Code = code,
            Description = $"{code} description",
            FromCode = fromStk ? "STK" : "DLK",
            ToCode = to,
            Formula = UpsellFormula.FlatAmountAddedToOriginalRate,
            UpsellAmount = amount,
            CurrencyCode = "USD",
        };
        configure?.Invoke(rule);
        rule.RefreshFilterKinds();
        db.UpsellRules.Add(rule);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return rule;
    }

    public async Task AddHierarchyAsync(string from, string to, int sequence)
    {
        await using var db = await ContextAsync();
        var ids = await db.RoomTypes.Where(r => r.PropertyId == PropertyId).ToDictionaryAsync(r => r.Code, r => r.Id, TestContext.Current.CancellationToken);
        db.RoomHierarchy.Add(new HierarchyRow { PropertyId = PropertyId, FromRoomTypeId = ids[from], ToRoomTypeId = ids[to], DisplaySequence = sequence });
        var config = await db.UpsellConfigurations.SingleAsync(c => c.PropertyId == PropertyId, TestContext.Current.CancellationToken);
        config.Version = Guid.NewGuid();
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public StayQuoteInput Stay(int nights = 2, int arrivalOffset = 0) => new()
    {
        PropertyId = PropertyId,
        Arrival = Start.AddDays(arrivalOffset).ToDateTime(TimeOnly.MinValue),
        Nights = nights,
        RoomType = "STK",
        RateCode = "BAR",
        BookedOn = Start.AddDays(-30).ToDateTime(TimeOnly.MinValue),
    };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _keepAlive.DisposeAsync();
    }

    private sealed class FixedUser(UserContext user) : ICurrentUser
    {
        public ValueTask<UserContext> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(user);
    }
}
