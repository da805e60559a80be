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

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

public sealed class RateLimitWindowTests : SimulatorTestBase
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 13, 0, 0, TimeSpan.Zero));

    protected override void Configure(SimulatorOptions options)
    {
        options.RateLimit = 2;
        options.RateLimitWindow = TimeSpan.FromSeconds(30);
        options.TimeProvider = _clock;
    }

    [Fact]
    public async Task Post_WindowSlidesPastFirstRequest_AcceptsAgainAndRetryAfterMatches()
    {
        await Client.PostAsync("configuration/get", ct: Ct);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await Client.PostAsync("configuration/get", ct: Ct);

        var limited = await Client.PostAsync("configuration/get", ct: Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(TimeSpan.FromSeconds(20), limited.Headers.RetryAfter?.Delta);

        _clock.Advance(TimeSpan.FromSeconds(20));
        var accepted = await Client.PostAsync("configuration/get", ct: Ct);
        var limitedAgain = await Client.PostAsync("configuration/get", ct: Ct);

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, limitedAgain.Status);
        Assert.Equal(TimeSpan.FromSeconds(10), limitedAgain.Headers.RetryAfter?.Delta);
    }
}
