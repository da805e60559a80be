using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>
/// The Upsell Desk API (issue 12) through the real app in demo mode: enterprise A's arrivals of the day from the
/// in-process Connector API simulator with their offer counts, one reservation's offers, and the error answers.
/// </summary>
public sealed partial class DeskApiTests(DeskApiFactory factory) : IClassFixture<DeskApiFactory>
{
    private static readonly string[] ReservationFields =
        ["reservationId", "number", "guestName", "arrivalDate", "departureDate", "roomType", "rateCode", "state", "offerCount"];

    private static readonly string[] OffersFields = ["reservationId", "currencyCode", "offers", "message"];

    private static readonly string[] OfferFields = ["offerId", "kind", "toRoomType", "productId", "ruleCode", "nights", "totalAmount"];

    private static readonly string[] NightFields = ["date", "originalRate", "upsellRate", "upsellAmount", "freeRooms"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Today => Date(factory.Today);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex OfferIdFormat();

    private async Task<string> ReservationsUrlAsync(string query) =>
        $"/api/properties/{await factory.PropertyCodeAsync(Ct)}/reservations{query}";

    private async Task<string> OffersUrlAsync(string reservationId) =>
        $"/api/properties/{await factory.PropertyCodeAsync(Ct)}/reservations/{Uri.EscapeDataString(reservationId)}/offers";

    private async Task<(HttpStatusCode Status, string? MediaType, JsonElement Json)> GetAsync(string url, string? key = DeskApiFactory.Key)
    {
        using var client = factory.CreateApiClient(key);
        using var response = await client.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var json = body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, json);
    }

    private async Task<JsonElement> OkAsync(string url)
    {
        var (status, mediaType, json) = await GetAsync(url);
        Assert.True(status == HttpStatusCode.OK, $"{url} answered {status}: {json}");
        Assert.Equal("application/json", mediaType);
        return json;
    }

    private async Task<List<JsonElement>> TodaysArrivalsAsync() =>
        [.. (await OkAsync(await ReservationsUrlAsync($"?arrivalFrom={Today}&arrivalTo={Today}"))).EnumerateArray()];

