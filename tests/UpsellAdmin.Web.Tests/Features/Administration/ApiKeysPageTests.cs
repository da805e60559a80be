using Bunit;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Administration;

public sealed class FakeApiKeyAdministrationService : IApiKeyAdministrationService
{
    public const string IssuedKey = "upk_TheKeyShownOnceAndNeverAgain0123456789abcd";

    public List<ApiKeyRow> Rows { get; } =
    [
        new(1, "booking-engine", "upk_3fA9xQ2b", ApiScopes.Read | ApiScopes.Quote | ApiScopes.Sell, false, ["HTL1"],
            new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero), "admin@demo.local", new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero),
            null, null, ApiKeySource.Stored),
        new(2, "old-kiosk", "upk_Zz81kLmN", ApiScopes.Read, true, [], new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero), "admin@demo.local",
            null, new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), "admin@demo.local", ApiKeySource.Stored),
        new(null, "demo", null, ApiScopes.All, true, [], null, "demo mode", null, null, null, ApiKeySource.Demo),
    ];

    public List<ApiKeyForm> Created { get; } = [];
    public List<int> Revoked { get; } = [];
    public AdminResult CreateResult { get; set; } = AdminResult.Ok;

    public Task<IReadOnlyList<ApiKeyRow>> GetKeysAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ApiKeyRow>>(Rows.ToList());

    public Task<IReadOnlyList<PropertyChoice>> GetPropertyChoicesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PropertyChoice>>([new(1, "HTL1", "Hotel One", true), new(2, "HTL2", "Hotel Two", true)]);

    public Task<ApiKeyCreated> CreateAsync(ApiKeyForm form, CancellationToken cancellationToken = default)
    {
        Created.Add(form);
        return Task.FromResult(CreateResult.Succeeded ? new ApiKeyCreated(AdminResult.Ok, IssuedKey, IssuedKey[..12]) : ApiKeyCreated.Fail(CreateResult));
    }

    public Task<AdminResult> RevokeAsync(int id, CancellationToken cancellationToken = default)
    {
        Revoked.Add(id);
        var i = Rows.FindIndex(r => r.Id == id);
        Rows[i] = Rows[i] with { RevokedUtc = DateTimeOffset.UtcNow, RevokedBy = "admin@demo.local" };
        return Task.FromResult(AdminResult.Ok);
    }
}

public sealed class ApiKeysPageTests : UiTestContext
{
    private readonly FakeApiKeyAdministrationService _keys = new();

    public ApiKeysPageTests()
    {
        Services.AddSingleton<IApiKeyAdministrationService>(_keys);
        SignInAs(Roles.Administrator);
        RenderProviders();
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> GridRows(IRenderedComponent<ApiKeysPage> cut) => cut.FindAll("tbody.mud-table-body tr.mud-table-row");

    [Fact]
    public void ApiKeysPage_ListsNamePrefixScopesPropertiesLastUseAndStatus_RevokeOnlyOnActiveStoredKeys()
    {
        var cut = Render<ApiKeysPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, GridRows(cut).Count));
        var first = GridRows(cut)[0].TextContent;
        Assert.Contains("booking-engine", first, StringComparison.Ordinal);
        Assert.Contains("upk_3fA9xQ2b…", first, StringComparison.Ordinal);
        Assert.Contains("read, quote, sell", first, StringComparison.Ordinal);
        Assert.Contains("HTL1", first, StringComparison.Ordinal);
        Assert.Contains("2026-12-07 08:00 UTC", first, StringComparison.Ordinal);
        Assert.Contains("Active", first, StringComparison.Ordinal);
        Assert.Contains("Revoked", GridRows(cut)[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Demo mode", GridRows(cut)[2].TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("[data-testid=api-key-revoke]"));
        Assert.Equal("2 active keys, 1 revoked", cut.Find("[data-testid=api-key-count]").TextContent.Trim());
    }

    [Fact]
    public void NewKey_SavedEmpty_SaysToNameItChooseScopesAndProperties_AndCreatesNothing()
    {
        var cut = Render<ApiKeysPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, GridRows(cut).Count));

