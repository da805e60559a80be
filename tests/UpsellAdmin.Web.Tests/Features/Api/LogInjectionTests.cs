using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;
using UpsellAdmin.Web.Features.Api;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Tests.Features.Api;

/// <summary>
/// Issue 14: a rule code with a newline forged a log line (the evaluate endpoint logs the code), and values of 1 MB were
/// logged whole. The app's own Serilog pipeline is captured as its console sink renders it: what an operator reads.
/// </summary>
public sealed class LogInjectionTests : IAsyncLifetime
{
    private readonly ApiFactory _base = new();
    private readonly CapturingSink _sink = new();
    private WebApplicationFactory<ApiOptions> _factory = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        // The app of ApiFactory (its settings and key); its Serilog pipeline also writes to a sink from DI
        // (LoggingSetup reads sinks from the services), rendered as the console sink renders ("{Message:lj}").
        _factory = _base.WithWebHostBuilder(builder => builder.ConfigureTestServices(s => s.AddSingleton<ILogEventSink>(_sink)));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _base.DisposeAsync();
    }

    private HttpClient Client()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.Key);
        return client;
    }

    /// <summary>The log once it holds <paramref name="expected"/>: the request line is written after the answer left
    /// (Serilog's request logging logs on completion), so a test may read before it is there.</summary>
    private async Task<string> LogAsync(string expected)
    {
        for (var i = 0; i < 400 && !_sink.Text.Contains(expected, StringComparison.Ordinal); i++)
        {
            await Task.Delay(50, Ct);
        }

        return _sink.Text;
    }

    private sealed class CapturingSink : ILogEventSink
    {
        private readonly MessageTemplateTextFormatter _format = new("[{Level:u3}] {Message:lj}{NewLine}");
        private readonly StringBuilder _text = new();
        private readonly Lock _lock = new();

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return _text.ToString();
                }
            }
        }

        public void Emit(LogEvent logEvent)
        {
            lock (_lock)
            {
                using var writer = new StringWriter(_text, System.Globalization.CultureInfo.InvariantCulture);
                _format.Format(logEvent, writer);
            }
        }
    }

    [Fact]
    public async Task Evaluate_RuleCodeWithANewline_IsLoggedEscapedOnOneLine()
    {
        var body = JsonNode.Parse("""
            {
              "rule": { "code": "X", "description": "d", "upsellByRoomType": true, "from": "STD", "to": "DLX",
                        "formula": "FlatAmountAddedToOriginalRate", "upsellAmount": 15, "currencyCode": "USD", "roundingRule": "None",
                        "upsellByOccupancyLevels": false },
              "stay": { "arrivalDate": "2026-12-10", "departureDate": "2026-12-11", "bookedOn": "2026-11-22", "roomType": "STD",
                        "rateCode": "BAR", "currencyCode": "USD", "nights": [ { "date": "2026-12-10", "originalRate": 100 } ] }
            }
            """)!;
        body["rule"]!["code"] = "A\n[INF] FORGED";
        using var client = Client();

        using var response = await client.PostAsync("/api/upsell-rules/evaluate",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var log = await LogAsync("Evaluated rule");
        Assert.Contains("Evaluated rule A\\n[INF] FORGED for stay", log, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Split('\n'), line => line.StartsWith("[INF] FORGED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_ApiPathOf5000CharactersWithAnEncodedNewline_IsLoggedCutAndEscaped()
    {
        using var client = Client();

        using var response = await client.GetAsync("/api/x%0A[INF] FORGED" + new string('y', 5000), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var log = await LogAsync("HTTP GET /api/x"); // the request line itself, not any earlier line naming the path
        var line = Assert.Single(log.Split('\n'), l => l.Contains("HTTP GET /api/x", StringComparison.Ordinal));
        Assert.Contains("/api/x\\n[INF] FORGED", line, StringComparison.Ordinal);
        Assert.True(line.Length < LogText.MaxLength + 200, $"{line.Length} characters");
        Assert.DoesNotContain(log.Split('\n'), l => l.StartsWith("[INF] FORGED", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\nb\r\nc\td", "a\\nb\\r\\nc\\td")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("nul\u0000bell\u0007", "nul\\u0000bell\\u0007")]
    [InlineData("line\u2028para\u2029nel\u0085", "line\\u2028para\\u2029nel\\u0085")]
    [InlineData("bidi\u202Eevil", "bidi\\u202eevil")]
    public void Safe_ControlAndSeparatorCharacters_AreEscaped(string value, string expected) =>
        Assert.Equal(expected, LogText.Safe(value));

    [Fact]
    public void Safe_A1MbValue_IsCutTo200CharactersAndAnEllipsis()
    {
        var safe = LogText.Safe(new string('v', 1_000_000));

        Assert.Equal(new string('v', LogText.MaxLength) + "…", safe);
    }
}
