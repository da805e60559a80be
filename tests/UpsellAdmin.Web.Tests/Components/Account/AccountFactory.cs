using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.Api;

namespace UpsellAdmin.Web.Tests.Components.Account;

/// <summary>
/// The real app (Program) over a migrated temp SQLite file, out of demo mode, with one user (the bootstrap
/// Administrator) and the API keys <see cref="Key"/> and <see cref="OtherKey"/>; the clock is <see cref="Clock"/>.
/// A test class passes the settings it needs (timeouts, limits). The type argument only names Web's assembly.
/// </summary>
public sealed partial class AccountFactory(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development")
    : WebApplicationFactory<ApiOptions>
{
    public const string Email = "admin@account.test";
    public const string Password = "Account-Test-1!";
    public const string Key = "account-test-key-1";
    public const string OtherKey = "account-test-key-2";
    public const string AuthCookie = ".AspNetCore.Identity.Application";

    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"upsell-account-{Guid.NewGuid():N}.db");

    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Services the test replaces (e.g. a counting password hasher).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={_dbPath}");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("DemoMode", "false");
        builder.UseSetting("Sync:Interval", "00:00:00");
        builder.UseSetting("Selling:WorkerEnabled", "false");
        builder.UseSetting("Bootstrap:AdminEmail", Email);
        builder.UseSetting("Bootstrap:AdminPassword", Password);
        foreach (var (i, key) in new[] { (0, Key), (1, OtherKey) })
        {
            builder.UseSetting($"Api:Clients:{i}:Name", $"account-test-{i}");
            builder.UseSetting($"Api:Clients:{i}:Key", key);
            builder.UseSetting($"Api:Clients:{i}:Scopes:0", "read");
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            TestServices?.Invoke(services);
        });
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient Browser(string baseAddress = "http://localhost") =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });

    /// <summary>A client that sends exactly the given sign-in cookie and keeps none (an attacker replaying it).</summary>
    public HttpClient Replaying(string authCookie)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{AuthCookie}={authCookie}");
        return client;
    }

    /// <summary>Opens the login page (for its antiforgery token) and posts the form; the answer is not followed.</summary>
    public static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string email = Email, string password = Password, string? returnUrl = null)
    {
        var path = returnUrl is null ? PageUrls.Login : PageUrls.LoginWithReturn(returnUrl);
        var token = await AntiforgeryTokenAsync(client, path);
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), TestContext.Current.CancellationToken);
    }

    /// <summary>The antiforgery token of the form on a static page (the login page renders one for whoever asks).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path = PageUrls.Login)
    {
        var page = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return TokenInput().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("no antiforgery token on " + path);
    }

    /// <summary>The value of the sign-in cookie a response set, or null.</summary>
    public static string? AuthCookieSetBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).Where(c => c.StartsWith(AuthCookie + "=", StringComparison.Ordinal))
                .Select(c => c[(AuthCookie.Length + 1)..]).LastOrDefault(c => c.Length > 0)
            : null;

    public static bool IsRedirectToLogin(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location?.ToString().Contains(PageUrls.Login, StringComparison.OrdinalIgnoreCase) == true;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _dbPath, _dbPath + "-wal", _dbPath + "-shm" })
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}

/// <summary>A clock the test moves (timers run on real time: the cookie and session checks only read the time).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
