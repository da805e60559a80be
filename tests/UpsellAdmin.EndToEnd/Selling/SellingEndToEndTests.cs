using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.Selling;

/// <summary>
/// The real app in demo mode (its posting worker running against the in-process simulator) with property A's
/// Upgrade accounting category set, so that an upgrade sold on the desk can be posted to Mews.
/// </summary>
public sealed class SellingAppFixture : AppFixture
{
    public string PropertyCode { get; private set; } = "";

    protected override async Task SeedAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        var property = await db.Properties.SingleAsync(p => p.MewsEnterpriseId == DemoIds.EnterpriseA);
        PropertyCode = property.Code;
        var config = await db.UpsellConfigurations.SingleOrDefaultAsync(c => c.PropertyId == property.Id);
        if (config is null)
        {
            config = new PropertyUpsellConfiguration { PropertyId = property.Id };
            db.UpsellConfigurations.Add(config);
        }
        // The demo seed sets one too (Mews' 'Room upgrades'); this test must not depend on it.
        config.UpgradeAccountingCategoryId ??= await db.AccountingCategories
            .Where(a => a.PropertyId == property.Id && a.MewsId == DemoIds.AccommodationAccountingCategoryA).Select(a => a.Id).SingleAsync();
        await db.SaveChangesAsync();
    }
}

