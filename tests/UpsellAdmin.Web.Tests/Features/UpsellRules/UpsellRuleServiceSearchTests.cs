using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.UpsellRules;

public sealed class UpsellRuleServiceSearchTests : IAsyncLifetime
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

    private static readonly PageRequest FirstPage = new(0, 50);

    private async Task<List<string>> CodesAsync(UpsellRuleCriteria criteria)
    {
        var result = await _db.Get<IUpsellRuleService>().SearchAsync(_ids.Tst, criteria, FirstPage, TestContext.Current.CancellationToken);
        Assert.Equal(result.Items.Count, result.TotalItems);
        return result.Items.Select(r => r.Code).ToList();
    }

    private Task<int> Rule(string code, string from = "STDK", string to = "DLXK", bool byRoomType = true, DateOnly? begin = null, DateOnly? end = null,
        string? description = null, params string[] filters) =>
        TestData.AddRuleAsync(_db, _ids.Tst, code, from, to, byRoomType, begin, end, description, filters);

    [Fact]
    public async Task SearchAsync_NoCriteria_ReturnsEveryRuleOfThePropertyOnly()
    {
        await Rule("A");
        await Rule("B");
        await TestData.AddRuleAsync(_db, _ids.Oth, "OTHER");

        Assert.Equal(["A", "B"], await CodesAsync(new UpsellRuleCriteria()));
    }

    [Fact]
    public async Task SearchAsync_Channel_MatchesRulesListingItAndRulesWithNoChannelList()
    {
        await Rule("ANY");
        await Rule("WEB", filters: "Channel:WEB");
        await Rule("WEBGDS", filters: ["Channel:GDS", "Channel:WEB"]);
        await Rule("GDS", filters: "Channel:GDS");
        await Rule("MKT", filters: "Market:CORP"); // another kind's list does not matter

        Assert.Equal(["ANY", "MKT", "WEB", "WEBGDS"], await CodesAsync(new UpsellRuleCriteria { Channel = "WEB" }));
    }

    [Fact]
    public async Task SearchAsync_ReservationTypeAndMarket_EmptyListMeansAny()
    {
        await Rule("ANY");
        await Rule("GUA", filters: "ReservationType:GUA");
        await Rule("6PM", filters: "ReservationType:6PM");
        await Rule("GUA-TRANS", filters: ["ReservationType:GUA", "Market:TRANS"]);
        await Rule("GUA-CORP", filters: ["ReservationType:GUA", "Market:CORP"]);

        Assert.Equal(["ANY", "GUA", "GUA-CORP", "GUA-TRANS"], await CodesAsync(new UpsellRuleCriteria { ReservationType = "GUA" }));
        Assert.Equal(["ANY", "GUA", "GUA-TRANS"], await CodesAsync(new UpsellRuleCriteria { ReservationType = "GUA", Market = "TRANS" }));
    }

    [Fact]
    public async Task SearchAsync_RateCode_MatchesCodeListsCategoryOfTheCodeAndRulesWithoutRateFilter()
    {
        await Rule("ANY");
        await Rule("BAR", filters: "RateCode:BAR");
        await Rule("CORP", filters: "RateCode:CORP");
        await Rule("CAT-PUB", filters: "RateCategory:PUB");
        await Rule("CAT-NEG", filters: "RateCategory:NEG");

        Assert.Equal(["ANY", "BAR", "CAT-PUB"], await CodesAsync(new UpsellRuleCriteria { RateCodeOrCategory = "BAR" }));
        // A category as the criterion: rules listing that category.
        Assert.Equal(["ANY", "CAT-NEG"], await CodesAsync(new UpsellRuleCriteria { RateCodeOrCategory = "NEG" }));
    }

    [Fact]
    public async Task SearchAsync_MembershipWithLevel_MatchesThatLevelOrTheTypeWithoutLevel()
    {
        await Rule("ANY");
        await Rule("PC01", filters: "Membership:PC01");
        await Rule("PC01-GOLD", filters: "Membership:PC01/GOLD");
        await Rule("PC01-PLAT", filters: "Membership:PC01/PLAT");
        await Rule("AIR", filters: "Membership:AIR");

        Assert.Equal(["ANY", "PC01", "PC01-GOLD"], await CodesAsync(new UpsellRuleCriteria { MembershipType = "PC01", MembershipLevel = "GOLD" }));
    }

    [Fact]
    public async Task SearchAsync_MembershipTypeOnly_MatchesEveryRuleListingTheTypeAtAnyLevel()
    {
        await Rule("ANY");
        await Rule("PC01", filters: "Membership:PC01");
        await Rule("PC01-GOLD", filters: "Membership:PC01/GOLD");
        await Rule("AIR", filters: "Membership:AIR");

        Assert.Equal(["ANY", "PC01", "PC01-GOLD"], await CodesAsync(new UpsellRuleCriteria { MembershipType = "PC01" }));
    }

    [Fact]
    public async Task SearchAsync_StayDate_MatchesRulesWhoseDatesContainItWithOpenEnds()
    {
        await Rule("OPEN");
        await Rule("FROM-DEC", begin: new DateOnly(2026, 12, 1));
        await Rule("UNTIL-DEC", end: new DateOnly(2026, 12, 31));
        await Rule("WINTER", begin: new DateOnly(2026, 12, 1), end: new DateOnly(2027, 2, 28));
        await Rule("SUMMER", begin: new DateOnly(2027, 6, 1), end: new DateOnly(2027, 8, 31));
        await Rule("LAST-DAY", begin: new DateOnly(2026, 11, 1), end: new DateOnly(2026, 12, 15));

        Assert.Equal(["FROM-DEC", "LAST-DAY", "OPEN", "UNTIL-DEC", "WINTER"], await CodesAsync(new UpsellRuleCriteria { StayDate = new DateOnly(2026, 12, 15) }));
        Assert.Equal(["FROM-DEC", "OPEN", "SUMMER"], await CodesAsync(new UpsellRuleCriteria { StayDate = new DateOnly(2027, 7, 1) }));
        Assert.Equal(["LAST-DAY", "OPEN", "UNTIL-DEC"], await CodesAsync(new UpsellRuleCriteria { StayDate = new DateOnly(2026, 11, 30) }));
    }

    [Fact]
    public async Task SearchAsync_CodeOrDescription_MatchesPartOfEitherCaseInsensitively()
    {
        await Rule("WINTER-1", description: "Cold season");
        await Rule("SUMMER-1", description: "Upgrade for the winter sun");
        await Rule("OTHER", description: "Nothing");
        await Rule("50PCT", description: "Half of the difference");

        Assert.Equal(["SUMMER-1", "WINTER-1"], await CodesAsync(new UpsellRuleCriteria { CodeOrDescription = "winter" }));
        Assert.Equal(["50PCT"], await CodesAsync(new UpsellRuleCriteria { CodeOrDescription = "50PCT" }));
        Assert.Empty(await CodesAsync(new UpsellRuleCriteria { CodeOrDescription = "%" })); // wildcards are literal
    }

    [Fact]
    public async Task SearchAsync_RoomTypeOrRoomClassRules_NarrowsToThatKindAndBothMeansAll()
    {
        await Rule("RT");
        await Rule("RC", from: "STD", to: "DLX", byRoomType: false);

        Assert.Equal(["RT"], await CodesAsync(new UpsellRuleCriteria { RoomTypeRules = true }));
        Assert.Equal(["RC"], await CodesAsync(new UpsellRuleCriteria { RoomClassRules = true }));
        Assert.Equal(["RC", "RT"], await CodesAsync(new UpsellRuleCriteria { RoomTypeRules = true, RoomClassRules = true }));
    }

    [Fact]
    public async Task SearchAsync_FromAndToRoomType_AlsoMatchRoomClassRulesOfTheirClass()
    {
        await Rule("STDK-DLXK");
        await Rule("STDQ-DLXK", from: "STDQ");
        await Rule("STD-DLX", from: "STD", to: "DLX", byRoomType: false);
        await Rule("DLX-STD", from: "DLX", to: "STD", byRoomType: false);

        Assert.Equal(["STD-DLX", "STDK-DLXK"], await CodesAsync(new UpsellRuleCriteria { FromRoomType = "STDK" }));
        Assert.Equal(["STD-DLX", "STDK-DLXK", "STDQ-DLXK"], await CodesAsync(new UpsellRuleCriteria { ToRoomType = "DLXK" }));
        Assert.Equal(["STD-DLX", "STDQ-DLXK"], await CodesAsync(new UpsellRuleCriteria { FromRoomType = "STDQ", ToRoomType = "DLXK" }));
    }

    [Fact]
    public async Task SearchAsync_PagingAndSorting_HappenInTheQuery()
    {
        for (var i = 1; i <= 7; i++)
        {
            await Rule($"R{i}", description: $"Description {8 - i}", begin: new DateOnly(2026, 12, i));
        }
        var service = _db.Get<IUpsellRuleService>();
        var ct = TestContext.Current.CancellationToken;

        var page2 = await service.SearchAsync(_ids.Tst, new UpsellRuleCriteria(), new PageRequest(1, 3), ct);
        Assert.Equal(7, page2.TotalItems);
        Assert.Equal(["R4", "R5", "R6"], page2.Items.Select(r => r.Code));

        var byDescription = await service.SearchAsync(_ids.Tst, new UpsellRuleCriteria(), new PageRequest(0, 2, nameof(UpsellRuleRow.Description)), ct);
        Assert.Equal(["R7", "R6"], byDescription.Items.Select(r => r.Code));

        var byBeginDesc = await service.SearchAsync(_ids.Tst, new UpsellRuleCriteria(), new PageRequest(2, 3, nameof(UpsellRuleRow.BeginDate), Descending: true), ct);
        Assert.Equal(["R1"], byBeginDesc.Items.Select(r => r.Code));
        Assert.Equal((7, false), (byBeginDesc.TotalItems, byBeginDesc.TotalIsLowerBound));

        var pastTheEnd = await service.SearchAsync(_ids.Tst, new UpsellRuleCriteria(), new PageRequest(5, 3), ct);
        Assert.Equal((0, 7), (pastTheEnd.Items.Count, pastTheEnd.TotalItems));
    }

    [Fact]
    public async Task SearchAsync_MoreMatchesThanTheCountLooksAhead_ReportsALowerBoundThatGrowsWithThePage()
    {
        await using (var db = await _db.CreateDbContextAsync())
        {
            var rows = 50 + UpsellRuleService.CountLookahead + 50;
            // Bulk rows straight in SQL (numbers only, no user input).
            var sql = $"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
                INSERT INTO UpsellRules (PropertyId, Code, Description, BeginDate, EndDate, UpsellByRoomType, FromCode, ToCode, Formula,
                    UpsellAmount, CurrencyCode, RoundingRule, DaysInAdvance, UpsellByOccupancyLevels, FilterKinds, CreatedUtc, UpdatedUtc, UpdatedBy, Version)
                SELECT {_ids.Tst}, printf('M%05d', i), 'Many ' || i, NULL, NULL, 1, 'STDK', 'DLXK', 'FlatAmountAddedToOriginalRate',
                    '10.0', 'USD', 'None', NULL, 0, 0, '2026-11-01 00:00:00+00:00', '2026-11-01 00:00:00+00:00', 'test', upper(hex(randomblob(16)))
                FROM n
                """;
            await db.Database.ExecuteSqlRawAsync(sql, TestContext.Current.CancellationToken);
        }
        var service = _db.Get<IUpsellRuleService>();
        var ct = TestContext.Current.CancellationToken;

        var first = await service.SearchAsync(_ids.Tst, new UpsellRuleCriteria(), new PageRequest(0, 50), ct);
        var third = await service.SearchAsync(_ids.Tst, new UpsellRuleCriteria(), new PageRequest(2, 50), ct);
        var ids = await service.SearchIdsAsync(_ids.Tst, new UpsellRuleCriteria(), ct);

        Assert.Equal((50 + UpsellRuleService.CountLookahead, true), (first.TotalItems, first.TotalIsLowerBound));
        Assert.Equal((50 + UpsellRuleService.CountLookahead + 50, false), (third.TotalItems, third.TotalIsLowerBound));
        Assert.Equal(50 + UpsellRuleService.CountLookahead + 50, ids.Count); // the All button still gets every id
    }

    [Fact]
    public async Task SearchAsync_Row_HasOperaColumnsAsCommaSeparatedCodes()
    {
        await Rule("FULL", begin: new DateOnly(2026, 12, 1), end: new DateOnly(2027, 1, 31), filters:
            ["RateCode:BARBB", "RateCode:BAR", "Membership:PC01/GOLD", "Membership:AIR", "Channel:WEB", "Channel:GDS", "ReservationType:GUA", "Market:TRANS"]);
        await Rule("CLASS", from: "STD", to: "DLX", byRoomType: false, filters: "RateCategory:PUB");

        var result = await _db.Get<IUpsellRuleService>().SearchAsync(_ids.Tst, new UpsellRuleCriteria(), FirstPage, TestContext.Current.CancellationToken);

        var full = result.Items.Single(r => r.Code == "FULL");
        Assert.Equal(("STDK", "DLXK", "Room Type"), (full.From, full.To, full.Type));
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31)), (full.BeginDate, full.EndDate));
        Assert.Equal("BAR, BARBB", full.RateCodeCategoryList);
        Assert.Equal("AIR, PC01/GOLD", full.MembershipTypesLevels);
        Assert.Equal("GDS, WEB", full.Channels);
        Assert.Equal("GUA", full.ReservationTypes);
        Assert.Equal("TRANS", full.MarketSegments);
        Assert.Empty(full.Warnings);
        var cls = result.Items.Single(r => r.Code == "CLASS");
        Assert.Equal(("Room Class", "PUB", ""), (cls.Type, cls.RateCodeCategoryList, cls.Channels));
    }

    [Fact]
    public async Task SearchAsync_RuleNamingInactiveOrMissingCodes_CarriesWarnings()
    {
        await Rule("BAD", to: "SUI", filters: ["Channel:OTA", "Membership:PC01/DIAMOND"]);

        var row = (await _db.Get<IUpsellRuleService>().SearchAsync(_ids.Tst, new UpsellRuleCriteria(), FirstPage, TestContext.Current.CancellationToken)).Items.Single();

        Assert.Contains("Room type SUI is inactive", row.Warnings);
        Assert.Contains("Channel OTA does not exist in this property", row.Warnings);
        Assert.Contains("Membership level PC01/DIAMOND does not exist in this property", row.Warnings);
    }

    [Fact]
    public async Task SearchIdsAsync_ReturnsEveryMatchingIdAcrossPages()
    {
        var a = await Rule("A", filters: "Channel:WEB");
        var b = await Rule("B");
        await Rule("C", filters: "Channel:GDS");

        var ids = await _db.Get<IUpsellRuleService>().SearchIdsAsync(_ids.Tst, new UpsellRuleCriteria { Channel = "WEB" }, TestContext.Current.CancellationToken);

        Assert.Equal([a, b], ids);
    }

    [Fact]
    public async Task SearchAsync_PropertyTheUserMayNotSee_ReturnsNothing()
    {
        await TestData.AddRuleAsync(_db, _ids.Oth, "OTHER");

        var result = await _db.Get<IUpsellRuleService>().SearchAsync(_ids.Oth, new UpsellRuleCriteria(), FirstPage, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.TotalItems);
    }
}
