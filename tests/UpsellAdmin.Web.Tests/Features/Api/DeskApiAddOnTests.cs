using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.UpsellConfiguration;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>Its own app (its own database): the add-on catalogue changes what the offers API returns.</summary>
public sealed class AddOnDeskApiFactory : DeskApiFactory;

/// <summary>Add-ons through the offers API: kind AddOn, the Mews product id, no room type, rule or nights, the total.</summary>
public sealed class DeskApiAddOnTests(AddOnDeskApiFactory factory) : IClassFixture<AddOnDeskApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListReservationOffers_CatalogueAddOn_IsAnAddOnOfferWithTheProductAndTotal()
    {
        var code = await factory.PropertyCodeAsync(Ct);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        {
            var property = await db.Properties.SingleAsync(p => p.Code == code, Ct);
            var parking = await db.Products.SingleAsync(p => p.PropertyId == property.Id && p.MewsId == DemoIds.ParkingProductA, Ct);
            db.AddOnCatalogue.Add(new AddOnCatalogueItem
            {
                PropertyId = property.Id, ProductId = parking.Id, DisplayName = "Parking", PriceOverride = 10.5m,
                AccountingCategoryId = parking.AccountingCategoryId, DisplaySequence = 1,
            });
            await db.SaveChangesAsync(Ct);
        }
        using var client = factory.CreateApiClient();
        var today = factory.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var rows = JsonDocument.Parse(await client.GetStringAsync($"/api/properties/{code}/reservations?arrivalFrom={today}&arrivalTo={today}", Ct)).RootElement;
        var row = rows.EnumerateArray().First(r => r.GetProperty("state").GetString() == "Confirmed");
        var reservationId = row.GetProperty("reservationId").GetString()!;
        var nights = DateOnly.Parse(row.GetProperty("departureDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayNumber
            - DateOnly.Parse(row.GetProperty("arrivalDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayNumber;

        using var response = await client.GetAsync($"/api/properties/{code}/reservations/{reservationId}/offers", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var offers = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("offers").EnumerateArray().ToList();
        var addOn = Assert.Single(offers, o => o.GetProperty("kind").GetString() == "AddOn");
        Assert.Equal(DemoIds.ParkingProductA.ToString(), addOn.GetProperty("productId").GetString());
        Assert.Equal(JsonValueKind.Null, addOn.GetProperty("toRoomType").ValueKind);
        Assert.Equal(JsonValueKind.Null, addOn.GetProperty("ruleCode").ValueKind);
        Assert.Equal(0, addOn.GetProperty("nights").GetArrayLength());
        Assert.Equal(10.5m * nights, addOn.GetProperty("totalAmount").GetDecimal()); // parking is charged per night
        Assert.Matches("^[0-9a-f]{32}$", addOn.GetProperty("offerId").GetString());
        Assert.Equal(row.GetProperty("offerCount").GetInt32(), offers.Count); // the list's count includes add-ons
    }
}
