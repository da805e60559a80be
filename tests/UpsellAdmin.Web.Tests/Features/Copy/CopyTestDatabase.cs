using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Copy;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Copy;

/// <summary>A real SQLite file per test (the schema from the committed migrations), a context factory, a write hook
/// that injects failures mid-copy, and builders for properties and rules.</summary>
public sealed class CopyTestDatabase : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"upsell-copy-{Guid.NewGuid():N}.db");

    /// <summary>The SQLite connection string (the API tests point the app at the same file).</summary>
    public string ConnectionString => $"Data Source={_path}";
    private readonly DbContextOptions<SqliteAppDbContext> _options;

    public FailingWriteHook Faults { get; } = new();
    public IDbContextFactory<AppDbContext> Factory { get; }

    public static readonly UserContext RevenueManagerAdmin =
        new("u-admin", "revenue@test.local", new HashSet<string> { Roles.Administrator, Roles.RevenueManager });
    public static readonly UserContext FrontDesk = new("u-fd", "frontdesk@test.local", new HashSet<string> { Roles.FrontDesk });

    private CopyTestDatabase()
    {
        _options = new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={_path}")
            .Options;
        Factory = new TestFactory(_options);
    }

    public static async Task<CopyTestDatabase> CreateAsync(CancellationToken ct)
    {
        var db = new CopyTestDatabase();
        await using var context = await db.Factory.CreateDbContextAsync(ct);
        await context.Database.MigrateAsync(ct);
        return db;
    }

    public RuleCopyService Service(UserContext? user = null, ICopyExchangeRateSource? exchangeRates = null) =>
        new(Factory, new FixedUser(user ?? RevenueManagerAdmin), TimeProvider.System, NullLogger<RuleCopyService>.Instance, [Faults], exchangeRates);

    public async Task<AppDbContext> ContextAsync(CancellationToken ct) => await Factory.CreateDbContextAsync(ct);

    public async Task<Property> AddPropertyAsync(string code, string currency, Action<PropertyBuilder> build, CancellationToken ct)
    {
        await using var db = await ContextAsync(ct);
        var property = new Property { Code = code, Name = $"Hotel {code}", CurrencyCode = currency };
        db.Properties.Add(property);
        await db.SaveChangesAsync(ct);
        var builder = new PropertyBuilder(db, property);
        build(builder);
        await db.SaveChangesAsync(ct);
        return property;
    }

    public async Task<UpsellRule> AddRuleAsync(Property property, string code, string from, string to, Action<UpsellRule>? edit = null, CancellationToken ct = default)
    {
        await using var db = await ContextAsync(ct);
        var rule = NewRule(property, code, from, to);
        edit?.Invoke(rule);
        rule.RefreshFilterKinds();
        db.UpsellRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public static UpsellRule NewRule(Property property, string code, string from, string to) => new()
    {
        PropertyId = property.Id,
        Code = code,
        Description = $"Rule {code}",
        FromCode = from,
        ToCode = to,
        Formula = UpsellFormula.FlatAmountAddedToOriginalRate,
        UpsellAmount = 25m,
        CurrencyCode = property.CurrencyCode,
        RoundingRule = RoundingRule.None,
        CreatedUtc = DateTimeOffset.UtcNow,
        UpdatedUtc = DateTimeOffset.UtcNow,
    };

    /// <summary>Every rule of the property with every column, filter and amount, as text: equal text = equal rows.</summary>
    public async Task<string> SnapshotAsync(int propertyId, CancellationToken ct)
    {
        await using var db = await ContextAsync(ct);
        var rules = await db.UpsellRules.AsNoTracking().Include(r => r.Filters).Include(r => r.OccupancyAmounts)
            .Where(r => r.PropertyId == propertyId).OrderBy(r => r.Id).ToListAsync(ct);
        var sb = new StringBuilder();
        foreach (var r in rules)
        {
            sb.AppendLine(System.Text.Json.JsonSerializer.Serialize(new
            {
                r.Id, r.PropertyId, r.Code, r.Description, r.BeginDate, r.EndDate, r.UpsellByRoomType, r.FromCode, r.ToCode,
                r.Formula, r.UpsellAmount, r.CurrencyCode, r.RoundingRule, r.DaysInAdvance, r.UpsellByOccupancyLevels,
                r.FilterKinds, r.CreatedUtc, r.UpdatedUtc, r.UpdatedBy, r.Version,
                Filters = r.Filters.OrderBy(f => f.Id).Select(f => new { f.Id, f.Kind, f.Value, f.Level }),
                Amounts = r.OccupancyAmounts.OrderBy(a => a.Id).Select(a => new { a.Id, a.Level, a.Amount }),
            }));
        }
        return sb.ToString();
    }

    public async Task<List<UpsellRule>> RulesAsync(int propertyId, CancellationToken ct)
    {
        await using var db = await ContextAsync(ct);
        return await db.UpsellRules.AsNoTracking().Include(r => r.Filters).Include(r => r.OccupancyAmounts)
            .Where(r => r.PropertyId == propertyId).OrderBy(r => r.Code).ToListAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // A pooled handle still open on some platform: the temp file is harmless.
        }
    }

    private sealed class TestFactory(DbContextOptions<SqliteAppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new SqliteAppDbContext(options);
    }

    private sealed class FixedUser(UserContext user) : ICurrentUser
    {
        public ValueTask<UserContext> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(user);
    }
}

