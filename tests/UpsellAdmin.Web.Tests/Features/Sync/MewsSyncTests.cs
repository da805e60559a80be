using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Loyalty;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Sync;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Sync;

/// <summary>The reference-data sync against the simulator over HTTP, into real SQLite.</summary>
public sealed class MewsSyncTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sync_FirstRun_CreatesThePropertiesOfTheTokensEnterprises()
    {
        await using var h = await SyncHarness.StartAsync(new Dictionary<string, string?> { ["Sync:PriceDays"] = "7" }, Ct);

        var result = await h.SyncAsync(Ct);

        Assert.Empty(result.Errors);
        Assert.Equal(3, result.PropertiesCreated);
        Assert.Equal(h.Simulator.Statistics.TotalRequests, result.Requests);
        await using var db = await h.Db.CreateDbContextAsync(Ct);
        var properties = await db.Properties.AsNoTracking().OrderBy(p => p.Code).ToListAsync(Ct);
        Assert.Equal(["CAHDC", "CAHLISBON", "CAHPRAGUE"], properties.Select(p => p.Code));
        var prague = properties.Single(p => p.MewsEnterpriseId == DemoIds.EnterpriseA);
        Assert.Equal(("CAHPRAGUE", "GBP", "Europe/Budapest", DemoIds.Chain), (prague.Code, prague.CurrencyCode, prague.TimeZone, prague.MewsChainId!.Value));
        Assert.Equal("USD", properties.Single(p => p.MewsEnterpriseId == DemoIds.EnterpriseC).CurrencyCode);
        Assert.Equal(3, await db.UpsellConfigurations.CountAsync(Ct));
        var run = await db.SyncRuns.AsNoTracking().SingleAsync(Ct);
        Assert.True(run.Succeeded);
        Assert.Equal(("Manual", "test", result.Requests), (run.Trigger, run.StartedBy, run.RequestCount));
        Assert.NotNull(run.FinishedUtc);
    }

    [Fact]
    public async Task Sync_SecondRun_ChangesNothing()
    {
        await using var h = await SyncHarness.StartAsync(ct: Ct);
        var first = await h.SyncAsync(Ct);
        Assert.Empty(first.Errors);
        Assert.True(first.Counts.Added > 10_000, $"first run added {first.Counts.Added}");

        var second = await h.SyncAsync(Ct);

        Assert.Empty(second.Errors);
        Assert.Equal(new MergeCounts(0, 0, 0), second.Counts);
        Assert.Equal(0, second.PricesWritten);
        Assert.Equal(0, second.PropertiesCreated);
        await using var db = await h.Db.CreateDbContextAsync(Ct);
        var last = await db.SyncRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstAsync(Ct);
        Assert.Equal((0, 0, 0, true), (last.ItemsAdded, last.ItemsUpdated, last.ItemsDeactivated, last.Succeeded));
    }

    [Fact]
    public async Task Sync_ItemRemovedInMews_IsDeactivatedAndARuleNamingItGetsAWarning()
    {
        await using var h = await SyncHarness.StartAsync(new Dictionary<string, string?> { ["Sync:PriceDays"] = "14" }, Ct);
        Assert.Empty((await h.SyncAsync(Ct)).Errors);
        int propertyId;
        await using (var db = await h.Db.CreateDbContextAsync(Ct))
        {
            propertyId = (await db.Properties.SingleAsync(p => p.MewsEnterpriseId == DemoIds.EnterpriseA, Ct)).Id;
            Assert.True(await db.NightlyPrices.AnyAsync(p => p.PropertyId == propertyId && db.RateCodes.Any(r => r.Id == p.RateCodeId && r.Code == "EARLY"), Ct));
            var rule = new UpsellRule
            {
                PropertyId = propertyId, Code = "SYNC-EARLY", Description = "Early bird upgrade", UpsellByRoomType = true,
                FromCode = "STD", ToCode = "SUP", Formula = UpsellFormula.FlatAmountAddedToOriginalRate, UpsellAmount = 20m,
                CurrencyCode = "GBP", RoundingRule = RoundingRule.None, UpdatedBy = "test",
                Filters =
                [
                    new UpsellRuleFilterValue { Kind = RuleFilterKind.RateCode, Value = "EARLY" },
                    new UpsellRuleFilterValue { Kind = RuleFilterKind.Membership, Value = "PC01", Level = "B1" },
                ],
            };
            rule.RefreshFilterKinds();
            db.UpsellRules.Add(rule);
            await db.SaveChangesAsync(Ct);
        }
        Assert.Empty((await FindRuleAsync(h, propertyId, "SYNC-EARLY")).Warnings);

        var early = h.Simulator.Store.Rates.Single(r => r.ShortName == "EARLY" && r.EnterpriseId == DemoIds.EnterpriseA);
        h.RemoveFromSimulator("RateTable", early.Id);
        var blue = h.Simulator.Store.LoyaltyTiers.Single(t => t.Code == "B1");
        await h.Gateway.DeleteLoyaltyTiersAsync([blue.Id.ToString()], Ct);

        var second = await h.SyncAsync(Ct);

        Assert.Empty(second.Errors);
        Assert.Equal(1 + 3, second.Counts.Deactivated); // the rate in Prague; the chain's tier in each of the three properties
        await using (var db = await h.Db.CreateDbContextAsync(Ct))
        {
            var rate = await db.RateCodes.AsNoTracking().SingleAsync(r => r.PropertyId == propertyId && r.Code == "EARLY", Ct);
            Assert.False(rate.IsActive);
            Assert.False(await db.NightlyPrices.AnyAsync(p => p.RateCodeId == rate.Id, Ct));
            Assert.Equal(3, await db.MembershipLevels.CountAsync(l => l.Code == "B1" && !l.IsActive, Ct));
        }
        var warnings = (await FindRuleAsync(h, propertyId, "SYNC-EARLY")).Warnings;
        Assert.Contains("Rate code EARLY is inactive", warnings);
        Assert.Contains(warnings, w => w.Contains("PC01/B1", StringComparison.Ordinal) && w.EndsWith("is inactive", StringComparison.Ordinal));

        var third = await h.SyncAsync(Ct);
        Assert.Equal(new MergeCounts(0, 0, 0), third.Counts);
    }

    [Fact]
    public async Task LoyaltyRefresh_AfterAChangeInMews_LeavesTheRowsTheSyncWouldLeave()
    {
        var chain = DemoIds.Chain.ToString();
        await using var h = await SyncHarness.StartAsync(new Dictionary<string, string?> { ["Connector:ChainId"] = chain, ["Sync:PriceDays"] = "1" }, Ct);
        Assert.Empty((await h.SyncAsync(Ct)).Errors);
        // A program whose code clashes with the demo's PC01 (the merge makes it unique) and a tier in it.
        var program = (await h.Gateway.AddLoyaltyProgramsAsync(
            [new LoyaltyProgramAddition { Name = "Partner club", Code = "pc01", Type = LoyaltyProgramType.ExternalPartner, Subscription = LoyaltySubscription.Free }], Ct)).Single();
        await h.Gateway.AddLoyaltyTiersAsync([new LoyaltyTierAddition { LoyaltyProgramId = program.Id, Name = "Partner gold", Code = "PGOLD", Ordering = 2 }], Ct);

        // What the Loyalty screens run after a change.
        var refresher = new LoyaltyReferenceRefresher(new FixedGateways(h.Gateway), h.Db, NullLogger<LoyaltyReferenceRefresher>.Instance);
        Assert.Equal(3 * 2, await refresher.RefreshAsync(chain, Ct)); // the program and its tier in each of the chain's three properties

        await using (var db = await h.Db.CreateDbContextAsync(Ct))
        {
            var added = await db.MembershipTypes.AsNoTracking().Include(t => t.Levels).Where(t => t.MewsId == Guid.Parse(program.Id)).ToListAsync(Ct);
            Assert.Equal(3, added.Count);
            Assert.All(added, t => Assert.Equal(("PC01-2", "Partner club", "PGOLD"), (t.Code, t.Name, t.Levels.Single().Code)));
        }
        // The sync finds nothing left to do: both wrote the same rows.
        var next = await h.SyncAsync(Ct);
        Assert.Empty(next.Errors);
        Assert.Equal(new MergeCounts(0, 0, 0), next.Counts);
    }

    private sealed class FixedGateways(IMewsGateway gateway) : ILoyaltyGatewayFactory
    {
        public IMewsGateway ForChain(string? chainId) => gateway;
    }

    [Fact]
    public async Task Sync_RoomClassesComeFromTheConfiguredMappingAndOccupancyFromTheLevels()
    {
        await using var h = await SyncHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Sync:PriceDays"] = "30",
            ["Sync:RoomClassMapping:SuperiorDouble"] = "DLX",
        }, Ct);
        Assert.Empty((await h.SyncAsync(Ct)).Errors);
        Property prague;
        await using (var db = await h.Db.CreateDbContextAsync(Ct))
        {
            prague = await db.Properties.AsNoTracking().SingleAsync(p => p.MewsEnterpriseId == DemoIds.EnterpriseA, Ct);
            var types = await db.RoomTypes.AsNoTracking().Where(t => t.PropertyId == prague.Id)
                .Select(t => new { t.Code, Class = t.RoomClass!.Code, t.Sequence, t.IsActive }).ToDictionaryAsync(t => t.Code, Ct);
            Assert.Equal("STD", types["STD"].Class);   // StandardDouble → default mapping
            Assert.Equal("DLX", types["SUP"].Class);   // SuperiorDouble → configured
            Assert.Equal("DLX", types["DLK"].Class);
            Assert.Equal("SUP", types["FAM"].Class);   // Family → default mapping
            Assert.Equal("STE", types["JRS"].Class);   // JuniorSuite
            Assert.Equal("STE", types["EXS"].Class);   // Classification Other is unmapped → Type Suite
            Assert.DoesNotContain("ATT", types.Keys);   // inactive in Mews: resourceCategories/getAll reads active ones
            Assert.True(types["STD"].Sequence < types["SUP"].Sequence && types["SUP"].Sequence < types["JRS"].Sequence); // Mews Ordering
            var classes = await db.RoomClasses.AsNoTracking().Where(c => c.PropertyId == prague.Id).OrderBy(c => c.Sequence).Select(c => c.Code).ToListAsync(Ct);
            Assert.Equal(["STD", "DLX", "SUP", "STE"], classes);
            var lisbon = await db.Properties.AsNoTracking().SingleAsync(p => p.MewsEnterpriseId == DemoIds.EnterpriseB, Ct);
            Assert.Equal("APT", await db.RoomTypes.Where(t => t.PropertyId == lisbon.Id && t.Code == "STU").Select(t => t.RoomClass!.Code).SingleAsync(Ct));

            Assert.Equal(30, await db.NightlyOccupancies.CountAsync(n => n.PropertyId == prague.Id && n.Level == null, Ct)); // no levels yet
            db.OccupancyLevels.AddRange(
                new OccupancyLevel { PropertyId = prague.Id, Level = 1, Description = "Low", FromPercent = 0m, ToPercent = 50m },
                new OccupancyLevel { PropertyId = prague.Id, Level = 2, Description = "High", FromPercent = 50m, ToPercent = 100m });
            await db.SaveChangesAsync(Ct);
        }

        var second = await h.SyncAsync(Ct);

        Assert.Equal(30, second.Counts.Updated); // each of Prague's nights gets its level
        await using (var db = await h.Db.CreateDbContextAsync(Ct))
        {
            var nights = await db.NightlyOccupancies.AsNoTracking().Where(n => n.PropertyId == prague.Id).OrderBy(n => n.Date).ToListAsync(Ct);
            Assert.Equal(30, nights.Count);
            Assert.All(nights, n => Assert.Equal(n.OccupancyPercent < 50m ? 1 : 2, n.Level));
            Assert.Contains(nights, n => n.Level == 1);
            Assert.Contains(nights, n => n.Level == 2);

            // The first night's percentage is Σ Occupied ÷ Σ UsableResources of Mews' availability.
            var zone = TimeZoneInfo.FindSystemTimeZoneById(prague.TimeZone);
            var first = nights[0].Date;
            var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(first.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
            var availability = await h.Gateway.GetServiceAvailabilityAsync(new AvailabilityRequest
            {
                ServiceId = DemoIds.AccommodationServiceA.ToString(), FirstTimeUnitStartUtc = start, LastTimeUnitStartUtc = start,
                Metrics = [AvailabilityMetric.Occupied, AvailabilityMetric.UsableResources],
            }, Ct);
            var occupied = availability.ResourceCategoryAvailabilities!.Sum(c => c.GetMetric(AvailabilityMetric.Occupied)![0]);
            var usable = availability.ResourceCategoryAvailabilities!.Sum(c => c.GetMetric(AvailabilityMetric.UsableResources)![0]);
            Assert.Equal(Math.Round(100m * occupied / usable, 2), nights[0].OccupancyPercent);
        }
    }

    [Fact]
    public async Task Sync_PricesLandForEveryNightOfTheWindow()
    {
        await using var h = await SyncHarness.StartAsync(ct: Ct); // 400 days: two rates/getPricing calls per rate (≤ 367 days each)
        var result = await h.SyncAsync(Ct);
        Assert.Empty(result.Errors);

        await using var db = await h.Db.CreateDbContextAsync(Ct);
        foreach (var property in await db.Properties.AsNoTracking().ToListAsync(Ct))
        {
            var rates = await db.RateCodes.CountAsync(r => r.PropertyId == property.Id && r.IsActive, Ct);
            var types = await db.RoomTypes.CountAsync(t => t.PropertyId == property.Id && t.IsActive, Ct);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(property.TimeZone)).DateTime);
            var prices = db.NightlyPrices.Where(p => p.PropertyId == property.Id);
            Assert.Equal(rates * types * 400, await prices.CountAsync(Ct));
            Assert.Equal(today, await prices.MinAsync(p => p.Date, Ct));
            Assert.Equal(today.AddDays(399), await prices.MaxAsync(p => p.Date, Ct));
        }

        // One night checked against Mews: Gross enterprise A stores the gross value, Net enterprise C the net value.
        await AssertPriceAsync(h, db, DemoIds.EnterpriseA, "BAR", "STD", 300, net: false);
        await AssertPriceAsync(h, db, DemoIds.EnterpriseC, "CORP", "SK", 5, net: true);
    }

    private static async Task AssertPriceAsync(SyncHarness h, AppDbContext db, Guid enterpriseId, string rateCode, string roomType, int daysAhead, bool net)
    {
        var property = await db.Properties.AsNoTracking().SingleAsync(p => p.MewsEnterpriseId == enterpriseId, Ct);
        var rate = await db.RateCodes.AsNoTracking().SingleAsync(r => r.PropertyId == property.Id && r.Code == rateCode, Ct);
        var type = await db.RoomTypes.AsNoTracking().SingleAsync(t => t.PropertyId == property.Id && t.Code == roomType, Ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(property.TimeZone);
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime).AddDays(daysAhead);
        var local = date.ToDateTime(TimeOnly.MinValue);
        var start = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        var pricing = await h.Gateway.GetRatePricingAsync(new RatePricingRequest { RateId = rate.MewsId!.Value.ToString(), FirstTimeUnitStartUtc = start, LastTimeUnitStartUtc = start }, Ct);
        var amount = pricing.CategoryPrices!.Single(c => Guid.Parse(c.CategoryId) == type.MewsId).AmountPrices![0];
        var stored = await db.NightlyPrices.AsNoTracking().SingleAsync(p => p.RateCodeId == rate.Id && p.RoomTypeId == type.Id && p.Date == date, Ct);
        Assert.Equal(net ? amount.NetValue : amount.GrossValue, stored.Amount);
    }

    private static async Task<UpsellRuleRow> FindRuleAsync(SyncHarness h, int propertyId, string code)
    {
        var service = new UpsellRuleService(h.Db, new FixedCurrentUser(SyncHarness.Admin), TimeProvider.System, NullLogger<UpsellRuleService>.Instance);
        var page = await service.SearchAsync(propertyId, new UpsellRuleCriteria { CodeOrDescription = code }, new PageRequest(0, 10), Ct);
        return Assert.Single(page.Items);
    }
}
