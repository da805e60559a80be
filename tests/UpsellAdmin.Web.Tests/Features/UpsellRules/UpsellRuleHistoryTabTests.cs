using Bunit;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.UpsellRules;

/// <summary>The rule form's History tab over a fake history service.</summary>
public sealed class UpsellRuleHistoryTabTests : UiTestContext
{
    private readonly FakeHistory _history = new();

    public UpsellRuleHistoryTabTests()
    {
        Services.AddSingleton<IUpsellRuleHistoryService>(_history);
        RenderProviders();
    }

    private static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Edited = new(2026, 12, 2, 10, 30, 0, TimeSpan.Zero);

    private sealed class FakeHistory : IUpsellRuleHistoryService
    {
        public List<RuleVersion> Versions { get; } =
        [
            new(2, Edited, "revenue@demo.local", AuditActions.Updated, "Rule STD-DLX updated",
                [new("upsellAmount", "Upsell Amount", "20", "25"), new("markets", "Markets", "TRANS", "")], CanRestore: false, IsCurrent: true),
            new(1, Created, "admin@demo.local", AuditActions.Created, "Rule STD-DLX created",
                [new("code", "Code", "", "STD-DLX"), new("upsellAmount", "Upsell Amount", "", "20")], CanRestore: true, IsCurrent: false),
        ];

        public List<(long EntryId, Guid Version)> Restores { get; } = [];
        public SaveResult RestoreResult { get; set; } = SaveResult.Saved(7, Guid.NewGuid());

        public Task<IReadOnlyList<RuleVersion>?> GetAsync(int propertyId, int ruleId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<RuleVersion>?>(Versions);

        public Task<IReadOnlyList<RuleHistoryItem>?> GetByCodeAsync(int propertyId, string ruleCode, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<RuleHistoryItem>?>([]);

        public Task<SaveResult> RestoreAsync(int propertyId, int ruleId, long entryId, Guid loadedVersion, CancellationToken cancellationToken = default)
        {
            Restores.Add((entryId, loadedVersion));
            return Task.FromResult(RestoreResult);
        }
    }

    private IRenderedComponent<UpsellRuleEditPage> OpenHistory()
    {
        Rules.Stored[7] = FakeUpsellRuleService.ValidRule(7);
        var cut = Render<UpsellRuleEditPage>(p => p.Add(x => x.PropertyId, 1).Add(x => x.RuleId, 7));
        cut.WaitForElement("[data-testid=field-code]");
        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("History", StringComparison.Ordinal)).Click();
        cut.WaitForElement("[data-testid=history-version]");
        return cut;
    }

    [Fact]
    public void EditorOpensHistory_SeesEachVersionNewestFirstWithWhoWhenAndTheFieldsThatChanged()
    {
        var cut = OpenHistory();

        var versions = cut.FindAll("[data-testid=history-version]");
        Assert.Equal(2, versions.Count);
        Assert.Contains("2026-12-02 10:30:00 UTC", versions[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("revenue@demo.local", versions[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Current version", versions[0].TextContent, StringComparison.Ordinal);
        var rows = versions[0].QuerySelectorAll("[data-testid=history-change]")
            .Select(r => string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(["Upsell Amount|20|25", "Markets|TRANS|—"], rows);
        Assert.Empty(versions[0].QuerySelectorAll("[data-testid=history-restore]"));
        Assert.Single(versions[1].QuerySelectorAll("[data-testid=history-restore]"));
    }

    [Fact]
    public void EditorRestoresAVersionAndConfirms_TheServiceGetsTheVersionAndTheLoadedRuleVersion()
    {
        var cut = OpenHistory();
        var loaded = Rules.Stored[7].Version;

        cut.Find("[data-testid=history-restore]").Click();
        Dialogs.WaitForElement(".mud-message-box");
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Restore").Click();

        cut.WaitForAssertion(() => Assert.Equal([(1L, loaded)], _history.Restores));
        Snackbars.WaitForAssertion(() => Assert.Contains("Restored the version of 2026-12-01 09:00:00 UTC", Snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void EditorCancelsTheRestore_NothingIsRestored()
    {
        var cut = OpenHistory();

        cut.Find("[data-testid=history-restore]").Click();
        Dialogs.WaitForElement(".mud-message-box");
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        Assert.Empty(_history.Restores);
    }

    [Fact]
    public void EditorRestoresAVersionNamingADeletedCode_IsToldWhichFieldAndWhy()
    {
        _history.RestoreResult = SaveResult.Invalid([
            new FieldError("", UpsellRuleHistoryService.CannotRestoreMessage),
            new FieldError("Markets", "Markets: Market OLD does not exist in this property."),
        ]);
        var cut = OpenHistory();

        cut.Find("[data-testid=history-restore]").Click();
        Dialogs.WaitForElement(".mud-message-box");
        Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Restore").Click();

        cut.WaitForAssertion(() =>
        {
            var problem = cut.Find("[data-testid=restore-problem]").TextContent;
            Assert.Contains(UpsellRuleHistoryService.CannotRestoreMessage, problem, StringComparison.Ordinal);
            Assert.Contains("Market OLD does not exist", problem, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void FrontDeskOpensHistory_SeesTheVersionsButNoRestore()
    {
        SignInAs(Roles.FrontDesk);
        _history.Versions[1] = _history.Versions[1] with { CanRestore = false };

        var cut = OpenHistory();

        Assert.Equal(2, cut.FindAll("[data-testid=history-version]").Count);
        Assert.Empty(cut.FindAll("[data-testid=history-restore]"));
    }
}