/// <summary>The injected failure: throws once, right after the copy wrote <see cref="FailAfter"/> rules into a
/// target inside its transaction (rows already written), then lets later writes (other targets) through.</summary>
public sealed class FailingWriteHook : IRuleCopyWriteHook
{
    private int? _failAfter;

    /// <summary>How many rules the copy had written in the target when the failure was thrown.</summary>
    public int? WrittenBeforeFailure { get; private set; }

    public void FailAfter(int rules)
    {
        _failAfter = rules;
        WrittenBeforeFailure = null;
    }

    public ValueTask RuleWrittenAsync(string targetPropertyCode, int rulesWritten, CancellationToken cancellationToken)
    {
        if (_failAfter is { } limit && rulesWritten >= limit)
        {
            _failAfter = null;
            WrittenBeforeFailure = rulesWritten;
            throw new InvalidOperationException($"Injected failure after {rulesWritten} upsell rules were written to {targetPropertyCode}.");
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>Adds a property's lists of values by navigation (one SaveChanges).</summary>
public sealed class PropertyBuilder(AppDbContext db, Property property)
{
    private readonly Dictionary<string, RoomClass> _classes = [];
    private readonly Dictionary<string, RoomType> _types = [];
    private readonly Dictionary<string, RateCategory> _categories = [];

    public PropertyBuilder RoomClass(string code, string name, int sequence)
    {
        var c = new RoomClass { PropertyId = property.Id, Code = code, Name = name, Sequence = sequence };
        _classes[code] = c;
        db.RoomClasses.Add(c);
        return this;
    }

    public PropertyBuilder RoomType(string code, string name, string roomClass, int sequence)
    {
        var t = new RoomType { PropertyId = property.Id, Code = code, Name = name, RoomClass = _classes[roomClass], Sequence = sequence };
        _types[code] = t;
        db.RoomTypes.Add(t);
        return this;
    }

    public PropertyBuilder RateCategory(string code, string name)
    {
        var c = new RateCategory { PropertyId = property.Id, Code = code, Name = name };
        _categories[code] = c;
        db.RateCategories.Add(c);
        return this;
    }

    public PropertyBuilder RateCode(string code, string name, string? category = null)
    {
        db.RateCodes.Add(new RateCode
        {
            PropertyId = property.Id, Code = code, Name = name, CurrencyCode = property.CurrencyCode,
            RateCategory = category is null ? null : _categories[category],
        });
        return this;
    }

    public PropertyBuilder Market(string code, string name)
    {
        db.Markets.Add(new Market { PropertyId = property.Id, Code = code, Name = name });
        return this;
    }

    public PropertyBuilder Channel(string code, string name)
    {
        db.Channels.Add(new Channel { PropertyId = property.Id, Code = code, Name = name });
        return this;
    }

    public PropertyBuilder ReservationType(string code, string name)
    {
        db.ReservationTypes.Add(new ReservationType { PropertyId = property.Id, Code = code, Name = name });
        return this;
    }

    public PropertyBuilder Membership(string code, string name, params (string Code, string Name)[] levels)
    {
        db.MembershipTypes.Add(new MembershipType
        {
            PropertyId = property.Id, Code = code, Name = name,
            Levels = levels.Select((l, i) => new MembershipLevel { Code = l.Code, Name = l.Name, Sequence = i + 1 }).ToList(),
        });
        return this;
    }

    public PropertyBuilder OccupancyLevels(params int[] levels)
    {
        foreach (var level in levels)
        {
            db.OccupancyLevels.Add(new OccupancyLevel
            {
                PropertyId = property.Id, Level = level, Description = $"Level {level}", FromPercent = (level - 1) * 30, ToPercent = level * 30,
            });
        }
        return this;
    }

    public PropertyBuilder Hierarchy(string from, params string[] to)
    {
        var seq = 1;
        foreach (var t in to)
        {
            db.RoomHierarchy.Add(new RoomHierarchyEntry
            {
                PropertyId = property.Id, FromRoomType = _types[from], ToRoomType = _types[t], DisplaySequence = seq++,
            });
        }
        return this;
    }
}
