using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Connector;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Features.Api;

/// <summary><c>GET /api/properties/{code}/reservations</c>: one reservation of the desk.</summary>
public sealed record ApiReservation(
    string ReservationId,
    string Number,
    string GuestName,
    DateOnly ArrivalDate,
    DateOnly DepartureDate,
    string? RoomType,
    string? RateCode,
    string State,
    int OfferCount);

/// <summary>One night of an offer; <see cref="FreeRooms"/> is null when Mews reported no availability for it.</summary>
public sealed record ApiOfferNight(DateOnly Date, decimal OriginalRate, decimal UpsellRate, decimal UpsellAmount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? FreeRooms);

/// <summary>One offer; <see cref="OfferId"/> is stable for the same reservation, target (room type or product) and price.</summary>
/// <remarks>Every field is always present (null where it does not apply: productId on an upgrade; toRoomType and ruleCode
/// on an add-on). Kind is <c>RoomUpgrade</c> or <c>AddOn</c>; an add-on has no nights (<c>[]</c>, whatever its charging
/// mode) and totalAmount = its unit price × count.</remarks>
public sealed record ApiOffer(string OfferId, string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ToRoomType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ProductId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? RuleCode,
    IReadOnlyList<ApiOfferNight> Nights, decimal TotalAmount);

/// <summary><see cref="Message"/>: why there is no offer (null when there are offers).</summary>
public sealed record ApiOffers(string ReservationId, string CurrencyCode, IReadOnlyList<ApiOffer> Offers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Message);

/// <summary>
/// The Upsell Desk through the API (X-Api-Key): a property's arrivals (or in-house guests) from Mews with their offer
/// counts, and one reservation's offers. Mews failing is a 503 problem with Mews' message and RequestId.
/// </summary>
public static class DeskApiEndpoints
{
    /// <summary>How far from today an arrivals query may reach (a year either way).</summary>
    public const int MaxDaysFromToday = 366;

    public static IEndpointRouteBuilder MapDeskApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiGroup();
        api.MapGet("/properties/{propertyCode}/reservations", ListAsync)
            .WithName("ListReservations").WithTags("Upsell desk").RequireApiScope(ApiScopes.Read)
            .WithSummary("Arrivals in [arrivalFrom, arrivalTo] (at most 14 days; property-local dates) or, with inHouse=true, the guests in house; with their offer counts")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/properties/{propertyCode}/reservations/{reservationId}/offers", OffersAsync)
            .WithName("ListReservationOffers").WithTags("Upsell desk").RequireApiScope(ApiScopes.Quote)
            .WithSummary("The offers a reservation can really get: per night original rate, upsell rate and amount, and free rooms of the target")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<Results<JsonHttpResult<List<ApiReservation>>, ProblemHttpResult>> ListAsync(
        string propertyCode, [FromQuery] string? arrivalFrom, [FromQuery] string? arrivalTo, [FromQuery] bool? inHouse,
        ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, IUpsellDeskService desk, TimeProvider clock, CancellationToken ct)
    {
        var property = await PropertyAsync(dbFactory, user, propertyCode, ct);
        if (property is null)
        {
            return Problem(StatusCodes.Status404NotFound, $"Unknown property code: {propertyCode}.");
        }
        var today = QuoteDates.Today(clock, property.Value.TimeZone);
        DeskWindow window;
        if (inHouse == true)
        {
            window = DeskWindow.InHouseOn(today);
        }
        else
        {
            if (!TryDate(arrivalFrom, today, out var from) || !TryDate(arrivalTo, from, out var to))
            {
                return Problem(StatusCodes.Status400BadRequest, "arrivalFrom and arrivalTo are dates as yyyy-MM-dd (both optional: today, and arrivalFrom).");
            }
            window = new DeskWindow(from, to);
            if (window.Problem is { } problem)
            {
                return Problem(StatusCodes.Status400BadRequest, problem);
            }
            if (from < today.AddDays(-MaxDaysFromToday) || to > today.AddDays(MaxDaysFromToday))
            {
                return Problem(StatusCodes.Status400BadRequest, $"arrivalFrom and arrivalTo must be within {MaxDaysFromToday} days of today ({today:yyyy-MM-dd}).");
            }
        }

        try
        {
            var board = await desk.GetBoardAsync(property.Value.Id, window, refresh: false, ct);
            if (board is null)
            {
                return Problem(StatusCodes.Status404NotFound, $"Unknown property code: {propertyCode}.");
            }
            return TypedResults.Json(board.Rows.Select(r => new ApiReservation(r.Reservation.ReservationId, r.Reservation.Number, r.Reservation.GuestName,
                r.Reservation.Arrival, r.Reservation.Departure, r.Reservation.RoomType, r.Reservation.RateCode, r.Reservation.State.ToString(), r.OfferCount)).ToList(),
                RuleApiEndpoints.Json);
        }
        catch (MewsApiException e)
        {
            return MewsUnavailable(e);
        }
        catch (DeskUnavailableException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }
    }

