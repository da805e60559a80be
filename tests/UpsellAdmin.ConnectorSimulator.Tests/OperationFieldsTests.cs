using System.Net;
using System.Text.Json.Nodes;

namespace UpsellAdmin.ConnectorSimulator.Tests;

/// <summary>
/// Every operation, called with a request fixture written from the field tables (Fixtures/*.json), answers 200 with
/// its documented top-level fields and, for entities, their documented fields.
/// </summary>
public sealed class OperationFieldsTests : SimulatorTestBase
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void Fixtures_CoverEveryOperationOfTheBrief()
    {
        string[] operations =
        [
            "configuration/get", "services/getAll", "services/getAvailability/2024-01-22", "resourceCategories/getAll", "resources/getAll",
            "rates/getAll", "rateGroups/getAll", "rates/getPricing", "businessSegments/getAll", "sources/getAll", "products/getAll",
            "accountingCategories/getAll", "reservations/getAll/2023-06-06", "reservations/addProduct", "reservations/update",
            "customers/getAll", "customers/search", "orders/add",
            "loyaltyPrograms/getAll", "loyaltyPrograms/add", "loyaltyPrograms/update", "loyaltyPrograms/delete",
            "loyaltyTiers/getAll", "loyaltyTiers/add", "loyaltyTiers/update", "loyaltyTiers/delete",
            "loyaltyMemberships/getAll", "loyaltyMemberships/add", "loyaltyMemberships/update", "loyaltyMemberships/delete",
            "orderItems/getAll",
        ];
        var covered = Fixtures().Select(f => Load((string)f.Data)["Operation"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

        Assert.All(operations, o => Assert.Contains(o, covered));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Operation_FixtureRequest_ReturnsDocumentedFields(string fixture)
    {
        var spec = Load(fixture);
        var request = spec["Request"]!.DeepClone().AsObject();

        var response = await Client.PostAsync(spec["Operation"]!.GetValue<string>(), request, Ct);

        Assert.True(response.Status == HttpStatusCode.OK, $"{fixture}: {(int)response.Status} {response.RawBody}");
        var body = response.Object;
        JsonAssert.HasFields(body, spec["ResponseFields"]!.AsArray().Select(f => f!.GetValue<string>()), fixture);
        foreach (var (name, fields) in spec["ItemFields"]!.AsObject())
        {
            var expected = fields!.AsArray().Select(f => f!.GetValue<string>()).ToList();
            switch (body[name])
            {
                case JsonArray array:
                    Assert.NotEmpty(array);
                    foreach (var item in array)
                    {
                        JsonAssert.HasFields(item!.AsObject(), expected, $"{fixture} {name}[]");
                    }

                    break;
                case JsonObject obj:
                    JsonAssert.HasFields(obj, expected, $"{fixture} {name}");
                    break;
                default:
                    Assert.Fail($"{fixture}: {name} is neither an array nor an object.");
                    break;
            }
        }
    }

    [Fact]
    public async Task Response_UsesPascalCaseAndUtcInstants()
    {
        var response = await Client.PostAsync("configuration/get", ct: Ct);

        Assert.Contains("\"NowUtc\":\"", response.RawBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\"nowUtc\"", response.RawBody, StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", response.Object["NowUtc"]!.GetValue<string>());
    }

    private static JsonObject Load(string fixture) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)))!.AsObject();
}
