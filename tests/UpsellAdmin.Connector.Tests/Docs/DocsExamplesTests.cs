using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using UpsellAdmin.Connector.Json;
using UpsellAdmin.Connector.Models;

namespace UpsellAdmin.Connector.Tests.Docs;

/// <summary>
/// Every request and response example of the Mews docs (read at test time from <c>shared/connector-api-examples</c>
/// beside the clone; never copied into the repo) must parse into the gateway's DTOs, and nothing the example says
/// may be lost on the way: each non-null value must come back out when the DTO is serialized again, except the
/// fields listed below on purpose.
/// </summary>
public sealed class DocsExamplesTests
{
    /// <summary>Example file stem → (request DTO, response DTO).</summary>
    private static readonly Dictionary<string, (Type Request, Type Response)> Operations = new(StringComparer.Ordinal)
    {
        ["configuration.get"] = (typeof(ConfigurationRequest), typeof(ConfigurationResult)),
        ["services.getAll"] = (typeof(ServiceFilter), typeof(ServicesResult)),
        ["services.getAvailability.2024-01-22"] = (typeof(AvailabilityRequest), typeof(AvailabilityResult)),
        ["products.getAll"] = (typeof(ProductFilter), typeof(ProductsResult)),
        ["resourceCategories.getAll"] = (typeof(ResourceCategoryFilter), typeof(ResourceCategoriesResult)),
        ["rates.getAll"] = (typeof(RateFilter), typeof(RatesResult)),
        ["rateGroups.getAll"] = (typeof(RateGroupFilter), typeof(RateGroupsResult)),
        ["rates.getPricing"] = (typeof(RatePricingRequest), typeof(RatePricingResult)),
        ["accountingCategories.getAll"] = (typeof(AccountingCategoryFilter), typeof(AccountingCategoriesResult)),
        ["reservations.getAll.2023-06-06"] = (typeof(ReservationFilter), typeof(ReservationsResult)),
        ["reservations.addProduct"] = (typeof(ReservationProductAddition), typeof(ReservationProductAddResult)),
        ["reservations.update"] = (typeof(ReservationsUpdate), typeof(ReservationsUpdateResult)),
        ["customers.getAll"] = (typeof(CustomerFilter), typeof(CustomersResult)),
        ["customers.search"] = (typeof(CustomerSearchRequest), typeof(CustomerSearchResult)),
        ["orders.add"] = (typeof(OrderAddition), typeof(OrderAddResult)),
        ["loyaltyPrograms.getAll"] = (typeof(LoyaltyProgramFilter), typeof(LoyaltyProgramsResult)),
        ["loyaltyPrograms.add"] = (typeof(AddLoyaltyProgramsRequest), typeof(LoyaltyProgramsResult)),
        ["loyaltyPrograms.update"] = (typeof(UpdateLoyaltyProgramsRequest), typeof(LoyaltyProgramsResult)),
        ["loyaltyPrograms.delete"] = (typeof(DeleteLoyaltyProgramsRequest), typeof(EmptyResult)),
        ["loyaltyTiers.getAll"] = (typeof(LoyaltyTierFilter), typeof(LoyaltyTiersResult)),
        ["loyaltyTiers.add"] = (typeof(AddLoyaltyTiersRequest), typeof(LoyaltyTiersResult)),
        ["loyaltyTiers.update"] = (typeof(UpdateLoyaltyTiersRequest), typeof(LoyaltyTiersResult)),
        ["loyaltyTiers.delete"] = (typeof(DeleteLoyaltyTiersRequest), typeof(EmptyResult)),
        ["loyaltyMemberships.getAll"] = (typeof(LoyaltyMembershipFilter), typeof(LoyaltyMembershipsResult)),
        ["loyaltyMemberships.add"] = (typeof(AddLoyaltyMembershipsRequest), typeof(LoyaltyMembershipsResult)),
        ["loyaltyMemberships.update"] = (typeof(UpdateLoyaltyMembershipsRequest), typeof(LoyaltyMembershipsResult)),
        ["loyaltyMemberships.delete"] = (typeof(DeleteLoyaltyMembershipsRequest), typeof(EmptyResult)),
        ["businessSegments.getAll"] = (typeof(BusinessSegmentFilter), typeof(BusinessSegmentsResult)),
        ["sources.getAll"] = (typeof(SourceFilter), typeof(SourcesResult)),
    };

