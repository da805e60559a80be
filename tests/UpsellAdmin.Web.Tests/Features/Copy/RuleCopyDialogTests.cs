using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using UpsellAdmin.Web.Features.Copy;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Copy;

public sealed class RuleCopyDialogTests : UiTestContext
{
    private readonly FakeRuleCopyService _copy = new();

    public RuleCopyDialogTests() => Services.AddSingleton<IRuleCopyService>(_copy);

    private async Task<IDialogReference> OpenAsync()
    {
        RenderProviders();
        var service = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<RuleCopyDialog>
        {
            { d => d.SourcePropertyId, FakeRuleCopyService.Source.Id },
            { d => d.RuleIds, (IReadOnlyList<int>)[1, 2] },
        };
        IDialogReference? reference = null;
        await Dialogs.InvokeAsync(async () => reference = await service.ShowAsync<RuleCopyDialog>("Copy", parameters));
        Dialogs.WaitForElement("[data-testid=copy-target-TGA]");
        return reference!;
    }

    private void PickTargetsAndPreview()
    {
        CheckBox(Dialogs, "copy-target-TGA").Change(true);
        CheckBox(Dialogs, "copy-target-TGB").Change(true);
        Dialogs.Find("[data-testid=copy-preview-button]").Click();
        Dialogs.WaitForElement("[data-testid=copy-preview-TGA]");
    }

    private string Outcome(string target, string rule) =>
        Dialogs.Find($"[data-testid=copy-rule-{target}-{rule}] [data-testid=copy-outcome]").TextContent.Trim();

    [Fact]
    public async Task Preview_NamesEachConflictWithItsDefaultChoice()
    {
        await OpenAsync();
        Assert.True(Dialogs.Find("[data-testid=copy-preview-button]").HasAttribute("disabled"));

        PickTargetsAndPreview();

        Assert.Contains("0 copied as is, 0 copied with changes, 4 skipped", Dialogs.Find("[data-testid=copy-summary]").TextContent);
        var conflict = Dialogs.Find("[data-testid=copy-conflict-TGA-R1-ToRoomTypeMissing]");
        Assert.Contains("To room type TWN does not exist in TGA", conflict.TextContent);
        Assert.Equal("Skip", conflict.QuerySelector("[data-testid=conflict-resolution]")!.GetAttribute("value"));
        Assert.Equal("Skip", Outcome("TGA", "R1"));
        Assert.Contains("Apply to all like this (4)", conflict.TextContent);
        Assert.True(Dialogs.Find("[data-testid=copy-apply-button]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Preview_MapAndApplyToAllLikeThis_ResolvesEveryTargetAndApplySendsTheChoices()
    {
        await OpenAsync();
        PickTargetsAndPreview();

        Dialogs.Find("[data-testid=copy-conflict-TGA-R1-ToRoomTypeMissing] [data-testid=conflict-resolution]").Change("Map");
        Dialogs.Find("[data-testid=copy-conflict-TGA-R1-ToRoomTypeMissing] [data-testid=conflict-map-to]").Change("PRS");
        Dialogs.WaitForAssertion(() => Assert.Equal("Create", Outcome("TGA", "R1")));
        Assert.Contains("KNG → PRS", Dialogs.Find("[data-testid=copy-rule-TGA-R1]").TextContent);
        Assert.Equal("Skip", Outcome("TGA", "R2"));

        Dialogs.Find("[data-testid=copy-conflict-TGA-R1-ToRoomTypeMissing] [data-testid=conflict-apply-all]").Click();

        Dialogs.WaitForAssertion(() => Assert.Equal("Create", Outcome("TGA", "R2")));
        Assert.Contains("0 copied as is, 4 copied with changes, 0 skipped", Dialogs.Find("[data-testid=copy-summary]").TextContent);
        Dialogs.Find("[data-testid=copy-apply-button]").Click();

        Dialogs.WaitForElement("[data-testid=copy-result-TGB]");
        var decisions = _copy.Applied!.Decisions;
        Assert.Equal(4, decisions.Count);
        Assert.All(decisions, d => Assert.Equal((CopyResolution.Map, "PRS"), (d.Resolution, d.MapTo)));
        Assert.Contains("2 created", Dialogs.Find("[data-testid=copy-result-TGA]").TextContent);
    }

    [Fact]
    public async Task Close_AfterApply_ReturnsTheResult()
    {
        var reference = await OpenAsync();
        PickTargetsAndPreview();
        Dialogs.Find("[data-testid=copy-conflict-TGA-R1-ToRoomTypeMissing] [data-testid=conflict-resolution]").Change("Map");
        Dialogs.Find("[data-testid=copy-conflict-TGA-R1-ToRoomTypeMissing] [data-testid=conflict-map-to]").Change("PRS");
        Dialogs.Find("[data-testid=copy-apply-button]").Click();
        Dialogs.WaitForElement("[data-testid=copy-close-button]").Click();

        var result = await reference.Result;

        Assert.False(result!.Canceled);
        Assert.IsType<RuleCopyApplyResult>(result.Data);
    }
}
