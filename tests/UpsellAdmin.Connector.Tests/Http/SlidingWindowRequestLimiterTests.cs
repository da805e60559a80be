using UpsellAdmin.Connector.Http;
using UpsellAdmin.Connector.Tests.TestSupport;

namespace UpsellAdmin.Connector.Tests.Http;

public sealed class SlidingWindowRequestLimiterTests
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30); // a guard against a hung test, not a timing assertion

    [Fact]
    public async Task AcquireAsync_LimitReached_WaitsUntilTheOldestAnswerLeavesTheWindow()
    {
        var clock = new ManualTimeProvider();
        var limiter = new SlidingWindowRequestLimiter(limit: 2, window: TimeSpan.FromSeconds(10), clock);
        var ct = TestContext.Current.CancellationToken;

        (await limiter.AcquireAsync(ct)).Complete();   // answered at t = 0
        clock.Advance(TimeSpan.FromSeconds(4));
        (await limiter.AcquireAsync(ct)).Complete();   // answered at t = 4
        var third = limiter.AcquireAsync(ct).AsTask();

        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5.9)); // t = 9.9: both answers still inside the window
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1)); // t = 10: the answer at 0 has left
        await third.WaitAsync(Safety, ct);

        Assert.Equal(3, limiter.Admitted);
        Assert.Equal(1, limiter.Delayed);
    }

    [Fact]
    public async Task AcquireAsync_PermitStillInFlight_WindowStartsOnlyWhenItsAnswerArrives()
    {
        var clock = new ManualTimeProvider();
        var limiter = new SlidingWindowRequestLimiter(limit: 1, window: TimeSpan.FromSeconds(10), clock);
        var ct = TestContext.Current.CancellationToken;
        var slow = await limiter.AcquireAsync(ct);    // sent at t = 0, no answer yet

        var next = limiter.AcquireAsync(ct).AsTask();
        clock.Advance(TimeSpan.FromSeconds(60));       // the server may stamp the slow request as late as its answer
        Assert.False(next.IsCompleted);
        slow.Complete();                               // answered at t = 60
        clock.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));      // t = 70
        await next.WaitAsync(Safety, ct);
    }

    [Fact]
    public async Task RecordUnmetered_RetryUsesBudget_LaterCallerWaitsForIt()
    {
        var clock = new ManualTimeProvider();
        var limiter = new SlidingWindowRequestLimiter(limit: 1, window: TimeSpan.FromSeconds(10), clock);
        var ct = TestContext.Current.CancellationToken;

        (await limiter.AcquireAsync(ct)).Complete();  // t = 0
        clock.Advance(TimeSpan.FromSeconds(5));
        limiter.RecordUnmetered().Complete();         // t = 5, a retry went out without waiting
        clock.Advance(TimeSpan.FromSeconds(5));       // t = 10: the first answer left the window, the retry's has not
        var next = limiter.AcquireAsync(ct).AsTask();

        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));       // t = 15
        await next.WaitAsync(Safety, ct);
        Assert.Equal(1, limiter.Unmetered);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ThrowsAndDoesNotUseBudget()
    {
        var clock = new ManualTimeProvider();
        var limiter = new SlidingWindowRequestLimiter(limit: 1, window: TimeSpan.FromSeconds(10), clock);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        (await limiter.AcquireAsync(cts.Token)).Complete();

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
