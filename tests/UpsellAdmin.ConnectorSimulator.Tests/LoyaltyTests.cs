using System.Net;

namespace UpsellAdmin.ConnectorSimulator.Tests;

public sealed class LoyaltyTests : SimulatorTestBase
{
    [Fact]
    public async Task LoyaltyPrograms_AddUpdateDelete_EachVisibleOnRead()
    {
        var added = await Client.PostAsync("loyaltyPrograms/add", Json("""{"LoyaltyPrograms":[{"Name":"Diamond Circle","Code":"DC01","Type":"Hotel","Subscription":"Paid"}]}"""), Ct);
        var id = added.Array("LoyaltyPrograms")[0]!["Id"]!.GetValue<string>();
        Assert.Equal(DemoIds.Chain.ToString(), added.Array("LoyaltyPrograms")[0]!["ChainId"]!.GetValue<string>());

        var updated = await Client.PostAsync("loyaltyPrograms/update", Json($$$"""{"LoyaltyProgramUpdates":[{"LoyaltyProgramId":"{{{id}}}","Name":{"Value":"Diamond Circle Plus"},"Subscription":{"Value":"Free"}}]}"""), Ct);
        var read = await Client.PostAsync("loyaltyPrograms/getAll", Json($$$"""{"LoyaltyProgramIds":["{{{id}}}"],"Limitation":{"Count":10}}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        var program = Assert.Single(read.Array("LoyaltyPrograms"))!;
        Assert.Equal("Diamond Circle Plus", program["Name"]!.GetValue<string>());
        Assert.Equal("DC01", program["Code"]!.GetValue<string>());
        Assert.Equal("Free", program["Subscription"]!.GetValue<string>());

        var deleted = await Client.PostAsync("loyaltyPrograms/delete", Json($$$"""{"LoyaltyProgramIds":["{{{id}}}"]}"""), Ct);
        var active = await Client.PostAsync("loyaltyPrograms/getAll", Json($$$"""{"LoyaltyProgramIds":["{{{id}}}"],"Limitation":{"Count":10}}"""), Ct);
        var deletedRead = await Client.PostAsync("loyaltyPrograms/getAll", Json($$$"""{"LoyaltyProgramIds":["{{{id}}}"],"ActivityStates":["Deleted"],"Limitation":{"Count":10}}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("{}", deleted.RawBody);
        Assert.Empty(active.Array("LoyaltyPrograms"));
        Assert.Single(deletedRead.Array("LoyaltyPrograms"));
    }

    [Fact]
    public async Task LoyaltyPrograms_DeleteWithActiveMemberships_Returns403()
    {
        var response = await Client.PostAsync("loyaltyPrograms/delete", Json($$$"""{"LoyaltyProgramIds":["{{{DemoIds.PlatinumClub}}}"]}"""), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Contains("Platinum Club", response.Object["Message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(Server.Store.LoyaltyPrograms.Single(p => p.Id == DemoIds.PlatinumClub).IsDeleted);
    }

    [Fact]
    public async Task LoyaltyPrograms_UpdateUnknownId_Returns400()
    {
        var response = await Client.PostAsync("loyaltyPrograms/update", Json($$$"""{"LoyaltyProgramUpdates":[{"LoyaltyProgramId":"{{{Guid.NewGuid()}}}","Name":{"Value":"X"}}]}"""), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task LoyaltyPrograms_AddWithInvalidType_Returns400()
    {
        var response = await Client.PostAsync("loyaltyPrograms/add", Json("""{"LoyaltyPrograms":[{"Name":"X","Code":"X","Type":"Airline","Subscription":"Free"}]}"""), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid Type", response.Object["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task LoyaltyTiers_AddUpdateDelete_EachVisibleOnRead()
    {
        var added = await Client.PostAsync("loyaltyTiers/add", Json($$$"""{"LoyaltyTiers":[{"LoyaltyProgramId":"{{{DemoIds.PlatinumClub}}}","Name":"Diamond","Code":"D0","Ordering":0}]}"""), Ct);
        var id = added.Array("LoyaltyTiers")[0]!["Id"]!.GetValue<string>();
        await Client.PostAsync("loyaltyTiers/update", Json($$$"""{"LoyaltyTierUpdates":[{"LoyaltyTierId":"{{{id}}}","Code":{"Value":"D1"}}]}"""), Ct);

        var read = await Client.PostAsync("loyaltyTiers/getAll", Json($$$"""{"LoyaltyProgramIds":["{{{DemoIds.PlatinumClub}}}"],"Limitation":{"Count":100}}"""), Ct);
        var tier = read.Array("LoyaltyTiers")[0]!;
        Assert.Equal(id, tier["Id"]!.GetValue<string>());
        Assert.Equal("D1", tier["Code"]!.GetValue<string>());
        Assert.Equal(4, read.Array("LoyaltyTiers").Count);

        await Client.PostAsync("loyaltyTiers/delete", Json($$$"""{"LoyaltyTierIds":["{{{id}}}"]}"""), Ct);
        var after = await Client.PostAsync("loyaltyTiers/getAll", Json($$$"""{"LoyaltyProgramIds":["{{{DemoIds.PlatinumClub}}}"],"Limitation":{"Count":100}}"""), Ct);
        Assert.Equal(3, after.Array("LoyaltyTiers").Count);
    }

    [Fact]
    public async Task LoyaltyTiers_AddToUnknownProgram_Returns400()
    {
        var response = await Client.PostAsync("loyaltyTiers/add", Json($$$"""{"LoyaltyTiers":[{"LoyaltyProgramId":"{{{Guid.NewGuid()}}}","Name":"X","Code":"X","Ordering":1}]}"""), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid LoyaltyProgramId", response.Object["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task LoyaltyMemberships_AddUpdateDelete_EachVisibleOnRead()
    {
        var added = await Client.PostAsync(
            "loyaltyMemberships/add",
            Json($$$"""{"LoyaltyMemberships":[{"AccountId":"{{{DemoIds.JaneDoe}}}","LoyaltyProgramId":"{{{DemoIds.PlatinumClub}}}","IsPrimary":true,"MembershipNumber":"PC-JANE","LoyaltyTierId":"{{{DemoIds.SilverTier}}}"}]}"""),
            Ct);
        Assert.Equal(HttpStatusCode.OK, added.Status);
        var membership = added.Array("LoyaltyMemberships")[0]!;
        var id = membership["Id"]!.GetValue<string>();
        Assert.Equal("Enrolled", membership["State"]!.GetValue<string>());
        Assert.Equal(id, added.Cursor);

        var updated = await Client.PostAsync(
            "loyaltyMemberships/update",
            Json($$$"""{"LoyaltyMembershipUpdates":[{"LoyaltyMembershipId":"{{{id}}}","Points":{"Value":1200},"LoyaltyTierId":{"Value":"{{{DemoIds.PlatinumTier}}}"},"Url":{"Value":null}}]}"""),
            Ct);
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        var read = await Client.PostAsync("loyaltyMemberships/getAll", Json($$$"""{"AccountIds":["{{{DemoIds.JaneDoe}}}"],"Limitation":{"Count":10}}"""), Ct);
        var stored = Assert.Single(read.Array("LoyaltyMemberships"))!;
        Assert.Equal(1200, stored["Points"]!.GetValue<int>());
        Assert.Equal(DemoIds.PlatinumTier.ToString(), stored["LoyaltyTierId"]!.GetValue<string>());
        Assert.Equal("PC-JANE", stored["MembershipNumber"]!.GetValue<string>());

        await Client.PostAsync("loyaltyMemberships/delete", Json($$$"""{"LoyaltyMembershipIds":["{{{id}}}"]}"""), Ct);
        var after = await Client.PostAsync("loyaltyMemberships/getAll", Json($$$"""{"AccountIds":["{{{DemoIds.JaneDoe}}}"],"Limitation":{"Count":10}}"""), Ct);
        Assert.Empty(after.Array("LoyaltyMemberships"));
    }

    [Fact]
    public async Task LoyaltyMemberships_AddSecondPrimary_Returns403()
    {
        var first = await Client.PostAsync(
            "loyaltyMemberships/add",
            Json($$$"""{"LoyaltyMemberships":[{"AccountId":"{{{DemoIds.JohnSmith}}}","LoyaltyProgramId":"{{{DemoIds.ConnectorRewards}}}","IsPrimary":true}]}"""),
            Ct);
        var second = await Client.PostAsync(
            "loyaltyMemberships/update",
            Json($$$"""{"LoyaltyMembershipUpdates":[{"LoyaltyMembershipId":"{{{DemoIds.JohnSmithPlatinumMembership}}}","IsPrimary":{"Value":true}}]}"""),
            Ct);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Forbidden, second.Status);
        Assert.False(Server.Store.LoyaltyMemberships.Single(m => m.Id == DemoIds.JohnSmithPlatinumMembership).IsPrimary);
    }

    [Fact]
    public async Task LoyaltyMemberships_TierOfAnotherProgram_Returns403()
    {
        var response = await Client.PostAsync(
            "loyaltyMemberships/add",
            Json($$$"""{"LoyaltyMemberships":[{"AccountId":"{{{DemoIds.JaneDoe}}}","LoyaltyProgramId":"{{{DemoIds.GoldExclusiveClub}}}","IsPrimary":false,"LoyaltyTierId":"{{{DemoIds.PlatinumTier}}}"}]}"""),
            Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
    }

    [Fact]
    public async Task LoyaltyMemberships_PortfolioTokenWithoutChainId_Returns400()
    {
        var portfolio = ClientFor(DemoTokens.PortfolioClientToken, DemoTokens.PortfolioAccessToken);
        var body = $$$"""{"AccountId":"{{{DemoIds.JaneDoe}}}","LoyaltyProgramId":"{{{DemoIds.PlatinumClub}}}","IsPrimary":false}""";

        var without = await portfolio.PostAsync("loyaltyMemberships/add", Json($$$"""{"LoyaltyMemberships":[{{{body}}}]}"""), Ct);
        var with = await portfolio.PostAsync("loyaltyMemberships/add", Json($$$"""{"ChainId":"{{{DemoIds.Chain}}}","LoyaltyMemberships":[{{{body}}}]}"""), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, without.Status);
        Assert.Equal("Invalid ChainId", without.Object["Message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, with.Status);
    }

    [Fact]
    public async Task LoyaltyMemberships_FilterByProgramAndState_ReturnsOnlyMatches()
    {
        var ids = await ReadAllIdsAsync(
            "loyaltyMemberships/getAll",
            "LoyaltyMemberships",
            () => Json($$$"""{"LoyaltyProgramIds":["{{{DemoIds.GoldExclusiveClub}}}"],"MembershipStates":["Enrolled"]}"""),
            10);

        var expected = Server.Store.LoyaltyMemberships.Where(m => m.LoyaltyProgramId == DemoIds.GoldExclusiveClub && m.State == "Enrolled" && !m.IsDeleted).Select(m => m.Id.ToString()).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids.ToHashSet());
    }
}
