using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Accounts;

/// <summary>The remembered choices of a user (issue 15: the Rules grid's columns follow the user, not the browser).</summary>
public sealed class UserPreferenceServiceTests : IAsyncLifetime
{
    private const string Key = RuleGridColumns.PreferenceKey;
    private SqliteTestDatabase _db = default!;

    public async ValueTask InitializeAsync()
    {
        _db = await SqliteTestDatabase.CreateAsync();
        await using var db = await _db.CreateDbContextAsync();
        db.Users.AddRange(new[] { "ann", "bob" }.Select(id => new AppUser { Id = id, UserName = id + "@test", Email = id + "@test" }));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private UserPreferenceService Service(string? userId)
    {
        var user = new FakeCurrentUser { User = userId is null ? UserContext.Anonymous : FakeCurrentUser.As(userId, Roles.RevenueManager) };
        return new UserPreferenceService(_db.Services.GetRequiredService<IDbContextFactory<Web.Data.AppDbContext>>(), user, TimeProvider.System);
    }

    [Fact]
    public async Task Set_ThenGet_ReturnsTheValue_ForThatUserOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var layout = new RuleGridColumnLayout([RuleGridColumns.Amount, RuleGridColumns.From]);

        await Service("ann").SetAsync(Key, layout, ct);

        var read = await Service("ann").GetAsync<RuleGridColumnLayout>(Key, ct);
        Assert.Equal(layout.Shown, read!.Shown);
        Assert.Null(await Service("bob").GetAsync<RuleGridColumnLayout>(Key, ct));
    }

    [Fact]
    public async Task Set_Twice_ReplacesTheValue_InOneRow()
    {
        var ct = TestContext.Current.CancellationToken;
        await Service("ann").SetAsync(Key, new RuleGridColumnLayout([RuleGridColumns.From]), ct);
        await Service("ann").SetAsync(Key, new RuleGridColumnLayout([RuleGridColumns.To]), ct);

        Assert.Equal([RuleGridColumns.To], (await Service("ann").GetAsync<RuleGridColumnLayout>(Key, ct))!.Shown);
        await using var db = await _db.CreateDbContextAsync();
        Assert.Equal(1, await db.UserPreferences.CountAsync(p => p.UserId == "ann", ct));
    }

    [Fact]
    public async Task Remove_ForgetsTheValue_AndRemovingNothingIsFine()
    {
        var ct = TestContext.Current.CancellationToken;
        await Service("ann").SetAsync(Key, RuleGridColumnLayout.Default, ct);

        await Service("ann").RemoveAsync(Key, ct);
        await Service("ann").RemoveAsync(Key, ct);

        Assert.Null(await Service("ann").GetAsync<RuleGridColumnLayout>(Key, ct));
    }

    [Fact]
    public async Task Anonymous_ReadsNothing_AndWritesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await Service(null).SetAsync(Key, RuleGridColumnLayout.Default, ct);

        Assert.Null(await Service(null).GetAsync<RuleGridColumnLayout>(Key, ct));
        await using var db = await _db.CreateDbContextAsync();
        Assert.Equal(0, await db.UserPreferences.CountAsync(ct));
    }

    [Fact]
    public async Task DamagedValue_ReadsAsNothingRemembered()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await _db.CreateDbContextAsync())
        {
            db.UserPreferences.Add(new UserPreference { UserId = "ann", Key = Key, Value = "{not json", UpdatedUtc = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(ct);
        }

        Assert.Null(await Service("ann").GetAsync<RuleGridColumnLayout>(Key, ct));
    }

    [Fact]
    public async Task TooLongValueOrKey_IsRefused_NotCut()
    {
        var ct = TestContext.Current.CancellationToken;
        var huge = new RuleGridColumnLayout(Enumerable.Repeat("x", UserPreference.ValueMaxLength).ToList());

        await Assert.ThrowsAsync<ArgumentException>(() => Service("ann").SetAsync(Key, huge, ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Service("ann").SetAsync(new string('k', UserPreference.KeyMaxLength + 1), RuleGridColumnLayout.Default, ct));
    }
}
