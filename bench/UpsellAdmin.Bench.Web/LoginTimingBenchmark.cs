using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Components;

namespace UpsellAdmin.Bench.Web;

/// <summary>
/// How long the login form's POST takes for an unknown email, a known one with a wrong password and a known one with
/// the right password (the real app on Kestrel, 127.0.0.1; the form's GET is not timed). Equal medians for the first
/// two mean the answer time does not tell which accounts exist. Rate limits are off here; each round ends with a
/// correct sign-in, so the wrong passwords never lock the account.
/// </summary>
internal static partial class LoginTimingBenchmark
{
    private const string Email = "bench-admin@login.test";
    private const string Password = "Bench-Login-1!";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchOptions(args);
        var runs = options.Int("runs", 30);
        var warmup = options.Int("warmup", 5);
        var dbPath = Path.Combine(Path.GetTempPath(), $"upsell-bench-login-{Guid.NewGuid():N}.db");
        await using var factory = new WebApplicationFactory<App>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseContentRoot(DeskBrowserBenchmark.ContentRoot());
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:ConnectionString", $"Data Source={dbPath}");
            b.UseSetting("Database:MigrateOnStartup", "true");
            b.UseSetting("DemoMode", "false");
            b.UseSetting("Sync:Interval", "00:00:00");
            b.UseSetting("Selling:WorkerEnabled", "false");
            b.UseSetting("Bootstrap:AdminEmail", Email);
            b.UseSetting("Bootstrap:AdminPassword", Password);
            b.UseSetting("RateLimiting:LoginPerAccount", "0");
            b.UseSetting("RateLimiting:LoginPerIp", "0");
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var baseUrl = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        try
        {
            var unknown = new List<double>();
            var wrong = new List<double>();
            var right = new List<double>();
            for (var i = 0; i < warmup + runs; i++)
            {
                var timed = i >= warmup;
                Record(timed ? unknown : null, await TimeLoginAsync(baseUrl, $"nobody-{i}@login.test", "Wrong-Password-1!", HttpStatusCode.OK));
                Record(timed ? wrong : null, await TimeLoginAsync(baseUrl, Email, "Wrong-Password-1!", HttpStatusCode.OK));
                Record(timed ? right : null, await TimeLoginAsync(baseUrl, Email, Password, HttpStatusCode.Redirect));
            }
            Console.WriteLine($"login-timing: {runs} rounds after {warmup} warm-up; {Environment.ProcessorCount} cores, load average {DeskBenchmark.LoadAverage()}");
            Console.WriteLine($"  unknown email          median {Median(unknown),7:0.0} ms   p90 {P90(unknown),7:0.0} ms");
            Console.WriteLine($"  known, wrong password  median {Median(wrong),7:0.0} ms   p90 {P90(wrong),7:0.0} ms");
            Console.WriteLine($"  known, right password  median {Median(right),7:0.0} ms   p90 {P90(right),7:0.0} ms");
            Console.WriteLine($"  unknown / known-wrong median ratio {Median(unknown) / Median(wrong):0.00}");
            return 0;
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

    private static void Record(List<double>? into, double ms) => into?.Add(ms);

    /// <summary>GET the form (a fresh browser: its own cookies), then the timed POST.</summary>
    private static async Task<double> TimeLoginAsync(Uri baseUrl, string email, string password, HttpStatusCode expected)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = baseUrl };
        var html = await http.GetStringAsync(PageUrls.Login);
        var token = WebUtility.HtmlDecode(TokenInput().Match(html).Groups[1].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsync(PageUrls.Login, form);
        await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"login of {email} answered {response.StatusCode}, expected {expected}");
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double P90(List<double> values) => Percentile(values, 0.9);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
