using UpsellAdmin.Connector.Http;
using UpsellAdmin.Connector.Tests.Infrastructure;

namespace UpsellAdmin.Connector.Tests.Unit;

public sealed class SlidingWindowRequestLimiterTests
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30); // a guard against a hung test, not a timing assertion

    [Fact]
    public async Task AcquireAsync_LimitReached_WaitsExactlyUntilTheOldestStartLeavesTheWindow()
    {
        var clock = new ManualTimeProvider();
        var limiter = new SlidingWindowRequestLimiter(limit: 2, window: TimeSpan.FromSeconds(10), clock);
        var ct = TestContext.Current.CancellationToken;

        await limiter.AcquireAsync(ct);        // t = 0
        clock.Advance(TimeSpan.FromSeconds(4));
        await limiter.AcquireAsync(ct);        // t = 4
        var third = limiter.AcquireAsync(ct).AsTask();

        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5.9)); // t = 9.9: both starts still inside the window
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1)); // t = 10: the start at 0 has left
        await third.WaitAsync(Safety, ct);

        Assert.Equal(3, limiter.Admitted);
        Assert.Equal(1, limiter.Delayed);
    }

    [Fact]
    public async Task RecordUnmetered_RetryUsesBudget_LaterCallerWaitsForIt()
    {
        var clock = new ManualTimeProvider();
        var limiter = new SlidingWindowRequestLimiter(limit: 1, window: TimeSpan.FromSeconds(10), clock);
        var ct = TestContext.Current.CancellationToken;

        await limiter.AcquireAsync(ct);          // t = 0
        clock.Advance(TimeSpan.FromSeconds(5));
        limiter.RecordUnmetered();               // t = 5, a retry goes out without waiting
        clock.Advance(TimeSpan.FromSeconds(5));  // t = 10: the first start left, the retry has not
        var next = limiter.AcquireAsync(ct).AsTask();

        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));  // t = 15
        await next.WaitAsync(Safety, ct);
        Assert.Equal(1, limiter.Unmetered);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ThrowsAndDoesNotUseBudget()
    {
        var clock = new ManualTimeProvider();
        var limiter = new SlidingWindowRequestLimiter(limit: 1, window: TimeSpan.FromSeconds(10), clock);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await limiter.AcquireAsync(cts.Token);

        var waiting = limiter.AcquireAsync(cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, limiter.Admitted);
    }

    [Fact]
    public async Task Gateway_LimiterOfTwoPerLongWindow_ThirdCallWaitsInsteadOfReachingMews()
    {
        var stub = new StubHandler(_ => StubHandler.Json("""{"Services":[],"Cursor":null}"""));
        await using var host = GatewayHost.OverStub(stub, o =>
        {
            o.RequestsPerWindow = 2;
            o.Window = TimeSpan.FromHours(1);
        });
        var ct = TestContext.Current.CancellationToken;
        await host.Gateway.GetServicesAsync(ct: ct).ToListAsync(ct);
        await host.Gateway.GetServicesAsync(ct: ct).ToListAsync(ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var third = host.Gateway.GetServicesAsync(ct: cts.Token).ToListAsync(cts.Token).AsTask();
        await Task.Yield();
        Assert.False(third.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
        Assert.Equal(2, stub.Requests.Count);
    }
}
