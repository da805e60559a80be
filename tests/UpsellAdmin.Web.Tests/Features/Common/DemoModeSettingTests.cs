using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Api;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Sync;

namespace UpsellAdmin.Web.Tests.Features.Common;

/// <summary>Demo mode only where it is set, or in Development — never in Production by default.</summary>
public sealed class DemoModeSettingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IConfiguration Settings(string? demoMode) => new ConfigurationBuilder()
        .AddInMemoryCollection(demoMode is null ? [] : new Dictionary<string, string?> { ["DemoMode"] = demoMode })
        .Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "UpsellAdmin.Web";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Theory]
    [InlineData(null, "Production", false)]
    [InlineData(null, "Staging", false)]
    [InlineData(null, "Development", true)]
    [InlineData("true", "Production", true)]
    [InlineData("false", "Development", false)]
    public void IsEnabled_TheSettingIfPresent_ElseOnlyDevelopment(string? setting, string environment, bool expected) =>
        Assert.Equal(expected, DemoMode.IsEnabled(Settings(setting), new Environment(environment)));

    [Fact]
    public void IsEnabled_AMistypedSetting_StopsTheStartSayingSo()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DemoMode.IsEnabled(Settings("yes"), new Environment("Production")));
        Assert.Equal("The DemoMode setting must be true or false, not 'yes'.", error.Message);
    }

    [Fact]
    public void ShippedSettings_DoNotTurnDemoModeOn()
    {
        var appsettings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var shipped = new ConfigurationBuilder().AddJsonFile(appsettings, optional: false).Build();
        Assert.Null(shipped["DemoMode"]);
        Assert.False(DemoMode.IsEnabled(shipped, new Environment("Production")));
    }

    [Fact]
    public void ProductionWithoutAMews_GetsNoInProcessSimulator()
    {
        Assert.False(MewsSyncSetup.IsDemoConnector(Settings(null), new Environment("Production")));
        Assert.True(MewsSyncSetup.IsDemoConnector(Settings(null), new Environment("Development")));
        Assert.True(MewsSyncSetup.IsDemoConnector(Settings("true"), new Environment("Production")));
    }

    /// <summary>A Production instance with a (fake) Mews configured and no DemoMode setting: the demo keys are unknown
    /// and no demo user exists.</summary>
    [Fact]
    public async Task ProductionWithoutDemoModeSet_RefusesTheDemoKeys_AndSeedsNoDemoUsers()
    {
        var path = Path.Combine(Path.GetTempPath(), $"upsell-production-{Guid.NewGuid():N}.db");
        try
        {
            await using (var factory = new WebApplicationFactory<ApiOptions>().WithWebHostBuilder(b =>
            {
                b.UseEnvironment("Production");
                b.UseSetting("Database:Provider", "Sqlite");
                b.UseSetting("Database:ConnectionString", $"Data Source={path}");
                b.UseSetting("Database:MigrateOnStartup", "true");
                b.UseSetting("Sync:Interval", "00:00:00");
                b.UseSetting("Connector:BaseUrl", "http://127.0.0.1:9");
                b.UseSetting("Connector:ClientToken", "production-client-token");
                b.UseSetting("Connector:AccessToken", "production-access-token");
            }))
            {
                using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
                foreach (var key in new[] { ApiOptions.DemoKey, ApiOptions.DemoReadOnlyKey })
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/properties");
                    request.Headers.Add("X-Api-Key", key);
                    using var response = await client.SendAsync(request, Ct);
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{key}: {response.StatusCode}");
                }

                await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
                Assert.False(await db.Users.AnyAsync(Ct));
                Assert.False(await db.Properties.AnyAsync(Ct));
                Assert.Null(factory.Services.GetService<DemoConnectorSimulator>());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
