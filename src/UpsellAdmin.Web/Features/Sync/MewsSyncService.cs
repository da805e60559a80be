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
                run.Counts += new SyncCounts(1, 0, 0);
                LogPropertyCreated(property.Code, enterprise.Id, property.Name);
            }
            else if (changed)
            {
                run.Counts += new SyncCounts(0, 1, 0);
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

    // ---- code lists ----

    /// <summary>Mews id → local id of the property's room types and rate codes (active ones), for prices.</summary>
    private sealed record LocalMaps(Dictionary<Guid, int> RoomTypes, Dictionary<Guid, int> RateCodes);

    private async Task<LocalMaps> SyncReferenceDataAsync(RunState run, PropertyView view, MewsData data, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pid = view.Property.Id;
        var lang = view.Language;

        if (data.Categories is { } allCategories)
        {
            var categories = allCategories.Where(c => view.IsMine(c.EnterpriseId, c.ServiceId)).OrderBy(c => c.Ordering ?? int.MaxValue).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
            run.Counts += await SyncRoomClassesAndTypesAsync(db, view, categories, ct);
        }
        if (data.RateGroups is { } allGroups)
        {
            var groups = allGroups.Where(g => view.IsMine(null, g.ServiceId)).OrderBy(g => g.Ordering ?? int.MaxValue).ThenBy(g => g.Id, StringComparer.Ordinal).ToList();
            var existing = await db.RateCategories.Where(x => x.PropertyId == pid).ToListAsync(ct);
            run.Counts += ReferenceMerge.Merge(existing,
                Incoming(groups, g => g.Id, g => MewsText.Code(ReferenceItem.CodeMaxLength, MewsText.Pick(g.ShortNames, lang), g.ExternalIdentifier, MewsText.Pick(g.Names, lang) ?? g.Name),
                    g => MewsText.Pick(g.Names, lang) ?? g.Name, g => g.IsActive),
                () => new RateCategory { PropertyId = pid }, (_, _) => false, r => db.RateCategories.Add(r));
            await db.SaveChangesAsync(ct);
        }
        if (data.Rates is { } allRates)
        {
            var rates = allRates.Where(r => view.IsMine(null, r.ServiceId)).OrderBy(r => r.ShortName, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
            var categoryIds = await db.RateCategories.Where(x => x.PropertyId == pid && x.MewsId != null).Select(x => new { x.MewsId, x.Id }).ToDictionaryAsync(x => x.MewsId!.Value, x => x.Id, ct);
            var existing = await db.RateCodes.Where(x => x.PropertyId == pid).ToListAsync(ct);
            var currency = view.Property.CurrencyCode;
            run.Counts += ReferenceMerge.Merge(existing,
                Incoming(rates, r => r.Id, r => MewsText.Code(ReferenceItem.CodeMaxLength, r.ShortName, r.ExternalIdentifier, MewsText.Pick(r.Names, lang) ?? r.Name),
                    r => MewsText.Pick(r.Names, lang) ?? r.Name, r => r.IsActive),
                () => new RateCode { PropertyId = pid },
                (row, rate) =>
                {
                    int? category = Guid.TryParse(rate.GroupId, out var g) && categoryIds.TryGetValue(g, out var id) ? id : null;
                    var changed = row.RateCategoryId != category || row.CurrencyCode != currency;
                    row.RateCategoryId = category;
                    row.CurrencyCode = currency;
                    return changed;
                },
                r => db.RateCodes.Add(r));
            await db.SaveChangesAsync(ct);
        }
        if (data.Segments is { } allSegments)
        {
            var segments = allSegments.Where(s => view.IsMine(null, s.ServiceId)).OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
            var existing = await db.Markets.Where(x => x.PropertyId == pid).ToListAsync(ct);
            run.Counts += ReferenceMerge.Merge(existing, Incoming(segments, s => s.Id, s => MewsText.CodeFromName(s.Name), s => s.Name, s => s.IsActive),
                () => new Market { PropertyId = pid }, (_, _) => false, m => db.Markets.Add(m));
            await db.SaveChangesAsync(ct);
        }
        if (data.Sources is { } sources)
        {
            var ordered = sources.OrderBy(s => s.Code ?? int.MaxValue).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
            var existing = await db.Channels.Where(x => x.PropertyId == pid).ToListAsync(ct);
            run.Counts += ReferenceMerge.Merge(existing, Incoming(ordered, s => s.Id, s => MewsText.CodeFromName(s.Name), s => s.Name, _ => true),
                () => new Channel { PropertyId = pid }, (_, _) => false, c => db.Channels.Add(c));
            await db.SaveChangesAsync(ct);
        }
        if (data.Products is { } allProducts)
        {
            var products = allProducts.Where(p => view.IsMine(null, p.ServiceId)).OrderBy(p => p.Ordering ?? int.MaxValue).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
            var existing = await db.Products.Where(x => x.PropertyId == pid).ToListAsync(ct);
            run.Counts += ReferenceMerge.Merge(existing,
                Incoming(products, p => p.Id, p => MewsText.Code(ReferenceItem.CodeMaxLength, MewsText.Pick(p.ShortNames, lang), p.ExternalIdentifier, MewsText.Pick(p.Names, lang)),
                    p => MewsText.Pick(p.Names, lang), p => p.IsActive),
                () => new ReferenceData.Product { PropertyId = pid },
                (row, product) =>
                {
                    var price = view.Amount(product.Price);
                    var currency = product.Price?.Currency;
                    var changed = row.Price != price || row.CurrencyCode != currency;
                    row.Price = price;
                    row.CurrencyCode = currency;
                    return changed;
                },
                p => db.Products.Add(p));
            await db.SaveChangesAsync(ct);
        }
        if (data.AccountingCategories is { } allAccounting)
        {
            var accounting = allAccounting.Where(a => view.IsMine(a.EnterpriseId, null)).OrderBy(a => a.Code, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
            var existing = await db.AccountingCategories.Where(x => x.PropertyId == pid).ToListAsync(ct);
            run.Counts += ReferenceMerge.Merge(existing,
                Incoming(accounting, a => a.Id, a => MewsText.Code(ReferenceItem.CodeMaxLength, a.Code, a.ExternalCode, a.Name), a => a.Name, a => a.IsActive),
                () => new ReferenceData.AccountingCategory { PropertyId = pid }, (_, _) => false, a => db.AccountingCategories.Add(a));
            await db.SaveChangesAsync(ct);
        }
        if (data.Programs is { } allPrograms && data.Tiers is { } allTiers && view.Property.MewsChainId is { } chain)
        {
            run.Counts += await SyncLoyaltyAsync(db, view, allPrograms.Where(p => Guid.TryParse(p.ChainId, out var c) && c == chain).ToList(), allTiers, ct);
        }

        var roomTypes = await db.RoomTypes.Where(x => x.PropertyId == pid && x.IsActive && x.MewsId != null).Select(x => new { x.MewsId, x.Id }).ToDictionaryAsync(x => x.MewsId!.Value, x => x.Id, ct);
        var rateCodes = await db.RateCodes.Where(x => x.PropertyId == pid && x.IsActive && x.MewsId != null).Select(x => new { x.MewsId, x.Id }).ToDictionaryAsync(x => x.MewsId!.Value, x => x.Id, ct);
        return new LocalMaps(roomTypes, rateCodes);
    }

    private static List<IncomingItem<T>> Incoming<T>(IEnumerable<T> items, Func<T, string> id, Func<T, string> code, Func<T, string?> name, Func<T, bool> active)
    {
        var list = new List<IncomingItem<T>>();
        foreach (var item in items)
        {
            if (Guid.TryParse(id(item), out var guid))
            {
                var c = code(item);
                list.Add(new IncomingItem<T>(guid, c, MewsText.Name(name(item), c), active(item), item));
            }
        }
        return list;
    }

    /// <summary>Room classes from the Type/Classification mapping (sequence from the lowest Ordering), then room types.</summary>
    private async Task<SyncCounts> SyncRoomClassesAndTypesAsync(AppDbContext db, PropertyView view, List<ResourceCategory> categories, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var pid = view.Property.Id;
        var classOf = categories.ToDictionary(c => c.Id, c => RoomClassOf(c, o), StringComparer.Ordinal);
        var wanted = categories
            .GroupBy(c => classOf[c.Id], StringComparer.OrdinalIgnoreCase)
            .Select(g => (Code: g.Key, Active: g.Any(c => c.IsActive), Rank: g.Where(c => c.IsActive).Select(c => c.Ordering ?? int.MaxValue).DefaultIfEmpty(int.MaxValue).Min()))
            .OrderBy(x => x.Rank).ThenBy(x => x.Code, StringComparer.Ordinal)
            .Select((x, i) => (x.Code, x.Active, Sequence: i + 1))
            .ToList();

        var counts = new SyncCounts();
        var classes = await db.RoomClasses.Where(x => x.PropertyId == pid).ToListAsync(ct);
        var byCode = classes.ToDictionary(x => x.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var (code, active, sequence) in wanted)
        {
            var name = MewsText.Name(o.RoomClassNames.GetValueOrDefault(code), code);
            if (!byCode.TryGetValue(code, out var row))
            {
                row = new RoomClass { PropertyId = pid, Code = code, Name = name, Sequence = sequence, IsActive = active };
                db.RoomClasses.Add(row);
                byCode[code] = row;
                counts += new SyncCounts(1, 0, 0);
            }
            else if (row.Name != name || row.Sequence != sequence || row.IsActive != active)
            {
                counts += row.IsActive && !active ? new SyncCounts(0, 0, 1) : new SyncCounts(0, 1, 0);
                (row.Name, row.Sequence, row.IsActive) = (name, sequence, active);
            }
        }
        foreach (var row in classes.Where(c => c.IsActive && !wanted.Any(w => string.Equals(w.Code, c.Code, StringComparison.OrdinalIgnoreCase))))
        {
            row.IsActive = false;
            counts += new SyncCounts(0, 0, 1);
        }
        await db.SaveChangesAsync(ct);

        var existing = await db.RoomTypes.Where(x => x.PropertyId == pid).ToListAsync(ct);
        var lang = view.Language;
        counts += ReferenceMerge.Merge(existing,
            Incoming(categories, c => c.Id, c => MewsText.Code(ReferenceItem.CodeMaxLength, MewsText.Pick(c.ShortNames, lang), c.ExternalIdentifier, MewsText.Pick(c.Names, lang)),
                c => MewsText.Pick(c.Names, lang), c => c.IsActive),
            () => new RoomType { PropertyId = pid },
            (row, category) =>
            {
                int? classId = byCode.TryGetValue(classOf[category.Id], out var rc) ? rc.Id : null;
                var sequence = category.Ordering ?? 0;
                var changed = row.RoomClassId != classId || row.Sequence != sequence;
                row.RoomClassId = classId;
                row.Sequence = sequence;
                return changed;
            },
            r => db.RoomTypes.Add(r));
        await db.SaveChangesAsync(ct);
        return counts;
    }

    /// <summary>Sync:RoomClassMapping by Classification, then by Type, else Sync:DefaultRoomClass.</summary>
    internal static string RoomClassOf(ResourceCategory category, SyncOptions options)
    {
        if (category.Classification is { } classification and not ResourceCategoryClassification.Unknown
            && options.RoomClassMapping.TryGetValue(classification.ToString(), out var byClassification))
        {
            return byClassification.Trim().ToUpperInvariant();
        }
        if (category.Type is { } type and not ResourceCategoryType.Unknown && options.RoomClassMapping.TryGetValue(type.ToString(), out var byType))
        {
            return byType.Trim().ToUpperInvariant();
        }
        return options.DefaultRoomClass.Trim().ToUpperInvariant();
    }

    /// <summary>Loyalty programs (membership types) of the property's chain and their tiers (membership levels).</summary>
    private static async Task<SyncCounts> SyncLoyaltyAsync(AppDbContext db, PropertyView view, List<LoyaltyProgram> programs, List<LoyaltyTier> tiers, CancellationToken ct)
    {
        var pid = view.Property.Id;
        var existing = await db.MembershipTypes.Where(x => x.PropertyId == pid).Include(x => x.Levels).ToListAsync(ct);
        var tiersOf = tiers.GroupBy(t => t.LoyaltyProgramId ?? "", StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var levelCounts = new SyncCounts();
        var counts = ReferenceMerge.Merge(existing,
            Incoming(programs.OrderBy(p => p.Code, StringComparer.Ordinal), p => p.Id, p => MewsText.Code(ReferenceItem.CodeMaxLength, p.Code, p.Name), p => p.Name, _ => true),
            () => new MembershipType { PropertyId = pid },
            (row, program) =>
            {
                levelCounts += MergeLevels(row, tiersOf.GetValueOrDefault(program.Id) ?? []);
                return false;
            },
            t => db.MembershipTypes.Add(t));
        await db.SaveChangesAsync(ct);
        return counts + levelCounts;
    }

    private static SyncCounts MergeLevels(MembershipType type, List<LoyaltyTier> tiers)
    {
        var counts = new SyncCounts();
        var byMewsId = type.Levels.Where(l => l.MewsId is not null).GroupBy(l => l.MewsId!.Value).ToDictionary(g => g.Key, g => g.First());
        var matched = new HashSet<MembershipLevel>(ReferenceEqualityComparer.Instance);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var incoming = tiers.Where(t => Guid.TryParse(t.Id, out _)).OrderBy(t => t.Ordering ?? int.MaxValue).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        var incomingIds = incoming.Select(t => Guid.Parse(t.Id)).ToHashSet();
        foreach (var level in type.Levels.Where(l => l.MewsId is null || !incomingIds.Contains(l.MewsId.Value)))
        {
            taken.Add(level.Code);
        }
        foreach (var tier in incoming)
        {
            var id = Guid.Parse(tier.Id);
            var wantedCode = MewsText.Code(ReferenceItem.CodeMaxLength, tier.Code, tier.Name);
            if (!byMewsId.TryGetValue(id, out var level))
            {
                level = type.Levels.FirstOrDefault(l => !matched.Contains(l) && (l.MewsId is null || !incomingIds.Contains(l.MewsId.Value))
                    && string.Equals(l.Code, wantedCode, StringComparison.OrdinalIgnoreCase));
                if (level is not null)
                {
                    taken.Remove(level.Code);
                }
            }
            var code = ReferenceMerge.Unique(wantedCode, taken);
            var name = MewsText.Name(tier.Name, code);
            var sequence = tier.Ordering ?? 0;
            if (level is null)
            {
                type.Levels.Add(new MembershipLevel { Code = code, Name = name, Sequence = sequence, MewsId = id, IsActive = true });
                counts += new SyncCounts(1, 0, 0);
                continue;
            }
            matched.Add(level);
            if (level.Code != code || level.Name != name || level.Sequence != sequence || level.MewsId != id || !level.IsActive)
            {
                (level.Code, level.Name, level.Sequence, level.MewsId, level.IsActive) = (code, name, sequence, id, true);
                counts += new SyncCounts(0, 1, 0);
            }
        }
        foreach (var level in type.Levels.Where(l => !matched.Contains(l) && l.MewsId is not null && l.IsActive && !incomingIds.Contains(l.MewsId.Value)))
        {
            level.IsActive = false;
            counts += new SyncCounts(0, 0, 1);
        }
        return counts;
    }

    // ---- prices and occupancy ----

    private async Task SyncPricesAsync(RunState run, PropertyView view, MewsData data, LocalMaps maps, CancellationToken ct)
    {
        if (data.Rates is null || maps.RateCodes.Count == 0 || maps.RoomTypes.Count == 0)
        {
            return;
        }
        var (first, days) = view.Window(clock, run.Options.PriceDays);
        var last = first.AddDays(days - 1);
        var rates = data.Rates.Where(r => r.IsActive && Guid.TryParse(r.Id, out var g) && maps.RateCodes.ContainsKey(g) && view.IsMine(null, r.ServiceId)).ToList();
        var chunks = Chunks(first, days).ToList();
        var calls = rates.SelectMany(r => chunks.Select(c => (Rate: r, c.First, c.Last))).ToList();
        run.Total += calls.Count;
        var incoming = new ConcurrentDictionary<(int Rate, int Type, DateOnly Date), decimal>();
        var failed = 0;
        await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (call, token) =>
        {
            try
            {
                var result = await mews.GetRatePricingAsync(new RatePricingRequest
                {
                    RateId = call.Rate.Id,
                    FirstTimeUnitStartUtc = view.StartUtc(call.First),
                    LastTimeUnitStartUtc = view.StartUtc(call.Last),
                }, token);
                var rateCodeId = maps.RateCodes[Guid.Parse(call.Rate.Id)];
                var units = result.TimeUnitStartsUtc ?? [];
                foreach (var category in result.CategoryPrices ?? [])
                {
                    if (!Guid.TryParse(category.CategoryId, out var cid) || !maps.RoomTypes.TryGetValue(cid, out var roomTypeId) || category.AmountPrices is not { } prices)
                    {
                        continue;
                    }
                    for (var i = 0; i < units.Count && i < prices.Count; i++)
                    {
                        var date = view.LocalDate(units[i]);
                        if (date >= first && date <= last && view.Amount(prices[i]) is { } amount)
                        {
                            incoming[(rateCodeId, roomTypeId, date)] = amount;
                        }
                    }
                }
            }
            catch (MewsApiException e)
            {
                Interlocked.Increment(ref failed);
                run.Fail($"{view.Property.Code} prices of rate {call.Rate.ShortName ?? call.Rate.Id}", e, logger);
            }
            run.Step($"{view.Property.Code}: prices");
        });

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pid = view.Property.Id;
        var existing = await db.NightlyPrices.AsNoTracking()
            .Where(p => p.PropertyId == pid && p.Date >= first && p.Date <= last)
            .Select(p => new { p.RateCodeId, p.RoomTypeId, p.Date, p.Amount })
            .ToListAsync(ct);
        var current = existing.ToDictionary(p => (p.RateCodeId, p.RoomTypeId, p.Date), p => p.Amount);
        var inserts = new List<NightlyPrice>();
        var updates = new List<NightlyPrice>();
        foreach (var ((rate, type, date), amount) in incoming)
        {
            if (!current.TryGetValue((rate, type, date), out var old))
            {
                inserts.Add(new NightlyPrice { PropertyId = pid, RateCodeId = rate, RoomTypeId = type, Date = date, Amount = amount });
            }
            else if (old != amount)
            {
                updates.Add(new NightlyPrice { PropertyId = pid, RateCodeId = rate, RoomTypeId = type, Date = date, Amount = amount });
            }
        }
        // Prices of nights Mews no longer prices (rate or room type gone) go, unless a call failed (then we do not know).
        var deletes = failed > 0 ? [] : current.Keys.Where(k => !incoming.ContainsKey(k))
            .Select(k => new NightlyPrice { PropertyId = pid, RateCodeId = k.Item1, RoomTypeId = k.Item2, Date = k.Item3 }).ToList();
        await NightlyPriceWriter.WriteAsync(db, inserts, updates, deletes, ct);
        run.Counts += new SyncCounts(inserts.Count, updates.Count, 0);
        run.PricesWritten += inserts.Count + updates.Count + deletes.Count;
        if (inserts.Count + updates.Count + deletes.Count > 0)
        {
            LogPricesWritten(view.Property.Code, inserts.Count, updates.Count, deletes.Count);
        }
    }

    private async Task SyncOccupancyAsync(RunState run, PropertyView view, List<Service> bookable, CancellationToken ct)
    {
        if (bookable.Count == 0)
        {
            return;
        }
        var (first, days) = view.Window(clock, run.Options.PriceDays);
        var last = first.AddDays(days - 1);
        var occupied = new Dictionary<DateOnly, long>();
        var usable = new Dictionary<DateOnly, long>();
        foreach (var service in bookable)
        {
            foreach (var (from, to) in Chunks(first, days))
            {
                AvailabilityResult result;
                try
                {
                    result = await mews.GetServiceAvailabilityAsync(new AvailabilityRequest
                    {
                        ServiceId = service.Id,
                        FirstTimeUnitStartUtc = view.StartUtc(from),
                        LastTimeUnitStartUtc = view.StartUtc(to),
                        Metrics = [AvailabilityMetric.Occupied, AvailabilityMetric.UsableResources],
                    }, ct);
                }
                catch (MewsApiException e)
                {
                    run.Fail($"{view.Property.Code} occupancy", e, logger);
                    return; // keep what we have rather than half a window
                }
                var units = result.TimeUnitStartsUtc ?? [];
                foreach (var category in result.ResourceCategoryAvailabilities ?? [])
                {
                    var occ = category.GetMetric(AvailabilityMetric.Occupied) ?? [];
                    var use = category.GetMetric(AvailabilityMetric.UsableResources) ?? [];
                    for (var i = 0; i < units.Count; i++)
                    {
                        var date = view.LocalDate(units[i]);
                        if (date < first || date > last)
                        {
                            continue;
                        }
                        occupied[date] = occupied.GetValueOrDefault(date) + (i < occ.Count ? occ[i] : 0);
                        usable[date] = usable.GetValueOrDefault(date) + (i < use.Count ? use[i] : 0);
                    }
                }
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pid = view.Property.Id;
        var levels = await db.OccupancyLevels.AsNoTracking().Where(l => l.PropertyId == pid).OrderBy(l => l.Level).ToListAsync(ct);
        var existing = await db.NightlyOccupancies.Where(x => x.PropertyId == pid && x.Date >= first && x.Date <= last).ToDictionaryAsync(x => x.Date, ct);
        var counts = new SyncCounts();
        foreach (var (date, total) in usable)
        {
            var percent = total <= 0 ? 0m : Math.Round(100m * Math.Min(occupied.GetValueOrDefault(date), total) / total, 2, MidpointRounding.AwayFromZero);
            var level = OccupancyLevelOf(levels, percent);
            if (!existing.TryGetValue(date, out var row))
            {
                db.NightlyOccupancies.Add(new NightlyOccupancy { PropertyId = pid, Date = date, OccupancyPercent = percent, Level = level });
                counts += new SyncCounts(1, 0, 0);
            }
            else if (row.OccupancyPercent != percent || row.Level != level)
            {
                (row.OccupancyPercent, row.Level) = (percent, level);
                counts += new SyncCounts(0, 1, 0);
            }
        }
        await db.SaveChangesAsync(ct);
        run.Counts += counts;
    }

    /// <summary>
    /// The property occupancy level a night falls in: From % ≤ occupancy &lt; To % (the top level also takes its To %,
    /// so 100 % has a level); null when no level covers it.
    /// </summary>
    public static int? OccupancyLevelOf(IReadOnlyList<OccupancyLevel> levels, decimal percent)
    {
        var top = levels.Count == 0 ? 0m : levels.Max(l => l.ToPercent);
        foreach (var level in levels.OrderBy(l => l.FromPercent).ThenBy(l => l.Level))
        {
            if (percent >= level.FromPercent && (percent < level.ToPercent || (level.ToPercent == top && percent <= top)))
            {
                return level.Level;
            }
        }
        return null;
    }

    private static IEnumerable<(DateOnly First, DateOnly Last)> Chunks(DateOnly first, int days)
    {
        for (var offset = 0; offset < days; offset += MaxUnitsPerRequest)
        {
            var from = first.AddDays(offset);
            yield return (from, first.AddDays(Math.Min(days, offset + MaxUnitsPerRequest) - 1));
        }
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
        public SyncCounts Counts { get; set; }
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