    private static async Task<Results<JsonHttpResult<ApiOffers>, ProblemHttpResult>> OffersAsync(
        string propertyCode, string reservationId, ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, IUpsellDeskService desk, ISellingService selling,
        TimeProvider clock, CancellationToken ct)
    {
        var property = await PropertyAsync(dbFactory, user, propertyCode, ct);
        if (property is null)
        {
            return Problem(StatusCodes.Status404NotFound, $"Unknown property code: {propertyCode}.");
        }
        if (!Guid.TryParse(reservationId, CultureInfo.InvariantCulture, out var id))
        {
            return Problem(StatusCodes.Status404NotFound, $"Unknown reservation: {reservationId} (a Mews reservation id is a GUID).");
        }
        reservationId = id.ToString(); // Mews' form: lower case with hyphens

        try
        {
            var window = DeskWindow.OneReservation(reservationId, QuoteDates.Today(clock, property.Value.TimeZone));
            var offers = await desk.GetOffersAsync(property.Value.Id, window, reservationId, explain: false, cancellationToken: ct);
            if (offers is null)
            {
                return Problem(StatusCodes.Status404NotFound, $"Unknown reservation: {reservationId} is not a reservation of {propertyCode} in Mews.");
            }
            // Conversion counts what a system showed its guest too (channel Api; once per reservation, day and channel).
            await selling.RecordPresentedAsync(property.Value.Id, offers, SaleChannel.Api, ct);
            return TypedResults.Json(ToApi(offers), RuleApiEndpoints.Json);
        }
        catch (MewsApiException e)
        {
            return MewsUnavailable(e);
        }
        catch (DeskUnavailableException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }
    }

    /// <summary>A reservation's offers in the API's shape (the offers endpoint; the selling API's 409 "offer changed").</summary>
    internal static ApiOffers ToApi(DeskOffers offers) =>
        new(offers.Reservation.ReservationId, offers.CurrencyCode,
            offers.Offers.Select(o => new ApiOffer(o.OfferId, "RoomUpgrade", o.Offer.ToRoomType, null, o.Offer.RuleCode,
                o.Nights.Select(n => new ApiOfferNight(n.Date, n.OriginalRate, n.UpsellRate, n.UpsellAmount, n.FreeRooms)).ToList(),
                o.Offer.TotalUpsellAmount))
                .Concat(offers.AddOns.Select(a => new ApiOffer(a.OfferId, "AddOn", null, a.ProductId, null, [], a.TotalAmount)))
                .ToList(),
            offers.Offers.Count == 0 && offers.AddOns.Count == 0 ? offers.Message : null);

    /// <summary>An active property of the caller's key by its code: its id and time zone (null when there is none, or the
    /// key may not touch it: a property the key may not touch is unknown to it).</summary>
    internal static async Task<(int Id, string Code, string TimeZone, string CurrencyCode)?> PropertyAsync(IDbContextFactory<AppDbContext> dbFactory, ClaimsPrincipal user, string code, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await PropertyAccess.Visible(db, CurrentUser.From(user)).Where(p => p.Code == code && p.IsActive)
            .Select(p => new { p.Id, p.Code, p.TimeZone, p.CurrencyCode }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.Id, row.Code, row.TimeZone, row.CurrencyCode);
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            date = fallback;
            return true;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: status == StatusCodes.Status404NotFound ? "Not Found" : "Bad Request");

    /// <summary>503 with what Mews said and its RequestId (what Mews support asks for).</summary>
    internal static ProblemHttpResult MewsUnavailable(MewsApiException e) =>
        TypedResults.Problem(
            $"Mews did not answer the request ({e.MewsMessage}).",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Mews unavailable",
            extensions: new Dictionary<string, object?> { ["mewsRequestId"] = e.RequestId, ["mewsStatus"] = (int?)e.StatusCode });
}
