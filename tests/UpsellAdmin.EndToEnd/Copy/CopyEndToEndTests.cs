using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellRules;
using static Microsoft.Playwright.Assertions;

namespace UpsellAdmin.EndToEnd.Copy;

/// <summary>
/// The real app (demo users) plus three properties of its own: CPS with rules CP-1, CP-2 (KNG → TWN), CP-3, and
/// CPA / CPB, which have no TWN. revenue@demo.local may edit all three.
/// </summary>
public sealed class CopyAppFixture : AppFixture
{
    protected override async Task SeedAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == "revenue@demo.local");
        var properties = new[] { ("CPS", "Copy Source"), ("CPA", "Copy Target A"), ("CPB", "Copy Target B") }
            .Select(p => new Property { Code = p.Item1, Name = p.Item2, CurrencyCode = "USD", TimeZone = "UTC" }).ToList();
        db.Properties.AddRange(properties);
        await db.SaveChangesAsync();
        foreach (var p in properties)
        {
            db.UserProperties.Add(new UserPropertyAccess { UserId = user.Id, PropertyId = p.Id });
            var std = new RoomClass { PropertyId = p.Id, Code = "STD", Name = "Standard", Sequence = 1 };
            db.RoomClasses.Add(std);
            var types = p.Code == "CPS" ? new[] { "KNG", "DLX", "TWN" } : ["KNG", "DLX"]; // TWN at a sequence the targets lack: no proposal
            foreach (var (code, i) in types.Select((c, i) => (c, i)))
            {
                db.RoomTypes.Add(new RoomType { PropertyId = p.Id, Code = code, Name = code == "TWN" ? "Twin" : $"Room {code}", RoomClass = std, Sequence = i + 1 });
            }
            db.RateCodes.Add(new RateCode { PropertyId = p.Id, Code = "RACK", Name = "Rack", CurrencyCode = "USD" });
        }
        var now = DateTimeOffset.UtcNow;
        foreach (var (code, to) in new[] { ("CP-1", "DLX"), ("CP-2", "TWN"), ("CP-3", "DLX") })
        {
            var rule = new UpsellRule
            {
                PropertyId = properties[0].Id, Code = code, Description = $"Copy test {code}", FromCode = "KNG", ToCode = to,
                Formula = UpsellFormula.FlatAmountAddedToOriginalRate, UpsellAmount = 15, CurrencyCode = "USD",
                CreatedUtc = now, UpdatedUtc = now,
                Filters = code == "CP-3" ? [new() { Kind = RuleFilterKind.RateCode, Value = "RACK" }] : [],
            };
            rule.RefreshFilterKinds();
            db.UpsellRules.Add(rule);
        }
        await db.SaveChangesAsync();
    }
}

[Trait("Category", "E2E")]
public sealed class CopyEndToEndTests(CopyAppFixture app) : IClassFixture<CopyAppFixture>
{
    private const string Rows = "tbody.mud-table-body tr.mud-table-row";

    private static async Task ChoosePropertyAsync(IPage page, string code)
    {
        await page.Locator("[data-testid=property-picker]").Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = $"{code} - " }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task SearchAsync(IPage page, string code)
    {
        await page.FillAsync("[data-testid=criteria-code]", code);
        await page.ClickAsync("[data-testid=search]");
    }

    private static async Task CheckAsync(IPage page, string testId)
    {
        var element = page.Locator($"[data-testid={testId}]");
        var input = await element.EvaluateAsync<string>("e => e.tagName") == "INPUT" ? element : element.Locator("input");
        await input.DispatchEventAsync("click");
    }

    [Fact]
    public async Task RevenueManager_CopiesThreeRulesToTwoPropertiesMappingAMissingRoomType()
    {
        var (page, errors) = await app.LogInAsync("revenue@demo.local");

        await ChoosePropertyAsync(page, "CPS");
        await SearchAsync(page, "CP-");
        await Expect(page.Locator(Rows)).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=rule-copy-button]")).ToBeDisabledAsync();
        await page.ClickAsync("[data-testid=select-all]");
        await Expect(page.Locator("[data-testid=selection-count]")).ToHaveTextAsync("3 of 3 selected");

        await page.ClickAsync("[data-testid=rule-copy-button]");
        await CheckAsync(page, "copy-target-CPA");
        await CheckAsync(page, "copy-target-CPB");
        await page.ClickAsync("[data-testid=copy-preview-button]");
        var conflict = page.Locator("[data-testid=copy-conflict-CPA-CP-2-ToRoomTypeMissing]");
        await Expect(conflict).ToContainTextAsync("To room type TWN does not exist in CPA");
        await Expect(page.Locator("[data-testid=copy-rule-CPA-CP-2] [data-testid=copy-outcome]")).ToHaveTextAsync("Skip");

        await conflict.Locator("[data-testid=conflict-resolution]").SelectOptionAsync("Map");
        await conflict.Locator("[data-testid=conflict-map-to]").SelectOptionAsync("DLX");
        await Expect(page.Locator("[data-testid=copy-rule-CPA-CP-2] [data-testid=copy-outcome]")).ToHaveTextAsync("Create");
        await conflict.Locator("[data-testid=conflict-apply-all]").ClickAsync();
        await Expect(page.Locator("[data-testid=copy-summary]")).ToContainTextAsync("4 copied as is, 2 copied with changes, 0 skipped");
        await AppFixture.ScreenshotAsync(page, "rule-copy-preview");

        await page.ClickAsync("[data-testid=copy-apply-button]");
        await Expect(page.Locator("[data-testid=copy-result-CPA]")).ToContainTextAsync("3 created");
        await Expect(page.Locator("[data-testid=copy-result-CPB]")).ToContainTextAsync("3 created");
        await AppFixture.ScreenshotAsync(page, "rule-copy-result");
        await page.ClickAsync("[data-testid=copy-close-button]");

        // On the targets: the grid of CPA, and both targets in the database.
        await ChoosePropertyAsync(page, "CPA");
        await SearchAsync(page, "CP-");
        await Expect(page.Locator(Rows)).ToHaveCountAsync(3);
        await Expect(page.Locator(Rows).Filter(new() { HasText = "CP-2" }).Locator("td").Nth(4)).ToHaveTextAsync("DLX");
        await using var db = await app.Db.CreateDbContextAsync(TestContext.Current.CancellationToken);
        foreach (var target in new[] { "CPA", "CPB" })
        {
            var rules = await db.UpsellRules.Include(r => r.Filters)
                .Where(r => db.Properties.Any(p => p.Id == r.PropertyId && p.Code == target))
                .OrderBy(r => r.Code).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(["CP-1", "CP-2", "CP-3"], rules.Select(r => r.Code));
            Assert.Equal(["DLX", "DLX", "DLX"], rules.Select(r => r.ToCode));
            Assert.Equal("RACK", Assert.Single(rules[2].Filters).Value);
        }
        Assert.Empty(errors);
    }
}
