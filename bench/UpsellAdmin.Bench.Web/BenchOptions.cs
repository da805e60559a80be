namespace UpsellAdmin.Bench.Web;

/// <summary>"--name value" options shared by the benchmarks.</summary>
internal sealed class BenchOptions(string[] args)
{
    public int Int(string name, int fallback)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }

    public string Text(string name, string fallback)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    public bool Flag(string name) => args.Contains("--" + name);
}
