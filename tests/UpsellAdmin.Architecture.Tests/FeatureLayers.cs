namespace UpsellAdmin.Architecture.Tests;

/// <summary>
/// The web project's feature layers, as src/UpsellAdmin.Web/README.md draws them. A feature may use only features on a
/// lower layer — never one on its own layer or above. A feature folder missing from this table fails the test, so a
/// new feature must be given its place.
/// </summary>
public static class FeatureLayers
{
    public const string FeaturesNamespace = "UpsellAdmin.Web.Features";

    public static readonly IReadOnlyDictionary<string, int> Layer = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        // 0: the shared kernel — service results, paging; no feature of its own.
        ["Common"] = 0,
        // 1–3: bottom — who is signed in, which hotels, their lists of values.
        ["Accounts"] = 1,
        ["Properties"] = 2,
        ["ReferenceData"] = 3,
        // 4–5: middle — the upsell set-up and rules (UpsellRules owns the rule ↔ engine mapping).
        ["UpsellConfiguration"] = 4,
        ["UpsellRules"] = 5,
        // 6: pricing — the quote engine over a property's set-up, which the desk and the forecast reuse.
        ["Quotes"] = 6,
        // 7: top — user-facing features that never use each other.
        ["Copy"] = 7,
        ["Loyalty"] = 7,
        ["Sync"] = 7,
        ["Administration"] = 7,
        ["Desk"] = 7,
        // 8: selling — posts what the desk offered (the desk reaches it through IDeskSelling, which it owns).
        ["Selling"] = 8,
        // 9: reports — the Upsell Performance report, its exports and the rule page's Forecast (over the selling records).
        ["Reports"] = 9,
        // 10: the public HTTP API, another way in to the features below it.
        ["Api"] = 10,
    };

    /// <summary>The feature a type belongs to (the first namespace segment under Features), or null outside features
    /// (and for <c>UpsellAdmin.Web.Features</c> itself, the composition root that registers them all).</summary>
    public static string? FeatureOf(string typeFullName)
    {
        var prefix = FeaturesNamespace + ".";
        if (!typeFullName.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = typeFullName[prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? null : rest[..dot];
    }

    /// <summary>A compiler-generated nested type (closure, async state machine) as the type a person wrote.</summary>
    public static string Readable(string typeFullName)
    {
        var nested = typeFullName.IndexOfAny(['+', '/']);
        var outer = nested < 0 ? typeFullName : typeFullName[..nested];
        var generic = outer.IndexOf('`', StringComparison.Ordinal);
        return generic < 0 ? outer : outer[..generic];
    }

    /// <summary>
    /// Every dependency that breaks the layering, as "Origin (Feature, layer n) uses Target (Feature, layer m)" — both
    /// types named — plus one line per feature folder that has no layer.
    /// </summary>
    public static IReadOnlyList<string> Violations(IEnumerable<(string Origin, string Target)> dependencies)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (origin, target) in dependencies)
        {
            var from = FeatureOf(origin);
            var to = FeatureOf(target);
            if (from is null)
            {
                continue;
            }
            if (!Layer.TryGetValue(from, out var fromLayer))
            {
                found.Add($"Feature '{from}' (type {Readable(origin)}) has no layer: add it to FeatureLayers and the web README's graph.");
                continue;
            }
            if (to is null || to == from)
            {
                continue;
            }
            if (!Layer.TryGetValue(to, out var toLayer))
            {
                found.Add($"Feature '{to}' (type {Readable(target)}) has no layer: add it to FeatureLayers and the web README's graph.");
                continue;
            }
            if (toLayer >= fromLayer)
            {
                var where = toLayer == fromLayer ? "beside it" : "above it";
                found.Add($"{Readable(origin)} ({from}, layer {fromLayer}) uses {Readable(target)} ({to}, layer {toLayer}), a feature {where}.");
            }
        }
        return found.ToList();
    }
}
