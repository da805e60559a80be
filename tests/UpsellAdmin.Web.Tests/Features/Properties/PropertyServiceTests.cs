using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Properties;

public sealed class PropertyServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase _db = null!;
    private TestData.Ids _ids = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync();
        _ids = await TestData.SeedAsync(_db);
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    /// <summary>"visible codes | editable codes".</summary>
    private async Task<string> AsAsync(UserContext user)
    {
        _db.CurrentUser.User = user;
        var service = _db.Get<IPropertyService>();
        var ct = TestContext.Current.CancellationToken;
        var visible = string.Join(",", (await service.GetVisibleAsync(ct)).Select(p => p.Code));
        var editable = string.Join(",", (await service.GetEditableAsync(ct)).Select(p => p.Code));
        return $"{visible} | {editable}";
    }

    [Fact]
    public async Task GetVisibleAsync_Administrator_SeesEveryPropertyOrderedByCode()
    {
        Assert.Equal("OTH,TST | OTH,TST", await AsAsync(TestData.Admin));
    }

    [Fact]
    public async Task GetVisibleAsync_RevenueManager_SeesAndEditsTheirPropertiesOnly()
    {
        Assert.Equal("TST | TST", await AsAsync(TestData.Revenue));
    }

    [Fact]
    public async Task GetEditableAsync_FrontDesk_SeesButEditsNothing()
    {
        Assert.Equal("TST | ", await AsAsync(TestData.FrontDesk));
    }

    [Fact]
    public async Task GetVisibleAsync_Anonymous_SeesNothing()
    {
        Assert.Equal(" | ", await AsAsync(UserContext.Anonymous));
    }

    [Fact]
    public async Task GetAsync_PropertyWithoutAccess_IsNull()
    {
        _db.CurrentUser.User = TestData.Revenue;
        var service = _db.Get<IPropertyService>();

        Assert.Null(await service.GetAsync(_ids.Oth, TestContext.Current.CancellationToken));
        Assert.Equal("USD", (await service.GetAsync(_ids.Tst, TestContext.Current.CancellationToken))!.CurrencyCode);
    }
}
