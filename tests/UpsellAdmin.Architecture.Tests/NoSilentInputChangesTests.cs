using System.Text.RegularExpressions;

namespace UpsellAdmin.Architecture.Tests;

/// <summary>
/// Issue 15's class of problem, kept fixed: MudBlazor's <c>MaxLength</c> cuts what a person types or pastes, and
/// <c>Min</c>/<c>Max</c> on a numeric field clamp it, both without a word. Forms show a counter and let the validator
/// refuse with the limit and the value instead, so none of the three may appear on an input in a .razor file.
/// </summary>
public sealed partial class NoSilentInputChangesTests
{
    [GeneratedRegex(@"<Mud(TextField|NumericField|Autocomplete)\b[^>]*?\s(MaxLength|Min|Max)=""", RegexOptions.Singleline)]
    private static partial Regex SilentLimit();

    [Fact]
    public void NoInputCutsOrClampsWhatWasTyped()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "UpsellAdmin.Web");
        var offenders = Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => SilentLimit().Matches(File.ReadAllText(f))
                .Select(m => $"{Path.GetRelativePath(web, f)}: {m.Groups[2].Value} on Mud{m.Groups[1].Value}"))
            .ToList();

        Assert.True(Directory.Exists(Path.Combine(web, "Features")), $"not the web project: {web}");
        Assert.Empty(offenders);
    }

    [Fact]
    public void ThePatternFindsWhatItForbids()
    {
        Assert.Matches(SilentLimit(), """<MudTextField T="string" @bind-Value="x" MaxLength="40" />""");
        Assert.Matches(SilentLimit(), "<MudNumericField T=\"int?\"\n   Min=\"0\" Label=\"Days\" />");
        Assert.DoesNotMatch(SilentLimit(), """<MudTextField T="string" Counter="40" Immediate="true" />""");
        Assert.DoesNotMatch(SilentLimit(), """<MudDatePicker MinDate="x" />""");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UpsellAdmin.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("UpsellAdmin.sln not found above " + AppContext.BaseDirectory);
    }
}
