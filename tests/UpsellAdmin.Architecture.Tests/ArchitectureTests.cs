using System.Reflection;
using Assembly = System.Reflection.Assembly;
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using Microsoft.AspNetCore.Components;
using UpsellAdmin.Web.Data;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace UpsellAdmin.Architecture.Tests;

/// <summary>
/// The rules of src/UpsellAdmin.Web/README.md ("Layers"), checked on the compiled assemblies (every type reference,
/// method bodies included). A failure names the offending types.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Web = typeof(AppDbContext).Assembly;
    private static readonly Assembly Domain = typeof(UpsellAdmin.Domain.Rules.UpsellRuleDefinition).Assembly;
    private static readonly Assembly Connector = typeof(UpsellAdmin.Connector.IMewsGateway).Assembly;
    private static readonly Assembly Simulator = typeof(UpsellAdmin.ConnectorSimulator.SimulatorServer).Assembly;

    private static readonly Lazy<ArchitectureModel> WebArchitecture = new(() => new ArchLoader().LoadAssemblies(Web).Build());

    private static IEnumerable<(IType Origin, IType Target)> Dependencies(ArchitectureModel architecture) =>
        architecture.Types
            .Where(t => t.Assembly.FullName == Web.FullName)
            .SelectMany(t => t.Dependencies.Select(d => (d.Origin, d.Target)));

    private static string Report(string rule, IReadOnlyCollection<string> violations) =>
        $"{rule} — {violations.Count} violation(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", violations);

    [Fact]
    public void Features_UseOnlyFeaturesOnLowerLayers()
    {
        var violations = FeatureLayers.Violations(Dependencies(WebArchitecture.Value).Select(d => (d.Origin.FullName, d.Target.FullName)));

        Assert.True(violations.Count == 0, Report("A feature may use only features on a lower layer", violations));
    }

    [Fact]
    public void EveryFeatureFolder_HasALayer()
    {
        var features = Web.GetTypes().Select(t => FeatureLayers.FeatureOf(t.FullName ?? "")).OfType<string>().Distinct().Order().ToList();

        Assert.Empty(features.Except(FeatureLayers.Layer.Keys));
        Assert.True(features.Count >= 10, $"only {features.Count} features found: {string.Join(", ", features)}");
    }

    [Fact]
    public void SharedComponents_UseNoFeature()
    {
        var violations = Dependencies(WebArchitecture.Value)
            .Where(d => d.Origin.FullName.StartsWith("UpsellAdmin.Web.Components.Shared.", StringComparison.Ordinal))
            .Where(d => FeatureLayers.FeatureOf(d.Target.FullName) is { } f && f != "Common")
            .Select(d => $"{FeatureLayers.Readable(d.Origin.FullName)} uses {FeatureLayers.Readable(d.Target.FullName)}")
            .Distinct().Order().ToList();

        Assert.True(violations.Count == 0, Report("Components/Shared holds widgets every feature may use, so it uses no feature", violations));
    }

    [Fact]
    public void Components_NeverTouchTheDbContext()
    {
        var componentTypes = Web.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t)).Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);
        var database = new[] { typeof(AppDbContext).FullName!, "Microsoft.EntityFrameworkCore.IDbContextFactory`1", "Microsoft.EntityFrameworkCore.DbContext" };
        var violations = Dependencies(WebArchitecture.Value)
            .Where(d => componentTypes.Contains(FeatureLayers.Readable(d.Origin.FullName).Replace('/', '+')) || componentTypes.Contains(d.Origin.FullName))
            .Where(d => database.Contains(d.Target.FullName) || d.Target.FullName.StartsWith("UpsellAdmin.Web.Data.", StringComparison.Ordinal) && d.Target.FullName.Contains("DbContext", StringComparison.Ordinal))
            .Select(d => $"{FeatureLayers.Readable(d.Origin.FullName)} uses {d.Target.FullName}")
            .Distinct().Order().ToList();

        Assert.True(componentTypes.Count > 20, $"only {componentTypes.Count} components found");
        Assert.True(violations.Count == 0, Report("A page or component goes through a feature service, never the DbContext", violations));
    }

    [Fact]
    public void Domain_ReferencesOnlyTheBaseClassLibrary()
    {
        var foreign = Domain.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => !(n.StartsWith("System", StringComparison.Ordinal) || n is "netstandard" or "mscorlib"))
            .ToList();

        Assert.True(foreign.Count == 0, $"UpsellAdmin.Domain must reference only the BCL, but references: {string.Join(", ", foreign)}");
    }

    [Fact]
    public void ConnectorAndSimulator_ShareNoType()
    {
        static HashSet<string> ProjectReferences(Assembly a) =>
            a.GetReferencedAssemblies().Select(r => r.Name!).Where(n => n.StartsWith("UpsellAdmin", StringComparison.Ordinal)).ToHashSet();

        var connectorRefs = ProjectReferences(Connector);
        var simulatorRefs = ProjectReferences(Simulator);
        var shared = connectorRefs.Intersect(simulatorRefs).ToList();

        Assert.False(connectorRefs.Contains(Simulator.GetName().Name!), "UpsellAdmin.Connector references UpsellAdmin.ConnectorSimulator");
        Assert.False(simulatorRefs.Contains(Connector.GetName().Name!), "UpsellAdmin.ConnectorSimulator references UpsellAdmin.Connector");
        Assert.True(shared.Count == 0, $"Connector and ConnectorSimulator share the project(s) {string.Join(", ", shared)}: a type there would hide a field-name mistake on both sides");
    }
}
