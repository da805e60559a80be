using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Copy;

/// <summary>
/// Three properties for the copy tests. SRC (USD) has everything. TGA (USD) lacks some codes: TWN (no proposal),
/// DKN (TGA has DKX with the same name), JRS (TGA has "jrs": same code, other case), class STE (TGA has SUI at the
/// same sequence), rate code BAR1/WKND, category PKG, market GRP, channel PHN, reservation type DEP, membership
/// GOLD/SIL and PLAT, occupancy level 3; its hierarchy allows jrs → PRS only; it has rules DUP and a 20-character
/// code. TGB (EUR) has every code of SRC, but another currency.
/// </summary>
public sealed record CopyScenario(Property Source, Property TargetA, Property TargetB)
{
    public const string LongCode = "ABCDEFGHIJKLMNOPQRST";

    public static async Task<CopyScenario> SeedAsync(CopyTestDatabase db, CancellationToken ct)
    {
        var source = await db.AddPropertyAsync("SRC", "USD", p => Full(p), ct);
        var targetA = await db.AddPropertyAsync("TGA", "USD", p => p
            .RoomClass("STD", "Standard", 1).RoomClass("DLX", "Deluxe", 2).RoomClass("SUI", "Suites", 3)
            .RoomType("KNG", "King", "STD", 1).RoomType("DKX", "Deluxe King", "DLX", 1)
            .RoomType("jrs", "Junior", "SUI", 1).RoomType("PRS", "Presidential", "SUI", 2)
            .RateCategory("BAR", "Best Available").RateCategory("CORP", "Corporate")
            .RateCode("RACK", "Rack", "BAR").RateCode("corp1", "Corporate 1", "CORP")
            .Market("LEIS", "Leisure").Market("CORP", "Corporate")
            .Channel("WEB", "Web").Channel("GDS", "GDS")
            .ReservationType("GTD", "Guaranteed").ReservationType("NON", "Non-guaranteed")
            .Membership("GOLD", "Gold Club", ("GLD", "Gold"))
            .OccupancyLevels(1, 2)
            .Hierarchy("jrs", "PRS"), ct);
        var targetB = await db.AddPropertyAsync("TGB", "EUR", p => Full(p), ct);

        await db.AddRuleAsync(targetA, "DUP", "KNG", "DKX", r => r.Filters.Add(new() { Kind = Web.Features.UpsellRules.RuleFilterKind.RateCode, Value = "RACK" }), ct);
        await db.AddRuleAsync(targetA, LongCode, "KNG", "PRS", null, ct);
        return new CopyScenario(source, targetA, targetB);
    }

    private static void Full(PropertyBuilder p) => p
        .RoomClass("STD", "Standard", 1).RoomClass("DLX", "Deluxe", 2).RoomClass("STE", "Suite", 3)
        .RoomType("KNG", "King", "STD", 1).RoomType("TWN", "Twin", "STD", 2).RoomType("DKN", "Deluxe King", "DLX", 1)
        .RoomType("JRS", "Junior Suite", "STE", 1).RoomType("PRS", "Presidential", "STE", 2)
        .RateCategory("BAR", "Best Available").RateCategory("CORP", "Corporate").RateCategory("PKG", "Packages")
        .RateCode("RACK", "Rack", "BAR").RateCode("BAR1", "Best 1", "BAR").RateCode("CORP1", "Corporate 1", "CORP").RateCode("WKND", "Weekend", "PKG")
        .Market("LEIS", "Leisure").Market("CORP", "Corporate").Market("GRP", "Group")
        .Channel("WEB", "Web").Channel("GDS", "GDS").Channel("PHN", "Phone")
        .ReservationType("GTD", "Guaranteed").ReservationType("NON", "Non-guaranteed").ReservationType("DEP", "Deposit")
        .Membership("GOLD", "Gold Club", ("SIL", "Silver"), ("GLD", "Gold")).Membership("PLAT", "Platinum Club", ("P1", "Tier 1"))
        .OccupancyLevels(1, 2, 3);
}
