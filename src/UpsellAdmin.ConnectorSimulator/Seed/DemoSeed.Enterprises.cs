using UpsellAdmin.ConnectorSimulator.Model;

namespace UpsellAdmin.ConnectorSimulator.Seed;

internal static partial class DemoSeed
{
    private sealed record CategorySpec(string Key, string Name, string Short, string Type, string Classification, int Capacity, int Extra, int Rooms, int Floor, decimal Factor, Guid? Id = null, bool Active = true);

    private sealed record RateSpec(string Short, string Name, string Group, string Type, decimal Factor, decimal AddOn, string? Segment = null, bool IsBase = false, bool Active = true, Guid? Id = null);

    private sealed record EnterpriseSpec(
        string Key,
        Guid Id,
        string Name,
        string ShortName,
        string TimeZone,
        string Legal,
        string Currency,
        string[] OtherCurrencies,
        string Pricing,
        string TaxCode,
        decimal TaxRate,
        decimal BasePrice,
        decimal ProductPriceFactor,
        bool Business,
        Address Address,
        string Language,
        CategorySpec[] Categories,
        RateSpec[] Rates);

    private static readonly EnterpriseSpec[] EnterpriseSpecs =
    [
        new(
            "A", DemoIds.EnterpriseA, "Connector API Hotel", "CAH Prague", "Europe/Budapest", "UK", "GBP", ["EUR", "USD"], "Gross", "UK-S", 0.20m, 118m, 1.0m, false,
            new Address { Id = Guid.Parse("8c2c4371-5d42-40a9-b551-ab0b00d75076"), Line1 = "I.P. Pavlova 5", City = "Prague", PostalCode = "12000", CountryCode = "CZ", Latitude = 50.075181, Longitude = 14.429645 },
            "en-GB",
            [
                new("standard-double", "Standard Double", "STD", "Room", "StandardDouble", 2, 1, 20, 1, 1.00m, DemoIds.StandardDoubleA),
                new("standard-twin", "Standard Twin", "STT", "Room", "StandardTwin", 2, 0, 12, 2, 1.00m),
                new("standard-single", "Standard Single", "STS", "Room", "StandardSingle", 1, 0, 6, 3, 0.82m),
                new("superior-double", "Superior Double", "SUP", "Room", "SuperiorDouble", 2, 1, 14, 4, 1.22m, DemoIds.SuperiorDoubleA),
                new("deluxe-king", "Deluxe King", "DLK", "Room", "SuperiorDouble", 2, 1, 10, 5, 1.45m),
                new("family-room", "Family Room", "FAM", "Room", "Family", 4, 1, 6, 6, 1.60m),
                new("junior-suite", "Junior Suite", "JRS", "Suite", "JuniorSuite", 3, 1, 5, 7, 1.95m),
                new("executive-suite", "Executive Suite", "EXS", "Suite", "Other", 4, 2, 3, 8, 2.70m),
                new("attic-room", "Attic Room (closed)", "ATT", "Room", "StandardDouble", 2, 0, 0, 9, 0.90m, Active: false),
            ],
            [
                new("FF", "Fully Flexible", "Public", "Public", 1.00m, 0m, IsBase: true, Id: DemoIds.FullyFlexibleRateA),
                new("BAR", "Best Available Rate", "Public", "Public", 0.95m, 0m),
                new("BARBB", "Best Available Rate with Breakfast", "Packages", "Public", 0.95m, 18m),
                new("NREF", "Non-Refundable", "Promotions", "Public", 0.85m, 0m),
                new("EARLY", "Early Bird 30", "Promotions", "Public", 0.80m, 0m),
                new("CORP", "Corporate", "Negotiated", "Private", 0.90m, 0m, "Corporate"),
                new("PKG", "Romance Package", "Packages", "Public", 1.00m, 60m),
                new("SUMMER", "Summer Special (retired)", "Promotions", "Public", 0.88m, 0m, Active: false),
            ]),
        new(
            "B", DemoIds.EnterpriseB, "Connector API Hotel Lisbon", "CAH Lisbon", "Europe/Lisbon", "PT", "EUR", ["GBP", "USD"], "Gross", "PT-R", 0.06m, 104m, 1.1m, false,
            new Address { Id = DemoIds.Derive("B/address"), Line1 = "Rua Augusta 120", City = "Lisbon", PostalCode = "1100-053", CountryCode = "PT", Latitude = 38.7101, Longitude = -9.1366 },
            "pt-PT",
            [
                new("standard-double", "Standard Double", "STD", "Room", "StandardDouble", 2, 0, 18, 1, 1.00m),
                new("standard-twin", "Standard Twin", "STT", "Room", "StandardTwin", 2, 0, 10, 2, 1.00m),
                new("superior-double", "Superior Double River View", "SUP", "Room", "SuperiorDouble", 2, 1, 12, 3, 1.25m),
                new("deluxe-king", "Deluxe King", "DLK", "Room", "SuperiorDouble", 2, 1, 8, 4, 1.50m),
                new("studio", "Studio Apartment", "STU", "Apartment", "Studio", 2, 1, 6, 5, 1.55m),
                new("junior-suite", "Junior Suite", "JRS", "Suite", "JuniorSuite", 3, 1, 4, 6, 2.00m),
                new("suite", "One-Bedroom Suite", "OBS", "Suite", "OneBedroomApartment", 4, 1, 3, 7, 2.60m),
            ],
            [
                new("FF", "Fully Flexible", "Public", "Public", 1.00m, 0m, IsBase: true),
                new("BAR", "Best Available Rate", "Public", "Public", 0.95m, 0m),
                new("BARBB", "Best Available Rate with Breakfast", "Packages", "Public", 0.95m, 15m),
                new("NREF", "Non-Refundable", "Promotions", "Public", 0.85m, 0m),
                new("LONG", "Long Stay 7+", "Promotions", "Public", 0.80m, 0m),
                new("CORP", "Corporate", "Negotiated", "Private", 0.90m, 0m, "Corporate"),
                new("PKG", "Lisbon Discovery Package", "Packages", "Public", 1.00m, 45m),
            ]),
        new(
            "C", DemoIds.EnterpriseC, "Connector API Hotel Washington", "CAH DC", "America/New_York", "US-DC", "USD", [], "Net", "US-DC-G", 0.1495m, 189m, 1.3m, true,
            new Address { Id = DemoIds.Derive("C/address"), Line1 = "1400 Pennsylvania Ave NW", City = "Washington", PostalCode = "20004", CountryCode = "US", CountrySubdivisionCode = "US-DC", Latitude = 38.8964, Longitude = -77.0322 },
            "en-US",
            [
                new("standard-queen", "Standard Queen", "SQ", "Room", "StandardDouble", 2, 0, 20, 2, 1.00m),
                new("standard-two-queens", "Standard Two Queens", "SQQ", "Room", "StandardTwin", 4, 0, 18, 3, 1.08m),
                new("accessible-king", "Accessible King", "AK", "Room", "StandardDouble", 2, 0, 4, 4, 1.05m),
                new("superior-king", "Superior King", "SK", "Room", "SuperiorDouble", 2, 1, 14, 5, 1.20m),
                new("deluxe-king", "Deluxe King City View", "DK", "Room", "SuperiorDouble", 2, 1, 12, 6, 1.40m),
                new("deluxe-two-queens", "Deluxe Two Queens", "DQQ", "Room", "SuperiorTwin", 4, 0, 10, 7, 1.45m),
                new("junior-suite", "Junior Suite", "JRS", "Suite", "JuniorSuite", 3, 1, 6, 8, 1.90m),
                new("one-bedroom-suite", "One-Bedroom Suite", "OBS", "Suite", "OneBedroomApartment", 4, 1, 4, 9, 2.50m),
                new("presidential-suite", "Presidential Suite", "PRES", "Suite", "Other", 4, 2, 1, 10, 4.50m),
            ],
            [
                new("BAR", "Best Available Rate", "Public", "Public", 1.00m, 0m, IsBase: true),
                new("BARBB", "Best Available Rate with Breakfast", "Packages", "Public", 1.00m, 25m),
                new("NREF", "Advance Purchase Non-Refundable", "Promotions", "Public", 0.87m, 0m),
                new("AAA", "AAA Member", "Promotions", "Public", 0.90m, 0m),
                new("CORP", "Corporate", "Negotiated", "Private", 0.88m, 0m, "Corporate"),
                new("GOV", "Government", "Negotiated", "Private", 0.80m, 0m, "Government"),
                new("PKG", "Capital Getaway Package", "Packages", "Public", 1.00m, 75m),
            ]),
    ];

