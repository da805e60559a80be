using UpsellAdmin.ConnectorSimulator.Model;
using UpsellAdmin.ConnectorSimulator.Seed;

namespace UpsellAdmin.ConnectorSimulator.Operations;

/// <summary><c>services/getAll</c>, <c>services/getAvailability/2024-01-22</c> and the legacy <c>services/getAvailability</c> (§2.2–2.4).</summary>
internal static class ServiceOperations
{
    public static readonly string[] MetricNames =
    [
        "OutOfOrderBlocks", "PublicAvailabilityAdjustment", "OtherServiceReservationCount", "Occupied", "ConfirmedReservations",
        "OptionalReservations", "BlockAvailability", "AllocatedBlockAvailability", "UsableResources", "ActiveResources", "HouseUse",
    ];

    public static void Register(OperationRegistry registry)
    {
        registry.Read("services/getAll", GetAll);
        registry.Read("services/getAvailability/2024-01-22", GetAvailability);
        registry.Read("services/getAvailability", GetAvailabilityLegacy);
    }

    private sealed record GetAllRequest(
        IReadOnlyList<Guid>? EnterpriseIds,
        IReadOnlyList<Guid>? ServiceIds,
        string? ServiceType,
        TimeInterval? UpdatedUtc,
        IReadOnlyList<string>? ActivityStates,
        Limitation? Limitation);

    private static object GetAll(OperationContext context)
    {
        var r = context.Read<GetAllRequest>();
        Check.MaxCount(r.ServiceIds, "ServiceIds", 1000);
        Check.OneOf(r.ServiceType, "ServiceType", ["Bookable", "Additional"]);
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        Check.AllOf(r.ActivityStates, "ActivityStates", Check.ActivityStateValues);
        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var enterprises = context.ReadEnterpriseIds(r.EnterpriseIds);
            var services = context.Store.ServiceTable.All.Where(s =>
                enterprises.Contains(s.EnterpriseId)
                && Check.In(r.ServiceIds, s.Id)
                && (r.ServiceType is null || s.Data.Discriminator == r.ServiceType)
                && (updated is null || updated.Contains(s.UpdatedUtc))
                && (r.ActivityStates is null || Check.Activity(r.ActivityStates, s.IsActive)));
            return Paging.Page(context.Store, "Services", services, r.Limitation);
        });
    }

    private sealed record AvailabilityRequest(Guid? ServiceId, DateTimeOffset? FirstTimeUnitStartUtc, DateTimeOffset? LastTimeUnitStartUtc, IReadOnlyList<string>? Metrics);

    private static object GetAvailability(OperationContext context)
    {
        var r = context.Read<AvailabilityRequest>();
        var metrics = Check.RequiredList(r.Metrics, "Metrics", MetricNames.Length * 2);
        Check.AllOf(metrics, "Metrics", MetricNames);
        return context.Store.Locked(() =>
        {
            var (enterprise, service) = BookableService(context, r.ServiceId);
            var units = TimeUnits.Range(enterprise, r.FirstTimeUnitStartUtc, r.LastTimeUnitStartUtc);
            var categories = Compute(context.Store, enterprise, service, units);
            return new
            {
                TimeUnitStartsUtc = units.Select(u => u.StartUtc).ToList(),
                ResourceCategoryAvailabilities = categories.Select(c => new
                {
                    ResourceCategoryId = c.Category.Id,
                    Metrics = metrics.Distinct(StringComparer.Ordinal).ToDictionary(m => m, m => c.PerUnit.Select(x => x[m]).ToList(), StringComparer.Ordinal),
                }).ToList(),
            };
        });
    }

    private static object GetAvailabilityLegacy(OperationContext context)
    {
        var r = context.Read<AvailabilityRequest>();
        return context.Store.Locked(() =>
        {
            var (enterprise, service) = BookableService(context, r.ServiceId);
            var units = TimeUnits.Range(enterprise, r.FirstTimeUnitStartUtc, r.LastTimeUnitStartUtc);
            var categories = Compute(context.Store, enterprise, service, units);
            return new
            {
                TimeUnitStartsUtc = units.Select(u => u.StartUtc).ToList(),
                CategoryAvailabilities = categories.Select(c => new
                {
                    CategoryId = c.Category.Id,
                    Availabilities = c.PerUnit.Select(x => Math.Max(0, x["UsableResources"] - x["Occupied"] + x["PublicAvailabilityAdjustment"])).ToList(),
                    Adjustments = c.PerUnit.Select(x => x["PublicAvailabilityAdjustment"]).ToList(),
                }).ToList(),
            };
        });
    }

    /// <summary>The bookable service a request names, in the token's scope; else 400 "Invalid ServiceId".</summary>
    internal static (Enterprise Enterprise, Service Service) BookableService(OperationContext context, Guid? serviceId)
    {
        var service = context.Store.ServiceTable.Find(Check.Required(serviceId, "ServiceId"));
        if (service is null || !service.IsBookable || !context.Grant.EnterpriseIds.Contains(service.EnterpriseId))
        {
            throw ConnectorApiException.Invalid("ServiceId");
        }

        return (context.Store.EnterpriseTable.Find(service.EnterpriseId)!, service);
    }

    internal sealed record CategoryMetrics(ResourceCategory Category, List<IReadOnlyDictionary<string, int>> PerUnit);

    internal static List<CategoryMetrics> Compute(SimulatorStore store, Enterprise enterprise, Service service, IReadOnlyList<TimeUnits.Unit> units)
    {
        var from = units[0].Date;
        var to = units[^1].Date;
        var confirmed = new Dictionary<(Guid, DateOnly), int>();
        var optional = new Dictionary<(Guid, DateOnly), int>();
        foreach (var reservation in store.ReservationTable.All.Where(x => x.ServiceId == service.Id))
        {
            var target = reservation.State switch
            {
                "Confirmed" or "Started" => confirmed,
                "Optional" => optional,
                _ => null,
            };
            if (target is null)
            {
                continue;
            }

            foreach (var night in TimeUnits.Nights(enterprise, reservation))
            {
                if (night >= from && night <= to)
                {
                    var key = (reservation.RequestedResourceCategoryId, night);
                    target[key] = target.GetValueOrDefault(key) + 1;
                }
            }
        }

        var rooms = store.ResourceTable.All.Where(x => x.EnterpriseId == enterprise.Id && x.IsActive).ToList();
        return store.ResourceCategoryTable.All
            .Where(c => c.ServiceId == service.Id && c.IsActive)
            .OrderBy(c => c.Ordering)
            .Select(c =>
            {
                var categoryRooms = rooms.Where(x => x.CategoryId == c.Id).ToList();
                var outOfOrder = categoryRooms.Count(x => x.State == "OutOfOrder");
                var perUnit = units.Select(u => Pricing.Metrics(
                    enterprise, c, categoryRooms.Count, outOfOrder,
                    confirmed.GetValueOrDefault((c.Id, u.Date)), optional.GetValueOrDefault((c.Id, u.Date)),
                    u.Date, store.Today, store.Seed)).ToList();
                return new CategoryMetrics(c, perUnit);
            })
            .ToList();
    }
}
