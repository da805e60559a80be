using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;
using UpsellAdmin.Connector;

namespace UpsellAdmin.Web.Features.Sync;

public sealed partial class SyncPage
{
    private MudDataGrid<SyncRunRow>? _grid;
    private IReadOnlyList<string>? _lastErrors;
    private bool _wasRunning;

    [Inject] private SyncCoordinator Coordinator { get; set; } = default!;
    [Inject] private ISyncRunQueries Runs { get; set; } = default!;
    [Inject] private IOptionsMonitor<SyncOptions> Options { get; set; } = default!;
    [Inject] private IOptionsMonitor<ConnectorOptions> Connector { get; set; } = default!;
    [Inject] private IConfiguration Configuration { get; set; } = default!;
    [Inject] private IHostEnvironment Environment { get; set; } = default!;
    [Inject] private IHostApplicationLifetime Lifetime { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private bool IsDemo => MewsSyncSetup.IsDemoConnector(Configuration, Environment);

    private string IntervalText => Options.CurrentValue.Interval is var i && i.TotalHours >= 1 && i.TotalHours == Math.Floor(i.TotalHours)
        ? $"{i.TotalHours:0} h"
        : Options.CurrentValue.Interval.ToString("g", System.Globalization.CultureInfo.InvariantCulture);

    private string TargetText => IsDemo ? "Demo mode: in-process Mews simulator" : $"Mews at {Connector.CurrentValue.BaseUrl}";

    protected override void OnInitialized()
    {
        _wasRunning = Coordinator.IsRunning;
        Coordinator.Changed += OnChanged;
    }

    private void OnChanged() => _ = InvokeAsync(async () =>
    {
        var running = Coordinator.IsRunning;
        if (_wasRunning && !running && _grid is not null)
        {
            await _grid.ReloadServerData();
        }
        _wasRunning = running;
        StateHasChanged();
    });

    private async Task<GridData<SyncRunRow>> LoadAsync(GridState<SyncRunRow> state, CancellationToken ct)
    {
        var (rows, total) = await Runs.GetRunsAsync(state.Page, state.PageSize, ct);
        return new GridData<SyncRunRow> { Items = rows, TotalItems = total };
    }

    private async Task StartAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User.Identity?.Name;
        _lastErrors = null;
        try
        {
            // Not tied to this page: the run goes on if the administrator navigates away.
            var result = await Coordinator.RunAsync(SyncTrigger.Manual, user, Lifetime.ApplicationStopping);
            _lastErrors = result.Errors;
            Snackbar.Add($"Sync finished in {result.Duration.TotalSeconds:0.0} s ({result.Requests} requests): {result.Counts.Added} added, "
                + $"{result.Counts.Updated} updated, {result.Counts.Deactivated} deactivated"
                + (result.Succeeded ? "." : $", {result.Errors.Count} error(s)."), result.Succeeded ? Severity.Success : Severity.Warning);
        }
        catch (SyncAlreadyRunningException e)
        {
            Snackbar.Add(e.Message, Severity.Info);
        }
        catch (OperationCanceledException)
        {
            Snackbar.Add("The sync was cancelled because the app is stopping.", Severity.Warning);
        }
    }

    private static string FirstLine(string errors)
    {
        var line = errors.Split('\n')[0];
        return line.Length > 80 ? line[..80] + "…" : line;
    }

    public void Dispose() => Coordinator.Changed -= OnChanged;
}
