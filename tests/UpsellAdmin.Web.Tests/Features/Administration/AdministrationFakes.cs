using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.Administration;
using UpsellAdmin.Web.Tests.TestSupport;

namespace UpsellAdmin.Web.Tests.Features.Administration;

public sealed class FakeUserAdministrationService : IUserAdministrationService
{
    public List<UserAdminRow> Rows { get; } =
    [
        new("1", "ada@hotel.test", "Ada Admin", Roles.Administrator, ["HTL1", "HTL2"], true, false),
        new("2", "frankie@hotel.test", "Frankie", Roles.FrontDesk, ["HTL1"], false, true),
    ];

    public AdminResult LockResult { get; set; } = AdminResult.Ok;
    public List<UserForm> Saved { get; } = [];

    public Task<IReadOnlyList<UserAdminRow>> GetUsersAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<UserAdminRow>>(Rows);

    public Task<IReadOnlyList<PropertyChoice>> GetPropertyChoicesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PropertyChoice>>([new(1, "HTL1", "Hotel One", true), new(2, "HTL2", "Hotel Two", false)]);

    public Task<AdminResult> CreateAsync(UserForm form, CancellationToken cancellationToken = default) => Save(form);

    public Task<AdminResult> UpdateAsync(UserForm form, CancellationToken cancellationToken = default) => Save(form);

    public Task<AdminResult> ResetPasswordAsync(string userId, string newPassword, CancellationToken cancellationToken = default) =>
        Task.FromResult(AdminResult.Ok);

    public Task<AdminResult> SetLockedOutAsync(string userId, bool lockedOut, CancellationToken cancellationToken = default) =>
        Task.FromResult(LockResult);

    private Task<AdminResult> Save(UserForm form)
    {
        Saved.Add(form);
        return Task.FromResult(AdminResult.Ok);
    }
}

public sealed class FakePropertyAdministrationService : IPropertyAdministrationService
{
    public List<PropertyAdminRow> Rows { get; } =
    [
        new(1, "HTL1", "Hotel One", "USD", "America/New_York", Guid.NewGuid(), Guid.NewGuid(), true, 3),
        new(2, "HTL2", "Hotel Two", "EUR", "Europe/Paris", null, null, false, 0),
    ];

    public List<PropertyForm> Saved { get; } = [];

    public Task<IReadOnlyList<PropertyAdminRow>> GetAllAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PropertyAdminRow>>(Rows);

    public Task<AdminResult> UpdateAsync(PropertyForm form, CancellationToken cancellationToken = default)
    {
        Saved.Add(form);
        return Task.FromResult(AdminResult.Ok);
    }
}
