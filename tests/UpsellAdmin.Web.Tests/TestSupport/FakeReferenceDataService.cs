using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Tests.TestSupport;

public sealed class FakeReferenceDataService : IReferenceDataService
{
    public Task<PropertyLookups> GetLookupsAsync(int propertyId, CancellationToken cancellationToken = default) =>
        propertyId switch
        {
            1 => Task.FromResult(DemoLookups.For(DemoLookups.Hotel)),
            2 => Task.FromResult(DemoLookups.For(DemoLookups.Other)),
            _ => throw new KeyNotFoundException($"No property {propertyId}"),
        };
}