        cut.Find("[data-testid=api-key-new]").Click();
        Dialogs.WaitForElement("[data-testid=api-key-create]").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("Enter a name: who uses the key, e.g. booking-engine. It is what Upsell Activity and the audit show.",
            string.Join(" | ", Dialogs.FindAll("div.mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim())), StringComparison.Ordinal));
        Assert.Equal("Choose at least one scope: read, quote, sell or copy.", Dialogs.Find("[data-testid=api-key-scopes-error]").TextContent.Trim());
        Assert.Equal("Choose the properties the key may touch, or All properties.", Dialogs.Find("[data-testid=api-key-properties-error]").TextContent.Trim());
        Assert.Empty(_keys.Created);
    }

    [Fact]
    public void NewKey_Created_IsShownOnceWithACopyButton()
    {
        var cut = Render<ApiKeysPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, GridRows(cut).Count));

        cut.Find("[data-testid=api-key-new]").Click();
        Dialogs.WaitForElement("[data-testid=api-key-field-name]").Input("pre-arrival-mail");
        CheckBox(Dialogs, "api-key-scope-quote").Change(true);
        CheckBox(Dialogs, "api-key-field-all-properties").Change(true);
        Dialogs.Find("[data-testid=api-key-create]").Click();

        var value = Dialogs.WaitForElement("[data-testid=api-key-value]");
        Assert.Equal(FakeApiKeyAdministrationService.IssuedKey, value.GetAttribute("value"));
        Assert.Contains("shown only this once", Dialogs.Markup, StringComparison.Ordinal);
        var created = Assert.Single(_keys.Created);
        Assert.Equal(("pre-arrival-mail", ApiScopes.Quote, true), (created.Name, created.Scopes, created.AllProperties));

        Dialogs.Find("[data-testid=api-key-copy]").Click();
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText" && (string?)i.Arguments[0] == FakeApiKeyAdministrationService.IssuedKey);
        Dialogs.Find("[data-testid=api-key-done]").Click();
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=api-key-shown-dialog]")));
        Assert.DoesNotContain(FakeApiKeyAdministrationService.IssuedKey, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void NewKey_NameTakenOnTheServer_ShowsTheMessageOnTheName()
    {
        _keys.CreateResult = AdminResult.Fail("A key called 'kiosk' exists already (revoked keys keep their names); choose another name.", nameof(ApiKeyForm.Name));
        var cut = Render<ApiKeysPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, GridRows(cut).Count));

        cut.Find("[data-testid=api-key-new]").Click();
        Dialogs.WaitForElement("[data-testid=api-key-field-name]").Input("kiosk");
        CheckBox(Dialogs, "api-key-scope-read").Change(true);
        CheckBox(Dialogs, "api-key-field-all-properties").Change(true);
        Dialogs.Find("[data-testid=api-key-create]").Click();

        // The error helper line also holds the name's counter ("5 / 80"), so the message is a part of its text.
        Dialogs.WaitForAssertion(() => Assert.Contains("A key called 'kiosk' exists already (revoked keys keep their names); choose another name.",
            string.Join(" | ", Dialogs.FindAll("div.mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim())), StringComparison.Ordinal));
        Assert.Empty(Dialogs.FindAll("[data-testid=api-key-shown-dialog]"));
    }

    [Fact]
    public void Revoke_AsksFirst_ThenRevokesAndShowsItRevoked()
    {
        var cut = Render<ApiKeysPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=api-key-revoke]")));

        cut.Find("[data-testid=api-key-revoke]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Revoke booking-engine?", Dialogs.Markup, StringComparison.Ordinal));
        Dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Revoke").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("API key booking-engine revoked", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal([1], _keys.Revoked);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=api-key-revoke]")));
    }
}
