using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.ReferenceData;

public sealed class ReferenceDataServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = null!;
    private TestData.Ids _ids = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync();
        _ids = await TestData.SeedAsync(_db);
        _db.CurrentUser.User = TestData.FrontDesk;
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task GetLookupsAsync_ReturnsActiveItemsLevelsHierarchyAndCurrencies()
    {
        var lookups = await _db.Get<IReferenceDataService>().GetLookupsAsync(_ids.Tst, TestContext.Current.CancellationToken);

        Assert.Equal(["STDK", "STDQ", "DLXK"], lookups.RoomTypes.Select(r => r.Code)); // SUI is inactive
        Assert.Equal("STD", lookups.RoomTypes[0].RoomClassCode);
        Assert.Equal(["BAR", "BARBB", "CORP"], lookups.RateCodes.Select(r => r.Code));
        Assert.Equal("NEG", lookups.RateCodes[2].RateCategoryCode);
        Assert.Equal(["AIR", "PC01"], lookups.Memberships.Select(m => m.TypeCode));
        Assert.Equal(["GOLD", "PLAT"], lookups.Memberships[1].Levels.Select(l => l.Code));
        Assert.Equal([1, 2, 3], lookups.OccupancyLevels.Select(l => l.Level));
        Assert.Equal(["DLXK"], lookups.Hierarchy["STDK"].Select(t => t.ToRoomType));
        Assert.Equal(["USD", "EUR"], lookups.Currencies);
    }

    [Fact]
    public async Task GetLookupsAsync_PropertyTheUserMayNotSee_Throws()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            _db.Get<IReferenceDataService>().GetLookupsAsync(_ids.Oth, TestContext.Current.CancellationToken));
    }
}
