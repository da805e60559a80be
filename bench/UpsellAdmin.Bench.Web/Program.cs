using UpsellAdmin.Bench.Web;

// Data-side benchmarks of the web app on a real SQLite file. Run in Release:
//   dotnet run -c Release --project bench/UpsellAdmin.Bench.Web -- rules-search [--runs 60] [--warmup 20] [--dir /tmp/x] [--plans]
//   dotnet run -c Release --project bench/UpsellAdmin.Bench.Web -- desk [--arrivals 400] [--runs 30]
//   dotnet run -c Release --project bench/UpsellAdmin.Bench.Web -- desk-browser [--arrivals 400] [--runs 5]
//   dotnet run -c Release --project bench/UpsellAdmin.Bench.Web -- sell [--sales 1000] [--clients 8] [--rate-limit 200]
//   dotnet run -c Release --project bench/UpsellAdmin.Bench.Web -- login-timing [--runs 30] [--warmup 5]
//   dotnet run -c Release --project bench/UpsellAdmin.Bench.Web -- report [--records 1000000] [--properties 50] [--years 3] [--runs 20] [--chain-runs 10]
//   dotnet run -c Release --project bench/UpsellAdmin.Bench.Web -- export-csv [--rows 100000] [--small 10000] [--runs 3]
// Add a benchmark: write a class with a static Task<int> RunAsync(string[] args) and name it below.
var benchmarks = new Dictionary<string, (string Description, Func<string[], Task<int>> Run)>(StringComparer.OrdinalIgnoreCase)
{
    ["rules-search"] = ("UpsellRuleService.SearchAsync at 1,000 and 100,000 rules in one property: p50/p95 and the ratio", RulesSearchBenchmark.RunAsync),
    ["copy"] = ("Copy N rules of one property to M properties: preview and apply (args: [rules] [targets])", CopyBenchmark.RunAsync),
    ["desk"] = ("Upsell Desk service, 400 arrivals: Mews requests per load, pricing p50/p95 (--arrivals, --runs, --cold-runs)", DeskBenchmark.RunAsync),
    ["desk-browser"] = ("Upsell Desk page in headless Chromium, 400 arrivals: navigation until rows visible, cold/warm (--runs, --latency-ms)", DeskBrowserBenchmark.RunAsync),
    ["login-timing"] = ("The login form's answer time: unknown email vs known with a wrong password vs right password, medians (--runs, --warmup)", LoginTimingBenchmark.RunAsync),
    ["report"] = ("Upsell Performance report over 1,000,000 upsell records, 3 years, 50 properties: property-year and chain-year p50/p95 per grouping, plan of the slowest query", ReportBenchmark.RunAsync),
    ["export-csv"] = ("CSV export of 100,000 Upsell Activity rows through the exporter: rows/s and allocated/peak memory vs 10,000 rows", ExportCsvBenchmark.RunAsync),
    ["sell"] = ("1,000 upgrades sold through the selling API at Mews' rate limit: time to all settled vs the budget, duplicates (--sales, --clients, --rate-limit)", SellBenchmark.RunAsync),
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.WriteLine("usage: UpsellAdmin.Bench.Web <benchmark> [options]");
    foreach (var (name, (description, _)) in benchmarks)
    {
        Console.WriteLine($"  {name,-14} {description}");
    }
    return args.Length == 0 ? 0 : 2;
}
return await benchmark.Run(args[1..]);
