using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Tests.TestSupport;

/// <summary>One small hotel's lists of values, enough for every control of the rule screens.</summary>
public static class DemoLookups
{
    public static readonly PropertySummary Hotel = new(1, "HTL1", "Harbour Hotel", "USD", "Europe/London");
    public static readonly PropertySummary Other = new(2, "HTL2", "Garden Hotel", "EUR", "Europe/Paris");

    public static PropertyLookups For(PropertySummary property) => new(
        property,
        RoomTypes:
        [
            new RoomTypeOption("STD", "Standard", "ROOM", 1),
            new RoomTypeOption("DLX", "Deluxe", "ROOM", 2),
            new RoomTypeOption("STE", "Suite", "SUITE", 3),
            new RoomTypeOption("PEN", "Penthouse", "SUITE", 4),
        ],
        RoomClasses: [new CodeName("ROOM", "Rooms"), new CodeName("SUITE", "Suites")],
        RateCodes: [new RateCodeOption("BAR", "Best Available", "RACK", property.CurrencyCode), new RateCodeOption("CORP", "Corporate", "NEG", property.CurrencyCode)],
        RateCategories: [new CodeName("RACK", "Rack"), new CodeName("NEG", "Negotiated")],
        Memberships: [new MembershipOption("GOLD", "Gold Club", [new CodeName("PLT", "Platinum"), new CodeName("STD", "Standard")])],
        Channels: [new CodeName("WEB", "Web"), new CodeName("GDS", "GDS")],
        ReservationTypes: [new CodeName("GTD", "Guaranteed"), new CodeName("6PM", "6 pm hold")],
        Markets: [new CodeName("LEI", "Leisure"), new CodeName("COR", "Corporate")],
        OccupancyLevels: [new OccupancyLevelOption(1, "Low", 0m, 60m), new OccupancyLevelOption(2, "High", 60m, 100m)],
        Hierarchy: new Dictionary<string, IReadOnlyList<HierarchyTarget>>
        {
            ["STD"] = [new HierarchyTarget("STE", 2), new HierarchyTarget("DLX", 1)],
        },
        Currencies: ["USD", "EUR", "GBP"]);
}
