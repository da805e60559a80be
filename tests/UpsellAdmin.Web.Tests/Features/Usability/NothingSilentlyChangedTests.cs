using Microsoft.AspNetCore.Components;
using UpsellAdmin.Web.Components.Shared;
using UpsellAdmin.Web.Features.Loyalty;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Usability;

/// <summary>Issue 15: what the user typed is accepted or refused with a reason; a switch can be refused by a page.</summary>
public sealed class NothingSilentlyChangedTests
{
    [Fact]
    public async Task BookedOnAfterArrival_IsRefused_WithBothDates()
    {
        var input = StayQuoteInput.Default(1, new DateOnly(2027, 3, 1));
        input.RoomType = "STD";
        input.RateCode = "BAR";
        input.BookedOn = new DateTime(2027, 3, 9);

        var result = await new StayQuoteInputValidator().ValidateAsync(input, TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Errors, e => e.PropertyName == nameof(StayQuoteInput.BookedOn));
        Assert.Equal("Booked On (2027-03-09) is after Arrival (2027-03-02): a reservation is booked on or before its arrival.", error.ErrorMessage);
    }

    [Fact]
    public async Task BookedOnTheDayOfArrival_IsFine()
    {
        var input = StayQuoteInput.Default(1, new DateOnly(2027, 3, 1));
        input.RoomType = "STD";
        input.RateCode = "BAR";
        input.BookedOn = input.Arrival;

        var result = await new StayQuoteInputValidator().ValidateAsync(input, TestContext.Current.CancellationToken);

        Assert.True(result.IsValid, string.Join(" ", result.Errors));
    }

    [Fact]
    public async Task TwoNewTiersOfAProgramWithTheSameOrdering_AreRefused()
    {
        var batch = new LoyaltyTierBatch
        {
            Items =
            [
                new LoyaltyTierForm { ProgramId = "p", Name = "Gold", Code = "G", Ordering = 2 },
                new LoyaltyTierForm { ProgramId = "p", Name = "Silver", Code = "S", Ordering = 2 },
                new LoyaltyTierForm { ProgramId = "q", Name = "Other", Code = "O", Ordering = 2 },
            ],
        };

        var result = await new LoyaltyTierBatchValidator().ValidateAsync(batch, TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Items[1].Ordering", error.PropertyName);
        Assert.Equal("Ordering 2 is already used by Gold in this list: each tier of a program needs its own number.", error.ErrorMessage);
    }

    [Fact]
    public async Task PropertySwitch_RefusedByALeaveGuard_KeepsTheCurrentProperty_UntilTheGuardIsRemoved()
    {
        var properties = new FakePropertyService();
        var navigation = new TestNavigation();
        var state = new CurrentPropertyState(properties, navigation);
        await state.EnsureLoadedAsync(TestContext.Current.CancellationToken);
        var first = state.Current!;
        var other = properties.Visible.First(p => p.Id != first.Id);
        var changed = 0;
        state.Changed += () => { changed++; return Task.CompletedTask; };
        string? asked = null;
        var guard = LeaveGuards.For(navigation).Add(action => { asked = action; return Task.FromResult(false); });

        Assert.False(await state.SelectAsync(other.Id));
        Assert.Equal(first, state.Current);
        Assert.Equal("switch property", asked);
        Assert.Equal(0, changed);

        guard.Dispose();
        Assert.True(await state.SelectAsync(other.Id));
        Assert.Equal(other, state.Current);
        Assert.Equal(1, changed);
    }

    private sealed class TestNavigation : NavigationManager
    {
        public TestNavigation() => Initialize("http://localhost/", "http://localhost/");
    }
}
