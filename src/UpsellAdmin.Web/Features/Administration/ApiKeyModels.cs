using FluentValidation;

namespace UpsellAdmin.Web.Features.Administration;

/// <summary>One line of the API Keys grid. <see cref="Id"/> is null for keys that are not stored (from the
/// <c>Api:Clients</c> setting, or demo mode's): they cannot be revoked here.</summary>
public sealed record ApiKeyRow(
    int? Id,
    string Name,
    string? Prefix,
    ApiScopes Scopes,
    bool AllProperties,
    IReadOnlyList<string> PropertyCodes,
    DateTimeOffset? CreatedUtc,
    string? CreatedBy,
    DateTimeOffset? LastUsedUtc,
    DateTimeOffset? RevokedUtc,
    string? RevokedBy,
    ApiKeySource Source)
{
    public bool IsRevoked => RevokedUtc is not null;

    public string StatusText => Source switch
    {
        ApiKeySource.Configured => "Configured",
        ApiKeySource.Demo => "Demo mode",
        _ => IsRevoked ? "Revoked" : "Active",
    };

    public string ScopesText => string.Join(", ", ApiScopeNames.Names(Scopes));

    public string PropertiesText => AllProperties ? "All properties" : PropertyCodes.Count == 0 ? "None" : string.Join(", ", PropertyCodes);
}

/// <summary>The Create dialog's model.</summary>
public sealed class ApiKeyForm
{
    public string Name { get; set; } = "";
    public bool Read { get; set; }
    public bool Quote { get; set; }
    public bool Sell { get; set; }
    public bool Copy { get; set; }
    public bool AllProperties { get; set; }
    public IEnumerable<string> PropertyCodes { get; set; } = [];

    public ApiScopes Scopes =>
        (Read ? ApiScopes.Read : 0) | (Quote ? ApiScopes.Quote : 0) | (Sell ? ApiScopes.Sell : 0) | (Copy ? ApiScopes.Copy : 0);
}

/// <summary>A key just created: the key itself is in <see cref="Key"/> and nowhere else, ever.</summary>
public sealed record ApiKeyCreated(AdminResult Result, string? Key, string? Prefix)
{
    public static ApiKeyCreated Fail(AdminResult result) => new(result, null, null);
}

/// <summary>What the dialog checks as the administrator types; the service checks again and adds uniqueness.</summary>
public sealed class ApiKeyFormValidator : AbstractValidator<ApiKeyForm>
{
    /// <summary>Letters, digits, spaces and . _ - (the name lands in logs, the audit and Upsell Activity).</summary>
    public const string NamePattern = @"^[\p{L}\p{Nd}][\p{L}\p{Nd} ._-]*\z";

    public ApiKeyFormValidator()
    {
        RuleFor(f => f.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a name: who uses the key, e.g. booking-engine. It is what Upsell Activity and the audit show.")
            .MaximumLength(ApiKey.NameMaxLength).WithMessage($"A name is at most {ApiKey.NameMaxLength} characters.")
            .Matches(NamePattern).WithMessage("Use letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit.")
            .Must(n => !ApiKeyDirectory.IsReservedName(n)).WithMessage(f => $"'{f.Name.Trim()}' is reserved (demo mode's keys and the unnamed keys of the settings); choose another name.");
        RuleFor(f => f.Scopes).NotEqual(ApiScopes.None).WithMessage("Choose at least one scope: read, quote, sell or copy.");
        RuleFor(f => f.PropertyCodes).Must((f, codes) => f.AllProperties || codes.Any())
            .WithMessage("Choose the properties the key may touch, or All properties.");
    }
}

public interface IApiKeyAdministrationService
{
    Task<IReadOnlyList<ApiKeyRow>> GetKeysAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PropertyChoice>> GetPropertyChoicesAsync(CancellationToken cancellationToken = default);

    Task<ApiKeyCreated> CreateAsync(ApiKeyForm form, CancellationToken cancellationToken = default);

    Task<AdminResult> RevokeAsync(int id, CancellationToken cancellationToken = default);
}
