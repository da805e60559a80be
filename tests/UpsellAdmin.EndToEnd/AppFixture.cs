using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Data;

namespace UpsellAdmin.EndToEnd;

/// <summary>
/// The real app in demo mode (the Connector API simulator in-process, demo data synced from it, the demo users) on
/// Kestrel (loopback, free port) over a temp SQLite file, and one headless Debian Chromium. Every end-to-end test
/// class uses it (a subclass may add data in <see cref="SeedAsync"/>). The factory's type argument only names
/// UpsellAdmin.Web's assembly (its Program type clashes with the simulator's). A missing Chromium fails the tests
/// with the install command; it never skips them.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public const string Password = "UpsellDemo1!";
    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"upsell-e2e-{Guid.NewGuid():N}.db");
    private WebApplicationFactory<App>? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    public IDbContextFactory<AppDbContext> Db => _factory!.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    /// <summary>Screenshots go here when UPSELL_SCREENSHOTS names a folder (to look at the pages).</summary>
    public static string? ScreenshotFolder => Environment.GetEnvironmentVariable("UPSELL_SCREENSHOTS");

    /// <summary>The browser window of a new page: 1440x1000, or UPSELL_VIEWPORT ("1366x768"), which also makes the
    /// screenshots exactly what that window shows (the README's are taken so).</summary>
    public static (int Width, int Height, bool FullPage) Viewport { get; } = ParseViewport(Environment.GetEnvironmentVariable("UPSELL_VIEWPORT"));

    private static (int, int, bool) ParseViewport(string? value) =>
        value?.Split('x') is [var w, var h] && int.TryParse(w, out var width) && int.TryParse(h, out var height)
            ? (width, height, false)
            : (1440, 1000, true);

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium not found at {ChromiumPath}: install it with `apt-get install -y chromium`.");
        }

        _factory = new WebApplicationFactory<App>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:ConnectionString", $"Data Source={_dbPath}");
            b.UseSetting("Database:MigrateOnStartup", "true");
            b.UseSetting("DemoMode", "true");
            // The demo users sign in many times a minute across a collection's tests; the limits are tested in Web.Tests.
            b.UseSetting("RateLimiting:LoginPerAccount", "0");
            b.UseSetting("RateLimiting:LoginPerIp", "0");
            b.UseSetting("RateLimiting:ApiPerKey", "0");
            b.UseSetting("Sync:Interval", "00:00:00");
            ConfigureApp(b);
        });
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await SeedAsync();
        // A cold circuit on a busy 2-core machine can take many seconds: waits are on conditions, with room.
        Assertions.SetDefaultExpectTimeout(30_000);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Settings a test class needs beyond the demo app's (e.g. short session timeouts).</summary>
    protected virtual void ConfigureApp(IWebHostBuilder builder)
    {
    }

    /// <summary>Data a test class needs beyond the demo data (runs once, after the app started).</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    /// <summary>A new browser context (no cookies) and page whose console and page errors are collected.</summary>
    public async Task<(IPage Page, List<string> ConsoleErrors)> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = Viewport.Width, Height = Viewport.Height } });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    /// <summary>Fills and submits the login form (the page must show it).</summary>
    public static async Task SubmitLoginAsync(IPage page, string email, string password)
    {
        await page.FillAsync("[data-testid=login-email]", email);
        await page.FillAsync("[data-testid=login-password]", password);
        await ScreenshotAsync(page, "login");
        await page.ClickAsync("[data-testid=login-submit]");
    }

    /// <summary>
    /// A new browser page logged in as <paramref name="email"/> (with the demo password unless another is given)
    /// through the login form, on <paramref name="path"/> (default Upsell Rules) with a live circuit; console errors
    /// and page errors are collected.
    /// </summary>
    public async Task<(IPage Page, List<string> ConsoleErrors)> LogInAsync(string email, string path = PageUrls.UpsellRules, string password = Password)
    {
        var (page, errors) = await NewPageAsync();
        await page.GotoAsync(BaseUrl + path);
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        await SubmitLoginAsync(page, email, password);
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        if (!page.Url.EndsWith(path, StringComparison.Ordinal))
        {
            await page.GotoAsync(BaseUrl + path);
        }
        await page.Locator("[data-testid=interactive]").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync(email);
        return (page, errors);
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (ScreenshotFolder is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = Viewport.FullPage });
        }
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _dbPath, _dbPath + "-wal", _dbPath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
