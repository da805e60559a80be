using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Desk;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Bench.Web;

/// <summary>
/// <c>desk-browser [--arrivals 400] [--runs 5] [--latency-ms 0] [--mews-rate-limit]</c>: the Upsell Desk page in headless Chromium over
/// the real app in demo mode (WebApplicationFactory on Kestrel, 127.0.0.1, as the end-to-end tests run it) whose
/// in-process simulator seeds N bulk arrivals today at enterprise A (configuration
/// <c>ConnectorSimulator:BulkArrivals:Count</c>). Logs in as the front desk, picks A, then times until A's grid rows
/// and the "arrivals read from Mews" caption are visible:
/// (a) in-app navigation to /upsell-desk (a nav link click, the circuit keeps the picked property), and
/// (b) a full page load of /upsell-desk (new circuit, which opens on the first property) plus picking A;
/// each cold (the desk's one-minute Mews read evicted first, so the load reads Mews) and warm (read cached).
/// Goal (issue 12): interactive within 1.5 s.
/// </summary>
public static class DeskBrowserBenchmark
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string Password = "UpsellDemo1!";
    private const double GoalMs = 1500;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchOptions(args);
        var arrivals = options.Int("arrivals", 400);
        var runs = options.Int("runs", 5);
        var latencyMs = options.Int("latency-ms", 0);
        var mewsRateLimit = options.Flag("mews-rate-limit");
        if (!File.Exists(ChromiumPath))
        {
            Console.WriteLine($"Chromium not found at {ChromiumPath}: apt-get install -y chromium");
            return 2;
        }

        // Enterprise A's "today" is the page's today (Europe/Budapest); the bulk arrivals land on that date.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Budapest")).DateTime);
        var dbPath = Path.Combine(Path.GetTempPath(), $"upsell-bench-desk-browser-{Guid.NewGuid():N}.db");
        var mews = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var start = Stopwatch.StartNew();
        await using var factory = new WebApplicationFactory<App>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            // WebApplicationFactory finds the content root through MvcTestingAppManifest.json in the working
            // directory (a test runner's is the output folder); dotnet run's is not, so name it here.
            b.UseContentRoot(ContentRoot());
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:ConnectionString", $"Data Source={dbPath}");
            b.UseSetting("Database:MigrateOnStartup", "true");
            b.UseSetting("DemoMode", "true");
            b.UseSetting("Sync:Interval", "00:00:00");
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            b.UseSetting("ConnectorSimulator:BulkArrivals:Count", arrivals.ToString(CultureInfo.InvariantCulture));
            b.UseSetting("ConnectorSimulator:BulkArrivals:Date", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (!mewsRateLimit)
            {
                // Ten cold loads a minute (20-30 requests each) would otherwise queue behind the gateway's budget
                // of 200 requests / 30 s and the simulator's, and the waits would be timed as the page.
                b.UseSetting("ConnectorSimulator:RateLimit", "0");
                b.UseSetting("Connector:RequestsPerWindow", "100000");
            }
            b.UseSetting("ConnectorSimulator:Latency", TimeSpan.FromMilliseconds(latencyMs).ToString("c", CultureInfo.InvariantCulture));
            // Counts the app's requests to Mews (the simulator) by path, outside the app's own meter.
            b.ConfigureServices(s => s.ConfigureHttpClientDefaults(h => h.AddHttpMessageHandler(() => new CountingHandler(mews))));
        });
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        try
        {
            var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            List<Property> properties;
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                properties = await db.Properties.AsNoTracking().OrderBy(p => p.Code).ToListAsync();
            }
            var property = properties.Single(p => p.MewsEnterpriseId == DemoIds.EnterpriseA);
            var cache = factory.Services.GetRequiredService<IMemoryCache>();
            Console.WriteLine($"desk-browser: app at {baseUrl} (demo mode, Development), {arrivals} bulk arrivals on {today:yyyy-MM-dd} at {property.Code}; "
                + $"started and synced in {start.Elapsed.TotalSeconds:0.0} s; simulator latency {latencyMs} ms, Mews rate limit {(mewsRateLimit ? "on (200 / 30 s)" : "off")}; {Environment.ProcessorCount} cores, load average {DeskBenchmark.LoadAverage()}");

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, m) =>
            {
                if (m.Type == "error")
                {
                    errors.Add(m.Text);
                }
            };
            page.PageError += (_, e) => errors.Add(e);

            // Log in on Upsell Rules (not the desk, so no board is read yet) and pick A.
            await page.GotoAsync(baseUrl + PageUrls.UpsellRules);
            await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
            await page.FillAsync("[data-testid=login-email]", "frontdesk@demo.local");
            await page.FillAsync("[data-testid=login-password]", Password);
            await page.ClickAsync("[data-testid=login-submit]");
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
            await page.Locator("[data-testid=interactive]").WaitForAsync();
            await ChoosePropertyAsync(page, property.Code);

            void Evict()
            {
                foreach (var p in properties)
                {
                    var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(p.TimeZone)).DateTime);
                    cache.Remove((nameof(UpsellDeskService), p.Id, DeskWindow.Arrivals(day)));
                }
            }

            // (a) In-app navigation: Upsell Rules → nav link "Upsell Desk" (same circuit, A stays picked).
            async Task<(double Ms, int Mews)> NavigateAsync(bool cold)
            {
                await page.Locator($"a[href='{PageUrls.UpsellRules}']").First.ClickAsync();
                await page.Locator("[data-testid=desk-grid]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
                await page.GetByRole(AriaRole.Heading, new() { Name = "Upsell Rules" }).WaitForAsync();
                if (cold)
                {
                    Evict();
                }
                mews.Clear();
                var sw = Stopwatch.StartNew();
                await page.Locator($"a[href='{PageUrls.UpsellDesk}']").First.ClickAsync();
                await WaitForBoardAsync(page, property.Code);
                return (sw.Elapsed.TotalMilliseconds, mews.Values.Sum());
            }

            // (b) Full page load: a new circuit opens on the first property the user may see; then pick A.
            async Task<(double Ms, double FirstBoardMs, int Mews)> FullLoadAsync(bool cold)
            {
                await page.GotoAsync("about:blank");
                if (cold)
                {
                    Evict();
                }
                mews.Clear();
                var sw = Stopwatch.StartNew();
                await page.GotoAsync(baseUrl + PageUrls.UpsellDesk);
                await WaitForBoardAsync(page, properties[0].Code);
                var firstBoard = sw.Elapsed.TotalMilliseconds;
                if (properties[0].Id != property.Id)
                {
                    await ChoosePropertyAsync(page, property.Code);
                    await WaitForBoardAsync(page, property.Code);
                }
                return (sw.Elapsed.TotalMilliseconds, firstBoard, mews.Values.Sum());
            }

            // The first desk load of the process (JIT of the desk, the quote engine's set-up), then the runs,
            // cold and warm interleaved so the machine's load weighs on both alike.
            var (firstMs, firstMews) = await NavigateAsync(cold: true);
            var firstByPath = mews.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key.Replace("/api/connector/v1/", "", StringComparison.Ordinal)} {x.Value}").ToList();
            var caption = await page.Locator("[data-testid=desk-read-at]").InnerTextAsync();
            var rowsShown = await page.Locator("[data-testid=desk-grid] tbody tr.mud-table-row").CountAsync();
            var navCold = new List<double>();
            var navWarm = new List<double>();
            var fullCold = new List<double>();
            var fullWarm = new List<double>();
            var fullColdFirst = new List<double>();
            var fullWarmFirst = new List<double>();
            var requests = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < runs; i++)
            {
                var (ms, n) = await NavigateAsync(cold: true);
                navCold.Add(ms);
                requests.Add($"nav cold {n}");
                (ms, n) = await NavigateAsync(cold: false);
                navWarm.Add(ms);
                requests.Add($"nav warm {n}");
            }
            for (var i = 0; i < runs; i++)
            {
                var (ms, firstBoard, n) = await FullLoadAsync(cold: true);
                fullCold.Add(ms);
                fullColdFirst.Add(firstBoard);
                requests.Add($"full cold {n}");
                (ms, firstBoard, n) = await FullLoadAsync(cold: false);
                fullWarm.Add(ms);
                fullWarmFirst.Add(firstBoard);
                requests.Add($"full warm {n}");
            }

            Console.WriteLine($"caption: {caption}");
            Console.WriteLine($"grid rows on the first page: {rowsShown}; first desk navigation of the process (cold, JIT): {firstMs:0} ms, {firstMews} Mews requests");
            Console.WriteLine($"  by path: {string.Join(", ", firstByPath)}");
            Console.WriteLine($"Mews requests per load (counted in the app's HTTP pipeline): {string.Join(", ", requests.Order(StringComparer.Ordinal))}");
            Console.WriteLine();
            Console.WriteLine("| load | runs | p50 ms | min ms | max ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Row($"(a) nav link to /upsell-desk, {property.Code} picked, cold (Mews read)", navCold);
            Row("(a) nav link to /upsell-desk, warm (read cached)", navWarm);
            Row($"(b) full load of /upsell-desk: first board ({properties[0].Code}), cold", fullColdFirst);
            Row($"(b) full load + pick {property.Code} until its rows, cold", fullCold);
            Row($"(b) full load: first board ({properties[0].Code}), warm", fullWarmFirst);
            Row($"(b) full load + pick {property.Code} until its rows, warm", fullWarm);
            Console.WriteLine();
            foreach (var error in errors.Distinct())
            {
                Console.WriteLine("browser error: " + error);
            }
            var ok = DeskBenchmark.Percentile(navCold, 0.5) <= GoalMs && DeskBenchmark.Percentile(navWarm, 0.5) <= GoalMs;
            Console.WriteLine($"Page interactive with {property.Code}'s rows, p50 cold {DeskBenchmark.Percentile(navCold, 0.5):0} ms / warm {DeskBenchmark.Percentile(navWarm, 0.5):0} ms "
                + $"(goal ≤ {GoalMs} ms): {(ok ? "MET" : "NOT MET")}; load average after: {DeskBenchmark.LoadAverage()}");
            return ok ? 0 : 1;
        }
        finally
        {
            await factory.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    internal static string ContentRoot()
    {
        var manifest = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json")))!;
        return manifest[typeof(App).Assembly.FullName!];
    }

    /// <summary>Until the grid shows rows and the caption says it read arrivals for the property named in the subtitle.</summary>
    private static Task WaitForBoardAsync(IPage page, string propertyCode) =>
        page.WaitForFunctionAsync(
            """
            code => {
              const caption = document.querySelector('[data-testid=desk-read-at]');
              const row = document.querySelector('[data-testid=desk-grid] tbody tr.mud-table-row');
              const subtitle = document.querySelector('.page-subtitle');
              return !!caption && !!row && row.getClientRects().length > 0 && caption.textContent.includes('arrivals read from Mews')
                && !!subtitle && subtitle.textContent.startsWith(code + ' - ');
            }
            """, propertyCode);

    private static async Task ChoosePropertyAsync(IPage page, string code)
    {
        await page.Locator("[data-testid=property-picker]").Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = $"{code} - " }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    private static void Row(string name, List<double> times) =>
        Console.WriteLine($"| {name} | {times.Count} | {DeskBenchmark.Percentile(times, 0.5):0} | {times.Min():0} | {times.Max():0} |");

    /// <summary>Counts each request the app sends through its HTTP clients, by path.</summary>
    private sealed class CountingHandler(ConcurrentDictionary<string, int> counts) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counts.AddOrUpdate(request.RequestUri?.AbsolutePath ?? "?", 1, (_, n) => n + 1);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
