using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Web.Features.Api;

/// <summary><c>POST /api/properties/{code}/reservations/{id}/upsells</c> body: an offerId from the offers endpoint.</summary>
public sealed record ApiSaleRequest(string? OfferId, string? Note);

/// <summary>One night of an upsell: the amount its revenue line carries.</summary>
public sealed record ApiUpsellNight(DateOnly Date, decimal UpsellAmount);

/// <summary>
/// One upsell (the selling API's answer and the activity log's row). Every field is always present (null where it does
/// not apply: toRoomType/fromRoomType/ruleCode on an add-on, productId/productName on an upgrade, lastError when nothing
/// failed). Status: Pending (recorded, being posted), Posted, Rejected (Mews refused; nothing of it stays in Mews),
/// Reversed (undone). <see cref="UndoRequestedUtc"/> set on a Posted upsell: the undo is queued.
/// </summary>
public sealed record ApiUpsell(
    Guid UpsellId,
    UpsellStatus Status,
    UpsellKind Kind,
    string PropertyCode,
    string ReservationId,
    string ReservationNumber,
    string GuestName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FromRoomType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ToRoomType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ProductId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ProductName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? RuleCode,
    IReadOnlyList<ApiUpsellNight> Nights,
    decimal TotalAmount,
    string CurrencyCode,
    SaleChannel Channel,
    string AgentName,
    DateTimeOffset SoldUtc,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Note,
    int Attempts,
    IReadOnlyList<string> MewsOrderIds,
    IReadOnlyList<string> MewsItemIds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? LastError,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? LastRequestId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Attention,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? PostedUtc,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? UndoRequestedUtc,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? ReversedUtc);

/// <summary>One page of the activity log: newest sale first; <see cref="Page"/> counts from 1.</summary>
public sealed record ApiUpsellPage(IReadOnlyList<ApiUpsell> Items, int TotalCount, int Page, int PageSize);

