using System.Diagnostics.CodeAnalysis;

namespace UpsellAdmin.Connector.Models;

// Mews enums are open-ended: every enum here has Unknown = 0, which is what an undocumented value reads as
// (see Json.TolerantEnumConverterFactory). Member names are the exact wire strings.

public enum ActivityState { Unknown = 0, Active, Deleted }

public enum PricingMode { Unknown = 0, Gross, Net }

public enum ServiceType { Unknown = 0, Bookable, Additional }

public enum ServiceDataDiscriminator { Unknown = 0, Bookable, Additional }

public enum TimeUnitPeriod { Unknown = 0, Day, Month, Hour }

public enum AvailabilityMetric
{
    Unknown = 0, OutOfOrderBlocks, PublicAvailabilityAdjustment, OtherServiceReservationCount, Occupied,
    ConfirmedReservations, OptionalReservations, BlockAvailability, AllocatedBlockAvailability, UsableResources,
    ActiveResources, HouseUse,
}

public enum ResourceCategoryType
{
    Unknown = 0, Room, Bed, Dorm, Apartment, Suite, Villa, Site, Office, MeetingRoom, ParkingSpot, Desk, TeamArea,
    Membership, Tent, CaravanOrRV, UnequippedCampsite, Bike, ExtraBed, Cot, Crib, ConferenceRoom, Rooftop, Garden,
    Restaurant, Amphitheater, PrivateSpaces,
}

public enum ResourceCategoryClassification
{
    Unknown = 0, StandardSingle, StandardDouble, SuperiorTwin, SuperiorDouble, JuniorSuite, SharedOrDorm, Other,
    SuperiorSingle, Triple, Family, StandardTwin, Studio, SuperiorTripleRoom, OneBedroomApartment,
    ThreeBedroomsApartment, TwoBedroomsApartment,
}

public enum ResourceState { Unknown = 0, Dirty, Clean, Inspected, OutOfService, OutOfOrder }

[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Mews' own value name.")]
public enum ResourceDataDiscriminator { Unknown = 0, Space, Object, Person }

public enum RateType { Unknown = 0, Public, Private, AvailabilityBlock }

public enum AgeCategoryAdjustmentType { Unknown = 0, ExtraOccupancyAdjustment, NegativeOccupancyAdjustment, StandardOccupancyAdjustment }

public enum AccountingCategoryClassification
{
    Unknown = 0, Accommodation, FoodAndBeverage, Taxes, Payments, ExternalRevenue, SundryIncome, Wellness, Sport,
    Technology, Facilities, Events, Tourism,
}

public enum SourceType
{
    Unknown = 0, OnlineTravelAgency, CentralReservationSystem, GlobalDistributionSystem, AlternativeDistributionSystem,
    SalesAndCateringSystem, PropertyManagementSystem, TourOperatorSystem, OnlineBookingEngine, Kiosk, Agent,
}

public enum ChargingMode { Unknown = 0, Once, PerTimeUnit, PerPersonPerTimeUnit, PerPerson }

public enum PostingMode { Unknown = 0, Once, PerTimeUnit }

public enum ConsumptionMoment { Unknown = 0, ServiceOrderEnd, ServiceOrderStart, PostingTimeUnit, NextTimeUnit }

/// <summary>
/// Service order state. The 2023-06-06 reservation read uses <see cref="Inquired"/>; the 2017 shape (reservations/update,
/// customers/search) uses <see cref="Enquired"/> for the same state.
/// </summary>
public enum ReservationState { Unknown = 0, Inquired, Enquired, Confirmed, Started, Processed, Canceled, Optional, Requested }

public enum ReservationOrigin { Unknown = 0, Distributor, ChannelManager, Commander, Import, Connector, Navigator }

public enum CommanderOrigin { Unknown = 0, InPerson, Channel, Phone, Email, Website, Message, CallCenter, RoomingList }

public enum CancellationReason
{
    Unknown = 0, Other, ConfirmationMissed, BookedElsewhere, ForceMajeure, GuestComplaint, NoShow, PriceTooHigh,
    ServiceNotAvailable, InputError, InvalidPayment, TravelAgency, RequestedByGuest, Update, BookingAbandoned,
    RequestedByBooker,
}

public enum ReservationPurpose { Unknown = 0, Leisure, Business, Student }

public enum AccountType { Unknown = 0, Customer, Company }

public enum CustomerTitle { Unknown = 0, Mister, Miss, Misses }

public enum CustomerSex { Unknown = 0, Male, Female }

public enum CustomerClassification
{
    Unknown = 0, PaymasterAccount, Blacklist, Media, LoyaltyProgram, PreviousComplaint, Returning, Staff,
    FriendOrFamily, TopManagement, Important, VeryImportant, Problematic, Cashlist, DisabledPerson, Military, Airline,
    HealthCompliant, InRoom, WaitingForRoom, Student, Blocklist,
}

public enum CustomerOption
{
    Unknown = 0, None, SendMarketingEmails, Invoiceable, BillAddressObjection, SendMarketingPostalMail,
    SendPartnerMarketingEmails, SendPartnerMarketingPostalMail, WithdrawCardConsent, GuestPhotoConsent, IdPhotosConsent,
}

/// <summary>Loyalty program type; note that Mews itself documents a value named <c>Unknown</c>.</summary>
public enum LoyaltyProgramType { Unknown = 0, Hotel, ExternalPartner, SoftBrand }

public enum LoyaltySubscription { Unknown = 0, Free, Paid }

public enum LoyaltyMembershipState { Unknown = 0, New, Pending, Enrolled, Canceled, Declined }

public enum ProfileDiscriminator { Unknown = 0, Personal, Enterprise, Platform, Static, Integration }