    private static EnterpriseSeed SeedEnterprise(SeedContext c, EnterpriseSpec spec)
    {
        var store = c.Store;
        var k = spec.Key;
        var isA = k == "A";
        var stamps = ConfigStamps(c, 0);
        var enterprise = store.Insert(store.EnterpriseTable, new Enterprise
        {
            Id = spec.Id,
            ExternalIdentifier = "ENT-" + k,
            HoldingKey = "CA123",
            ChainId = DemoIds.Chain,
            ChainName = "Connector API Chain",
            CreatedUtc = stamps.Created,
            UpdatedUtc = stamps.Updated,
            Name = spec.Name,
            ShortName = spec.ShortName,
            TimeZoneIdentifier = spec.TimeZone,
            LegalEnvironmentCode = spec.Legal,
            AccommodationEnvironmentCode = spec.Legal,
            AccountingEnvironmentCode = spec.Legal,
            TaxEnvironmentCode = spec.Legal,
            DefaultLanguageCode = spec.Language,
            WebsiteUrl = $"https://hotel-{k.ToLowerInvariant()}.example.com",
            Email = $"reception-{k.ToLowerInvariant()}@example.com",
            Phone = "+420 000 123 456",
            Pricing = spec.Pricing,
            AddressId = spec.Address.Id,
            Address = spec.Address,
            GroupNames = ["Connector API Group"],
            Subscription = new EnterpriseSubscription("TAX-" + k + "-0001"),
            Currencies = [new(spec.Currency, true, true), .. spec.OtherCurrencies.Select(x => new EnterpriseCurrency(x, false, true))],
            AccountingConfiguration = new
            {
                AdditionalTaxIdentifier = (string?)null,
                CompanyName = spec.Name + " Ltd.",
                BankAccountNumber = "1234",
                BankName = "Demo bank",
                Iban = (string?)null,
                Bic = (string?)null,
                SurchargeConfiguration = (object?)null,
                EnabledExternalPaymentTypes = new[] { "Invoice", "Cash" },
                Options = new[] { "ReceivableTrackingEnabled" },
            },
            Currency = spec.Currency,
            TaxCode = spec.TaxCode,
            TaxRate = spec.TaxRate,
            BasePrice = spec.BasePrice,
            IsBusinessHotel = spec.Business,
        }, static (e, s) => e with { Sequence = s });

        // Services: the bookable Accommodation plus two additional services.
        var accommodation = InsertService(c, enterprise, $"{k}/service/accommodation", isA ? DemoIds.AccommodationServiceA : null, "Accommodation", 0,
            new Coproduct("Bookable", new BookableServiceData("P0M0DT15H0M0S", "P0M0DT12H0M0S", "P0M0DT15H0M0S", "P0M0DT12H0M0S", "Day")));
        var restaurant = InsertService(c, enterprise, $"{k}/service/restaurant", null, "Restaurant", 1,
            new Coproduct("Additional", new AdditionalServiceData(new Promotions(BeforeCheckIn: true, DuringStay: true))));
        var spa = InsertService(c, enterprise, $"{k}/service/spa", null, "Spa & Wellness", 2,
            new Coproduct("Additional", new AdditionalServiceData(new Promotions(BeforeCheckIn: true, AfterCheckIn: true, DuringStay: true))));

        var adult = store.Insert(store.AgeCategoryTable, new AgeCategory
        {
            Id = IdFor($"{k}/age/adult", isA ? DemoIds.AdultA : null),
            EnterpriseId = enterprise.Id,
            ServiceId = accommodation.Id,
            MinimalAge = 18,
            Names = Text("Adult"),
            ShortNames = Text("AD"),
            Classification = "Adult",
            ExternalIdentifier = $"{k}-AGE-ADULT",
            CreatedUtc = c.SetupUtc,
            UpdatedUtc = c.SetupUtc,
        }, static (e, s) => e with { Sequence = s });
        var child = store.Insert(store.AgeCategoryTable, new AgeCategory
        {
            Id = IdFor($"{k}/age/child", isA ? DemoIds.ChildA : null),
            EnterpriseId = enterprise.Id,
            ServiceId = accommodation.Id,
            MinimalAge = 0,
            MaximalAge = 17,
            Names = Text("Child"),
            ShortNames = Text("CH"),
            Classification = "Child",
            ExternalIdentifier = $"{k}-AGE-CHILD",
            CreatedUtc = c.SetupUtc,
            UpdatedUtc = c.SetupUtc,
        }, static (e, s) => e with { Sequence = s });

        var accounting = SeedAccountingCategories(c, enterprise, isA);
        var categories = new List<ResourceCategory>();
        var roomsByCategory = new Dictionary<Guid, List<Resource>>();
        var ordering = 0;
        foreach (var cat in spec.Categories)
        {
            ordering += 10;
            var category = store.Insert(store.ResourceCategoryTable, new ResourceCategory
            {
                Id = IdFor($"{k}/category/{cat.Key}", cat.Id),
                EnterpriseId = enterprise.Id,
                ServiceId = accommodation.Id,
                IsActive = cat.Active,
                Type = cat.Type,
                Classification = cat.Classification,
                Names = Text(cat.Name),
                ShortNames = Text(cat.Short),
                Descriptions = Text($"{cat.Name}: sleeps {cat.Capacity}{(cat.Extra > 0 ? $" (+{cat.Extra} extra bed)" : string.Empty)}."),
                Ordering = ordering,
                Capacity = cat.Capacity,
                ExtraCapacity = cat.Extra,
                ExternalIdentifier = $"{k}-{cat.Short}",
                AccountingCategoryId = accounting["Accommodation"],
                UpdatedUtc = PastUtc(c, 1, 150),
                PriceFactor = cat.Factor,
            }, static (e, s) => e with { Sequence = s });
            categories.Add(category);
            var rooms = new List<Resource>();
            for (var n = 1; n <= cat.Rooms; n++)
            {
                var name = (cat.Floor * 100 + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var roomStamps = ConfigStamps(c, n);
                var stateDraw = c.Random.NextDouble();
                rooms.Add(store.Insert(store.ResourceTable, new Resource
                {
                    Id = IdFor($"{k}/room/{name}", isA && name == "101" ? DemoIds.Room101A : null),
                    EnterpriseId = enterprise.Id,
                    Name = name,
                    State = stateDraw < 0.03 ? "OutOfOrder" : stateDraw < 0.35 ? "Dirty" : stateDraw < 0.7 ? "Clean" : "Inspected",
                    Descriptions = Text(cat.Name),
                    CreatedUtc = roomStamps.Created,
                    UpdatedUtc = roomStamps.Updated,
                    Data = new Coproduct("Space", new SpaceData(cat.Floor, null)),
                    CategoryId = category.Id,
                }, static (e, s) => e with { Sequence = s }));
            }

            roomsByCategory[category.Id] = rooms;
        }

        var segments = SeedSegments(c, enterprise, accommodation, isA);
        var rates = SeedRates(c, enterprise, accommodation, spec, segments, isA);
        SeedProducts(c, enterprise, accommodation, restaurant, spa, accounting, spec.ProductPriceFactor, isA);
        return new EnterpriseSeed(enterprise, accommodation, categories, roomsByCategory, rates, segments, adult, child);
    }

    private static Service InsertService(SeedContext c, Enterprise enterprise, string key, Guid? id, string name, int ordering, Coproduct data)
    {
        var stamps = ConfigStamps(c, ordering);
        return c.Store.Insert(c.Store.ServiceTable, new Service
        {
            Id = IdFor(key, id),
            EnterpriseId = enterprise.Id,
            Name = name,
            Names = Text(name),
            Options = new ServiceOptions(false),
            Ordering = ordering,
            Data = data,
            ExternalIdentifier = "SVC-" + name.Split(' ')[0],
            CreatedUtc = stamps.Created,
            UpdatedUtc = stamps.Updated,
        }, static (e, s) => e with { Sequence = s });
    }

    private static Dictionary<string, Guid> SeedAccountingCategories(SeedContext c, Enterprise enterprise, bool isA)
    {
        (string Name, string Code, string? Classification, bool Active, Guid? Id)[] items =
        [
            ("Accommodation", "100", "Accommodation", true, isA ? DemoIds.AccommodationAccountingCategoryA : null),
            ("Room upgrades", "110", "Accommodation", true, null),
            ("Food", "200", "FoodAndBeverage", true, null),
            ("Beverage", "210", "FoodAndBeverage", true, isA ? DemoIds.BeverageAccountingCategoryA : null),
            ("Alcoholic beverage", "220", "FoodAndBeverage", true, null),
            ("Wellness", "300", "Wellness", true, null),
            ("Parking", "400", "Facilities", true, null),
            ("Packages and sundry", "500", "SundryIncome", true, null),
            ("City tax", "600", "Taxes", true, null),
            ("Minibar (retired)", "230", "FoodAndBeverage", false, null),
        ];
        var result = new Dictionary<string, Guid>(StringComparer.Ordinal);
        for (var i = 0; i < items.Length; i++)
        {
            var (name, code, classification, active, id) = items[i];
            var stamps = ConfigStamps(c, i);
            var category = c.Store.Insert(c.Store.AccountingCategoryTable, new AccountingCategory
            {
                Id = IdFor($"{enterprise.Id}/accounting/{name}", id),
                EnterpriseId = enterprise.Id,
                IsActive = active,
                Name = name,
                Code = code,
                ExternalCode = "EXT-" + code,
                LedgerAccountCode = "31" + code,
                PostingAccountCode = "60" + code,
                CostCenterCode = "CC" + code[0],
                Classification = classification,
                CreatedUtc = stamps.Created,
                UpdatedUtc = stamps.Updated,
            }, static (e, s) => e with { Sequence = s });
            result[name] = category.Id;
        }

        return result;
    }

    private static List<BusinessSegment> SeedSegments(SeedContext c, Enterprise enterprise, Service accommodation, bool isA)
    {
        (string Name, bool Active, Guid? Id)[] items =
        [
            ("Leisure", true, isA ? DemoIds.LeisureSegmentA : null),
            ("Business", true, isA ? DemoIds.BusinessSegmentA : null),
            ("Corporate", true, isA ? DemoIds.CorporateSegmentA : null),
            ("Government", true, null),
            ("Groups", true, null),
            ("OTA", true, null),
            ("Wholesale", true, null),
            ("Airline crew", false, null),
        ];
        var result = new List<BusinessSegment>();
        for (var i = 0; i < items.Length; i++)
        {
            var (name, active, id) = items[i];
            var stamps = ConfigStamps(c, i);
            result.Add(c.Store.Insert(c.Store.BusinessSegmentTable, new BusinessSegment
            {
                Id = IdFor($"{enterprise.Id}/segment/{name}", id),
                EnterpriseId = enterprise.Id,
                ServiceId = accommodation.Id,
                IsActive = active,
                Name = name,
                CreatedUtc = stamps.Created,
                UpdatedUtc = stamps.Updated,
            }, static (e, s) => e with { Sequence = s }));
        }

        return result;
    }

    private static List<Rate> SeedRates(SeedContext c, Enterprise enterprise, Service accommodation, EnterpriseSpec spec, List<BusinessSegment> segments, bool isA)
    {
        (string Name, Guid? Id, string? External)[] groups =
        [
            ("Public", isA ? DemoIds.PublicRateGroupA : null, null),
            ("Packages", isA ? DemoIds.PackagesRateGroupA : null, "RG-001"),
            ("Negotiated", null, null),
            ("Promotions", null, null),
        ];
        var groupIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Length; i++)
        {
            var (name, id, external) = groups[i];
            var stamps = ConfigStamps(c, i);
            var group = c.Store.Insert(c.Store.RateGroupTable, new RateGroup
            {
                Id = IdFor($"{spec.Key}/rate-group/{name}", id),
                EnterpriseId = enterprise.Id,
                ServiceId = accommodation.Id,
                CreatedUtc = stamps.Created,
                UpdatedUtc = stamps.Updated,
                Ordering = i,
                Names = Text(name),
                ShortNames = Text(name.ToUpperInvariant()[..3]),
                Descriptions = Text($"{name} rates"),
                ExternalIdentifier = external ?? $"{spec.Key}-RG-{name.ToUpperInvariant()}",
            }, static (e, s) => e with { Sequence = s });
            groupIds[name] = group.Id;
        }

        var baseRateId = IdFor($"{spec.Key}/rate/{spec.Rates.Single(r => r.IsBase).Short}", spec.Rates.Single(r => r.IsBase).Id);
        var rates = new List<Rate>();
        foreach (var r in spec.Rates)
        {
            rates.Add(c.Store.Insert(c.Store.RateTable, new Rate
            {
                Id = IdFor($"{spec.Key}/rate/{r.Short}", r.Id),
                EnterpriseId = enterprise.Id,
                GroupId = groupIds[r.Group],
                ServiceId = accommodation.Id,
                BaseRateId = r.IsBase ? null : baseRateId,
                IsBaseRate = r.IsBase,
                BusinessSegmentId = r.Segment is null ? null : segments.Single(s => s.Name == r.Segment).Id,
                IsActive = r.Active,
                IsEnabled = r.Active,
                IsPublic = r.Type == "Public",
                IsDefault = r.IsBase,
                Type = r.Type,
                Names = Text(r.Name),
                ShortName = r.Short,
                UpdatedUtc = PastUtc(c, 1, 150),
                ExternalNames = Text(r.Name),
                Description = Text(r.Name + (r.AddOn > 0 ? " (includes extras)" : string.Empty)),
                ExternalIdentifier = $"{spec.Key}-{r.Short}",
                PriceFactor = r.Factor,
                PriceAddOn = r.AddOn,
            }, static (e, s) => e with { Sequence = s }));
        }

        return rates;
    }

