using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Quotes;

/// <summary>QuoteService on real SQLite: offers as the property's configuration orders and cuts them, explanations, caching.</summary>
public sealed class QuoteServiceTests : IAsyncLifetime
{
    private readonly QuoteDatabase _db = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task ThreeTargetsAsync()
    {
        await _db.AddRuleAsync("TO-DLK", "DLK", 20m);
        await _db.AddRuleAsync("TO-DLT", "DLT", 10m);
        await _db.AddRuleAsync("TO-STE", "STE", 50m);
    }

    [Fact]
    public async Task Quote_DisplaySequence_OrdersByRoomSequenceAndCutsAtMaximumOffers()
    {
        await _db.SeedAsync(c => c.MaximumNumberOfOffers = 2);
        await ThreeTargetsAsync();

        var outcome = await _db.Service.QuoteAsync(_db.Stay(nights: 2), explain: false, Ct);

        Assert.Equal(QuoteStatus.Offers, outcome.Status);
        Assert.Equal(["DLK", "DLT"], outcome.Offers.Select(o => o.ToRoomType));
        var dlk = outcome.Offers[0];
        Assert.Equal("Deluxe King", dlk.ToRoomTypeName);
        Assert.Equal("TO-DLK", dlk.RuleCode);
        Assert.Equal(200m, dlk.TotalOriginalAmount);
        Assert.Equal(240m, dlk.TotalStayAmount);
        Assert.Equal(40m, dlk.TotalUpsellAmount);
        Assert.Equal(2, dlk.Nights.Count);
        Assert.Equal("USD", outcome.CurrencyCode);
        Assert.Contains("at most 2 offers", outcome.SettingsSummary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_UpsellAmountAscending_OrdersByAmount()
    {
        await _db.SeedAsync(c => c.SortOffersBy = OfferSortOrder.UpsellAmountAscending);
        await ThreeTargetsAsync();

        var outcome = await _db.Service.QuoteAsync(_db.Stay(), explain: false, Ct);

        Assert.Equal(["DLT", "DLK", "STE"], outcome.Offers.Select(o => o.ToRoomType));
    }

    [Fact]
    public async Task Quote_UpsellAmountDescending_OrdersByAmountAndCuts()
    {
        await _db.SeedAsync(c =>
        {
            c.SortOffersBy = OfferSortOrder.UpsellAmountDescending;
            c.MaximumNumberOfOffers = 1;
        });
        await ThreeTargetsAsync();

        var outcome = await _db.Service.QuoteAsync(_db.Stay(), explain: false, Ct);

        Assert.Equal("STE", Assert.Single(outcome.Offers).ToRoomType);
    }

    [Fact]
    public async Task Quote_LongerThanMaximumLengthOfStay_NoOffersSaidInPlainWords()
    {
        await _db.SeedAsync(c => c.MaximumLengthOfStay = 7);
        await ThreeTargetsAsync();

        var outcome = await _db.Service.QuoteAsync(_db.Stay(nights: 9), explain: true, Ct);

        Assert.Equal(QuoteStatus.NoOffers, outcome.Status);
        Assert.Empty(outcome.Offers);
        Assert.Equal("No offers: the stay is 9 nights, the property offers upsells up to 7 nights.", outcome.Message);
    }

    [Fact]
    public async Task Quote_Hierarchy_OffersOnlyItsTargetsAndExplainsTheOthers()
    {
        await _db.SeedAsync();
        await ThreeTargetsAsync();
        await _db.AddHierarchyAsync("STK", "STE", 1);
        await _db.AddHierarchyAsync("STK", "DLT", 2);

        var outcome = await _db.Service.QuoteAsync(_db.Stay(), explain: true, Ct);

        Assert.Equal(["STE", "DLT"], outcome.Offers.Select(o => o.ToRoomType));
        var dlk = Assert.Single(outcome.NotOffered, r => r.RuleCode == "TO-DLK");
        Assert.Equal("DLK", dlk.TargetRoomType);
        Assert.Contains(dlk.Reasons, r => r.Contains("not in the room hierarchy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Quote_SeveralRulesForOneTarget_MoreSpecificWinsOthersListed()
    {
        await _db.SeedAsync();
        await _db.AddRuleAsync("ANY-DLK", "DLK", 20m);
        await _db.AddRuleAsync("BAR-DLK", "DLK", 30m, r => r.Filters.Add(new UpsellRuleFilterValue { Kind = RuleFilterKind.RateCode, Value = "BAR" }));

        var outcome = await _db.Service.QuoteAsync(_db.Stay(nights: 1), explain: false, Ct);

        var offer = Assert.Single(outcome.Offers);
        Assert.Equal("BAR-DLK", offer.RuleCode);
        Assert.Equal("BAR-DLK description", offer.RuleDescription);
        var other = Assert.Single(offer.OtherMatchingRules);
        Assert.Equal(new OtherRuleView("ANY-DLK", 20m), other);
    }

    [Fact]
    public async Task Quote_WhyNot_ExplainsEveryFailedCriterionOfEachOtherRule()
    {
        await _db.SeedAsync();
        await _db.AddRuleAsync("TO-DLK", "DLK", 20m);
        await _db.AddRuleAsync("PKG-ONLY", "DLT", 10m, r =>
        {
            r.Filters.Add(new UpsellRuleFilterValue { Kind = RuleFilterKind.RateCode, Value = "PKG" });
            r.DaysInAdvance = 60;
        });
        await _db.AddRuleAsync("FROM-DLK", "STE", 10m, fromStk: false);

        var without = await _db.Service.QuoteAsync(_db.Stay(), explain: false, Ct);
        var with = await _db.Service.QuoteAsync(_db.Stay(), explain: true, Ct);

        Assert.Empty(without.NotOffered);
        Assert.Equal("TO-DLK", Assert.Single(with.Offers).RuleCode);
        var pkg = Assert.Single(with.NotOffered, r => r.RuleCode == "PKG-ONLY");
        Assert.Equal([Criterion.DaysInAdvance, Criterion.RateCode], pkg.FailedCriteria);
        Assert.Contains(pkg.Reasons, r => r.Contains("Rate code BAR is not in the rule's list (PKG)", StringComparison.Ordinal));
        var fromDlk = Assert.Single(with.NotOffered, r => r.RuleCode == "FROM-DLK");
        Assert.Equal([Criterion.Room], fromDlk.FailedCriteria);
    }

    [Fact]
    public async Task Quote_NothingMatches_SaysSoAndPointsToWhyNot()
    {
        await _db.SeedAsync();
        await _db.AddRuleAsync("FROM-DLK", "STE", 10m, fromStk: false);

        var outcome = await _db.Service.QuoteAsync(_db.Stay(), explain: false, Ct);

        Assert.Equal(QuoteStatus.NoOffers, outcome.Status);
        Assert.StartsWith("No offers: no upsell rule of the property matches", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_OccupancyLevels_ComeFromTheForecastUnlessGiven()
    {
        await _db.SeedAsync();
        await _db.AddRuleAsync("LEVELS", "DLK", 0m, r =>
        {
            r.UpsellAmount = null;
            r.UpsellByOccupancyLevels = true;
            r.OccupancyAmounts.Add(new UpsellRuleOccupancyAmount { Level = 1, Amount = 10m });
            r.OccupancyAmounts.Add(new UpsellRuleOccupancyAmount { Level = 2, Amount = 30m });
        });

        var forecast = await _db.Service.QuoteAsync(_db.Stay(nights: 2), explain: false, Ct);
        var input = _db.Stay(nights: 2);
        input.OccupancyLevel = 2;
        var given = await _db.Service.QuoteAsync(input, explain: false, Ct);

        Assert.Equal([1, 2], forecast.Nights.Select(n => n.OccupancyLevel));
        Assert.Equal(40m, Assert.Single(forecast.Offers).TotalUpsellAmount);
        Assert.Equal(60m, Assert.Single(given.Offers).TotalUpsellAmount);
    }

    [Fact]
    public async Task Quote_NoPriceForTheStay_IsInvalidWithTheNights()
    {
        await _db.SeedAsync();
        await ThreeTargetsAsync();
        var input = _db.Stay();
        input.RateCode = "PKG";

        var outcome = await _db.Service.QuoteAsync(input, explain: false, Ct);

        Assert.Equal(QuoteStatus.Invalid, outcome.Status);
        Assert.Contains("no price for rate code PKG in room type STK on 2026-12-01, 2026-12-02", Assert.Single(outcome.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_InvalidInput_ReturnsFieldErrors()
    {
        await _db.SeedAsync();
        var input = _db.Stay();
        input.RoomType = null;
        input.Departure = input.Arrival;

        var outcome = await _db.Service.QuoteAsync(input, explain: false, Ct);

        Assert.Equal(QuoteStatus.Invalid, outcome.Status);
        Assert.Contains(outcome.Errors, e => e.Field == nameof(StayQuoteInput.RoomType));
        Assert.Contains(outcome.Errors, e => e.Field == nameof(StayQuoteInput.Departure));
    }

    [Fact]
    public async Task Quote_FrontDeskWithoutAccess_CannotQuoteTheProperty()
    {
        await using var db = new QuoteDatabase(QuoteDatabase.FrontDesk);
        await db.SeedAsync();
        await db.AddRuleAsync("TO-DLK", "DLK", 20m);

        var denied = await db.Service.QuoteAsync(db.Stay(), explain: false, Ct);
        await using (var context = await db.ContextAsync())
        {
            context.UserProperties.Add(new() { UserId = QuoteDatabase.FrontDeskId, PropertyId = db.PropertyId });
            await context.SaveChangesAsync(Ct);
        }

        var allowed = await db.Service.QuoteAsync(db.Stay(), explain: false, Ct);

        Assert.Equal(QuoteStatus.Invalid, denied.Status);
        Assert.Equal(nameof(StayQuoteInput.PropertyId), Assert.Single(denied.Errors).Field);
        Assert.Equal(QuoteStatus.Offers, allowed.Status);
    }

    [Fact]
    public async Task Quote_SecondQuote_UsesTheCachedSetup()
    {
        await _db.SeedAsync();
        await ThreeTargetsAsync();

        await _db.Service.QuoteAsync(_db.Stay(), explain: false, Ct);
        await _db.Service.QuoteAsync(_db.Stay(nights: 3), explain: true, Ct);

        Assert.Equal(1, _db.Cache.Loads);
    }

    [Fact]
    public async Task Quote_AfterARuleIsSaved_ReloadsAndQuotesTheNewAmount()
    {
        await _db.SeedAsync();
        var rule = await _db.AddRuleAsync("TO-DLK", "DLK", 20m);
        var before = await _db.Service.QuoteAsync(_db.Stay(nights: 1), explain: false, Ct);

        await using (var context = await _db.ContextAsync())
        {
            var stored = await context.UpsellRules.SingleAsync(r => r.Id == rule.Id, Ct);
            stored.UpsellAmount = 35m;
            stored.Version = Guid.NewGuid();
            await context.SaveChangesAsync(Ct);
        }

        var after = await _db.Service.QuoteAsync(_db.Stay(nights: 1), explain: false, Ct);

        Assert.Equal(20m, Assert.Single(before.Offers).TotalUpsellAmount);
        Assert.Equal(35m, Assert.Single(after.Offers).TotalUpsellAmount);
        Assert.Equal(2, _db.Cache.Loads);
    }

    [Fact]
    public async Task Quote_AfterARuleIsDeletedOrTheConfigurationSaved_Reloads()
    {
        await _db.SeedAsync();
        var rule = await _db.AddRuleAsync("TO-DLK", "DLK", 20m);
        await _db.AddRuleAsync("TO-DLT", "DLT", 10m);
        await _db.Service.QuoteAsync(_db.Stay(), explain: false, Ct);

        await using (var context = await _db.ContextAsync())
        {
            await context.UpsellRules.Where(r => r.Id == rule.Id).ExecuteDeleteAsync(Ct);
        }

        var afterDelete = await _db.Service.QuoteAsync(_db.Stay(), explain: false, Ct);
        await using (var context = await _db.ContextAsync())
        {
            var config = await context.UpsellConfigurations.SingleAsync(Ct);
            config.MaximumNumberOfOffers = 0;
            config.Version = Guid.NewGuid();
            await context.SaveChangesAsync(Ct);
        }

        var afterConfig = await _db.Service.QuoteAsync(_db.Stay(), explain: false, Ct);

        Assert.Equal("DLT", Assert.Single(afterDelete.Offers).ToRoomType);
        Assert.Empty(afterConfig.Offers);
        Assert.Equal(3, _db.Cache.Loads);
    }

    [Fact]
    public async Task Invalidate_ForcesAReload()
    {
        await _db.SeedAsync();
        await ThreeTargetsAsync();
        await _db.Service.QuoteAsync(_db.Stay(), explain: false, Ct);

        _db.Service.Invalidate(_db.PropertyId);
        await _db.Service.QuoteAsync(_db.Stay(), explain: false, Ct);

        Assert.Equal(2, _db.Cache.Loads);
    }

    [Fact]
    public void ToDefinition_MapsEveryFilterKindAndTheLevels()
    {
        var rule = new UpsellRule
        {
            Code = "R",
            FromCode = "STK",
            ToCode = "DLK",
            CurrencyCode = "USD",
            UpsellByOccupancyLevels = true,
            UpsellAmount = 99m,
            Filters =
            [
                new() { Kind = RuleFilterKind.RateCategory, Value = "RACK" },
                new() { Kind = RuleFilterKind.Membership, Value = "GOLDCLUB", Level = "PLAT" },
                new() { Kind = RuleFilterKind.Membership, Value = "SILVER" },
                new() { Kind = RuleFilterKind.Channel, Value = "WEB" },
                new() { Kind = RuleFilterKind.ReservationType, Value = "GTD" },
                new() { Kind = RuleFilterKind.Market, Value = "LEI" },
            ],
            OccupancyAmounts = [new() { Level = 2, Amount = 5m }, new() { Level = 1, Amount = 3m }],
        };

        var definition = UpsellRuleMapping.ToDefinition(rule);

        Assert.Equal(["RACK"], definition.RateCategories);
        Assert.Empty(definition.RateCodes);
        Assert.Equal([new MembershipFilter("GOLDCLUB", "PLAT"), new MembershipFilter("SILVER")], definition.Memberships);
        Assert.Equal(["WEB"], definition.Channels);
        Assert.Equal(["GTD"], definition.ReservationTypes);
        Assert.Equal(["LEI"], definition.MarketCodes);
        Assert.Null(definition.UpsellAmount);
        Assert.Equal([new OccupancyLevelAmount(1, 3m), new OccupancyLevelAmount(2, 5m)], definition.OccupancyLevelAmounts);
    }
}
