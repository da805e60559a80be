namespace UpsellAdmin.Web.Features.Properties;

public sealed record PropertySummary(int Id, string Code, string Name, string CurrencyCode, string TimeZone);

public interface IPropertyService
{
    /// <summary>The properties the current user may see (Administrators: all), ordered by code.</summary>
    Task<IReadOnlyList<PropertySummary>> GetVisibleAsync(CancellationToken cancellationToken = default);

    /// <summary>The properties the current user may change (empty for FrontDesk).</summary>
    Task<IReadOnlyList<PropertySummary>> GetEditableAsync(CancellationToken cancellationToken = default);

    /// <summary>One property if the current user may see it, else null.</summary>
    Task<PropertySummary?> GetAsync(int propertyId, CancellationToken cancellationToken = default);
}