    private sealed record ProductSpec(string Service, string Key, string Name, string Short, string Charging, string Posting, decimal Price, string Accounting, ProductClassifications Classes, bool Active = true, bool IsDefault = false, Guid? Id = null);

    private static void SeedProducts(SeedContext c, Enterprise enterprise, Service accommodation, Service restaurant, Service spa, Dictionary<string, Guid> accounting, decimal factor, bool isA)
    {
        var none = new ProductClassifications(false, false, false, false, false);
        var food = none with { Food = true };
        var beverage = none with { Beverage = true };
        var wellness = none with { Wellness = true };
        ProductSpec[] products =
        [
            new("acc", "breakfast", "Breakfast", "BFST", "PerPersonPerTimeUnit", "PerTimeUnit", 18m, "Food", food, Id: isA ? DemoIds.BreakfastProductA : null),
            new("acc", "parking", "Parking", "PARK", "PerTimeUnit", "PerTimeUnit", 25m, "Parking", none, Id: isA ? DemoIds.ParkingProductA : null),
            new("acc", "late-checkout", "Late check-out (until 15:00)", "LCO", "Once", "Once", 30m, "Accommodation", none),
            new("acc", "early-checkin", "Early check-in (from 10:00)", "ECI", "Once", "Once", 30m, "Accommodation", none),
            new("acc", "extra-bed", "Extra bed", "XBED", "PerTimeUnit", "PerTimeUnit", 35m, "Accommodation", none),
            new("acc", "champagne", "Champagne on arrival", "CHMP", "Once", "Once", 65m, "Alcoholic beverage", beverage),
            new("acc", "upgrade-fee", "Room upgrade", "UPG", "PerTimeUnit", "PerTimeUnit", 40m, "Room upgrades", none with { Fee = true }),
            new("acc", "city-tax", "City tax", "CTAX", "PerPersonPerTimeUnit", "PerTimeUnit", 2.5m, "City tax", none with { CityTax = true }, IsDefault: true),
            new("restaurant", "dinner-for-two", "Dinner for two", "DIN2", "Once", "Once", 95m, "Food", food),
            new("restaurant", "house-wine", "Bottle of house wine", "WINE", "Once", "Once", 32m, "Alcoholic beverage", beverage),
            new("restaurant", "afternoon-tea", "Afternoon tea", "TEA", "PerPerson", "Once", 28m, "Food", food),
            new("spa", "massage-60", "60-minute massage", "MSG60", "Once", "Once", 90m, "Wellness", wellness),
            new("spa", "spa-day-pass", "Spa day pass", "SPA", "PerPerson", "Once", 45m, "Wellness", wellness),
            new("spa", "sauna", "Private sauna (retired)", "SAUNA", "Once", "Once", 40m, "Wellness", wellness, Active: false),
        ];
        for (var i = 0; i < products.Length; i++)
        {
            var p = products[i];
            var service = p.Service switch { "acc" => accommodation, "restaurant" => restaurant, _ => spa };
            var stamps = ConfigStamps(c, i);
            var price = p.Price < 10 ? p.Price : Math.Round(p.Price * factor, 0, MidpointRounding.AwayFromZero);
            c.Store.Insert(c.Store.ProductTable, new Product
            {
                Id = IdFor($"{enterprise.Id}/product/{p.Key}", p.Id),
                EnterpriseId = enterprise.Id,
                ServiceId = service.Id,
                AccountingCategoryId = accounting[p.Accounting],
                IsActive = p.Active,
                Names = Text(p.Name),
                ExternalNames = Text(p.Name),
                ShortNames = Text(p.Short),
                Descriptions = Text(p.Name + "."),
                ChargingMode = p.Charging,
                PostingMode = p.Posting,
                Options = new ProductOptions(false, false),
                Promotions = new Promotions(BeforeCheckIn: p.Active, DuringStay: p.Active),
                Classifications = p.Classes,
                Price = Pricing.Amount(enterprise, price),
                Ordering = i,
                ExternalIdentifier = $"PROD-{p.Short}",
                CreatedUtc = stamps.Created,
                UpdatedUtc = stamps.Updated,
                ConsumptionMoment = p.Posting == "PerTimeUnit" ? "PostingTimeUnit" : "ServiceOrderStart",
                IsDefault = p.IsDefault,
            }, static (e, s) => e with { Sequence = s });
        }
    }
}