    private static void AssertProblem((HttpStatusCode Status, string? MediaType, JsonElement Json) answer, HttpStatusCode expected, params string[] detailContains)
    {
        Assert.True(answer.Status == expected, $"expected {expected}, got {answer.Status}: {answer.Json}");
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal((int)expected, answer.Json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(answer.Json.GetProperty("title").GetString()));
        var detail = answer.Json.GetProperty("detail").GetString() ?? "";
        foreach (var part in detailContains)
        {
            Assert.Contains(part, detail, StringComparison.Ordinal);
        }
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    // ---- GET /api/properties/{code}/reservations ----

    [Fact]
    public async Task ListReservations_TodaysArrivals_ReturnsTheDeskRowsInTheApiShape()
    {
        var rows = await TodaysArrivalsAsync();

        Assert.True(rows.Count >= 16, $"expected the desk's 16 arrivals (nos. 500–515), got {rows.Count}");
        Assert.All(rows, row =>
        {
            Assert.Equal(ReservationFields, Names(row));
            Assert.True(Guid.TryParse(row.GetProperty("reservationId").GetString(), CultureInfo.InvariantCulture, out _));
            Assert.False(string.IsNullOrWhiteSpace(row.GetProperty("number").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(row.GetProperty("guestName").GetString()));
            Assert.Equal(Today, row.GetProperty("arrivalDate").GetString());
            var departure = row.GetProperty("departureDate").GetString()!;
            Assert.Matches(IsoDate(), departure);
            Assert.True(string.CompareOrdinal(departure, Today) > 0, $"departure {departure} is not after arrival {Today}");
            Assert.False(string.IsNullOrWhiteSpace(row.GetProperty("roomType").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(row.GetProperty("rateCode").GetString()));
            Assert.True(row.GetProperty("offerCount").GetInt32() >= 0);
        });
        Assert.Contains(rows, r => r.GetProperty("offerCount").GetInt32() > 0);
        Assert.Contains(rows, r => r.GetProperty("state").GetString() == "Confirmed");
        Assert.Contains(rows, r => r.GetProperty("state").GetString() == "Started");
        Assert.Contains(rows, r => r.GetProperty("state").GetString() == "Optional");
    }

    [Fact]
    public async Task ListReservations_TodaysArrivals_ListTheCanceledOneWithNoOffers()
    {
        var rows = await TodaysArrivalsAsync();

        var canceled = rows.Where(r => r.GetProperty("state").GetString() == "Canceled").ToList();
        Assert.NotEmpty(canceled);
        Assert.All(canceled, r => Assert.Equal(0, r.GetProperty("offerCount").GetInt32()));
    }

    [Fact]
    public async Task ListReservations_NoDates_DefaultsToTodaysArrivals()
    {
        var explicitDates = await TodaysArrivalsAsync();

        var defaulted = (await OkAsync(await ReservationsUrlAsync(""))).EnumerateArray().ToList();

        Assert.Equal(explicitDates.Select(r => r.GetProperty("reservationId").GetString()).Order(StringComparer.Ordinal),
            defaulted.Select(r => r.GetProperty("reservationId").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListReservations_InHouse_ReturnsOnlyStartedReservations()
    {
        var rows = (await OkAsync(await ReservationsUrlAsync("?inHouse=true"))).EnumerateArray().ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.Equal(ReservationFields, Names(r));
            Assert.Equal("Started", r.GetProperty("state").GetString());
            Assert.True(string.CompareOrdinal(r.GetProperty("arrivalDate").GetString(), Today) <= 0);
            Assert.True(string.CompareOrdinal(r.GetProperty("departureDate").GetString(), Today) >= 0);
        });
    }

    [Fact]
    public async Task ListReservations_FourteenDays_Returns200()
    {
        var rows = (await OkAsync(await ReservationsUrlAsync($"?arrivalFrom={Today}&arrivalTo={Date(factory.Today.AddDays(13))}"))).EnumerateArray().ToList();

        Assert.True(rows.Count >= 16, $"14 days from today hold at least today's 16 arrivals, got {rows.Count}");
        Assert.All(rows, r =>
        {
            var arrival = r.GetProperty("arrivalDate").GetString()!;
            Assert.True(string.CompareOrdinal(arrival, Today) >= 0, arrival);
            Assert.True(string.CompareOrdinal(arrival, Date(factory.Today.AddDays(13))) <= 0, arrival);
        });
    }

    [Fact]
    public async Task ListReservations_FifteenDays_Returns400Problem()
    {
        var to = Date(factory.Today.AddDays(14));

        var answer = await GetAsync(await ReservationsUrlAsync($"?arrivalFrom={Today}&arrivalTo={to}"));

        AssertProblem(answer, HttpStatusCode.BadRequest, "14", Today, to);
    }

    [Fact]
    public async Task ListReservations_ToBeforeFrom_Returns400Problem()
    {
        var to = Date(factory.Today.AddDays(-1));

        var answer = await GetAsync(await ReservationsUrlAsync($"?arrivalFrom={Today}&arrivalTo={to}"));

        AssertProblem(answer, HttpStatusCode.BadRequest, Today, to);
    }

    [Theory]
    [InlineData("?arrivalFrom=2026-13-01")]
    [InlineData("?arrivalFrom=22.11.2026")]
    [InlineData("?arrivalFrom=2026-11-22&arrivalTo=tomorrow")]
    [InlineData("?arrivalTo=2026-11-22T00:00:00")]
    public async Task ListReservations_MalformedDate_Returns400Problem(string query)
    {
        var answer = await GetAsync(await ReservationsUrlAsync(query));

        AssertProblem(answer, HttpStatusCode.BadRequest, "yyyy-MM-dd");
    }

    [Fact]
    public async Task ListReservations_UnknownProperty_Returns404NamingTheCode()
    {
        var answer = await GetAsync($"/api/properties/NOSUCHHOTEL/reservations?arrivalFrom={Today}&arrivalTo={Today}");

        AssertProblem(answer, HttpStatusCode.NotFound, "NOSUCHHOTEL");
    }

    [Fact]
    public async Task ListReservations_NoApiKey_Returns401Problem()
    {
        var answer = await GetAsync(await ReservationsUrlAsync(""), key: null);

        AssertProblem(answer, HttpStatusCode.Unauthorized, "X-Api-Key");
    }

    [Fact]
    public async Task ListReservations_WrongApiKey_Returns401Problem()
    {
        var answer = await GetAsync(await ReservationsUrlAsync(""), key: "not-a-key");

        AssertProblem(answer, HttpStatusCode.Unauthorized, "X-Api-Key");
    }

    // ---- GET /api/properties/{code}/reservations/{id}/offers ----

    [Fact]
    public async Task ListReservationOffers_ReservationWithOffers_ReturnsNightsAndTotals()
    {
        var row = (await TodaysArrivalsAsync()).First(r => r.GetProperty("offerCount").GetInt32() > 0);
        var reservationId = row.GetProperty("reservationId").GetString()!;
        var arrival = DateOnly.ParseExact(row.GetProperty("arrivalDate").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var departure = DateOnly.ParseExact(row.GetProperty("departureDate").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        var json = await OkAsync(await OffersUrlAsync(reservationId));

        Assert.Subset(OffersFields.ToHashSet(StringComparer.Ordinal), Names(json).ToHashSet(StringComparer.Ordinal));
        Assert.Equal(reservationId, json.GetProperty("reservationId").GetString());
        Assert.Equal("GBP", json.GetProperty("currencyCode").GetString());
        var offers = json.GetProperty("offers").EnumerateArray().ToList();
        Assert.Equal(row.GetProperty("offerCount").GetInt32(), offers.Count);
        var expectedNights = Enumerable.Range(0, departure.DayNumber - arrival.DayNumber).Select(i => Date(arrival.AddDays(i))).ToList();
        Assert.All(offers, offer =>
        {
            Assert.Subset(OfferFields.ToHashSet(StringComparer.Ordinal), Names(offer).ToHashSet(StringComparer.Ordinal));
            Assert.Matches(OfferIdFormat(), offer.GetProperty("offerId").GetString());
            Assert.Equal("RoomUpgrade", offer.GetProperty("kind").GetString());
            Assert.NotEqual(row.GetProperty("roomType").GetString(), offer.GetProperty("toRoomType").GetString());
            Assert.False(string.IsNullOrWhiteSpace(offer.GetProperty("toRoomType").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(offer.GetProperty("ruleCode").GetString()));
            if (offer.TryGetProperty("productId", out var productId))
            {
                Assert.Equal(JsonValueKind.Null, productId.ValueKind); // a room upgrade sells no product
            }

            var nights = offer.GetProperty("nights").EnumerateArray().ToList();
            Assert.Equal(expectedNights, nights.Select(n => n.GetProperty("date").GetString()));
            Assert.All(nights, n =>
            {
                Assert.Subset(NightFields.ToHashSet(StringComparer.Ordinal), Names(n).ToHashSet(StringComparer.Ordinal));
                var original = n.GetProperty("originalRate").GetDecimal();
                var upsell = n.GetProperty("upsellRate").GetDecimal();
                var amount = n.GetProperty("upsellAmount").GetDecimal();
                Assert.True(original > 0, $"original rate {original}");
                Assert.Equal(upsell - original, amount);
                if (n.TryGetProperty("freeRooms", out var free))
                {
                    Assert.True(free.GetInt32() >= 0);
                }
            });
            Assert.Equal(nights.Sum(n => n.GetProperty("upsellAmount").GetDecimal()), offer.GetProperty("totalAmount").GetDecimal());
            Assert.True(offer.GetProperty("totalAmount").GetDecimal() > 0);
        });
        Assert.Equal(offers.Count, offers.Select(o => o.GetProperty("offerId").GetString()).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task ListReservationOffers_SecondCall_ReturnsTheSameOfferIds()
    {
        var reservationId = (await TodaysArrivalsAsync()).First(r => r.GetProperty("offerCount").GetInt32() > 0).GetProperty("reservationId").GetString()!;
        var url = await OffersUrlAsync(reservationId);

        var first = (await OkAsync(url)).GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("offerId").GetString()).ToList();
        var second = (await OkAsync(url)).GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("offerId").GetString()).ToList();

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task ListReservationOffers_UpperCaseId_IsTheSameReservation()
    {
        var reservationId = (await TodaysArrivalsAsync()).First(r => r.GetProperty("offerCount").GetInt32() > 0).GetProperty("reservationId").GetString()!;

        var lower = await OkAsync(await OffersUrlAsync(reservationId));
        var upper = await OkAsync(await OffersUrlAsync(reservationId.ToUpperInvariant()));

        Assert.Equal(reservationId, upper.GetProperty("reservationId").GetString());
        Assert.Equal(lower.GetProperty("offers").GetArrayLength(), upper.GetProperty("offers").GetArrayLength());
    }

    [Theory]
    [InlineData("?arrivalFrom=9999-12-31&arrivalTo=9999-12-31")]
    [InlineData("?arrivalFrom=0001-01-01&arrivalTo=0001-01-01")]
    public async Task ListReservations_DateFarFromToday_Returns400Problem(string query) =>
        AssertProblem(await GetAsync(await ReservationsUrlAsync(query)), HttpStatusCode.BadRequest, "within 366 days of today");

    [Fact]
    public async Task ListReservationOffers_CanceledReservation_ReturnsNoOffersAndSaysWhy()
    {
        var reservationId = (await TodaysArrivalsAsync()).First(r => r.GetProperty("state").GetString() == "Canceled").GetProperty("reservationId").GetString()!;

        var json = await OkAsync(await OffersUrlAsync(reservationId));

        Assert.Equal(reservationId, json.GetProperty("reservationId").GetString());
        Assert.Equal(0, json.GetProperty("offers").GetArrayLength());
        Assert.Contains("canceled", json.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ListReservationOffers_UnknownReservationGuid_Returns404NamingIt()
    {
        var reservationId = Guid.NewGuid().ToString();

        var answer = await GetAsync(await OffersUrlAsync(reservationId));

        AssertProblem(answer, HttpStatusCode.NotFound, reservationId);
    }

    [Fact]
    public async Task ListReservationOffers_NotAGuid_Returns404NamingIt()
    {
        var answer = await GetAsync(await OffersUrlAsync("R-12345"));

        AssertProblem(answer, HttpStatusCode.NotFound, "R-12345");
    }

    [Fact]
    public async Task ListReservationOffers_UnknownProperty_Returns404NamingTheCode()
    {
        var answer = await GetAsync($"/api/properties/NOSUCHHOTEL/reservations/{Guid.NewGuid()}/offers");

        AssertProblem(answer, HttpStatusCode.NotFound, "NOSUCHHOTEL");
    }

    [Fact]
    public async Task ListReservationOffers_NoApiKey_Returns401Problem()
    {
        var answer = await GetAsync(await OffersUrlAsync(Guid.NewGuid().ToString()), key: null);

        AssertProblem(answer, HttpStatusCode.Unauthorized, "X-Api-Key");
    }
}

/// <summary>
/// The desk API when Mews fails: every reservations/getAll answers 500 (after the start-up sync, which does not read
/// reservations), the gateway gives up after its one quick retry, and the API answers 503 with Mews' message and
/// RequestId, never 500.
/// </summary>
public sealed class DeskApiMewsFailureTests(FailingMewsDeskApiFactory factory) : IClassFixture<FailingMewsDeskApiFactory>
{
    private const string InjectedMessage = "Internal server error (injected by the simulator).";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, string? MediaType, JsonElement Json)> GetAsync(string url)
    {
        using var client = factory.CreateApiClient();
        using var response = await client.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone());
    }

    private static void AssertMewsUnavailable((HttpStatusCode Status, string? MediaType, JsonElement Json) answer)
    {
        Assert.True(answer.Status == HttpStatusCode.ServiceUnavailable, $"expected 503, got {answer.Status}: {answer.Json}");
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(503, answer.Json.GetProperty("status").GetInt32());
        Assert.Contains(InjectedMessage, answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(answer.Json.GetProperty("mewsRequestId").GetString()));
    }

    [Fact]
    public async Task ListReservations_MewsFails_Returns503WithMewsMessageAndRequestId()
    {
        var code = await factory.PropertyCodeAsync(Ct);
        var today = factory.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var answer = await GetAsync($"/api/properties/{code}/reservations?arrivalFrom={today}&arrivalTo={today}");

        AssertMewsUnavailable(answer);
    }

    [Fact]
    public async Task ListReservationOffers_MewsFails_Returns503WithMewsMessageAndRequestId()
    {
        var code = await factory.PropertyCodeAsync(Ct);

        var answer = await GetAsync($"/api/properties/{code}/reservations/{Guid.NewGuid()}/offers");

        AssertMewsUnavailable(answer);
    }
}

/// <summary>The desk API when Mews cannot be read at all (the connection drops): 503, never 500, and no RequestId to quote.</summary>
public sealed class DeskApiMewsUnreachableTests(DroppingMewsDeskApiFactory factory) : IClassFixture<DroppingMewsDeskApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListReservations_MewsDropsTheConnection_Returns503Problem()
    {
        var code = await factory.PropertyCodeAsync(Ct);
        var today = factory.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var client = factory.CreateApiClient();

        using var response = await client.GetAsync($"/api/properties/{code}/reservations?arrivalFrom={today}&arrivalTo={today}", Ct);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"expected 503, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Contains("Mews", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(!json.TryGetProperty("mewsRequestId", out var requestId) || requestId.ValueKind == JsonValueKind.Null, body);
    }
}
