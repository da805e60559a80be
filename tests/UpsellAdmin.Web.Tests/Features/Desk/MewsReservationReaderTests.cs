using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Tests.Features.Sync;

namespace UpsellAdmin.Web.Tests.Features.Desk;

/// <summary>The desk's Mews read against the Connector API simulator (over HTTP on 127.0.0.1), after a real sync.</summary>
public sealed class MewsReservationReaderTests : IAsyncLifetime
{
    private SyncHarness _harness = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _harness = await SyncHarness.StartAsync(new Dictionary<string, string?> { ["Sync:PriceDays"] = "30" }, Ct);
        await _harness.SyncAsync(Ct);
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private MewsReservationReader Reader => new(_harness.Gateway, _harness.Db, new MemoryCache(new MemoryCacheOptions()), Options.Create(new ConnectorOptions()), TimeProvider.System);

    private async Task<Property> PropertyOfAsync(Guid enterpriseId)
    {
        await using var db = await _harness.Db.CreateDbContextAsync(Ct);
        return await db.Properties.AsNoTracking().SingleAsync(p => p.MewsEnterpriseId == enterpriseId, Ct);
    }

    private static DateOnly TodayIn(Property property) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(property.TimeZone)).DateTime);

    [Fact]
    public async Task ReadAsync_TodaysArrivals_GuestNamesCodesAndNightlyRatesFromMews_InAHandfulOfRequests()
    {
        var scenario = _harness.Simulator.Store.FullNight!;
        var property = await PropertyOfAsync(scenario.EnterpriseId);
        var today = TodayIn(property);

        var read = await Reader.ReadAsync(property, DeskWindow.Arrivals(today), Ct);

        Assert.InRange(read.Reservations.Count, 10, 40);
        Assert.All(read.Reservations, r => Assert.Equal(today, r.Arrival));
        // One each, whatever the number of arrivals: configuration, reservations, customers, memberships, order items,
        // and for today's arrivals the rooms, their room types and the in-house guests' rooms (room status). No rule of
        // this database is limited to channels, so the source assignments are not read.
        Assert.InRange(read.MewsRequests, 6, 8);
        Assert.Equal(0, _harness.Simulator.Statistics.RequestsFor("sourceAssignments/getAll/2024-09-20"));
        Assert.All(read.Reservations, r => Assert.Null(r.Channel));

        var full = Assert.Single(read.Reservations, r => r.ReservationId == scenario.ReservationId.ToString());
        var customer = Assert.Single(await _harness.Gateway.GetCustomersAsync(new CustomerFilter
        {
            ChainIds = [property.MewsChainId!.Value.ToString()],
            CustomerIds = [scenario.CustomerId.ToString()],
        }, Ct).ToListAsync(Ct));
        Assert.Equal($"{customer.FirstName} {customer.LastName}", full.GuestName);
        Assert.Equal(3, full.NightCount);
        Assert.True(full.HasMewsRates);

        await using var db = await _harness.Db.CreateDbContextAsync(Ct);
        var roomType = await db.RoomTypes.SingleAsync(t => t.PropertyId == property.Id && t.MewsId == scenario.FromCategoryId, Ct);
        Assert.Equal(roomType.Code, full.RoomType);
        var rateId = await db.RateCodes.Where(r => r.PropertyId == property.Id && r.Code == full.RateCode).Select(r => r.Id).SingleAsync(Ct);
        foreach (var night in full.Nights)
        {
            // What the guest pays per night in Mews equals the synced price of the reservation's rate and room type.
            var synced = await db.NightlyPrices
                .Where(p => p.PropertyId == property.Id && p.RateCodeId == rateId && p.RoomTypeId == roomType.Id && p.Date == night.Date)
                .Select(p => p.Amount).SingleAsync(Ct);
            Assert.Equal(synced, night.OriginalRate);
        }

        Assert.Contains(read.Reservations, r => r.MembershipType is not null);
        Assert.Contains(read.Reservations, r => r.MembershipType is null);
        Assert.Contains(read.Reservations, r => r.State == ReservationState.Canceled && r.NotOfferableReason == "The reservation is canceled.");
    }

    [Fact]
    public async Task ReadAsync_InHouse_OnlyStartedStaysThatIncludeToday()
    {
        var property = await PropertyOfAsync(_harness.Simulator.Store.FullNight!.EnterpriseId);
        var today = TodayIn(property);

        var read = await Reader.ReadAsync(property, DeskWindow.InHouseOn(today), Ct);

        Assert.NotEmpty(read.Reservations);
        Assert.All(read.Reservations, r =>
        {
            Assert.Equal(ReservationState.Started, r.State);
            Assert.InRange(today, r.Arrival, r.Departure);
        });
    }

    [Theory]
    [InlineData("2027-03-01", "2027-03-15", "at most 14 days")]
    [InlineData("2027-03-02", "2027-03-01", "before it starts")]
    public async Task ReadAsync_BadWindow_RefusedWithTheReason(string from, string to, string expected)
    {
        var property = await PropertyOfAsync(_harness.Simulator.Store.FullNight!.EnterpriseId);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Reader.ReadAsync(property, new DeskWindow(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), Ct));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
