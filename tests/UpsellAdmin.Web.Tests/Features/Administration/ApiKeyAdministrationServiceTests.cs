using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Tests.Features.Api;

namespace UpsellAdmin.Web.Tests.Features.Administration;

/// <summary>The API Keys page's service on real SQLite: what an Administrator (and someone else) gets.</summary>
public sealed class ApiKeyAdministrationServiceTests : IAsyncLifetime
{
    private ApiKeyApp _app = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _app = await ApiKeyApp.StartAsync(Ct);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static ApiKeyForm Form(string name = "booking-engine") => new() { Name = name, Read = true, Sell = true, PropertyCodes = ["SRC", "TGA"] };

    [Fact]
    public async Task Create_ShowsTheKeyOnce_AndStoresOnlyItsHashAndPrefix()
    {
        var created = await _app.Admin().CreateAsync(Form(), Ct);

        Assert.True(created.Result.Succeeded, created.Result.Message);
        Assert.StartsWith(ApiKeySecret.Marker, created.Key, StringComparison.Ordinal);
        Assert.True(created.Key!.Length >= 40);
        await using var db = await _app.Db.ContextAsync(Ct);
        var stored = await db.Set<ApiKey>().Include(k => k.Properties).AsNoTracking().SingleAsync(Ct);
        Assert.Equal(ApiKeySecret.Hash(created.Key), stored.KeyHash);
        Assert.Equal(created.Key[..ApiKey.PrefixLength], stored.Prefix);
        Assert.Equal(ApiScopes.Read | ApiScopes.Sell, stored.Scopes);
        Assert.Equal(2, stored.Properties.Count);
        Assert.Equal(ApiKeyApp.AdminName, stored.CreatedBy);
        var row = Assert.Single(await _app.Admin().GetKeysAsync(Ct), r => r.Source == ApiKeySource.Stored);
        Assert.Equal(("read, sell", "SRC, TGA", "Active"), (row.ScopesText, row.PropertiesText, row.StatusText));
    }

    [Fact]
    public async Task Create_TheSameNameAgain_EvenAfterRevoking_IsRefusedOnTheNameField()
    {
        Assert.True((await _app.Admin().CreateAsync(Form("Kiosk"), Ct)).Result.Succeeded);
        var id = (await _app.Admin().GetKeysAsync(Ct)).Single(r => r.Name == "Kiosk").Id!.Value;
        await _app.Admin().RevokeAsync(id, Ct);

        var again = await _app.Admin().CreateAsync(Form("kiosk"), Ct);

        var error = Assert.Single(again.Result.Errors);
        Assert.Equal(nameof(ApiKeyForm.Name), error.Field);
        Assert.Equal("A key called 'kiosk' exists already (revoked keys keep their names); choose another name.", error.Message);
        Assert.Null(again.Key);
    }

    [Theory]
    [InlineData("", "Name", "Enter a name: who uses the key, e.g. booking-engine. It is what Upsell Activity and the audit show.")]
    [InlineData("demo", "Name", "'demo' is reserved (demo mode's keys and the unnamed keys of the settings); choose another name.")]
    [InlineData("evil\nINFO forged", "Name", "Use letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit.")]
    public async Task Create_WithABadName_SaysWhatIsWrong(string name, string field, string message)
    {
        var created = await _app.Admin().CreateAsync(Form(name), Ct);

        Assert.Contains(created.Result.Errors, e => e.Field == field && e.Message == message);
        await using var db = await _app.Db.ContextAsync(Ct);
        Assert.False(await db.Set<ApiKey>().AnyAsync(Ct));
    }

    [Fact]
    public async Task Create_WithoutScopesOrProperties_SaysToChooseThem()
    {
        var created = await _app.Admin().CreateAsync(new ApiKeyForm { Name = "empty" }, Ct);

        Assert.Contains(created.Result.Errors, e => e is { Field: "Scopes", Message: "Choose at least one scope: read, quote, sell or copy." });
        Assert.Contains(created.Result.Errors, e => e is { Field: "PropertyCodes", Message: "Choose the properties the key may touch, or All properties." });
    }

    [Fact]
    public async Task RevenueManager_CreatingOrRevoking_IsRefused_AndSeesNoKeys()
    {
        var revenue = new UserContext("u-rm", "rm@test.local", new HashSet<string> { Roles.RevenueManager });
        Assert.True((await _app.Admin().CreateAsync(Form(), Ct)).Result.Succeeded);
        var id = (await _app.Admin().GetKeysAsync(Ct)).Single(r => r.Id is not null).Id!.Value;

        Assert.Equal(ApiKeyAdministrationService.ForbiddenMessage, (await _app.Admin(revenue).CreateAsync(Form("other"), Ct)).Result.Message);
        Assert.Equal(ApiKeyAdministrationService.ForbiddenMessage, (await _app.Admin(revenue).RevokeAsync(id, Ct)).Message);
        Assert.Empty(await _app.Admin(revenue).GetKeysAsync(Ct));
        Assert.False((await _app.Admin().GetKeysAsync(Ct)).Single(r => r.Id == id).IsRevoked);
    }
}
