namespace UpsellAdmin.Architecture.Tests;

/// <summary>The layering rule itself, on made-up dependencies: it must catch what the architecture test relies on.</summary>
public sealed class FeatureLayersTests
{
    private const string F = FeatureLayers.FeaturesNamespace;

    [Fact]
    public void Violations_BottomFeatureUsesTopFeature_NamesBothTypes()
    {
        var violations = FeatureLayers.Violations([($"{F}.Properties.PropertyService", $"{F}.Quotes.QuoteService")]);

        var message = Assert.Single(violations);
        Assert.Contains($"{F}.Properties.PropertyService", message, StringComparison.Ordinal);
        Assert.Contains($"{F}.Quotes.QuoteService", message, StringComparison.Ordinal);
        Assert.Contains("above it", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Violations_TopFeatureUsesFeatureBesideIt_IsReported()
    {
        var violations = FeatureLayers.Violations([($"{F}.Loyalty.LoyaltyService+<AddAsync>d__4", $"{F}.Sync.MewsSyncService")]);

        Assert.Equal([$"{F}.Loyalty.LoyaltyService (Loyalty, layer 7) uses {F}.Sync.MewsSyncService (Sync, layer 7), a feature beside it."], violations);
    }

    [Fact]
    public void Violations_DownwardSameFeatureOutsideAndRoot_AreAllowed()
    {
        Assert.Empty(FeatureLayers.Violations([
            ($"{F}.Quotes.QuoteService", $"{F}.UpsellRules.UpsellRuleMapping"),
            ($"{F}.Quotes.QuoteService", $"{F}.Quotes.PropertySetupCache"),
            ($"{F}.Quotes.QuoteService", "UpsellAdmin.Web.Data.AppDbContext"),
            ($"{F}.FeatureSetup", $"{F}.Api.ApiSetup"),
            ("UpsellAdmin.Web.Components.Layout.NavMenu", $"{F}.Accounts.Roles"),
        ]));
    }

    [Fact]
    public void Violations_UnknownFeature_AsksForALayer()
    {
        var violations = FeatureLayers.Violations([($"{F}.Nowhere.SomeService", $"{F}.Common.PageRequest")]);

        Assert.Contains("'Nowhere'", Assert.Single(violations), StringComparison.Ordinal);
    }
}
