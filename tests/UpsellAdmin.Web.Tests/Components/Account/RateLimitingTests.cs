using System.Net;
using UpsellAdmin.Web.Components;

namespace UpsellAdmin.Web.Tests.Components.Account;

/// <summary>The login's limits per account and per client, and the API's per key, with small configured limits.</summary>
public sealed class RateLimitingTests : IAsyncLifetime
{
    private readonly AccountFactory _app = new(new Dictionary<string, string?>
    {
        ["RateLimiting:LoginPerAccount"] = "3",
        ["RateLimiting:LoginPerIp"] = "6",
        ["RateLimiting:ApiPerKey"] = "3",
        ["RateLimiting:ApiUnknownKeysPerIp"] = "3",
        // Windows of an hour: a loaded CI machine must not see a one-minute window roll over in the middle of a test.
        ["RateLimiting:LoginWindow"] = "01:00:00",
        ["RateLimiting:ApiWindow"] = "01:00:00",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Attacker_GuessesOneAccountsPassword_IsStoppedAfterTheLimit_EvenWithTheRightPassword()
    {
        var ct = TestContext.Current.CancellationToken;
        using var browser = _app.Browser();
        for (var i = 0; i < 3; i++)
        {
            var wrong = await AccountFactory.LogInAsync(browser, AccountFactory.Email.ToUpperInvariant(), $"Guess-{i}-x!");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Invalid email or password.", await wrong.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        var right = await AccountFactory.LogInAsync(browser);

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        var retryAfter = Assert.Single(right.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
        Assert.Contains($"Too many sign-in attempts. Try again in {retryAfter} seconds.", await right.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Null(AccountFactory.AuthCookieSetBy(right));
    }

    [Fact]
    public async Task Attacker_TriesManyAccountsFromOneAddress_IsStoppedByTheLimitPerAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        using var browser = _app.Browser();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await AccountFactory.LogInAsync(browser, $"user{i}@spray.test", "Spray-Password-1!")).StatusCode);
        }

        var next = await AccountFactory.LogInAsync(browser, "user6@spray.test", "Spray-Password-1!");

        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);
        Assert.True(next.Headers.Contains("Retry-After"));
        Assert.Contains("Too many sign-in attempts.", await next.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attacker_GuessesApiKeys_IsRefusedBeforeTheLookupOnceOverTheLimitPerAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 3; i++)
        {
            using var guess = _app.CreateClient();
            guess.DefaultRequestHeaders.Add("X-Api-Key", $"upk_guess{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await guess.GetAsync("/api/properties", ct)).StatusCode);
        }
        using var next = _app.CreateClient();
        next.DefaultRequestHeaders.Add("X-Api-Key", "upk_guess3");

        var refused = await next.GetAsync("/api/properties", ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("unknown API keys", await refused.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.True(refused.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task ApiClient_OverItsLimitPerMinute_Gets429ProblemDetailsWithRetryAfter_WhileAnotherKeyIsServed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var greedy = _app.CreateClient();
        greedy.DefaultRequestHeaders.Add("X-Api-Key", AccountFactory.Key);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await greedy.GetAsync("/api/properties", ct)).StatusCode);
        }

        var refused = await greedy.GetAsync("/api/properties", ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
        var body = await refused.Content.ReadAsStringAsync(ct);
        Assert.Contains("\"status\":429", body, StringComparison.Ordinal);
        Assert.Contains("traceId", body, StringComparison.Ordinal);
        Assert.DoesNotContain(AccountFactory.Key, body, StringComparison.Ordinal);

        using var other = _app.CreateClient();
        other.DefaultRequestHeaders.Add("X-Api-Key", AccountFactory.OtherKey);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/properties", ct)).StatusCode);
        Assert.True(AccountFactory.IsRedirectToLogin(await _app.Browser().GetAsync(PageUrls.UpsellRules, ct)), "pages are not limited by the API's limit");
    }
}
