using UpsellAdmin.ConnectorSimulator.Model;

namespace UpsellAdmin.ConnectorSimulator.Operations;

/// <summary>
/// <c>reservations/getAll/2023-06-06</c>, <c>reservations/addProduct</c>, <c>reservations/update</c> and
/// <c>orders/add</c> (§2.12–2.14, 2.17).
/// </summary>
internal static class ReservationOperations
{
    public static readonly string[] States = ["Inquired", "Confirmed", "Started", "Processed", "Canceled", "Optional", "Requested"];

    public static void Register(OperationRegistry registry)
    {
        registry.Read("reservations/getAll/2023-06-06", GetAll);
        registry.Write("reservations/addProduct", AddProduct);
        registry.Write("reservations/update", Update);
        registry.Write("orders/add", AddOrder);
        registry.Read("orderItems/getAll", GetOrderItems);
        registry.Write("orderItems/cancel", CancelOrderItems);
    }

    private sealed record GetAllRequest(
        IReadOnlyList<Guid>? EnterpriseIds,
        IReadOnlyList<Guid>? ReservationIds,
        IReadOnlyList<Guid>? ServiceIds,
        IReadOnlyList<Guid>? ReservationGroupIds,
        IReadOnlyList<Guid>? AccountIds,
        IReadOnlyList<Guid>? PartnerCompanyIds,
        IReadOnlyList<Guid>? TravelAgencyIds,
        IReadOnlyList<string>? Numbers,
        IReadOnlyList<string>? ChannelNumbers,
        IReadOnlyList<Guid>? AssignedResourceIds,
        IReadOnlyList<Guid>? AvailabilityBlockIds,
        TimeInterval? CreatedUtc,
        TimeInterval? UpdatedUtc,
        TimeInterval? CollidingUtc,
        TimeInterval? ScheduledStartUtc,
        TimeInterval? ActualStartUtc,
        TimeInterval? ScheduledEndUtc,
        TimeInterval? ActualEndUtc,
        IReadOnlyList<string>? States,
        Limitation? Limitation);

    private static object GetAll(OperationContext context)
    {
        var r = context.Read<GetAllRequest>();
        Check.MaxCount(r.ReservationIds, "ReservationIds", 1000);
        Check.MaxCount(r.ServiceIds, "ServiceIds", 1000);
        Check.MaxCount(r.ReservationGroupIds, "ReservationGroupIds", 1000);
        Check.MaxCount(r.AccountIds, "AccountIds", 1000);
        Check.MaxCount(r.PartnerCompanyIds, "PartnerCompanyIds", 100);
        Check.MaxCount(r.TravelAgencyIds, "TravelAgencyIds", 100);
        Check.MaxCount(r.Numbers, "Numbers", 1000);
        Check.MaxCount(r.ChannelNumbers, "ChannelNumbers", 100);
        Check.MaxCount(r.AssignedResourceIds, "AssignedResourceIds", 1000);
        Check.MaxCount(r.AvailabilityBlockIds, "AvailabilityBlockIds", 100);
        var created = Check.Interval(r.CreatedUtc, "CreatedUtc");
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        var colliding = Check.Interval(r.CollidingUtc, "CollidingUtc");
        var scheduledStart = Check.Interval(r.ScheduledStartUtc, "ScheduledStartUtc");
        var actualStart = Check.Interval(r.ActualStartUtc, "ActualStartUtc");
        var scheduledEnd = Check.Interval(r.ScheduledEndUtc, "ScheduledEndUtc");
        var actualEnd = Check.Interval(r.ActualEndUtc, "ActualEndUtc");
        if (scheduledStart is not null && actualStart is not null)
        {
            throw ConnectorApiException.Invalid("ActualStartUtc");
        }

        if (scheduledEnd is not null && actualEnd is not null)
        {
            throw ConnectorApiException.Invalid("ActualEndUtc");
        }

