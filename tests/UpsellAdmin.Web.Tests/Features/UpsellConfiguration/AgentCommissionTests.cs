using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.UpsellConfiguration;

/// <summary>
/// The agents' commission percent of a property (Upsell Configuration): 0–100 with at most two decimals, the message
/// saying what was typed; saved, loaded and audited with the other settings; read for several properties at once by
/// Upsell Performance (only the properties the user may see).
/// </summary>
public sealed class AgentCommissionTests : IAsyncLifetime
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

    private static IReadOnlyList<string> Messages(decimal? percent) =>
        new UpsellConfigurationModelValidator(["STDK"]).Validate(new UpsellConfigurationModel { AgentCommissionPercent = percent })
            .Errors.Where(e => e.PropertyName == nameof(UpsellConfigurationModel.AgentCommissionPercent)).Select(e => e.ErrorMessage).ToList();

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("7.5")]
    [InlineData("12.25")]
    [InlineData("100")]
    public void Validator_NoneOrZeroToHundredWithTwoDecimals_IsValid(string? percent) =>
        Assert.Empty(Messages(percent is null ? null : decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("120", "Agent commission must be between 0 and 100 % (you typed 120); leave it empty for no commission.")]
    [InlineData("-2.5", "Agent commission must be between 0 and 100 % (you typed -2.5); leave it empty for no commission.")]
    [InlineData("100.01", "Agent commission must be between 0 and 100 % (you typed 100.01); leave it empty for no commission.")]
    [InlineData("5.125", "Agent commission can have at most 2 decimals (you typed 5.125).")]
    public void Validator_OutOfRangeOrTooPrecise_SaysWhatWasTyped(string percent, string expected) =>
        Assert.Equal([expected], Messages(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task SaveAsync_Commission_IsLoadedBackAndAudited()
    {
        var model = (await Service.GetAsync(_ids.Tst, Ct))!;
        Assert.Null(model.AgentCommissionPercent);
        model.AgentCommissionPercent = 7.5m;

        var result = await Service.SaveAsync(model, Ct);

        Assert.Equal(SaveStatus.Saved, result.Status);
        Assert.Equal(7.5m, (await Service.GetAsync(_ids.Tst, Ct))!.AgentCommissionPercent);
        await using var db = await _db.CreateDbContextAsync();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityType == AuditEntityTypes.UpsellConfiguration && e.PropertyId == _ids.Tst, Ct);
        Assert.Contains("\"agentCommissionPercent\":7.5", entry.After, StringComparison.Ordinal);

        // Changed again: a second entry with the old value before and the new one after; cleared: saved as none.
        var again = (await Service.GetAsync(_ids.Tst, Ct))!;
        again.AgentCommissionPercent = null;
        Assert.Equal(SaveStatus.Saved, (await Service.SaveAsync(again, Ct)).Status);
        Assert.Null((await Service.GetAsync(_ids.Tst, Ct))!.AgentCommissionPercent);
        var last = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == AuditEntityTypes.UpsellConfiguration).OrderByDescending(e => e.Id).FirstAsync(Ct);
        Assert.Equal(AuditActions.Updated, last.Action);
        Assert.Contains("\"agentCommissionPercent\":7.5", last.Before, StringComparison.Ordinal);
        Assert.Contains("\"agentCommissionPercent\":null", last.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_CommissionOverHundred_IsRefusedWithTheFieldsMessage_AndNothingSaved()
    {
        var model = (await Service.GetAsync(_ids.Tst, Ct))!;
        model.AgentCommissionPercent = 150m;

        var result = await Service.SaveAsync(model, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((nameof(UpsellConfigurationModel.AgentCommissionPercent), "Agent commission must be between 0 and 100 % (you typed 150); leave it empty for no commission."),
            (error.Field, error.Message));
        Assert.Null((await Service.GetAsync(_ids.Tst, Ct))!.AgentCommissionPercent);
    }

    [Fact]
    public async Task AgentCommissionRates_GiveEachVisiblePropertysPercent_AndLeaveOutTheOthers()
    {
        _db.CurrentUser.User = TestData.Admin;
        foreach (var (id, percent) in new[] { (_ids.Tst, (decimal?)5m), (_ids.Oth, (decimal?)null) })
        {
            var model = (await Service.GetAsync(id, Ct))!;
            model.AgentCommissionPercent = percent;
            Assert.Equal(SaveStatus.Saved, (await Service.SaveAsync(model, Ct)).Status);
        }
        var rates = _db.Get<IAgentCommissionRates>();

        var all = await rates.GetAsync([_ids.Tst, _ids.Oth, 9999], Ct);
        Assert.Equal(new Dictionary<int, decimal?> { [_ids.Tst] = 5m, [_ids.Oth] = null }, all);

        _db.CurrentUser.User = TestData.Revenue; // TST only
        Assert.Equal(new Dictionary<int, decimal?> { [_ids.Tst] = 5m }, await _db.Get<IAgentCommissionRates>().GetAsync([_ids.Tst, _ids.Oth], Ct));
    }
}
