namespace UpsellAdmin.Web.Features.ReferenceData;

/// <summary>
/// One name per concept on every screen (search criteria, grid, rule form, Test dialog, quote, copy preview),
/// OPERA's where OPERA has one. OPERA itself says Channel/Channels/Sources and Market/Markets/Market Segment for the
/// same lists on its three rule screens; we keep one of each. Singular for a single-value picker, plural for a list.
/// </summary>
public static class ConceptLabels
{
    public const string RoomType = "Room Type";
    public const string RoomClass = "Room Class";
    public const string RateCode = "Rate Code";
    public const string RateCategory = "Rate Category";
    public const string Membership = "Membership";
    public const string Memberships = "Memberships";
    public const string Channel = "Channel";
    public const string Channels = "Channels";
    public const string ReservationType = "Reservation Type";
    public const string ReservationTypes = "Reservation Types";
    public const string Market = "Market";
    public const string Markets = "Markets";
    public const string DaysOfWeek = "Days of Week";
    public const string DaysInAdvance = "Days in Advance";
    public const string UpsellAmount = "Upsell Amount";
}
