using System.Runtime.CompilerServices;
using UpsellAdmin.Web.Features.Reports.Exports;

namespace UpsellAdmin.Web.Tests.Features.Reports;

[CollectionDefinition(nameof(ExportWorkbookSlotTests), DisableParallelization = true)]
public sealed class ExportWorkbookSlotCollection;

/// <summary>The .xlsx builds: at most <see cref="TabularExport.MaxConcurrentWorkbooks"/> at once (a further one waits,
/// cancellably), and a cancelled build deletes its temporary file and gives its slot back. Not run in parallel with
/// other tests (the slots are process-wide).</summary>
[Collection(nameof(ExportWorkbookSlotTests))]
public sealed class ExportWorkbookSlotTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("upsell-export-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly IReadOnlyList<ExportColumn<int>> Columns = [ExportColumn.WholeNumber<int>("N", n => n)];

    /// <summary>Yields one row, signals <paramref name="started"/>, then waits for <paramref name="release"/> (or cancellation).</summary>
    private static async IAsyncEnumerable<int> BlockedRows(TaskCompletionSource started, Task release, [EnumeratorCancellation] CancellationToken ct = default)
    {
        yield return 1;
        started.TrySetResult();
        await release.WaitAsync(ct);
        yield return 2;
    }

    private static async IAsyncEnumerable<int> RowsThatMustNotBeRead(StrongBox<bool> read)
    {
        read.Value = true;
        await Task.Yield();
        yield return 1;
    }

    private Task Build(Stream output, IAsyncEnumerable<int> rows, CancellationToken ct) =>
        TabularExport.WriteXlsxAsync(output, [ExportSheet.Create("Data", Columns, rows)], _folder, ct);

    [Fact]
    public async Task ACancelledBuild_DeletesItsTempFile_AndGivesItsSlotBack()
    {
        Assert.Equal(TabularExport.MaxConcurrentWorkbooks, TabularExport.FreeWorkbookSlots);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var output = new MemoryStream();
        var build = Build(output, BlockedRows(started, Task.Delay(Timeout.Infinite, Ct), Ct), cancel.Token);

        await started.Task.WaitAsync(Ct);
        Assert.Single(Directory.GetFiles(_folder)); // the workbook being written
        Assert.Equal(TabularExport.MaxConcurrentWorkbooks - 1, TabularExport.FreeWorkbookSlots);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => build);
        Assert.Empty(Directory.GetFiles(_folder));
        Assert.Equal(TabularExport.MaxConcurrentWorkbooks, TabularExport.FreeWorkbookSlots);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task WhenEverySlotIsTaken_ABuildWaits_AndItsCancellationEndsTheWait()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = new List<(Task Build, MemoryStream Output)>();
        for (var i = 0; i < TabularExport.MaxConcurrentWorkbooks; i++)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var output = new MemoryStream();
            running.Add((Build(output, BlockedRows(started, release.Task, Ct), Ct), output));
            await started.Task.WaitAsync(Ct);
        }
        Assert.Equal(0, TabularExport.FreeWorkbookSlots);

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var read = new StrongBox<bool>();
        using var waitingOutput = new MemoryStream();
        var waiting = Build(waitingOutput, RowsThatMustNotBeRead(read), cancel.Token);
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.False(read.Value, "a build waiting for a slot reads no rows");
        Assert.Equal(TabularExport.MaxConcurrentWorkbooks, Directory.GetFiles(_folder).Length);

        release.SetResult();
        foreach (var (build, output) in running)
        {
            await build;
            Assert.True(output.Length > 0);
            output.Dispose();
        }
        Assert.Empty(Directory.GetFiles(_folder));
        Assert.Equal(TabularExport.MaxConcurrentWorkbooks, TabularExport.FreeWorkbookSlots);
    }
}
