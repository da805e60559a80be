using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Tests.TestSupport;

/// <summary>
/// A small, fully known property "TST" (USD) and a second one "OTH" (EUR):
/// classes STD, DLX; room types STDK, STDQ (STD), DLXK (DLX), SUI (DLX, inactive);
/// rate categories PUB (BAR, BARBB), NEG (CORP); memberships PC01 (GOLD, PLAT), AIR; channels WEB, GDS;
/// reservation types GUA, 6PM; markets TRANS, CORP; occupancy levels 1 Low 0–50, 2 Medium 50–80, 3 High 80–100;
/// hierarchy STDK → DLXK. Users: admin (Administrator), revenue and frontdesk with access to TST only.
/// </summary>
public static class TestData
{
    public static readonly UserContext Admin = FakeCurrentUser.As("admin", Roles.Administrator);
    public static readonly UserContext Revenue = FakeCurrentUser.As("revenue", Roles.RevenueManager);
    public static readonly UserContext FrontDesk = FakeCurrentUser.As("frontdesk", Roles.FrontDesk);
    public static readonly UserContext Outsider = FakeCurrentUser.As("outsider", Roles.RevenueManager);

    public sealed record Ids(int Tst, int Oth);

    public static async Task<Ids> SeedAsync(SqliteTestDatabase database)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await database.CreateDbContextAsync();
        var tst = new Property { Code = "TST", Name = "Test Hotel", CurrencyCode = "USD", TimeZone = "America/New_York" };
        var oth = new Property { Code = "OTH", Name = "Other Hotel", CurrencyCode = "EUR", TimeZone = "Europe/Paris" };
        db.Properties.AddRange(tst, oth);
        await db.SaveChangesAsync(ct);

        foreach (var p in new[] { tst, oth })
        {
            var std = new RoomClass { PropertyId = p.Id, Code = "STD", Name = "Standard", Sequence = 1 };
            var dlx = new RoomClass { PropertyId = p.Id, Code = "DLX", Name = "Deluxe", Sequence = 2 };
            db.RoomTypes.AddRange(
                new RoomType { PropertyId = p.Id, Code = "STDK", Name = "Standard King", RoomClass = std, Sequence = 1 },
                new RoomType { PropertyId = p.Id, Code = "STDQ", Name = "Standard Queen", RoomClass = std, Sequence = 2 },
                new RoomType { PropertyId = p.Id, Code = "DLXK", Name = "Deluxe King", RoomClass = dlx, Sequence = 3 },
                new RoomType { PropertyId = p.Id, Code = "SUI", Name = "Suite", RoomClass = dlx, Sequence = 4, IsActive = false });
            var pub = new RateCategory { PropertyId = p.Id, Code = "PUB", Name = "Public" };
            var neg = new RateCategory { PropertyId = p.Id, Code = "NEG", Name = "Negotiated" };
            db.RateCodes.AddRange(
                new RateCode { PropertyId = p.Id, Code = "BAR", Name = "Best Available", RateCategory = pub, CurrencyCode = p.CurrencyCode },
                new RateCode { PropertyId = p.Id, Code = "BARBB", Name = "BAR with breakfast", RateCategory = pub, CurrencyCode = p.CurrencyCode },
                new RateCode { PropertyId = p.Id, Code = "CORP", Name = "Corporate", RateCategory = neg, CurrencyCode = p.CurrencyCode });
            db.MembershipTypes.AddRange(
                new MembershipType
                {
                    PropertyId = p.Id, Code = "PC01", Name = "Platinum Club",
                    Levels = [new MembershipLevel { Code = "GOLD", Name = "Gold", Sequence = 1 }, new MembershipLevel { Code = "PLAT", Name = "Platinum", Sequence = 2 }],
                },
                new MembershipType { PropertyId = p.Id, Code = "AIR", Name = "Air miles" });
            db.Channels.AddRange(new Channel { PropertyId = p.Id, Code = "WEB", Name = "Web" }, new Channel { PropertyId = p.Id, Code = "GDS", Name = "GDS" });
            db.ReservationTypes.AddRange(new ReservationType { PropertyId = p.Id, Code = "GUA", Name = "Guaranteed" }, new ReservationType { PropertyId = p.Id, Code = "6PM", Name = "6 pm" });
            db.Markets.AddRange(new Market { PropertyId = p.Id, Code = "TRANS", Name = "Transient" }, new Market { PropertyId = p.Id, Code = "CORP", Name = "Corporate" });
            db.OccupancyLevels.AddRange(
                new OccupancyLevel { PropertyId = p.Id, Level = 1, Description = "Low", FromPercent = 0, ToPercent = 50 },
                new OccupancyLevel { PropertyId = p.Id, Level = 2, Description = "Medium", FromPercent = 50, ToPercent = 80 },
                new OccupancyLevel { PropertyId = p.Id, Level = 3, Description = "High", FromPercent = 80, ToPercent = 100 });
        }
        await db.SaveChangesAsync(ct);

