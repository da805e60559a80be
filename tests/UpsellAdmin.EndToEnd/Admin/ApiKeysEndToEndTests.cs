using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UpsellAdmin.Web.Components;
using static Microsoft.Playwright.Assertions;
using static UpsellAdmin.EndToEnd.Admin.AdminUi;

namespace UpsellAdmin.EndToEnd.Admin;

/// <summary>The API Keys page in Chromium over the real app: a key is created, copied, used against /api, revoked.</summary>
[Collection(AdminCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ApiKeysEndToEndTests(AdminAppFixture app)
{
    // Grid columns: Name, Key, Scopes, Properties, Created, Last used, Status, actions.
    private const int PrefixCell = 1;
    private const int ScopesCell = 2;
    private const int PropertiesCell = 3;
    private const int LastUsedCell = 5;
    private const int StatusCell = 6;

    [Fact]
    public async Task Administrator_CreatesAReadKeyForOneProperty_CopiesIt_ItReadsThatPropertyOnly_ThenRevokedItIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        string propertyCode, otherCode;
        await using (var db = await app.Db.CreateDbContextAsync(ct))
        {
            var codes = await db.Properties.Where(p => p.IsActive && p.MewsEnterpriseId != null).OrderBy(p => p.Code).Select(p => p.Code).Take(2).ToListAsync(ct);
            (propertyCode, otherCode) = (codes[0], codes[1]);
        }
        var name = $"booking-engine-{NewId()}";

        var (page, errors) = await app.LogInAsync(AdminEmail, PageUrls.AdminApiKeys);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = app.BaseUrl });
        await page.SetViewportSizeAsync(1366, 768);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API Keys" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=nav-api-keys]")).ToBeVisibleAsync();
        // Demo mode's keys are listed, and cannot be revoked here.
        await Expect(Cell(Row(page, "demo"), StatusCell)).ToContainTextAsync("Demo mode");
        await Expect(Cell(Row(page, "demo-readonly"), ScopesCell)).ToHaveTextAsync("read");
        await AppFixture.ScreenshotAsync(page, "api-keys-1366");

        // Create: first with nothing filled in (the messages), then the key.
        await page.ClickAsync("[data-testid=api-key-new]");
        await Expect(Dialog(page)).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=api-key-create]");
        await Expect(FieldError(page, "Enter a name")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=api-key-scopes-error]")).ToHaveTextAsync("Choose at least one scope: read, quote, sell or copy.");
        await Expect(page.Locator("[data-testid=api-key-properties-error]")).ToHaveTextAsync("Choose the properties the key may touch, or All properties.");
        await AppFixture.ScreenshotAsync(page, "api-key-new-invalid-1366");
        await page.FillAsync("[data-testid=api-key-field-name]", name);
        await ToggleAsync(page, "api-key-scope-read");
        await ChooseAsync(page, "api-key-field-properties", propertyCode, closes: false);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("[data-testid=api-key-scopes-error]")).ToHaveCountAsync(0);
        await AppFixture.ScreenshotAsync(page, "api-key-new-1366");
        await page.ClickAsync("[data-testid=api-key-create]");

        // Shown once, copied with the button.
        var value = page.Locator("[data-testid=api-key-value]");
        await Expect(value).ToBeVisibleAsync();
        var key = await value.InputValueAsync();
        Assert.StartsWith("upk_", key, StringComparison.Ordinal);
        await page.ClickAsync("[data-testid=api-key-copy]");
        await Expect(page.Locator("[data-testid=api-key-copy]")).ToHaveTextAsync("Copied");
        Assert.Equal(key, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await AppFixture.ScreenshotAsync(page, "api-key-shown-1366");
        await page.ClickAsync("[data-testid=api-key-done]");
        await Expect(page.Locator("[data-testid=api-key-shown-dialog]")).ToHaveCountAsync(0);
        var row = Row(page, name);
        await Expect(Cell(row, PrefixCell)).ToHaveTextAsync(key[..12] + "…");
        await Expect(Cell(row, ScopesCell)).ToHaveTextAsync("read");
        await Expect(Cell(row, PropertiesCell)).ToHaveTextAsync(propertyCode);
        await Expect(Cell(row, StatusCell)).ToContainTextAsync("Active");
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);

        // The copied key works for what it may do, and for nothing else.
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        using (var properties = await http.GetAsync("/api/properties", ct))
        {
            Assert.Equal(HttpStatusCode.OK, properties.StatusCode);
            var codes = JsonDocument.Parse(await properties.Content.ReadAsStringAsync(ct)).RootElement.EnumerateArray().Select(p => p.GetProperty("code").GetString());
            Assert.Equal([propertyCode], codes);
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/properties/{propertyCode}/upsell-rules", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/properties/{otherCode}/upsell-rules", ct)).StatusCode);
        using (var copy = await http.PostAsync($"/api/properties/{propertyCode}/upsell-rules/copy", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, copy.StatusCode);
            Assert.Contains("This API key lacks the 'copy' scope.", await copy.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        // Last used shows on the page; then Revoke, with a confirmation.
        await page.ReloadAsync();
        await page.SetViewportSizeAsync(1920, 1080);
        await Expect(Cell(Row(page, name), LastUsedCell)).ToContainTextAsync("UTC");
        await AppFixture.ScreenshotAsync(page, "api-keys-1920");
        await Row(page, name).Locator("[data-testid=api-key-revoke]").ClickAsync();
        await Expect(page.Locator(".mud-dialog").Filter(new() { HasText = $"Revoke {name}?" })).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "api-key-revoke-1920");
        await page.Locator(".mud-dialog button").Filter(new() { HasText = "Revoke" }).Last.ClickAsync();
        await Expect(Snackbar(page, $"API key {name} revoked")).ToBeVisibleAsync();
        await Expect(Cell(Row(page, name), StatusCell)).ToContainTextAsync("Revoked");
        await Expect(Row(page, name).Locator("[data-testid=api-key-revoke]")).ToHaveCountAsync(0);

        using var refused = await http.GetAsync("/api/properties", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Empty(errors);
    }
}
