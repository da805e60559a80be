using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UpsellAdmin.Web.Features.Loyalty;

namespace UpsellAdmin.EndToEnd.Loyalty;

/// <summary>
/// The real app in demo mode (the Connector API simulator in-process, portfolio token) on Kestrel over a temp SQLite
/// file, and one headless Chromium (/usr/bin/chromium; ./test.sh installs it). The factory's type argument only names
/// UpsellAdmin.Web's assembly (its Program clashes with the simulator's).
/// </summary>
public sealed class LoyaltyAppFixture : IAsyncLifetime
{
    public const string Password = "UpsellDemo1!";
    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"upsell-e2e-loyalty-{Guid.NewGuid():N}.db");
    private WebApplicationFactory<LoyaltyService>? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Where tests save screenshots when UPSELL_SCREENSHOTS names a folder (to look at the pages).</summary>
    public static string? ScreenshotFolder => Environment.GetEnvironmentVariable("UPSELL_SCREENSHOTS");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium not found at {ChromiumPath}: run `apt-get install -y chromium` (./test.sh does).");
        }

        _factory = new WebApplicationFactory<LoyaltyService>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:ConnectionString", $"Data Source={_dbPath}");
            b.UseSetting("Database:MigrateOnStartup", "true");
            b.UseSetting("DemoMode", "true");
            b.UseSetting("Sync:Interval", "00:00:00");
        });
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new page logged in as <paramref name="email"/> on <paramref name="path"/>, with a live circuit; console errors collected.</summary>
    public async Task<(IPage Page, List<string> ConsoleErrors)> LogInAsync(string email, string path)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync($"{BaseUrl}/Account/Login?ReturnUrl={Uri.EscapeDataString(path)}");
        await page.FillAsync("[data-testid=login-email]", email);
        await page.FillAsync("[data-testid=login-password]", Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        if (!page.Url.EndsWith(path, StringComparison.Ordinal))
        {
            await page.GotoAsync(BaseUrl + path);
        }
        await page.Locator("[data-testid=interactive]").WaitForAsync();
        return (page, errors);
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (ScreenshotFolder is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        File.Delete(_dbPath);
    }
}
