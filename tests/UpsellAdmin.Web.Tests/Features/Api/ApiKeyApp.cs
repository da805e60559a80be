using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Features.Api;
using UpsellAdmin.Web.Tests.Features.Copy;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>
/// The real app (Program, demo mode off) over the copy scenario's SQLite file (SRC, TGA, TGB with rules): API keys are
/// stored records, created through <see cref="ApiKeyAdministrationService"/> as an Administrator does on the page.
/// </summary>
public sealed class ApiKeyApp : IAsyncDisposable
{
    public const string AdminName = "admin@test.local";

    private ApiKeyApp(CopyTestDatabase db, CopyScenario scenario, AppFactory app)
    {
        Db = db;
        Scenario = scenario;
        App = app;
    }

    public CopyTestDatabase Db { get; }
    public CopyScenario Scenario { get; }
    public WebApplicationFactory<ApiOptions> App { get; }

    public static async Task<ApiKeyApp> StartAsync(CancellationToken ct)
    {
        var db = await CopyTestDatabase.CreateAsync(ct);
        var scenario = await CopyScenario.SeedAsync(db, ct);
        await db.AddRuleAsync(scenario.Source, "CLEAN", "KNG", "PRS", null, ct);
        return new ApiKeyApp(db, scenario, new AppFactory(db.ConnectionString));
    }

    /// <summary>The page's service as an Administrator (the app's own key directory, so a revocation drops its cache).</summary>
    public ApiKeyAdministrationService Admin(UserContext? user = null) =>
        new(Db.Factory, new FixedUser(user ?? new UserContext("u-admin", AdminName, new HashSet<string> { Roles.Administrator })),
            App.Services.GetRequiredService<ApiKeyDirectory>(), TimeProvider.System, new ApiKeyFormValidator(), NullLogger<ApiKeyAdministrationService>.Instance);

    /// <summary>Creates a key and returns it (the one time it is shown).</summary>
    public async Task<string> CreateKeyAsync(string name, ApiScopes scopes, params string[] propertyCodes)
    {
        var created = await Admin().CreateAsync(new ApiKeyForm
        {
            Name = name,
            Read = scopes.HasFlag(ApiScopes.Read),
            Quote = scopes.HasFlag(ApiScopes.Quote),
            Sell = scopes.HasFlag(ApiScopes.Sell),
            Copy = scopes.HasFlag(ApiScopes.Copy),
            AllProperties = propertyCodes.Length == 0,
            PropertyCodes = propertyCodes,
        });
        Assert.True(created.Result.Succeeded, created.Result.Message);
        return created.Key!;
    }

    public HttpClient Client(string? key)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return client;
    }

    /// <summary>The answer's status and its problem detail (or body).</summary>
    public static async Task<(HttpStatusCode Status, string? MediaType, string Body)> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    public static string? Detail(string body) =>
        JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Db.DisposeAsync();
    }

    private sealed class AppFactory(string connectionString) : WebApplicationFactory<ApiOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("DemoMode", "false");
            builder.UseSetting("Sync:Interval", "00:00:00");
        }
    }

    private sealed class FixedUser(UserContext user) : ICurrentUser
    {
        public ValueTask<UserContext> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(user);
    }
}
