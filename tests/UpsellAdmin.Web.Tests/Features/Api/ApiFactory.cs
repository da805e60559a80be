using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using UpsellAdmin.Web.Features.Api;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>
/// The real app (Program) over a temp SQLite file. The evaluate API is stateless, so no migration or demo seed runs;
/// demo mode is off, so only <see cref="Key"/> is accepted. The type argument only names the app's assembly
/// (UpsellAdmin.Web's Program): the web project also references the connector simulator, whose Program has the same name.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<ApiOptions>
{
    public const string Key = "api-test-key-1";

    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"upsell-api-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={_dbPath}");
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("DemoMode", "false");
        builder.UseSetting("RateLimiting:ApiPerKey", "0"); // test classes call the API far more than 600 times a minute
        builder.UseSetting("Api:Keys:0", Key);
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
    }
}
