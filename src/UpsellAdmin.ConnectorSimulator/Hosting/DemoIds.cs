using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace UpsellAdmin.ConnectorSimulator;

/// <summary>
/// Well-known ids of the seeded demo chain. Enterprise A reuses the sample ids of connector-api.md §1.10 (and a few
/// more ids from the docs' examples); every other id is a stable GUID derived from a name (see <see cref="Derive"/>).
/// </summary>
public static class DemoIds
{
    /// <summary>The demo chain "Connector API Chain" (all three enterprises).</summary>
    public static readonly Guid Chain = Guid.Parse("8ddea57b-6a5c-4eec-8c4c-24467dce118e");

    /// <summary>Enterprise A: "Connector API Hotel", Europe/Budapest, GBP, Gross (UK legal environment).</summary>
    public static readonly Guid EnterpriseA = Guid.Parse("851df8c8-90f2-4c4a-8e01-a4fc46b25178");

    /// <summary>Enterprise B: "Connector API Hotel Lisbon", Europe/Lisbon, EUR, Gross.</summary>
    public static readonly Guid EnterpriseB = Derive("enterprise/B");

    /// <summary>Enterprise C: "Connector API Hotel Washington", America/New_York, USD, Net.</summary>
    public static readonly Guid EnterpriseC = Derive("enterprise/C");

    /// <summary>The dummy enterprise configuration/get returns to a portfolio token without EnterpriseId.</summary>
    public static readonly Guid PortfolioEnterprise = Derive("enterprise/portfolio");

    /// <summary>Enterprise A's "Accommodation" service (bookable, daily).</summary>
    public static readonly Guid AccommodationServiceA = Guid.Parse("bd26d8db-86da-4f96-9efc-e5a4654a4a94");

    /// <summary>Enterprise A's "Standard Double" resource category.</summary>
    public static readonly Guid StandardDoubleA = Guid.Parse("773d5e42-de1e-43a0-9ce6-f940faf2303f");

    /// <summary>Enterprise A's "Superior Double" resource category.</summary>
    public static readonly Guid SuperiorDoubleA = Guid.Parse("a0a7a5c5-c4ef-494a-8b34-6cca97629076");

    /// <summary>Enterprise A's room "101" (Standard Double).</summary>
    public static readonly Guid Room101A = Guid.Parse("20e00c32-d561-4008-8609-82d8aa525714");

    /// <summary>Enterprise A's rate "Fully Flexible" (ShortName FF, the base rate).</summary>
    public static readonly Guid FullyFlexibleRateA = Guid.Parse("ed4b660b-19d0-434b-9360-a4de2ea42eda");

    /// <summary>Enterprise A's rate group "Public" (FF's group).</summary>
    public static readonly Guid PublicRateGroupA = Guid.Parse("c8b866b3-be2e-4a47-9486-034318e9f393");

    /// <summary>Enterprise A's rate group "Packages".</summary>
    public static readonly Guid PackagesRateGroupA = Guid.Parse("6b3f718a-b537-45b0-a8ee-d30897723834");

    /// <summary>Enterprise A's age category "Adult".</summary>
    public static readonly Guid AdultA = Guid.Parse("ab58c939-be30-4a60-8f75-ae1600c60c9f");

    /// <summary>Enterprise A's age category "Child".</summary>
    public static readonly Guid ChildA = Guid.Parse("1f67644f-052d-4863-acdf-ae1600c60ca0");

    /// <summary>Customer John Smith (chain-level; in house at A in reservation 52).</summary>
    public static readonly Guid JohnSmith = Guid.Parse("fadd5bb6-b428-45d5-94f8-fd0d89fece6d");

    /// <summary>Customer Jane Doe (owner of reservation <see cref="UpcomingReservationA"/>).</summary>
    public static readonly Guid JaneDoe = Guid.Parse("bccdafd1-3e44-439d-861f-341526b597a9");

    /// <summary>Reservation number "52" at A: John Smith, Standard Double, FF, room 101, in house (Started).</summary>
    public static readonly Guid Reservation52 = Guid.Parse("0f515589-99b4-423d-b83a-b237009f0509");