    /// <summary>Values the gateway drops on purpose, as JSON paths with [*] for any index.</summary>
    private static readonly HashSet<string> Deliberately = new(StringComparer.Ordinal)
    {
        // Tokens and Client are added by MewsAuthenticationHandler, never part of a DTO.
        "$.ClientToken", "$.AccessToken", "$.Client",
        // Deprecated extents the gateway never sends (customers: Documents; rates: RateGroups).
        "$.Extent.Documents", "$.Extent.RateGroups",
        // reservations/update: the generated table repeats per-reservation fields at top level (doc artefact).
        "$.ReservationId",
    };

    public static TheoryData<string> OperationNames => new(Operations.Keys);

    [Theory]
    [MemberData(nameof(OperationNames))]
    public void Response_DocsExample_ParsesIntoDtoWithoutLosingValues(string operation)
    {
        var original = JsonNode.Parse(ReadExample(operation + ".response.json"))!;

        var dto = original.Deserialize(Operations[operation].Response, MewsJson.Options);

        Assert.NotNull(dto);
        Assert.Empty(LostValues(original, JsonSerializer.SerializeToNode(dto, Operations[operation].Response, MewsJson.Options)));
    }

    [Theory]
    [MemberData(nameof(OperationNames))]
    public void Request_DocsExample_IsExpressibleWithTheRequestDto(string operation)
    {
        var original = JsonNode.Parse(ReadExample(operation + ".request.json"))!;

        var dto = original.Deserialize(Operations[operation].Request, MewsJson.Options);

        Assert.NotNull(dto);
        Assert.Empty(LostValues(original, JsonSerializer.SerializeToNode(dto, Operations[operation].Request, MewsJson.Options)));
    }

    [Fact]
    public void Operations_EveryExampleFileInTheFolder_IsCovered()
    {
        var folder = ExamplesFolder();
        var stems = Directory.GetFiles(folder, "*.response.json").Select(f => Path.GetFileName(f)[..^".response.json".Length]);

        Assert.Empty(stems.Except(Operations.Keys));
    }

    private static string ReadExample(string file) => File.ReadAllText(Path.Combine(ExamplesFolder(), file));

    /// <summary><c>&lt;repo root&gt;/../shared/connector-api-examples</c>, where CI always has it.</summary>
    private static string ExamplesFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "UpsellAdmin.sln")))
            dir = dir.Parent;
        Assert.NotNull(dir);
        var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "connector-api-examples"));
        Assert.SkipUnless(Directory.Exists(folder),
            $"The Mews docs examples are not at {folder}: clone the repository beside shared/ (as CI does) to run this test.");
        return folder;
    }

    /// <summary>Paths of non-null values of <paramref name="original"/> missing or different in <paramref name="copy"/>.</summary>
    private static List<string> LostValues(JsonNode original, JsonNode? copy)
    {
        var lost = new List<string>();
        Walk(original, copy, "$", "$");
        return lost;

        void Walk(JsonNode? expected, JsonNode? actual, string path, string pattern)
        {
            if (expected is null || Deliberately.Contains(pattern))
                return;
            switch (expected)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                        Walk(value, (actual as JsonObject)?[key], $"{path}.{key}", $"{pattern}.{key}");
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                        Walk(array[i], actual is JsonArray a && i < a.Count ? a[i] : null, $"{path}[{i}]", $"{pattern}[*]");
                    break;
                default:
                    if (!SameValue(expected.AsValue(), actual as JsonValue))
                        lost.Add($"{path}: {expected.ToJsonString()} → {actual?.ToJsonString() ?? "missing"}");
                    break;
            }
        }
    }

    private static bool SameValue(JsonValue expected, JsonValue? actual)
    {
        if (actual is null)
            return false;
        var e = expected.GetValue<JsonElement>();
        var a = actual.Deserialize<JsonElement>();
        return (e.ValueKind, a.ValueKind) switch
        {
            (JsonValueKind.Number, JsonValueKind.Number) => e.GetDecimal() == a.GetDecimal(),
            (JsonValueKind.String, JsonValueKind.String) when e.GetString() == a.GetString() => true,
            // Instants may be re-written (".000Z" → "Z"); the same instant is the same value.
            (JsonValueKind.String, JsonValueKind.String) => DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var x)
                && DateTimeOffset.TryParse(a.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var y) && x == y,
            var (ek, ak) => ek == ak,
        };
    }
}