        var stdk = db.RoomTypes.Single(r => r.PropertyId == tst.Id && r.Code == "STDK");
        var dlxk = db.RoomTypes.Single(r => r.PropertyId == tst.Id && r.Code == "DLXK");
        db.RoomHierarchy.Add(new RoomHierarchyEntry { PropertyId = tst.Id, FromRoomTypeId = stdk.Id, ToRoomTypeId = dlxk.Id, DisplaySequence = 1 });
        db.Users.AddRange(new[] { "admin", "revenue", "frontdesk", "outsider" }.Select(id => new AppUser { Id = id, UserName = id + "@test", Email = id + "@test" }));
        db.UserProperties.AddRange(
            new UserPropertyAccess { UserId = "revenue", PropertyId = tst.Id },
            new UserPropertyAccess { UserId = "frontdesk", PropertyId = tst.Id });
        await db.SaveChangesAsync(ct);
        return new Ids(tst.Id, oth.Id);
    }

    /// <summary>Stores a rule directly (no validation), filters as "KIND:VALUE[/LEVEL]" e.g. "Channel:WEB", "Membership:PC01/GOLD".</summary>
    public static async Task<int> AddRuleAsync(SqliteTestDatabase database, int propertyId, string code, string from = "STDK", string to = "DLXK",
        bool byRoomType = true, DateOnly? begin = null, DateOnly? end = null, string? description = null, params string[] filters)
    {
        await using var db = await database.CreateDbContextAsync();
        var rule = new UpsellRule
        {
            PropertyId = propertyId, Code = code, Description = description ?? $"Rule {code}", UpsellByRoomType = byRoomType,
            FromCode = from, ToCode = to, BeginDate = begin, EndDate = end,
            Formula = UpsellFormula.FlatAmountAddedToOriginalRate, UpsellAmount = 10m, CurrencyCode = "USD",
        };
        foreach (var f in filters)
        {
            var i = f.IndexOf(':', StringComparison.Ordinal);
            var kind = Enum.Parse<RuleFilterKind>(f[..i]);
            var m = UpsellRuleFormModel.ParseMembership(f[(i + 1)..]);
            rule.Filters.Add(kind == RuleFilterKind.Membership
                ? new UpsellRuleFilterValue { Kind = kind, Value = m.Type, Level = m.Level }
                : new UpsellRuleFilterValue { Kind = kind, Value = f[(i + 1)..] });
        }
        rule.RefreshFilterKinds();
        db.UpsellRules.Add(rule);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return rule.Id;
    }

    /// <summary>A valid New form for TST: STDK → DLXK, flat 25 USD.</summary>
    public static UpsellRuleFormModel ValidForm(int propertyId, string code = "NEW1") => new()
    {
        PropertyId = propertyId,
        Code = code,
        Description = "Standard King to Deluxe King",
        BeginDate = new DateTime(2026, 12, 1),
        EndDate = new DateTime(2027, 3, 31),
        UpsellByRoomType = true,
        From = "STDK",
        To = "DLXK",
        RateCodes = ["BAR", "BARBB"],
        Memberships = ["PC01/GOLD", "AIR"],
        Sources = ["WEB"],
        ReservationTypes = ["GUA"],
        Markets = ["TRANS"],
        Formula = UpsellFormula.FlatAmountAddedToOriginalRate,
        UpsellAmount = 25m,
        CurrencyCode = "USD",
        RoundingRule = RoundingRule.Up,
        DaysInAdvance = 3,
        OccupancyAmounts =
        [
            new() { Level = 1, Description = "Low" },
            new() { Level = 2, Description = "Medium" },
            new() { Level = 3, Description = "High" },
        ],
    };
}
