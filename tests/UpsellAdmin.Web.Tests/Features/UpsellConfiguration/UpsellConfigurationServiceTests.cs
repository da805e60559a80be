using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.UpsellConfiguration;

public sealed class UpsellConfigurationServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = null!;
    private TestData.Ids _ids = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync();
        _ids = await TestData.SeedAsync(_db);
        _db.CurrentUser.User = TestData.Revenue;
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private IUpsellConfigurationService Service => _db.Get<IUpsellConfigurationService>();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OccupancyLevelModel Level(int level, decimal from, decimal to, string description = "Band") =>
        new() { Level = level, Description = description, FromPercent = from, ToPercent = to };

    [Fact]
    public async Task GetAsync_NothingSaved_ReturnsDefaultsWithTheLevelsAndHierarchy()
    {
        var model = await Service.GetAsync(_ids.Tst, Ct);

        Assert.NotNull(model);
        Assert.Equal(Guid.Empty, model.Version);
        Assert.Equal(RoomStatus.Clean, model.UpsellRoomStatus);
        Assert.Null(model.MaximumLengthOfStay);
        Assert.Equal(3, model.OccupancyLevels.Count);
        var line = Assert.Single(model.Hierarchy);
        Assert.Equal(("STDK", "DLXK", 1), (line.FromRoomType, line.ToRoomType, line.DisplaySequence));
    }

    [Fact]
    public async Task GetAsync_PropertyTheUserMayNotSee_ReturnsNull()
    {
        Assert.Null(await Service.GetAsync(_ids.Oth, Ct));
    }

    [Fact]
    public async Task SaveAsync_SettingsLevelsAndHierarchy_AreSavedTogether()
    {
        var model = (await Service.GetAsync(_ids.Tst, Ct))!;
        model.UpsellRoomStatus = RoomStatus.Inspected;
        model.MaximumLengthOfStay = 14;
        model.MaximumNumberOfOffers = 3;
        model.SortOffersBy = OfferSortOrder.UpsellAmountDescending;
        model.OccupancyLevels = [Level(1, 0, 40, "Low"), Level(2, 40, 70, "Mid"), Level(3, 70, 90, "High"), Level(4, 90, 100, "Peak")];
        model.Hierarchy = [new() { FromRoomType = "STDK", ToRoomType = "DLXK", DisplaySequence = 2 }, new() { FromRoomType = "STDK", ToRoomType = "STDQ", DisplaySequence = 1 }];

        var result = await Service.SaveAsync(model, Ct);

        Assert.Equal(SaveStatus.Saved, result.Status);
        var loaded = (await Service.GetAsync(_ids.Tst, Ct))!;
        Assert.Equal(result.Version, loaded.Version);
        Assert.Equal((RoomStatus.Inspected, 14, 3, OfferSortOrder.UpsellAmountDescending),
            (loaded.UpsellRoomStatus, loaded.MaximumLengthOfStay, loaded.MaximumNumberOfOffers, loaded.SortOffersBy));
        Assert.Equal(["Low", "Mid", "High", "Peak"], loaded.OccupancyLevels.Select(l => l.Description));
        Assert.Equal(["STDQ", "DLXK"], loaded.Hierarchy.Select(h => h.ToRoomType));
    }

    [Fact]
    public async Task SaveAsync_OverlappingLevels_ExplainsTheOverlapAndSavesNothing()
    {
        var model = (await Service.GetAsync(_ids.Tst, Ct))!;
        model.OccupancyLevels = [Level(1, 0, 40), Level(2, 40, 65), Level(3, 60, 100)];

        var result = await Service.SaveAsync(model, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Contains(result.Errors, e => e.Message.StartsWith("Levels 2 and 3 overlap between 60 % and 65 %.", StringComparison.Ordinal));
        Assert.Equal(3, (await Service.GetAsync(_ids.Tst, Ct))!.OccupancyLevels.Count);
    }

    [Fact]
    public async Task SaveAsync_GapAndUncoveredEnds_AreExplained()
    {
        var model = (await Service.GetAsync(_ids.Tst, Ct))!;
        model.OccupancyLevels = [Level(1, 5, 40), Level(2, 45, 90)];

        var result = await Service.SaveAsync(model, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        var messages = result.Errors.Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.StartsWith("Level 1 must start at 0 %", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("There is a gap between levels 1 and 2: occupancy between 40 % and 45 % is not covered.", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Level 2 must end at 100 %", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveAsync_InvalidSettingsAndHierarchy_AreRejected()
    {
        var model = (await Service.GetAsync(_ids.Tst, Ct))!;
        model.MaximumLengthOfStay = 0;
        model.OccupancyLevels[0].Description = new string('x', 21);
        model.Hierarchy = [new() { FromRoomType = "STDK", ToRoomType = "STDK" }, new() { FromRoomType = "STDK", ToRoomType = "NOPE" },
            new() { FromRoomType = "STDQ", ToRoomType = "DLXK" }, new() { FromRoomType = "STDQ", ToRoomType = "DLXK" }];

        var result = await Service.SaveAsync(model, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        var byField = result.Errors.ToLookup(e => e.Field, e => e.Message);
        Assert.NotEmpty(byField["MaximumLengthOfStay"]);
        Assert.Contains("Level 1: Description can be at most 20 characters (it has 21).", byField["OccupancyLevels[0].Description"]);
        Assert.Contains("STDK cannot be upsold to itself: choose a different To Room Type.", byField["Hierarchy[0].ToRoomType"]);
        Assert.Contains("Room type NOPE does not exist in this property.", byField["Hierarchy[1].ToRoomType"]);
        Assert.Contains("STDQ → DLXK is listed 2 times; keep one line.", byField["Hierarchy[3].ToRoomType"]);
    }

    [Fact]
    public async Task SaveAsync_StaleVersion_IsAConflict()
    {
        var first = (await Service.GetAsync(_ids.Tst, Ct))!;
        var second = (await Service.GetAsync(_ids.Tst, Ct))!;
        first.MaximumNumberOfOffers = 2;
        Assert.Equal(SaveStatus.Saved, (await Service.SaveAsync(first, Ct)).Status);

        second.MaximumNumberOfOffers = 5;
        var result = await Service.SaveAsync(second, Ct);

        Assert.Equal(SaveStatus.Conflict, result.Status);
        Assert.Equal(2, (await Service.GetAsync(_ids.Tst, Ct))!.MaximumNumberOfOffers);
    }

    [Fact]
    public async Task SaveAsync_FrontDesk_IsForbidden()
    {
        _db.CurrentUser.User = TestData.FrontDesk;
        var model = (await Service.GetAsync(_ids.Tst, Ct))!;

        Assert.Equal(SaveStatus.Forbidden, (await Service.SaveAsync(model, Ct)).Status);
    }
}
