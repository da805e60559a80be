using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Tests.TestSupport;

public sealed class FakePropertyService : IPropertyService
{
    public List<PropertySummary> Visible { get; } = [DemoLookups.Hotel, DemoLookups.Other];

    public Task<IReadOnlyList<PropertySummary>> GetVisibleAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PropertySummary>>(Visible.ToList());

    public Task<IReadOnlyList<PropertySummary>> GetEditableAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PropertySummary>>(Visible.ToList());

    public Task<PropertySummary?> GetAsync(int propertyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Visible.FirstOrDefault(p => p.Id == propertyId));
}
