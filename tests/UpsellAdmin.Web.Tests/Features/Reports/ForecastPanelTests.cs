using Bunit;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.UpsellRules;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Reports;

/// <summary>The rule page's Forecast section (bUnit, a recording fake forecast): hidden without a forecast, refuses an
/// invalid form or days out of range with a message, shows draft and saved side by side with the assumptions, and
/// says when Mews failed; a forecast that throws is said on the panel (the component keeps working), and leaving the
/// page cancels a running forecast.</summary>
public sealed class ForecastPanelTests : UiTestContext
{
    private readonly FakeForecast _forecast = new();

    private static UpsellRuleFormModel Model() => new()
    {
        PropertyId = 7,
        Code = "UP1",
        Description = "Standard to superior",
        From = "STD",
        To = "SUP",
        Formula = UpsellFormula.FlatAmountAddedToOriginalRate,
        UpsellAmount = 25m,
        CurrencyCode = "EUR",
    };

    private static RuleForecastFigures Figures(string code, int won, decimal amount) => new(code, 4, won, won * 2, amount, won == 0 ? null : amount / (won * 2), amount / 10m);

    private IRenderedComponent<RuleForecastPanel> Render(IValidator<UpsellRuleFormModel>? validator = null, bool registered = true)
    {
        if (registered)
        {
            Services.AddSingleton<IRuleForecast>(_forecast);
        }
        RenderProviders();
        return Render<RuleForecastPanel>(p => p.Add(x => x.Model, Model()).Add(x => x.RuleId, 3).Add(x => x.Validator, validator ?? new InlineValidator<UpsellRuleFormModel>()));
    }

    [Fact]
    public void NoForecastRegistered_TheSectionIsNotShown()
    {
        var cut = Render(registered: false);

        Assert.Empty(cut.FindAll("[data-testid=forecast]"));
    }

