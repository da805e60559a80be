using FluentValidation;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.Administration;

/// <summary>One line of the Properties grid; <paramref name="RuleCount"/> &gt; 0 locks the code.</summary>
public sealed record PropertyAdminRow(int Id, string Code, string Name, string CurrencyCode, string TimeZone,
    Guid? MewsEnterpriseId, Guid? MewsChainId, bool IsActive, int RuleCount);

public sealed class PropertyForm
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = "UTC";
    public bool IsActive { get; set; } = true;
    /// <summary>Read-only context: how many upsell rules the property has (the code cannot change when &gt; 0).</summary>
    public int RuleCount { get; set; }

    public static PropertyForm From(PropertyAdminRow row) => new()
    {
        Id = row.Id, Code = row.Code, Name = row.Name, TimeZone = row.TimeZone, IsActive = row.IsActive, RuleCount = row.RuleCount,
    };
}

public sealed class PropertyFormValidator : AbstractValidator<PropertyForm>
{
    public PropertyFormValidator()
    {
        RuleFor(f => f.Code).NotEmpty().WithMessage("Enter a code.")
            .MaximumLength(Property.CodeMaxLength).WithMessage($"The code has at most {Property.CodeMaxLength} characters.");
        RuleFor(f => f.Name).NotEmpty().WithMessage("Enter a name.")
            .MaximumLength(Property.NameMaxLength).WithMessage($"The name has at most {Property.NameMaxLength} characters.");
        RuleFor(f => f.TimeZone).NotEmpty().WithMessage("Enter a time zone, e.g. Europe/London.")
            .MaximumLength(Property.TimeZoneMaxLength).WithMessage($"The time zone has at most {Property.TimeZoneMaxLength} characters.")
            .Must(IsKnownTimeZone).WithMessage(f => $"\"{f.TimeZone}\" is not a time zone this server knows. Use an IANA id such as Europe/London or America/New_York.");
    }

    public static bool IsKnownTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}

public interface IPropertyAdministrationService
{
    Task<IReadOnlyList<PropertyAdminRow>> GetAllAsync(CancellationToken cancellationToken = default);

    Task<AdminResult> UpdateAsync(PropertyForm form, CancellationToken cancellationToken = default);
}
