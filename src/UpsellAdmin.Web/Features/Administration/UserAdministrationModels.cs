using FluentValidation;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Accounts;

namespace UpsellAdmin.Web.Features.Administration;

/// <summary>One line of the Users grid. <paramref name="PropertyCodes"/> empty with <paramref name="AllProperties"/>
/// false: the user sees no property.</summary>
public sealed record UserAdminRow(string Id, string Email, string DisplayName, string? Role, IReadOnlyList<string> PropertyCodes,
    bool AllProperties, bool IsLockedOut);

/// <summary>A property to pick in the user dialog (inactive ones are listed too: an administrator may pre-assign).</summary>
public sealed record PropertyChoice(int Id, string Code, string Name, bool IsActive);

/// <summary>The outcome of an administration action: messages per field ("" = the whole form), in plain words.</summary>
public sealed record AdminResult(IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public string Message => string.Join(" ", Errors.Select(e => e.Message));

    public static readonly AdminResult Ok = new([]);

    public static AdminResult Fail(string message, string field = "") => new([new FieldError(field, message)]);
}

/// <summary>New user (<see cref="IsNew"/>) or Edit (email and password are then not used).</summary>
public sealed class UserForm
{
    public string? Id { get; set; }
    public bool IsNew => Id is null;
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = Roles.FrontDesk;
    public string Password { get; set; } = "";
    public bool AllProperties { get; set; }
    public IEnumerable<string> PropertyCodes { get; set; } = [];

    public static UserForm From(UserAdminRow row) => new()
    {
        Id = row.Id, Email = row.Email, DisplayName = row.DisplayName, Role = row.Role ?? Roles.FrontDesk,
        AllProperties = row.AllProperties, PropertyCodes = row.PropertyCodes.ToList(),
    };
}

/// <summary>Field rules the dialog shows as the user types; password rules are Identity's own (checked on save).</summary>
public sealed class UserFormValidator : AbstractValidator<UserForm>
{
    public UserFormValidator()
    {
        When(f => f.IsNew, () =>
        {
            RuleFor(f => f.Email).NotEmpty().WithMessage("Enter the user's email address.")
                .EmailAddress().WithMessage("Enter a valid email address, e.g. name@hotel.com.")
                .MaximumLength(256);
            RuleFor(f => f.Password).NotEmpty().WithMessage("Enter an initial password.");
        });
        RuleFor(f => f.DisplayName).NotEmpty().WithMessage("Enter the name shown in the app bar.")
            .MaximumLength(AppUser.DisplayNameMaxLength).WithMessage($"The name has at most {AppUser.DisplayNameMaxLength} characters.");
        RuleFor(f => f.Role).Must(r => Roles.All.Contains(r)).WithMessage("Choose Administrator, Revenue Manager or Front Desk.");
    }
}

public interface IUserAdministrationService
{
    Task<IReadOnlyList<UserAdminRow>> GetUsersAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PropertyChoice>> GetPropertyChoicesAsync(CancellationToken cancellationToken = default);

    Task<AdminResult> CreateAsync(UserForm form, CancellationToken cancellationToken = default);

    Task<AdminResult> UpdateAsync(UserForm form, CancellationToken cancellationToken = default);

    Task<AdminResult> ResetPasswordAsync(string userId, string newPassword, CancellationToken cancellationToken = default);

    Task<AdminResult> SetLockedOutAsync(string userId, bool lockedOut, CancellationToken cancellationToken = default);
}