    /// <summary>A confirmed reservation at A arriving in three days (Jane Doe).</summary>
    public static readonly Guid UpcomingReservationA = Guid.Parse("4d2aa234-5d30-472c-899f-ab45008c3479");

    /// <summary>Loyalty program "Platinum Club" (Code PC01).</summary>
    public static readonly Guid PlatinumClub = Guid.Parse("f701dafb-5765-4cf4-b1dd-1f602a740ae5");

    /// <summary>Loyalty program "Gold Exclusive Club" (Code GEC07).</summary>
    public static readonly Guid GoldExclusiveClub = Guid.Parse("da34b396-41f7-47f6-8847-aecf00a3f19e");

    /// <summary>Loyalty program "Connector Rewards" (Code CR, soft brand, no tiers, no members).</summary>
    public static readonly Guid ConnectorRewards = Guid.Parse("5b1f0c1e-2d7a-4c8e-9a41-3c6f2e8d9b10");

    /// <summary>Loyalty tier "Platinum" (P1) of Platinum Club.</summary>
    public static readonly Guid PlatinumTier = Guid.Parse("69eedfd2-6f25-42fc-b3c8-39df70f85e37");

    /// <summary>Loyalty tier "Silver" (S1) of Platinum Club.</summary>
    public static readonly Guid SilverTier = Guid.Parse("3cad97ef-5257-4ced-8599-8e6bbd33331f");

    /// <summary>John Smith's Platinum Club membership (not primary).</summary>
    public static readonly Guid JohnSmithPlatinumMembership = Guid.Parse("905a4489-0960-4ac9-96ec-793f47365c92");

    /// <summary>John Smith's Gold Exclusive Club membership (not primary).</summary>
    public static readonly Guid JohnSmithGoldMembership = Guid.Parse("ac48674e-58a2-43d6-a02b-9ead0b213b17");

    /// <summary>Enterprise A's accounting category "Accommodation".</summary>
    public static readonly Guid AccommodationAccountingCategoryA = Guid.Parse("0cf7aa90-736f-43e9-a7dc-787704548d86");

    /// <summary>Enterprise A's accounting category "Beverage".</summary>
    public static readonly Guid BeverageAccountingCategoryA = Guid.Parse("90eff5aa-36b4-4689-80c0-ab3a00bb412e");

    /// <summary>Enterprise A's product "Breakfast" (Accommodation service, per person per night).</summary>
    public static readonly Guid BreakfastProductA = Guid.Parse("47312820-2268-4f5c-864d-aa4100ed82bc");

    /// <summary>Enterprise A's product "Parking" (Accommodation service, per night).</summary>
    public static readonly Guid ParkingProductA = Guid.Parse("2eb7ad8b-8dfb-4381-aba5-ab58009f2993");

    /// <summary>Enterprise A's "Business" business segment.</summary>
    public static readonly Guid BusinessSegmentA = Guid.Parse("7760b5cb-a666-41bb-9758-76bf5d1df399");

    /// <summary>Enterprise A's "Leisure" business segment.</summary>
    public static readonly Guid LeisureSegmentA = Guid.Parse("54ec08b6-e6fc-48e9-b8ae-02943e0ac693");

    /// <summary>Enterprise A's "Corporate" business segment.</summary>
    public static readonly Guid CorporateSegmentA = Guid.Parse("dc9188f6-fb61-412c-b3fd-af32dab082ed");

    /// <summary>Source "Booking.com".</summary>
    public static readonly Guid BookingComSource = Guid.Parse("bbe29c21-401a-4746-b97d-af1f00e1bb8b");

    /// <summary>A stable GUID derived from a name (MD5 of the UTF-8 name, RFC 4122 version 3 layout).</summary>
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms",
        Justification = "A stable id, not security; another hash would change every demo id.")]
    public static Guid Derive(string name)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes("UpsellAdmin.ConnectorSimulator/" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }
}