/// <summary>
/// Selling through the API (X-Api-Key): sell an offer of a reservation (idempotent by the <c>Idempotency-Key</c>
/// header), read an upsell, undo it, list a property's upsells. The sale is recorded (Pending) and answered 202 at
/// once; the posting worker puts it into Mews within seconds, and <c>GET /api/upsells/{id}</c> shows how far it got.
/// </summary>
public static class SellingApiEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Set to "true" on the answer to a repeated request (same key, same body): nothing new was done.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Seconds a client should wait before trying again after a 503 (Mews could not be read).</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The problem's <c>code</c> member: what kind of 409 (or 422) it is, for clients that branch on it.</summary>
    public static class Codes
    {
        public const string OfferChanged = "offer-changed";
        public const string AlreadySold = "already-sold";
        public const string NotUndoable = "not-undoable";
        public const string SetupIncomplete = "setup-incomplete";
        public const string KeyReused = "idempotency-key-reused";
    }

    public static IEndpointRouteBuilder MapSellingApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiGroup();
        api.MapPost("/properties/{propertyCode}/reservations/{reservationId}/upsells", SellAsync)
            .WithName("SellUpsell").WithTags("Selling").RequireApiScope(ApiScopes.Sell)
            .WithSummary("Sell one of the reservation's offers (offerId from the offers endpoint); header Idempotency-Key required")
            .WithDescription("The offer is checked against Mews again; if it still stands the upsell is recorded (Pending) and posted to Mews "
                + "in the background: 202 with Location /api/upsells/{upsellId}. The same Idempotency-Key with the same body again → 200 with the "
                + "same upsell (header Idempotent-Replayed: true), nothing is posted twice; with another body → 422. The offer changed → 409 "
                + "with currentOffers (the offers endpoint's shape). Mews unreachable → 503 with Retry-After; nothing was recorded.")
            .Accepts<ApiSaleRequest>("application/json")
            .Produces<ApiUpsell>(StatusCodes.Status202Accepted)
            .Produces<ApiUpsell>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/upsells/{upsellId}", GetAsync)
            .WithName("GetUpsell").WithTags("Selling").RequireApiScope(ApiScopes.Read)
            .WithSummary("One upsell: its status (Pending, Posted, Rejected, Reversed), nights, total, the Mews order ids and the last error")
            .Produces<ApiUpsell>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/upsells/{upsellId}", UndoAsync)
            .WithName("UndoUpsell").WithTags("Selling").RequireApiScope(ApiScopes.Sell)
            .WithSummary("Undo a Posted upsell until the guest checks in: the room type is restored and its lines cancelled in Mews (202, queued)")
            .Produces<ApiUpsell>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/properties/{propertyCode}/upsells", ListAsync)
            .WithName("ListUpsells").WithTags("Selling").RequireApiScope(ApiScopes.Read)
            .WithSummary("The property's upsells sold in [from, to] (property-local dates, both optional), newest first, one page "
                + $"(page from 1, pageSize at most {MaxPageSize}, default {DefaultPageSize}); optional status and reservationId")
            .Produces<ApiUpsellPage>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> SellAsync(string propertyCode, string reservationId, HttpContext http,
        IDbContextFactory<AppDbContext> dbFactory, ISellingService selling, CancellationToken ct)
    {
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (string.IsNullOrWhiteSpace(key))
        {
            return BadRequest($"Send an {IdempotencyKeyHeader} header (1 to {UpsellSale.IdempotencyKeyMaxLength} characters, e.g. a new GUID per sale): "
                + "it makes a retry safe — the same key and body again answer with the same upsell, never a second one.");
        }
        if (key.Length > UpsellSale.IdempotencyKeyMaxLength)
        {
            return BadRequest($"{IdempotencyKeyHeader} has at most {UpsellSale.IdempotencyKeyMaxLength} characters (this one has {key.Length}).");
        }

        ApiSaleRequest? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<ApiSaleRequest>(RuleApiEndpoints.Json, ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return BadRequest($"The body is not a sale request {{ \"offerId\": \"...\", \"note\": \"...\" }}: {e.Message}");
        }
        if (body is null || string.IsNullOrWhiteSpace(body.OfferId))
        {
            return BadRequest("offerId is missing: take it from GET /api/properties/{propertyCode}/reservations/{reservationId}/offers.",
                "offerId", "The offerId field is required.");
        }
        if (body.OfferId.Length > SellingService.OfferIdMaxLength)
        {
            return BadRequest($"An offerId has at most {SellingService.OfferIdMaxLength} characters.", "offerId",
                $"At most {SellingService.OfferIdMaxLength} characters.");
        }
        if (body.Note is { Length: > UpsellSale.NoteMaxLength })
        {
            return BadRequest($"A note has at most {UpsellSale.NoteMaxLength} characters (this one has {body.Note.Length}).", "note",
                $"At most {UpsellSale.NoteMaxLength} characters.");
        }

        var property = await DeskApiEndpoints.PropertyAsync(dbFactory, http.User, propertyCode, ct);
        if (property is null)
        {
            return NotFound($"Unknown property code: {propertyCode}.");
        }
        if (!Guid.TryParse(reservationId, CultureInfo.InvariantCulture, out var id))
        {
            return NotFound($"Unknown reservation: {reservationId} (a Mews reservation id is a GUID).");
        }

        var result = await selling.SellAsync(new SaleRequest(property.Value.Id, id.ToString(), body.OfferId.Trim(), body.Note, SaleChannel.Api, key), ct);
        switch (result.Kind)
        {
            case SaleResultKind.Accepted:
                return Upsell(http, result.Sale!, StatusCodes.Status202Accepted);
            case SaleResultKind.Replayed:
                http.Response.Headers[ReplayedHeader] = "true";
                return Upsell(http, result.Sale!, StatusCodes.Status200OK);
            case SaleResultKind.OfferChanged:
                return Conflict(result.Message, Codes.OfferChanged,
                    result.CurrentOffers is { } offers ? new() { ["currentOffers"] = Member(DeskApiEndpoints.ToApi(offers)) } : null);
            case SaleResultKind.Conflict:
                return Conflict(result.Message, Codes.AlreadySold);
            case SaleResultKind.Invalid:
                // The request itself was checked above: what is left is the property's set-up (no upgrade accounting
                // category, a room type not linked to Mews, ...). The same request succeeds once an administrator fixes
                // it, so it is a conflict with the server's state, not a bad request.
                return Conflict(result.Message, Codes.SetupIncomplete);
            case SaleResultKind.KeyReused:
                return TypedResults.Problem(result.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                    extensions: new Dictionary<string, object?> { ["code"] = Codes.KeyReused });
            case SaleResultKind.MewsUnavailable:
                return Unavailable(http, result.Message);
            default:
                return Failure(result);
        }
    }

    private static async Task<IResult> GetAsync(string upsellId, HttpContext http, ISellingService selling, CancellationToken ct)
    {
        if (!Guid.TryParse(upsellId, CultureInfo.InvariantCulture, out var id) || await selling.GetAsync(id, ct) is not { } sale)
        {
            return NotFound($"Unknown upsell: {upsellId}.");
        }
        return Upsell(http, sale, StatusCodes.Status200OK, location: false);
    }

    private static async Task<IResult> UndoAsync(string upsellId, HttpContext http, ISellingService selling, CancellationToken ct)
    {
        if (!Guid.TryParse(upsellId, CultureInfo.InvariantCulture, out var id))
        {
            return NotFound($"Unknown upsell: {upsellId}.");
        }
        var result = await selling.UndoAsync(id, ct);
        return result.Kind switch
        {
            SaleResultKind.Accepted => Upsell(http, result.Sale!, StatusCodes.Status202Accepted),
            SaleResultKind.Conflict => Conflict(result.Message, Codes.NotUndoable,
                result.Sale is { } sale ? new() { ["upsell"] = Member(ToApi(sale)) } : null),
            SaleResultKind.MewsUnavailable => Unavailable(http, result.Message),
            _ => Failure(result),
        };
    }

    private static async Task<IResult> ListAsync(string propertyCode, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? page,
        [FromQuery] string? pageSize, [FromQuery] string? status, [FromQuery] string? reservationId,
        ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, ISellingService selling, CancellationToken ct)
    {
        var property = await DeskApiEndpoints.PropertyAsync(dbFactory, user, propertyCode, ct);
        if (property is null)
        {
            return NotFound($"Unknown property code: {propertyCode}.");
        }
        if (!TryDate(from, out var fromDate) || !TryDate(to, out var toDate))
        {
            return BadRequest("from and to are dates as yyyy-MM-dd (both optional; the days the upsells were sold, in the property's time zone).");
        }
        if (fromDate is { } f && toDate is { } t && f > t)
        {
            return BadRequest($"from ({f:yyyy-MM-dd}) is after to ({t:yyyy-MM-dd}).");
        }
        if (!TryInt(page, 1, out var pageNumber) || pageNumber < 1)
        {
            return BadRequest("page counts from 1.", "page", "A whole number, at least 1.");
        }
        if (!TryInt(pageSize, DefaultPageSize, out var size) || size < 1 || size > MaxPageSize)
        {
            return BadRequest($"pageSize is 1 to {MaxPageSize} (default {DefaultPageSize}).", "pageSize", $"A whole number from 1 to {MaxPageSize}.");
        }
        UpsellStatus? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<UpsellStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return BadRequest($"status is one of {string.Join(", ", Enum.GetNames<UpsellStatus>())}.", "status", "Unknown status.");
            }
            statusFilter = parsed;
        }

        var rows = await selling.ListAsync(new UpsellActivityFilter(property.Value.Id, fromDate, toDate, Status: statusFilter,
            ReservationId: string.IsNullOrWhiteSpace(reservationId) ? null : reservationId.Trim()), new PageRequest(pageNumber - 1, size), ct);
        return TypedResults.Json(new ApiUpsellPage(rows.Items.Select(ToApi).ToList(), rows.TotalItems, pageNumber, size), RuleApiEndpoints.Json);
    }

    public static ApiUpsell ToApi(UpsellSaleView s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new ApiUpsell(s.UpsellId, s.Status, s.Kind, s.PropertyCode, s.ReservationId, s.ReservationNumber, s.GuestName,
            s.FromRoomType, s.ToRoomType, s.ProductId, s.ProductName, s.RuleCode,
            s.Nights.Select(n => new ApiUpsellNight(n.Date, n.UpsellAmount)).ToList(), s.TotalAmount, s.CurrencyCode,
            s.Channel, s.AgentName, s.SoldUtc, s.Note, s.Attempts, s.MewsOrderIds.Distinct(StringComparer.Ordinal).ToList(), s.MewsItemIds,
            s.LastError, s.LastRequestId, s.Attention, s.PostedUtc, s.UndoRequestedUtc, s.ReversedUtc);
    }

    /// <summary>The upsell as JSON with the given status; Location names it (GET /api/upsells/{id}).</summary>
    private static IResult Upsell(HttpContext http, UpsellSaleView sale, int status, bool location = true)
    {
        if (location)
        {
            http.Response.Headers.Location = $"/api/upsells/{sale.UpsellId:D}";
        }
        return TypedResults.Json(ToApi(sale), RuleApiEndpoints.Json, statusCode: status);
    }

    /// <summary>A problem's extension member written as the API writes it (the problem writer has the app's own JSON options).</summary>
    private static JsonElement Member<T>(T value) => JsonSerializer.SerializeToElement(value, RuleApiEndpoints.Json);

    private static IResult Unavailable(HttpContext http, string message)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Mews unavailable");
    }

    private static IResult Failure(SaleResult result) => result.Kind switch
    {
        SaleResultKind.NotFound => NotFound(result.Message),
        SaleResultKind.Forbidden => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"),
        SaleResultKind.Invalid => Conflict(result.Message, Codes.SetupIncomplete),
        _ => Conflict(result.Message, Codes.NotUndoable),
    };

    private static IResult Conflict(string detail, string code, Dictionary<string, object?>? extensions = null)
    {
        extensions ??= [];
        extensions["code"] = code;
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict", extensions: extensions);
    }

    private static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found");

    private static IResult BadRequest(string detail, string? field = null, string? error = null) =>
        field is null
            ? TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad Request")
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error ?? detail] }, detail, title: "Bad Request");

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }
        date = parsed;
        return true;
    }

    private static bool TryInt(string? text, int fallback, out int value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
