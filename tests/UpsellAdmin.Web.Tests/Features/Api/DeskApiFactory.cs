using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.ConnectorSimulator;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Api;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>
/// The real app in demo mode over a temp SQLite file: the first start syncs the Connector API simulator's chain
/// (in-process) and seeds the demo rules, and <see cref="ApiOptions.DemoKey"/> is accepted. The simulator's Today is
/// pinned to today in enterprise A's zone (Europe/Budapest), the date the API defaults to, so the desk's arrivals
/// (nos. 500–515) are this property's arrivals of the day at any hour. The rate limits (Mews' and the gateway's)
/// are off: the tests read the desk many times and must not wait for a window. The type argument only names
/// UpsellAdmin.Web's assembly (its Program clashes with the simulator's).
/// </summary>
public class DeskApiFactory : WebApplicationFactory<ApiOptions>
{
    public const string Key = ApiOptions.DemoKey;

    /// <summary>Demo enterprise A's time zone (the simulator's seed).</summary>
    public const string TimeZone = "Europe/Budapest";

    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"upsell-desk-api-{Guid.NewGuid():N}.db");
    private string? _propertyCode;

    /// <summary>The desk's day: today in enterprise A's zone, when the factory was made.</summary>
    public DateOnly Today { get; } = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);

    /// <summary>Settings added after the demo ones (e.g. the simulator's fault injection).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraSettings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("DemoMode", "true");
        builder.UseSetting("RateLimiting:ApiPerKey", "0"); // not what these tests are about
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={_dbPath}");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Sync:Interval", "00:00:00");
        builder.UseSetting("ConnectorSimulator:Today", Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("ConnectorSimulator:RateLimit", "0");
        builder.UseSetting("Connector:RateLimiterEnabled", "false");
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>The code the start-up sync gave enterprise A's property (looked up in the database once).</summary>
    public async Task<string> PropertyCodeAsync(CancellationToken ct)
    {
        if (_propertyCode is null)
        {
            var dbFactory = Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            _propertyCode = await db.Properties.AsNoTracking().Where(p => p.MewsEnterpriseId == DemoIds.EnterpriseA).Select(p => p.Code).SingleAsync(ct);
        }
        return _propertyCode;
    }

    public HttpClient CreateApiClient(string? key = Key)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_dbPath);
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// <see cref="DeskApiFactory"/> whose Mews answers every <c>reservations/getAll/2023-06-06</c> with 500 (the start-up
/// sync does not read reservations, so it succeeds). The gateway retries a read once, 50 ms later, so it gives up at
/// once instead of after its default back-off (4 retries from 1 s).
/// </summary>
public sealed class FailingMewsDeskApiFactory : DeskApiFactory
{
    public const string FaultedOperation = "reservations/getAll/2023-06-06";

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("ConnectorSimulator:ServerErrorRate", "1"),
        new("ConnectorSimulator:FaultOperations:0", FaultedOperation),
        new("Connector:MaxRetryAttempts", "1"),
        new("Connector:RetryBaseDelay", "00:00:00.050"),
    ];
}

/// <summary>
/// <see cref="DeskApiFactory"/> whose Mews drops the connection of every <c>reservations/getAll/2023-06-06</c> (no
/// answer, so no RequestId); the gateway retries once, 50 ms later.
/// </summary>
public sealed class DroppingMewsDeskApiFactory : DeskApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
    [
        new("ConnectorSimulator:DropConnectionRate", "1"),
        new("ConnectorSimulator:FaultOperations:0", FailingMewsDeskApiFactory.FaultedOperation),
        new("Connector:MaxRetryAttempts", "1"),
        new("Connector:RetryBaseDelay", "00:00:00.050"),
    ];
}
