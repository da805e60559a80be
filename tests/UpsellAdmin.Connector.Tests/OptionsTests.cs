using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UpsellAdmin.Connector.Tests.TestSupport;

namespace UpsellAdmin.Connector.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void AddMewsConnector_ConfigurationSection_BindsEveryKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connector:BaseUrl"] = "https://api.mews.com",
            ["Connector:ClientToken"] = "c",
            ["Connector:AccessToken"] = "a",
            ["Connector:Client"] = "UpsellAdmin 2.0",
            ["Connector:EnterpriseId"] = "e1",
            ["Connector:ChainId"] = "ch1",
            ["Connector:RequestsPerWindow"] = "150",
            ["Connector:Window"] = "00:00:20",
            ["Connector:WriteTimeout"] = "00:00:15",
        }).Build();
        var services = new ServiceCollection();
        services.AddMewsConnector(configuration.GetSection(ConnectorOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ConnectorOptions>>().Value;

        Assert.Equal(("https://api.mews.com", "UpsellAdmin 2.0", "e1", "ch1", 150), (options.BaseUrl, options.Client, options.EnterpriseId, options.ChainId, options.RequestsPerWindow));
        Assert.Equal(TimeSpan.FromSeconds(20), options.Window);
        Assert.Equal(TimeSpan.FromSeconds(15), options.WriteTimeout);
        Assert.NotNull(provider.GetRequiredService<IMewsGateway>());
    }

    [Fact]
    public void AddMewsConnector_RelativeBaseUrlAndNoTokens_FailsValidationNamingEachProblem()
    {
        var services = new ServiceCollection();
        services.AddMewsConnector(o =>
        {
            o.BaseUrl = "/api";
            o.ClientToken = "";
            o.AccessToken = " ";
            o.PageSize = 5000;
        });
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ConnectorOptions>>().Value);

        Assert.Contains(e.Failures, f => f.Contains("BaseUrl", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("ClientToken", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("AccessToken", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("PageSize", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddMewsConnector_InvalidOptionsInAHost_FailsOnStart()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddMewsConnector(o => o.BaseUrl = "not a url");
        using var host = builder.Build();

        var e = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));

        // ValidateOnStart aggregates the failures of every options type that depends on ours.
        var failures = e is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [e];
        Assert.Contains(failures, f => f is OptionsValidationException v && v.Failures.Any(m => m.Contains("BaseUrl", StringComparison.Ordinal)));
    }
}
