using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Features.Reports.Components;
using UpsellAdmin.Web.Features.UpsellConfiguration;

namespace UpsellAdmin.Web.Features.Reports;

/// <summary>
/// Upsell Performance (editors and Administrators; Front Desk sees its own figures): the report of
/// <see cref="IUpsellReportService"/> for the filter in the address (<see cref="ReportFilter"/>), one section per
/// currency. Every filter change is written into the address (replacing the entry) and read again; Back, Forward and
/// the menu's link bring their own filter.
/// </summary>
public sealed partial class UpsellReportPage : IDisposable
{
    [Inject] private IUpsellReportService Reports { get; set; } = default!;
    [Inject] private IAgentCommissionRates CommissionRates { get; set; } = default!;
    [Inject] private CurrentPropertyState PropertyState { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private ILogger<UpsellReportPage> Logger { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private ReportFilter? _filter;
    private UpsellReport? _report;
    private IReadOnlyList<string> _errors = [];
    /// <summary>What the address asked for that could not be read (the defaults are used for those parts).</summary>
    private IReadOnlyList<string> _addressProblems = [];
    /// <summary>The agent commission percent of each property in the report, by property code (null = not set).</summary>
    private IReadOnlyDictionary<string, decimal?> _rates = new Dictionary<string, decimal?>();
    private string? _failure;
    private bool _loading;
    private bool _ownFiguresOnly;
    private bool _writeUrlPending;
    private CancellationTokenSource? _run;

    protected override async Task OnInitializedAsync()
    {
        _ownFiguresOnly = AuthenticationState is null || !(await AuthenticationState).User.CanEdit();
        await PropertyState.EnsureLoadedAsync();
        (_filter, _addressProblems) = ReportFilter.Read(Navigation.Uri, ReportFilter.Default(PropertyState.Current?.Code, Today));
        Navigation.LocationChanged += OnLocationChanged;
        _writeUrlPending = true; // the address shows the whole filter from now on (a shared link keeps it)
        await LoadAsync();
    }

    /// <summary>Today at the first chosen property (its time zone), else at the current one.</summary>
    private DateOnly Today
    {
        get
        {
            var code = _filter?.Properties.FirstOrDefault();
            var property = PropertyState.Properties.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase)) ?? PropertyState.Current;
            return QuoteDates.Today(Clock, property?.TimeZone);
        }
    }

    private string HeadingDetails
    {
        get
        {
            var properties = _filter!.PropertiesText;
            var by = $"by {ReportFilter.GroupingLabel(_filter.GroupBy).ToLowerInvariant()}";
            return string.Join(" · ", new[] { properties, _filter.FiltersText, by }.Where(s => s.Length > 0));
        }
    }

    private async Task ApplyAsync(ReportFilter filter)
    {
        _filter = filter;
        _addressProblems = []; // the address is the page's own from now on
        WriteUrl();
        await LoadAsync();
    }

    private void WriteUrl()
    {
        var url = _filter!.ToUrl();
        if ("/" + Navigation.ToBaseRelativePath(Navigation.Uri) != url)
        {
            Navigation.NavigateTo(url, replace: true);
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (_writeUrlPending)
        {
            _writeUrlPending = false;
            WriteUrl();
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(() => FollowAddressAsync(e.Location));

    /// <summary>Another address of this page (the menu's link, Back): its filter is applied. The page's own writes
    /// describe <see cref="_filter"/> already and are ignored.</summary>
    private async Task FollowAddressAsync(string location)
    {
        var path = "/" + Navigation.ToBaseRelativePath(location);
        var end = path.IndexOfAny(['?', '#']);
        if (_filter is null || !string.Equals(end < 0 ? path : path[..end], PageUrls.UpsellReport, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var (arrived, problems) = ReportFilter.Read(location, ReportFilter.Default(PropertyState.Current?.Code, Today));
        if (arrived.ToQueryString() == _filter.ToQueryString() && problems.Count == 0)
        {
            return;
        }
        _filter = arrived;
        _addressProblems = problems;
        WriteUrl();
        await LoadAsync();
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        if (_run is not null)
        {
            await _run.CancelAsync();
            _run.Dispose();
        }
        _run = new CancellationTokenSource();
        var ct = _run.Token;
        _failure = null;
        _errors = [];
        if (_filter is null || !_filter.RangeIsValid)
        {
            _report = null; // the page says what is wrong with the filter; nothing is asked
            _loading = false;
            return;
        }
        _loading = true;
        try
        {
            var result = await Reports.RunAsync(_filter.ToPageQuery(_ownFiguresOnly), ct);
            if (ct.IsCancellationRequested)
            {
                return; // a newer filter is being read
            }
            if (result.Status == UpsellReportStatus.Ok && result.Report is { } report)
            {
                _ownFiguresOnly |= report.OwnFiguresOnly;
                var properties = report.Sections.SelectMany(s => s.PropertyCodes).Distinct()
                    .Select(code => PropertyState.Properties.FirstOrDefault(p => p.Code == code)).OfType<PropertySummary>().ToList();
                var rates = await CommissionRates.GetAsync(properties.Select(p => p.Id).ToList(), ct);
                _rates = properties.ToDictionary(p => p.Code, p => rates.GetValueOrDefault(p.Id));
                _report = report;
            }
            else
            {
                _report = null;
                _errors = result.Errors.Count > 0 ? result.Errors : ["This report cannot be shown to you."];
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer filter replaced this read.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Upsell Performance could not be read for {Query}", LogText.Safe(_filter.ToQueryString()));
            _report = null;
            _failure = "The report could not be read just now. Try again in a moment; if it keeps failing, tell an administrator.";
        }
        finally
        {
            if (!ct.IsCancellationRequested)
            {
                _loading = false;
            }
        }
    }

    /// <summary>A section with anything to show (a sale, an offer, a decline or an amount).</summary>
    private static bool HasActivity(UpsellReportSection section)
    {
        var f = section.Totals;
        return f.ReservationsPresented + f.OffersPresented + f.Sold + f.Declined + f.Reversed > 0 || f.PostedAmount != 0 || f.PendingAmount != 0;
    }

    /// <summary>"Commission: HTL1 5 % of revenue · HTL2 not set (Upsell Configuration)".</summary>
    private string CommissionText(UpsellReportSection section)
    {
        var parts = section.PropertyCodes.Select(code =>
            _rates.GetValueOrDefault(code) is { } rate ? $"{code} {ReportFormat.Rate(rate)} of revenue" : $"{code} not set");
        return "Commission: " + string.Join(" · ", parts) + " (Upsell Configuration).";
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _run?.Cancel();
        _run?.Dispose();
    }
}