/// <summary>Issue 13 in a real browser: a front-desk agent sells an upgrade on the desk, sees it Posted in Upsell Activity, undoes it.</summary>
[Trait("Category", "E2E")]
public sealed class SellingEndToEndTests(SellingAppFixture app) : IClassFixture<SellingAppFixture>
{
    private static async Task ChoosePropertyAsync(IPage page, string code)
    {
        await page.Locator("[data-testid=property-picker]").Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = $"{code} - " }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task FrontDesk_SellsAnUpgrade_SeesItPostedInUpsellActivity_AndUndoesIt()
    {
        var (page, errors) = await app.LogInAsync("frontdesk@demo.local", PageUrls.UpsellDesk);
        await ChoosePropertyAsync(page, app.PropertyCode);
        await Expect(page.Locator("[data-testid=desk-read-at]")).ToContainTextAsync($"arrivals read from Mews for {app.PropertyCode} ");

        // A confirmed arrival with an upgrade offer.
        var rows = page.Locator("[data-testid=desk-grid] tbody tr.mud-table-row")
            .Filter(new() { HasText = "Confirmed" })
            .Filter(new() { Has = page.Locator("[data-testid=desk-offers]", new() { HasText = "up to +" }) });
        await Expect(rows.First).ToBeVisibleAsync();
        var row = rows.First;
        var number = (await row.Locator("td").First.InnerTextAsync()).Trim();
        await row.ClickAsync();

        var dialog = page.Locator(".mud-dialog");
        var offer = dialog.Locator("[data-testid=desk-offer]").First;
        await Expect(offer).ToBeVisibleAsync();
        var roomType = await offer.GetAttributeAsync("data-room-type");
        var total = (await offer.Locator("[data-testid=desk-offer-total]").InnerTextAsync()).Trim();
        await page.SetViewportSizeAsync(1366, 768);
        await AppFixture.ScreenshotAsync(page, "selling-offers-1366");
        await offer.Locator("[data-testid=desk-sell]").ClickAsync();

        // The confirm step: the nights and the same total the guest was shown.
        var confirm = dialog.Locator("[data-testid=desk-sell-confirm]");
        await Expect(confirm).ToBeVisibleAsync();
        await Expect(confirm.Locator("[data-testid=desk-confirm-total]")).ToHaveTextAsync(total);
        Assert.True(await confirm.Locator("[data-testid=desk-confirm-night]").CountAsync() >= 1);
        await confirm.Locator("textarea[data-testid=desk-confirm-note], [data-testid=desk-confirm-note] textarea").First.FillAsync("Sold at check-in desk (E2E)");
        await AppFixture.ScreenshotAsync(page, "selling-confirm-1366");
        await confirm.Locator("[data-testid=desk-confirm]").ClickAsync();

        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Posting to Mews" })).ToBeVisibleAsync();
        await Expect(dialog.Locator($"[data-testid=desk-offer][data-room-type={roomType}] [data-testid=desk-sale-status]")).ToBeVisibleAsync();
        await Expect(dialog.Locator("[data-testid=desk-sold-item]")).ToContainTextAsync($"→ {roomType}");
        await AppFixture.ScreenshotAsync(page, "selling-sold-1366");
        await dialog.Locator("[data-testid=desk-offers-close]").ClickAsync();
        await Expect(page.Locator("[data-testid=desk-offers-dialog]")).ToHaveCountAsync(0);

        // The desk's Sold column shows it on the reservation's row.
        var soldRow = page.Locator("[data-testid=desk-grid] tbody tr.mud-table-row").Filter(new() { HasText = number }).First;
        await Expect(soldRow.Locator("[data-testid=desk-sold-cell]")).ToContainTextAsync(roomType!);
        await AppFixture.ScreenshotAsync(page, "selling-desk-sold-1366");

        // Upsell Activity: the worker posts it to the simulator within seconds; the page reads again by itself.
        await page.Locator("nav a, .mud-nav-link").Filter(new() { HasText = "Upsell Activity" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upsell Activity" })).ToBeVisibleAsync();
        var activity = page.Locator("[data-testid=activity-grid] tbody tr.mud-table-row").Filter(new() { HasText = number }).First;
        await Expect(activity).ToContainTextAsync($"→ {roomType}");
        await Expect(activity).ToContainTextAsync(total.TrimStart('+'));
        await Expect(page.Locator("[data-testid=activity-status-line]")).ToContainTextAsync("1 upsell.");
        await Expect(activity.Locator("[data-testid=activity-status-chip]")).ToHaveTextAsync("Posted", new() { Timeout = 60_000 });
        await AppFixture.ScreenshotAsync(page, "selling-activity-posted-1366");
        await page.SetViewportSizeAsync(1920, 1080);
        await AppFixture.ScreenshotAsync(page, "selling-activity-posted-1920");

        // The detail: nights with their Mews orders.
        await activity.Locator("td").Nth(1).ClickAsync();
        var detail = page.Locator("[data-testid=upsell-detail]");
        await Expect(detail).ToBeVisibleAsync();
        await Expect(detail.Locator("[data-testid=upsell-order-ids]")).Not.ToHaveTextAsync("—");
        await AppFixture.ScreenshotAsync(page, "selling-activity-detail-1920");
        await page.Locator("[data-testid=upsell-detail-close]").ClickAsync();
        await Expect(detail).ToHaveCountAsync(0);

        // Undo (asks first), then Reversed once the worker has restored the room type in Mews.
        await activity.Locator("[data-testid=activity-undo]").ClickAsync();
        await page.Locator(".mud-dialog button").Filter(new() { HasText = "Undo sale" }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Undo queued" })).ToBeVisibleAsync();
        try
        {
            await Expect(activity.Locator("[data-testid=activity-status-chip]")).ToHaveTextAsync("Reversed", new() { Timeout = 60_000 });
        }
        catch (PlaywrightException e)
        {
            await AppFixture.ScreenshotAsync(page, "selling-activity-undo-failed");
            var error = await activity.Locator("[data-testid=activity-error]").GetAttributeAsync("title");
            await using var db = await app.Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
            var sales = string.Join("; ", (await db.UpsellSales.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken)).Select(x => $"{x.Status} undo={x.UndoRequestedUtc} reversed={x.ReversedUtc} err={x.LastError} att={x.Attention}"));
            var work = string.Join("; ", (await db.UpsellWork.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken)).Select(w => $"{w.Action} done={w.CompletedUtc} due={w.DueUtc} tries={w.Attempts} lease={w.LeaseOwner}"));
            throw new InvalidOperationException($"The undo did not reach Reversed; the row's last error: {error ?? "(none)"}; sales: {sales}; work: {work}; console: {string.Join(" | ", errors)}", e);
        }
        await Expect(activity.Locator("[data-testid=activity-undo]")).ToHaveCountAsync(0);
        await AppFixture.ScreenshotAsync(page, "selling-activity-reversed-1920");
        await page.SetViewportSizeAsync(1366, 768);
        await AppFixture.ScreenshotAsync(page, "selling-activity-reversed-1366");
        Assert.Empty(errors);
    }
}
