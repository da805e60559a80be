using System.Net;

namespace UpsellAdmin.ConnectorSimulator.Tests;

public sealed class RateLimitTests : SimulatorTestBase
{
    private const int Limit = 5;

    protected override void Configure(SimulatorOptions options)
    {
        options.RateLimit = Limit;
        options.RateLimitWindow = TimeSpan.FromMinutes(10);
    }

    [Fact]
    public async Task Post_PastTheLimit_Returns429WithRetryAfter()
    {
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("configuration/get", ct: Ct)).Status);
        }

        var limited = await Client.PostAsync("configuration/get", ct: Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 600);
        Assert.False(string.IsNullOrEmpty(limited.Object["Message"]?.GetValue<string>()));
        Assert.Equal(1, Server.Statistics.TooManyRequestsSent);
    }

    [Fact]
    public async Task Post_PastTheLimit_OtherTokenIsNotLimited()
    {
        for (var i = 0; i <= Limit; i++)
        {
            await Client.PostAsync("configuration/get", ct: Ct);
        }

        var other = await ClientFor(DemoTokens.Client3ClientToken, DemoTokens.Client3AccessToken).PostAsync("configuration/get", ct: Ct);

        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Equal(Limit + 1, Server.Statistics.RequestsForToken(DemoTokens.AccessToken));
    }

    [Fact]
    public async Task Post_LimitRaisedAtRuntime_AcceptsAgain()
    {
        for (var i = 0; i <= Limit; i++)
        {
            await Client.PostAsync("configuration/get", ct: Ct);
        }

        Server.Options.RateLimit = 100;
        var response = await Client.PostAsync("configuration/get", ct: Ct);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }
}

public sealed class RateLimitWindowTests : SimulatorTestBase
{
    protected override void Configure(SimulatorOptions options)
    {
        options.RateLimit = 2;
        options.RateLimitWindow = TimeSpan.FromMilliseconds(300);
    }

    [Fact]
    public async Task Post_AfterWindowSlides_AcceptsAgain()
    {
        await Client.PostAsync("configuration/get", ct: Ct);
        await Client.PostAsync("configuration/get", ct: Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Client.PostAsync("configuration/get", ct: Ct)).Status);

        // Wait on the condition (the window sliding past the first requests), not on a fixed time.
        var status = HttpStatusCode.TooManyRequests;
        for (var attempt = 0; attempt < 200 && status == HttpStatusCode.TooManyRequests; attempt++)
        {
            await Task.Delay(50, Ct);
            status = (await Client.PostAsync("configuration/get", ct: Ct)).Status;
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
