using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Loyalty;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Loyalty;

/// <summary>The loyalty service through the real gateway against the simulator over HTTP (portfolio token).</summary>
public sealed class LoyaltyServiceTests : IAsyncLifetime
{
    private static readonly string Chain = LoyaltyHarness.Chain;
    private LoyaltyHarness _h = default!;
    private ILoyaltyService _loyalty = default!;

    public async ValueTask InitializeAsync()
    {
        _h = await LoyaltyHarness.StartAsync(TestContext.Current.CancellationToken);
        _loyalty = _h.As(Roles.RevenueManager);
    }

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task GetChains_PortfolioToken_OffersTheChainOfTheKnownPropertiesByName()
    {
        var choice = await _loyalty.GetChainsAsync(TestContext.Current.CancellationToken);

        Assert.True(choice.IsPortfolio);
        Assert.Null(choice.Error);
        var chain = Assert.Single(choice.Chains);
        Assert.Equal((Chain, "Connector API Chain"), (chain.Id, chain.Name));
    }

    [Fact]
    public async Task Programs_AddTwoUpdateDelete_EachStepVisibleInGetAllAndInTheLocalMembershipTypes()
    {
        var ct = TestContext.Current.CancellationToken;
        var added = await _loyalty.AddProgramsAsync(Chain,
        [
            new LoyaltyProgramForm { Name = "Bronze Friends", Code = "BF01", Type = LoyaltyProgramType.Hotel, Subscription = LoyaltySubscription.Free },
            new LoyaltyProgramForm { Name = "Partner Miles", Code = "PM02", Type = LoyaltyProgramType.ExternalPartner, Subscription = LoyaltySubscription.Paid },
        ], ct);
        Assert.True(added.Succeeded, added.Message);

        var programs = await _loyalty.GetProgramsAsync(Chain, new LoyaltyProgramQuery(["BF01", "PM02"]), ct);
        Assert.Equal(["Bronze Friends", "Partner Miles"], programs.Select(p => p.Name));
        var miles = programs.Single(p => p.Code == "PM02");
        Assert.Equal((LoyaltyProgramType.ExternalPartner, LoyaltySubscription.Paid, Chain), (miles.Type, miles.Subscription, miles.ChainId));
        Assert.Equal(2, await LocalTypesAsync("BF01", "PM02", active: true));

        var form = LoyaltyProgramForm.From(miles);
        form.Name = "Partner Miles Plus";
        form.Subscription = LoyaltySubscription.Free;
        var updated = await _loyalty.UpdateProgramAsync(Chain, form, ct);
        Assert.True(updated.Succeeded, updated.Message);
        var after = Assert.Single(await _loyalty.GetProgramsAsync(Chain, new LoyaltyProgramQuery(["PM02"]), ct));
        Assert.Equal(("Partner Miles Plus", LoyaltySubscription.Free), (after.Name, after.Subscription));

        var deleted = await _loyalty.DeleteProgramsAsync(Chain, programs.Select(p => p.Id).ToList(), ct);
        Assert.True(deleted.Succeeded, deleted.Message);
        Assert.Empty(await _loyalty.GetProgramsAsync(Chain, new LoyaltyProgramQuery(["BF01", "PM02"]), ct));
        var withDeleted = await _loyalty.GetProgramsAsync(Chain, new LoyaltyProgramQuery(["BF01", "PM02"], IncludeDeleted: true), ct);
        Assert.All(withDeleted, p => Assert.True(p.IsDeleted));
        // Deleted in Mews → deactivated locally (never deleted), so rules naming them are flagged.
        Assert.Equal(0, await LocalTypesAsync("BF01", "PM02", active: true));
        Assert.Equal(2, await LocalTypesAsync("BF01", "PM02", active: false));
    }