    [Fact]
    public void InvalidForm_SaysTheFormMustBeValidFirst_AndDoesNotRun()
    {
        var validator = new InlineValidator<UpsellRuleFormModel>();
        validator.RuleFor(m => m.UpsellAmount).Must(_ => false).WithMessage("Upsell Amount is required.");
        var cut = Render(validator);

        cut.Find("[data-testid=forecast-run]").Click();

        cut.WaitForAssertion(() => Assert.Contains("The form must be valid before a forecast: 1 field needs attention (Upsell Amount is required.)",
            cut.Find("[data-testid=forecast-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_forecast.Requests);
    }

    [Fact]
    public void DaysOutOfRange_RefusedWithAMessage_NotClamped()
    {
        var cut = Render();

        cut.Find("[data-testid=forecast-days]").Input("400");
        cut.Find("[data-testid=forecast-run]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Enter 1 to 365 days; 400 is not allowed.", cut.Find("[data-testid=forecast-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_forecast.Requests);
    }

    [Fact]
    public void Run_ShowsTheRuleAsOnScreenBesideTheSavedRule_AndWhichConversionsAreAssumed()
    {
        _forecast.Answer = new RuleForecastResult(RuleForecastStatus.Ok, null, Figures("UP1", 3, 150m), Figures("UP1", 1, 40m),
            [new RuleForecastPair("STD", "SUP", 0.25m, true, 12, 2, 1), new RuleForecastPair("STD", "DLX", 0.05m, false, 0, 1, 0)],
            "EUR", new DateOnly(2026, 12, 8), new DateOnly(2027, 1, 6), 76, 72, DateTimeOffset.UtcNow, 21, new DateOnly(2025, 12, 8), new DateOnly(2026, 12, 7), 0.05m);
        var cut = Render();

        cut.Find("[data-testid=forecast-assumed]").Input("5");
        cut.Find("[data-testid=forecast-run]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=forecast-table]")));
        var request = Assert.Single(_forecast.Requests);
        Assert.Equal((7, (int?)3, "UP1", 25m, 30, 0.05m), (request.PropertyId, request.RuleId, request.Draft.Code, request.Draft.UpsellAmount, request.Days, request.AssumedConversion));
        Assert.Contains("This rule as on screen", cut.Find("[data-testid=forecast-col-draft]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Saved rule", cut.Find("[data-testid=forecast-col-saved]").TextContent, StringComparison.Ordinal);
        Assert.Equal("150.00 EUR", cut.Find("[data-testid=forecast-draft-upsell-total]").TextContent);
        Assert.Equal("40.00 EUR", cut.Find("[data-testid=forecast-saved-upsell-total]").TextContent);
        Assert.Equal("3", cut.Find("[data-testid=forecast-draft-would-win]").TextContent);
        Assert.Contains("measured over 12 reservations", cut.Find("[data-testid=forecast-measured]").TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("[data-testid=forecast-assumed-chip]"));
        Assert.Contains("76 reservations arriving 2026-12-08 to 2027-01-06", cut.Find("[data-testid=forecast-read]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void MewsFails_TheMessageIsShown_AndNoTable()
    {
        _forecast.Answer = RuleForecastResult.Failed(RuleForecastStatus.MewsFailed, "Mews could not be read: 500. Nothing was changed; try again.");
        var cut = Render();

        cut.Find("[data-testid=forecast-run]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Mews could not be read: 500. Nothing was changed; try again.", cut.Find("[data-testid=forecast-error]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=forecast-table]"));
    }

    [Fact]
    public async Task ForecastThrows_SaysItCouldNotBeComputed_AndThePanelKeepsWorking()
    {
        _forecast.Throw = new InvalidOperationException("database is locked");
        var cut = Render();

        await cut.Find("[data-testid=forecast-run]").ClickAsync(new());

        cut.WaitForAssertion(() =>
        {
            var text = cut.Find("[data-testid=forecast-error]").TextContent;
            Assert.StartsWith("The forecast could not be computed just now (InvalidOperationException at ", text.Trim(), StringComparison.Ordinal);
            Assert.EndsWith("UTC); nothing was changed. Try again.", text.Trim(), StringComparison.Ordinal);
        });
        Assert.DoesNotContain("database is locked", cut.Markup, StringComparison.Ordinal);
        Assert.False(cut.Find("[data-testid=forecast-run]").HasAttribute("disabled"));
        Assert.Contains("Run forecast", cut.Find("[data-testid=forecast-run]").TextContent, StringComparison.Ordinal);

        // The same component runs again once the cause is gone.
        _forecast.Throw = null;
        _forecast.Answer = RuleForecastResult.Failed(RuleForecastStatus.MewsFailed, "Mews could not be read: 500. Nothing was changed; try again.");
        await cut.Find("[data-testid=forecast-run]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("Mews could not be read: 500. Nothing was changed; try again.", cut.Find("[data-testid=forecast-error]").TextContent.Trim()));
        Assert.Equal(2, _forecast.Requests.Count);
    }

    [Fact]
    public async Task LeavingThePage_CancelsTheRunningForecast()
    {
        _forecast.WaitForCancellation = true;
        var cut = Render();

        _ = cut.Find("[data-testid=forecast-run]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Reading Mews", cut.Find("[data-testid=forecast-run]").TextContent, StringComparison.Ordinal));
        var token = Assert.Single(_forecast.Tokens);
        Assert.False(token.IsCancellationRequested);

        await DisposeComponentsAsync();

        Assert.True(token.IsCancellationRequested);
        var run = Assert.Single(_forecast.Runs);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private sealed class FakeForecast : IRuleForecast
    {
        public List<RuleForecastRequest> Requests { get; } = [];
        public List<CancellationToken> Tokens { get; } = [];
        public List<Task> Runs { get; } = [];
        public RuleForecastResult Answer { get; set; } = RuleForecastResult.Failed(RuleForecastStatus.Unavailable, "not set");
        public Exception? Throw { get; set; }

        /// <summary>Like a Mews read that only ends when cancelled.</summary>
        public bool WaitForCancellation { get; set; }

        public Task<RuleForecastResult> RunAsync(RuleForecastRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            Tokens.Add(cancellationToken);
            var run = Throw is { } e ? Task.FromException<RuleForecastResult>(e)
                : WaitForCancellation ? WaitAsync(cancellationToken)
                : Task.FromResult(Answer);
            Runs.Add(run);
            return run;
        }

        private async Task<RuleForecastResult> WaitAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return Answer;
        }
    }
}
