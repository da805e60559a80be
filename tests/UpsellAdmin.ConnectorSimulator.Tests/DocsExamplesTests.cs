using System.Net;
using System.Text.Json.Nodes;

namespace UpsellAdmin.ConnectorSimulator.Tests;

/// <summary>
/// Every request example of the Mews docs (read at test time from <c>&lt;repo root&gt;/../shared/connector-api-examples</c>,
/// never copied into the repository) is accepted by the simulator, and the answer carries at least the top-level
/// keys of the docs' response example.
/// </summary>
public sealed class DocsExamplesTests : SimulatorTestBase
{
    private const string Missing = "(shared/connector-api-examples not found)";

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        var folder = RepoPaths.DocsExamples();
        if (folder is null)
        {
            data.Add(Missing);
            return data;
        }

        foreach (var file in Directory.GetFiles(folder, "*.request.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task DocsRequestExample_PostedAsPublished_IsAccepted(string file)
    {
        var folder = RepoPaths.DocsExamples();
        if (file == Missing || folder is null)
        {
            Assert.Skip("The docs' examples folder <repo root>/../shared/connector-api-examples is not present beside the clone.");
            return;
        }

        var name = file[..^".request.json".Length];
        var operation = OperationPath(folder, name);
        var body = await File.ReadAllTextAsync(Path.Combine(folder, file), Ct);
        if (name == "loyaltyPrograms.delete")
        {
            // Business rule: a program with active memberships cannot be deleted, so end them first.
            await EndMembershipsAsync(JsonNode.Parse(body)!["LoyaltyProgramIds"]!.AsArray().Select(x => x!.GetValue<string>()));
        }

        var response = await Client.PostRawAsync("api/connector/v1/" + operation, body, Ct);

        Assert.True(response.Status == HttpStatusCode.OK, $"{file} → {operation}: {(int)response.Status} {response.RawBody}");
        var documented = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, name + ".response.json"), Ct))!.AsObject();
        JsonAssert.HasFields(response.Object, documented.Select(p => p.Key), file);
    }

    /// <summary>The operation path from INDEX.md's table (file name → URL path).</summary>
    private static string OperationPath(string folder, string name)
    {
        foreach (var line in File.ReadLines(Path.Combine(folder, "INDEX.md")))
        {
            if (line.Contains($"`{name}.request.json`", StringComparison.Ordinal))
            {
                var start = line.IndexOf("`/api/connector/v1/", StringComparison.Ordinal) + "`/api/connector/v1/".Length;
                return line[start..line.IndexOf('`', start)];
            }
        }

        return name.Replace('.', '/');
    }

    private async Task EndMembershipsAsync(IEnumerable<string> programIds)
    {
        var programs = new JsonArray(programIds.Select(id => (JsonNode)JsonValue.Create(id)).ToArray());
        var ids = await ReadAllIdsAsync("loyaltyMemberships/getAll", "LoyaltyMemberships", () => new JsonObject { ["LoyaltyProgramIds"] = programs.DeepClone() }, 1000);
        foreach (var chunk in ids.Chunk(1000))
        {
            var response = await Client.PostAsync("loyaltyMemberships/delete", new JsonObject { ["LoyaltyMembershipIds"] = new JsonArray(chunk.Select(id => (JsonNode)JsonValue.Create(id)).ToArray()) }, Ct);
            Assert.Equal(HttpStatusCode.OK, response.Status);
        }
    }
}
