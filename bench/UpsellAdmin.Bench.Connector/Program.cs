// Burst benchmark of the Mews gateway against the simulator on 127.0.0.1 (not a test: it prints numbers).
//
//   dotnet run -c Release --project bench/UpsellAdmin.Bench.Connector -- [--requests 1000] [--limit 200]
//       [--window-seconds 30] [--margin-ms <window/60>] [--concurrency <requests>]
//
// The simulator and the gateway get the same limit and window (Mews: 200 per 30 s). "--window-seconds 3 --limit 20"
// keeps the ratio and takes a tenth of the time. Every caller call is exactly one HTTP request (single-page reads).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.ConnectorSimulator;

var requests = IntArg("--requests", 1000);
var limit = IntArg("--limit", 200);
var window = TimeSpan.FromSeconds(DoubleArg("--window-seconds", 30));
var margin = TimeSpan.FromMilliseconds(DoubleArg("--margin-ms", window.TotalMilliseconds / 60));
var concurrency = IntArg("--concurrency", requests);

await using var simulator = await SimulatorServer.StartAsync(o =>
{
    o.RateLimit = limit;
    o.RateLimitWindow = window;
});

var services = new ServiceCollection();
services.AddLogging();
services.AddMewsConnector(o =>
{
    o.BaseUrl = simulator.BaseAddress.ToString();
    o.ClientToken = DemoTokens.ClientToken;
    o.AccessToken = DemoTokens.AccessToken;
    o.Client = DemoTokens.Client;
    o.RequestsPerWindow = limit;
    o.Window = window;
    o.RateLimitSafetyMargin = margin;
});
await using var provider = services.BuildServiceProvider();
var gateway = provider.GetRequiredService<IMewsGateway>();

// One warm-up call (JIT, connection), then reset the simulator's counters; the warm-up's permit stays in the window.
await gateway.GetConfigurationAsync();
await Task.Delay(window + margin);
simulator.Statistics.Reset();

Console.WriteLine("Mews gateway burst benchmark (simulator on 127.0.0.1)");
Console.WriteLine($"  config: {requests} reads, {concurrency} concurrent callers, limit {limit} per {window.TotalSeconds:0.###} s "
    + $"(simulator and gateway), gateway safety margin {margin.TotalMilliseconds:0} ms");

var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
var callerTooMany = 0;
var callerFailures = 0;
var completed = 0;
var gate = new SemaphoreSlim(concurrency);
var stopwatch = Stopwatch.StartNew();
var tasks = Enumerable.Range(0, requests).Select(async i =>
{
    await gate.WaitAsync();
    try
    {
        switch (i % 4)
        {
            case 0: await gateway.GetConfigurationAsync(); break;
            case 1: await Drain(gateway.GetServicesAsync()); break;
            case 2: await Drain(gateway.GetSourcesAsync()); break;
            default: await Drain(gateway.GetAccountingCategoriesAsync()); break;
        }

        Interlocked.Increment(ref completed);
    }
    catch (MewsApiException e) when (e.StatusCode == HttpStatusCode.TooManyRequests)
    {
        Interlocked.Increment(ref callerTooMany);
    }
    catch (MewsApiException e)
    {
        failures.Add(e.Message);
        Interlocked.Increment(ref callerFailures);
    }
    finally
    {
        gate.Release();
    }
}).ToList();
await Task.WhenAll(tasks);
stopwatch.Stop();

var seconds = stopwatch.Elapsed.TotalSeconds;
var sent = simulator.Statistics.TotalRequests;
var windows = window.TotalSeconds;
var fastest = (Math.Ceiling((double)requests / limit) - 1) * windows; // first window free, then one window per `limit` calls
var briefBudget = requests * windows / limit;                        // the brief's yardstick: N/limit full windows
Console.WriteLine();
Console.WriteLine($"  calls completed          : {completed} / {requests}");
Console.WriteLine($"  429s reaching the caller : {callerTooMany}");
Console.WriteLine($"  other caller failures    : {callerFailures}");
Console.WriteLine($"  requests the simulator got: {sent}");
Console.WriteLine($"  429s the simulator sent  : {simulator.Statistics.TooManyRequestsSent}");
Console.WriteLine($"  total time               : {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
Console.WriteLine($"  throughput               : {(sent / seconds * windows).ToString("0.0", CultureInfo.InvariantCulture)} requests per {windows:0.###} s window (limit {limit})");
Console.WriteLine($"  budget utilisation       : {(fastest / seconds * 100).ToString("0.0", CultureInfo.InvariantCulture)} % of the fastest schedule the limit allows "
    + $"({fastest:0.#} s: {limit} at once, then {limit} per window)");
Console.WriteLine($"  brief's yardstick        : {(briefBudget / seconds * 100).ToString("0.0", CultureInfo.InvariantCulture)} % "
    + $"({requests} reads in {briefBudget:0.#} s = {limit} per {windows:0.###} s fully used; above 100 % because the first window's burst is free)");
foreach (var group in failures.GroupBy(f => f).OrderByDescending(g => g.Count()).Take(5))
    Console.WriteLine($"  failure x{group.Count()}: {group.Key}");
Console.WriteLine($"  simulator answers by status: {string.Join(", ", simulator.Statistics.ResponsesByStatus.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))}");
return callerTooMany == 0 && callerFailures == 0 ? 0 : 1;

static async Task Drain<T>(IAsyncEnumerable<T> items)
{
    await foreach (var _ in items)
    {
    }
}

int IntArg(string name, int fallback) => Arg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

double DoubleArg(string name, double fallback) => Arg(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
