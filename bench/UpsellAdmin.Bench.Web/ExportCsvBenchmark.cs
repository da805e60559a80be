using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Reports.Exports;
using UpsellAdmin.Web.Features.Reports.History;
using UpsellAdmin.Web.Features.Selling;

namespace UpsellAdmin.Bench.Web;

/// <summary>
/// <c>export-csv [--rows 100000] [--small 10000] [--runs 3]</c>: the Upsell Activity CSV export as the
/// <c>/exports/upsell-activity?format=csv</c> endpoint runs it — the activity rows of one property read from a SQLite
/// file through the selling service and written by <see cref="TabularExport.WriteCsvAsync{T}(Stream, IReadOnlyList{ExportColumn{T}}, IAsyncEnumerable{T}, CancellationToken)"/>
/// with <see cref="UpsellActivityExport.Columns"/> — into a stream that only counts bytes (no disk, no network).
/// Two row sources: C's <see cref="UpsellActivityExport.RowsAsync"/> (what the endpoint uses) and
/// <see cref="ISellingService.StreamAsync"/> (one query, read as written). For a small and a large property (10,000 and
/// 100,000 generated sales): rows/s, bytes allocated per row, and the peak managed heap above the heap before the
/// export (sampled every 2 ms): constant memory means the large export's peak is about the small one's.
/// Goal (issue 16): ≥ 50,000 rows/s at 100,000 rows, memory flat.
/// </summary>
internal static class ExportCsvBenchmark
{
    private const double RowsPerSecondGoal = 50_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchOptions(args);
        var large = options.Int("rows", 100_000);
        var small = options.Int("small", 10_000);
        var runs = options.Int("runs", 3);
        var dir = options.Text("dir", Path.Combine(Path.GetTempPath(), "upselladmin-bench"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "export.db");

        var watch = Stopwatch.StartNew();
        // The activity log's reads need only the database and the user: the desk and the Mews gateway SellingService also
        // takes (for selling) are never touched by ListAsync/StreamAsync, so the bench does not stand up Mews for them.
        await using var database = await BenchDatabase.CreateAsync(path, services => services.AddScoped<ISellingService>(sp => new SellingService(
            sp.GetRequiredService<IDbContextFactory<AppDbContext>>(), sp.GetRequiredService<UpsellAdmin.Web.Features.Accounts.ICurrentUser>(),
            desk: null!, mews: null!, new UpsellWorkSignal(), TimeProvider.System)));
        var properties = new[] { new Property { Code = "EXS", Name = "Export small", CurrencyCode = "EUR", TimeZone = "Europe/Prague", MewsEnterpriseId = Guid.NewGuid() },
            new Property { Code = "EXL", Name = "Export large", CurrencyCode = "EUR", TimeZone = "Europe/Prague", MewsEnterpriseId = Guid.NewGuid() } };
        await database.WithContextAsync(async db =>
        {
            db.Properties.AddRange(properties);
            return await db.SaveChangesAsync();
        });
        using (var connection = database.OpenConnection())
        {
            await using var model = await database.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            using var writer = new ActivityBulkWriter(connection, model, firstPresentationId: 1);
            foreach (var (property, count) in new[] { (properties[0], small), (properties[1], large) })
            {
                var profile = Profile(property);
                var to = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
                var written = 0;
                // Newest days first, until the property has exactly `count` sales.
                for (var end = to; written < count; end = end.AddDays(-365))
                {
                    foreach (var day in ActivityHistoryGenerator.Generate(profile, end.AddDays(-364), end))
                    {
                        var take = day.Sales.Take(count - written).ToList();
                        writer.Write([], take, []);
                        written += take.Count;
                    }
                }
            }
            writer.Commit();
            Console.WriteLine($"{small:N0} + {large:N0} sales ({writer.Nights:N0} nights) generated and inserted in {watch.Elapsed.TotalSeconds:0.0} s: {path}");
        }

        var zones = properties.ToDictionary(p => p.Id, p => TimeZoneInfo.FindSystemTimeZoneById(p.TimeZone));
        var columns = UpsellActivityExport.Columns(zones);
        var sources = new (string Name, Func<ISellingService, UpsellActivityFilter, IAsyncEnumerable<UpsellSaleView>> Rows)[]
        {
            ("UpsellActivityExport.RowsAsync (the endpoint's)", (s, f) => UpsellActivityExport.RowsAsync(s, f)),
            ("ISellingService.StreamAsync (one query)", (s, f) => s.StreamAsync(f)),
            // Where the time goes: the same rows read and counted, no CSV written (the writer's share is the difference).
            ("StreamAsync read only, no CSV (diagnostic)", (s, f) => s.StreamAsync(f)),
        };

        Console.WriteLine();
        Console.WriteLine($"CSV of the Upsell Activity log ({columns.Count} columns) into a counting stream; best of {runs} runs after one warm-up; "
            + $"{Environment.ProcessorCount} cores, load average {DeskBenchmark.LoadAverage()}");
        var header = $"{"row source",-48} {"rows",8} | {"seconds",8} {"rows/s",9} {"MB out",7} | {"alloc B/row",11} {"peak heap MB",12} | goal";
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        var ok = true;
        foreach (var (name, rows) in sources)
        {
            var peaks = new Dictionary<int, double>();
            foreach (var (property, count) in new[] { (properties[0], small), (properties[1], large) })
            {
                Result? best = null;
                for (var i = 0; i <= runs; i++)
                {
                    Result result;
                    try
                    {
                        result = await ExportAsync(database, columns, rows, new UpsellActivityFilter(PropertyId: property.Id), write: !name.Contains("no CSV", StringComparison.Ordinal));
                    }
                    catch (NotImplementedException e)
                    {
                        Console.WriteLine($"{name,-48} not available: {e.Message}");
                        goto nextSource;
                    }
                    if (result.Rows != count)
                    {
                        throw new InvalidOperationException($"{name}: {result.Rows} rows exported, {count} expected");
                    }
                    if (i > 0 && (best is null || result.Seconds < best.Seconds))
                    {
                        best = result;
                    }
                }
                var rate = count / best!.Seconds;
                var met = count < large || rate >= RowsPerSecondGoal;
                ok &= met;
                peaks[count] = best.PeakHeapMb;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-48} {count,8:N0} | {best.Seconds,8:0.000} {rate,9:N0} {best.Bytes / 1048576.0,7:0.0} | {best.AllocatedBytes / (double)count,11:N0} {best.PeakHeapMb,12:0.0} | {(count < large ? "" : met ? $"ok ≥ {RowsPerSecondGoal:N0}/s" : "MISSED")}"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"",-48} peak heap {large:N0} ÷ {small:N0} rows: {peaks[large] / Math.Max(0.1, peaks[small]):0.00} (1 = constant memory; rows ×{large / small})"));
        nextSource:;
        }
        Console.WriteLine(ok ? $"GOAL MET: ≥ {RowsPerSecondGoal:N0} rows/s at {large:N0} rows" : "GOAL NOT MET");
        await database.DisposeAsync();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
        return ok ? 0 : 1;
    }

    private sealed record Result(long Rows, double Seconds, long Bytes, long AllocatedBytes, double PeakHeapMb);

    private static async Task<Result> ExportAsync(BenchDatabase database, IReadOnlyList<ExportColumn<UpsellSaleView>> columns,
        Func<ISellingService, UpsellActivityFilter, IAsyncEnumerable<UpsellSaleView>> source, UpsellActivityFilter filter, bool write)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peak = heapBefore;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(2);
            }
        });
        await using var scope = database.Services.CreateAsyncScope();
        var selling = scope.ServiceProvider.GetRequiredService<ISellingService>();
        var output = new CountingStream();
        long rows = 0;
        async IAsyncEnumerable<UpsellSaleView> Counted()
        {
            await foreach (var row in source(selling, filter))
            {
                rows++;
                yield return row;
            }
        }
        var watch = Stopwatch.StartNew();
        if (write)
        {
            await TabularExport.WriteCsvAsync(output, columns, Counted(), CancellationToken.None);
        }
        else
        {
            await foreach (var _ in Counted())
            {
            }
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await stop.CancelAsync();
        await sampler;
        return new Result(rows, seconds, output.Length, allocated, (peak - heapBefore) / 1048576.0);
    }

    private static HistoryProperty Profile(Property p) => new(p.Id, p.Code, p.MewsEnterpriseId!.Value.ToString(), p.TimeZone, p.CurrencyCode,
        [new HistoryUpgrade("STD", "SUP", "UP-STD-SUP", 25m), new HistoryUpgrade("STD", "DLX", "UP-STD-DLX", 45m), new HistoryUpgrade("SUP", "DLX", "UP-SUP-DLX", 30m)],
        [new HistoryAddOn("Breakfast", null, 18m, PerNight: true), new HistoryAddOn("Late check-out", null, 30m, PerNight: false)],
        [new HistoryAgent("a1", "anna@example.com", SaleChannel.Desk, 1.1), new HistoryAgent("a2", "tomas@example.com", SaleChannel.Desk, 0.9),
         new HistoryAgent(null, "API: booking-engine", SaleChannel.Api)],
        PresentationsPerDay: 400);

    /// <summary>A write-only stream that keeps nothing: the bytes a client would download, counted.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }
    }
}
