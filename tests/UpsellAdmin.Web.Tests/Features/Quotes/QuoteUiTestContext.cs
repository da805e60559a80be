using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using UpsellAdmin.Web.Features.Quotes;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Quotes;

/// <summary>
/// The shared <see cref="UiTestContext"/> plus what the Quotes screens need: the fake quote service, the real stay
/// validator and a fixed clock (registered here, before <see cref="UiTestContext.RenderProviders"/> touches the renderer).
/// </summary>
public abstract class QuoteUiTestContext : UiTestContext
{
    protected FakeQuoteService QuoteService { get; } = new();

    protected QuoteUiTestContext()
    {
        Services.AddSingleton<IQuoteService>(QuoteService);
        Services.AddSingleton<IValidator<StayQuoteInput>, StayQuoteInputValidator>();
        Services.AddSingleton<TimeProvider>(new FixedClock());
    }
}