    [Fact]
    public async Task AddPrograms_CodeAlreadyInTheChainOrTwiceInTheList_NothingIsSent()
    {
        var ct = TestContext.Current.CancellationToken;
        var result = await _loyalty.AddProgramsAsync(Chain,
        [
            new LoyaltyProgramForm { Name = "New One", Code = "NEW1" },
            new LoyaltyProgramForm { Name = "Again", Code = "pc01" },
            new LoyaltyProgramForm { Name = "Twice", Code = "new1" },
            new LoyaltyProgramForm { Name = "", Code = "" },
        ], ct);

        Assert.Equal(LoyaltyWriteStatus.Invalid, result.Status);
        Assert.Contains(result.Errors, e => e.Field == "Items[2].Code" && e.Message.Contains("twice", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Field == "Items[3].Name");
        Assert.Empty(await _loyalty.GetProgramsAsync(Chain, new LoyaltyProgramQuery(["NEW1"]), ct));

        var taken = await _loyalty.AddProgramsAsync(Chain, [new LoyaltyProgramForm { Name = "Again", Code = "pc01" }], ct);
        Assert.Equal(LoyaltyWriteStatus.Invalid, taken.Status);
        Assert.Contains("Platinum Club", Assert.Single(taken.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletePrograms_OneHasActiveMemberships_NothingIsDeletedAndTheProgramIsNamed()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True((await _loyalty.AddProgramsAsync(Chain, [new LoyaltyProgramForm { Name = "Empty Club", Code = "EMPTY" }], ct)).Succeeded);
        var all = await _loyalty.GetProgramsAsync(Chain, null, ct);
        var ids = all.Where(p => p.Code is "EMPTY" or "PC01").Select(p => p.Id).ToList();

        var result = await _loyalty.DeleteProgramsAsync(Chain, ids, ct);

        Assert.Equal(LoyaltyWriteStatus.Invalid, result.Status);
        Assert.Contains("Platinum Club (PC01) has", result.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was deleted", result.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await _loyalty.GetProgramsAsync(Chain, new LoyaltyProgramQuery(["EMPTY", "PC01"]), ct)).Count);
    }

    [Fact]
    public async Task Tiers_AddUpdateDelete_VisibleInGetAllInOrderingAndInTheLocalLevels()
    {
        var ct = TestContext.Current.CancellationToken;
        var rewards = DemoIds.ConnectorRewards.ToString();
        var added = await _loyalty.AddTiersAsync(Chain,
        [
            new LoyaltyTierForm { ProgramId = rewards, Name = "Gold", Code = "G", Ordering = 1 },
            new LoyaltyTierForm { ProgramId = rewards, Name = "Silver", Code = "S", Ordering = 2 },
        ], ct);
        Assert.True(added.Succeeded, added.Message);
        var tiers = await _loyalty.GetTiersAsync(Chain, rewards, ct);
        Assert.Equal(["Gold", "Silver"], tiers.Select(t => t.Name));
        Assert.Equal(["G", "S"], await LocalLevelsAsync(rewards, active: true));

        var silver = LoyaltyTierForm.From(tiers[1]);
        (silver.Name, silver.Ordering) = ("Silver Elite", 0);
        var updated = await _loyalty.UpdateTierAsync(Chain, silver, ct);
        Assert.True(updated.Succeeded, updated.Message);
        Assert.Equal(["Silver Elite", "Gold"], (await _loyalty.GetTiersAsync(Chain, rewards, ct)).Select(t => t.Name));

        var deleted = await _loyalty.DeleteTiersAsync(Chain, rewards, [tiers[0].Id], ct);
        Assert.True(deleted.Succeeded, deleted.Message);
        Assert.Equal(["Silver Elite"], (await _loyalty.GetTiersAsync(Chain, rewards, ct)).Select(t => t.Name));
        Assert.Equal(["S"], await LocalLevelsAsync(rewards, active: true));
        Assert.Equal(["G"], await LocalLevelsAsync(rewards, active: false));
    }

    [Fact]
    public async Task Memberships_EnrollJohnSmithFindUpdateDelete_ThroughCustomerProgramAndTier()
    {
        var ct = TestContext.Current.CancellationToken;
        var john = Assert.Single(await _loyalty.FindCustomersAsync(Chain, "John Smith", ct));
        Assert.Equal(john.Id, Assert.Single(await _loyalty.FindCustomersAsync(Chain, "j.smith@example.com", ct)).Id);
        Assert.Contains(await _loyalty.FindCustomersAsync(Chain, "smith", ct), c => c.Id == john.Id);

        var rewards = DemoIds.ConnectorRewards.ToString();
        Assert.True((await _loyalty.AddTiersAsync(Chain, [new LoyaltyTierForm { ProgramId = rewards, Name = "Star", Code = "STAR", Ordering = 1 }], ct)).Succeeded);
        var star = Assert.Single(await _loyalty.GetTiersAsync(Chain, rewards, ct));

        var added = await _loyalty.AddMembershipAsync(Chain, new LoyaltyMembershipForm
        {
            Customer = john,
            ProgramId = rewards,
            TierId = star.Id,
            State = LoyaltyMembershipState.Pending,
            Points = 120,
            ExpirationDate = new DateTime(2027, 12, 31),
            Url = "https://rewards.example.com/john",
            MembershipNumber = "CR-0001",
            IsPrimary = true,
        }, ct);
        Assert.True(added.Succeeded, added.Message);

        var byCustomer = await _loyalty.FindMembershipsAsync(Chain, new LoyaltyMembershipQuery(Customer: "John Smith"), ct);
        Assert.Equal(3, byCustomer.Rows.Count); // Platinum, Gold (seeded) and the new one
        var row = Assert.Single(byCustomer.Rows, r => r.ProgramId == rewards);
        Assert.Equal(("John Smith", "Connector Rewards", "Star", LoyaltyMembershipState.Pending, true, 120, "CR-0001", "https://rewards.example.com/john"),
            (row.CustomerName, row.ProgramName, row.TierName, row.State, row.IsPrimary, row.Points, row.MembershipNumber, row.Url));
        Assert.Equal(new DateOnly(2027, 12, 31), DateOnly.FromDateTime(row.ExpirationDate!.Value.UtcDateTime));
        Assert.Equal([row.Id], (await _loyalty.FindMembershipsAsync(Chain, new LoyaltyMembershipQuery(ProgramId: rewards), ct)).Rows.Select(r => r.Id));
        Assert.Equal([row.Id], (await _loyalty.FindMembershipsAsync(Chain, new LoyaltyMembershipQuery(ProgramId: rewards, TierId: star.Id), ct)).Rows.Select(r => r.Id));

        var form = LoyaltyMembershipForm.From(row);
        (form.Points, form.State, form.TierId, form.ProviderMembershipId) = (300, LoyaltyMembershipState.Enrolled, null, "PRV-42");
        var updated = await _loyalty.UpdateMembershipAsync(Chain, form, ct);
        Assert.True(updated.Succeeded, updated.Message);
        var after = Assert.Single((await _loyalty.FindMembershipsAsync(Chain, new LoyaltyMembershipQuery(ProgramId: rewards), ct)).Rows);
        Assert.Equal((300, LoyaltyMembershipState.Enrolled, (string?)null, "PRV-42"), (after.Points, after.State, after.TierId, after.ProviderMembershipId));

        var deleted = await _loyalty.DeleteMembershipsAsync(Chain, [row.Id], ct);
        Assert.True(deleted.Succeeded, deleted.Message);
        Assert.Empty((await _loyalty.FindMembershipsAsync(Chain, new LoyaltyMembershipQuery(ProgramId: rewards), ct)).Rows);
    }

    [Fact]
    public async Task AddMembership_CustomerAlreadyHasAPrimary_ExplainedOnIsPrimaryAndNothingSent()
    {
        var ct = TestContext.Current.CancellationToken;
        var platinum = Assert.Single((await _loyalty.FindMembershipsAsync(Chain, new LoyaltyMembershipQuery(AccountId: DemoIds.JohnSmith.ToString(), ProgramId: DemoIds.PlatinumClub.ToString()), ct)).Rows);
        var makePrimary = LoyaltyMembershipForm.From(platinum);
        makePrimary.IsPrimary = true;
        Assert.True((await _loyalty.UpdateMembershipAsync(Chain, makePrimary, ct)).Succeeded);

        var john = Assert.Single(await _loyalty.FindCustomersAsync(Chain, "John Smith", ct));
        var result = await _loyalty.AddMembershipAsync(Chain, new LoyaltyMembershipForm { Customer = john, ProgramId = DemoIds.ConnectorRewards.ToString(), IsPrimary = true }, ct);

        Assert.Equal(LoyaltyWriteStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal(nameof(LoyaltyMembershipForm.IsPrimary), error.Field);
        Assert.Contains("Platinum Club is already the primary one", error.Message, StringComparison.Ordinal);
        Assert.Empty((await _loyalty.FindMembershipsAsync(Chain, new LoyaltyMembershipQuery(ProgramId: DemoIds.ConnectorRewards.ToString()), ct)).Rows);
    }

    [Fact]
    public async Task AddMembership_MewsRefuses_ItsMessageComesBackAsItCame()
    {
        var ct = TestContext.Current.CancellationToken;
        var ghost = new LoyaltyCustomerRow(Guid.NewGuid().ToString(), "Nobody", null, null);

        var result = await _loyalty.AddMembershipAsync(Chain, new LoyaltyMembershipForm { Customer = ghost, ProgramId = DemoIds.ConnectorRewards.ToString() }, ct);

        Assert.Equal(LoyaltyWriteStatus.Rejected, result.Status);
        Assert.Equal(400, result.MewsStatusCode);
        Assert.Equal("Invalid AccountId", result.Message);
        Assert.StartsWith("Mews refused the change (400): Invalid AccountId", LoyaltyResultText.MewsRefusal(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPrograms_MewsFailsTheList_EveryItemIsReportedAndNothingIsLeftInMews()
    {
        var ct = TestContext.Current.CancellationToken;
        _h.Simulator.Options.FaultOperations = new HashSet<string> { "loyaltyPrograms/add" };
        _h.Simulator.Options.ServerErrorRate = 1;

        var result = await _loyalty.AddProgramsAsync(Chain,
        [
            new LoyaltyProgramForm { Name = "One", Code = "ONE" },
            new LoyaltyProgramForm { Name = "Two", Code = "TWO" },
        ], ct);
        _h.Simulator.Options.ServerErrorRate = 0;

        Assert.Equal(LoyaltyWriteStatus.Rejected, result.Status);
        Assert.Equal(["One (ONE)", "Two (TWO)"], result.Items.Select(i => i.Item));
        Assert.All(result.Items, i => Assert.False(i.Applied));
        Assert.Empty(await _loyalty.GetProgramsAsync(Chain, new LoyaltyProgramQuery(["ONE", "TWO"]), ct));
        Assert.StartsWith("Nothing was changed in Mews.", LoyaltyResultText.Items(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_AsFrontDesk_AreRefusedWithoutCallingMews()
    {
        var ct = TestContext.Current.CancellationToken;
        var frontDesk = _h.As(Roles.FrontDesk);

        var result = await frontDesk.AddProgramsAsync(Chain, [new LoyaltyProgramForm { Name = "Sneaky", Code = "SNK" }], ct);

        Assert.Equal(LoyaltyWriteStatus.Forbidden, result.Status);
        Assert.NotEmpty(await frontDesk.GetProgramsAsync(Chain, null, ct)); // reads are fine
        Assert.Empty(await frontDesk.GetProgramsAsync(Chain, new LoyaltyProgramQuery(["SNK"]), ct));
    }

    [Fact]
    public async Task DeleteTierThenProgram_ARuleNamingThem_IsFlaggedOnTheRulesGrid()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True((await _loyalty.AddProgramsAsync(Chain, [new LoyaltyProgramForm { Name = "Rule Club", Code = "RULEX" }], ct)).Succeeded);
        var program = Assert.Single(await _loyalty.GetProgramsAsync(Chain, new LoyaltyProgramQuery(["RULEX"]), ct));
        Assert.True((await _loyalty.AddTiersAsync(Chain, [new LoyaltyTierForm { ProgramId = program.Id, Name = "Top", Code = "T1", Ordering = 1 }], ct)).Succeeded);
        var tier = Assert.Single(await _loyalty.GetTiersAsync(Chain, program.Id, ct));
        int propertyId;
        await using (var db = await _h.Db.CreateDbContextAsync(ct))
        {
            propertyId = await db.Properties.Where(p => p.Code == "CAH").Select(p => p.Id).SingleAsync(ct);
            var rule = new UpsellRule
            {
                PropertyId = propertyId, Code = "LOY1", Description = "Loyal guests", FromCode = "A", ToCode = "B", CurrencyCode = "GBP",
                Filters = [new UpsellRuleFilterValue { Kind = RuleFilterKind.Membership, Value = "RULEX", Level = "T1" }],
            };
            rule.RefreshFilterKinds();
            db.UpsellRules.Add(rule);
            await db.SaveChangesAsync(ct);
        }
        var rules = _h.ScopeAs(Roles.Administrator).GetRequiredService<IUpsellRuleService>();
        async Task<IReadOnlyList<string>> WarningsAsync() =>
            Assert.Single((await rules.SearchAsync(propertyId, new UpsellRuleCriteria { CodeOrDescription = "LOY1" }, new PageRequest(0, 10), ct)).Items).Warnings;
        Assert.DoesNotContain(await WarningsAsync(), w => w.Contains("RULEX", StringComparison.Ordinal));

        Assert.True((await _loyalty.DeleteTiersAsync(Chain, program.Id, [tier.Id], ct)).Succeeded);
        Assert.Contains("Membership level RULEX/T1 is inactive", await WarningsAsync());

        Assert.True((await _loyalty.DeleteProgramsAsync(Chain, [program.Id], ct)).Succeeded);
        Assert.Contains("Membership level RULEX/T1 is inactive", await WarningsAsync());
        await using (var db = await _h.Db.CreateDbContextAsync(ct))
        {
            Assert.False(await db.MembershipTypes.Where(t => t.PropertyId == propertyId && t.Code == "RULEX").Select(t => t.IsActive).SingleAsync(ct));
        }
    }

    private async Task<int> LocalTypesAsync(string code1, string code2, bool active)
    {
        await using var db = await _h.Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var counts = await db.MembershipTypes.Where(t => (t.Code == code1 || t.Code == code2) && t.IsActive == active)
            .GroupBy(t => t.PropertyId).Select(g => g.Count()).ToListAsync(TestContext.Current.CancellationToken);
        Assert.True(counts.Count is 0 or 2, "both properties of the chain get the same types");
        return counts.FirstOrDefault();
    }

    private async Task<List<string>> LocalLevelsAsync(string programId, bool active)
    {
        await using var db = await _h.Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var id = Guid.Parse(programId);
        var property = await db.Properties.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(TestContext.Current.CancellationToken);
        return await db.MembershipTypes.Where(t => t.PropertyId == property && t.MewsId == id)
            .SelectMany(t => t.Levels).Where(l => l.IsActive == active).OrderBy(l => l.Code).Select(l => l.Code)
            .ToListAsync(TestContext.Current.CancellationToken);
    }
}
