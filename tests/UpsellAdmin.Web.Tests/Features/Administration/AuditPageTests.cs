using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Administration;

/// <summary>The Administrator's Audit page over a fake audit service: filters go to the service, rows open to their diff.</summary>
public sealed class AuditPageTests : UiTestContext
{
    private readonly FakeAuditService _audit = new();

    public AuditPageTests()
    {
        Services.AddSingleton<IAuditService>(_audit);
        Services.AddSingleton<IUserAdministrationService>(new FakeUserAdministrationService());
        SignInAs(Roles.Administrator);
        RenderProviders();
    }

    private sealed class FakeAuditService : IAuditService
    {
        public List<(AuditFilter Filter, PageRequest Page)> Searches { get; } = [];

        public List<AuditRow> Rows { get; } =
        [
            new(2, new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero), "revenue@demo.local", AuditActions.Updated, AuditEntityTypes.UpsellRule, "7", "HTL1", "Rule STD-DLX updated"),
            new(1, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), "admin@demo.local", AuditActions.Updated, AuditEntityTypes.User, "frankie@hotel.test", null, "User frankie@hotel.test updated"),
        ];

        public Task<PagedResult<AuditRow>> SearchAsync(AuditFilter filter, PageRequest page, CancellationToken cancellationToken = default)
        {
            Searches.Add((filter, page));
            var rows = Rows.Where(r => (filter.EntityType is null || r.EntityType == filter.EntityType) && (filter.By is null || r.By == filter.By)).ToList();
            return Task.FromResult(new PagedResult<AuditRow>(rows, rows.Count));
        }

        public Task<AuditDetail?> GetDetailAsync(long id, CancellationToken cancellationToken = default) =>
            Task.FromResult<AuditDetail?>(new AuditDetail(id, [new AuditFieldChange("upsellAmount", "Upsell Amount", "20", "25")]));

        public Task<IReadOnlyList<string>> GetActorsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>(["admin@demo.local", "revenue@demo.local", AuditActors.PostingWorker]);
    }

    [Fact]
    public void AdministratorOpensAudit_SeesTheNewestEntriesWithWhoWhatAndWhen()
    {
        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=audit-grid] tbody tr.mud-table-row").Count));
        var first = cut.FindAll("[data-testid=audit-grid] tbody tr.mud-table-row")[0].TextContent;
        Assert.Contains("2026-12-02 10:00:00", first, StringComparison.Ordinal);
        Assert.Contains("revenue@demo.local", first, StringComparison.Ordinal);
        Assert.Contains("Upsell rule", first, StringComparison.Ordinal);
        Assert.Contains("Rule STD-DLX updated", first, StringComparison.Ordinal);
        Assert.Equal(new AuditFilter(), _audit.Searches[0].Filter);
        Assert.Contains("2 entries", cut.Find("[data-testid=audit-count]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdministratorFiltersByPropertyEntityUserAndDates_TheServiceGetsEachFilter()
    {
        var cut = Render<AuditPage>();
        cut.WaitForAssertion(() => Assert.Single(_audit.Searches));

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<int?>>().Instance.ValueChanged.InvokeAsync(2));
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single().Instance.ValueChanged.InvokeAsync(AuditEntityTypes.UpsellRule));
        await cut.InvokeAsync(() => cut.FindComponent<MudAutocomplete<string>>().Instance.ValueChanged.InvokeAsync("revenue@demo.local"));
        var dates = cut.FindComponents<MudDatePicker>();
        await cut.InvokeAsync(() => dates[0].Instance.DateChanged.InvokeAsync(new DateTime(2026, 12, 1)));
        await cut.InvokeAsync(() => dates[1].Instance.DateChanged.InvokeAsync(new DateTime(2026, 12, 3)));
        cut.Find("[data-testid=audit-search]").Click();

        cut.WaitForAssertion(() => Assert.Equal(
            new AuditFilter(2, "revenue@demo.local", AuditEntityTypes.UpsellRule, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 3)),
            _audit.Searches[^1].Filter));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=audit-grid] tbody tr.mud-table-row")));
    }

    [Fact]
    public async Task AdministratorClearsTheFilters_SearchesEverythingAgain()
    {
        var cut = Render<AuditPage>();
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single().Instance.ValueChanged.InvokeAsync(AuditEntityTypes.User));
        cut.Find("[data-testid=audit-search]").Click();
        cut.WaitForAssertion(() => Assert.Equal(AuditEntityTypes.User, _audit.Searches[^1].Filter.EntityType));

        cut.Find("[data-testid=audit-clear]").Click();

        cut.WaitForAssertion(() => Assert.Equal(new AuditFilter(), _audit.Searches[^1].Filter));
    }

    [Fact]
    public void AdministratorOpensARow_SeesTheFieldThatChangedBeforeAndAfter()
    {
        var cut = Render<AuditPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=audit-grid] tbody tr.mud-table-row").Count));

        cut.FindAll("[data-testid=audit-grid] tbody tr.mud-table-row")[0].QuerySelector("button")!.Click();

        cut.WaitForAssertion(() =>
        {
            var change = cut.Find("[data-testid=audit-change]").TextContent;
            Assert.Contains("Upsell Amount", change, StringComparison.Ordinal);
            Assert.Contains("20", change, StringComparison.Ordinal);
            Assert.Contains("25", change, StringComparison.Ordinal);
        });
    }
}
