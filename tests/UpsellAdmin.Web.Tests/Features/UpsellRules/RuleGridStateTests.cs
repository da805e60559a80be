using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Tests.Features.UpsellRules;

/// <summary>The Rules grid's state in the URL and the per-user column layout (issue 15).</summary>
public sealed class RuleGridStateTests
{
    [Fact]
    public void Url_RoundTrips_CriteriaPageSizeAndSort()
    {
        var state = new RuleGridState
        {
            CodeOrDescription = "STD & co",
            RoomClassRules = true,
            StayDate = new DateOnly(2027, 3, 7),
            FromRoomType = "STD",
            Membership = "GOLD/PLAT",
            Market = "LEI",
            Weekday = nameof(DayOfWeek.Saturday),
            Page = 1,
            PageSize = 50,
            SortBy = nameof(UpsellRuleRow.BeginDate),
            Descending = true,
        };

        var url = state.ToUrl();

        Assert.StartsWith("/upsell-rules?", url, StringComparison.Ordinal);
        Assert.Contains("page=2", url, StringComparison.Ordinal);
        Assert.Equal(state, RuleGridState.FromUri("https://host" + url));
    }

    [Fact]
    public void DefaultState_IsThePlainGridUrl()
    {
        Assert.Equal("/upsell-rules", new RuleGridState().ToUrl());
        Assert.Equal(new RuleGridState(), RuleGridState.FromUri("https://host/upsell-rules"));
    }

    [Theory]
    [InlineData("?page=0&size=7&sort=Hacked&dir=desc&stay=2027-13-45&day=Caturday", 0, RuleGridState.DefaultPageSize)]
    [InlineData("?page=-3&size=abc", 0, RuleGridState.DefaultPageSize)]
    [InlineData("?page=3&size=100", 2, 100)]
    public void MalformedValues_ReadAsDefaults(string query, int page, int size)
    {
        var state = RuleGridState.FromUri("https://host/upsell-rules" + query);

        Assert.Equal(page, state.Page);
        Assert.Equal(size, state.PageSize);
        Assert.Null(state.StayDate);
        Assert.Null(state.Weekday);
        Assert.Null(state.SortBy);
        Assert.False(state.Descending);
    }

    [Fact]
    public void Highlight_IsRead_ButNeverWrittenBack()
    {
        var state = RuleGridState.FromUri("https://host/upsell-rules?q=GR&page=2&highlight=42");

        Assert.Equal(42, state.Highlight);
        Assert.Equal("/upsell-rules?q=GR&page=2", state.ToUrl());
    }

    [Fact]
    public void EditLink_CarriesTheGridUrl_AndComesBackWithTheHighlight()
    {
        var grid = new RuleGridState { CodeOrDescription = "GR", Page = 1 }.ToUrl();

        var edit = RuleGridReturn.EditUrl(3, 9, grid);
        var back = RuleGridReturn.BackUrl(Uri.UnescapeDataString(edit[(edit.IndexOf('=') + 1)..]), 9);

        var restored = RuleGridState.FromUri("https://host" + back);
        Assert.Equal("GR", restored.CodeOrDescription);
        Assert.Equal(1, restored.Page);
        Assert.Equal(9, restored.Highlight);
    }

    [Fact]
    public void Property_TravelsInTheUrl_AndInTheEditLinksReturnUrl()
    {
        var state = RuleGridState.FromUri("https://host/upsell-rules?property=DEMO2&q=GR&page=2&highlight=17");

        Assert.Equal("DEMO2", state.Property);
        Assert.Equal("/upsell-rules?property=DEMO2&q=GR&page=2", state.ToUrl());
        Assert.Equal(state with { Highlight = null }, RuleGridState.FromUri("https://host" + state.ToUrl()));

        var edit = RuleGridReturn.EditUrl(3, 9, state.ToUrl());
        var back = RuleGridReturn.BackUrl(Uri.UnescapeDataString(edit[(edit.IndexOf('=') + 1)..]), 9);
        Assert.Equal("DEMO2", RuleGridState.FromUri("https://host" + back).Property);
    }

    [Fact]
    public void SameGridAs_IgnoresTheHighlight_ButNotTheProperty()
    {
        var state = new RuleGridState { Property = "DEMO1", CodeOrDescription = "GR", Page = 2 };

        Assert.True(state.SameGridAs(state with { Highlight = 5 }));
        Assert.False(state.SameGridAs(state with { Property = "DEMO2" }));
        Assert.False(state.SameGridAs(new RuleGridState { Property = "DEMO1" }));
    }

    [Fact]
    public void Layout_FromStored_DropsUnknownAndRepeatedColumns()
    {
        var stored = new RuleGridColumnLayout(["markets", "nonsense", "amount", "markets"]);

        Assert.Equal([RuleGridColumns.Markets, RuleGridColumns.Amount], RuleGridColumnLayout.From(stored).Shown);
        Assert.Same(RuleGridColumnLayout.Default, RuleGridColumnLayout.From(null));
    }

    [Fact]
    public void Layout_HideMoveAndShowAgain()
    {
        var layout = RuleGridColumnLayout.Default.Toggle(RuleGridColumns.Type).Move(RuleGridColumns.Amount, -1);

        Assert.DoesNotContain(RuleGridColumns.Type, layout.Shown);
        Assert.Equal([RuleGridColumns.From, RuleGridColumns.Amount, RuleGridColumns.To], layout.Shown.Take(3));
        Assert.False(layout.IsDefault);
        Assert.Equal(layout.Shown, layout.Move(RuleGridColumns.From, -1).Shown); // the first column cannot move left

        var shownAgain = layout.Toggle(RuleGridColumns.Type);
        Assert.Contains(RuleGridColumns.Type, shownAgain.Shown);
        Assert.Equal(RuleGridColumns.Default.Count, shownAgain.Shown.Count);
    }

    [Fact]
    public void EveryColumn_HasItsConceptTitle()
    {
        Assert.Equal("Upsell Amount", RuleGridColumns.Title(RuleGridColumns.Amount));
        Assert.Equal("Days of Week", RuleGridColumns.Title(RuleGridColumns.DaysOfWeek));
        Assert.Equal("Markets", RuleGridColumns.Title(RuleGridColumns.Markets));
        Assert.Equal("Channels", RuleGridColumns.Title(RuleGridColumns.Channels));
        Assert.All(RuleGridColumns.Default, id => Assert.NotEqual(id, RuleGridColumns.Title(id)));
    }
}