        Check.AllOf(r.States, "States", States);
        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var enterprises = context.ReadEnterpriseIds(r.EnterpriseIds);
            var items = context.Store.ReservationTable.All.Where(x =>
                enterprises.Contains(x.EnterpriseId)
                && Check.In(r.ReservationIds, x.Id)
                && Check.In(r.ServiceIds, x.ServiceId)
                && Check.In(r.ReservationGroupIds, x.GroupId)
                && Check.In(r.AccountIds, x.AccountId)
                && Check.In(r.PartnerCompanyIds, x.PartnerCompanyId)
                && Check.In(r.TravelAgencyIds, x.TravelAgencyId)
                && Check.In(r.Numbers, x.Number)
                && (r.ChannelNumbers is not { Count: > 0 } || (x.ChannelNumber is not null && r.ChannelNumbers.Contains(x.ChannelNumber)))
                && Check.In(r.AssignedResourceIds, x.AssignedResourceId)
                && Check.In(r.AvailabilityBlockIds, x.AvailabilityBlockId)
                && (created is null || created.Contains(x.CreatedUtc))
                && (updated is null || updated.Contains(x.UpdatedUtc))
                && (colliding is null || (x.ScheduledStartUtc < colliding.EndUtc && x.ScheduledEndUtc > colliding.StartUtc))
                && (scheduledStart is null || scheduledStart.Contains(x.ScheduledStartUtc))
                && (actualStart is null || actualStart.Contains(x.ActualStartUtc))
                && (scheduledEnd is null || scheduledEnd.Contains(x.ScheduledEndUtc))
                && (actualEnd is null || actualEnd.Contains(x.ActualEndUtc))
                && Check.In(r.States, x.State));
            return Paging.Page(context.Store, "Reservations", items, r.Limitation);
        });
    }

    /// <summary>Amount parameters of a request: <c>{Currency, GrossValue | NetValue, TaxCodes}</c> (§1.6).</summary>
    internal sealed record AmountParameters(string? Currency, decimal? GrossValue, decimal? NetValue, IReadOnlyList<string>? TaxCodes);

    private static readonly Dictionary<string, decimal> KnownTaxRates = new(StringComparer.Ordinal)
    {
        ["UK-S"] = 0.20m,
        ["UK-R"] = 0.05m,
        ["UK-Z"] = 0m,
        ["PT-R"] = 0.06m,
        ["PT-S"] = 0.23m,
        ["US-DC-G"] = 0.1495m,
    };

    internal static Amount ToAmount(AmountParameters? parameters, string name)
    {
        if (parameters is null
            || string.IsNullOrWhiteSpace(parameters.Currency)
            || parameters.TaxCodes is null
            || (parameters.GrossValue is null) == (parameters.NetValue is null)
            || (parameters.GrossValue is not null && parameters.TaxCodes.Count > 1))
        {
            throw ConnectorApiException.Invalid(name);
        }

        var rate = parameters.TaxCodes.Sum(code => KnownTaxRates.GetValueOrDefault(code));
        decimal net, gross;
        if (parameters.GrossValue is { } g)
        {
            gross = g;
            net = Math.Round(g / (1 + rate), 2, MidpointRounding.AwayFromZero);
        }
        else
        {
            net = parameters.NetValue!.Value;
            gross = net + Math.Round(net * rate, 2, MidpointRounding.AwayFromZero);
        }

        var taxes = parameters.TaxCodes.Select(code => new TaxValue(code, Math.Round(net * KnownTaxRates.GetValueOrDefault(code), 2, MidpointRounding.AwayFromZero))).ToList();
        return new Amount
        {
            Currency = parameters.Currency,
            NetValue = net,
            GrossValue = gross,
            TaxValues = taxes,
            Breakdown = new AmountBreakdown { Items = taxes.Select(t => new AmountBreakdownItem(t.Code, net, t.Value)).ToList() },
        };
    }

    /// <summary>A reservation in the token's scope (and in <paramref name="enterprise"/> when given); else 400.</summary>
    private static Reservation ScopedReservation(OperationContext context, Guid? id, Enterprise? enterprise, string name)
    {
        var reservation = context.Store.ReservationTable.Find(Check.Required(id, name));
        if (reservation is null
            || !context.Grant.EnterpriseIds.Contains(reservation.EnterpriseId)
            || (enterprise is not null && reservation.EnterpriseId != enterprise.Id))
        {
            throw ConnectorApiException.Invalid(name);
        }

        return reservation;
    }

    /// <summary>A Canceled or Processed reservation is "in the wrong state": 400 "Invalid ReservationId" (§1.8).</summary>
    private static void EnsureModifiable(Reservation reservation)
    {
        if (reservation.State is "Canceled" or "Processed")
        {
            throw ConnectorApiException.Invalid("ReservationId");
        }
    }

    private sealed record AddProductRequest(Guid? ReservationId, Guid? ProductId, int? Count, AmountParameters? UnitAmount, DateTimeOffset? StartUtc, DateTimeOffset? EndUtc);

    private static object AddProduct(OperationContext context)
    {
        var r = context.Read<AddProductRequest>();
        var count = Check.Required(r.Count, "Count");
        if (count < 1)
        {
            throw ConnectorApiException.Invalid("Count");
        }

        var unitAmount = r.UnitAmount is null ? null : ToAmount(r.UnitAmount, "UnitAmount");
        return context.Store.Locked(() =>
        {
            var store = context.Store;
            var reservation = ScopedReservation(context, r.ReservationId, null, "ReservationId");
            var product = store.ProductTable.Find(Check.Required(r.ProductId, "ProductId"));
            if (product is null || !product.IsActive || product.ServiceId != reservation.ServiceId)
            {
                throw ConnectorApiException.Invalid("ProductId");
            }

            var once = product.ChargingMode is "Once" or "PerPerson";
            if ((r.StartUtc is null) != (r.EndUtc is null) || (once && r.StartUtc != r.EndUtc) || (r.StartUtc is { } s && r.EndUtc is { } e && (e < s || (e - s).TotalDays > 400)))
            {
                throw ConnectorApiException.Invalid("EndUtc");
            }

            EnsureModifiable(reservation);
            var enterprise = store.EnterpriseTable.Find(reservation.EnterpriseId)!;
            var start = r.StartUtc ?? reservation.ScheduledStartUtc;
            var end = r.EndUtc ?? reservation.ScheduledEndUtc;
            var persons = reservation.PersonCounts.Sum(p => p.Count);
            var unitCount = product.ChargingMode is "PerPerson" or "PerPersonPerTimeUnit" ? count * Math.Max(1, persons) : count;
            var nights = once ? 1 : Math.Max(1, TimeUnits.LocalDate(enterprise, end).DayNumber - TimeUnits.LocalDate(enterprise, start).DayNumber);
            var items = Enumerable.Range(0, nights).Select(i => new OrderItem
            {
                Id = Guid.NewGuid(),
                Type = "ProductOrder",
                ProductId = product.Id,
                Name = product.Names.Values.FirstOrDefault(),
                UnitCount = unitCount,
                UnitAmount = unitAmount ?? product.Price,
                AccountingCategoryId = product.AccountingCategoryId,
                ConsumptionUtc = once ? start : start.AddDays(i),
            }).ToList();
            store.InsertOrder(new Order
            {
                Id = Guid.NewGuid(),
                EnterpriseId = enterprise.Id,
                ServiceId = reservation.ServiceId,
                AccountId = reservation.AccountId,
                LinkedReservationId = reservation.Id,
                IsReservationProduct = true,
                ConsumptionUtc = start,
                CreatedUtc = context.Now,
                Items = items,
            });
            store.ReservationTable.Set(reservation with { UpdatedUtc = context.Now });
            return new { ItemIds = items.Select(i => i.Id).ToList() };
        });
    }

    private sealed record PersonCountParameters(Guid? AgeCategoryId, int? Count);

    private sealed record TimeUnitPriceParameters(int? Index, AmountParameters? Amount);

    private sealed record OptionsUpdate(UpdateValue<bool?>? OwnerCheckedIn);

    private sealed record ReservationUpdate(
        Guid? ReservationId,
        UpdateValue<string>? ChannelNumber,
        UpdateValue<DateTimeOffset?>? StartUtc,
        UpdateValue<DateTimeOffset?>? EndUtc,
        UpdateValue<DateTimeOffset?>? ReleasedUtc,
        UpdateValue<IReadOnlyList<PersonCountParameters>>? PersonCounts,
        UpdateValue<Guid?>? AssignedResourceId,
        UpdateValue<Guid?>? RequestedCategoryId,
        UpdateValue<Guid?>? TravelAgencyId,
        UpdateValue<Guid?>? CompanyId,
        UpdateValue<Guid?>? BusinessSegmentId,
        UpdateValue<string>? Purpose,
        UpdateValue<Guid?>? RateId,
        UpdateValue<Guid?>? CreditCardId,
        UpdateValue<Guid?>? BookerId,
        UpdateValue<Guid?>? AvailabilityBlockId,
        UpdateValue<IReadOnlyList<TimeUnitPriceParameters>>? TimeUnitPrices,
        UpdateValue<bool?>? AssignedResourceLocked,
        OptionsUpdate? Options);

    private sealed record UpdateRequest(Guid? EnterpriseId, IReadOnlyList<ReservationUpdate>? ReservationUpdates, bool? Reprice, bool? ApplyCancellationFee, string? Reason);

    private static bool Set<T>(UpdateValue<T>? update) => update is { HasValue: true };

    private static object Update(OperationContext context)
    {
        var r = context.Read<UpdateRequest>();
        var updates = Check.RequiredList(r.ReservationUpdates, "ReservationUpdates");
        return context.Store.Locked(() =>
        {
            var store = context.Store;
            var enterprise = context.WriteEnterprise(r.EnterpriseId);
            var changed = new List<Reservation>();
            foreach (var u in updates)
            {
                var x = ScopedReservation(context, u.ReservationId, enterprise, "ReservationId");
                EnsureModifiable(x);
                var before = x;
                var priceChanges = false;
                if (Set(u.RequestedCategoryId))
                {
                    var category = store.ResourceCategoryTable.Find(u.RequestedCategoryId!.Value);
                    if (category is null || !category.IsActive || category.ServiceId != x.ServiceId)
                    {
                        throw ConnectorApiException.Invalid("RequestedCategoryId");
                    }

                    priceChanges |= category.Id != x.RequestedResourceCategoryId;
                    x = x with { RequestedResourceCategoryId = category.Id };
                }

                if (Set(u.RateId))
                {
                    var rate = store.RateTable.Find(u.RateId!.Value);
                    if (rate is null || !rate.IsActive || rate.ServiceId != x.ServiceId)
                    {
                        throw ConnectorApiException.Invalid("RateId");
                    }

                    priceChanges |= rate.Id != x.RateId;
                    x = x with { RateId = rate.Id };
                }

                if (Set(u.BusinessSegmentId))
                {
                    var id = u.BusinessSegmentId!.Value;
                    if (id is { } segmentId && store.BusinessSegmentTable.Find(segmentId)?.EnterpriseId != x.EnterpriseId)
                    {
                        throw ConnectorApiException.Invalid("BusinessSegmentId");
                    }

                    x = x with { BusinessSegmentId = id };
                }

                if (Set(u.AssignedResourceId))
                {
                    var id = u.AssignedResourceId!.Value;
                    if (id is { } roomId && store.ResourceTable.Find(roomId)?.EnterpriseId != x.EnterpriseId)
                    {
                        throw ConnectorApiException.Invalid("AssignedResourceId");
                    }

                    x = x with { AssignedResourceId = id };
                }

                if (Set(u.StartUtc) || Set(u.EndUtc))
                {
                    var start = Set(u.StartUtc) ? u.StartUtc!.Value ?? throw ConnectorApiException.Invalid("StartUtc") : x.ScheduledStartUtc;
                    var end = Set(u.EndUtc) ? u.EndUtc!.Value ?? throw ConnectorApiException.Invalid("EndUtc") : x.ScheduledEndUtc;
                    if (end <= start)
                    {
                        throw ConnectorApiException.Invalid("EndUtc");
                    }

                    priceChanges |= start != x.ScheduledStartUtc || end != x.ScheduledEndUtc;
                    x = x with { ScheduledStartUtc = start, ScheduledEndUtc = end };
                }

                if (Set(u.PersonCounts))
                {
                    var counts = u.PersonCounts!.Value ?? throw ConnectorApiException.Invalid("PersonCounts");
                    if (counts.Any(p => p.AgeCategoryId is not { } a || p.Count is not >= 0 || store.AgeCategoryTable.Find(a)?.ServiceId != x.ServiceId))
                    {
                        throw ConnectorApiException.Invalid("PersonCounts");
                    }

                    priceChanges = true;
                    x = x with { PersonCounts = counts.Select(p => new PersonCount(p.AgeCategoryId!.Value, p.Count!.Value)).ToList() };
                }

                if (Set(u.TimeUnitPrices))
                {
                    var prices = u.TimeUnitPrices!.Value ?? [];
                    var overrides = new Dictionary<int, decimal>();
                    foreach (var price in prices)
                    {
                        if (price.Index is not >= 0)
                        {
                            throw ConnectorApiException.Invalid("TimeUnitPrices");
                        }

                        var amount = ToAmount(price.Amount, "TimeUnitPrices");
                        overrides[price.Index.Value] = store.EnterpriseTable.Find(x.EnterpriseId)!.IsGross ? amount.GrossValue : amount.NetValue;
                    }

                    priceChanges = true;
                    x = x with { TimeUnitPriceOverrides = overrides };
                }

                if (Set(u.Purpose))
                {
                    Check.OneOf(u.Purpose!.Value, "Purpose", ["Leisure", "Business", "Student"]);
                    x = x with { Purpose = u.Purpose.Value };
                }

                if (Set(u.ChannelNumber))
                {
                    x = x with { ChannelNumber = u.ChannelNumber!.Value };
                }

                if (Set(u.ReleasedUtc))
                {
                    x = x with { ReleasedUtc = u.ReleasedUtc!.Value };
                }

                if (Set(u.TravelAgencyId))
                {
                    x = x with { TravelAgencyId = u.TravelAgencyId!.Value };
                }

                if (Set(u.CompanyId))
                {
                    x = x with { PartnerCompanyId = u.CompanyId!.Value };
                }

                if (Set(u.CreditCardId))
                {
                    x = x with { CreditCardId = u.CreditCardId!.Value };
                }

                if (Set(u.BookerId))
                {
                    x = x with { BookerId = u.BookerId!.Value };
                }

                if (Set(u.AvailabilityBlockId))
                {
                    x = x with { AvailabilityBlockId = u.AvailabilityBlockId!.Value };
                }

                if (Set(u.AssignedResourceLocked))
                {
                    x = x with { AssignedResourceLocked = u.AssignedResourceLocked!.Value ?? false };
                }

                if (u.Options?.OwnerCheckedIn is { HasValue: true } ownerCheckedIn)
                {
                    x = x with { Options = x.Options with { OwnerCheckedIn = ownerCheckedIn.Value ?? false } };
                }

                // "Reason: required when the price changes" (§2.14); Reprice omitted means reprice.
                if (priceChanges && r.Reprice != false && string.IsNullOrWhiteSpace(r.Reason))
                {
                    throw ConnectorApiException.Invalid("Reason");
                }

                // What the guest pays (the SpaceOrder items): Reprice false keeps the nights priced on the category and
                // rate they had; otherwise a price-relevant change reprices them to the current price.
                if (r.Reprice == false)
                {
                    var priceCategory = before.PriceCategoryId ?? before.RequestedResourceCategoryId;
                    var priceRate = before.PriceRateId ?? before.RateId;
                    x = x with
                    {
                        PriceCategoryId = priceCategory == x.RequestedResourceCategoryId ? null : priceCategory,
                        PriceRateId = priceRate == x.RateId ? null : priceRate,
                    };
                }
                else if (priceChanges)
                {
                    x = x with
                    {
                        PriceCategoryId = null,
                        PriceRateId = null,
                        TimeUnitPriceOverrides = Set(u.TimeUnitPrices) ? x.TimeUnitPriceOverrides : new Dictionary<int, decimal>(),
                    };
                }

                changed.Add(x with { UpdatedUtc = context.Now, UpdaterProfileId = DemoIds.Derive("profile/connector") });
            }

            foreach (var reservation in changed)
            {
                store.ReservationTable.Set(reservation);
            }

            return new
            {
                Reservations = changed.Select(x => ToLegacy(store, x)).ToList(),
                ReservationGroups = (object?)null,
                Customers = (object?)null,
                Services = (object?)null,
                Products = (object?)null,
                Resources = (object?)null,
                ResourceCategories = (object?)null,
                ResourceCategoryAssignments = (object?)null,
                BusinessSegments = (object?)null,
                Rates = (object?)null,
                RateGroups = (object?)null,
                Items = (object?)null,
                OrderItems = (object?)null,
                Notes = (object?)null,
                QrCodeData = (object?)null,
                Companies = (object?)null,
                ResourceAccessTokens = (object?)null,
                Cursor = (Guid?)null,
            };
        });
    }

    /// <summary>The 2017-04-12 reservation shape that reservations/update and customers/search still return.</summary>
    internal static object ToLegacy(SimulatorStore store, Reservation x) => new
    {
        x.Id,
        x.ServiceId,
        x.GroupId,
        x.Number,
        x.ChannelNumber,
        x.ChannelManagerNumber,
        State = x.State == "Inquired" ? "Enquired" : x.State,
        x.Origin,
        x.CommanderOrigin,
        x.OriginDetails,
        x.Purpose,
        x.CreatedUtc,
        x.UpdatedUtc,
        x.CancelledUtc,
        StartUtc = x.ScheduledStartUtc,
        EndUtc = x.ScheduledEndUtc,
        x.ReleasedUtc,
        RequestedCategoryId = x.RequestedResourceCategoryId,
        x.AssignedResourceId,
        x.AssignedResourceLocked,
        x.BusinessSegmentId,
        CompanyId = x.PartnerCompanyId,
        x.TravelAgencyId,
        x.AvailabilityBlockId,
        x.RateId,
        x.VoucherId,
        x.CreditCardId,
        x.BookerId,
        OwnerId = x.AccountId,
        CustomerId = x.AccountId,
        x.PersonCounts,
        x.Options,
        x.CancellationReason,
        x.QrCodeData,
        TotalAmount = (object?)null,
    };

    private sealed record OrderItemsRequest(
        IReadOnlyList<Guid>? EnterpriseIds,
        IReadOnlyList<Guid>? OrderItemIds,
        IReadOnlyList<Guid>? AccountIds,
        IReadOnlyList<Guid>? ServiceOrderIds,
        IReadOnlyList<Guid>? ServiceIds,
        IReadOnlyList<Guid>? BillIds,
        TimeInterval? CreatedUtc,
        TimeInterval? UpdatedUtc,
        TimeInterval? ConsumedUtc,
        TimeInterval? CanceledUtc,
        TimeInterval? ClosedUtc,
        IReadOnlyList<string>? AccountingStates,
        IReadOnlyList<string>? Types,
        string? Currency,
        Limitation? Limitation);

    /// <summary>Order item types (orderitems.md); the <c>Types</c> filter accepts only these.</summary>
    public static readonly string[] OrderItemTypes =
    [
        "CancellationFee", "NightRebate", "ProductOrderRebate", "AdditionalExpenseRebate", "Deposit", "ExchangeRateDifference",
        "CustomItem", "ServiceCharge", "CityTax", "CityTaxDiscount", "SpaceOrder", "ProductOrder", "Surcharge", "TaxCorrection",
        "ResourceUpgradeFee", "InvoiceFee", "MulticurrencyFee", "AllowanceDiscount", "AllowanceBreakage", "AllowanceContraBreakage",
    ];

    /// <summary>Order item accounting states (orderitems.md).</summary>
    public static readonly string[] AccountingStates = ["Open", "Closed", "Inactive", "Canceled"];

    /// <summary>
    /// <c>orderItems/getAll</c> (§2.20, orderitems.md): the lines posted by orders/add and reservations/addProduct,
    /// plus one <c>SpaceOrder</c> per night of every reservation that is not Canceled (computed, see <see cref="SpaceOrders"/>).
    /// </summary>
    private static object GetOrderItems(OperationContext context)
    {
        var r = context.Read<OrderItemsRequest>();
        Check.MaxCount(r.OrderItemIds, "OrderItemIds", 1000);
        Check.MaxCount(r.AccountIds, "AccountIds", 100);
        Check.MaxCount(r.ServiceOrderIds, "ServiceOrderIds", 1000);
        Check.MaxCount(r.ServiceIds, "ServiceIds", 1000);
        Check.MaxCount(r.BillIds, "BillIds", 1000);
        Check.MaxCount(r.AccountingStates, "AccountingStates", 1000);
        Check.MaxCount(r.Types, "Types", 1000);
        Check.AllOf(r.AccountingStates, "AccountingStates", AccountingStates);
        Check.AllOf(r.Types, "Types", OrderItemTypes);
        var created = Check.Interval(r.CreatedUtc, "CreatedUtc");
        var updated = Check.Interval(r.UpdatedUtc, "UpdatedUtc");
        var consumed = Check.Interval(r.ConsumedUtc, "ConsumedUtc");
        var canceled = Check.Interval(r.CanceledUtc, "CanceledUtc");
        var closed = Check.Interval(r.ClosedUtc, "ClosedUtc");
        if (r.OrderItemIds is not { Count: > 0 } && r.AccountIds is not { Count: > 0 } && r.ServiceOrderIds is not { Count: > 0 }
            && r.ServiceIds is not { Count: > 0 } && r.BillIds is not { Count: > 0 }
            && created is null && updated is null && consumed is null && canceled is null && closed is null)
        {
            throw ConnectorApiException.Invalid("OrderItemIds");
        }

        Paging.Validate(r.Limitation);
        return context.Store.Locked(() =>
        {
            var store = context.Store;
            var enterprises = context.ReadEnterpriseIds(r.EnterpriseIds);
            var posted = store.OrderTable.All
                .Where(o => enterprises.Contains(o.EnterpriseId))
                .SelectMany(o => o.Items.Select((item, index) => WithBillState(store, o, OrderItemView.From(o, item, index))));

            // Nights only when the Types filter allows them; narrowed by reservation or account first (cheap filters).
            var nights = Enumerable.Empty<OrderItemView>();
            if (Check.In(r.Types, "SpaceOrder") && r.BillIds is not { Count: > 0 })
            {
                var reservations = r.ServiceOrderIds is { Count: > 0 }
                    ? r.ServiceOrderIds.Select(id => store.ReservationTable.Find(id)).OfType<Reservation>()
                    : store.ReservationTable.All;
                nights = reservations
                    .Where(x => enterprises.Contains(x.EnterpriseId) && Check.In(r.AccountIds, x.AccountId) && Check.In(r.ServiceIds, x.ServiceId))
                    .OrderBy(x => x.Sequence)
                    .SelectMany(x => SpaceOrders.For(store, x))
                    .ToList();
            }

            var items = posted.Concat(nights).Where(x =>
                Check.In(r.OrderItemIds, x.Id)
                && Check.In(r.AccountIds, x.AccountId)
                && Check.In(r.ServiceOrderIds, x.ServiceOrderId)
                && Check.In(r.ServiceIds, x.ServiceId)
                && Check.In(r.BillIds, x.BillId)
                && (created is null || created.Contains(x.CreatedUtc))
                && (updated is null || updated.Contains(x.UpdatedUtc))
                && (consumed is null || consumed.Contains(x.ConsumedUtc))
                && (canceled is null || canceled.Contains(x.CanceledUtc))
                && (closed is null || closed.Contains(x.ClosedUtc))
                && Check.In(r.AccountingStates, x.AccountingState)
                && Check.In(r.Types, x.Type));
            return Paging.Page(store, "OrderItems", items, r.Limitation);
        });
    }

    /// <summary>
    /// The simulator has no bills: a line linked to a reservation that is now Processed (checked out, its bill closed)
    /// reads as Closed, ClosedUtc the check-out; canceled lines stay Canceled.
    /// </summary>
    private static OrderItemView WithBillState(SimulatorStore store, Order order, OrderItemView item) =>
        item.AccountingState == "Open" && ClosedAt(store, order) is { } closedUtc
            ? item with { AccountingState = "Closed", ClosedUtc = closedUtc }
            : item;

    private static DateTimeOffset? ClosedAt(SimulatorStore store, Order order) =>
        store.ReservationTable.Find(order.LinkedReservationId) is { State: "Processed" } departed ? departed.ActualEndUtc ?? departed.ScheduledEndUtc : null;

    private sealed record CancelOrderItemsRequest(Guid? EnterpriseId, IReadOnlyList<Guid>? OrderItemIds);

    /// <summary>
    /// <c>orderItems/cancel</c> (beta, orderitems.md): cancels up to 10 posted lines; they stay, with AccountingState
    /// Canceled and CanceledUtc. All or nothing: an unknown id, a line of another enterprise, a Closed line or a
    /// reservation's night (SpaceOrder) is 400 "Invalid OrderItemIds"; an already canceled line is left as it was.
    /// </summary>
    private static object CancelOrderItems(OperationContext context)
    {
        var r = context.Read<CancelOrderItemsRequest>();
        var ids = Check.RequiredList(r.OrderItemIds, "OrderItemIds", 10);
        return context.Store.Locked(() =>
        {
            var store = context.Store;
            var enterprise = context.WriteEnterprise(r.EnterpriseId);
            var orders = store.OrderTable.All.Where(o => o.EnterpriseId == enterprise.Id).ToList();
            var changed = new Dictionary<Guid, Order>();
            foreach (var id in ids.Distinct())
            {
                var order = orders.FirstOrDefault(o => o.Items.Any(i => i.Id == id)) ?? throw ConnectorApiException.Invalid("OrderItemIds");
                order = changed.GetValueOrDefault(order.Id, order);
                var item = order.Items.Single(i => i.Id == id);
                if (item.CanceledUtc is not null)
                {
                    continue;
                }

                if (ClosedAt(store, order) is not null)
                {
                    throw ConnectorApiException.Invalid("OrderItemIds");
                }

                changed[order.Id] = order with { Items = order.Items.Select(i => i.Id == id ? i with { CanceledUtc = context.Now } : i).ToList() };
            }

            foreach (var order in changed.Values)
            {
                store.OrderTable.Set(order);
            }

            return EmptyResult.Instance;
        });
    }

    private sealed record ProductOrderParameters(Guid? ProductId, int? Count, AmountParameters? UnitAmount, DateTimeOffset? StartUtc, DateTimeOffset? EndUtc, string? ExternalIdentifier);

    private sealed record ItemParameters(string? Name, int? UnitCount, AmountParameters? UnitAmount, Guid? AccountingCategoryId, string? ExternalIdentifier);

    private sealed record OrderOptions(bool? DisableItemGrouping);

    private sealed record AddOrderRequest(
        Guid? EnterpriseId,
        Guid? ServiceId,
        Guid? AccountId,
        Guid? CustomerId,
        OrderOptions? Options,
        IReadOnlyList<ProductOrderParameters>? ProductOrders,
        IReadOnlyList<ItemParameters>? Items,
        DateTimeOffset? ConsumptionUtc,
        string? Notes,
        Guid? BusinessSegmentId,
        Guid? BillId,
        Guid? LinkedReservationId);

    private static object AddOrder(OperationContext context)
    {
        var r = context.Read<AddOrderRequest>();
        var serviceId = Check.Required(r.ServiceId, "ServiceId");
        var accountId = r.AccountId ?? r.CustomerId ?? throw ConnectorApiException.Invalid("AccountId");
        if (r.ProductOrders is not { Count: > 0 } && r.Items is not { Count: > 0 })
        {
            throw ConnectorApiException.Invalid("ProductOrders");
        }

        return context.Store.Locked(() =>
        {
            var store = context.Store;
            var enterprise = context.WriteEnterprise(r.EnterpriseId);
            var service = store.ServiceTable.Find(serviceId);
            if (service is null || service.EnterpriseId != enterprise.Id || !service.IsActive)
            {
                throw ConnectorApiException.Invalid("ServiceId");
            }

            var customer = store.CustomerTable.Find(accountId);
            if (customer is null || customer.ChainId != enterprise.ChainId)
            {
                throw ConnectorApiException.Invalid("AccountId");
            }

            if (!customer.IsActive)
            {
                throw ConnectorApiException.Invalid("AccountId");
            }

            if (r.BusinessSegmentId is { } segmentId && store.BusinessSegmentTable.Find(segmentId)?.EnterpriseId != enterprise.Id)
            {
                throw ConnectorApiException.Invalid("BusinessSegmentId");
            }

            if (r.LinkedReservationId is { } linkedId && store.ReservationTable.Find(linkedId)?.EnterpriseId != enterprise.Id)
            {
                throw ConnectorApiException.Invalid("LinkedReservationId");
            }

            var consumption = r.ConsumptionUtc ?? context.Now;
            var items = new List<OrderItem>();
            foreach (var po in r.ProductOrders ?? [])
            {
                var product = store.ProductTable.Find(Check.Required(po.ProductId, "ProductId"));
                if (product is null || product.EnterpriseId != enterprise.Id || !product.IsActive)
                {
                    throw ConnectorApiException.Invalid("ProductId");
                }

                if (po.Count is < 1)
                {
                    throw ConnectorApiException.Invalid("Count");
                }

                Check.MaxLength(po.ExternalIdentifier, "ExternalIdentifier", 255);
                items.Add(new OrderItem
                {
                    Id = Guid.NewGuid(),
                    Type = "ProductOrder",
                    ProductId = product.Id,
                    Name = product.Names.Values.FirstOrDefault(),
                    UnitCount = po.Count ?? 1,
                    UnitAmount = po.UnitAmount is null ? product.Price : ToAmount(po.UnitAmount, "UnitAmount"),
                    AccountingCategoryId = product.AccountingCategoryId,
                    ExternalIdentifier = po.ExternalIdentifier,
                    ConsumptionUtc = consumption,
                });
            }

            foreach (var item in r.Items ?? [])
            {
                var name = Check.RequiredText(item.Name, "Name");
                var unitCount = Check.Required(item.UnitCount, "UnitCount");
                if (unitCount < 1)
                {
                    throw ConnectorApiException.Invalid("UnitCount");
                }

                if (item.AccountingCategoryId is { } accountingId && store.AccountingCategoryTable.Find(accountingId)?.EnterpriseId != enterprise.Id)
                {
                    throw ConnectorApiException.Invalid("AccountingCategoryId");
                }

                Check.MaxLength(item.ExternalIdentifier, "ExternalIdentifier", 255);
                items.Add(new OrderItem
                {
                    Id = Guid.NewGuid(),
                    Type = "CustomItem",
                    Name = name,
                    UnitCount = unitCount,
                    UnitAmount = ToAmount(item.UnitAmount, "UnitAmount"),
                    AccountingCategoryId = item.AccountingCategoryId,
                    ExternalIdentifier = item.ExternalIdentifier,
                    ConsumptionUtc = consumption,
                });
            }

            var order = store.InsertOrder(new Order
            {
                Id = Guid.NewGuid(),
                EnterpriseId = enterprise.Id,
                ServiceId = service.Id,
                AccountId = customer.Id,
                LinkedReservationId = r.LinkedReservationId,
                BusinessSegmentId = r.BusinessSegmentId,
                BillId = r.BillId,
                Notes = r.Notes,
                ConsumptionUtc = consumption,
                CreatedUtc = context.Now,
                Items = items,
            });
            return new { OrderId = order.Id };
        });
    }
}
