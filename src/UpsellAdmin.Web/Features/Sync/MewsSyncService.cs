using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UpsellAdmin.Connector;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using MewsProduct = UpsellAdmin.Connector.Models.Product;
using MewsAccountingCategory = UpsellAdmin.Connector.Models.AccountingCategory;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>
/// One full reference-data sync from Mews: finds the enterprises the AccessToken sees (services/getAll), creates or
/// updates their properties (configuration/get), reads every code list once for all of them (portfolio tokens: one
/// request per list, not per property), then diffs each property in memory against its rows (one query and one
/// SaveChanges per kind), and refreshes nightly prices (rates/getPricing) and occupancy (availability) for
/// <see cref="SyncOptions.PriceDays"/> days. A list Mews could not deliver is skipped, never taken as "all gone".
/// Use it through <see cref="SyncCoordinator"/>, which allows one run at a time.
/// </summary>
public sealed partial class MewsSyncService(
    IMewsGateway mews,
    IDbContextFactory<AppDbContext> dbFactory,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock,
    ILogger<MewsSyncService> logger)
{
    /// <summary>Concurrent rates/getPricing and availability calls (the gateway keeps them inside Mews' budget).</summary>
    private const int Parallelism = 4;

    /// <summary>Time units per pricing/availability request: Mews allows at most 367 days between first and last.</summary>
    private const int MaxUnitsPerRequest = 366;

    /// <summary>Runs a full sync and records it as a <see cref="SyncRun"/>.</summary>
    public async Task<SyncResult> RunAsync(SyncTrigger trigger, string? startedBy, IProgress<SyncProgress>? progress, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var started = clock.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        int runId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var run = new SyncRun { Trigger = trigger.ToString(), StartedBy = startedBy, StartedUtc = started };
            db.SyncRuns.Add(run);
            await db.SaveChangesAsync(ct);
            runId = run.Id;
        }

        using var meter = SyncRequestMeter.Begin();
        var run2 = new RunState(o, progress);
        try
        {
            await SyncAllAsync(run2, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            run2.AddError("The sync was cancelled.");
            await FinishAsync(runId, run2, stopwatch.Elapsed, meter.Requests, CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            run2.Fail("Sync", e, logger);
        }

        var result = await FinishAsync(runId, run2, stopwatch.Elapsed, meter.Requests, ct);
        LogSyncFinished(trigger.ToString(), result.Counts.Added, result.Counts.Updated, result.Counts.Deactivated, result.PricesWritten,
            (long)result.Duration.TotalMilliseconds, result.Requests, result.Errors.Count);
        return result with { StartedUtc = started };
    }

    private async Task<SyncResult> FinishAsync(int runId, RunState state, TimeSpan elapsed, int requests, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, ct);
        run.FinishedUtc = run.StartedUtc + elapsed;
        run.RequestCount = requests;
        run.ItemsAdded = state.Counts.Added;
        run.ItemsUpdated = state.Counts.Updated;
        run.ItemsDeactivated = state.Counts.Deactivated;
        run.Succeeded = state.Errors.Count == 0;
        var errors = string.Join('\n', state.Errors);
        run.Errors = state.Errors.Count == 0 ? null : errors.Length > 8000 ? errors[..7990] + "\n…" : errors;
        await db.SaveChangesAsync(ct);
        return new SyncResult(runId, run.StartedUtc, elapsed, requests, state.Counts, state.PropertiesCreated, state.PricesWritten, state.Errors.ToList());
    }

    private async Task SyncAllAsync(RunState run, CancellationToken ct)
    {
        run.Report("Finding the enterprises the Mews token can see");
        var services = await ToListAsync(mews.GetServicesAsync(null, ct), ct);
        var enterpriseIds = services.Select(s => s.EnterpriseId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (enterpriseIds.Count == 0)
        {
            run.AddError("The Mews token sees no enterprise (services/getAll returned no service).");
            return;
        }

        var enterprises = new Dictionary<Guid, Enterprise>();
        foreach (var id in enterpriseIds)
        {
            try
            {
                var configuration = await mews.GetConfigurationAsync(id, ct);
                if (configuration.Enterprise is { } e && Guid.TryParse(e.Id, out var guid) && e.IsPortfolio != true)
                {
                    enterprises[guid] = e;
                }
            }
            catch (MewsApiException e)
            {
                run.Fail($"configuration/get of enterprise {id}", e, logger);
            }
        }

        var properties = await EnsurePropertiesAsync(run, enterprises.Values, ct);
        var targets = properties.Where(p => p.IsActive && p.MewsEnterpriseId is { } id && enterprises.ContainsKey(id)).ToList();
        if (targets.Count == 0)
        {
            return;
        }
        var scope = targets.Select(p => p.MewsEnterpriseId!.Value.ToString()).ToList();
        var enterpriseOfService = services.Where(s => s.EnterpriseId is not null && Guid.TryParse(s.Id, out _))
            .ToDictionary(s => Guid.Parse(s.Id), s => Guid.Parse(s.EnterpriseId!));
        var bookable = services.Where(s => s.IsBookableByDay && s.EnterpriseId is not null && scope.Contains(s.EnterpriseId, StringComparer.OrdinalIgnoreCase)).ToList();
        var bookableIds = bookable.Select(s => s.Id).ToList();
        var allServiceIds = services.Where(s => s.EnterpriseId is not null && scope.Contains(s.EnterpriseId, StringComparer.OrdinalIgnoreCase)).Select(s => s.Id).ToList();

        run.Report("Reading code lists from Mews");
        var data = new MewsData
        {
            Categories = bookableIds.Count == 0 ? [] : await FetchAsync(run, "resourceCategories/getAll", () => mews.GetResourceCategoriesAsync(new ResourceCategoryFilter { EnterpriseIds = scope, ServiceIds = bookableIds }, ct), ct),
            Rates = bookableIds.Count == 0 ? [] : await FetchAsync(run, "rates/getAll", () => mews.GetRatesAsync(new RateFilter { EnterpriseIds = scope, ServiceIds = bookableIds }, ct), ct),
            RateGroups = bookableIds.Count == 0 ? [] : await FetchAsync(run, "rateGroups/getAll", () => mews.GetRateGroupsAsync(new RateGroupFilter { EnterpriseIds = scope, ServiceIds = bookableIds }, ct), ct),
            Segments = await FetchAsync(run, "businessSegments/getAll", () => mews.GetBusinessSegmentsAsync(new BusinessSegmentFilter { EnterpriseIds = scope }, ct), ct),
            Sources = await FetchAsync(run, "sources/getAll", () => mews.GetSourcesAsync(null, ct), ct),
            Products = allServiceIds.Count == 0 ? [] : await FetchAsync(run, "products/getAll", () => mews.GetProductsAsync(new ProductFilter { EnterpriseIds = scope, ServiceIds = allServiceIds }, ct), ct),
            AccountingCategories = await FetchAsync(run, "accountingCategories/getAll", () => mews.GetAccountingCategoriesAsync(new AccountingCategoryFilter { EnterpriseIds = scope }, ct), ct),
            BookableServiceIds = bookableIds.ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
        var chainIds = targets.Select(p => p.MewsChainId?.ToString()).OfType<string>().Distinct().ToList();
        if (chainIds.Count > 0)
        {
            data.Programs = await FetchAsync(run, "loyaltyPrograms/getAll", () => mews.GetLoyaltyProgramsAsync(new LoyaltyProgramFilter { ChainIds = chainIds }, ct), ct);
            if (data.Programs is { Count: > 0 } programs)
            {
                data.Tiers = [];
                foreach (var chunk in programs.Select(p => p.Id).Chunk(1000))
                {
                    var tiers = await FetchAsync(run, "loyaltyTiers/getAll", () => mews.GetLoyaltyTiersAsync(new LoyaltyTierFilter { ChainIds = chainIds, LoyaltyProgramIds = chunk }, ct), ct);
                    if (tiers is null)
                    {
                        data.Tiers = null;
                        break;
                    }
                    data.Tiers.AddRange(tiers);
                }
            }
            else if (data.Programs is not null)
            {
                data.Tiers = [];
            }
        }

        run.Total = 2 + targets.Count * 3;
        run.Step("Code lists read");
        foreach (var property in targets)
        {
            var enterprise = enterprises[property.MewsEnterpriseId!.Value];
            var view = new PropertyView(property, enterprise, run.Options.LanguageCode ?? enterprise.DefaultLanguageCode, enterpriseOfService);
            try
            {
                run.Report($"{property.Code}: code lists");
                var maps = await SyncReferenceDataAsync(run, view, data, ct);
                run.Step($"{property.Code}: code lists done");
                var propertyBookable = bookable.Where(s => string.Equals(s.EnterpriseId, enterprise.Id, StringComparison.OrdinalIgnoreCase)).ToList();
                await SyncPricesAsync(run, view, data, maps, ct);
                run.Step($"{property.Code}: prices done");
                await SyncOccupancyAsync(run, view, propertyBookable, ct);
                run.Step($"{property.Code}: occupancy done");
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                run.Fail(property.Code, e, logger);
            }
        }
        run.Report("Done");
    }

    private async Task<List<T>?> FetchAsync<T>(RunState run, string operation, Func<IAsyncEnumerable<T>> call, CancellationToken ct)
    {
        try
        {
            return await ToListAsync(call(), ct);
        }
        catch (MewsApiException e)
        {
            run.Fail(operation, e, logger);
            return null;
        }
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(ct))
        {
            list.Add(item);
        }
        return list;
    }

    // ---- properties ----

    private async Task<List<Property>> EnsurePropertiesAsync(RunState run, IEnumerable<Enterprise> enterprises, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var properties = await db.Properties.ToListAsync(ct);
        var codes = properties.Select(p => p.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var created = new List<Property>();
        foreach (var enterprise in enterprises.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var id = Guid.Parse(enterprise.Id);
            var property = properties.FirstOrDefault(p => p.MewsEnterpriseId == id);
            var wanted = PropertyCode(enterprise, run.Options);
            if (property is null && properties.FirstOrDefault(p => p.MewsEnterpriseId is null && string.Equals(p.Code, wanted, StringComparison.OrdinalIgnoreCase)) is { } local)
            {
                property = local; // created here before it was linked to Mews: link it
            }
            var isNew = property is null;
            if (property is null)
            {
                property = new Property { Code = UniquePropertyCode(wanted, codes) };
                db.Properties.Add(property);
                properties.Add(property);
                created.Add(property);
            }

            var name = MewsText.Name(enterprise.Name, property.Code, Property.NameMaxLength);
            var currency = enterprise.Currencies?.FirstOrDefault(c => c.IsDefault)?.Currency ?? enterprise.Currencies?.FirstOrDefault()?.Currency ?? property.CurrencyCode;
            var timeZone = string.IsNullOrWhiteSpace(enterprise.TimeZoneIdentifier) ? property.TimeZone : enterprise.TimeZoneIdentifier;
            Guid? chain = Guid.TryParse(enterprise.ChainId, out var c) ? c : null;
            var changed = property.Name != name || property.CurrencyCode != currency || property.TimeZone != timeZone
                || property.MewsEnterpriseId != id || property.MewsChainId != chain;
            property.Name = name;
            property.CurrencyCode = currency.Length > 3 ? currency[..3] : currency;
            property.TimeZone = timeZone.Length > Property.TimeZoneMaxLength ? timeZone[..Property.TimeZoneMaxLength] : timeZone;
            property.MewsEnterpriseId = id;
            property.MewsChainId = chain;
            if (isNew)
            {
                run.PropertiesCreated++;
                run.Counts += new MergeCounts(1, 0, 0);
                LogPropertyCreated(property.Code, enterprise.Id, property.Name);
            }
            else if (changed)
            {
                run.Counts += new MergeCounts(0, 1, 0);
            }
        }
        await db.SaveChangesAsync(ct);
        if (created.Count > 0)
        {
            // Every property has its Upsell Configuration (defaults until a revenue manager edits it).
            db.UpsellConfigurations.AddRange(created.Select(p => new PropertyUpsellConfiguration { PropertyId = p.Id }));
            await db.SaveChangesAsync(ct);
        }
        return properties;
    }

    /// <summary>
    /// The code of a property the sync creates: Sync:PropertyCodes[enterprise id], else the ShortName (Mews: ≤ 11
    /// characters) in capitals without spaces or punctuation, else the ExternalIdentifier, else the Name.
    /// </summary>
    internal static string PropertyCode(Enterprise enterprise, SyncOptions options)
    {
        if (options.PropertyCodes.TryGetValue(enterprise.Id, out var configured) && !string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim().ToUpperInvariant();
        }
        foreach (var candidate in new[] { enterprise.ShortName, enterprise.ExternalIdentifier, enterprise.Name })
        {
            var code = MewsText.CodeFromName(candidate, Property.CodeMaxLength, keepSeparators: false);
            if (code != "?")
            {
                return code;
            }
        }
        return "P" + Guid.Parse(enterprise.Id).ToString("N")[..8].ToUpperInvariant();
    }

    private static string UniquePropertyCode(string code, HashSet<string> taken)
    {
        var candidate = code;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            var suffix = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            candidate = (code.Length + suffix.Length > Property.CodeMaxLength ? code[..(Property.CodeMaxLength - suffix.Length)] : code) + suffix;
        }
        return candidate;
    }

    // ---- state ----

    private sealed class MewsData
    {
        public List<ResourceCategory>? Categories { get; init; }
        public List<Rate>? Rates { get; init; }
        public List<RateGroup>? RateGroups { get; init; }
        public List<BusinessSegment>? Segments { get; init; }
        public List<Source>? Sources { get; init; }
        public List<MewsProduct>? Products { get; init; }
        public List<MewsAccountingCategory>? AccountingCategories { get; init; }
        /// <summary>The bookable (accommodation) services' ids: a product of one of them can be posted to a reservation.</summary>
        public HashSet<string> BookableServiceIds { get; init; } = new(StringComparer.OrdinalIgnoreCase);
        public List<LoyaltyProgram>? Programs { get; set; }
        public List<LoyaltyTier>? Tiers { get; set; }
    }

    /// <summary>One property during a run: its enterprise, language, time zone and pricing mode.</summary>
    private sealed class PropertyView(Property property, Enterprise enterprise, string? language, Dictionary<Guid, Guid> enterpriseOfService)
    {
        private readonly Guid _enterpriseId = Guid.Parse(enterprise.Id);
        private readonly TimeZoneInfo _zone = FindZone(property.TimeZone);

        public Property Property => property;
        public string? Language => language;

        /// <summary>True when the item belongs to this property's enterprise (by its EnterpriseId or its service's).</summary>
        public bool IsMine(string? enterpriseId, string? serviceId)
        {
            if (Guid.TryParse(enterpriseId, out var e))
            {
                return e == _enterpriseId;
            }
            return Guid.TryParse(serviceId, out var s) && enterpriseOfService.TryGetValue(s, out var owner) && owner == _enterpriseId;
        }

        /// <summary>Gross for Gross enterprises, net for Net ones (what the hotel quotes).</summary>
        public decimal? Amount(Amount? amount) => amount is null ? null
            : enterprise.Pricing == PricingMode.Net ? amount.NetValue ?? amount.GrossValue : amount.GrossValue ?? amount.NetValue;

        public (DateOnly First, int Days) Window(TimeProvider clock, int days) =>
            (DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), _zone).DateTime), days);

        /// <summary>The time-unit start of a night: local midnight in UTC.</summary>
        public DateTimeOffset StartUtc(DateOnly date)
        {
            var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
        }

        public DateOnly LocalDate(DateTimeOffset utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, _zone).DateTime);

        private static TimeZoneInfo FindZone(string id)
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                return TimeZoneInfo.Utc;
            }
        }
    }

    private sealed class RunState(SyncOptions options, IProgress<SyncProgress>? progress)
    {
        private int _done;
        private string _stage = "";

        public SyncOptions Options => options;
        public MergeCounts Counts { get; set; }
        public int PropertiesCreated { get; set; }
        public int PricesWritten { get; set; }
        public int Total { get; set; } = 2;
        public ConcurrentQueue<string> ErrorQueue { get; } = new();
        public IReadOnlyCollection<string> Errors => ErrorQueue;

        public void AddError(string error) => ErrorQueue.Enqueue(error);

        public void Report(string stage)
        {
            _stage = stage;
            progress?.Report(new SyncProgress(stage, Volatile.Read(ref _done), Total));
        }

        public void Step(string stage)
        {
            var done = Interlocked.Increment(ref _done);
            _stage = stage;
            progress?.Report(new SyncProgress(_stage, done, Total));
        }

        public void Fail(string what, Exception e, ILogger logger)
        {
            if (e is MewsApiException mews)
            {
                LogMewsFailure(logger, what, mews.Operation, (int?)mews.StatusCode, mews.MewsMessage, mews.RequestId);
                ErrorQueue.Enqueue($"{what}: Mews {mews.Operation} failed{(mews.StatusCode is { } s ? $" ({(int)s})" : "")}: {mews.MewsMessage}"
                    + (mews.RequestId is null ? "" : $" (RequestId {mews.RequestId})"));
            }
            else
            {
                LogSyncError(logger, e, what);
                ErrorQueue.Enqueue($"{what}: {e.Message}");
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Mews sync ({Trigger}) finished: {Added} added, {Updated} updated, {Deactivated} deactivated, {PriceRows} price rows written in {ElapsedMs} ms with {Requests} Mews requests, {ErrorCount} errors")]
    private partial void LogSyncFinished(string trigger, int added, int updated, int deactivated, int priceRows, long elapsedMs, int requests, int errorCount);

    [LoggerMessage(LogLevel.Information, "Mews sync created property {PropertyCode} for enterprise {EnterpriseId} ({Name})")]
    private partial void LogPropertyCreated(string propertyCode, string enterpriseId, string name);

    [LoggerMessage(LogLevel.Debug, "Mews sync {PropertyCode}: nightly prices {Inserted} inserted, {Updated} updated, {Deleted} deleted")]
    private partial void LogPricesWritten(string propertyCode, int inserted, int updated, int deleted);

    [LoggerMessage(LogLevel.Warning, "Mews sync step {Step} failed: Mews {Operation} answered {StatusCode}: {MewsMessage} (RequestId {RequestId})")]
    private static partial void LogMewsFailure(ILogger logger, string step, string operation, int? statusCode, string mewsMessage, string? requestId);

    [LoggerMessage(LogLevel.Error, "Mews sync step {Step} failed")]
    private static partial void LogSyncError(ILogger logger, Exception exception, string step);
}
